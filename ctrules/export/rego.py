"""The Rego rule pack: ctrules' checks for AWS's ``cloudformation-validate`` engine, the validator CDK runs on synth.

:func:`rego_pack` generates the pack from the catalog and from the checks' own data (codes, severities, the
fixed parts of their messages and fixes, found by running the checks on probe patterns); ``make catalog``
writes it to :data:`PACK_PATH` and ``tests/export`` fails when that file is stale. The pack's logic, in
``pack.rego.in``, mirrors the checks on the patterns it can judge exactly (:func:`in_scope`: no ``$or``, every
leaf a non-empty list of plain values, simple operators only in fields the checks do not read); the differential
tests hold the two to the same findings. The checks' own data the pack needs comes from their public names
(``ctr010_envelope_fields.ENVELOPE_BY_SQUASHED``, ``ctr014_retired_service.retired_sources()``...).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

__all__ = [
    "ENGINE_VERSION",
    "EXPORTED",
    "MAX_DEPTH",
    "NOT_EXPORTED",
    "PACK_PATH",
    "PackLoadError",
    "in_scope",
    "load_engine",
    "pack_is_current",
    "rego_pack",
]

#: The ``cloudformation-validate`` version the pack is tested with (the dev extra pins it); aws-cdk-lib 2.275
#: bundles the engine's 1.12.1 WASM build, which the CDK tests run it through.
ENGINE_VERSION: Final = "1.14.0"
CDK_ENGINE_VERSION: Final = "1.12.1"

#: The checks the pack exports, with the same codes, severities, messages and fixes.
EXPORTED: Final[tuple[str, ...]] = (
    "CTR001", "CTR002", "CTR003", "CTR004", "CTR005", "CTR007", "CTR010", "CTR011", "CTR014",
)  # fmt: skip

#: The checks the pack does not export, and why (docs/rego.md prints this table).
NOT_EXPORTED: Final[Mapping[str, str]] = {
    "CTR006": "needs the trails of the whole app (a trail in another stack logs the data events)",
    "CTR008": (
        "judges every key under detail against the CloudTrail record envelope (ctrules/checks/record_envelope.py, "
        "issue 19); expressible in Rego, not exported yet: `ctrules lint` and CloudTrailChecks report it"
    ),
    "CTR009": "the engine validates EventPattern syntax itself (its own E-codes)",
    "CTR012": "needs ctrules' exact matcher to prove two filters exclude each other",
    "CTR013": "measures the pattern as EventBridge stores it; patterns the pack judges are far below the limit",
    "CTR015": "needs the record shapes of every event",
    "CTR016": "needs the record shapes and the events the whole rule matches",
}

#: Patterns nested deeper than this are left to ``ctrules lint`` (Rego has no recursion).
MAX_DEPTH: Final = 8

#: The fields the exported checks read: the pack judges a pattern only when these hold plain strings.
STRING_FIELDS: Final[tuple[tuple[str, ...], ...]] = (
    ("source",), ("detail-type",), ("detail", "eventSource"), ("detail", "eventName"), ("detail", "eventType"),
    ("detail", "userIdentity", "type"),
)  # fmt: skip

#: Numbers in other leaves stay within what EventBridge accepts (CDK number tokens are huge doubles).
MAX_NUMBER: Final = 5_000_000_000

#: The operators the pack accepts in leaves other than :data:`STRING_FIELDS` (``"errorCode": [{"exists": false}]``,
#: ``"userAgent": [{"prefix": "console"}]``): the exported checks do not read those leaves except for CTR011's
#: stars, so an operand without ``*`` changes no finding. Each takes one non-empty string without ``*``;
#: ``anything-but`` also a non-empty list of them; ``exists`` a boolean.
LEAF_OPERATORS: Final[tuple[str, ...]] = ("prefix", "suffix", "equals-ignore-case", "anything-but", "exists")

#: Where ``make catalog`` writes the pack (shipped in the package; ``ctrules export rego`` prints it).
PACK_PATH: Final = Path(__file__).with_name("ctrules.rego")

_LINE: Final = 1000  # the engine refuses lines over 1024 characters and files over 20,000 lines


def _why(text: str) -> str:
    """``name.rego:271:1: unexpected keyword `else``` from the engine's multi-line error text."""
    text = text.replace("\\n", "\n")
    where = re.search(r"-->\s*(\S+:\d+:\d+)", text)
    error = re.search(r"error:\s*(.+)", text)
    what = error.group(1).strip().strip("'\"") if error else " ".join(text.split())
    return f"{where.group(1)}: {what[:200]}" if where else what[:200]


class PackLoadError(RuntimeError):
    """The installed ``cloudformation-validate`` refused the pack (version skew)."""


def in_scope(pattern: object) -> bool:
    """True when the pack judges this pattern exactly as ctrules does: an object without ``$or``, every
    object non-empty, every leaf a non-empty list of plain values (strings without a CDK token; in leaves other
    than :data:`STRING_FIELDS` also booleans, null, numbers up to :data:`MAX_NUMBER` and the simple
    :data:`LEAF_OPERATORS`), at most :data:`MAX_DEPTH` levels deep. Other patterns are left to ``ctrules lint`` /
    the ``CloudTrailChecks`` plugin."""
    if not isinstance(pattern, dict) or not pattern:
        return False

    def plain(v: object, strings_only: bool) -> bool:
        if isinstance(v, str):
            return "{Token[" not in v
        if strings_only:
            return False
        if v is None or isinstance(v, bool):
            return True
        return isinstance(v, (int, float)) and abs(v) <= MAX_NUMBER

    def text(v: object) -> bool:
        return isinstance(v, str) and v != "" and "*" not in v and "{Token[" not in v

    def operator(v: object) -> bool:
        if not isinstance(v, dict) or len(v) != 1:
            return False
        ((op, operand),) = v.items()
        if op == "exists":
            return isinstance(operand, bool)
        if op == "anything-but" and isinstance(operand, list):
            return bool(operand) and all(text(o) for o in operand)
        return op in LEAF_OPERATORS and text(operand)

    def ok(obj: dict[Any, Any], path: tuple[str, ...]) -> bool:
        for key, value in obj.items():
            if key == "$or":
                return False
            here = (*path, key)
            if isinstance(value, dict):
                if not value or len(here) >= MAX_DEPTH or not ok(value, here):
                    return False
            elif not (isinstance(value, list) and value and all(
                plain(v, here in STRING_FIELDS) or (here not in STRING_FIELDS and operator(v)) for v in value
            )):
                return False
        return True

    return ok(pattern, ())


def _rego(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True, sort_keys=True)


def _packed(name: str, items: Iterable[str], open_: str, close: str) -> str:
    """``name := {...}`` with the items wrapped at :data:`_LINE` characters."""
    lines: list[str] = []
    cur = ""
    for item in items:
        piece = item + ", "
        if len(piece) > _LINE:  # one long value: a line per element
            if cur:
                lines.append(cur.rstrip())
                cur = ""
            lines.extend(_split(item).rstrip().splitlines()[:-1])
            piece = _split(item).rstrip().splitlines()[-1] + ", "
        if cur and len(cur) + len(piece) > _LINE:
            lines.append(cur.rstrip())
            cur = ""
        cur += piece
    if cur:
        lines.append(cur.rstrip())
    if lines:
        lines[-1] = lines[-1].rstrip(",")
    return f"{name} := {open_}\n" + "\n".join("\t" + line for line in lines) + f"\n{close}\n"


def _split(item: str) -> str:
    """A ``key: value`` (or a value) item whose JSON value is written one element a line."""
    key, sep, rest = item.partition(": ") if item.startswith('"') and '": ' in item else ("", "", item)
    value = json.loads(rest)
    return key + sep + json.dumps(value, ensure_ascii=True, sort_keys=True, indent=1)


def _obj(name: str, mapping: Mapping[str, Any]) -> str:
    return _packed(name, (f"{_rego(k)}: {_rego(v)}" for k, v in sorted(mapping.items())), "{", "}")


def _arr(name: str, values: Sequence[Any]) -> str:
    return _packed(name, (_rego(v) for v in values), "[", "]")


def _set(name: str, values: Iterable[Any]) -> str:
    return _packed(name, sorted(_rego(v) for v in values), "{", "}")


def _const(name: str, value: Any) -> str:
    return f"{name} := {_rego(value)}\n"


def _probe(code: str, pattern: dict[str, Any], region: str | None = None) -> tuple[str, str]:
    """(message, fix) of the one finding ``code`` gives on a probe pattern: the fixed text of a message comes
    from the check itself, not from a copy."""
    from ctrules.checks import check_pattern
    from ctrules.checks.findings import RuleContext

    found = [f for f in check_pattern(pattern, RuleContext(region=region)) if f.code == code]
    if len(found) != 1:
        raise RuntimeError(f"probe for {code} gave {len(found)} findings on {pattern!r}; update ctrules/export/rego.py")
    return found[0].message, found[0].fix


def _nodes() -> str:
    """``_nodes(p)``: [path, value] of every node of a pattern down to :data:`MAX_DEPTH` (Rego has no recursion)."""
    parts: list[str] = []
    for depth in range(1, MAX_DEPTH + 1):
        keys = [f"k{i}" for i in range(1, depth + 1)]
        body = ["some k1, w1 in p"]
        for i in range(2, depth + 1):
            body += [f"is_object(w{i - 1})", f"some k{i}, w{i} in w{i - 1}"]
        parts.append(f"_nodes{depth}(p) := [[[{', '.join(keys)}], w{depth}] |\n\t" + "\n\t".join(body) + "\n]\n")
    union = "_nodes1(p)"
    for depth in range(2, MAX_DEPTH + 1):
        union = f"array.concat({union}, _nodes{depth}(p))"
    return "\n".join(parts) + f"\n_nodes(p) := {union}\n"


def _data() -> str:
    """The catalog and the checks' data, compiled for the pack (only what the exported checks read)."""
    from ctrules.catalog.index import index as store
    from ctrules.catalog.model import (
        CONSOLE_SIGN_IN,
        CONSTRUCT_FOR_EVENT_TYPE,
        DETAIL_TYPES,
        ENVELOPE_FIELDS,
        EVENT_TYPES,
        READ_ONLY_RULE_STATE,
    )
    from ctrules.checks import (
        ctr004_read_only_state,
        ctr005_global_region,
        ctr010_envelope_fields,
        ctr011_literal_glob,
        ctr014_retired_service,
        mistakes,
    )
    from ctrules.checks.common import NOT_MANAGEMENT_DETAIL_TYPES, OTHER_PARTITIONS, catalog_phrase

    s = store()
    event_sources = sorted(s.by_source)
    index = {es: i for i, es in enumerate(event_sources)}
    sources = [[es, 1 if s.event(s.by_source[es][0]).verified else 0] for es in event_sources]
    homes = sorted({e.home_region for e in map(s.event, range(len(s.rows))) if e.home_region})
    events: dict[str, list[list[int]]] = {}
    for name, rows in s.by_name.items():
        entries = []
        for i in rows:
            e = s.event(i)
            flags = sum(1 << EVENT_TYPES.index(t) for t in e.event_types)
            flags |= (64 if e.eventbridge_read_only else 0) | (128 if e.insights else 0)
            flags |= 256 if e.network_activity else 0
            if e.home_region:
                flags |= (homes.index(e.home_region) + 1) << 9
            entries.append([index[e.event_source], flags])
        events[name] = entries
    retired = {es: [r.service, r.date, r.note] for es, r in ctr014_retired_service.retired_sources().items()}
    aliases = {name: {es: list(logged) for es, logged in by_es.items()} for name, by_es in s.aliases.items()}
    out = [
        "# ---- Data: the catalog and the checks' own data, compiled by ctrules ----\n",
        _arr("EVENT_TYPES", list(EVENT_TYPES)),
        _arr("DETAIL_TYPES", [DETAIL_TYPES[t] for t in EVENT_TYPES]),
        _set("_VALID_DT", DETAIL_TYPES.values()),
        _obj("TYPE_DETAIL_TYPE", DETAIL_TYPES),
        _obj("CONSTRUCTS", CONSTRUCT_FOR_EVENT_TYPE),
        _set("NOT_MANAGEMENT_DETAIL_TYPES", NOT_MANAGEMENT_DETAIL_TYPES),
        _const("READ_ONLY_STATE", READ_ONLY_RULE_STATE),
        _set("CTR004_EXEMPT_STATES", ctr004_read_only_state.EXEMPT_STATES),
        _const("CTR004_FIX", ctr004_read_only_state.FIX),
        _arr("OTHER_PARTITIONS", list(OTHER_PARTITIONS)),
        _set("ROOT_SIGN_IN_REGIONS", ctr005_global_region.ROOT_SIGN_IN_REGIONS),
        _const("ROOT_REGIONS_TEXT", ctr005_global_region.ROOT_REGIONS_TEXT),
        _const("SIGN_IN_SOURCE", ctr005_global_region.SIGN_IN_SOURCE),
        _const("CONSOLE_SIGN_IN", CONSOLE_SIGN_IN),
        _set("ENVELOPE_FIELDS", ENVELOPE_FIELDS),
        _obj("ENVELOPE_BY_SQUASHED", ctr010_envelope_fields.ENVELOPE_BY_SQUASHED),
        _obj("RECORD_BY_SQUASHED", ctr010_envelope_fields.RECORD_BY_SQUASHED),
        _set("CTR011_NAMED_FIELDS", [list(p) for p in ctr011_literal_glob.NAMED_FIELDS]),
        _const("IMPOSSIBLE_NAME", _impossible_name(mistakes.NAME_PUNCTUATION, mistakes.PLACEHOLDERS)),
        _const("MAX_STRAYS", mistakes.MAX_STRAYS),
        _set("STRING_FIELDS", [list(p) for p in STRING_FIELDS]),
        _const("MAX_NUMBER", MAX_NUMBER),
        _set("LEAF_OPERATORS", LEAF_OPERATORS),
        _const("CATALOG_PHRASE", catalog_phrase()),
        _arr("REGIONS", homes),
        _arr("SOURCES", sources),
        _obj("SOURCE_INDEX", index),
        _obj("SOURCE_ES", s.source_names),
        _obj("SERVICE_SOURCES", s.service_sources),
        _obj("RETIRED", retired),
        _obj("ALIASES", aliases),
        _obj("EVENTS", events),
    ]
    return "\n".join(out)


