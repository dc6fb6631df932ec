"""The generator's provenance, retired services and header, on tiny synthetic wheels and overlays."""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_catalog", ROOT / "scripts" / "build_catalog.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_catalog"] = mod
    spec.loader.exec_module(mod)
    return mod


bc = _load()
EVIDENCE = ["https://docs.aws.amazon.com/example"]


def make_wheel(path: Path, version: str, services: dict[str, list[str]], date: tuple[int, ...]) -> Path:
    """A botocore-shaped wheel: METADATA (with ``date`` as its timestamp), endpoints.json, service models."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo(f"botocore-{version}.dist-info/METADATA", date_time=(*date, 0, 0, 0)), "x")
        zf.writestr("botocore/data/endpoints.json", json.dumps({"partitions": []}))
        for name, ops in services.items():
            model = {"metadata": {"endpointPrefix": name}, "operations": {op: {} for op in ops}}
            zf.writestr(f"botocore/data/{name}/2020-01-01/service-2.json", json.dumps(model))
    return path


def make_overlay(folder: Path, **files: Any) -> Path:
    """A minimal overlay folder; ``files`` replaces single files (name without .json)."""
    base: dict[str, Any] = {
        "event_sources": {"services": {}, "seen_event_sources": {}},
        "event_families": {
            "insights": {"evidence": EVIDENCE, "applies_to_management_write": True},
            "network_activity": {"event_sources": [], "event_sources_evidence": EVIDENCE},
        },
        "eventbridge_read_only": {
            "prefixes": ["Get"],
            "prefix_rule_evidence": EVIDENCE,
            "read_only": [],
            "not_read_only": [],
        },
        "data_events": {"resource_types": []},
        "evidence_commits": {"commits": {}, "not_yet_pinned": []},
    }
    for name in bc.OVERLAY_FILES:
        stem = name.removesuffix(".json")
        (folder / name).write_text(json.dumps(files.get(stem, base.get(stem, []))), encoding="utf-8")
    return folder


def build(tmp_path: Path, wheels: dict[str, dict[str, list[str]]], **overlay: Any) -> dict[str, Any]:
    """Build from ``wheels`` (version -> services; the first is current, the rest are retired wheels)."""
    (tmp_path / "overlay").mkdir(exist_ok=True)
    bc.OVERLAY = make_overlay(tmp_path / "overlay", **overlay)
    bc.NOTES.clear()
    paths = [make_wheel(tmp_path / f"b-{v}.whl", v, s, (2026, 1, i + 1)) for i, (v, s) in enumerate(wheels.items())]
    doc: dict[str, Any] = json.loads(bc.build(paths[0], paths[1:]))
    return doc


def entries(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(eventSource, eventName) -> the row's facts, decoded."""
    out = {}
    for name, src_i, mask, ro, flags, _cat, _ev in doc["events"]:
        source = doc["sources"][src_i]
        out[(source[0], name)] = {
            "service": source[1],
            "types": [t for i, t in enumerate(doc["event_types"]) if mask & (1 << i)],
            "read_only": ro,
            "origins": [o for i, o in enumerate(doc["provenance"]) if flags & (4 << i)],
        }
    return out


def event(name: str, source: str, types: list[str], **extra: Any) -> dict[str, Any]:
    return {"event_name": name, "event_source": source, "event_types": types, "evidence": EVIDENCE, **extra}


def test_sdk_operations_come_from_sdk(tmp_path: Path) -> None:
    got = entries(build(tmp_path, {"1.0.0": {"foo": ["CreateThing", "GetThing"]}}))
    assert got[("foo.amazonaws.com", "CreateThing")]["origins"] == ["sdk"]
    assert got[("foo.amazonaws.com", "GetThing")]["read_only"] == 1


def test_a_record_merges_into_the_sdk_entry_and_its_read_only_wins(tmp_path: Path) -> None:
    observed = [event("CreateThing", "foo.amazonaws.com", ["AwsServiceEvent"], read_only=True)]
    got = entries(build(tmp_path, {"1.0.0": {"foo": ["CreateThing"]}}, observed_events=observed))
    entry = got[("foo.amazonaws.com", "CreateThing")]
    assert entry["origins"] == ["sdk", "record"]
    assert entry["types"] == ["AwsApiCall", "AwsServiceEvent"]
    assert entry["read_only"] == 1  # the name rule said false; the record says true


def test_an_aws_page_name_does_not_override_read_only_of_an_api_call(tmp_path: Path) -> None:
    documented = [event("CreateThing", "foo.amazonaws.com", ["AwsApiCall"], read_only=True)]
    got = entries(build(tmp_path, {"1.0.0": {"foo": ["CreateThing"]}}, documented_events=documented))
    assert got[("foo.amazonaws.com", "CreateThing")] == {
        "service": "foo", "types": ["AwsApiCall"], "read_only": 0, "origins": ["sdk", "aws-page"],
    }  # fmt: skip


