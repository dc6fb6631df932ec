"""The matcher agrees with the real EventBridge TestEventPattern API on the 155 AWS-validated cases.

The cases live beside the repository (``../shared/conformance/``, see its README); a user's clone has none,
and then this test is skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctrules.eventpattern.match import InvalidPatternError, matches

CASES_FILE = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "eventbridge-pattern-cases.jsonl"


@pytest.mark.skipif(not CASES_FILE.is_file(), reason=f"conformance cases not found at {CASES_FILE}")
def test_every_aws_validated_case() -> None:
    cases = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) == 155
    wrong = []
    for case in cases:
        try:
            got: bool | str = matches(case["pattern"], case["event"])
        except InvalidPatternError:
            got = "invalid"
        if got != case["expect"]:
            wrong.append((case["id"], case["expect"], got))
    assert wrong == []
