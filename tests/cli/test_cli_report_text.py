"""The text report a person reads: head line and indented why/fix, fixes in the file's syntax, one finding per
rule and problem, --quiet, colour, and names escaped so that no input can forge the report or a CI command."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ctrules.cli.commands.lint import Progress
from ctrules.cli.render_text import plain, safe, safe_name, use_colour
from tests.cli.clihelp import API, SEED, WARN_ONLY, rule, run, template, write

READ_ONLY = {"source": ["aws.s3"], "detail-type": [API],
             "detail": {"eventName": ["GetBucketPolicy", "ListBuckets", "GetBucketAcl"]}}  # fmt: skip


def test_one_finding_per_rule_and_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(Reads=rule(READ_ONLY)))
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    ctr004 = [f for f in r.json()["findings"] if f["code"] == "CTR004"]
    assert len(ctr004) == 1
    assert [a["value"] for a in ctr004[0]["also"]] == ["'ListBuckets'", "'GetBucketAcl'"]
    text = run("lint", path, "--region", "us-east-1").out
    assert text.count("CTR004 error") == 1
    assert "the same for 'ListBuckets' ($.detail.eventName[1]), 'GetBucketAcl' ($.detail.eventName[2])" in text
    assert "ctrules: 1 error, 0 warnings in 1 rule from 1 file" in text


def test_fix_is_written_for_the_files_format(tmp_path: Path) -> None:
    tf = write(tmp_path / "tf" / "main.tf", """\
