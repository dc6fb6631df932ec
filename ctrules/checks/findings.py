"""What a check returns (:class:`Finding`) and what it is told about the rule (:class:`RuleContext`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

__all__ = [
    "CONTEXT_NEEDS",
    "ERROR",
    "INFO",
    "WARNING",
    "CheckInfo",
    "Finding",
    "RuleContext",
    "Severity",
    "TargetPath",
    "one_per_problem",
]

Severity = Literal["error", "warning", "info"]
ERROR: Final = "error"
WARNING: Final = "warning"
#: Information that is no problem of the pattern (``ctrules audit``'s live-only findings: a rule with no target,
#: a rule that matched nothing lately); never counted as an error or a warning.
INFO: Final = "info"


class TargetPath(NamedTuple):
    """A JSON path into the event that one of the rule's targets reads (CTR016 checks it).

    :param path: the JSONPath as written, e.g. ``$.detail.requestParameters.bucketName``.
    :param where: where the path is written, relative to the object that holds the rule's pattern (for
        CloudFormation, the rule's ``Properties``): ``Targets[0].InputTransformer.InputPathsMap.bucket``,
        ``Targets[1].InputPath``; for Terraform, the target resource's address and attribute. Findings
        about the path carry it as their :attr:`Finding.path`.
    :param name: the input transformer variable that receives the value (the ``InputPathsMap`` key), or
        ``None`` for an ``InputPath``.
    """

    path: str
    where: str
    name: str | None = None


#: The context words of :attr:`ctrules.checks.registry.Check.needs`: each names what a check reads of the rule
#: around its pattern (a field of :class:`RuleContext`). A shell that cannot read one of them names it in
#: :attr:`RuleContext.unknown`, and the engine runs no check that needs it.
CONTEXT_NEEDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "region": "the rule's Region (RuleContext.region; None when no input gives one, which checks may report)",
        "state": "the rule's State (RuleContext.state; None is the default, ENABLED)",
        "bus": "whether the rule is on the default event bus (RuleContext.default_bus)",
        "trails": "the eventSources whose data events a trail beside the rule logs (RuleContext.data_trail_sources)",
        "targets": "the event paths the rule's targets read (RuleContext.target_paths)",
    }
)


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a check knows about the rule around a pattern.

    :param region: the region the rule is deployed in; ``None`` when unknown (an
        environment-agnostic stack, a template with no region).
    :param state: the rule's ``State`` (``ENABLED``, ``DISABLED``,
        ``ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS``); ``None`` means the default, ``ENABLED``.
    :param default_bus: False when the rule is on a custom event bus. CloudTrail delivers only to the
        default bus; a custom bus receives CloudTrail events that other rules forward to it, possibly
        from other regions, so region checks do not apply there.
    :param data_trail_sources: eventSources whose data events a trail defined beside the rule (same
        template or app) logs; CTR006 stays silent for them (see :mod:`ctrules.inputs.trails`).
    :param target_paths: the JSON paths into the event that the rule's targets read (``InputPath``,
        ``InputTransformer.InputPathsMap``); CTR016 checks them against the events the pattern matches.
    :param trails_known: True when every trail that applies to the rule's account and region was read with its
        event selectors (``ctrules audit``): :attr:`data_trail_sources` is then the whole truth, and a data event
        no trail logs is an error (CTR006) rather than a warning.
    :param unknown: what this shell cannot read, as words of :data:`CONTEXT_NEEDS` (e.g. ``{"state"}`` for a
        State given as a CloudFormation intrinsic; a construct at construction time does not know its
        ``"region"``, ``"trails"`` or ``"targets"`` yet). The engine leaves out every check that declares it
        needs one of them (:attr:`ctrules.checks.registry.Check.needs`): it would guess. A check that declares
        nothing is never left out. The placeholder value of an unknown field does not matter.
    :raises ValueError: ``unknown`` holds a word that is not in :data:`CONTEXT_NEEDS`.
    """

    region: str | None = None
    state: str | None = None
    default_bus: bool = True
    data_trail_sources: frozenset[str] = frozenset()
    target_paths: tuple[TargetPath, ...] = ()
    trails_known: bool = False
    unknown: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.unknown:
            if not isinstance(self.unknown, frozenset):
                object.__setattr__(self, "unknown", frozenset(self.unknown))
            wrong = sorted(self.unknown - CONTEXT_NEEDS.keys())
            if wrong:
                raise ValueError(
                    f"RuleContext(unknown=...) names {', '.join(map(repr, wrong))}, which is not context a check can "
                    f"need: use {', '.join(map(repr, CONTEXT_NEEDS))}"
                )

    @property
    def effective_state(self) -> str:
        """The rule's State, ``ENABLED`` when not given."""
        return self.state or "ENABLED"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in an event pattern.

    :param code: the stable check code, e.g. ``CTR001``.
    :param severity: ``error`` (the rule cannot fire as written) or ``warning``.
    :param message: what is wrong, quoting the bad value and saying why the rule won't fire.
    :param fix: the exact change that fixes it.
    :param path: JSON path of the offending value in the pattern, e.g. ``$.detail-type[0]``; for a finding
        about a target's input path (CTR016), the :attr:`TargetPath.where` of that path (it does not start
        with ``$``), e.g. ``Targets[0].InputTransformer.InputPathsMap.bucket``.
    """

    code: str
    severity: Severity
    message: str
    fix: str
    path: str = "$"

    def __str__(self) -> str:
        return f"{self.code} [{self.severity}] {self.path}: {self.message} Fix: {self.fix}"


@dataclass(frozen=True, slots=True)
class CheckInfo:
    """Static description of a check, for reports (CLI, SARIF, generated docs).

    :param name: the check's slug, e.g. ``detail-type-fits-event-type``.
    :param fix: the usual fix in one sentence.
    :param anchor: its section in ``docs/checks.md``.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    help: str
    fix: str = ""
    anchor: str = ""


_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'")


def one_per_problem(found: list[Finding]) -> list[tuple[Finding, tuple[tuple[str, str], ...]]]:
    """One finding per problem: findings of one check with the same fix whose messages differ only in quoted values
    (CTR005 for each name of a rule that only us-east-1 sees) become the first, with the (path, quoted value) of
    the others. Every report shell (the CLI, the CDK plugin) shows one problem once."""
    if len(found) < 2:
        return [(x, ()) for x in found]
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for x in found:
        groups.setdefault((x.code, x.fix, _QUOTED.sub("''", x.message)), []).append(x)
    out: list[tuple[Finding, tuple[tuple[str, str], ...]]] = []
    for same in groups.values():
        first, rest = same[0], same[1:]
        also = tuple((x.path, m.group(0) if (m := _QUOTED.search(x.message)) else "") for x in rest)
        out.append((first, also))
    return out
