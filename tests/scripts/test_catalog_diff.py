"""scripts/catalog_diff.py: what a newer botocore adds and removes."""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalog_diff", ROOT / "scripts" / "catalog_diff.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["catalog_diff"] = mod
    spec.loader.exec_module(mod)
    return mod


cd = _load()


def wheel(path: Path, version: str, services: dict[str, list[str]]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"botocore-{version}.dist-info/METADATA", "x")
        zf.writestr("botocore/data/endpoints.json", json.dumps({"partitions": []}))
        for name, ops in services.items():
            model = {"metadata": {"endpointPrefix": name}, "operations": {op: {} for op in ops}}
            zf.writestr(f"botocore/data/{name}/2020-01-01/service-2.json", json.dumps(model))
    return path


def test_added_removed_and_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = wheel(tmp_path / "a.whl", "1.0.0", {"same": ["A"], "grows": ["A"], "opsworks": ["X"], "gone": ["Y"]})
    new = wheel(tmp_path / "b.whl", "1.1.0", {"same": ["A"], "grows": ["A", "B"], "fresh": ["Z"]})
    assert cd.main(["--from-wheel", str(old), "--to-wheel", str(new), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["from"], doc["to"]) == ("1.0.0", "1.1.0")
    assert doc["services_added"] == {"fresh": ["Z"]}
    assert doc["services_removed"] == {"gone": ["Y"], "opsworks": ["X"]}
    assert doc["services_changed"] == {"grows": {"added": ["B"], "removed": []}}
    assert cd.main(["--from-wheel", str(old), "--to-wheel", str(new)]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0] == "botocore 1.0.0 -> 1.1.0: +2 / -2 operations; +1 / -2 services"
    assert "- service opsworks (1 operations; in retired_services.json)" in text
    assert "- service gone (1 operations; not in retired_services.json: add it)" in text
    assert "~ grows: +B" in text


def test_identical_wheels_have_no_difference(tmp_path: Path) -> None:
    a = wheel(tmp_path / "a.whl", "1.0.0", {"s": ["A"]})
    assert cd.diff(*[cd.operations(a)[1]] * 2) == {"services_added": {}, "services_removed": {}, "services_changed": {}}


def test_a_missing_wheel_is_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = wheel(tmp_path / "a.whl", "1.0.0", {"s": ["A"]})
    assert cd.main(["--from-wheel", str(tmp_path / "nope.whl"), "--to-wheel", str(a)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.whl: not a wheel file" in err
