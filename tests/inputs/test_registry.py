"""The registry of readers: a new format is one module plus one :func:`register` entry (docs/adding-a-reader.md),
and it gets detection, folder scans, acknowledgements, targets and trails through the shared model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ctrules.inputs import TemplateRule
from ctrules.inputs._model import Acknowledgement, make_rule
from ctrules.inputs.reader import read_path
from ctrules.inputs.registry import READERS, Found, Reader, register, unregister
from tests.cli.clihelp import API, SEED, SEED_FIXED, run, write

# --- the toy reader, as docs/adding-a-reader.md writes one --------------------------------------------------------


def is_toy(doc: Any) -> bool:
    """A toy document: ``{"toy_rules": {name: {pattern, state?, ack?, input_path?}}}``."""
    return isinstance(doc, dict) and isinstance(doc.get("toy_rules"), dict)


def read_toy(doc: Any, path: Path, shown: str, text: str) -> Found:
    rules: list[TemplateRule] = []
    for name, spec in doc["toy_rules"].items():
        r = make_rule(name, spec.get("pattern"), spec.get("state"), None, name=name, location=("toy_rules", name),
                      anchors=("toy_rules", name), kind="toy rule")  # fmt: skip
        if "ack" in spec:
            r.acknowledgements = (Acknowledgement(spec["ack"], "the toy says so", f"toy ack on {name}"),)
        if "input_path" in spec:
            r.targets = ((spec["input_path"], "target.input_path", None),)
        rules.append(r)
    trails = {"s3.amazonaws.com": "toy_trail"} if doc.get("trail_logs_s3") else {}
    return Found("toy rules", rules, trails)


TOY = Reader(
    "toy",
    "a toy rules file (JSON or YAML with toy_rules)",
    "each entry of `toy_rules`",
    "pattern",
    detect=is_toy,
    read=read_toy,
    globs=("*.toy.yaml",),
    precommit_types=("yaml",),
)


@pytest.fixture
def toy() -> Iterator[Reader]:
    register(TOY, before="patterns")
    try:
        yield TOY
    finally:
        unregister("toy")


S3_DATA = {"source": ["aws.s3"], "detail-type": [API], "detail": {"eventName": ["PutObject"]}}


def test_a_registered_reader_reads_its_files(tmp_path: Path, toy: Reader) -> None:
    doc = {"toy_rules": {"seed": {"pattern": SEED}, "acked": {"pattern": SEED, "ack": "CTR001"},
                         "path": {"pattern": SEED_FIXED, "input_path": "$.detail.serviceEventDetails.nope"}}}  # fmt: skip
    path = write(tmp_path / "rules.json", doc)
    r = run("lint", path, "--region", "us-east-1", "--format", "json")
    out = r.json()
    found = {(f["resource"], f["code"]) for f in out["findings"]}
    assert ("seed", "CTR001") in found and ("path", "CTR016") in found
    assert ("acked", "CTR001") not in found
    assert [(a["resource"], a["code"]) for a in out["acknowledged"]] == [("acked", "CTR001")]
    assert {f["file"] for f in out["findings"]} == {str(path)}


def test_trails_of_a_registered_reader_cover_data_events(tmp_path: Path, toy: Reader) -> None:
    path = write(tmp_path / "rules.json", {"trail_logs_s3": True, "toy_rules": {"put": {"pattern": S3_DATA}}})
    out = run("lint", path, "--region", "us-east-1", "--format", "json").json()
    assert "CTR006" not in {f["code"] for f in out["findings"]}
    assert [c["trail"] for c in out["covered_by_trail"]] == ["toy_trail"]


def test_a_folder_scan_finds_a_registered_readers_files(tmp_path: Path, toy: Reader) -> None:
    write(tmp_path / "deep" / "x.toy.yaml", "toy_rules:\n  seed:\n    pattern:\n      source: [aws.organizations]\n"
          "      detail-type: [AWS API Call via CloudTrail]\n      detail: {eventName: [CreateAccountResult]}\n")
    result = read_path(str(tmp_path))
    assert [(f.path, f.kind, f.reader) for f in result.files] == [(str(tmp_path / "deep" / "x.toy.yaml"), "toy rules",
                                                                   "toy")]  # fmt: skip


def test_without_the_entry_the_format_is_unknown(tmp_path: Path) -> None:
    assert all(r.name != "toy" for r in READERS)
    path = write(tmp_path / "rules.json", {"toy_rules": {"seed": {"pattern": SEED}}})
    r = run("lint", path)
    assert r.code == 2 and "not a format ctrules reads" in r.err


def test_names_are_unique() -> None:
    with pytest.raises(ValueError, match="already registered"):
        register(Reader("cloudformation", "x", "x", "pattern"))
    assert len({r.name for r in READERS}) == len(READERS)


# --- every registered format has a sample that it, and no other reader, reads ------------------------------------

CDK_MANIFEST = {"version": "48.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack",
                                                         "properties": {"templateFile": "S.json"}}}}  # fmt: skip
SAMPLES: dict[str, dict[str, Any]] = {
    "cloudformation": {"t.yaml": "Resources:\n  R:\n    Type: AWS::Events::Rule\n    Properties:\n"
                                 "      EventPattern: {source: [aws.ec2]}\n"},
    "terraform-hcl": {"main.tf": 'resource "aws_cloudwatch_event_rule" "r" {\n'
                                 '  event_pattern = jsonencode({ source = ["aws.ec2"] })\n}\n'},
    "terraform-plan": {"plan.json": {"format_version": "1.2", "planned_values": {"root_module": {"resources": [
        {"address": "aws_cloudwatch_event_rule.r", "mode": "managed", "type": "aws_cloudwatch_event_rule",
         "name": "r", "values": {"event_pattern": '{"source": ["aws.ec2"]}'}}]}}}},
    "serverless": {"serverless.yml": "service: s\nprovider: {name: aws}\nfunctions:\n  f:\n    handler: h\n"
                                     "    events:\n      - eventBridge: {pattern: {source: [aws.ec2]}}\n"},
    "aws-cli": {"rule.json": {"Name": "r", "EventPattern": '{"source": ["aws.ec2"]}', "State": "ENABLED"}},
    "patterns": {"p.json": {"source": ["aws.ec2"]}},
    "cdk-assembly": {"cdk.out/manifest.json": CDK_MANIFEST,
                     "cdk.out/S.json": {"Resources": {"R": {"Type": "AWS::Events::Rule",
                                                            "Properties": {"EventPattern": {"source": ["aws.ec2"]}}}}}},
}


@pytest.mark.parametrize("reader", [r.name for r in READERS])
def test_every_registered_format_reads_its_sample(tmp_path: Path, reader: str) -> None:
    assert reader in SAMPLES, f"reader {reader!r} has no sample in tests/inputs/test_registry.py SAMPLES: add one"
    for name, content in SAMPLES[reader].items():
        write(tmp_path / name, content)
    given = tmp_path / "cdk.out" if reader == "cdk-assembly" else tmp_path / next(iter(SAMPLES[reader]))
    result = read_path(str(given))
    assert not result.errors, result.errors
    assert [(f.reader, len(f.rules)) for f in result.files] == [(reader, 1)]
    # The same file found by a folder scan is read by the same reader.
    scanned = read_path(str(tmp_path))
    assert [(f.reader, len(f.rules)) for f in scanned.files] == [(reader, 1)]
