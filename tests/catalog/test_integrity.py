"""Integrity of the bundled catalog, and that it matches its pinned inputs byte for byte."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ctrules import catalog
from ctrules.catalog import CATEGORIES, EVENT_TYPES, source_of

ROOT = Path(__file__).resolve().parents[2]
WHEEL = ROOT / ".cache" / "botocore-1.44.5-py3-none-any.whl"
needs_wheel = pytest.mark.skipif(not WHEEL.exists(), reason="run `make setup` to fetch the pinned botocore wheel")


def test_keys_unique_and_fields_valid() -> None:
    seen: set[tuple[str, str]] = set()
    for ev in catalog.all_events():
        assert ev.key not in seen
        seen.add(ev.key)
        assert ev.event_types and all(t in EVENT_TYPES for t in ev.event_types)
        assert ev.event_source.endswith(".amazonaws.com")
        assert ev.source == "aws." + ev.event_source.removesuffix(".amazonaws.com")
        assert ev.source == source_of(ev.event_source)
        assert ev.category in CATEGORIES
        assert ev.evidence, ev
        if not ev.verified:
            assert ev.event_types == ("AwsApiCall",), "hand-added entries are verified by their evidence"


def test_hand_added_events_carry_evidence_beyond_botocore() -> None:
    for ev in catalog.all_events():
        if ev.event_types != ("AwsApiCall",):
            assert any(not e.startswith("github:boto/botocore") for e in ev.evidence), ev


def test_at_least_60_service_events_and_the_families() -> None:
    service_events = [e for e in catalog.all_events() if "AwsServiceEvent" in e.event_types]
    assert len(service_events) >= 60
    sources = {e.source for e in service_events}
    for family in ("aws.organizations", "aws.controltower", "aws.kms", "aws.secretsmanager", "aws.s3", "aws.ec2"):
        assert family in sources, family


def test_sign_in_and_console_action_events_present() -> None:
    sign_in = {e.event_name for e in catalog.all_events() if "AwsConsoleSignIn" in e.event_types}
    assert {"ConsoleLogin", "CheckMfa", "SwitchRole"} <= sign_in
    actions = [e for e in catalog.all_events() if "AwsConsoleAction" in e.event_types]
    assert actions


@needs_wheel
def test_every_botocore_operation_is_present() -> None:
    quirks = json.loads((ROOT / "ctrules/catalog/overlay/name_quirks.json").read_text())
    renamed = {(q["service"], q["operation"]): q["event_names"] for q in quirks}
    missing: list[str] = []
    total = 0
    with zipfile.ZipFile(WHEEL) as zf:
        latest: dict[str, str] = {}
        for n in zf.namelist():
            parts = n.split("/")
            if len(parts) == 5 and parts[1] == "data" and parts[4].startswith("service-2.json"):
                latest[parts[2]] = max(latest.get(parts[2], ""), n)
        for service, path in latest.items():
            raw = zf.read(path)
            model = json.loads(gzip.decompress(raw) if path.endswith(".gz") else raw)
            es = catalog.event_source_for(service)
            for op in model["operations"]:
                total += 1
                for name in renamed.get((service, op), [op]):
                    if not any(e.event_source == es for e in catalog.lookup(name)):
                        missing.append(f"{service}:{name}")
    assert total == 19796
    assert not missing, missing[:20]


def _retired_wheels() -> list[Path]:
    """The older wheels the committed catalog was built with (its header names their versions)."""
    header = json.loads((ROOT / "ctrules" / "catalog" / "data" / "catalog.json").read_bytes())
    return [ROOT / ".cache" / f"botocore-{v}-py3-none-any.whl" for v in header["upstream"]["retired_from"]]


@pytest.mark.slow
@needs_wheel
def test_regeneration_is_byte_identical() -> None:
    wheels = _retired_wheels()
    if not all(w.exists() for w in wheels):
        pytest.skip("run `make setup` to fetch the pinned older botocore wheels")
    args = [a for w in wheels for a in ("--retired-wheel", str(w))]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/build_catalog.py"), "--botocore-wheel", str(WHEEL), *args, "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_bundled_data_is_small() -> None:
    data = ROOT / "ctrules" / "catalog" / "data" / "catalog.json"
    assert data.stat().st_size <= 3 * 1024 * 1024
