"""bench/run_all.py's regression guard: ratio rows are compared with the baseline, >10 % worse is red."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import run_all  # noqa: E402

sys.path.remove(str(ROOT / "bench"))


def _row(name: str, value: float, unit: str = "ratio", better: str = "higher") -> dict[str, Any]:
    return {"name": name, "value": value, "unit": unit, "better": better, "script": "s.py"}


def test_only_ratio_rows_with_a_direction_are_kept() -> None:
    rows = [_row("share", 0.4), _row("time", 1.2, unit="s"), {"name": "n", "value": 3, "unit": "x"},
            _row("bad", None), _row("slowdown", 1.9, unit="x", better="lower")]  # type: ignore[arg-type]  # fmt: skip
    assert [r["name"] for r in run_all.baseline_rows(rows)] == ["share", "slowdown"]


def test_a_row_worse_by_more_than_ten_percent_is_a_regression_in_either_direction() -> None:
    baseline = [_row("share", 0.50), _row("slowdown", 1.00, "x", "lower"), _row("steady", 2.0)]
    rows = [_row("share", 0.44), _row("slowdown", 1.05, "x", "lower"), _row("steady", 2.5), _row("new", 1.0)]
    compared = {c["name"]: c for c in run_all.compare(rows, baseline)}
    assert set(compared) == {"share", "slowdown", "steady"}  # a row without a baseline is not compared
    assert compared["share"]["regression"] and compared["share"]["change"] == pytest.approx(0.5 / 0.44 - 1)
    assert not compared["slowdown"]["regression"]  # 5 % worse: within the tolerance
    assert not compared["steady"]["regression"] and compared["steady"]["change"] < 0  # better
    lines = run_all.comparison_lines(list(compared.values()))
    red = [line for line in lines if "\033[31m" in line]
    assert len(red) == 1 and "REGRESSION share" in red[0]


def test_no_color_prints_the_word_without_escapes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    (c,) = run_all.compare([_row("share", 0.2)], [_row("share", 0.5)])
    assert run_all.comparison_lines([c]) == [run_all.comparison_lines([c])[0]]
    assert run_all.comparison_lines([c])[0].startswith("REGRESSION share") and "\033" not in run_all.comparison_lines([c])[0]


def test_the_checked_in_baseline_holds_ratio_rows_only() -> None:
    doc = json.loads((ROOT / "bench" / "baseline.json").read_text(encoding="utf-8"))
    assert doc["rows"], "bench/baseline.json holds no rows"
    for r in doc["rows"]:
        assert r["unit"] in run_all.RATIO_UNITS and r["better"] in ("higher", "lower"), r
        assert isinstance(r["value"], (int, float)) and r["value"] > 0, r
