"""CTR015: a filter on a field path under requestParameters, responseElements, serviceEventDetails or
additionalEventData that the records of the matched events never carry.

For each leaf below one of those four record parts, the check takes the catalog events the branch can match
(its literal eventNames within the admitted eventSources, and the names a ``prefix``/``suffix``/``wildcard``/
``equals-ignore-case`` filter matches when they are at most :data:`MAX_EVENTS`) and asks the record shapes
(:mod:`ctrules.catalog.shapes`) about the path for each of them. It reports only when **no** matched event can
carry a value there:

* ``unknown`` for every event: the field does not exist (case, one-letter slips, PascalCase vs camelCase, the
  status object of another event). An error when every shape is ``seen`` in real records. Where a shape is
  only *derived* (AWS SDK model, curated overlay) the finding is a warning, and only when the shapes know a
  field close to the missing name (same letters up to case and separators, or one or two edits): a derived
  shape lacking a field with nothing close is more often a gap of the model than a mistake of the rule
  (measured on real records, ``bench/ctr015_accuracy.py``). A path below a plain value (``userName.first``)
  is reported only for ``seen`` shapes, as an error;
* ``inside-json-string`` for every event: the path goes inside a field CloudTrail records as a JSON *string*
  (IAM ``policyDocument``, ``assumeRolePolicyDocument``): EventBridge compares whole string values and cannot
  look inside them. An error (each ``json_strings`` entry of the overlay carries real records as evidence);
  the fix is a ``wildcard`` on the string.

* ``inside-json-string`` learnt from real records: records from two sources or more hold the field as JSON text
  (ECR ``PutImage`` ``imageManifest``, EventBridge ``PutRule`` ``eventPattern``): an error that cites them;
  ``maybe-inside-json-string`` where records disagree or one source alone shows it (KMS ``PutKeyPolicy``
  ``policy`` is text in AWS's pages and an object in a Panther capture): a warning.

Where the path exists, the check judges the **values** of the leaf against the field's type
(:meth:`ctrules.catalog.shapes.Shape.value_type`; paths :data:`ctrules.checks.record_envelope.VALUES` lists are
CTR012's):

* a value of the wrong JSON type (the string ``"true"`` where records hold a boolean, ``"22"`` or a ``prefix`` on
  a number, a number or ``numeric`` on a string): an error when real records of every matched event hold another
  type (the records win over the SDK model), a warning ("may not") when only the SDK model gives the type
  (CloudTrail records some numbers and booleans as strings). Timestamps and values of unknown type are not judged;
* a near-miss of a member of the SDK's enumeration (case, separators, one edit): an error with "did you mean" when
  real records of the event hold only members of the list, else a warning, and then only for an edit (services
  record their own case of SDK values: Amazon MQ ``engineType`` "ActiveMQ"). A value far from every member is left
  alone (SDK lists lag behind what services record).

A value is reported when it can match no matched event; the finding is an error only when no value of the leaf can
match (else the rule still fires for the others: a warning).

``redacted`` fields are treated as present: real records hold masks other than
``HIDDEN_DUE_TO_SECURITY_REASONS`` (``"****"`` for Organizations ``CreateAccount``, github:awsdocs/
aws-organizations-user-guide), and clear values of members the SDK marks sensitive (Step Functions
``StartExecution`` ``input``, github:awsdocs/aws-step-functions-developer-guide), so a filter on them cannot be
judged from the SDK's ``sensitive`` trait.

It says nothing when the branch names no eventName, when a name is not in the catalog, when the names cannot be
told (``anything-but``, tokens) or are too many, when some matched event has no shape, or when one matched event
may carry the field (the rule can fire for it). A leaf whose only values are ``{"exists": false}`` asks for the
field's absence and is left alone; one that mixes it with other values gets a warning (it lets every event
through). A filter on an object node (a prefix of structured fields) is ``known`` to the shapes and passes.

EventBridge semantics relied on: a pattern matches only when every field it names is present with a matching
leaf value, except ``{"exists": false}``
(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html,
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-exists-matching);
a string is one leaf value, matched whole or by the ``wildcard`` operator
(https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html#eb-filtering-wildcard-matching);
EventBridge compares JSON types: the string ``"true"`` does not equal the boolean ``true``, ``numeric`` matches only
numbers (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html, numeric matching on
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html).

One module of ~540 lines on purpose: the path and the values of a leaf are judged against the same matched events
and record shapes, and a value only where its path holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ctrules.checks.analysis import name_filter_decidable
from ctrules.checks.common import quote_list
from ctrules.checks.findings import ERROR, WARNING, Finding, RuleContext, Severity
from ctrules.checks.mistakes import edit_distance, squash
from ctrules.checks.record_envelope import VALUES
from ctrules.checks.registry import Check, register
from ctrules.eventpattern.leaf import compile_leaf

if TYPE_CHECKING:
    from ctrules.catalog.model import CatalogEvent
    from ctrules.catalog.shapes import PathStatus
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["CHECK", "MAX_EVENTS", "PARTS", "matched_events", "run"]

#: The record parts whose fields differ per event (the ones this check looks into).
PARTS: Final[frozenset[str]] = frozenset(
    {"requestParameters", "responseElements", "serviceEventDetails", "additionalEventData"}
)
#: An eventName filter matching more catalog events than this is not judged (too broad to say "never").
MAX_EVENTS: Final = 32
_SHOWN_EVENTS = 3
_CACHE_LIMIT = 8192
_STATUS: dict[tuple[str, str, str], PathStatus | None] = {}

_UNKNOWN, _PLAIN_VALUE, _JSON_STRING, _MAYBE_JSON = "unknown", "value", "json-string", "maybe-json-string"


@dataclass(frozen=True, slots=True)
class _Miss:
    """Why one matched event never carries a value at the path."""

    kind: str  # _UNKNOWN, _PLAIN_VALUE or _JSON_STRING
    at: str  # the part of the path that exists (where the path goes wrong)
    label: str  # the event, e.g. 'PutRolePolicy' or 's3:CreateBucket'
    seen: bool  # the shape is confirmed by real records (or the fact is curated with evidence)
    close: bool  # a suggestion makes the mistake plain (see _close)
    suggestions: tuple[str, ...]
    note: str = ""  # where the fact comes from, when records say it (cited in the message)

    @property
    def certain(self) -> bool:
        if self.kind == _MAYBE_JSON:
            return False
        # Only real records make a case slip certain: derived shapes miss CloudTrail's own casing (RDS ModifyDBCluster
        # records carry vPCSecurityGroupIds, Secrets Manager PutResourcePolicy records responseElements.arn; the
        # SDK models say VpcSecurityGroupIds and ARN; bench/ctr015_accuracy.py).
        return self.seen and self.close


def matched_events(branch: Branch) -> tuple[CatalogEvent, ...] | None:
    """The catalog events the branch's eventName can match, or None when they cannot be told.

    None when there is no eventName filter, when a literal name is not in the catalog (for the admitted
    eventSources), when an item is a token, ``anything-but``, ``exists`` or another filter ctrules cannot
    decide, when a decidable filter matches no catalog name, or when more than :data:`MAX_EVENTS` events match.
    """
    items = branch.items("detail", "eventName")
    if not items:
        return None
    found: dict[tuple[str, str], CatalogEvent] = {}
    for _item, entries in branch.literal_names:
        if not entries:
            return None
        found.update(((e.event_source, e.event_name), e) for e in entries)
    for item, entries in branch.operator_names:
        if not name_filter_decidable(item.value) or not entries:
            return None
        found.update(((e.event_source, e.event_name), e) for e in entries)
    for item in items:
        if isinstance(item.value, str) and not item.is_literal:
            return None  # an unresolved token: any name
    if not found or len(found) > MAX_EVENTS:
        return None
    return tuple(found.values())


def _status(event: CatalogEvent, path: str) -> PathStatus | None:
    """The shapes' status of ``path`` for ``event`` (None when ctrules claims no shape), cached."""
    key = (event.event_source, event.event_name, path)
    if key in _STATUS:
        return _STATUS[key]
    from ctrules.catalog import shapes  # lazy: the shape data is read only when a rule filters a part

    shape = shapes.fields_of(event)
    found = None if shape is None else shape.status(path)
    if found is not None and found.status == shapes.NO_SHAPE:
        found = None
    if len(_STATUS) >= _CACHE_LIMIT:
        _STATUS.clear()
    _STATUS[key] = found
    return found


