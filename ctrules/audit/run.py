"""Who and where to audit: the caller's account or an organization's, the regions, and the bounded fan-out over them.

Organization accounts are read through an assumed role; progress goes to a callback (stderr in the CLI).

An account whose role cannot be assumed, or a region that refuses the calls, becomes a :class:`RegionInventory` with an
``error``: it is reported as not checked and the audit goes on.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ctrules.audit.aws import AwsError, ReadOnlySession, describe_error
from ctrules.audit.collect import RegionInventory, TrailCache, collect_region

__all__ = ["Account", "AuditPlan", "caller", "list_org_accounts", "resolve_regions", "run_audit"]

#: Default number of account/region pairs read at once.
DEFAULT_WORKERS = 8


@dataclass
class Account:
    """An account to audit: its id and name, and a read-only session in it (``None`` with :attr:`error`)."""

    id: str
    name: str
    ro: ReadOnlySession | None
    error: str | None = None
    denied: bool = False


@dataclass
class AuditPlan:
    """What to read: accounts, regions (``None``: every enabled region of each account), the match-count window."""

    accounts: list[Account]
    regions: Sequence[str] | None
    since_days: int | None = None
    workers: int = DEFAULT_WORKERS


def caller(ro: ReadOnlySession) -> tuple[str, str]:
    """``(account id, partition)`` of the credentials (``sts:GetCallerIdentity``, which needs no permission).

    :raises AwsError: no credentials, or they are refused.
    """
    try:
        got = ro.client("sts", ro.region_name).get_caller_identity()
    except Exception as exc:
        raise describe_error(exc, "GetCallerIdentity") from None
    arn = str(got.get("Arn") or "")
    partition = arn.split(":")[1] if arn.count(":") >= 2 else "aws"
    return str(got.get("Account") or ""), partition


def resolve_regions(ro: ReadOnlySession) -> list[str]:
    """Every region enabled for the account (``ec2:DescribeRegions``; opt-in regions not opted in are left out).

    :raises AwsError: when the regions cannot be listed.
    """
    try:
        got = ro.client("ec2", ro.region_name).describe_regions()
    except Exception as exc:
        raise describe_error(exc, "DescribeRegions") from None
    return sorted(
        str(r["RegionName"])
        for r in got.get("Regions") or []
        if r.get("RegionName") and r.get("OptInStatus") != "not-opted-in"
    )


def list_org_accounts(ro: ReadOnlySession) -> list[tuple[str, str]]:
    """``(id, name)`` of every active account of the organization (``organizations:ListAccounts``).

    :raises AwsError: when the accounts cannot be listed (not the management or a delegated administrator account).
    """
    org = ro.client("organizations", ro.region_name)
    out: list[tuple[str, str]] = []
    kwargs: dict[str, Any] = {}
    seen: set[str] = set()
    try:
        while True:
            page = org.list_accounts(**kwargs)
            for a in page.get("Accounts") or []:
                if (a.get("State") or a.get("Status")) == "ACTIVE":
                    out.append((str(a["Id"]), str(a.get("Name") or "")))
            token = page.get("NextToken")
            if not token or token in seen:
                break
            seen.add(token)
            kwargs["NextToken"] = token
    except Exception as exc:
        raise describe_error(exc, "ListAccounts") from None
    return sorted(out)


def assume(
    ro: ReadOnlySession,
    account: str,
    name: str,
    role_name: str,
    partition: str,
    make_session: Callable[..., Any],
    on_call: Callable[[str, str], None] | None = None,
) -> Account:
    """A read-only session in ``account`` through ``role_name`` (an :class:`Account` with ``error`` when refused).

    The role is assumed once here (a refusal is known before any region is read); its credentials renew themselves
    by assuming the role again before they expire, so an organization audit may last longer than a role session.
    """
    arn = f"arn:{partition}:iam::{account}:role/{role_name}"
    sts = ro.client("sts", ro.region_name)

    def fetch() -> dict[str, str]:
        c = sts.assume_role(RoleArn=arn, RoleSessionName="ctrules-audit")["Credentials"]
        expiry = c["Expiration"]
        return {
            "access_key": c["AccessKeyId"],
            "secret_key": c["SecretAccessKey"],
            "token": c["SessionToken"],
            "expiry_time": expiry.isoformat() if hasattr(expiry, "isoformat") else str(expiry),
        }

    try:
        first = fetch()
    except Exception as exc:
        err = describe_error(exc, f"AssumeRole {arn}")
        return Account(account, name, None, err.message, err.denied)
    session = make_session(botocore_session=_renewing_session(first, fetch), region_name=ro.region_name)
    return Account(account, name, ReadOnlySession(session, on_call=on_call, fallback_region=ro.region_name))


def _renewing_session(first: dict[str, str], fetch: Callable[[], dict[str, str]]) -> Any:
    """A botocore session whose credentials are ``first``, renewed with ``fetch`` before they expire (botocore's
    ``RefreshableCredentials``, put first in the session's credential chain)."""
    from botocore.credentials import CredentialProvider, RefreshableCredentials
    from botocore.session import Session

    class _Role(CredentialProvider):  # type: ignore[misc]
        METHOD = "ctrules-assume-role"

        def load(self) -> Any:
            return RefreshableCredentials.create_from_metadata(first, fetch, self.METHOD)

    session = Session()
    session.get_component("credential_provider").insert_before("env", _Role())
    return session


def run_audit(plan: AuditPlan, progress: Callable[[str], None] | None = None) -> list[RegionInventory]:
    """Read every account/region of the plan with at most ``plan.workers`` at once; never raises for an AWS error.

    :param progress: called with one line per account when its last region is read (organization audits).
    """
    now = datetime.datetime.now(datetime.timezone.utc)
    jobs: list[tuple[Account, str, TrailCache]] = []
    results: dict[tuple[str, str], RegionInventory] = {}
    order: list[tuple[str, str]] = []
    for account in plan.accounts:
        regions: Sequence[str]
        if account.ro is None:
            regions = plan.regions or ["all regions"]
        elif plan.regions is None:
            try:
                regions = resolve_regions(account.ro)
            except AwsError as exc:
                account.error, account.denied, regions = exc.message, exc.denied, ["all regions"]
        else:
            regions = plan.regions
        cache = TrailCache()
        for region in regions:
            order.append((account.id, region))
            if account.ro is None or account.error is not None:
                results[(account.id, region)] = RegionInventory(
                    account.id, region, error=account.error, denied=account.denied
                )
            else:
                jobs.append((account, region, cache))
    remaining = {a.id: sum(1 for j in jobs if j[0].id == a.id) for a in plan.accounts}
    done_accounts = [0]
    lock = threading.Lock()

    def read(job: tuple[Account, str, TrailCache]) -> None:
        account, region, cache = job
        assert account.ro is not None
        inv = collect_region(account.ro, account.id, region, trails=cache, since_days=plan.since_days, now=now)
        with lock:
            results[(account.id, region)] = inv
            remaining[account.id] -= 1
            finished = remaining[account.id] == 0
            if finished:
                done_accounts[0] += 1
                count = done_accounts[0]
        if finished and progress is not None:
            invs = [results[k] for k in order if k[0] == account.id and k in results]
            rules = sum(1 for i in invs for r in i.rules if r.pattern is not None)
            refused = sum(1 for i in invs if i.error)
            label = f"{account.id} ({account.name})" if account.name else account.id
            tail = f", {refused} not checked" if refused else ""
            read_ = len(invs) - refused
            regions = "1 region" if read_ == 1 else f"{read_} regions"
            rules_ = "1 rule" if rules == 1 else f"{rules} rules"
            progress(f"[{count}/{len(plan.accounts)}] account {label}: {regions} read, {rules_}{tail}")

    with ThreadPoolExecutor(max_workers=max(1, plan.workers)) as pool:
        for _ in pool.map(read, jobs):
            pass
    for account in plan.accounts:
        if progress is not None and (account.ro is None or account.error is not None):
            label = f"{account.id} ({account.name})" if account.name else account.id
            progress(f"account {label}: not checked ({account.error})")
    return [results[k] for k in order]