def _impossible_name(punctuation: Iterable[str], placeholders: Sequence[str]) -> dict[str, Any]:
    """:func:`ctrules.checks.mistakes.impossible_name` as a regular expression: a character other than an ASCII
    letter, digit or the punctuation event names may hold (checked against the function by the tests)."""
    allowed = "".join(re.escape(c) for c in sorted(punctuation))
    return {"pattern": f"[^A-Za-z0-9{allowed}]", "placeholders": list(placeholders)}


def _probed() -> str:
    """The fixed messages and fixes of the exported checks, taken from the checks' own findings."""
    insight = {"detail-type": ["AWS Insight via CloudTrail"], "detail": {"eventName": ["ConsoleLogin"]}}
    ins_msg, ins_fix = _probe("CTR001", insight)
    api = ["AWS API Call via CloudTrail"]
    nothing_close = "q" * 28  # no catalog value is close to it: the fix without a "did you mean" hint
    _, src_fix = _probe("CTR002", {"source": ["aws." + nothing_close], "detail-type": api})
    _, es_fix = _probe("CTR002", {"detail-type": api, "detail": {"eventSource": [nothing_close]}})
    _, name_fix = _probe("CTR003", {"source": ["aws.iam"], "detail-type": api,
                                    "detail": {"eventName": ["Q" + nothing_close]}})
    _, sign_in_fix = _probe("CTR002", {"source": ["aws.iam"], "detail-type": api,
                                       "detail": {"eventName": ["ConsoleLogin"]}})
    # source 'aws.cloudtrail' read as "every event": the message around the part that says what the rule does.
    alone = _probe("CTR002", {"source": ["aws.cloudtrail"]})
    other = _probe("CTR002", {"source": ["aws.cloudtrail"], "detail": {"errorCode": ["AccessDenied"]}})
    template, what_alone, what_other = _template(alone[0], other[0])
    misread = {"message": template, "what_alone": what_alone, "what_other": what_other, "fix": alone[1]}
    misread["sign_in_message"], misread["sign_in_fix"] = _probe(
        "CTR002", {"source": ["aws.cloudtrail"], "detail-type": ["AWS Console Sign In via CloudTrail"]})
    return "".join([
        _const("CTR001_INSIGHT_MESSAGE", ins_msg),
        _const("CTR001_INSIGHT_FIX", ins_fix),
        _const("CTR002_SOURCE_FIX", src_fix),
        _const("CTR002_EVENT_SOURCE_FIX", es_fix),
        _const("CTR003_UNKNOWN_FIX", name_fix),
        _const("CTR002_SIGN_IN_FIX", sign_in_fix),
        _obj("CTR002_MISREAD", misread),
    ])  # fmt: skip


