#!/usr/bin/env python3
"""Run every benchmark of bench/ and print one Markdown table (``make bench``), guarded against regressions.

Each ``bench/*.py`` that supports ``--json`` (prints a JSON list of ``{"name", "value", "unit",
"target", "ok"}``, and ``"better": "higher"|"lower"`` where a row has a direction) runs in its own
subprocess, one after the other, with the project's ``.venv/bin`` first on PATH (jsii and the CDK need its
Node). A script that fails or prints no JSON becomes a row saying so.

The rows are written as JSON (``bench/results/latest.json``, or ``--json-out``). The **ratio** rows (unit ``x``,
``ratio`` or ``%``: measured side by side in one run, so they travel between machines, unlike absolute times)
are compared with the checked-in baseline ``bench/baseline.json``; every row more than 10 % worse than its
baseline is printed in red (and fails ``--strict``). ``--update-baseline`` writes the run's ratio rows as the
new baseline (review the diff).

Usage: ``python bench/run_all.py [--only NAME ...] [--strict] [--timeout SECONDS] [--skip-cfn-lint]
[--json-out PATH] [--baseline PATH] [--update-baseline]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_BIN = ROOT / ".venv" / "bin"
BASELINE = BENCH / "baseline.json"
LATEST = BENCH / "results" / "latest.json"
#: Units of rows measured as ratios in one run: the rows the baseline holds.
RATIO_UNITS = frozenset({"x", "ratio", "%"})
#: A ratio row this much worse than its baseline is a regression.
TOLERANCE = 0.10


def scripts(only: list[str] | None = None) -> list[Path]:
    """The benchmark scripts that support ``--json`` (not this one), sorted by name."""
    found = []
    for path in sorted(BENCH.glob("*.py")):
        if path.name == Path(__file__).name or path.name.startswith("_"):
            continue
        if only and path.stem not in only and path.name not in only:
            continue
        if "--json" in path.read_text(encoding="utf-8", errors="replace"):
            found.append(path)
    return found


def environment() -> dict[str, str]:
    env = dict(os.environ)
    if VENV_BIN.is_dir():
        env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("CDK_VALIDATION", "false")
    env.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
    env.setdefault("CDK_DISABLE_VERSION_CHECK", "1")
    return env


def python() -> str:
    venv_python = VENV_BIN / "python"
    return str(venv_python) if venv_python.exists() else sys.executable


def _rows_from(stdout: str) -> list[dict[str, Any]] | None:
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("["):
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(data, list) and all(isinstance(r, dict) and "name" in r for r in data):
                return data
    try:
        data = json.loads(stdout)
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, list) else None


def run(script: Path, timeout: float, skip_cfn_lint: bool = False) -> tuple[list[dict[str, Any]], float]:
    """The rows of one script (or one row describing its failure) and its wall time."""
    start = time.perf_counter()
    extra = ["--skip-cfn-lint"] if skip_cfn_lint and "--skip-cfn-lint" in script.read_text(encoding="utf-8") else []
    try:
        proc = subprocess.run(
            [python(), str(script), "--json", *extra],
            cwd=ROOT,
            env=environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return [_failure(script, f"timed out after {timeout:g} s")], time.perf_counter() - start
    elapsed = time.perf_counter() - start
    rows = _rows_from(proc.stdout) if proc.returncode == 0 else None
    if rows is None:
        tail = (proc.stderr.strip().splitlines() or proc.stdout.strip().splitlines() or ["no output"])[-1]
        return [_failure(script, f"exit {proc.returncode}: {tail[:150]}")], elapsed
    for r in rows:
        r.setdefault("script", script.name)
    return rows, elapsed


def _failure(script: Path, why: str) -> dict[str, Any]:
    return {
        "name": f"{script.name} FAILED ({why})",
        "value": None,
        "unit": "",
        "target": None,
        "ok": False,
        "script": script.name,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    return str(value).replace("|", "\\|")


def _ok(value: Any) -> str:
    if value is None:
        return ""
    return "yes" if value else "**NO**"


def machine() -> dict[str, str]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    out = subprocess.run(
        [python(), "-c", "import platform; print(platform.python_version())"], capture_output=True, text=True
    )
    return {
        "cores": str(os.cpu_count()),
        "python": out.stdout.strip() or platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu or platform.processor() or "unknown",
    }


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| benchmark | value | unit | target | ok |", "|---|---:|---|---|---|"]
    for r in rows:
        name = _cell(r.get("name")).strip()
        if str(r.get("name", "")).startswith(" "):
            name = "&nbsp;&nbsp;" + name  # a detail row of the benchmark above
        lines.append(
            f"| {name} | {_cell(r.get('value'))} | {_cell(r.get('unit'))} | {_cell(r.get('target'))} "
            f"| {_ok(r.get('ok'))} |"
        )
    return "\n".join(lines)


def _key(r: dict[str, Any]) -> str:
    return f"{r.get('script', '')}: {str(r.get('name', '')).strip()}"


def baseline_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows a baseline keeps: ratios with a direction and a number."""
    return [
        {"script": r.get("script", ""), "name": str(r["name"]).strip(), "value": r["value"], "unit": r["unit"],
         "better": r["better"]}
        for r in rows
        if r.get("unit") in RATIO_UNITS and r.get("better") in ("higher", "lower")
        and isinstance(r.get("value"), (int, float)) and not isinstance(r.get("value"), bool)
    ]