def _label(event: CatalogEvent, ambiguous: bool) -> str:
    return f"{event.source.removeprefix('aws.')}:{event.event_name}" if ambiguous else event.event_name


def _close(bad: str, suggestion: str, depth: int, length: int) -> bool:
    """True when a suggested path makes the mistake plain: its segment at ``depth`` is a slip of ``bad`` (case,
    separators, one or two edits), or it carries the rest of the path below a different name (the rest exists
    there: ``createManagedAccountStatus.state`` -> ``updateManagedAccountStatus.state``)."""
    segs = suggestion.split(".")
    if len(segs) <= depth:
        return False
    if depth < length - 1 and len(segs) == length:
        return True
    good = segs[depth]
    if squash(good) == squash(bad):
        return True
    return edit_distance(good.lower(), bad.lower(), 2) <= (1 if len(bad) <= 5 else 2)


def _judge(events: tuple[CatalogEvent, ...], path: str) -> list[_Miss] | None:
    """One :class:`_Miss` per matched event, or None when some event may carry a value at ``path``.

    An event "may carry" the path when its shape says so (``known``, ``unchecked``), when it has no shape,
    when the field is ``redacted`` (real records show masks such as ``****``, and clear values of fields the SDK
    marks sensitive, see the module docstring), and when only a *derived* shape lacks the path and nothing close
    to the missing name exists (a gap of the SDK model is likelier than a mistake there), unless another matched
    event certainly never carries it: then both are named (a warning: the derived shape may miss the field).
    """
    from ctrules.catalog import shapes

    names = [e.event_name for e in events]
    segs = path.split(".")
    out: list[_Miss] = []
    # Events whose derived shape lacks the path with nothing close to it: alone they may carry it (a gap of the SDK
    # model); beside an event that certainly never does, the rule is judged on both (a warning, never an error).
    gaps: list[_Miss] = []
    for event in events:
        st = _status(event, path)
        if st is None or st.ok:
            return None
        label = _label(event, names.count(event.event_name) > 1)
        seen = st.confidence == "seen"
        at = st.at or ""
        if st.status == shapes.UNKNOWN:
            depth = len(at.split(".")) if at else 0
            bad = segs[min(depth, len(segs) - 1)]
            if st.reason.endswith("it has no fields"):
                (out if seen else gaps).append(_Miss(_PLAIN_VALUE, at, label, seen, seen, ()))
                continue
            close = any(_close(bad, s, depth, len(segs)) for s in st.suggestions)
            (out if seen or close else gaps).append(_Miss(_UNKNOWN, at, label, seen, close, st.suggestions))
        elif st.status == shapes.INSIDE_JSON_STRING:
            out.append(_Miss(_JSON_STRING, at, label, True, True, (), st.reason if "real records" in st.reason else ""))
        elif st.status == shapes.MAYBE_INSIDE_JSON_STRING:
            out.append(_Miss(_MAYBE_JSON, at, label, True, False, (), st.reason))
        else:
            return None  # redacted, or a status this check does not know: the field may hold a value
    if gaps and not any(m.certain for m in out):
        return None
    return out + gaps


