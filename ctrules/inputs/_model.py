"""The data every input reader produces: rules (:class:`TemplateRule`), files, read results and input errors.

Also the one constructor of a rule from raw values (:func:`make_rule`), shared by every format, and
:func:`json_path` for showing where a pattern sits in a document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from json.scanner import make_scanner
from typing import Any

from ctrules._common import bus_is_default
from ctrules.inputs._locate import locate

__all__ = [
    "HUGE_NUMBER",
    "OPAQUE_KEY",
    "Acknowledgement",
    "DataTrail",
    "Defect",
    "InputError",
    "InputFile",
    "ReadResult",
    "RuleProblem",
    "TemplateRule",
    "Unread",
    "is_huge_number_error",
    "is_intrinsic",
    "json_path",
    "make_rule",
    "new_rule",
]

#: The key of the opaque value a reader puts in a pattern where a part is not known: ``{"Fn::Unknown": why}``
#: reads as an intrinsic, which the checks treat as unknown (``ctrules.eventpattern.is_token``).
OPAQUE_KEY = "Fn::Unknown"
_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_@$-]+$")
#: Why a number cannot be read (Python refuses integers of more than 4,300 digits).
HUGE_NUMBER = "a number of more than 4,300 digits, which cannot be read"


def is_huge_number_error(exc: BaseException) -> bool:
    """Is ``exc`` Python's refusal of an integer of more than 4,300 digits (read from text or written as text)?"""
    return isinstance(exc, ValueError) and "integer string conversion" in str(exc)


class InputError(Exception):
    """An input that cannot be read (missing, binary, broken JSON/YAML, not a template...).

    :param path: the file or directory, as the user named it.
    :param message: what is wrong, in one line.
    :param unreadable: True when the file exists but is no input ctrules can read (its format is not
        recognised, or it does not parse): ``lint --skip-unrecognized`` (the pre-commit hook) notes such
        files instead of failing.
    """

    def __init__(self, path: str, message: str, *, unreadable: bool = False) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
        self.unreadable = unreadable


@dataclass(frozen=True, slots=True)
class Acknowledgement:
    """A finding the user acknowledged on one rule, with the reason (see :mod:`ctrules.inputs.acknowledgements`).

    :param code: the check code, e.g. ``CTR005`` (an id written ``ctrules::CTR005`` is stored as ``CTR005``).
    :param reason: why the finding does not apply to this rule (never empty).
    :param where: where the acknowledgement is written, for reports (``Metadata.ctrules.acknowledge[0]``,
        ``comment at line 12``, ``cdk acknowledgement on /Stack/Rule``).
    """

    code: str
    reason: str
    where: str


@dataclass(frozen=True, slots=True)
class RuleProblem:
    """Something wrong in how a rule is written that does not stop its pattern from being checked (a malformed
    acknowledgement, a ``.tf.json`` pattern given as an object): reported as bad input (exit code 2).

    :param message: what is wrong, the bad value, why, and the fix, in one line.
    :param line: the 1-based line it is on, when known (else the rule's line is shown).
    """

    message: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Defect:
    """A recoverable defect of a file that was read anyway (a key given twice: the last value is kept, as
    CloudFormation does): reported as a finding at its line, an error when it is inside a rule, a warning
    elsewhere; every rule is still checked.

    :param message: what is wrong and why it matters, in one line.
    :param fix: the change that fixes it.
    :param line: its 1-based line (0 when not known).
    :param severity: ``error`` or ``warning``.
    :param resource: the rule (or resource) it is in, when known.
    """

    message: str
    fix: str
    line: int
    severity: str = "warning"
    resource: str | None = None


@dataclass(frozen=True, slots=True)
class Unread:
    """Something in a file that may hold rules but could not be read (a transform that hides resources, a
    template inside a string that does not parse, a local template that cannot be found): reported as "not
    checked", with the reason, never as clean.

    :param resource: the resource (or part of the file) it concerns.
    :param reason: why it was not read, and what to do.
    :param line: its 1-based line, when known.
    :param known_at: ``deploy`` when what it holds becomes known at deploy time (an intrinsic, a macro); ``never``
        when it cannot be read at all (a template that does not parse, a file that is missing).
    """

    resource: str
    reason: str
    line: int | None = None
    known_at: str = "never"


