"""Hostile inputs against the report and the readers of documents in documents: no name forges the report or a CI
command, scans and nesting end, waivers need a reason in every form. Each case runs in its own process under the
memory and time limits of :mod:`tests.hostile.test_hostile_inputs`."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.hostile.test_hostile_inputs import assert_bad_input, assert_findings, lint

TYPO = {"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["DeleteBuckett"]}}
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def rule(pattern: object) -> dict[str, object]:
    return {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": pattern}}


def write(path: Path, content: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "name",
    [
        "R\x1b[2J\x1b]0;pwned\x07",
        "R\nctrules: 0 errors, 0 warnings in 1 rule from 1 file",
        "R\r\n::notice file=main.tf,line=1::all rules clean",
        "R\u202e\u2066evil\u2069",
        "R\u2028::error::x",
        "R\x85NEL",
        "R\x00nul",
    ],
)
def test_logical_ids_cannot_forge_the_text_report(tmp_path: Path, name: str) -> None:
    o = lint(write(tmp_path / "t.json", {"Resources": {name: rule(TYPO)}}))
    assert_findings(o)
    assert not RAW_CONTROL.search(o.out + o.err), (o.out + o.err)[:500]
    lines = o.out.splitlines()
    assert [line for line in lines if line.startswith("ctrules:")] == [lines[-1]]
    assert not any(line.lstrip().startswith("::") for line in lines)


def test_file_names_cannot_forge_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "a\x1b]8;;http://x\x07\n::error::b.yaml"
    write(bad, "Resources: [\n")
    o = lint(bad)
    assert_bad_input(o)
    assert not RAW_CONTROL.search(o.err) and not o.err.lstrip().startswith("::")


def test_a_scan_ends_on_symlink_loops_and_many_files(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "a").mkdir(parents=True)
    (root / "a" / "loop").symlink_to(root, target_is_directory=True)
    for i in range(300):
        write(root / "many" / f"f{i}.json", {"k": i})
    write(root / "t.json", {"Resources": {"R": rule(TYPO)}})
    o = lint(root)
    assert_findings(o)
    assert len(o.err_lines) == 1 and "skipped 300 files" in o.err


def test_stack_sets_nested_deeply_end(tmp_path: Path) -> None:
    body: dict[str, object] = {"Resources": {"R": rule(TYPO)}}
    for _ in range(12):  # each level escapes the one inside: the text doubles per level
        body = {"Resources": {"S": {"Type": "AWS::CloudFormation::StackSet",
                                    "Properties": {"TemplateBody": json.dumps(body)}}}}  # fmt: skip
    o = lint(write(tmp_path / "t.json", body), "--format", "json")
    assert o.code == 0, o.err
    (nc,) = json.loads(o.out)["not_checked"]
    assert "nested more than" in nc["reason"]


def test_sam_applications_that_name_each_other_end(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    app = {"Type": "AWS::Serverless::Application", "Properties": {"Location": "b.json"}}
    write(tmp_path / "a.json", {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"B": app, "R": rule(TYPO)}})
    back = {"Type": "AWS::Serverless::Application", "Properties": {"Location": "a.json"}}
    write(tmp_path / "b.json", {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"A": back, "S": rule(TYPO)}})
    o = lint(tmp_path / "a.json")
    assert_findings(o)
    assert o.out.count("CTR003 error") == 2


@pytest.mark.parametrize("location", ["/etc/passwd", "../outside.yaml", "link.yaml"])
def test_local_templates_stay_in_the_repository(tmp_path: Path, location: str) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(tmp_path / "outside.yaml", json.dumps({"Resources": {"X": rule(TYPO)}}))
    (repo / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    app = {"Type": "AWS::Serverless::Application", "Properties": {"Location": location}}
    path = write(repo / "t.json", {"Transform": "AWS::Serverless-2016-10-31", "Resources": {"App": app}})
    o = lint(path, "--format", "json")
    doc = json.loads(o.out)
    assert doc["findings"] == [] and [n["resource"] for n in doc["not_checked"]] == ["App"]
    assert "outside" in doc["not_checked"][0]["reason"] or "absolute" in doc["not_checked"][0]["reason"]


def test_nested_assembly_manifest_symlinked_outside_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "outside" / "manifest.json", {"version": "48.0.0", "artifacts": {}})
    out = tmp_path / "cdk.out"
    write(out / "manifest.json", {"version": "48.0.0", "artifacts": {
        "Stage": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "st"}}}})  # fmt: skip
    (out / "st").mkdir()
    (out / "st" / "manifest.json").symlink_to(tmp_path / "outside" / "manifest.json")
    assert_bad_input(lint(out), "leads outside the cloud assembly folder")


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_cdk_acknowledgement_without_a_reason_is_refused(tmp_path: Path, reason: str | None) -> None:
    out = tmp_path / "cdk.out"
    meta = {"/S/R": [{"type": "aws:cdk:acknowledged-rules", "data": {"ctrules::CTR003": reason}}],
            "/S/R/Resource": [{"type": "aws:cdk:logicalId", "data": "R"}]}  # fmt: skip
    artifact = {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.json"}, "metadata": meta}
    write(out / "manifest.json", {"version": "48.0.0", "artifacts": {"S": artifact}})
    write(out / "S.json", {"Resources": {"R": rule(TYPO)}})
    o = lint(out)
    assert o.code == 2 and "acknowledges CTR003 without a reason" in o.err
    assert "CTR003 error  R  " in o.out  # still reported, not acknowledged
    assert os.path.exists(out)