resource "aws_cloudwatch_event_rule" "reads" {
  event_pattern = jsonencode({
    source        = ["aws.organizations"]
    "detail-type" = ["AWS API Call via CloudTrail"]
    detail        = { eventName = ["CreateAccountResult", "DescribeOrganization"] }
  })
}
""")
    cfn = write(tmp_path / "t.json", template(R=rule({**SEED, "detail": {"eventName": ["CreateAccountResult",
                                                                                      "DescribeOrganization"]}})))
    tf_out = run("lint", tf).out
    fixes = [line for line in tf_out.splitlines() if line.startswith("    fix: ")]
    assert fixes and not any("CDK" in f or "CloudFormation" in f for f in fixes), fixes
    assert 'Terraform `state = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"`' in tf_out
    cfn_out = run("lint", cfn).out  # a JSON template: the fix in JSON
    assert 'CloudFormation/SAM `"State": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"`' in cfn_out
    assert "Terraform" not in cfn_out and "CDK" not in cfn_out
    yaml_path = write(tmp_path / "t.yaml", "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n"
                      "      EventPattern:\n        source: [aws.organizations]\n"
                      "        detail-type: [AWS API Call via CloudTrail]\n"
                      "        detail: {eventName: [DescribeOrganization]}\n")  # fmt: skip
    assert "CloudFormation/SAM `State: ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`" in run("lint", yaml_path).out
    assert "CDK" not in run("lint", tf, "--format", "json").out


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    path = write(tmp_path / "t.json", template(W=rule(WARN_ONLY), E=rule(SEED)))
    r = run("lint", path, "--region", "us-east-1", "--quiet")
    assert "CTR001 error" in r.out and "CTR008" not in r.out
    assert r.out.splitlines()[-1] == "ctrules: 1 error, 1 warning in 2 rules from 1 file"


def test_colour_only_when_asked_or_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "t.json", template(E=rule(SEED)))
    coloured = run("lint", path, "--color", "always").out
    assert "\x1b[" in coloured and plain(coloured) == run("lint", path).out
    assert "\x1b[" not in run("lint", path, "--color", "auto").out  # piped (a StringIO here)
    assert "\x1b[" not in run("lint", path, "--color", "never").out

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert use_colour(Tty(), "auto")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Tty(), "auto") and use_colour(Tty(), "always")


HOSTILE_IDS = [
    "Evil\x1b[2J\x1b]0;owned\x07",  # clear screen, set the terminal title
    "Evil\nctrules: 0 errors, 0 warnings in 1 rule from 1 file",  # a forged summary
    "Evil\n::notice file=x::all good",  # a GitHub Actions workflow command
    "Evil\u202egnp.exe",  # a bidi override
    "Evil\u2028line",  # a Unicode line separator
]


@pytest.mark.parametrize("logical_id", HOSTILE_IDS)
def test_names_cannot_forge_the_report(tmp_path: Path, logical_id: str) -> None:
    path = write(tmp_path / "t.json", template(**{logical_id: rule(SEED)}))
    r = run("lint", path, "--region", "us-east-1")
    assert r.code == 1
    lines = r.out.splitlines()
    assert len(lines) == r.out.count("\n")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]", r.out)
    assert [line for line in lines if line.startswith("ctrules:")] == [lines[-1]]
    assert not any(line.lstrip().startswith("::") for line in lines)
    assert safe(logical_id) in r.out


def test_hostile_file_name_is_escaped_on_stderr_too(tmp_path: Path) -> None:
    bad = tmp_path / "x\x1b[31m\n::error::forged.json"
    write(bad, "{not json")
    r = run("lint", bad)
    assert r.code == 2
    assert r.err.count("\n") == 1 and "\x1b" not in r.err
    assert "\\x1b[31m\\x0a::error::forged.json" in r.err


def test_look_alike_names_show_their_code_points() -> None:
    assert safe_name("NewAccount") == "NewAccount"
    assert safe_name("Nеw") == "Nеw [U+0435 CYRILLIC SMALL LETTER IE at 1]"
    assert safe_name("Zürich") .startswith("Zürich [U+00FC")
    assert safe_name("日本") == "日本"  # no ASCII letters to be confused with


def test_no_workflow_command_at_a_line_start(tmp_path: Path) -> None:
    path = write(tmp_path / "::warning::x.json", template(R=rule(SEED)))
    out = run("lint", path.name if False else path, "--region", "us-east-1").out
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())


def test_progress_on_a_terminal_only() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    from ctrules.cli.report import LintReport

    report = LintReport(["x"])
    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        progress = Progress(stream, delay=0.0)
        progress(report, "big\x1b.json")
        progress.clear()
    assert "ctrules: 0 files, 0 rules ... big\\x1b.json" in tty.getvalue() and tty.getvalue().endswith("\r")
    assert pipe.getvalue() == ""


def test_a_catalog_extension_is_stated_in_every_format(tmp_path: Path) -> None:
    extra = write(tmp_path / "extra.json", '[{"event_name": "CtrulesTestOnlyCall", "event_source": '
                  '"ctrulestest.amazonaws.com", "event_types": ["AwsApiCall"]}]')  # fmt: skip
    path = write(tmp_path / "t.json", template(R=rule(SEED)))
    outs = {}
    for fmt in ("text", "json", "sarif"):
        proc = subprocess.run([sys.executable, "-m", "ctrules", "lint", str(path), "--catalog-extra", str(extra),
                               "--format", fmt], capture_output=True, text=True, timeout=120)  # fmt: skip
        outs[fmt] = proc.stdout
    assert f"catalog extended by {extra}" in outs["text"]
    assert str(extra) in outs["json"] and '"catalog_extensions"' in outs["json"]
    assert f"the catalog was extended by {extra}" in outs["sarif"]


def test_a_source_that_is_no_file_is_shown_by_name_and_region() -> None:
    """What another source (a deployed rule) needs of the renderer: its ARN and region where a file has file:line."""
    from ctrules.checks import RuleContext, check_pattern
    from ctrules.cli.render_text import render_text
    from ctrules.cli.report import LintReport, Reported
    from ctrules.inputs import InputFile
    from ctrules.inputs._model import make_rule

    arn = "arn:aws:events:eu-west-1:123456789012:rule/new-account"
    r = make_rule(arn, SEED, None, None, name="new-account", location=(), anchors=(), kind="deployed rule")
    f = InputFile(arn, "deployed rule", [r], "eu-west-1")
    report = LintReport([arn], files=[f], rules=1, checked=1)
    report.findings = [Reported(f, r, x, "eu-west-1") for x in check_pattern(SEED, RuleContext(region="eu-west-1"))]
    text = render_text(report)
    assert text.startswith(f"{arn} (eu-west-1)  CTR001 error  new-account  ")