def _names(labels: Iterable[str]) -> str:
    shown = list(dict.fromkeys(labels))
    if len(shown) == 1:
        return shown[0]
    if len(shown) <= _SHOWN_EVENTS:
        return ", ".join(shown[:-1]) + " and " + shown[-1]
    return ", ".join(shown[:_SHOWN_EVENTS]) + f" and {len(shown) - _SHOWN_EVENTS} more"


def _nested(path: str, values: object) -> str:
    """``{"detail": {"a": {"b": values}}}`` for ``a.b``, as JSON."""
    node: object = values
    for seg in reversed(["detail", *path.split(".")]):
        node = {seg: node}
    return json.dumps(node)


def _wildcard_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*")


def _json_string_fix(path: str, at: str, values: list[Any]) -> str:
    """The wildcard filter on the JSON-string field that stands in for a path inside it."""
    key = path.split(".")[-1]
    wanted = [v for v in values if isinstance(v, str)][:3]
    if wanted and all(isinstance(v, str) for v in values):
        items = [{"wildcard": f'*"{_wildcard_escape(key)}"*"{_wildcard_escape(v)}"*'} for v in wanted]
    else:
        items = [{"wildcard": f'*"{_wildcard_escape(key)}"*'}]
    return (
        f"EventBridge sees detail.{at} only as text: filter that string with a wildcard, e.g. "
        f"{_nested(at, items)} (loose on purpose: spacing and key order of the document vary), or filter a "
        "field outside the string"
    )


