"""The matcher agrees with the real EventBridge TestEventPattern API on the 155 AWS-validated cases.

The cases are test data of the repository (``tests/eventpattern/aws/``, with their source): every clone runs
them, and a missing file fails this test.
"""

from __future__ import annotations

from ctrules.eventpattern.match import InvalidPatternError, matches
from tests.eventpattern.aws_cases import load_aws_cases


def test_every_aws_validated_case() -> None:
    wrong = []
    for case in load_aws_cases():
        try:
            got: bool | str = matches(case["pattern"], case["event"])
        except InvalidPatternError:
            got = "invalid"
        if got != case["expect"]:
            wrong.append((case["id"], case["expect"], got))
    assert wrong == []
