#!/usr/bin/env python3
"""``ctrules lint`` throughput on one template of 10,000 varied CloudTrail rules, and cfn-lint on the same.

The template (JSON, pretty-printed like ``cdk synth`` writes it) is generated into a temporary directory
from the bundled catalog with a fixed seed: API calls (with and without ``detail.eventSource``), service
events, console sign-ins and console actions, filters on the record (``userIdentity``, ``errorCode``),
operators (``prefix``, ``anything-but``, ``wildcard``, ``exists``), ``$or`` patterns, patterns given as JSON
strings, read-only events with the State they need, and about one rule in ten with a mistake (the wrong
detail-type, a misspelt name or source, the docs' "Signin" spelling, a lower-case record field, a
read-only event without the State, a malformed operator).

Timed: ``ctrules.cli.main(["lint", TEMPLATE, "--region", "us-east-1"])`` in this process, output to
memory; best of N runs after a first run (reported separately), the same with ``--format json`` and
``--format sarif`` (which add the line of each finding), and the whole command in a new process
(``python -m ctrules lint``: interpreter start, imports, catalog load, a cold run). For reference: the
parse floor (``json.loads`` of the file plus the walk that finds the rules), and cfn-lint run on the same
file (a subprocess, once).

Usage: ``python bench/lint_throughput.py [--rules N] [--repeat N] [--json] [--skip-cfn-lint]
[--profile]``.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ctrules import catalog  # noqa: E402
from ctrules.catalog import DETAIL_TYPES, READ_ONLY_RULE_STATE, CatalogEvent  # noqa: E402
from ctrules.cli import main as ctrules_main  # noqa: E402
from ctrules.inputs import rules_in_template  # noqa: E402

TARGET_RULES_PER_S = 50_000
#: lint's throughput as a share of the parse floor's (json.loads + finding the rules), issue 24.
TARGET_SHARE_OF_FLOOR = 0.5
REGION = "us-east-1"


# --------------------------------------------------------------------------------------------- generator


def _pools(rng: random.Random) -> dict[str, list[CatalogEvent]]:
    """Catalog events by kind (sampled once; the catalog may grow, the seed keeps the choice stable)."""
    pools: dict[str, list[CatalogEvent]] = {k: [] for k in ("api", "api_ro", "service", "signin", "console")}
    for ev in catalog.all_events():
        types = ev.event_types
        if "AwsConsoleSignIn" in types:
            pools["signin"].append(ev)
        elif "AwsConsoleAction" in types:
            pools["console"].append(ev)
        elif types == ("AwsServiceEvent",):
            pools["service"].append(ev)
        elif types == ("AwsApiCall",) and ev.category == "Management" and ev.home_region in (None, REGION):
            pools["api_ro" if ev.eventbridge_read_only else "api"].append(ev)
    for kind, events in pools.items():
        if not events:  # an early catalog may lack a family: fall back to API calls
            pools[kind] = pools["api"]
    return pools


_BY_SOURCE: dict[int, dict[str, list[CatalogEvent]]] = {}


def _by_source(events: list[CatalogEvent]) -> dict[str, list[CatalogEvent]]:
    """The events of a pool grouped by eventSource (cached per pool)."""
    found = _BY_SOURCE.get(id(events))
    if found is None:
        found = {}
        for ev in events:
            found.setdefault(ev.event_source, []).append(ev)
        _BY_SOURCE[id(events)] = found
    return found


def _base(ev: CatalogEvent, event_type: str, with_source: bool) -> dict[str, Any]:
    detail: dict[str, Any] = {"eventName": [ev.event_name]}
    if with_source:
        detail = {"eventSource": [ev.event_source], **detail}
    return {"source": [ev.source], "detail-type": [DETAIL_TYPES[event_type]], "detail": detail}


def _mistake(rng: random.Random, pools: dict[str, list[CatalogEvent]]) -> tuple[dict[str, Any], str | None]:
    kind = rng.randrange(7)
    if kind == 0:  # a service event matched as an API call (the seed mistake)
        return _base(rng.choice(pools["service"]), "AwsApiCall", False), None
    if kind == 1:  # a misspelt event name
        ev = rng.choice(pools["api"])
        p = _base(ev, "AwsApiCall", False)
        p["detail"]["eventName"] = [ev.event_name[:-1]]
        return p, None
    if kind == 2:  # a made-up source
        ev = rng.choice(pools["api"])
        p = _base(ev, "AwsApiCall", False)
        p["source"] = [ev.source + "s"]
        return p, None
    if kind == 3:  # the docs' spelling of the sign-in detail-type
        p = _base(rng.choice(pools["signin"]), "AwsConsoleSignIn", False)
        p["detail-type"] = ["AWS Console Signin via CloudTrail"]
        return p, None
    if kind == 4:  # a record field in the wrong case
        p = _base(rng.choice(pools["api"]), "AwsApiCall", False)
        p["detail"]["useridentity"] = {"type": ["Root"]}
        return p, None
    if kind == 5:  # a read-only event on a rule without the State it needs
        return _base(rng.choice(pools["api_ro"]), "AwsApiCall", True), None
    p = _base(rng.choice(pools["api"]), "AwsApiCall", False)  # a malformed operator
    p["detail"]["errorCode"] = [{"exists": "false"}]
    return p, None


def _good(rng: random.Random, pools: dict[str, list[CatalogEvent]]) -> tuple[dict[str, Any], str | None]:
    by_source = _by_source(pools["api"])
    roll = rng.random()
    state: str | None = None
    if roll < 0.55:
        ev = rng.choice(pools["api"])
        p = _base(ev, "AwsApiCall", rng.random() < 0.6)
        if rng.random() < 0.3:  # several names of one service
            more = [e.event_name for e in by_source.get(ev.event_source, ())][:50]
            extra = rng.sample(more, min(3, len(more)))
            p["detail"]["eventName"] = sorted({*p["detail"]["eventName"], *extra})
    elif roll < 0.65:
        ev = rng.choice(pools["api_ro"])
        p = _base(ev, "AwsApiCall", True)
        state = READ_ONLY_RULE_STATE
    elif roll < 0.75:
        ev = rng.choice(pools["service"])
        p = _base(ev, "AwsServiceEvent", rng.random() < 0.5)
    elif roll < 0.82:
        ev = rng.choice(pools["signin"])
        p = _base(ev, "AwsConsoleSignIn", False)
        p["detail"]["userIdentity"] = {"type": ["Root"]}
    elif roll < 0.86:
        ev = rng.choice(pools["console"])
        p = _base(ev, "AwsConsoleAction", False)
    elif roll < 0.93:  # operators
        ev = rng.choice(pools["api"])
        p = _base(ev, "AwsApiCall", True)
        op = rng.randrange(3)
        if op == 0:
            p["detail"]["eventName"] = [{"prefix": ev.event_name[: max(3, len(ev.event_name) // 2)]}]
        elif op == 1:
            p["detail"]["eventName"] = [{"wildcard": ev.event_name[:4] + "*"}]
        else:
            p["detail"]["userIdentity"] = {"type": [{"anything-but": ["AWSService"]}]}
        if op != 1 and rng.random() < 0.5:
            p["detail"]["errorCode"] = [{"exists": False}]
    else:  # $or over two services
        a, b = rng.choice(pools["api"]), rng.choice(pools["api"])
        ev = a
        p = {
            "source": sorted({a.source, b.source}),
            "detail-type": [DETAIL_TYPES["AwsApiCall"]],
            "detail": {
                "$or": [
                    {"eventSource": [a.event_source], "eventName": [a.event_name]},
                    {"eventSource": [b.event_source], "eventName": [b.event_name]},
                ]
            },
        }
    if ev.eventbridge_read_only and state is None and roll < 0.86:
        state = READ_ONLY_RULE_STATE  # what a careful author sets (EventBridge's read-only list)
    return p, state


def make_template(n: int, seed: int = 7) -> dict[str, Any]:
    """A CloudFormation template with ``n`` varied CloudTrail rules (about 10 % with a mistake)."""
    rng = random.Random(seed)
    pools = _pools(rng)
    resources: dict[str, Any] = {}
    for i in range(n):
        pattern, state = _mistake(rng, pools) if rng.random() < 0.1 else _good(rng, pools)
        props: dict[str, Any] = {"EventPattern": json.dumps(pattern) if rng.random() < 0.15 else pattern}
        if state is not None:
            props["State"] = state
        props["Targets"] = [{"Arn": {"Ref": "Topic"}, "Id": "Target0"}]
        resources[f"Rule{i:05d}"] = {"Type": "AWS::Events::Rule", "Properties": props}
    resources["Topic"] = {"Type": "AWS::SNS::Topic"}
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}


# ------------------------------------------------------------------------------------------------ timing


def time_ctrules(path: Path, repeat: int, fmt: str) -> tuple[list[float], str]:
    """Seconds of each run of ``ctrules lint PATH --format FMT --region us-east-1``, and the last output."""
    times: list[float] = []
    text = ""
    for _ in range(repeat):
        out = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = ctrules_main(["lint", str(path), "--format", fmt, "--region", REGION])
        times.append(time.perf_counter() - start)
        text = out.getvalue()
        if code not in (0, 1):
            raise SystemExit(f"ctrules lint failed (exit {code})")
    return times, text


def time_process(path: Path, repeat: int, *, best: bool = True) -> float:
    """Wall time of ``python -m ctrules lint PATH`` in a new process: interpreter start, imports, catalog load and a
    cold run, as a user, a pre-commit hook or a CI job sees it. The best of ``repeat`` runs, or their median.

    Bytecode is cached as for an installed package (this environment sets ``PYTHONDONTWRITEBYTECODE``, which would
    make every run compile ctrules again); a first run, not timed, writes it.
    """
    cmd = [sys.executable, "-m", "ctrules", "lint", str(path), "--region", REGION]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    times: list[float] = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env)
        if i:
            times.append(time.perf_counter() - start)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"python -m ctrules lint failed (exit {proc.returncode})")
    return min(times) if best else statistics.median(times)


def time_one_rule(tmp: Path, repeat: int = 15, name: str = "CreateUser", source: bool = True) -> float:
    """Median wall time of ``python -m ctrules lint`` of a template with one rule (start-up is all of it); with a
    misspelt ``name`` and no source, the first "did you mean" search over the whole catalog too."""
    one = tmp / "one.template.json"
    pattern: dict[str, Any] = {"detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": [name]}}
    if source:
        pattern["source"] = ["aws.iam"]
    one.write_text(json.dumps({"Resources": {"R": {"Type": "AWS::Events::Rule", "Properties": {
        "EventPattern": pattern}}}}), encoding="utf-8")  # fmt: skip
    return time_process(one, repeat, best=False)


def time_parse_floor(path: Path, repeat: int) -> float:
    """Best time of reading + json.loads + walking the rules (the floor of a pure-Python linter)."""
    return _best_floor(path, repeat, lambda doc: sum(1 for _ in rules_in_template(doc)))


def time_bare_floor(path: Path, repeat: int) -> float:
    """Best time of reading + json.loads + the barest walk to the rules' patterns (no ctrules code): a floor that does
    not move when ctrules' own ``rules_in_template`` gets faster (the headline floor calls it)."""

    def bare(doc: Any) -> int:
        return sum(
            1
            for resource in doc["Resources"].values()
            if resource.get("Type") == "AWS::Events::Rule" and "EventPattern" in resource.get("Properties", {})
        )

    return _best_floor(path, repeat, bare)


