"""The schema of hand-added catalog facts: one validator, with ``file:line`` errors, for the overlay and for projects.

``scripts/build_catalog.py`` validates every overlay file with :func:`validate` before it reads a value, and
:mod:`ctrules.catalog.extensions` checks project-added events with the same rules (:data:`EVENT_ENTRY`,
:func:`evidence_problem`, :func:`region_problem`), so a misspelt key, a value of the wrong type, an unknown
region or evidence that names no source is refused the same way wherever a fact comes in.

:func:`parse` reads JSON text and remembers the line of every key and list item, so an error points at the
offending key (``overlay/service_events.json:412: ...``), never at the file as a whole.

A schema is a small tree of :class:`Rule` objects: ``Obj`` (known keys, some required; an unknown key is an
error with "did you mean"), ``Map`` (free keys, each value checked), ``Seq`` (a list) and leaf rules
(strings, booleans, event sources, eventTypes, regions, dates, evidence lists).

One module of ~600 lines on purpose: the JSON reader that keeps lines, the rule types and the schema of every
overlay file are one contract, read together when a fact kind is added.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ctrules.catalog.model import CATEGORIES, EVENT_TYPES, EVENT_TYPES_BY_DETAIL_TYPE

__all__ = [
    "EVENT_ENTRY",
    "EVIDENCE_FORMS",
    "FactError",
    "Located",
    "Path",
    "Rule",
    "check_entry",
    "evidence_problem",
    "overlay_schemas",
    "parse",
    "region_problem",
    "validate",
]

Path = tuple["str | int", ...]

SUFFIX = ".amazonaws.com"
#: An evidence string: an https URL, or ``github:owner/repo/path@<40-hex commit>``; either may be followed by a
#: remark in parentheses (`` (what the page shows)``).
_URL = r"https://[^\s]+"
_PINNED = r"github:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/[^\s@]+@[0-9a-f]{40}"
_REMARK = r"(?: \(.+\))?"
EVIDENCE_RE = re.compile(rf"^(?:{_URL}|{_PINNED}){_REMARK}$")
_UNPINNED = re.compile(rf"^(github:[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/[^\s@]+){_REMARK}$")
EVIDENCE_FORMS = "an https:// URL or github:owner/repo/path@<40-hex commit>"
_REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")
#: Characters an eventName never holds (CloudTrail names are ASCII letters, digits and a few separators).
_EVENT_NAME = re.compile(r"^[A-Za-z0-9_.:/-]+$")


class FactError(ValueError):
    """A catalog fact breaks the schema; the message starts with ``file:line``."""

    def __init__(self, where: str, line: int | None, path: Path, problem: str) -> None:
        self.where = where
        self.line = line
        self.path = path
        self.problem = problem
        loc = f"{where}:{line}" if line is not None else where
        dotted = _dotted(path)
        super().__init__(f"{loc}: {dotted + ': ' if dotted else ''}{problem}")


def _dotted(path: Path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


# --------------------------------------------------------------------------- JSON with lines


@dataclass
class Located:
    """A parsed JSON document and the line of every object key and list item (by path)."""

    value: Any
    lines: dict[Path, int]

    def line(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while path:
            found = self.lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.lines.get(())


_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_scanstring: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


def parse(text: str, where: str) -> Located:
    """``text`` parsed as JSON, with the line of each key and list item.

    :raises FactError: broken JSON (``where:line: broken JSON: ...``).
    """
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    lines: dict[Path, int] = {}

    def line_at(pos: int) -> int:
        return bisect.bisect_right(newlines, pos - 1) + 1

    def fail(pos: int, msg: str) -> FactError:
        return FactError(where, line_at(pos), (), f"broken JSON: {msg}")

    def ws(pos: int) -> int:
        m = _WS.match(text, pos)
        return m.end() if m else pos

    def value(pos: int, path: Path) -> tuple[Any, int]:
        pos = ws(pos)
        if pos >= len(text):
            raise fail(pos, "unexpected end of the file")
        c = text[pos]
        if c == "{":
            out: dict[str, Any] = {}
            pos = ws(pos + 1)
            if text.startswith("}", pos):
                return out, pos + 1
            while True:
                if not text.startswith('"', pos):
                    raise fail(pos, "expected a key in double quotes")
                key_at = pos
                try:
                    key, pos = _scanstring(text, pos + 1, True)
                except ValueError as exc:
                    raise fail(key_at, str(exc).split(":")[0]) from None
                if key in out:
                    raise FactError(where, line_at(key_at), path, f"key {key!r} appears twice in one object")
                lines[(*path, key)] = line_at(key_at)
                pos = ws(pos)
                if not text.startswith(":", pos):
                    raise fail(pos, "expected ':' after a key")
                out[key], pos = value(pos + 1, (*path, key))
                pos = ws(pos)
                if text.startswith(",", pos):
                    pos = ws(pos + 1)
                    continue
                if text.startswith("}", pos):
                    return out, pos + 1
                raise fail(pos, "expected ',' or '}'")
        if c == "[":
            items: list[Any] = []
            pos = ws(pos + 1)
            if text.startswith("]", pos):
                return items, pos + 1
            while True:
                lines[(*path, len(items))] = line_at(ws(pos))
                item, pos = value(pos, (*path, len(items)))
                items.append(item)
                pos = ws(pos)
                if text.startswith(",", pos):
                    pos += 1
                    continue
                if text.startswith("]", pos):
                    return items, pos + 1
                raise fail(pos, "expected ',' or ']'")
        if c == '"':
            try:
                return _scanstring(text, pos + 1, True)
            except ValueError as exc:
                raise fail(pos, str(exc).split(":")[0]) from None
        for word, lit in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, pos):
                return lit, pos + len(word)
        m = _NUMBER.match(text, pos)
        if m:
            s = m.group()
            return (float(s) if any(ch in s for ch in ".eE") else int(s)), m.end()
        raise fail(pos, f"unexpected character {c!r}")

    lines[()] = line_at(ws(0))
    doc, end = value(0, ())
    end = ws(end)
    if end != len(text):
        raise fail(end, "text after the end of the document")
    return Located(doc, lines)


# --------------------------------------------------------------------------- rules


@dataclass
class Context:
    """What a check needs besides the value: where errors point, known regions and pinned evidence paths."""

    where: str
    doc: Located | None = None
    regions: frozenset[str] | None = None
    #: ``github:owner/repo/path`` -> commit, for evidence written without ``@commit``.
    pins: Mapping[str, str] = field(default_factory=dict)
    #: Evidence paths recorded before commits were required (``evidence_commits.json`` ``not_yet_pinned``).
    legacy: frozenset[str] = frozenset()
    #: Whether evidence is required where a schema asks for it (the overlay: yes; a project: no).
    need_evidence: bool = True

    def error(self, path: Path, problem: str) -> FactError:
        return FactError(self.where, self.doc.line(path) if self.doc else None, path, problem)


class Rule:
    """Checks one value; raises :class:`FactError` naming its path."""

    def check(self, value: Any, path: Path, ctx: Context) -> None:
        raise NotImplementedError


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


@dataclass
class Leaf(Rule):
    """A leaf value: ``test`` returns None when fine, else the problem (which should name the fix)."""

    test: Callable[[Any, Context], str | None]

    def check(self, value: Any, path: Path, ctx: Context) -> None:
        problem = self.test(value, ctx)
        if problem is not None:
            raise ctx.error(path, problem)


@dataclass
class Obj(Rule):
    """An object with known keys (``required`` ones must be present; any other key is an error)."""

    keys: dict[str, Rule]
    required: tuple[str, ...] = ()

    def check(self, value: Any, path: Path, ctx: Context) -> None:
        if not isinstance(value, dict):
            raise ctx.error(path, f"must be an object {{...}}, not {_kind(value)}")
        for key in value:
            if key not in self.keys:
                close = difflib.get_close_matches(key, list(self.keys), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}? " if close else ""
                raise ctx.error(
                    (*path, key), f"unknown field {key!r}; {hint}the fields here are {', '.join(sorted(self.keys))}"
                )
        for key in self.required:
            if key not in value or (key == "evidence" and value[key] in ([], None)):
                if key == "evidence" and not ctx.need_evidence:
                    continue
                what = "evidence (a non-empty list: " + EVIDENCE_FORMS + ")" if key == "evidence" else repr(key)
                raise ctx.error((*path, key), f"missing {what}; every entry here needs it")
        for key, v in value.items():
            self.keys[key].check(v, (*path, key), ctx)


@dataclass
class Map(Rule):
    """An object with free keys: each key passes ``key`` (a problem or None) and each value ``value``."""

    value: Rule
    key: Callable[[str, Context], str | None] | None = None

    def check(self, value: Any, path: Path, ctx: Context) -> None:
        if not isinstance(value, dict):
            raise ctx.error(path, f"must be an object {{...}}, not {_kind(value)}")
        for k, v in value.items():
            if self.key is not None:
                problem = self.key(k, ctx)
                if problem is not None:
                    raise ctx.error((*path, k), f"key {k!r}: {problem}")
            self.value.check(v, (*path, k), ctx)


@dataclass
class Seq(Rule):
    """A list whose items pass ``item`` (at least ``min_items`` of them)."""

    item: Rule
    min_items: int = 0

    def check(self, value: Any, path: Path, ctx: Context) -> None:
        if not isinstance(value, list):
            raise ctx.error(path, f"must be a list [...], not {_kind(value)}")
        if len(value) < self.min_items:
            raise ctx.error(path, "must not be empty")
        for i, v in enumerate(value):
            self.item.check(v, (*path, i), ctx)


def _str(value: Any, ctx: Context) -> str | None:
    return None if isinstance(value, str) and value.strip() else f"must be a non-empty string, not {_kind(value)}"


def _bool(value: Any, ctx: Context) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {_kind(value)} ({value!r})"


def _bool_or_null(value: Any, ctx: Context) -> str | None:
    return None if value is None or isinstance(value, bool) else f"must be true, false or null, not {value!r}"


def _int(value: Any, ctx: Context) -> str | None:
    return None if type(value) is int else f"must be a whole number, not {value!r}"


def _date(value: Any, ctx: Context) -> str | None:
    return None if isinstance(value, str) and _DATE.match(value) else f"{value!r} must be a date written YYYY-MM-DD"


def _commit(value: Any, ctx: Context) -> str | None:
    return None if isinstance(value, str) and _COMMIT.match(value) else f"{value!r} must be a 40-hex git commit"


def event_name_problem(value: Any) -> str | None:
    """Why ``value`` cannot be a CloudTrail eventName, or None."""
    if not isinstance(value, str) or not value:
        return f'{value!r} must be the record\'s eventName, e.g. "StartSession"'
    if ":" in value and _EVENT_NAME.match(value):
        return f"{value!r} is an IAM action; write the eventName {value.split(':')[-1]!r}"
    if value != value.strip() or " " in value:
        return f"{value!r} contains spaces; write the eventName exactly as the record has it"
    if not _EVENT_NAME.match(value):
        return f"{value!r} holds characters no CloudTrail eventName has; write the name as the record has it"
    return None


def event_source_problem(value: Any, *, lower_case: bool = False) -> str | None:
    """Why ``value`` cannot be a CloudTrail eventSource, or None (``lower_case``: refuse capitals too; the
    overlay allows them because a few real records spell the source in mixed case)."""
    if not isinstance(value, str) or not value:
        return f'{value!r} must be the record\'s eventSource, e.g. "ssm.amazonaws.com"'
    if not value.endswith(SUFFIX) or (lower_case and value != value.lower()) or " " in value:
        base = value.lower().strip().removeprefix("aws.").removesuffix(SUFFIX)
        return f'{value!r} is not an eventSource; write "{base}{SUFFIX}"'
    return None


def _event_types(value: Any, ctx: Context) -> str | None:
    if not isinstance(value, list) or not value:
        return f'{value!r} must be a non-empty list, e.g. ["AwsApiCall"]'
    for t in value:
        if t not in EVENT_TYPES:
            fix = EVENT_TYPES_BY_DETAIL_TYPE.get(t) if isinstance(t, str) else None
            close = difflib.get_close_matches(t, EVENT_TYPES, n=1) if isinstance(t, str) else []
            hint = (
                f"write {fix!r} (the eventType of that detail-type)"
                if fix
                else (f"did you mean {close[0]!r}?" if close else f"use one of {', '.join(EVENT_TYPES)}")
            )
            return f"{t!r} is not a CloudTrail eventType; {hint}"
    if len(set(value)) != len(value):
        return f"{value!r} names an eventType twice"
    return None


def _category(value: Any, ctx: Context) -> str | None:
    return None if value in CATEGORIES else f"{value!r} must be one of {', '.join(CATEGORIES)}"


def region_problem(value: Any, regions: Iterable[str] | None) -> str | None:
    """Why ``value`` is not a known AWS region (``regions``: the known ones, when known), or None."""
    known = sorted(regions) if regions is not None else []
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.7) if isinstance(value, str) else []
    if not isinstance(value, str) or not _REGION.match(value):
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f'{value!r} must be a region such as "us-east-1", or null{hint}'
    if regions is not None and value not in regions:
        hint = f"did you mean {close[0]!r}?" if close else "no AWS partition has it"
        return f"{value!r} is not an AWS region ({hint}); write a region of botocore's endpoints.json, or null"
    return None


def _region_or_null(value: Any, ctx: Context) -> str | None:
    return None if value is None else region_problem(value, ctx.regions)


def evidence_problem(value: Any, pins: Mapping[str, str] = {}, legacy: Iterable[str] = ()) -> str | None:
    """Why ``value`` is not usable evidence, or None: it must be an https URL or a repository path pinned to
    a commit (inline ``@commit``, or through ``pins``; ``legacy`` lists paths recorded before pins were
    required)."""
    if not isinstance(value, str) or not value.strip():
        return f"{value!r} is not evidence; write {EVIDENCE_FORMS}"
    if EVIDENCE_RE.match(value):
        return None
    m = _UNPINNED.match(value)
    if m and (m.group(1) in pins or m.group(1) in legacy):
        return None
    if m:
        return (
            f"{value!r} names no commit; write {m.group(1)}@<the 40-hex commit you read> "
            "(or pin the path in overlay/evidence_commits.json)"
        )
    if value.startswith("http://"):
        return f"{value!r}: write the https:// URL"
    if value.startswith("github.com/") or value.startswith("https://github.com"):
        return f"{value!r}: write github:owner/repo/path@<commit>"
    return f"{value!r} is not evidence; write {EVIDENCE_FORMS}"


def _evidence_list(value: Any, ctx: Context) -> str | None:
    if not isinstance(value, list):
        return f"{value!r} must be a list of URLs or repository paths ({EVIDENCE_FORMS} each)"
    if not value and ctx.need_evidence:
        return f"must not be empty: every hand-added fact needs evidence ({EVIDENCE_FORMS})"
    for e in value:
        problem = evidence_problem(e, ctx.pins, ctx.legacy)
        if problem is not None:
            return problem
    return None


@dataclass
class Evidence(Rule):
    """A list of evidence; an error points at the offending item's line."""

    def check(self, value: Any, path: Path, ctx: Context) -> None:
        problem = _evidence_list(value, ctx)
        if problem is None:
            return
        bad = next((i for i, e in enumerate(value) if evidence_problem(e, ctx.pins, ctx.legacy)), None)
        raise ctx.error(path if bad is None or not isinstance(value, list) else (*path, bad), problem)


