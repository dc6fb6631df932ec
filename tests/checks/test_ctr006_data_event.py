"""CTR006 with and without the account's trails known: a warning in a template, an error when every trail was read
and none logs the data events (``ctrules audit``), silent when one does."""

from __future__ import annotations

import pytest

from ctrules.checks import check_pattern
from ctrules.checks.findings import RuleContext

S3 = {
    "source": ["aws.s3"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {"eventSource": ["s3.amazonaws.com"], "eventName": ["PutObject"]},
}
MANAGEMENT = {**S3, "detail": {"eventSource": ["s3.amazonaws.com"], "eventName": ["CreateBucket"]}}


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (RuleContext("us-east-1"), [("CTR006", "warning")]),
        (RuleContext("us-east-1", trails_known=True), [("CTR006", "error")]),
        (RuleContext("us-east-1", data_trail_sources=frozenset({"s3.amazonaws.com"}), trails_known=True), []),
        (RuleContext("us-east-1", data_trail_sources=frozenset({"lambda.amazonaws.com"}), trails_known=True),
         [("CTR006", "error")]),
    ],
    ids=["template", "no-trail", "covered", "other-source"],
)  # fmt: skip
def test_data_event_needs_a_trail(context: RuleContext, expected: list[tuple[str, str]]) -> None:
    found = check_pattern(S3, context)
    assert [(f.code, f.severity) for f in found] == expected
    if expected == [("CTR006", "error")]:
        assert "no trail that applies to this account and region logs data events of s3.amazonaws.com" in found[0].message


def test_management_events_need_no_trail() -> None:
    assert check_pattern(MANAGEMENT, RuleContext("us-east-1", trails_known=True)) == []
