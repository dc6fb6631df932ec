#!/usr/bin/env python3
"""Cost of the ``CloudTrailChecks`` Validations plugin: synth of 1,000 rules with and without it.

Each round builds a fresh app of N hand-written ``events.Rule`` (catalog patterns of management events,
read-only State set where EventBridge needs it, so the app is clean), in stacks of 250 rules, and times
building it and ``app.synth()``: what ``cdk synth`` runs, less process start and imports. Rounds with
and without the plugin alternate in one process; the medians are compared. The plugin runs in the synth
phase, so the headline is the synth-phase difference over build + synth without the plugin (the build
phase's round-to-round noise is larger than the effect); raw totals and each phase are reported too.
The CDK's built-in CloudFormation check is off in both.

Usage: ``python bench/plugin_cost.py [--json] [--rules 1000] [--rounds 7] [--profile FILE]``.
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

SEED = 20261124
PER_STACK = 250
READ_ONLY_STATE = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"


def pick_patterns(n: int) -> list[tuple[dict[str, Any], bool]]:
    """n management-event patterns seen in us-east-1, with whether the rule needs the read-only State.

    Management events of services AWS still runs, listed in the catalog: a data event draws a CTR006 warning
    (a trail must log it), a retired service's a CTR014 one, and the app is meant to be clean.
    """
    import ctrules
    from ctrules import catalog

    pool = [
        e
        for e in catalog.all_events()
        if e.home_region in (None, "us-east-1") and e.category == "Management" and not e.retired and e.origins
    ]
    chosen = random.Random(SEED).sample(pool, n)
    return [
        (ctrules.pattern_dict(e.event_name, service=e.event_source), e.eventbridge_read_only) for e in chosen
    ]


def one_round(rules: list[tuple[dict[str, Any], bool]], plugin: bool) -> tuple[float, float]:
    """(build seconds, synth seconds) of one fresh app."""
    import aws_cdk as cdk
    from aws_cdk import aws_events as events

    from ctrules import CloudTrailChecks

    with tempfile.TemporaryDirectory(prefix="ctrules-bench-") as outdir:
        start = time.perf_counter()
        app = cdk.App(outdir=outdir, builtin_cloud_formation_validation=False)
        if plugin:
            cdk.Validations.of(app).add_plugins(CloudTrailChecks())
        stack = None
        for i, (pattern, read_only) in enumerate(rules):
            if i % PER_STACK == 0:
                stack = cdk.Stack(app, f"Bench{i // PER_STACK}", env=cdk.Environment(region="us-east-1"))
            assert stack is not None
            rule = events.Rule(
                stack,
                f"R{i}",
                event_pattern=events.EventPattern(
                    source=pattern.get("source"), detail_type=pattern["detail-type"], detail=pattern["detail"]
                ),
            )
            if read_only:
                cfn = rule.node.default_child
                assert isinstance(cfn, events.CfnRule)
                cfn.state = READ_ONLY_STATE
        built = time.perf_counter() - start
        start = time.perf_counter()
        app.synth()
        synthed = time.perf_counter() - start
    return built, synthed




def measure(n: int, rounds: int, profile: str | None = None) -> list[dict[str, Any]]:
    rules = pick_patterns(n)
    one_round(rules, plugin=True)  # warm-up; also proves the app is clean (errors would raise)
    one_round(rules, plugin=False)
    times: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for r in range(rounds):
        for plugin in (True, False) if r % 2 == 0 else (False, True):
            times[plugin].append(one_round(rules, plugin))
    if profile:
        import cProfile

        cProfile.runctx(
            "one_round(rules, True)", globals(), {"rules": rules, "one_round": one_round}, profile
        )
    med = statistics.median
    synth_with, synth_without = med([s for _, s in times[True]]), med([s for _, s in times[False]])
    build_with, build_without = med([b for b, _ in times[True]]), med([b for b, _ in times[False]])
    total_with = med([b + s for b, s in times[True]])
    total_without = med([b + s for b, s in times[False]])
    # The plugin runs in the synth phase only; the build phase varies by ±10 % from round to round on a
    # shared 2-core machine, which would drown a few percent. The headline is the synth-phase difference
    # over the whole without the plugin; the raw totals are shown too.
    extra_total = (synth_with - synth_without) / total_without * 100
    extra = (synth_with / synth_without - 1) * 100
    return [
        row(f"CloudTrailChecks plugin: extra time, {n} rules (build + synth)", round(extra_total, 1), "%", 5),
        row(f"  {n} rules with / without the plugin, build + synth", f"{total_with:.3f} / {total_without:.3f}", "s"),
        row("  build phase with / without (the plugin runs in synth)", f"{build_with:.3f} / {build_without:.3f}", "s"),
        row("  synth phase with / without the plugin", f"{synth_with:.3f} / {synth_without:.3f}", "s"),
        row("  extra on the synth phase alone (app.synth())", round(extra, 1), "%"),
    ]




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as a JSON list")
    parser.add_argument("--rules", type=int, default=1000, help="rules per app (default 1000)")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds of each kind (median)")
    parser.add_argument("--profile", metavar="FILE", help="also cProfile one round with the plugin into FILE")
    args = parser.parse_args(argv)
    rows = measure(args.rules, args.rounds, args.profile)
    print(json.dumps(rows) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
