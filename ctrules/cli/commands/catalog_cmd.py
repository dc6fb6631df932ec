"""``ctrules catalog``: what the bundled catalog holds (counts by eventType and by service)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from ctrules.cli._args import positive
from ctrules.cli.report import EXIT_OK

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the command to the ``ctrules`` sub-command parsers."""
    p = sub.add_parser("catalog", help="what the bundled catalog holds", description="Catalog counts.")
    p.add_argument("--top", type=positive, default=15, metavar="N", help="show the N largest services (15)")
    p.add_argument("--all", action="store_true", help="show every service")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``ctrules catalog``: counts by eventType and service; the exit code."""
    from ctrules.catalog import EVENT_TYPES, all_events, info

    meta = info()
    counts = meta.get("counts") if isinstance(meta.get("counts"), dict) else {}
    by_type: Counter[str] = Counter()
    by_source: Counter[str] = Counter()
    total = 0
    for ev in all_events():
        total += 1
        by_source[ev.source] += 1
        for t in ev.event_types:
            by_type[t] += 1
    upstream = meta.get("upstream") if isinstance(meta.get("upstream"), dict) else {}
    services = by_source.most_common() if args.all else by_source.most_common(args.top)
    if args.json:
        doc = {
            "schema": meta.get("schema"),
            "upstream": upstream,
            "events": total,
            "event_sources": len(by_source),
            "verified": (counts or {}).get("verified"),
            "by_event_type": {t: by_type.get(t, 0) for t in EVENT_TYPES},
            "by_service": dict(services),
        }
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
        return EXIT_OK
    from ctrules.catalog import coverage

    upstream_text = coverage().version_text
    lines = [
        f"ctrules catalog: {total:,} events from {len(by_source):,} event sources",
        f"  catalog schema {meta.get('schema')}; data of {upstream_text}",
    ]
    if isinstance(counts, dict) and "verified" in counts:
        lines.append(f"  verified entries: {counts['verified']:,} (others inferred from botocore)")
    lines += ["", "By eventType:"]
    width = max(len(t) for t in EVENT_TYPES)
    lines += [f"  {t:<{width}}  {by_type.get(t, 0):>7,}" for t in EVENT_TYPES]
    top = min(args.top, len(by_source))
    shown = "all" if args.all else f"top {top} of {len(by_source)}; --all for every one"
    lines += ["", f"By service ({shown}):"]
    if services:
        width = max(len(s) for s, _ in services)
        lines += [f"  {s:<{width}}  {n:>7,}" for s, n in services]
    sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK
