"""Generate ``ctrules/_field_paths.py``: typed ``ctrules.field`` overloads for the common events, from record shapes.

For each event of :data:`COMMON_EVENTS` the generated module holds a ``Literal`` of the field paths its
records carry (``shapes.fields_of(event).fields(...)`` plus their parent paths), and :class:`TypedField`,
a ``Protocol`` whose overloaded ``__call__`` is what type checkers see as ``ctrules.field``:

* ``(Literal["<event>"], <its paths>)`` -> ``str``: an IDE completes the path;
* ``(Literal["<event>"], str)`` -> ``str``, marked ``@deprecated``: a path the list lacks (a typo) is
  reported (mypy with ``--enable-error-code deprecated``, pyright's ``reportDeprecated``, IDE strike-through).
  Emitted only when the event's list is complete (not cut at :data:`MAX_DEPTH` / :data:`MAX_PATHS`);
* a last ``(str, str)`` -> ``str``: every other event still type-checks.

The envelope paths (``userIdentity.arn``, ``sourceIPAddress`` ...) are shared aliases, one per distinct
set, so the module stays small. Output is deterministic (sorted, no timestamps): ``--check`` regenerates
in memory and exits 1 when the committed file differs. ``make catalog`` runs it after ``build_shapes.py``.

Usage::

    python scripts/gen_field_stubs.py            # write ctrules/_field_paths.py
    python scripts/gen_field_stubs.py --check    # exit 1 when it is stale
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator_common import ROOT, check_output, relative, write_output

from ctrules.catalog import get, shapes
from ctrules.errors import AmbiguousEventError

OUTPUT = ROOT / "ctrules" / "_field_paths.py"
#: Deepest path listed (segments below the record's top level, as ``Shape.fields(depth=...)`` counts them).
MAX_DEPTH = 6
#: Most event-own paths (below requestParameters, responseElements, serviceEventDetails,
#: additionalEventData) listed per event; a larger event is listed to the deepest depth that fits, without
#: the typo trap (e.g. RunInstances: tens of thousands of request paths).
MAX_PATHS = 120

#: The events with typed paths: ``"EventName"`` or ``"service:EventName"`` when several services log the
#: name (the overloads then ask for that ``service=`` literal). Chosen as: the events the examples under
#: ``examples/`` use (account vending, Control Tower, security alarms); Organizations account and policy
#: events; Control Tower lifecycle events; the IAM, STS, S3, EC2, KMS, CloudTrail, Config, GuardDuty and
#: Secrets Manager calls security rules watch (CIS AWS Foundations 4.x / Security Hub CloudWatch.1-14
#: alarm patterns); the sign-in events.
COMMON_EVENTS: tuple[str, ...] = (
    # examples/ and Organizations / Control Tower account lifecycle
    "CreateAccountResult",
    "CloseAccountResult",
    "CreateManagedAccount",
    "UpdateManagedAccount",
    "organizations:CreateAccount",
    "organizations:CloseAccount",
    "InviteAccountToOrganization",
    "AcceptHandshake",
    "LeaveOrganization",
    "RemoveAccountFromOrganization",
    "MoveAccount",
    "CreateOrganizationalUnit",
    "DeleteOrganizationalUnit",
    "organizations:AttachPolicy",
    "organizations:DetachPolicy",
    "organizations:CreatePolicy",
    "organizations:UpdatePolicy",
    "organizations:DeletePolicy",
    "EnableAWSServiceAccess",
    "DisableAWSServiceAccess",
    "RegisterDelegatedAdministrator",
    "DeregisterDelegatedAdministrator",
    "EnableGuardrail",
    "DisableGuardrail",
    "SetupLandingZone",
    "UpdateLandingZone",
    "RegisterOrganizationalUnit",
    "DeregisterOrganizationalUnit",
    # sign-in
    "ConsoleLogin",
    "CheckMfa",
    "SwitchRole",
    "ExitRole",
    # IAM
    "iam:CreateUser",
    "iam:DeleteUser",
    "CreateAccessKey",
    "DeleteAccessKey",
    "UpdateAccessKey",
    "CreateLoginProfile",
    "UpdateLoginProfile",
    "DeleteLoginProfile",
    "AttachUserPolicy",
    "AttachRolePolicy",
    "AttachGroupPolicy",
    "DetachUserPolicy",
    "DetachRolePolicy",
    "DetachGroupPolicy",
    "PutUserPolicy",
    "PutRolePolicy",
    "PutGroupPolicy",
    "DeleteUserPolicy",
    "DeleteRolePolicy",
    "DeleteGroupPolicy",
    "iam:CreatePolicy",
    "iam:DeletePolicy",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "CreateRole",
    "DeleteRole",
    "UpdateAssumeRolePolicy",
    "AddUserToGroup",
    "CreateVirtualMFADevice",
    "EnableMFADevice",
    "DeactivateMFADevice",
    "DeleteVirtualMFADevice",
    "UpdateAccountPasswordPolicy",
    "DeleteAccountPasswordPolicy",
    "CreateSAMLProvider",
    "CreateOpenIDConnectProvider",
    # STS
    "AssumeRole",
    "AssumeRoleWithSAML",
    "AssumeRoleWithWebIdentity",
    "GetSessionToken",
    "sts:GetFederationToken",
    # S3
    "s3:CreateBucket",
    "s3:DeleteBucket",
    "PutBucketPolicy",
    "DeleteBucketPolicy",
    "PutBucketAcl",
    "PutBucketPublicAccessBlock",
    "DeleteBucketPublicAccessBlock",
    "PutBucketEncryption",
    "DeleteBucketEncryption",
    "PutBucketVersioning",
    "PutBucketLogging",
    # EC2
    "RunInstances",
    "TerminateInstances",
    "StopInstances",
    "AuthorizeSecurityGroupIngress",
    "AuthorizeSecurityGroupEgress",
    "RevokeSecurityGroupIngress",
    "ec2:CreateSecurityGroup",
    "ec2:DeleteSecurityGroup",
    "CreateNetworkAclEntry",
    "DeleteNetworkAclEntry",
    "ReplaceNetworkAclEntry",
    "ec2:CreateRoute",
    "ReplaceRoute",
    "ec2:DeleteRoute",
    "CreateInternetGateway",
    "AttachInternetGateway",
    "DeleteVpc",
    "ModifySnapshotAttribute",
    "ModifyImageAttribute",
    "DisableEbsEncryptionByDefault",
    # KMS
    "ScheduleKeyDeletion",
    "DisableKey",
    "CancelKeyDeletion",
    "PutKeyPolicy",
    "kms:CreateKey",
    "kms:CreateGrant",
    "DisableKeyRotation",
    # CloudTrail
    "CreateTrail",
    "UpdateTrail",
    "DeleteTrail",
    "StopLogging",
    "StartLogging",
    "PutEventSelectors",
    # Config, GuardDuty, Security Hub, Secrets Manager
    "StopConfigurationRecorder",
    "DeleteConfigurationRecorder",
    "DeleteDeliveryChannel",
    "guardduty:DeleteDetector",
    "DisableSecurityHub",
    "GetSecretValue",
    "DeleteSecret",
)

_PARTS = frozenset(shapes.PARTS)


@dataclass(frozen=True)
class _Entry:
    name: str
    service: str | None
    own: tuple[str, ...]
    envelope: tuple[str, ...]
    complete: bool
    depth: int


def _with_parents(leaves: list[str]) -> set[str]:
    out: set[str] = set()
    for leaf in leaves:
        segs = leaf.split(".")
        out.update(".".join(segs[:i]) for i in range(1, len(segs) + 1))
    return out


def _entry(spec: str) -> _Entry:
    service, _, name = spec.rpartition(":")
    svc = service or None
    try:
        get(name, service=svc)
    except AmbiguousEventError as e:
        raise SystemExit(f"gen_field_stubs.py: {spec!r} in COMMON_EVENTS: {e}; write it as 'service:{name}'") from e
    shape = shapes.fields_of(name, service=svc)
    if shape is None:
        raise SystemExit(f"gen_field_stubs.py: {spec!r} in COMMON_EVENTS: ctrules claims no record shape for it")
    depth, complete = MAX_DEPTH, True
    while True:
        leaves = shape.fields(depth=depth)
        paths = _with_parents(leaves)
        own = sorted(p for p in paths if p.split(".")[0] in _PARTS)
        if len(own) <= 4 * MAX_PATHS or depth == 1:  # (checking a huge list only to cut it is slow)
            own = [p for p in own if shape.status(p).ok]
            if len(own) <= MAX_PATHS or depth == 1:
                break
        depth, complete = depth - 1, False
    if complete:  # nothing deeper than MAX_DEPTH (recursive shapes are cut there too)
        complete = leaves == shape.fields(depth=MAX_DEPTH + 1)
    own = own[:MAX_PATHS]
    envelope = sorted(p for p in paths if p.split(".")[0] not in _PARTS and shape.status(p).ok)
    return _Entry(name, svc, tuple(own), tuple(envelope), complete, depth)


def _ident(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in text)


def _literal(alias: str, paths: tuple[str, ...]) -> list[str]:
    if not paths:
        return [f"{alias} = Literal[\"\"]", ""]
    return [f"{alias} = Literal[", *(f"    {p!r}," for p in paths), "]", ""]


def render(entries: list[_Entry]) -> str:
    """The generated module's text for ``entries``."""
    envelopes: dict[tuple[str, ...], str] = {}
    for e in entries:
        envelopes.setdefault(e.envelope, f"_Envelope{len(envelopes)}")
    n_paths = sum(len(e.own) for e in entries) + sum(len(k) for k in envelopes)
    traps = sum(e.complete for e in entries)
    out = [
        '"""Generated ``Literal`` field paths of common events and :class:`TypedField`, the type of ``ctrules.field``.',
        "",
        "Written by ``scripts/gen_field_stubs.py`` from the record shapes (``ctrules/catalog/data/shapes.json.gz``):",
        "do not edit, run ``make catalog``. Imported only under ``TYPE_CHECKING`` (``import ctrules`` never loads it).",
        f"{len(entries)} events, {n_paths} distinct paths, {traps} events with the typo trap (see the generator).",
        "One module of many lines on purpose: one generated ``Literal`` per event, one path per line.",
        '"""',
        "",
        "# ruff: noqa: E501",
        "",
        "from __future__ import annotations",
        "",
        "import sys",
        "from typing import Literal, Protocol, overload",
        "",
        "if sys.version_info >= (3, 13):",
        "    from warnings import deprecated",
        "else:",
        "    from typing_extensions import deprecated",
        "",
        '__all__ = ["TypedField"]',
        "",
    ]
    for paths, alias in envelopes.items():
        out += _literal(alias, paths)
    for e in entries:
        out += _literal(f"_{_ident(e.service or '')}_{e.name}" if e.service else f"_{e.name}", e.own)
    out += [
        "",
        "class TypedField(Protocol):",
        '    """``ctrules.field(event_name, path, *, service=None) -> str``, the paths of common events typed."""',
        "",
    ]
    for e in entries:
        alias = f"_{_ident(e.service)}_{e.name}" if e.service else f"_{e.name}"
        svc = f'service: Literal["{e.service}"]' if e.service else "service: str | None = None"
        head = f'self, event_name: Literal["{e.name}"], path: '
        out += [
            "    @overload",
            f"    def __call__({head}{alias} | {envelopes[e.envelope]}, *, {svc}) -> str: ...",
        ]
        if e.complete:
            show = f"ctrules show {e.name}" + (f" --service {e.service}" if e.service else "") + " --fields"
            msg = (
                f"not a field path ctrules lists for {e.name} records (a typo?): `{show}` prints them; "
                "ctrules.field raises UnknownFieldError at synth when the records never carry the path"
            )
            out += [
                "    @overload",
                f"    @deprecated({msg!r})",
                f"    def __call__({head}str, *, {svc}) -> str: ...",
            ]
    out += [
        "    @overload",
        "    def __call__(self, event_name: str, path: str, *, service: str | None = None) -> str: ...",
        "",
    ]
    return "\n".join(out)


def build() -> tuple[str, list[_Entry]]:
    """The generated module text and the entries it was made from."""
    entries = [_entry(spec) for spec in COMMON_EVENTS]
    names = [(e.service, e.name) for e in entries]
    dupes = sorted({n for n in names if names.count(n) > 1}, key=str)
    if dupes:
        raise SystemExit(f"gen_field_stubs.py: COMMON_EVENTS lists {dupes} more than once")
    return render(entries), entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed module is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {relative(OUTPUT)}")
    args = parser.parse_args(argv)
    text, entries = build()
    data = text.encode("utf-8")
    if args.check:
        return check_output("gen_field_stubs.py", "typed field paths", args.output, data)
    write_output(args.output, data)
    cut = [f"{e.name} (depth {e.depth})" for e in entries if not e.complete]
    print(
        f"wrote {relative(args.output)}: {len(data):,} bytes, {len(entries)} events, "
        f"{sum(len(e.own) for e in entries)} own paths; no typo trap (list cut): {', '.join(cut) or 'none'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