def test_documented_event_without_sdk_operation_is_added_as_aws_page(tmp_path: Path) -> None:
    documented = [event("ConsoleOnlyThing", "foo.amazonaws.com", ["AwsApiCall"], read_only=False)]
    got = entries(build(tmp_path, {"1.0.0": {"foo": ["CreateThing"]}}, documented_events=documented))
    assert got[("foo.amazonaws.com", "ConsoleOnlyThing")]["origins"] == ["aws-page"]
    assert got[("foo.amazonaws.com", "ConsoleOnlyThing")]["service"] == "foo"


@pytest.mark.parametrize(("origin", "ok"), [("record", True), ("aws-page", True), ("sdk", False), ("blog", False)])
def test_origin_field_values(tmp_path: Path, origin: str, ok: bool) -> None:
    observed = [event("X", "foo.amazonaws.com", ["AwsApiCall"], origin=origin)]
    if ok:
        assert origin in entries(build(tmp_path, {"1.0.0": {"foo": []}}, observed_events=observed))[
            ("foo.amazonaws.com", "X")
        ]["origins"]
    else:
        with pytest.raises(bc.OverlayError, match="origin"):
            build(tmp_path, {"1.0.0": {"foo": []}}, observed_events=observed)


def retired_row(service: str, date: str = "2024-05-26") -> dict[str, Any]:
    return {"service": service, "retired": date, "evidence": EVIDENCE, "note": "gone"}


def test_retired_service_events_come_from_the_newest_older_wheel(tmp_path: Path) -> None:
    wheels = {
        "1.2.0": {"live": ["Run"]},
        "1.0.0": {"old": ["Start"], "live": ["Run"]},
        "1.1.0": {"old": ["Start", "Stop"]},
    }
    doc = build(tmp_path, wheels, retired_services=[retired_row("old")])
    got = entries(doc)
    assert got[("old.amazonaws.com", "Stop")]["service"] == "old"  # only 1.1.0 has Stop
    assert got[("old.amazonaws.com", "Start")]["origins"] == ["sdk"]
    assert doc["retired"] == {"old": ["2024-05-26", [bc.string_id(EVIDENCE[0], {})], "gone", "1.1.0"]}
    assert doc["services"]["old"] == "old.amazonaws.com"
    assert doc["counts"]["retired_events"] == 2 and doc["counts"]["botocore_services"] == 1
    assert list(doc["upstream"]["retired_from"]) == ["1.0.0", "1.1.0"]


def test_a_dropped_service_without_retirement_entry_is_left_out_with_a_note(tmp_path: Path) -> None:
    got = entries(build(tmp_path, {"2.0.0": {"live": ["Run"]}, "1.0.0": {"gone": ["Start"]}}))
    assert ("gone.amazonaws.com", "Start") not in got
    assert any("gone" in note and "retired_services.json" in note for note in bc.NOTES)


def test_a_retired_service_in_no_wheel_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises(bc.OverlayError, match=r"\['nowhere'\] are in none of the retired wheels"):
        build(tmp_path, {"2.0.0": {"live": ["Run"]}, "1.0.0": {}}, retired_services=[retired_row("nowhere")])


@pytest.mark.parametrize(("date", "ok"), [("2024-05-26", True), ("May 26, 2024", False), ("2024-5-26", False)])
def test_retirement_date_format(tmp_path: Path, date: str, ok: bool) -> None:
    wheels = {"2.0.0": {"live": ["Run"]}, "1.0.0": {"old": ["Start"]}}
    if ok:
        assert build(tmp_path, wheels, retired_services=[retired_row("old", date)])["retired"]["old"][0] == date
    else:
        with pytest.raises(bc.OverlayError, match="YYYY-MM-DD"):
            build(tmp_path, wheels, retired_services=[retired_row("old", date)])


def test_the_current_botocore_wins_over_a_retired_service_on_the_same_key(tmp_path: Path) -> None:
    wheels = {"2.0.0": {"shared": ["Run"]}, "1.0.0": {"old": ["Run", "Start"]}}
    retired = [{**retired_row("old"), "event_source": "shared.amazonaws.com"}]
    got = entries(build(tmp_path, wheels, retired_services=retired))
    assert got[("shared.amazonaws.com", "Run")]["service"] == "shared"
    assert got[("shared.amazonaws.com", "Start")]["service"] == "old"