def _finding(path: str, values: list[Any], jpath: str, misses: list[_Miss], absent_ok: bool) -> Finding:
    field = f"detail.{path}"
    certain = all(m.certain for m in misses) and not absent_ok
    groups: dict[tuple[str, str], list[_Miss]] = {}
    for m in misses:
        groups.setdefault((m.kind, m.at), []).append(m)
    reasons: list[str] = []
    segs = path.split(".")
    for (kind, at), ms in groups.items():
        who = _names(m.label for m in ms)
        depth = len(at.split(".")) if at else 0
        bad = segs[depth] if depth < len(segs) else segs[-1]
        if kind == _UNKNOWN:
            where = f" under {at}" if at else ""
            cased = any(
                len(s.split(".")) > depth and s.split(".")[depth].lower() == bad.lower()
                for m in ms
                for s in m.suggestions
            )
            case = " (field names are case-sensitive)" if cased else ""
            reasons.append(f"the records of {who} carry no {bad!r}{where}{case}")
        elif kind == _PLAIN_VALUE:
            reasons.append(f"the records of {who} hold a plain value at {at}, with no {bad!r} below it")
        elif kind == _MAYBE_JSON:
            notes = "; ".join(dict.fromkeys(m.note for m in ms if m.note))
            reasons.append(f"{notes}, and EventBridge cannot match keys inside a string")
        else:
            notes = "; ".join(dict.fromkeys(m.note for m in ms if m.note))
            reasons.append(
                notes
                or f"the records of {who} hold {at} as a JSON string, and EventBridge cannot match keys inside a string"
            )
    why = "; ".join(reasons)
    derived = [m.label for m in misses if not m.seen]
    if derived:
        whose = "these shapes" if len(derived) == len(misses) > 1 else f"the shape of {_names(derived)}"
        why += f" (no real record confirms {whose} yet: it is derived from the AWS SDK model or the curated overlay)"
    unlike = [m.label for m in misses if m.seen and not m.close and m.kind == _UNKNOWN]
    if unlike:
        why += (
            f" (real records of {_names(unlike)} confirm their fields, but none is close to this name: it may be a "
            "field those records did not show)"
        )
    if absent_ok:
        outcome = (
            'only {"exists": false} can match, so this filter lets every such event through (its other values '
            "match nothing)"
        )
    elif certain:
        outcome = "this filter never matches, so the rule never fires"
    else:
        outcome = "this filter may not match any event, so the rule may not fire"
    suggestions = list(dict.fromkeys(s for m in misses for s in m.suggestions))[:3]
    kinds = {m.kind for m in misses}
    first = misses[0].label.split(":")[-1]
    if kinds <= {_JSON_STRING, _MAYBE_JSON}:
        fix = _json_string_fix(path, misses[0].at, values)
    elif suggestions:
        best = suggestions[0]
        if len(best.split(".")) == len(segs):
            fix = f"did you mean detail.{best}? Write {_nested(best, values)}"
        else:
            fix = f"did you mean detail.{best}? (`ctrules show {first} --fields` lists what lies below it)"
        if len(suggestions) > 1:
            fix += " Other close fields: " + ", ".join(f"detail.{s}" for s in suggestions[1:])
    else:
        fix = f"remove the filter or use a field the records carry (`ctrules show {first} --fields` lists them)"
    return Finding("CTR015", ERROR if certain else WARNING, f"filter on {field}: {why}: {outcome}.", fix, jpath)


def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
    """The findings of CTR015 for one branch."""
    if not branch.is_cloudtrail or PARTS.isdisjoint(branch.detail_keys):
        return []
    leaves: list[tuple[str, list[Any], str]] = []
    for fpath, (values, jpath) in branch.fields.items():
        if len(fpath) < 3 or fpath[0] != "detail" or fpath[1] not in PARTS or not values:
            continue
        if any(not seg or "." in seg or "[" in seg or seg.isdigit() or seg == "*" for seg in fpath[2:]):
            continue  # a key the shapes' dotted paths cannot spell: not judged
        leaves.append((".".join(fpath[1:]), values, jpath))
    if not leaves:
        return []
    events = matched_events(branch)
    if events is None:
        return []
    out: list[Finding] = []
    for path, values, jpath in leaves:
        compiled = compile_leaf(values)
        if compiled.absent_ok and all(v == {"exists": False} for v in values):
            continue  # asks for the field's absence: an unknown field is absent from every record
        misses = _judge(events, path)
        if misses:
            out.append(_finding(path, values, jpath, misses, compiled.absent_ok))
        elif not compiled.absent_ok and tuple(path.split(".")) not in VALUES:
            out.extend(_value_findings(events, path, values, jpath))  # VALUES: CTR012 judges those fields
    return out


