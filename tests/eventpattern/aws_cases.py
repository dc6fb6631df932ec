"""The AWS-validated pattern cases (``tests/eventpattern/aws/``), for the tests that replay them.

They are test data of the repository: a missing, empty or short file fails the tests that read it (an
``AssertionError`` at collection), so no clone ever runs them on an empty parameter set.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CASES_FILE = Path(__file__).resolve().parent / "aws" / "eventbridge-pattern-cases.jsonl"
#: How many cases the file holds (see ``aws/README.md``).
CASE_COUNT = 155


def load_aws_cases() -> list[dict[str, Any]]:
    """Every case: ``id``, ``pattern``, ``event``, ``expect`` (True, False or ``"invalid"``).

    :raises AssertionError: the file is missing or does not hold :data:`CASE_COUNT` cases.
    """
    assert CASES_FILE.is_file(), f"the AWS-validated cases are missing: {CASES_FILE} (see tests/eventpattern/aws)"
    cases = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) == CASE_COUNT, f"{CASES_FILE} holds {len(cases)} cases, not {CASE_COUNT}"
    return cases
