"""The catalog generator's rules, on small inputs."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
WHEEL = ROOT / ".cache" / "botocore-1.44.5-py3-none-any.whl"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_catalog", ROOT / "scripts" / "build_catalog.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_catalog"] = mod
    spec.loader.exec_module(mod)
    return mod


bc = _load()


def test_global_home_regions_only_for_partition_wide_services() -> None:
    endpoints = {
        "partitions": [
            {
                "partition": "aws",
                "services": {
                    "iam": {
                        "partitionEndpoint": "aws-global",
                        "isRegionalized": False,
                        "endpoints": {"aws-global": {"credentialScope": {"region": "us-east-1"}}, "iam-fips": {}},
                    },
                    "sts": {
                        "partitionEndpoint": "aws-global",
                        "endpoints": {"aws-global": {"credentialScope": {"region": "us-east-1"}}, "eu-west-1": {}},
                    },
                    "networkmanager": {
                        "partitionEndpoint": "aws-global",
                        "isRegionalized": False,
                        "endpoints": {"aws-global": {"credentialScope": {"region": "us-west-2"}}},
                    },
                    "ec2": {"endpoints": {"us-east-1": {}}},
                },
            },
            {"partition": "aws-cn", "services": {"iam": {"partitionEndpoint": "aws-cn-global"}}},
        ]
    }
    assert bc.global_home_regions(endpoints) == {"iam": "us-east-1", "networkmanager": "us-west-2"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [("GetObject", True), ("ListBuckets", True), ("DescribeInstances", True), ("HeadBucket", True),
     ("BatchGetItem", True), ("LookupEvents", True), ("SearchResources", True),
     ("RunInstances", False), ("Decrypt", False), ("Getaway", True)],
)  # fmt: skip
def test_read_only_by_name(name: str, expected: bool) -> None:
    assert bc.read_only_by_name(name) is expected


def test_event_source_resolution() -> None:
    svc = bc.Service("ecr", "2015-09-21", "api.ecr", "ecr", ("ListImages",))
    verified = {"ecr": {"event_source": "ecr.amazonaws.com", "evidence": ["https://docs.aws.amazon.com/x"]}}
    assert bc.resolve_event_source(svc, verified, {}) == ("ecr.amazonaws.com", True, ["https://docs.aws.amazon.com/x"])
    # No evidence: a default guess from the signing name for dotted prefixes, marked unverified.
    assert bc.resolve_event_source(svc, {}, {}) == ("ecr.amazonaws.com", False, [])
    plain = bc.Service("foo", "2020-01-01", "foo", None, ("Op",))
    assert bc.resolve_event_source(plain, {}, {"foo.amazonaws.com": ["github:a/b/c"]}) == (
        "foo.amazonaws.com",
        True,
        ["github:a/b/c"],
    )


@pytest.mark.parametrize("evidence", [None, [], [""], "https://x", [1]])
def test_hand_added_fact_without_evidence_is_refused(evidence: object) -> None:
    with pytest.raises(bc.OverlayError, match="evidence"):
        bc.need_evidence("somewhere", evidence)


@pytest.mark.skipif(not WHEEL.exists(), reason="run `make setup` to fetch the pinned botocore wheel")
def test_overlay_entry_without_evidence_fails_the_build(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay"
    shutil.copytree(ROOT / "ctrules" / "catalog" / "overlay", overlay)
    events = json.loads((overlay / "service_events.json").read_text())
    events[0]["evidence"] = []
    (overlay / "service_events.json").write_text(json.dumps(events))
    code = bc.main(["--botocore-wheel", str(WHEEL), "--overlay", str(overlay), "--output", str(tmp_path / "c.json")])
    assert code == 2
    assert not (tmp_path / "c.json").exists()