# --------------------------------------------------------------------------- values of a known field

_STRING_OPERATORS: Final = ("prefix", "suffix", "wildcard", "equals-ignore-case", "cidr")
_JSON_KIND: Final = {
    "s": "string", "e": "string", "j": "string", "J": "string", "b": "boolean", "n": "number", "z": "null",
}  # fmt: skip


def _kind(value: Any) -> str | None:
    """The JSON type a filter value can match (None: any, or not judged)."""
    if type(value) is str:
        return "string"
    if type(value) is bool:
        return "boolean"
    if type(value) in (int, float):
        return "number"
    if type(value) is dict and len(value) == 1:
        ((op, _operand),) = value.items()
        if op in _STRING_OPERATORS:
            return "string"
        if op == "numeric":
            return "number"
    return None  # null, exists, anything-but: not judged


def _slip(value: str, members: tuple[str, ...]) -> str | None:
    """The member ``value`` misspells: same letters up to case and separators, or one edit away."""
    for m in members:
        if squash(m) == squash(value):
            return m
    if len(value) > 3:
        close = [m for m in members if edit_distance(m.lower(), value.lower(), 1) <= 1]
        if len(close) == 1:
            return close[0]
    return None


def _literal_fix(value: Any, want: str) -> str:
    if want == "boolean" and type(value) is str and value.lower() in ("true", "false"):
        return f"write {value.lower()} without quotes"
    if want == "number" and type(value) is str:
        try:
            return f"write {json.dumps(float(value) if '.' in value else int(value))} without quotes"
        except ValueError:
            return "use a number"
    if want == "string" and type(value) in (bool, int, float):
        return f"quote it: {json.dumps(str(value).lower() if type(value) is bool else str(value))}"
    if want == "string" and type(value) is dict and "numeric" in value:
        return "use exact strings, prefix or wildcard"
    if want == "number" and type(value) is dict:
        return 'use numbers or {"numeric": [...]}'
    return f"use a {want} value"


@dataclass(frozen=True, slots=True)
class _Verdict:
    """Why one value matches no value one event records at the path."""

    certain: bool
    why: str
    fix: str


def _verdict(value: Any, vt: Any, label: str, field: str) -> _Verdict | None:
    """The :class:`_Verdict` of one filter value against one event's :class:`ctrules.catalog.shapes.ValueType`."""
    kind = _kind(value)
    if kind is None:
        return None
    letters: frozenset[str] = vt.record
    if letters:
        if "o" in letters or not letters - {"z"}:
            return None
        allowed = {_JSON_KIND[x] for x in letters}
        held = " or ".join(sorted(allowed - {"null"}))
        source = f"real records of {label} ({', '.join(vt.evidence)})"
        certain = True
    elif vt.sdk in ("string", "boolean", "number"):
        allowed = {vt.sdk}
        held = vt.sdk
        source = f"the AWS SDK model of {label}"
        certain = False
    else:
        return None  # a timestamp (recorded as text or as a number) or a value of unknown type
    show = json.dumps(value, separators=(",", ":"))
    if kind not in allowed:
        want = sorted(allowed - {"null"})[0]
        op = next(iter(value)) if type(value) is dict else ""
        what = f"the {op!r} filter {show} (it matches only {kind}s)" if op else f"the {kind} {show}"
        if certain:
            why = f"{field} is a {held} in {source}, and EventBridge compares JSON types, so {what} never matches it"
        else:
            why = (
                f"{field} is a {held} in {source}, and EventBridge compares JSON types, so {what} may not match it "
                "(no real record confirms the type, and CloudTrail records some numbers and booleans as strings)"
            )
        return _Verdict(certain, why, _literal_fix(value, want))
    if vt.enum and type(value) is str and value not in vt.enum and "s" not in letters:
        right = _slip(value, vt.enum)
        members = quote_list(list(vt.enum[:6])) + (" or another listed value" if len(vt.enum) > 6 else "")
        confirmed = vt.enum_confirmed
        if right is not None and not confirmed and squash(right) == squash(value):
            # Services record their own spelling of SDK values (Amazon MQ engineType "ActiveMQ" for ACTIVEMQ, App
            # Runner "Branch" for BRANCH: bench/ctr015_accuracy.py held out): a case slip needs real records.
            right = None
        if right is not None:
            if confirmed:
                why = (
                    f"{field} holds {members} ({source} show only members of the AWS SDK's list), matched exactly "
                    f"and case-sensitively; {show} misspells {right!r}, so it never equals it"
                )
            else:
                why = (
                    f"the AWS SDK model lists {members} for {field} of {label}, matched exactly and case-sensitively; "
                    f"{show} looks like a slip of {right!r}, so it may not match (no real record confirms the list)"
                )
            return _Verdict(confirmed, why, f"did you mean {json.dumps(right)}?")
        # A value far from every member is left alone: SDK lists lag behind what services record.
    return None