@dataclass(frozen=True, slots=True)
class DataTrail:
    """A CloudTrail trail of an input that logs data events (CTR006 stays silent for their eventSources).

    :param name: the trail's logical id or Terraform address.
    :param file: the file that defines it, as shown to the user.
    """

    name: str
    file: str


@dataclass(slots=True)
class TemplateRule:
    """An EventBridge rule read from an input file (treat it as read-only; not frozen, which would make
    reading a large template a fifth slower).

    :param logical_id: the resource's logical id (for SAM events, the function's or state machine's).
    :param pattern: the event pattern as decoded JSON data (normally a dict; any JSON value when the
        input holds something else, which the checks report as CTR009). ``None`` when :attr:`deploy_time`
        or :attr:`problem` is set.
    :param state: the rule's ``State`` when a plain string; ``None`` when not given (``ENABLED``).
    :param default_bus: False when the bus is another than ``default`` (or an intrinsic).
    :param problem: why the pattern could not be read (a string that is not JSON).
    :param name: how to show the rule: the logical id, ``Function/EventName`` for SAM events, the
        resource address for Terraform.
    :param location: where the pattern is in the document, as keys and list indexes.
    :param region: the rule's own region, when the input gives one per rule (Terraform).
    :param state_known: False when ``State`` is an intrinsic (only known at deploy time).
    :param deploy_time: True when the whole pattern is an intrinsic (``Fn::Sub``...): nothing to check.
    :param anchors: keys to look for, in order, to find the line of the rule in the file; an anchor
        ``address=X`` looks for a Terraform ``"address": "X"``.
    :param kind: the resource type (``AWS::Events::Rule``, ``AWS::Serverless::Function``,
        ``aws_cloudwatch_event_rule``...).
    :param cdk_path: the construct path (``aws:cdk:path`` metadata), for rules synthesized by the CDK.
    :param line: the 1-based line of the rule, when the reader knows it (HCL, YAML events); else it is
        looked up from :attr:`anchors`.
    :param known_at: with :attr:`deploy_time`, when the pattern becomes known: ``"deploy"`` (a CloudFormation
        intrinsic, a Serverless variable) or ``"plan"`` (a Terraform expression: a variable without a
        default, a data source, a function ctrules does not evaluate).
    :param unknown: with :attr:`deploy_time`, what made the pattern unknown (e.g. ``var.env has no
        default``).
    :param targets: the JSON paths into the event that the rule's targets read, as ``(path, where, name)``
        (``InputPath``: name ``None``; ``InputTransformer.InputPathsMap``: the variable), for CTR016 (see
        :class:`ctrules.checks.TargetPath`). ``where`` is relative to :attr:`targets_at`.
    :param targets_at: the location the ``where`` of :attr:`targets` is relative to (a CloudFormation rule's
        ``Properties``); ``None`` when ``where`` is shown as it is (a Terraform target's address).
    :param acknowledgements: findings the user acknowledged on this rule, with a reason.
    :param input_problems: mistakes in how the rule is written that do not stop its pattern from being
        checked (each is reported as bad input).
    :param unknown_parts: the parts of a checked pattern known only at plan or deploy time, as ``(JSON path in the
        pattern, why)``: the pattern holds an opaque value there (see :data:`OPAQUE_KEY`), which the checks never
        judge; a check that needs such a part says nothing about it.
    """

    logical_id: str
    pattern: Any
    state: str | None
    default_bus: bool
    problem: str | None = None
    name: str = ""
    location: tuple[str | int, ...] = ()
    region: str | None = None
    state_known: bool = True
    deploy_time: bool = False
    anchors: tuple[str, ...] = ()
    kind: str = "AWS::Events::Rule"
    cdk_path: str | None = None
    line: int | None = None
    known_at: str = "deploy"
    unknown: str | None = None
    targets: tuple[tuple[str, str, str | None], ...] = ()
    targets_at: tuple[str | int, ...] | None = None
    acknowledgements: tuple[Acknowledgement, ...] = ()
    input_problems: tuple[RuleProblem, ...] = ()
    unknown_parts: tuple[tuple[str, str], ...] = ()

    @property
    def label(self) -> str:
        """The name to show for the rule (:attr:`name`, else the logical id)."""
        return self.name or self.logical_id