def _common(a: str, b: str) -> int:
    """The length of the common beginning of two strings."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _template(a: str, b: str) -> tuple[str, str, str]:
    """Two messages that differ in one part: the sprintf template (their common beginning and end around %s), and
    the part of each."""
    start = _common(a, b)
    end = _common(a[start:][::-1], b[start:][::-1])
    template = a[:start].replace("%", "%%") + "%s" + a[len(a) - end :].replace("%", "%%")
    return template, a[start : len(a) - end], b[start : len(b) - end]


def _header() -> str:
    from ctrules import __version__
    from ctrules.checks.common import catalog_phrase
    from ctrules.checks.registry import get

    lines = [
        "# ctrules: CloudTrail-driven EventBridge rule checks as a cloudformation-validate Rego rule pack.",
        "# GENERATED by `ctrules export rego` (ctrules/export/rego.py); do not edit: regenerate with `make catalog`.",
        f"# ctrules {__version__}; {catalog_phrase()}.",
        f"# Tested with cloudformation-validate {ENGINE_VERSION} (PyPI) and {CDK_ENGINE_VERSION} (aws-cdk-lib 2.275).",
        "# Use: CloudFormationValidatePlugin(regoRules=[{name: 'ctrules.rego', content: <this file>}]); docs/rego.md.",
        "# Judges AWS::Events::Rule patterns without $or whose leaves are lists of plain values (simple operators",
        "# such as exists/prefix/anything-but only in fields the checks do not read);",
        "# `ctrules lint` checks every pattern. Checks:",
    ]
    for code in EXPORTED:
        c = get(code)
        lines.append(f"#   {code} [{c.severity}] {c.summary}")
    lines.append("# Not exported: " + ", ".join(NOT_EXPORTED) + " (docs/rego.md says why).")
    return "\n".join(lines) + "\n\npackage ctrules\n\nimport rego.v1\n\n"


@lru_cache(maxsize=1)
def rego_pack() -> str:
    """The Rego rule pack, as text (the same bytes every time for the same catalog and checks)."""
    logic = resources.files("ctrules.export").joinpath("pack.rego.in").read_text(encoding="utf-8")
    logic = logic.replace("%%MAX_DEPTH%%", str(MAX_DEPTH)).replace("%%NODES%%", _nodes())
    pack_info = _const("pack_info", {"ctrules_catalog": _catalog_tag(), "engine": ENGINE_VERSION})
    text = _header() + pack_info + "\n" + logic + "\n" + _probed() + "\n" + _data()
    too_long = [i + 1 for i, line in enumerate(text.splitlines()) if len(line) >= 1024]
    if too_long or text.count("\n") >= 20000:
        raise RuntimeError(f"the pack breaks the engine's limits (lines {too_long[:3]}, {text.count(chr(10))} lines)")
    return text


def _catalog_tag() -> str:
    from ctrules.checks.common import catalog_phrase

    return catalog_phrase().removeprefix("the catalog (").removesuffix(")")


def pack_is_current(text: str) -> bool:
    """True when ``text`` is the pack this ctrules and catalog generate."""
    return text == rego_pack()


def load_engine(pack: str | None = None, name: str = "ctrules.rego") -> Any:
    """A ``cloudformation_validate.CompositeEngine`` with the pack, tried once on a probe template.

    The engine compiles a Rego package lazily, so a pack it cannot run (a builtin renamed in a newer engine)
    fails on the first template: this tries one so that the failure comes here, as one clear message.

    :raises PackLoadError: the engine refused the pack; the message names both engine versions.
    """
    import cloudformation_validate as cv  # type: ignore[import-untyped]

    text = rego_pack() if pack is None else pack
    probe = {"Resources": {"Probe": {"Type": "AWS::Events::Rule", "Properties": {
        "EventPattern": {"source": ["aws.iam"], "detail": {"eventName": ["CreateUser"]}}}}}}  # fmt: skip
    try:
        rules = [cv.ExternalRuleSource(name=name, content=text)]
        engine = cv.CompositeEngine(cv.CompositeEngineConfig(rego_rules=rules))
        engine.validate_template(cv.TemplateContent(json.dumps(probe), "probe.json"), cv.ValidateConfig(
            disable_builtin_rules=True))
    except cv.ValidationError as exc:
        raise PackLoadError(
            f"cloudformation-validate {cv.version()} refused the ctrules rule pack {name} ({_why(str(exc))}); the pack "
            f"was tested with cloudformation-validate {ENGINE_VERSION}: pin that version, or regenerate the pack with "
            "`ctrules export rego` from a ctrules that supports this engine"
        ) from None
    return engine