def _origin(allowed: tuple[str, ...]) -> Callable[[Any, Context], str | None]:
    def test(value: Any, ctx: Context) -> str | None:
        return None if value in allowed else f"{value!r} must be one of {', '.join(allowed)}"

    return test


STR = Leaf(_str)
BOOL = Leaf(_bool)
INT = Leaf(_int)
STRS = Seq(STR)
EVIDENCE = Evidence()
EVENT_NAME = Leaf(lambda v, ctx: event_name_problem(v))
EVENT_SOURCE = Leaf(lambda v, ctx: event_source_problem(v))
EVENT_TYPE_LIST = Leaf(_event_types)


def _event_entry(origins: tuple[str, ...] | None, *, lower_case: bool = False) -> Obj:
    keys: dict[str, Rule] = {
        "event_name": EVENT_NAME,
        "event_source": Leaf(lambda v, ctx: event_source_problem(v, lower_case=lower_case)),
        "event_types": EVENT_TYPE_LIST,
        "read_only": Leaf(_bool_or_null),
        "category": Leaf(_category),
        "home_region": Leaf(_region_or_null),
        "evidence": EVIDENCE,
        "note": Leaf(lambda v, ctx: None if isinstance(v, str) else f"{v!r} must be a string"),
    }
    if origins is not None:
        keys["origin"] = Leaf(_origin(origins))
    return Obj(keys, required=("event_name", "event_source", "event_types", "evidence"))