def _best_floor(path: Path, repeat: int, count_rules: Callable[[Any], int]) -> float:
    """Best time of reading the file, json.loads and ``count_rules`` of the document, with the collector off as
    ctrules lint runs (the document is freed outside the timing)."""
    best = float("inf")
    for _ in range(repeat):
        gc.disable()
        try:
            start = time.perf_counter()
            doc = json.loads(path.read_text(encoding="utf-8"))
            count_rules(doc)
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
        del doc
    return best


def cfn_lint_command() -> list[str] | None:
    exe = Path(sys.executable).parent / "cfn-lint"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("cfn-lint")
    return [found] if found else None


def time_cfn_lint(path: Path, timeout: float) -> tuple[float | None, str]:
    """Seconds cfn-lint takes on the file (``None`` and why, when it cannot run)."""
    cmd = cfn_lint_command()
    if cmd is None:
        return None, "cfn-lint not installed: skipped"
    start = time.perf_counter()
    try:
        proc = subprocess.run([*cmd, "--", str(path)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"cfn-lint timed out after {timeout:g} s: skipped"
    except OSError as exc:
        return None, f"cfn-lint could not run ({exc}): skipped"
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 2, 4, 6, 8, 10, 12, 14):  # cfn-lint's bit mask of error/warning/info
        return None, f"cfn-lint failed (exit {proc.returncode}): skipped"
    return elapsed, f"cfn-lint exit {proc.returncode}"


def profile(path: Path) -> None:
    """cProfile of one lint run: where the time goes (printed to stderr)."""
    import cProfile
    import pstats

    prof = cProfile.Profile()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        prof.enable()
        ctrules_main(["lint", str(path), "--format", "json", "--region", REGION])
        prof.disable()
    stats = pstats.Stats(prof, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(35)
    stats.sort_stats("tottime").print_stats(20)


def row(
    name: str, value: float | str | None, unit: str, target: str | None = None, ok: bool | None = None
) -> dict[str, Any]:
    """One result row, in the shape ``bench/run_all.py`` collects."""
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rules", type=int, default=10_000, help="rules in the template (10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of ctrules (best of; 3)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print a JSON list of result rows")
    parser.add_argument("--skip-cfn-lint", action="store_true", help="do not run cfn-lint")
    parser.add_argument("--cfn-lint-timeout", type=float, default=900, help="seconds (900)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one run to stderr")
    parser.add_argument("--keep", type=Path, help="also write the template to this file")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ctrules-bench-") as tmp:
        path = Path(tmp) / "rules.template.json"
        doc = make_template(args.rules, args.seed)
        path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
        if args.keep:
            shutil.copyfile(path, args.keep)
        distinct = len(
            {
                json.dumps(r["Properties"]["EventPattern"], sort_keys=True)
                for r in doc["Resources"].values()
                if r["Type"] == "AWS::Events::Rule"
            }
        )
        (cold,), _ = time_ctrules(path, 1, "text")  # the first run in the process loads the catalog
        warm, _ = time_ctrules(path, args.repeat, "text")
        best = min(warm)
        json_times, json_out = time_ctrules(path, args.repeat, "json")
        sarif_times, _ = time_ctrules(path, args.repeat, "sarif")
        summary = json.loads(json_out)["summary"]
        process = time_process(path, args.repeat)
        one_rule = time_one_rule(Path(tmp))
        one_typo = time_one_rule(Path(tmp), name="CreateUsr", source=False)
        floor = time_parse_floor(path, args.repeat)
        bare = time_bare_floor(path, args.repeat)
        if args.profile:
            profile(path)
        if args.skip_cfn_lint:
            cfn, cfn_note = None, "skipped (--skip-cfn-lint)"
        else:
            cfn, cfn_note = time_cfn_lint(path, args.cfn_lint_timeout)
        size_mb = path.stat().st_size / 1e6

    n = summary["rules"]
    rate = n / best
    share = floor / best  # lint's throughput as a share of the parse floor's, measured in this run
    rows = [
        {
            "name": "ctrules lint ÷ parse floor, throughput (same run)",
            "value": round(share, 3),
            "unit": "ratio",
            "target": f">= {TARGET_SHARE_OF_FLOOR}",
            "ok": share >= TARGET_SHARE_OF_FLOOR,
            "better": "higher",
        },
        row(
            f"ctrules lint, {n:,} rules in one template (best of {args.repeat})",
            round(rate),
            "rules/s",
            f">= {TARGET_RULES_PER_S:,}",
            rate >= TARGET_RULES_PER_S,
        ),
        row("  ctrules lint time (best, text output)", round(best, 3), "s"),
        row("  ctrules lint time (first run: also loads the catalog)", round(cold, 3), "s"),
        row("  ctrules lint --format json (best; adds line numbers)", round(n / min(json_times)), "rules/s"),
        row("  ctrules lint --format sarif (best)", round(n / min(sarif_times)), "rules/s"),
        row("  whole command in a new process (python -m ctrules lint; best)", round(process, 3), "s"),
        row("  whole command, a one-rule template (median of 15; start-up)", round(one_rule * 1000), "ms"),
        row(
            "  the same, its one name misspelt and no source (the first search of the whole catalog)",
            round(one_typo * 1000),
            "ms",
        ),
        row("  parse floor (json.loads + finding the rules)", round(n / floor), "rules/s"),
        row("  bare floor (json.loads + a bare walk to the patterns, no ctrules code)", round(n / bare), "rules/s"),
        row("  ctrules lint ÷ bare floor, throughput", round(bare / best, 3), "ratio"),
        row("  findings: errors / warnings", f"{summary['errors']} / {summary['warnings']}", ""),
        row("  distinct patterns", distinct, "patterns"),
        row(f"  cfn-lint on the same template ({cfn_note})", None if cfn is None else round(cfn, 1), "s"),
        row("  ctrules speed-up over cfn-lint", None if cfn is None else round(cfn / best, 1), "x"),
    ]
    if args.json:
        print(json.dumps(rows))
        return 0
    print(f"template: {n:,} rules, {size_mb:.1f} MB JSON")
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        v = r["value"]
        value = "-" if v is None else (f"{v:,}" if isinstance(v, int) else str(v))
        target = f"  (target {r['target']}: {'met' if r['ok'] else 'NOT met'})" if r["target"] else ""
        print(f"{r['name']:<{width}}  {value:>12} {r['unit']}{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