def compare(rows: list[dict[str, Any]], baseline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each ratio row of the run that has a baseline, with ``change``: how much worse (positive) or better
    (negative) it is than the baseline, as a fraction, and ``regression`` when worse by more than 10 %."""
    base = {_key(b): b for b in baseline}
    out: list[dict[str, Any]] = []
    for r in baseline_rows(rows):
        b = base.get(_key(r))
        if b is None or not isinstance(b.get("value"), (int, float)) or b["value"] <= 0 or r["value"] <= 0:
            continue
        change = (b["value"] / r["value"] - 1) if b["better"] == "higher" else (r["value"] / b["value"] - 1)
        out.append({**r, "baseline": b["value"], "change": change, "regression": change > TOLERANCE})
    return out


def _red(text: str) -> str:
    return text if os.environ.get("NO_COLOR") else f"\033[31m{text}\033[0m"


def comparison_lines(compared: list[dict[str, Any]]) -> list[str]:
    """One line per compared row; regressions in red."""
    lines = []
    for c in compared:
        word = "worse" if c["change"] > 0 else "better"
        line = (
            f"{c['name']} ({c['script']}): {_cell(c['value'])} {c['unit']}, baseline {_cell(c['baseline'])} "
            f"({abs(c['change']):.0%} {word}; {c['better']} is better)"
        )
        lines.append(_red(f"REGRESSION {line}") if c["regression"] else f"  {line}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only these scripts (stem or file name)")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 when a target is missed or a script fails"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per script (default 1800)")
    parser.add_argument("--skip-cfn-lint", action="store_true", help="leave out the cfn-lint reference (minutes)")
    parser.add_argument("--json-out", type=Path, default=LATEST, help=f"write the rows as JSON here ({LATEST})")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help=f"the baseline to compare with ({BASELINE})")
    parser.add_argument("--update-baseline", action="store_true", help="write this run's ratio rows as the baseline")
    args = parser.parse_args(argv)
    found = scripts(args.only)
    if not found:
        print("no benchmark script supports --json", file=sys.stderr)
        return 1
    rows: list[dict[str, Any]] = []
    for script in found:
        print(f"running {script.name} ...", file=sys.stderr, flush=True)
        got, elapsed = run(script, args.timeout, args.skip_cfn_lint)
        print(f"  {script.name}: {elapsed:.1f} s", file=sys.stderr, flush=True)
        rows.extend(got)
    info = machine()
    print(markdown(rows))
    print()
    print(
        f"Machine: {info['cores']} cores ({info['cpu']}), Python {info['python']}, {info['platform']}. "
        f"Scripts: {', '.join(s.name for s in found)}."
    )
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps({"machine": info, "rows": rows}, indent=1) + "\n", encoding="utf-8")
    regressions: list[dict[str, Any]] = []
    if args.update_baseline:
        kept = baseline_rows(rows)
        if args.only and args.baseline.is_file():  # a partial run updates its own rows only
            ran = {r.get("script") for r in rows}
            old = json.loads(args.baseline.read_text(encoding="utf-8")).get("rows", [])
            kept = [b for b in old if b.get("script") not in ran] + kept
        note = "Ratio rows of bench/run_all.py (side by side in one run); compared on each run, >10 % worse is red."
        args.baseline.write_text(json.dumps({"note": note, "rows": kept}, indent=1) + "\n", encoding="utf-8")
        print(f"\nbaseline written: {args.baseline} ({len(kept)} rows)", file=sys.stderr)
    elif args.baseline.is_file():
        compared = compare(rows, json.loads(args.baseline.read_text(encoding="utf-8")).get("rows", []))
        regressions = [c for c in compared if c["regression"]]
        print(f"\nCompared with {args.baseline.name} ({len(compared)} ratio rows, {len(regressions)} worse by >10 %):",
              file=sys.stderr)
        for line in comparison_lines(compared):
            print(line, file=sys.stderr)
    missed = [r for r in rows if r.get("ok") is False]
    return 1 if args.strict and (missed or regressions) else 0


if __name__ == "__main__":
    sys.exit(main())