#: One event entry of a project's extension file (``origin`` may also be ``user``; evidence is optional there;
#: the eventSource is lower-case: a project's capitalised source is far likelier a typo than a real quirk).
EVENT_ENTRY = _event_entry(("user", "record", "aws-page"), lower_case=True)


# fmt: off
def overlay_schemas() -> dict[str, Rule]:
    """Overlay file name -> the schema its document must pass."""
    pinned_paths = Map(Leaf(_commit),
                       key=lambda k, ctx: None if _UNPINNED.match(k) else "must be github:owner/repo/path")
    event_file = Seq(_event_entry(None))
    sourced_event_file = Seq(_event_entry(("record", "aws-page")))
    eb_row = Obj(
        {"event_name": EVENT_NAME, "event_source": EVENT_SOURCE, "event_types": EVENT_TYPE_LIST, "evidence": EVIDENCE,
         "note": STR, "table_service": STR, "unsure": BOOL},
        required=("event_name", "event_source", "evidence"),
    )
    resource_type = {
        "resource_type": STR, "service": STR, "evidence": EVIDENCE, "operations": Seq(EVENT_NAME),
        "operations_complete": BOOL, "all_operations_of_service": BOOL,
        "management_when_called_on_buckets": Seq(EVENT_NAME), "note": STR, "unsure": BOOL,
    }
    record_fields = Map(Leaf(lambda v, ctx: _str(v, ctx) if not isinstance(v, list) else _evidence_list(v, ctx)))
    return {
        "service_events.json": event_file,
        "signin_events.json": event_file,
        "console_actions.json": event_file,
        "documented_events.json": sourced_event_file,
        "observed_events.json": sourced_event_file,
        "name_quirks.json": Seq(
            Obj(
                {"service": STR, "operation": EVENT_NAME, "event_names": Seq(EVENT_NAME, min_items=1),
                 "replaces_sdk_name": BOOL, "event_source": EVENT_SOURCE, "evidence": EVIDENCE, "note": STR},
                required=("service", "operation", "event_names", "replaces_sdk_name", "evidence"),
            )
        ),
        "read_only_overrides.json": Seq(
            Obj(
                {"event_name": EVENT_NAME, "event_source": EVENT_SOURCE, "read_only": BOOL, "evidence": EVIDENCE,
                 "note": STR},
                required=("event_name", "event_source", "read_only", "evidence"),
            )
        ),
        "retired_services.json": Seq(
            Obj(
                {"service": STR, "retired": Leaf(_date), "evidence": EVIDENCE, "note": STR,
                 "event_source": EVENT_SOURCE},
                required=("service", "retired", "evidence"),
            )
        ),
        "event_sources.json": Obj(
            {
                "schema": INT,
                "services": Map(
                    Obj(
                        {"event_source": EVENT_SOURCE, "evidence": EVIDENCE, "note": STR,
                         "also_event_sources": Seq(EVENT_SOURCE, min_items=1)},
                        required=("event_source", "evidence"),
                    )
                ),
                "seen_event_sources": Map(EVIDENCE, key=lambda k, ctx: event_source_problem(k)),
            },
            required=("services", "seen_event_sources"),
        ),
        "eventbridge_read_only.json": Obj(
            {"schema": INT, "source_snapshot": STR, "prefixes": Seq(STR, 1),
             "prefix_rule_evidence": EVIDENCE, "rule_state_note": STR, "read_only": Seq(eb_row),
             "not_read_only": Seq(eb_row)},
            required=("prefixes", "prefix_rule_evidence", "read_only", "not_read_only"),
        ),
        "data_events.json": Obj(
            {"schema": INT, "source_snapshot": STR, "basic_selector_types": STRS,
             "not_data_events": Seq(Obj({"event_name": EVENT_NAME, "event_source": EVENT_SOURCE,
                                         "evidence": EVIDENCE, "note": STR},
                                        required=("event_name", "event_source", "evidence"))),
             "resource_types": Seq(Obj({**resource_type, "event_source": EVENT_SOURCE},
                                       required=("resource_type", "event_source", "evidence"))),
             "resource_types_without_event_source": Seq(Obj(resource_type, required=("resource_type", "evidence")))},
            required=("resource_types",),
        ),
        "event_families.json": Obj(
            {
                "schema": INT,
                "insights": Obj(
                    {"event_type": STR, "detail_type": STR, "evidence": EVIDENCE, "applies_to": STR,
                     "applies_to_management_write": BOOL, "applies_to_management_read": BOOL,
                     "applies_to_management_read_detail": STR, "applies_to_data": BOOL,
                     "applies_to_data_detail": STR, "applies_to_evidence": EVIDENCE, "insight_types": STRS,
                     "event_category": STR, "event_category_evidence": EVIDENCE,
                     "record_fields": Map(Leaf(lambda v, ctx: None if isinstance(v, (str, list, dict))
                                               else f"{v!r} must be text, evidence or an object")),
                     "note": STR},
                    required=("evidence",),
                ),
                "network_activity": Obj(
                    {"event_type": STR, "event_category": STR, "detail_type": STR, "detail_type_evidence": EVIDENCE,
                     "eventbridge_delivery": Obj({"delivered": BOOL, "bus": STR, "rule_state": STR, "requires": STR,
                                                  "evidence": EVIDENCE}),
                     "event_sources": Seq(EVENT_SOURCE), "event_sources_evidence": EVIDENCE,
                     "record_fields": record_fields, "note": STR},
                    required=("event_sources", "event_sources_evidence"),
                ),
                "console_action": Obj({"event_type": STR, "detail_type": STR, "evidence": EVIDENCE,
                                       "example_record_evidence": EVIDENCE, "note": STR}),
                "event_categories": Obj({"values": STRS, "evidence": EVIDENCE, "note": STR}),
            },
            required=("insights", "network_activity"),
        ),
        "evidence_commits.json": Obj(
            {"schema": INT, "note": STR, "commits": pinned_paths,
             "not_yet_pinned": Seq(Leaf(lambda v, ctx: None if isinstance(v, str) and _UNPINNED.match(v)
                                        else f"{v!r} must be github:owner/repo/path"))},
            required=("commits", "not_yet_pinned"),
        ),
    }