@dataclass
class InputFile:
    """One file of rules: a template, a plan, or one stack template of a cloud assembly.

    :param path: the file, as shown to the user (relative when the user gave a relative path).
    :param kind: what the file is (``CloudFormation template``, ``SAM template``, ``Terraform plan``,
        ``cdk.out stack``...).
    :param rules: the rules found in it.
    :param region: the region of every rule of the file when the input says (a CDK stack's environment).
    :param text: the file's text, for line lookups.
    :param data_trails: eventSource -> a trail that logs its data events, defined in this file or in a file
        deployed with it (another stack of the same cloud assembly, another ``.tf`` file of the same module).
    :param has_lines: False for a source that has no lines: a rule deployed in an account (``ctrules audit``),
        whose :attr:`path` is the rule's ARN; reports then name the path alone where they give ``file:line``.
    :param reader: the name of the reader that read it (:data:`ctrules.inputs.registry.READERS`).
    :param defects: recoverable defects of the file (reported as findings; the rules are still checked).
    :param unread: parts of the file that may hold rules but could not be read (reported as not checked).
    :param more_files: files read along with this one (a SAM application's local template).
    """

    path: str
    kind: str
    rules: list[TemplateRule]
    region: str | None = None
    text: str = ""
    _lines: dict[int, int] | None = field(default=None, repr=False)
    data_trails: dict[str, DataTrail] = field(default_factory=dict)
    has_lines: bool = True
    reader: str = ""
    defects: list[Defect] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    more_files: list[InputFile] = field(default_factory=list)

    def locate(self, rules: Sequence[TemplateRule]) -> None:
        """Find the lines of some rules of this file (in document order) in one forward scan, so that
        :meth:`line_of` answers for them without locating every rule of a large file."""
        pending = [r for r in rules if r.line is None]
        if self.text and pending:
            self._lines = {**(self._lines or {}), **locate(self.text, pending)}

    def line_of(self, rule: TemplateRule) -> int:
        """The 1-based line where ``rule`` is defined in the file, best effort (1 when not found).

        The first call locates every rule of the file in one forward scan of the text (rules are in
        document order), so asking for many rules costs about one pass over the file.
        """
        if rule.line is not None:
            return rule.line
        if not self.text or not rule.anchors:
            return 1
        if self._lines is None:
            self._lines = locate(self.text, self.rules)
        line = self._lines.get(id(rule))
        if line is None:  # a rule that is not one of this file's: locate it alone
            line = locate(self.text, [rule]).get(id(rule), 1)
        return line


@dataclass
class ReadResult:
    """What reading one path gave: the files with rules, and the problems met on the way.

    :param path: the path as the user gave it.
    :param files: the files read (a cloud assembly gives one per stack template).
    :param errors: inputs that could not be read.
    :param skipped: files a folder scan found that are of no format ctrules reads (noted, not errors).
    :param read_paths: the files read so far (as shown, normalised): a file read along with another (a SAM
        application's template) is not read again by a folder scan.
    """

    path: str
    files: list[InputFile] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    read_paths: set[str] = field(default_factory=set)
    on_file: Callable[[str], None] | None = field(default=None, repr=False)

    @property
    def rule_count(self) -> int:
        """How many rules the files hold."""
        return sum(len(f.rules) for f in self.files)


def json_path(location: Sequence[str | int]) -> str:
    """A JSON path for a location: ``("Resources", "R", "Properties")`` -> ``$.Resources.R.Properties``."""
    out = ["$"]
    for part in location:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _SIMPLE_KEY.match(part):
            out.append(f".{part}")
        else:
            out.append("[" + json.dumps(part) + "]")
    return "".join(out)


