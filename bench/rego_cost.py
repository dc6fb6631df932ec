#!/usr/bin/env python3
"""Cost of the Rego rule pack: loading it into cloudformation-validate and checking 500 rules, and ``cdk synth`` of the
TypeScript example with the pack against without it.

Rows: generating the pack; loading it (engine construction and a probe template: what a CDK app pays once per
synth); checking one template of 500 rules written from the catalog and one of 500 rules with mistakes (unknown
names build the pack's name indexes once per template); ctrules' Python core on the same rules, for scale. The synth
ratio runs ``cdk synth`` of ``examples/typescript`` (its node_modules must be installed: ``npm ci`` there)
alternately with the pack and without it (``CTRULES_PACK=off``: the CDK's default validator only), medians of the
rounds.

Usage: ``python bench/rego_cost.py [--json] [--rounds 3] [--no-synth]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import row, table  # noqa: E402

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "export"))

EXAMPLE = ROOT / "examples" / "typescript"


def _clean(n: int) -> list[dict[str, Any]]:
    from ctrules.catalog._store import store

    s = store()
    out: list[dict[str, Any]] = []
    step = max(1, len(s.rows) // n)
    for i in range(0, len(s.rows), step):
        e = s.event(i)
        if e.home_region not in (None, "us-east-1") or e.category != "Management":
            continue
        pattern = {"source": [e.source], "detail-type": [e.detail_types[0]], "detail": {"eventName": [e.event_name]}}
        out.append({"pattern": pattern, "state": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"})
        if len(out) == n:
            break
    return out


def _synth(pack: bool) -> float:
    env = dict(os.environ)
    env["PATH"] = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["CDK_DISABLE_VERSION_CHECK"] = "1"
    env.pop("CDK_VALIDATION", None)
    if not pack:
        env["CTRULES_PACK"] = "off"
    start = time.perf_counter()
    cli = str(EXAMPLE / "node_modules" / ".bin" / "cdk")
    subprocess.run([cli, "synth", "--quiet", "--no-notices", "-c", "rule=fixed"],
                   cwd=EXAMPLE, env=env, capture_output=True, timeout=600, check=True)
    return time.perf_counter() - start


def measure(rounds: int, synth: bool) -> list[dict[str, Any]]:
    from differential import core_findings, pack_findings, template
    from test_rego_pack import _generated

    from ctrules.export.rego import load_engine, rego_pack

    rows: list[dict[str, Any]] = []
    start = time.perf_counter()
    text = rego_pack()
    rows.append(row("rego pack: generate", time.perf_counter() - start, "s"))
    rows.append(row("rego pack: size", round(len(text.encode()) / 1e6, 2), "MB"))
    start = time.perf_counter()
    engine = load_engine(text)
    rows.append(row("rego pack: load into cloudformation-validate", time.perf_counter() - start, "s", 10))
    for label, rules in (("500 catalog rules", _clean(500)), ("500 rules with mistakes", _generated(500, 5))):
        tpl = template(rules)
        start = time.perf_counter()
        found = pack_findings(engine, tpl, "us-east-1")
        took = time.perf_counter() - start
        rows.append(row(f"rego pack: check {label}", took, "s", 30))
        rows.append(row(f"rego pack: findings on {label}", sum(found.values()), "n"))
        core_findings(tpl, "us-east-1")  # warm the core (catalog load, imports)
        start = time.perf_counter()
        core_findings(tpl, "us-east-1")
        rows.append(row(f"python core: check {label}", time.perf_counter() - start, "s"))
    if synth and (EXAMPLE / "node_modules" / ".bin" / "cdk").exists():
        with_pack: list[float] = []
        without: list[float] = []
        for _ in range(rounds):
            without.append(_synth(False))
            with_pack.append(_synth(True))
        rows.append(row("cdk synth examples/typescript without the pack", statistics.median(without), "s"))
        rows.append(row("cdk synth examples/typescript with the pack", statistics.median(with_pack), "s"))
        rows.append(row("cdk synth with / without the pack", statistics.median(with_pack) / statistics.median(without),
                        "x", 2))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-synth", action="store_true")
    args = parser.parse_args()
    rows = measure(args.rounds, not args.no_synth)
    print(json.dumps(rows) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