# fmt: on


def validate(
    name: str,
    text: str,
    *,
    where: str | None = None,
    regions: Iterable[str] | None = None,
    pins: Mapping[str, str] = {},
    legacy: Iterable[str] = (),
) -> Located:
    """Parse and validate the overlay file ``name`` (its ``text``); the parsed document.

    :param where: the file name errors start with (default ``name``).
    :param regions: the known AWS regions (``home_region`` must be one of them).
    :param pins: evidence paths pinned to commits in ``evidence_commits.json``.
    :param legacy: the paths that file lists as not yet pinned.
    :raises FactError: the first problem, at ``file:line``.
    """
    doc = parse(text, where or name)
    value = doc.value
    ctx = Context(where or name, doc, frozenset(regions) if regions is not None else None, pins, frozenset(legacy))
    schema = overlay_schemas().get(name)
    if schema is None:
        raise ctx.error((), f"no schema for the overlay file {name!r}; add one to ctrules/catalog/fact_schema.py")
    schema.check(value, (), ctx)
    return doc


def check_entry(entry: Any, where: str, *, doc: Located | None = None, regions: Iterable[str] | None = None) -> None:
    """Check one project-added event entry (evidence optional; ``origin`` may be ``user``); ``doc`` locates its
    keys (lines of the file the entry came from).

    :raises FactError: the first problem; its ``path`` starts with the offending field.
    """
    ctx = Context(where, doc, frozenset(regions) if regions is not None else None, need_evidence=False)
    EVENT_ENTRY.check(entry, (), ctx)