_TYPES: dict[tuple[str, str, str], Any] = {}


def _value_type(event: CatalogEvent, path: str) -> Any:
    """The shapes' :class:`ctrules.catalog.shapes.ValueType` at ``path`` for ``event`` (None: not judged), cached."""
    key = (event.event_source, event.event_name, path)
    if key in _TYPES:
        return _TYPES[key]
    from ctrules.catalog import shapes

    shape = shapes.fields_of(event)
    found = None if shape is None else shape.value_type(path)
    if len(_TYPES) >= _CACHE_LIMIT:
        _TYPES.clear()
    _TYPES[key] = found
    return found


def _value_findings(events: tuple[CatalogEvent, ...], path: str, values: list[Any], jpath: str) -> list[Finding]:
    """Values of the leaf that no value the matched events record at ``path`` can equal (type, enumeration)."""
    types = [(_value_type(e, path), e) for e in events]
    if any(vt is None for vt, _ in types):
        return []
    names = [e.event_name for e in events]
    field = f"detail.{path}"
    found: list[tuple[int, _Verdict]] = []
    for i, v in enumerate(values):
        verdicts = [_verdict(v, vt, _label(e, names.count(e.event_name) > 1), field) for vt, e in types]
        if verdicts and all(vd is not None for vd in verdicts):
            first = verdicts[0]
            assert first is not None
            certain = all(vd is not None and vd.certain for vd in verdicts)
            found.append((i, _Verdict(certain, first.why, first.fix)))
    every = len(found) == len(values)
    out: list[Finding] = []
    for i, vd in found:
        why = vd.why
        if not vd.certain:
            tail = "the rule may not fire for it."
        elif every:
            tail = "the rule never fires."
        else:  # a warning: "never" belongs to errors (issue 19, item 3)
            why = why.replace(" never matches it", " cannot match it").replace(" never equals it", " cannot equal it")
            tail = "this value matches no event (the other values may match, so the rule can still fire)."
        severity: Severity = ERROR if vd.certain and every else WARNING
        out.append(Finding("CTR015", severity, f"{why}: {tail}", vd.fix, f"{jpath}[{i}]"))
    return out


def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
    """Clean when ``detail`` filters none of the four record parts, or names no eventName (nothing to judge)."""
    keys = facts.detail_keys
    return "eventName" not in keys or keys.isdisjoint(PARTS)


CHECK = register(
    Check(
        "CTR015",
        "record-field-paths",
        ERROR,
        "A filter on a requestParameters, responseElements, serviceEventDetails or additionalEventData path that "
        "the matched events' records never carry, or with a value of the wrong type for it.",
        "Below the record's top level, each event carries its own fields: requestParameters.bucketName for S3, "
        "serviceEventDetails.updateManagedAccountStatus for Control Tower's UpdateManagedAccount. A misspelt or "
        "wrongly cased key, the status object of another event, or a path inside a field CloudTrail records as a "
        "JSON string (IAM policyDocument) matches nothing, so the rule never fires. ctrules compares the path with "
        "the record shapes of the events the rule names: an error when real records confirm the shape and a close "
        "field makes the mistake plain, a warning when the shape is only derived from the AWS SDK model (and then only "
        'when a close field exists). Values are checked too: a string "true" where records hold a boolean, a number '
        "as a string, a near-miss of a value the AWS SDK enumerates (error when real records confirm the type or the "
        "list, warning when only the SDK model does).",
        "Use the field path the finding names (ctrules show EVENT --fields lists them), a wildcard on the JSON "
        "string, or a value of the field's type.",
        run=run,
        fast=fast,
        needs=frozenset({"catalog", "shapes"}),
    )
)
