#!/usr/bin/env python3
"""Cost of typed rules: N ctrules rules vs N hand-written ``events.Rule`` giving the same template.

Each round builds a fresh app (two stacks, N/2 rules each: CloudFormation allows 500 resources per
template) and synthesizes it; typed and hand-written rounds alternate in one process, and the medians
are compared. The hand-written rules get the patterns (computed before timing) and the read-only
``State`` the typed rules set, so both apps synthesize the same templates (checked). The CDK's built-in
CloudFormation check is off in both. Also counted: round trips to the jsii kernel per rule, build + synth
(every request the Python side sends to Node), typed and hand-written.

Usage: ``python bench/synth_overhead.py [--json] [--rules 300] [--rounds 7] [--profile FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("CDK_VALIDATION", "false")
os.environ.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import row, table  # noqa: E402

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = 20261123
STACKS = 2
READ_ONLY_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"


def pick_events(n: int) -> list[tuple[str, str, str, bool]]:
    """n distinct management API events seen in us-east-1 (so no warnings).

    Each as (event_name, event_source, construct kind, read-only).
    """
    from ctrules import catalog

    pool = [
        e
        for e in catalog.all_events()
        if e.event_types == ("AwsApiCall",)
        and e.home_region in (None, "us-east-1")
        and e.category == "Management"
        and not e.retired
        and e.origins
    ]
    chosen = random.Random(SEED).sample(pool, n)
    return [(e.event_name, e.event_source, "ApiCallRule", e.eventbridge_read_only) for e in chosen]


def build_app(
    outdir: str, events_: list[tuple[str, str, str, bool]], typed: bool, patterns: list[dict[str, Any]]
) -> tuple[Any, float]:
    """Build the app; returns (app, seconds spent building)."""
    import aws_cdk as cdk
    from aws_cdk import aws_events as events

    import ctrules

    start = time.perf_counter()
    app = cdk.App(outdir=outdir, builtin_cloud_formation_validation=False)
    per_stack = -(-len(events_) // STACKS)
    stack = None
    for i, ((name, source, _kind, read_only), pattern) in enumerate(zip(events_, patterns, strict=True)):
        if i % per_stack == 0:
            stack = cdk.Stack(app, f"Bench{i // per_stack}", env=cdk.Environment(region="us-east-1"))
        assert stack is not None
        if typed:
            ctrules.ApiCallRule(stack, f"R{i}", name, service=source)
        else:
            rule = events.Rule(
                stack,
                f"R{i}",
                event_pattern=events.EventPattern(
                    source=pattern["source"], detail_type=pattern["detail-type"], detail=pattern["detail"]
                ),
            )
            if read_only:
                cfn = rule.node.default_child
                assert isinstance(cfn, events.CfnRule)
                cfn.state = READ_ONLY_STATE
    return app, time.perf_counter() - start


def _tree_cpu(pid: int, ticks: int) -> float:
    """CPU seconds of a process and its descendants (the venv's ``node`` is a wrapper that starts the real one)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except (OSError, IndexError, ValueError):
        return 0.0
    return total + sum(_tree_cpu(int(child), ticks) for child in children)


def cpu_seconds() -> float:
    """CPU time of this process plus the jsii kernel's Node process (less noisy than wall time on a busy
    machine, and it counts both sides of every round trip)."""
    import jsii

    node = jsii.kernel.provider._process._process  # type: ignore[attr-defined]
    return time.process_time() + _tree_cpu(node.pid, os.sysconf("SC_CLK_TCK"))


def one_round(
    events_: list[tuple[str, str, str, bool]],
    patterns: list[dict[str, Any]],
    typed: bool,
    keep: dict[str, Any] | None = None,
) -> tuple[float, float, float]:
    """(build seconds, synth seconds, CPU seconds of both processes) of one fresh app."""
    with tempfile.TemporaryDirectory(prefix="ctrules-bench-") as outdir:
        cpu = cpu_seconds()
        app, built = build_app(outdir, events_, typed, patterns)
        start = time.perf_counter()
        assembly = app.synth()
        synthed = time.perf_counter() - start
        cpu = cpu_seconds() - cpu
        if keep is not None:
            keep["typed" if typed else "hand"] = [s.template for s in assembly.stacks]
    return built, synthed, cpu




def count_jsii_calls(
    events_: list[tuple[str, str, str, bool]], patterns: list[dict[str, Any]], typed: bool
) -> int:
    """Round trips to the jsii kernel (Node) during one round, build + synth."""
    from jsii._kernel.providers import process

    original = process._NodeProcess.send
    count = 0

    def send(self: Any, request: Any, response_type: Any) -> Any:
        nonlocal count
        count += 1
        return original(self, request, response_type)

    process._NodeProcess.send = send  # type: ignore[method-assign]
    try:
        one_round(events_, patterns, typed)
    finally:
        process._NodeProcess.send = original  # type: ignore[method-assign]
    return count


def measure(n: int, rounds: int, profile: str | None = None) -> list[dict[str, Any]]:
    import ctrules

    events_ = pick_events(n)
    patterns = [ctrules.pattern_dict(name, service=source) for name, source, _, _ in events_]
    # Warm-up (jsii kernel start, imports, first-call caches), and the same-template check.
    templates: dict[str, Any] = {}
    one_round(events_, patterns, typed=True, keep=templates)
    one_round(events_, patterns, typed=False, keep=templates)
    if templates["typed"] != templates["hand"]:
        raise SystemExit("typed and hand-written apps do not synthesize the same templates")
    calls = {typed: count_jsii_calls(events_, patterns, typed) for typed in (True, False)}
    times: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
    for r in range(rounds):
        for typed in (True, False) if r % 2 == 0 else (False, True):
            times[typed].append(one_round(events_, patterns, typed))
    if profile:
        import cProfile

        cProfile.runctx(
            "one_round(events_, patterns, True)", globals(), {**locals(), "one_round": one_round}, profile
        )
    med = statistics.median

    def total(typed: bool) -> float:
        return med([b + s for b, s, _ in times[typed]])

    typed_total, hand_total = total(True), total(False)
    ratio = typed_total / hand_total
    build = med([b for b, _, _ in times[True]]) / med([b for b, _, _ in times[False]])
    synth = med([s for _, s, _ in times[True]]) / med([s for _, s, _ in times[False]])
    cpu = med([c for *_, c in times[True]]) / med([c for *_, c in times[False]])
    # Each typed round beside the hand-written round of the same pair (they alternate): a drift of the machine or of
    # the Node process over the run moves both sides of a pair alike.
    paired = med([(tb + ts) / (hb + hs) for (tb, ts, _), (hb, hs, _) in zip(times[True], times[False], strict=True)])
    return [
        row(
            f"synth overhead: {n} typed rules / {n} hand-written (build + synth)",
            round(ratio, 3),
            "ratio",
            1.05,
        ),
        row(f"  {n} typed rules, build + synth", round(typed_total, 3), "s"),
        row(f"  {n} hand-written rules, build + synth", round(hand_total, 3), "s"),
        row("  typed / hand-written, build only", round(build, 3), "ratio"),
        row("  typed / hand-written, synth only", round(synth, 3), "ratio"),
        row("  typed / hand-written, CPU seconds of Python + the jsii Node process", round(cpu, 3), "ratio"),
        row("  typed / hand-written, median of the rounds' paired ratios (build + synth)", round(paired, 3), "ratio"),
        row("  jsii round trips per typed rule (build + synth)", round(calls[True] / n, 2), "calls"),
        row("  jsii round trips per hand-written rule (build + synth)", round(calls[False] / n, 2), "calls"),
    ]




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as a JSON list")
    parser.add_argument("--rules", type=int, default=300, help="rules per app (default 300, as issue 24 measures)")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds of each kind (median; issue 14 asks for 7)")
    parser.add_argument("--profile", metavar="FILE", help="also cProfile one typed round into FILE")
    args = parser.parse_args(argv)
    rows = measure(args.rules, args.rounds, args.profile)
    print(json.dumps(rows) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
