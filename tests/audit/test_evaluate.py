"""The audit's verdict from inventories, without AWS: managed rules, unreadable patterns, trail coverage that is
unknown, organization and multi-Region trails, acknowledgement tags (live-only codes too) and ``--ignore``."""

from __future__ import annotations

import json

from ctrules.audit.collect import DeployedRule, DeployedTrail, MatchCounts, RegionInventory
from ctrules.audit.evaluate import evaluate, tag_acknowledgements, target_paths

CT = "AWS API Call via CloudTrail"
S3_PUT = json.dumps({"source": ["aws.s3"], "detail-type": [CT], "detail": {"eventName": ["PutObject"]}})
IAM = json.dumps({"source": ["aws.iam"], "detail-type": [CT], "detail": {"eventName": ["CreateUser"]}})


def rule(name: str, pattern: str | None, **kw: object) -> DeployedRule:
    fields: dict[str, object] = {
        "state": "ENABLED",
        "targets": [{"Id": "t", "Arn": "arn:aws:sqs:eu-west-1:1:q"}],
        "tags": {},
        **kw,
    }
    arn = f"arn:aws:events:eu-west-1:111122223333:rule/{name}"
    return DeployedRule("111122223333", "eu-west-1", arn, name, "default", pattern, **fields)  # type: ignore[arg-type]


def inventory(*rules: DeployedRule, trails: list[DeployedTrail] | None = None, **kw: object) -> RegionInventory:
    return RegionInventory("111122223333", "eu-west-1", ["default"], list(rules), trails or [], **kw)  # type: ignore[arg-type]


def s3_trail(**kw: object) -> DeployedTrail:
    fields: dict[str, object] = {"logging": True, "selectors": {}, "data_sources": ["s3.amazonaws.com"], **kw}
    return DeployedTrail("arn:aws:cloudtrail:us-east-1:999988887777:trail/org", "org", "us-east-1", True, True,
                         **fields)  # type: ignore[arg-type]  # fmt: skip


def codes(report: object, key: str = "findings") -> set[tuple[str, str, str]]:
    return {(r.rule.label, r.finding.code, r.finding.severity) for r in getattr(report, key)}


def test_an_organization_trail_from_the_management_account_covers_member_data_events() -> None:
    report = evaluate([inventory(rule("s3", S3_PUT), trails=[s3_trail()])])
    assert codes(report) == set()
    (covered,) = report.covered
    assert covered.trail.name == "org" and covered.trail.file.endswith(":trail/org")


def test_unknown_trail_coverage_keeps_the_template_warning() -> None:
    unread = s3_trail(logging=None, selectors=None, data_sources=[], problem="GetTrailStatus: AccessDenied")
    for inv in (inventory(rule("s3", S3_PUT), trails=[unread]), inventory(rule("s3", S3_PUT), trails_error="denied")):
        assert codes(evaluate([inv])) == {("s3", "CTR006", "warning")}
    assert codes(evaluate([inventory(rule("s3", S3_PUT))])) == {("s3", "CTR006", "error")}


def test_a_stopped_trail_covers_nothing() -> None:
    stopped = s3_trail(logging=False, data_sources=[])
    assert codes(evaluate([inventory(rule("s3", S3_PUT), trails=[stopped])])) == {("s3", "CTR006", "error")}


def test_managed_rules_are_not_checked_and_broken_patterns_are_problems() -> None:
    report = evaluate([inventory(rule("aws-owned", IAM, managed_by="config.amazonaws.com"), rule("broken", "{nope"))])
    assert codes(report) == set()
    ((_, managed),) = report.not_checked
    assert managed.label == "aws-owned" and "managed by config.amazonaws.com" in (managed.unknown or "")
    (problem,) = report.problems
    assert problem.resource == "broken" and "not JSON" in problem.message
    assert report.exit_code == 2


def test_schedule_rules_are_not_counted() -> None:
    report = evaluate([inventory(rule("nightly", None))])
    assert report.rules == 0 and report.exit_code == 0 and not report.no_rules


def test_live_findings_can_be_acknowledged_and_ignored() -> None:
    quiet = rule("quiet", S3_PUT, targets=[], matches=MatchCounts(30, 0, 0),
                 tags={"ctrules:acknowledge:CTR101": "a paused pipeline target"})  # fmt: skip
    report = evaluate([inventory(quiet, trails=[s3_trail()])])
    assert codes(report, "information") == {("quiet", "CTR102", "info")}
    assert codes(report, "acknowledged") == {("quiet", "CTR101", "info")}
    assert codes(evaluate([inventory(quiet, trails=[s3_trail()])], ignore=["CTR102"]), "information") == set()
    disabled = rule("off", IAM, matches=MatchCounts(30, 0, 0), state="DISABLED")
    assert codes(evaluate([inventory(disabled)]), "information") == set()


def test_tag_acknowledgement_forms() -> None:
    acks, problems = tag_acknowledgements(
        {
            "ctrules:acknowledge": "CTR005: forwarded from us-east-1",
            "ctrules:acknowledge:ctr006": "org trail logs it",
            "ctrules:acknowledge:CTR999": "typo",
            "team": "security",
        }
    )
    assert [(a.code, a.reason, a.where) for a in acks] == [
        ("CTR005", "forwarded from us-east-1", "tag ctrules:acknowledge"),
        ("CTR006", "org trail logs it", "tag ctrules:acknowledge:ctr006"),
    ]
    (problem,) = problems
    assert "CTR999" in problem and "not a ctrules check" in problem


def test_target_paths_in_list_targets_order() -> None:
    targets = [
        {"Id": "a", "Arn": "x", "InputPath": "$.detail"},
        {"Id": "b", "Arn": "y", "InputTransformer": {"InputPathsMap": {"u": "$.detail.userIdentity.arn"}}},
    ]
    assert target_paths(targets) == (
        ("$.detail", "Targets[0].InputPath", None),
        ("$.detail.userIdentity.arn", "Targets[1].InputTransformer.InputPathsMap.u", "u"),
    )


def test_every_region_refused_is_bad_input() -> None:
    report = evaluate([RegionInventory("111122223333", "eu-west-1", error="AccessDenied: no")])
    assert report.exit_code == 2 and "no region could be read" in report.problems[0].message


def test_a_trail_covers_one_data_event_of_a_rule_and_not_the_other() -> None:
    both = json.dumps(
        {
            "source": ["aws.s3", "aws.lambda"],
            "detail-type": [CT],
            "detail": {"eventSource": ["s3.amazonaws.com", "lambda.amazonaws.com"], "eventName": ["PutObject", "Invoke"]},
        }
    )
    report = evaluate([inventory(rule("mixed", both), trails=[s3_trail()])])
    assert [(r.finding.code, r.finding.severity, r.finding.path) for r in report.findings] == [
        ("CTR006", "error", "$.detail.eventName[1]")
    ]
    assert [(c.reported.finding.path, c.event_source) for c in report.covered] == [
        ("$.detail.eventName[0]", "s3.amazonaws.com")
    ]


def test_a_cloudformation_tag_gives_the_logical_id() -> None:
    tagged = rule("stack-Rule-1ABC", IAM, tags={"aws:cloudformation:logical-id": "IamChanges"})
    (finding,) = evaluate([inventory(tagged)]).findings
    assert (finding.rule.logical_id, finding.rule.label) == ("IamChanges", "stack-Rule-1ABC")
