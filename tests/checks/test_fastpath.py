"""The fast path never disagrees with the full checks: when it says "clean", every check says nothing."""

from __future__ import annotations

import random
from typing import Any

import pytest

from ctrules import catalog
from ctrules.catalog import DETAIL_TYPES, READ_ONLY_RULE_STATE
from ctrules.checks import RuleContext, _check, _plain, check_pattern
from ctrules.checks.fastpath import certainly_clean

EVENTS = list(catalog.all_events())
DTS = list(DETAIL_TYPES.values())
EXTRA_DETAIL: list[dict[str, Any]] = [
    {},
    {"userIdentity": {"type": ["Root"]}},
    {"errorCode": ["AccessDenied"]},
    {"eventname": ["x"]},
    {"eventType": ["AwsApiCall"]},
    {"awsRegion": ["us-east-1"]},
]


def random_case(rng: random.Random) -> tuple[dict[str, Any], RuleContext]:
    picks = rng.sample(EVENTS, rng.choice([1, 1, 1, 2, 3]))
    first = picks[0]
    pattern: dict[str, Any] = {}
    source_kind = rng.random()
    if source_kind < 0.7:
        pattern["source"] = sorted({e.source for e in picks})
    elif source_kind < 0.8:
        pattern["source"] = [rng.choice(EVENTS).source]
    elif source_kind < 0.85:
        pattern["source"] = [first.source.replace("a", "e", 1)]
    dt_kind = rng.random()
    if dt_kind < 0.75:
        pattern["detail-type"] = sorted({dt for e in picks for dt in e.detail_types})
    elif dt_kind < 0.9:
        pattern["detail-type"] = rng.sample(DTS, rng.choice([1, 2]))
    elif dt_kind < 0.95:
        pattern["detail-type"] = ["AWS Console Signin via CloudTrail"]
    detail: dict[str, Any] = dict(rng.choice(EXTRA_DETAIL))
    if rng.random() < 0.4:
        detail["eventSource"] = sorted({e.event_source for e in picks})
    names = [e.event_name for e in picks]
    if rng.random() < 0.05:
        names[0] = names[0].lower()
    if rng.random() < 0.9:
        detail["eventName"] = names
    if detail:
        pattern["detail"] = detail
    ctx = RuleContext(
        region=rng.choice([None, "us-east-1", "eu-west-1", "us-west-2"]),
        state=rng.choice([None, None, READ_ONLY_RULE_STATE, "DISABLED", "ENABLED"]),
        default_bus=rng.random() < 0.85,
    )
    return pattern, ctx


CASES = [random_case(random.Random(seed)) for seed in range(3000)]


def test_fast_path_agrees_with_the_full_checks() -> None:
    fast = 0
    for pattern, ctx in CASES:
        if not pattern:
            continue
        full = _check(pattern, ctx, set(), _plain(pattern))
        if _plain(pattern) and certainly_clean(pattern, ctx):
            fast += 1
            assert full == [], (pattern, ctx, full)
        assert check_pattern(pattern, ctx) == full
    # Not a vacuous test: the shortcut is taken often, and often refused.
    assert 0.2 * len(CASES) < fast < 0.9 * len(CASES)


@pytest.mark.parametrize(
    ("pattern", "ctx"),
    [
        ({"source": ["aws.ec2"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["RunInstances"]}},
         RuleContext(region="eu-west-1")),
        ({"source": ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["CreateUser"]}},
         RuleContext(region="us-east-1")),
    ],
)  # fmt: skip
def test_common_clean_patterns_take_the_shortcut(pattern: dict[str, Any], ctx: RuleContext) -> None:
    assert certainly_clean(pattern, ctx)


@pytest.mark.parametrize(
    ("pattern", "ctx"),
    [
        ({"source": ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["CreateUser"]}},
         RuleContext(region="eu-west-1")),
        ({"source": ["aws.organizations"], "detail-type": ["AWS API Call via CloudTrail"],
          "detail": {"eventName": ["CreateAccountResult"]}}, RuleContext(region="us-east-1")),
        ({"source": ["aws.ec2"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["DescribeInstances"]}},
         RuleContext(region="us-east-1")),
        ({"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["PutObject"]}},
         RuleContext(region="us-east-1")),
    ],
)  # fmt: skip
def test_patterns_with_findings_never_take_the_shortcut(pattern: dict[str, Any], ctx: RuleContext) -> None:
    assert not certainly_clean(pattern, ctx)
    assert check_pattern(pattern, ctx)


def test_or_branches_take_the_shortcut_only_when_it_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctrules.checks as checks_module

    rng = random.Random(7)
    or_cases: list[tuple[dict[str, Any], RuleContext]] = []
    for _ in range(1500):
        (a, ctx), (b, _) = random_case(rng), random_case(rng)
        top = {k: v for k, v in a.items() if k != "detail"}
        alternatives = [d for d in (a.get("detail"), b.get("detail")) if d]
        if len(alternatives) == 2:
            or_cases.append(({**top, "detail": {"$or": alternatives}}, ctx))
    fast = [check_pattern(p, ctx) for p, ctx in or_cases]
    monkeypatch.setattr(checks_module, "certainly_clean", lambda pattern, ctx: False)
    slow = [check_pattern(p, ctx) for p, ctx in or_cases]
    assert fast == slow
    assert len(or_cases) > 500