def with_opaque_parts(
    value: Any, reason_of: Callable[[Any], str | None], parts: list[tuple[str, str]], at: tuple[str | int, ...] = ()
) -> Any:
    """``value`` with each part ``reason_of`` gives a reason for (a value known only later) replaced by
    ``{OPAQUE_KEY: reason}``, which the checks read as unknown, and listed in ``parts`` as (JSON path, reason)."""
    why = reason_of(value)
    if why is not None:
        parts.append((json_path(at), why))
        return {OPAQUE_KEY: why}
    if isinstance(value, dict):
        return {k: with_opaque_parts(v, reason_of, parts, (*at, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [with_opaque_parts(v, reason_of, parts, (*at, i)) for i, v in enumerate(value)]
    return value


def intrinsic_parts(pattern: Any, at: tuple[str | int, ...] = (), depth: int = 0) -> list[tuple[str, str]]:
    """(JSON path, reason) of each CloudFormation intrinsic inside a pattern (``eventName: !Ref Names``): values
    CloudFormation resolves at deploy time, which the checks cannot judge (the rest of the pattern is checked)."""
    if depth > 100:
        return []
    if is_intrinsic(pattern):
        ((key, value),) = pattern.items()
        shown = f"{key} {value!r}" if isinstance(value, str) else key
        return [(json_path(at), f"{shown}, resolved when the stack is deployed")]
    out: list[tuple[str, str]] = []
    items = pattern.items() if isinstance(pattern, dict) else enumerate(pattern) if isinstance(pattern, list) else ()
    for key, value in items:
        if isinstance(value, (dict, list)):
            out.extend(intrinsic_parts(value, (*at, key), depth + 1))
    return out


def is_intrinsic(value: Any) -> bool:
    """True for a CloudFormation intrinsic: a one-key mapping ``{"Ref": ...}`` or ``{"Fn::...": ...}``."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (key,) = value
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))


def make_rule(
    logical_id: str,
    raw: Any,
    state: Any,
    bus: Any,
    *,
    name: str,
    location: tuple[str | int, ...],
    anchors: tuple[str, ...],
    kind: str,
    region: str | None = None,
    cdk_path: str | None = None,
) -> TemplateRule:
    """A :class:`TemplateRule` from the values as the input holds them (every reader builds rules here).

    :param raw: the pattern: data, a JSON string (decoded here; a broken one sets ``problem``) or an
        intrinsic (then the rule is ``deploy_time``).
    :param state: the ``State`` value (a non-string is an intrinsic: ``state_known`` False).
    :param bus: the event bus value (see :func:`ctrules._common.bus_is_default`).
    """
    return new_rule(logical_id, raw, state, bus, name, location, anchors, kind, region, cdk_path)


def new_rule(
    logical_id: str,
    raw: Any,
    state: Any,
    bus: Any,
    name: str,
    location: tuple[str | int, ...],
    anchors: tuple[str, ...],
    kind: str,
    region: str | None,
    cdk_path: str | None,
) -> TemplateRule:
    """:func:`make_rule` with every argument given by position: the readers of large files call it once per rule
    (binding keyword arguments and building the rule by keyword cost a fifth of reading a large template)."""
    problem: str | None = None
    pattern: Any = raw
    if isinstance(raw, str):
        try:
            pattern = _loads(raw)
        except json.JSONDecodeError as exc:
            pattern = None
            problem = f"the event pattern is a string that is not JSON ({exc.msg} at character {exc.pos})"
        except RecursionError:
            pattern, problem = None, "the event pattern is a JSON string nested too deeply to read"
        except ValueError:
            pattern, problem = None, f"the event pattern is a JSON string with {HUGE_NUMBER}"
    deploy_time = False
    parts: list[tuple[str, str]] | None = None
    if isinstance(pattern, dict) and len(pattern) == 1 and is_intrinsic(pattern):
        from ctrules.inputs.intrinsic_text import sub_pattern  # rare: a pattern written as an intrinsic

        substituted = sub_pattern(pattern)
        if substituted is None:
            pattern, deploy_time = None, True
        else:
            pattern, parts = substituted
    if state is None or isinstance(state, str):
        state_known = True
    else:
        state, state_known = None, False
    # By position, in the order of TemplateRule's fields (tests/inputs/test_model.py holds the order).
    rule = TemplateRule(
        logical_id, pattern, state, True if bus is None else bus_is_default(bus), problem, name, location, region,
        state_known, deploy_time, anchors, kind, cdk_path,
    )  # fmt: skip
    if parts:
        rule.unknown_parts = tuple(parts)
    return rule


#: The C scanner of a default decoder: what :func:`json.loads` runs, without its three Python frames and two
#: whitespace matches per call (a large template can hold thousands of patterns written as JSON strings).
# (typeshed types the scanner's argument as another scanner; it takes any decoder.)
_SCAN: Callable[[str, int], tuple[Any, int]] = make_scanner(json.JSONDecoder())  # type: ignore[arg-type]


def _loads(text: str) -> Any:
    """``json.loads(text)``: same value, same errors (anything but a text that is one JSON value from its first
    character to its last is handed to :func:`json.loads` itself)."""
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:  # no value at character 0 (leading whitespace, or not JSON)
        return json.loads(text)
    if end != len(text):  # trailing whitespace, or extra data
        return json.loads(text)
    return value
