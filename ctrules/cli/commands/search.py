"""``ctrules search TEXT``: find CloudTrail event names in the catalog."""

from __future__ import annotations

import argparse
import json
import sys

from ctrules.cli._args import fail, positive
from ctrules.cli.report import EXIT_FINDINGS, EXIT_OK
from ctrules.errors import CtrulesError

__all__ = ["TYPE_CHOICES", "register", "run"]

#: ``--type`` values and the CloudTrail eventType each stands for.
TYPE_CHOICES = {
    "api-call": "AwsApiCall",
    "service-event": "AwsServiceEvent",
    "console-sign-in": "AwsConsoleSignIn",
    "console-action": "AwsConsoleAction",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the command to the ``ctrules`` sub-command parsers."""
    p = sub.add_parser(
        "search",
        help="find CloudTrail event names containing TEXT",
        description="Find catalog events whose name contains TEXT (case-insensitive). Exit "
        "code 1 when nothing matches.",
    )
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--type", choices=tuple(TYPE_CHOICES), help="only events of this CloudTrail eventType")
    p.add_argument("--service", help="only events of this service")
    p.add_argument("--limit", type=positive, default=25, metavar="N", help="at most N results (default 25)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``ctrules search TEXT``: matching event names, one per line; exit code 1 when none."""
    from ctrules.catalog import search

    if not args.text.strip():
        return fail("search: give some text to look for, e.g. `ctrules search AccountResult`")
    try:
        hits = search(
            args.text,
            event_type=TYPE_CHOICES.get(args.type or ""),
            service=args.service,
            limit=args.limit + 1,
        )
    except CtrulesError as exc:
        return fail(str(exc))
    more = len(hits) > args.limit
    hits = hits[: args.limit]
    if args.json:
        rows = [
            {
                "event_name": e.event_name,
                "source": e.source,
                "event_types": list(e.event_types),
                "eventbridge_read_only": e.eventbridge_read_only,
                "category": e.category,
                "home_region": e.home_region,
                "verified": e.verified,
            }
            for e in hits
        ]
        sys.stdout.write(json.dumps({"results": rows, "more": more}, indent=2) + "\n")
        return EXIT_OK if hits else EXIT_FINDINGS
    if not hits:
        sys.stderr.write(f"ctrules: no CloudTrail event name contains {args.text!r}\n")
        return EXIT_FINDINGS
    table = []
    for e in hits:
        notes = []
        if e.eventbridge_read_only:
            notes.append("read-only")
        if e.category != "Management":
            notes.append(e.category.lower())
        if e.home_region:
            notes.append(f"global:{e.home_region}")
        if not e.verified:
            notes.append("unverified")
        table.append((e.event_name, e.source, ",".join(e.event_types), " ".join(notes)))
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    out = [
        f"{name:<{widths[0]}}  {source:<{widths[1]}}  {types:<{widths[2]}}  {notes}".rstrip()
        for name, source, types, notes in table
    ]
    sys.stdout.write("\n".join(out) + "\n")
    if more:
        sys.stderr.write(f"ctrules: more than {args.limit} matches; narrow the search or raise --limit\n")
    return EXIT_OK