def test_header_date_is_the_wheel_date_and_builds_are_identical(tmp_path: Path) -> None:
    first = build(tmp_path, {"1.0.0": {"foo": ["Op"]}})
    assert first["date"] == first["upstream"]["botocore_date"] == "2026-01-01"  # the wheel's, not today
    assert first["upstream"]["botocore"] == "1.0.0"
    again = bc.build(tmp_path / "b-1.0.0.whl", [])
    assert json.loads(again) == first


def build_bytes(tmp_path: Path, **overlay: Any) -> bytes:
    """The generated file's bytes for a fixed two-service wheel and ``overlay``."""
    (tmp_path / "overlay").mkdir(exist_ok=True)
    bc.OVERLAY = make_overlay(tmp_path / "overlay", **overlay)
    wheel = make_wheel(tmp_path / "b.whl", "1.0.0", {"foo": ["CreateThing", "GetThing"], "bar": ["Run"]}, (2026, 1, 1))
    data: bytes = bc.build(wheel, [])
    return data


def changed_lines(old: bytes, new: bytes) -> int:
    import difflib

    diff = difflib.unified_diff(old.decode().splitlines(), new.decode().splitlines(), lineterm="", n=0)
    return sum(1 for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---")))


@pytest.mark.parametrize("source", ["aaa.amazonaws.com", "foo.amazonaws.com", "zzz.amazonaws.com"])
def test_one_added_fact_changes_a_few_lines(tmp_path: Path, source: str) -> None:
    """Ids are stable: a new evidence string or source row renumbers nothing, so the diff of the generated file
    is the new rows plus the counts and the overlay hash."""
    observed = [event(f"Seen{i}", "bar.amazonaws.com", ["AwsApiCall"], evidence=[f"https://e/{i}"]) for i in range(5)]
    before = build_bytes(tmp_path, observed_events=observed)
    fact = event("NewThing", source, ["AwsServiceEvent"], evidence=["https://docs.aws.amazon.com/new"])
    after = build_bytes(tmp_path, observed_events=[fact, *observed])
    # -2 +2 (counts, overlay hash); +1 event, +1 evidence string, +1 source row (a new eventSource); a row that
    # lands last in its table also rewrites the line before it (JSON's comma): -1 +1 each, at worst 11.
    assert changed_lines(before, after) <= 11, changed_lines(before, after)


def test_an_overlay_mistake_is_one_error_at_the_line_of_its_key(tmp_path: Path) -> None:
    (tmp_path / "overlay").mkdir()
    bc.OVERLAY = make_overlay(tmp_path / "overlay")
    row = event("X", "foo.amazonaws.com", ["AwsApiCall"], evidense=EVIDENCE)
    (tmp_path / "overlay" / "observed_events.json").write_text(json.dumps([row], indent=2), encoding="utf-8")
    wheel = make_wheel(tmp_path / "b.whl", "1.0.0", {"foo": ["X"]}, (2026, 1, 1))
    with pytest.raises(bc.OverlayError) as err:
        bc.build(wheel, [])
    assert str(err.value).endswith(
        "observed_events.json:11: [0].evidense: unknown field 'evidense'; did you mean 'evidence'? "
        "the fields here are category, event_name, event_source, event_types, evidence, home_region, note, origin, "
        "read_only"
    ), str(err.value)


def test_a_stale_generated_file_is_named_with_the_command_that_fixes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "catalog.json"
    output.write_bytes(build_bytes(tmp_path))
    wheel = tmp_path / "b.whl"
    args = ["--botocore-wheel", str(wheel), "--overlay", str(tmp_path / "overlay"), "--output", str(output)]
    assert bc.main([*args, "--check"]) == 0
    fact = event("NewThing", "foo.amazonaws.com", ["AwsServiceEvent"])
    (tmp_path / "overlay" / "observed_events.json").write_text(json.dumps([fact]), encoding="utf-8")
    assert bc.main([*args, "--check"]) == 1  # the overlay changed, the generated file did not
    assert "is stale or was edited by hand; run `make catalog`" in capsys.readouterr().err


def test_pinned_evidence_paths_name_their_commit_in_the_catalog(tmp_path: Path) -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    observed = [event("X", "foo.amazonaws.com", ["AwsApiCall"], evidence=["github:a/b/c.md (the example record)"])]
    pins = {"commits": {"github:a/b/c.md": commit}, "not_yet_pinned": []}
    doc = build(tmp_path, {"1.0.0": {"foo": []}}, observed_events=observed, evidence_commits=pins)
    assert f"github:a/b/c.md@{commit} (the example record)" in doc["strings"].values()
    with pytest.raises(bc.OverlayError, match="names no commit"):  # the same path, pinned nowhere
        build(tmp_path, {"1.0.0": {"foo": []}}, observed_events=observed)
