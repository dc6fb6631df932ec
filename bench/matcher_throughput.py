#!/usr/bin/env python3
"""Event-pattern matching throughput of ``ctrules.eventpattern``: event × pattern checks per second.

The rules are typical CloudTrail rules built from the bundled catalog with a fixed seed: ``pattern_dict``
patterns of API calls and service events (source, detail-type, detail.eventSource, detail.eventName), some
with a filter on the record (``errorCode`` exists, ``userIdentity.type``, an ``anything-but`` or
``prefix`` on the name, a ``wildcard`` on the caller's ARN, a ``$or`` of two names). The events are
:func:`ctrules.testing.sample_event` envelopes of catalog entries, a quarter of them the events the
patterns were written for (so both matches and misses are timed).

Timed, best of N: every event against every pattern with the compiled pattern (``compile_pattern``
once, then ``.matches``: the headline, on this process's CPU time, and on the wall clock); the same
through ``matches(pattern_json, event)`` (compiled form looked up in the cache by the pattern's JSON text)
and through ``matches(pattern_dict, event)`` (the same dict object, recognised by identity); and
compiling each distinct pattern (validation included).

Usage: ``python bench/matcher_throughput.py [--patterns N] [--events N] [--repeat N] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import ctrules  # noqa: E402
from ctrules import catalog  # noqa: E402
from ctrules.eventpattern.match import clear_cache, compile_pattern, matches  # noqa: E402
from ctrules.testing import sample_event  # noqa: E402

TARGET_CHECKS_PER_S = 100_000


def _entries(rng: random.Random, count: int) -> list[tuple[str, str | None]]:
    """(eventName, service) of API-call and service-event catalog entries, sampled with the seed."""
    pool = []
    for ev in catalog.all_events():
        if {"AwsApiCall", "AwsServiceEvent"} & set(ev.event_types) and ev.category == "Management":
            pool.append((ev.event_name, ev.event_source.removesuffix(".amazonaws.com")))
    pool.sort()
    return rng.sample(pool, min(count, len(pool)))


def _pattern(name: str, service: str | None, rng: random.Random) -> dict[str, Any] | None:
    try:
        pattern: dict[str, Any] = ctrules.pattern_dict(name, service=service)
    except Exception:  # an ambiguous or unusual entry: not a typical rule
        return None
    detail = pattern.setdefault("detail", {})
    extra = rng.random()
    if extra < 0.15:
        detail["errorCode"] = [{"exists": True}]
    elif extra < 0.25:
        detail["userIdentity"] = {"type": ["Root", "IAMUser"]}
    elif extra < 0.35:
        detail["eventName"] = [{"anything-but": {"prefix": "Get"}}, *detail.get("eventName", [])]
    elif extra < 0.45:
        detail["userIdentity"] = {"arn": [{"wildcard": "arn:aws:sts::*:assumed-role/Admin/*"}]}
    elif extra < 0.55 and "eventName" in detail:
        names = detail.pop("eventName")
        pattern["detail"] = {**detail, "$or": [{"eventName": names}, {"eventName": [{"prefix": "Delete"}]}]}
    return pattern


def workload(patterns: int, events: int, seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = random.Random(seed)
    chosen = _entries(rng, patterns * 2)
    pats = [p for p in (_pattern(n, s, rng) for n, s in chosen) if p is not None][:patterns]
    evs = []
    for name, service in chosen[: events // 4] + _entries(random.Random(seed + 1), events):
        if len(evs) >= events:
            break
        try:
            evs.append(sample_event(name, service=service))
        except Exception:
            continue
    return pats, evs


def best_of(repeat: int, run: Any, clock: Any = time.perf_counter) -> float:
    """Best time of ``repeat`` runs on ``clock`` (wall clock by default)."""
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def row(
    name: str, value: float | str | None, unit: str, target: str | None = None, ok: bool | None = None
) -> dict[str, Any]:
    """One result row, in the shape ``bench/run_all.py`` collects."""
    return {"name": name, "value": value, "unit": unit, "target": target, "ok": ok}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--patterns", type=int, default=200, help="distinct patterns (200)")
    parser.add_argument("--events", type=int, default=200, help="events (200)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (best of; 3)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true", help="print a JSON list of result rows")
    args = parser.parse_args(argv)

    pats, evs = workload(args.patterns, args.events, args.seed)
    checks = len(pats) * len(evs)

    def compile_all() -> None:
        clear_cache()
        for p in pats:
            compile_pattern(p)

    compile_time = best_of(args.repeat, compile_all)
    compiled = [compile_pattern(p) for p in pats]
    texts = [json.dumps(p) for p in pats]
    hits = sum(c.matches(e) for c in compiled for e in evs)

    def run_compiled() -> None:
        for c in compiled:
            test = c.matches
            for e in evs:
                test(e)

    def run_text() -> None:
        for t in texts:
            for e in evs:
                matches(t, e)

    def run_dict() -> None:
        for p in pats:
            for e in evs:
                matches(p, e)

    rate = checks / best_of(args.repeat, run_compiled, time.process_time)
    wall = checks / best_of(args.repeat, run_compiled)
    rows = [
        row(
            f"compiled pattern × event, {len(pats)} patterns × {len(evs)} events (best of {args.repeat}, CPU time)",
            round(rate),
            "checks/s",
            f">= {TARGET_CHECKS_PER_S:,}",
            rate >= TARGET_CHECKS_PER_S,
        ),
        row("  the same on the wall clock (lower when other processes share the CPU)", round(wall), "checks/s"),
        row(
            "  matches(pattern JSON text, event): cache lookup by text",
            round(checks / best_of(args.repeat, run_text)),
            "checks/s",
        ),
        row(
            "  matches(pattern dict, event): the same dict, recognised by identity",
            round(checks / best_of(args.repeat, run_dict)),
            "checks/s",
        ),
        row("  compile (validate + compile) per distinct pattern", round(len(pats) / compile_time), "patterns/s"),
        row("  checks that match", hits, "checks"),
    ]
    if args.json:
        print(json.dumps(rows))
        return 0
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        v = r["value"]
        value = "-" if v is None else (f"{v:,}" if isinstance(v, int) else str(v))
        target = f"  (target {r['target']}: {'met' if r['ok'] else 'NOT met'})" if r["target"] else ""
        print(f"{r['name']:<{width}}  {value:>12} {r['unit']}{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
