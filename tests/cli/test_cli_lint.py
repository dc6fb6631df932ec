"""``ctrules lint``: output formats (text, JSON, SARIF), exit codes, --strict, --ignore, --region."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctrules.checks import CHECKS, RuleContext, check_pattern
from tests.cli.clihelp import GOOD, SEED, SEED_FIXED, WARN_ONLY, rule, run, template, write


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    return write(tmp_path / "rules.json", template(NewAccount=rule(SEED), Ok=rule(GOOD)))


# ------------------------------------------------------------------------------------------------ formats


def test_text_format(seed_file: Path) -> None:
    r = run("lint", seed_file)  # no region: the global-service check warns
    assert r.code == 1
    expected = check_pattern(SEED, RuleContext(region=None))
    assert [f.code for f in expected] == ["CTR001", "CTR005"]
    line = seed_file.read_text().splitlines().index('    "NewAccount": {') + 1
    lines = r.out.splitlines()
    # Per finding: the head line (file:line, code, severity, rule, what is wrong), then why, where and the fix
    # (in the template's own syntax: no CDK advice), indented; the summary last.
    assert [line for line in lines if not line.startswith(" ")] == [
        *(f"{seed_file}:{line}  {f.code} {f.severity}  NewAccount  {f.message.split(': ', 1)[0]}" for f in expected),
        "ctrules: 1 error, 1 warning in 2 rules from 1 file",
    ]
    for f in expected:
        head = lines.index(f"{seed_file}:{line}  {f.code} {f.severity}  NewAccount  {f.message.split(': ', 1)[0]}")
        assert lines[head + 1] == f"    why: {f.message.split(': ', 1)[1]}"
        assert lines[head + 2] == f"    at:  {f.path}"
        assert lines[head + 3].startswith("    fix: ") and "CDK" not in lines[head + 3]
    assert "    fix: use detail-type 'AWS Service Event via CloudTrail'" in lines
    assert r.err == ""


def test_json_format(seed_file: Path) -> None:
    r = run("lint", seed_file, "--region", "us-east-1", "--format", "json")
    doc = r.json()
    assert doc["summary"] == {
        "files": 1,
        "rules": 2,
        "checked": 2,
        "deploy_time": 0,
        "plan_time": 0,
        "not_checked": 0,
        "errors": 1,
        "warnings": 0,
        "acknowledged": 0,
        "covered_by_trail": 0,
        "information": 0,  # ctrules audit's live-only findings (the audit's JSON has the same shape)
        "problems": 0,
        "exit_code": 1,
    }
    (f,) = doc["findings"]
    assert f["file"] == str(seed_file)
    assert f["line"] == seed_file.read_text().splitlines().index('    "NewAccount": {') + 1
    assert {k: f[k] for k in ("resource", "logical_id", "code", "check", "severity", "path", "region")} == {
        "resource": "NewAccount",
        "logical_id": "NewAccount",
        "code": "CTR001",
        "check": "detail-type-fits-event-type",
        "severity": "error",
        "path": "$.detail.eventName[0]",
        "region": "us-east-1",
    }
    assert f["message"].startswith("eventName 'CreateAccountResult'") and f["fix"].startswith(
        "use detail-type"
    )
    assert doc["problems"] == [] and doc["empty"] == []


def validate_sarif(doc: dict[str, Any]) -> None:
    """The parts of SARIF 2.1.0 that GitHub code scanning needs, checked one by one."""
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(doc["runs"], list) and len(doc["runs"]) == 1
    run_ = doc["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "ctrules" and driver["version"]
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(CHECKS)
    assert {f"CTR00{i}" for i in range(1, 10)} <= set(CHECKS)
    for r in rules:
        info = CHECKS[r["id"]]
        assert r["shortDescription"]["text"] == info.summary
        assert r["fullDescription"]["text"] == info.help
        assert info.help in r["help"]["text"] and r["help"]["markdown"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning")
        assert r["name"].isidentifier()
    for res in run_["results"]:
        assert res["ruleId"] in CHECKS
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning")
        assert res["message"]["text"]
        (loc,) = res["locations"]
        phys = loc["physicalLocation"]
        assert phys["artifactLocation"]["uri"]
        assert isinstance(phys["region"]["startLine"], int) and phys["region"]["startLine"] >= 1
        assert [ll["kind"] for ll in loc["logicalLocations"]] == ["resource", "value"]
    (invocation,) = run_["invocations"]
    assert isinstance(invocation["executionSuccessful"], bool)


def test_sarif_format(seed_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(seed_file.parent)
    r = run("lint", seed_file.name, "--format", "sarif")
    assert r.code == 1
    doc = r.json()
    validate_sarif(doc)
    results = doc["runs"][0]["results"]
    assert [(x["ruleId"], x["level"]) for x in results] == [("CTR001", "error"), ("CTR005", "warning")]
    first = results[0]
    assert "Fix: use detail-type 'AWS Service Event via CloudTrail'" in first["message"]["text"]
    phys = first["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": "rules.json", "uriBaseId": "%SRCROOT%"}
    assert phys["region"]["startLine"] == seed_file.read_text().splitlines().index('    "NewAccount": {') + 1
    logical = first["locations"][0]["logicalLocations"]
    assert logical[0]["name"] == "NewAccount"
    assert (
        logical[1]["fullyQualifiedName"]
        == "$.Resources.NewAccount.Properties.EventPattern.detail.eventName[0]"
    )
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_sarif_outside_working_directory_and_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "work"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    good = write(tmp_path / "a b.json", template(R=rule(SEED)))
    broken = write(tmp_path / "broken.json", "{")
    r = run("lint", good, broken, "--format", "sarif", "--region", "us-east-1")
    assert r.code == 2
    doc = r.json()
    validate_sarif(doc)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.startswith("file:///") and uri.endswith("/a%20b.json")
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "broken JSON" in note["message"]["text"]


def test_sarif_with_no_findings_is_valid(tmp_path: Path) -> None:
    r = run("lint", write(tmp_path / "ok.json", template(R=rule(GOOD))), "--format", "sarif")
    assert r.code == 0
    validate_sarif(r.json())
    assert r.json()["runs"][0]["results"] == []


# ------------------------------------------------------------------------------------------------ exit codes


def test_exit_0_when_clean(tmp_path: Path) -> None:
    path = write(tmp_path / "ok.json", template(A=rule(SEED_FIXED), B=rule(GOOD)))
    assert run("lint", path, "--region", "us-east-1").code == 0


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    path = write(tmp_path / "warn.json", template(W=rule(WARN_ONLY)))
    r = run("lint", path)
    assert r.code == 0 and "CTR008 warning  W  " in r.out
    assert run("lint", path, "--strict").code == 1


@pytest.mark.parametrize(
    "ignore",
    [
        ["--ignore", "CTR001,CTR005"],
        ["--ignore", "CTR001", "--ignore", "CTR005"],
        ["--ignore", "ctr001, ctr005"],
    ],
)
def test_ignore(seed_file: Path, ignore: list[str]) -> None:
    r = run("lint", seed_file, "--strict", *ignore)
    assert r.code == 0, r.out
    assert "CTR00" not in r.out.replace("ctrules: 0 errors", "")


def test_ignore_only_what_is_named(seed_file: Path) -> None:
    r = run("lint", seed_file, "--ignore", "CTR005", "--format", "json")
    assert (r.code, r.codes()) == (1, ["CTR001"])


def test_region_flag_turns_the_warning_into_an_error(seed_file: Path) -> None:
    r = run("lint", seed_file, "--region", "eu-west-1", "--format", "json")
    assert [(f["code"], f["severity"]) for f in r.json()["findings"]] == [
        ("CTR001", "error"),
        ("CTR005", "error"),
    ]


def test_many_inputs_and_an_empty_one(tmp_path: Path) -> None:
    a = write(tmp_path / "a.json", template(R=rule(SEED)))
    b = write(tmp_path / "b.yaml", "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n")
    r = run("lint", a, b, "--region", "us-east-1")
    assert r.code == 1
    assert r.err == f"ctrules: note: {b}: no EventBridge rule with an event pattern\n"
    assert r.out.splitlines()[-1] == "ctrules: 1 error, 0 warnings in 1 rule from 2 files"
    assert run("lint", a, b, "--format", "json").json()["empty"] == [str(b)]


def test_identical_rules_are_each_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "dup.json", template(A=rule(SEED), B=rule(SEED), C=rule(dict(SEED))))
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    assert [(f["resource"], f["code"]) for f in r.json()["findings"]] == [
        ("A", "CTR001"),
        ("B", "CTR001"),
        ("C", "CTR001"),
    ]


def test_output_is_json_even_with_problems(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(Bad=rule("{nope"), R=rule(SEED)))
    r = run("lint", path, "--format", "json", "--region", "us-east-1")
    assert r.code == 2
    doc = json.loads(r.out)
    line = path.read_text().splitlines().index('    "Bad": {') + 1
    assert doc["problems"] == [
        {"file": str(path), "line": line, "resource": "Bad", "message": doc["problems"][0]["message"]}
    ]
    assert r.codes() == ["CTR001"]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_collector_off_while_linting_and_writing_then_restored(
    seed_file: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from ctrules.cli.commands import lint as command

    seen: list[bool] = []
    for name in ("lint", f"render_{fmt}"):
        original = getattr(command, name)

        def spy(*args: Any, __original: Any = original, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return __original(*args, **kwargs)

        monkeypatch.setattr(command, name, spy)
    assert gc.isenabled()
    assert run("lint", seed_file, "--format", fmt).code == 1
    assert seen == [False, False] and gc.isenabled()


@pytest.mark.parametrize(
    ("name", "text", "own", "other"),
    [
        ("r.tf", 'resource "aws_cloudwatch_event_rule" "r" {\n  event_pattern = jsonencode({ source = ["aws.iam"], '
         '"detail-type" = ["AWS API Call via CloudTrail"], detail = { eventName = ["CreateUser"] } })\n}\n',
         'Terraform: an aws provider with region = "us-east-1"', "CDK"),
        ("t.json", json.dumps({"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {
            "source": ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"],
            "detail": {"eventName": ["CreateUser"]}}}}}}), "deploy the rule in us-east-1, or forward", "Terraform"),
    ],
)  # fmt: skip
def test_the_home_region_fix_is_written_for_the_file_s_syntax(
    tmp_path: Path, name: str, text: str, own: str, other: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (fix,) = [line for line in run("lint", path, "--region", "eu-west-1").out.splitlines() if "fix:" in line]
    assert own in fix and other not in fix and "env region" not in fix
