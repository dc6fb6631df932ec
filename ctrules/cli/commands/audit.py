"""``ctrules audit``: check the EventBridge rules deployed in an account (or an organization) and write the report."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ctrules.cli._args import codes, fail, positive, region
from ctrules.cli.render_json import render_json
from ctrules.cli.render_sarif import render_sarif
from ctrules.cli.render_text import render_text
from ctrules.cli.report import LintReport

__all__ = ["register", "run"]

#: The longest ``--since`` window: CloudWatch keeps one-hour data points 455 days (CloudWatch user guide, metric
#: retention: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html).
MAX_SINCE_DAYS = 455


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the command to the ``ctrules`` sub-command parsers."""
    p = sub.add_parser(
        "audit",
        help="check the EventBridge rules deployed in an AWS account or organization (read-only)",
        description="Read every event bus, rule (pattern, State, targets, tags) and CloudTrail trail (event selectors, "
        "logging) of an account's regions with Describe/List/Get calls only, and run the checks of `ctrules lint` "
        "with what the account knows: the region, the State, the targets, and whether a trail logs the data events "
        "a rule waits for. Findings name the rule's ARN. Acknowledge one with a rule tag "
        "'ctrules:acknowledge' = 'CTR005 <reason>' (or 'ctrules:acknowledge:CTR005' = '<reason>'). "
        "Needs boto3 (pip install 'ctrules[audit]'); credentials and endpoint as for the AWS CLI. "
        "Exit codes: 0 no error, 1 errors found (or warnings with --strict), 2 bad usage, no credentials, or no "
        "region could be read.",
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--regions", type=_regions, metavar="R1,R2", help="regions to audit (default: the profile's)")
    where.add_argument("--all-regions", action="store_true", help="every region enabled for the account")
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
    p.add_argument("--profile", metavar="P", help="AWS profile (default: the environment's credentials)")
    p.add_argument(
        "--since",
        type=_days,
        metavar="N[d]",
        help="also report rules that matched no event in the last N days (CloudWatch MatchedEvents, information)",
    )
    p.add_argument(
        "--ignore",
        type=_codes,
        action="append",
        default=[],
        metavar="CODE",
        help="check code(s) to skip, the live-only CTR101 (no target) and CTR102 (not matched) too",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail too (exit code 1)")
    p.add_argument("--org", action="store_true", help="audit every active account of the organization")
    p.add_argument("--role-name", metavar="NAME", help="with --org: the role to assume in each account")
    p.add_argument(
        "--max-workers", type=positive, default=8, metavar="N", help="account/region pairs read at once (default 8)"
    )
    p.add_argument("--inventory", metavar="FILE", help="also write what was read (buses, rules, trails) as JSON")
    p.set_defaults(run=run)


def _codes(value: str) -> list[str]:
    """``--ignore``: the lint check codes and the audit's live-only ones."""
    from ctrules.audit.evaluate import LIVE_CHECKS

    given = [c.strip().upper() for c in value.split(",") if c.strip()]
    live = [c for c in given if c in LIVE_CHECKS]
    rest = [c for c in given if c not in LIVE_CHECKS]
    return live + (codes(",".join(rest)) if rest or not live else [])


def _regions(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    if not names:
        raise argparse.ArgumentTypeError(f"{value!r} names no region (e.g. us-east-1,eu-west-1)")
    return list(dict.fromkeys(region(n) for n in names))


def _days(value: str) -> int:
    match = re.fullmatch(r"\s*(\d+)\s*d?\s*", value, re.IGNORECASE)
    days = int(match.group(1)) if match else 0
    if not 1 <= days <= MAX_SINCE_DAYS:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of days from 1 to {MAX_SINCE_DAYS} (e.g. 30d)")
    return days


def run(args: argparse.Namespace) -> int:
    """``ctrules audit``: read, check, write notes on stderr and the report on stdout; the exit code."""
    if args.role_name and not args.org:
        return fail("--role-name is for --org (the role ctrules assumes in each account of the organization)")
    if args.org and not args.role_name:
        return fail("--org needs --role-name NAME: the role ctrules assumes in each account (e.g. a read-only role)")
    try:
        import boto3  # type: ignore[import-untyped,unused-ignore]
        import botocore.exceptions
    except ImportError:
        return fail("ctrules audit needs boto3: pip install 'ctrules[audit]'")
    from ctrules.audit.aws import AwsError, ReadOnlySession
    from ctrules.audit.collect import inventory_json
    from ctrules.audit.evaluate import evaluate
    from ctrules.audit.run import Account, AuditPlan, assume, caller, list_org_accounts, run_audit

    err = sys.stderr
    try:
        session = boto3.Session(profile_name=args.profile)
    except botocore.exceptions.BotoCoreError as exc:
        return fail(str(exc))
    ro = ReadOnlySession(session, fallback_region=args.regions[0] if args.regions else "us-east-1")
    if args.regions is None and not args.all_regions and not session.region_name:
        return fail("no region: pass --regions R1,R2 or --all-regions, or set AWS_REGION (or the profile's region)")
    try:
        account_id, partition = caller(ro)
        if args.org:
            members = list_org_accounts(ro)

            def enter(member: tuple[str, str]) -> Account:
                a, n = member
                if a == account_id:
                    return Account(a, n, ro)
                return assume(ro, a, n, args.role_name, partition, boto3.Session)

            from concurrent.futures import ThreadPoolExecutor  # (it loads logging): only an --org audit needs it

            with ThreadPoolExecutor(max_workers=args.max_workers) as pool:  # AssumeRole, a few accounts at a time
                accounts = list(pool.map(enter, members))
        else:
            accounts = [Account(account_id, "", ro)]
    except AwsError as exc:
        return fail(exc.message)
    regions = None if args.all_regions else (args.regions or [session.region_name])
    plan = AuditPlan(accounts, regions, args.since, args.max_workers)
    progress = _progress if args.org else None
    inventories = run_audit(plan, progress)
    shown = [f"account {a.id}" for a in accounts]
    report = evaluate(inventories, ignore=args.ignore, strict=args.strict, inputs=shown)
    for inv in inventories:
        if inv.error is not None:
            err.write(f"ctrules: note: account {inv.account} region {inv.region} not checked: {inv.error}\n")
            continue
        if inv.trails_error is not None:
            err.write(f"ctrules: note: {inv.account}/{inv.region}: trails not read, data-event coverage unknown "
                      f"({inv.trails_error})\n")  # fmt: skip
        for note in inv.notes:
            err.write(f"ctrules: note: {inv.account}/{inv.region}: {note}\n")
        for t in inv.trails:
            if t.problem:
                err.write(f"ctrules: note: {inv.account}/{inv.region}: trail {t.arn} not read in full ({t.problem})\n")
        for rule in inv.rules:
            for note in rule.notes:
                err.write(f"ctrules: note: {rule.arn}: {note}\n")
    for r in report.information:
        f = r.finding
        err.write(f"ctrules: note: {r.where}: {f.code} [{f.severity}] {r.rule.label}: {f.message} Fix: {f.fix}\n")
    for p in report.problems:
        err.write(f"ctrules: error: {' '.join(str(p).split())}\n")
    if args.org:
        _account_summaries(report, accounts, err.write)
    if args.inventory:
        try:
            Path(args.inventory).write_text(inventory_json(inventories), encoding="utf-8")
        except OSError as exc:
            return fail(f"{args.inventory}: cannot write the inventory ({exc.strerror or exc})")
    args.outcome = report.exit_code
    renderers: dict[str, Callable[[LintReport], str]] = {
        "text": render_text,
        "json": render_json,
        "sarif": render_sarif,
    }
    sys.stdout.write(renderers[args.format](report))
    return report.exit_code


def _progress(line: str) -> None:
    sys.stderr.write(f"ctrules: {line}\n")


def _account_summaries(report: Any, accounts: list[Any], write: Callable[[str], Any]) -> None:
    """One line per account on stderr: its errors, warnings, rules and regions not checked."""
    for a in accounts:
        mine = [r for r in report.findings if _account_of(r.file.path) == a.id]
        errors = sum(1 for r in mine if r.finding.severity == "error")
        warnings = sum(1 for r in mine if r.finding.severity == "warning")
        rules = sum(1 for f in report.files if _account_of(f.path) == a.id)
        refused = sum(1 for i in report.inventories if i.account == a.id and i.error)
        label = f"{a.id} ({a.name})" if a.name else a.id
        tail = f"; {refused} region(s) not checked" if refused else ""
        counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(rules, 'rule')}"
        write(f"ctrules: summary: account {label}: {counts}{tail}\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _account_of(arn: str) -> str:
    parts = arn.split(":")
    return parts[4] if len(parts) > 5 else ""
