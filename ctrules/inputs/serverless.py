"""Reading Serverless Framework ``serverless.yml``: functions' ``eventBridge`` and ``cloudwatchEvent`` events, and
the plain CloudFormation of ``resources.Resources``.

``events: - eventBridge: {pattern: ..., eventBus: ..., enabled: ...}`` (and the older
``cloudwatchEvent: {event: ..., enabled: ...}``); ``functions`` as a mapping or as a list of one-function mappings;
the region is ``provider.region`` when literal.

Serverless variables are resolved where the service itself says: ``${self:path}`` (another value of the same
file) and ``${file(./x.yml)}`` / ``${file(./x.json):a.b}`` (a file of the repository, read within ctrules' limits and
never outside the service's repository). Anything else (``${opt:...}``, ``${env:...}``, ``${ssm:...}``...) is known
only when the service is packaged: in a pattern, that part is opaque (the rule is checked on the rest and the part
is listed as not judged); a whole pattern, function list or event list that is not known is counted, not checked.

``resources.Resources`` is CloudFormation (``AWS::Events::Rule`` resources), read by
:func:`ctrules.inputs.cloudformation.rules_in_template`; each rule is located at its own line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ctrules.inputs._model import InputError, TemplateRule, json_path, make_rule, with_opaque_parts

__all__ = ["is_serverless", "rules_in_serverless", "serverless_region"]

#: Event types of a function that create an EventBridge rule, and the key holding the pattern.
_EVENT_TYPES = {"eventBridge": "pattern", "cloudwatchEvent": "event"}
_KIND = "Serverless function event"
_WHOLE = re.compile(r"^\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}$")
_ANY = re.compile(r"\$\{([^{}]*)\}")
_FILE = re.compile(r"^file\(\s*['\"]?([^'\")]+?)['\"]?\s*\)(?::(.+))?$")
#: How many variables one value may go through (``${self:a}`` -> ``${self:b}`` -> ...), and how many files one
#: service may read through ``${file(...)}``.
_MAX_HOPS = 16
_MAX_FILES = 64
_MAX_DEPTH = 200
#: The most values resolving one service's variables may make (variables referring twice to each other multiply).
_MAX_VALUES = 2_000_000


def is_serverless(doc: Any) -> bool:
    """True for a Serverless Framework service: ``service`` and ``provider`` (AWS) at the top."""
    if not isinstance(doc, dict) or "service" not in doc or "provider" not in doc:
        return False
    provider = doc["provider"]
    name = provider.get("name") if isinstance(provider, dict) else provider
    return name == "aws"


def serverless_region(doc: Mapping[str, Any]) -> str | None:
    """``provider.region`` when it is a plain region name (not a ``${...}`` variable)."""
    provider = doc.get("provider")
    region = provider.get("region") if isinstance(provider, dict) else None
    return region if isinstance(region, str) and region and "${" not in region else None


class _Unknown:
    """A value known only when the service is packaged."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Resolver:
    """Serverless variables of one service: ``${self:...}`` and ``${file(...)}`` resolved, anything else unknown."""

    def __init__(self, doc: Mapping[str, Any], base: Path | None, shown: str) -> None:
        self.doc = doc
        self.base = base
        self.root = _repository(base) if base is not None else None
        self.files: dict[Path, Any] = {}
        self.shown = shown
        self.work = [0]

    def value(self, value: Any, hops: int = 0, depth: int = 0) -> Any:
        """``value`` with its variables resolved as far as they can be (unknown parts are :class:`_Unknown`).

        :raises InputError: the values made exceed :data:`_MAX_VALUES` (variables that multiply).
        """
        self.work[0] += 1
        if self.work[0] > _MAX_VALUES:
            raise InputError(
                self.shown,
                f"Serverless variables (${{self:...}}, ${{file(...)}}) expand to more than {_MAX_VALUES:,} values, "
                "over ctrules' budget: write the values out",
            )
        if depth > _MAX_DEPTH:
            return _Unknown("a value nested too deeply")
        if isinstance(value, str) and "${" in value:
            return self._string(value, hops, depth)
        if isinstance(value, dict):
            return {k: self.value(v, hops, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(v, hops, depth + 1) for v in value]
        return value

    def _string(self, text: str, hops: int, depth: int) -> Any:
        if hops > _MAX_HOPS:
            return _Unknown(f"variables that refer to each other more than {_MAX_HOPS} times")
        whole = _WHOLE.match(text)
        if whole is not None and _ANY.search(text[2:-1]) is None:
            return self._variable(whole.group(1).strip(), hops, depth)
        parts: list[str] = []
        end = 0
        for m in _ANY.finditer(text):
            resolved = self._variable(m.group(1).strip(), hops, depth)
            if isinstance(resolved, bool):
                resolved = "true" if resolved else "false"
            if not isinstance(resolved, (str, int, float)):
                return resolved if isinstance(resolved, _Unknown) else _Unknown(f"a list or object inside {text!r}")
            parts += [text[end : m.start()], str(resolved)]
            end = m.end()
        return "".join(parts) + text[end:]

    def _variable(self, expr: str, hops: int, depth: int) -> Any:
        source = _first_source(expr)
        if source.startswith("self:"):
            found = _lookup(self.doc, source[5:])
            if found is _MISSING:
                return _Unknown(f"${{{expr}}}: the service has no {source[5:]!r}")
            return self.value(found, hops + 1, depth + 1)
        file = _FILE.match(source)
        if file is not None:
            return self._file(file.group(1).strip(), file.group(2), expr, hops, depth)
        return _Unknown(f"a Serverless variable (${{{expr}}}) resolved when the service is packaged")

    def _file(self, name: str, key: str | None, expr: str, hops: int, depth: int) -> Any:
        if self.base is None or self.root is None or "\x00" in name or "${" in name:
            return _Unknown(f"${{{expr}}}: a file ctrules cannot locate")
        target = (self.base / name).resolve()
        if target != self.root and self.root not in target.parents:
            return _Unknown(f"${{{expr}}} names a file outside the repository")
        doc = self.files.get(target, _MISSING)
        if doc is _MISSING:
            if len(self.files) >= _MAX_FILES:
                return _Unknown(f"${{{expr}}}: more than {_MAX_FILES} files read through ${{file(...)}}")
            doc = self._load(target)
            self.files[target] = doc
        if isinstance(doc, _Unknown):
            return _Unknown(f"${{{expr}}}: {doc.reason}")
        if key:
            doc = _lookup(doc, key.strip())
            if doc is _MISSING:
                return _Unknown(f"${{{expr}}}: the file has no {key.strip()!r}")
        return _FileValue(self, target).value(doc, hops + 1, depth + 1)

    @staticmethod
    def _load(target: Path) -> Any:
        from ctrules.inputs.document import parse_document, read_text

        try:
            return parse_document(read_text(target, str(target)), str(target))
        except InputError as exc:
            return _Unknown(f"the file cannot be read ({exc.message})")


class _FileValue(_Resolver):
    """Variables inside a file read through ``${file(...)}``: ``${self:...}`` still means the service."""

    def __init__(self, parent: _Resolver, target: Path) -> None:
        self.doc, self.root, self.files = parent.doc, parent.root, parent.files
        self.shown, self.work = parent.shown, parent.work
        self.base = target.parent


_MISSING: Any = object()


def _first_source(expr: str) -> str:
    """The first source of ``a, b`` (Serverless's fallback values): only the first is what is deployed."""
    depth = 0
    for i, ch in enumerate(expr):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            return expr[:i].strip()
    return expr.strip()


def _lookup(doc: Any, path: str) -> Any:
    value = doc
    for step in path.split("."):
        if isinstance(value, dict) and step in value:
            value = value[step]
        elif isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        else:
            return _MISSING
    return value


def _repository(base: Path) -> Path:
    real = base.resolve()
    return next((f for f in [real, *real.parents] if (f / ".git").exists()), real)


def _first_unknown(value: Any, depth: int = 0) -> _Unknown | None:
    if isinstance(value, _Unknown):
        return value
    if depth > _MAX_DEPTH:
        return _Unknown("a value nested too deeply")
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for v in items:
        found = _first_unknown(v, depth + 1)
        if found is not None:
            return found
    return None


def _reason(value: Any) -> str | None:
    """Why a value is unknown (an unresolved variable), or None."""
    return value.reason if isinstance(value, _Unknown) else None


def _functions(resolver: _Resolver, doc: Mapping[str, Any], out: list[TemplateRule]) -> list[tuple[str, Any]]:
    """(name, definition) of every function: ``functions`` as a mapping, or a list of mappings (each a file's
    functions, the form ``- ${file(./fns.yml)}`` gives)."""
    functions = resolver.value(doc.get("functions"))
    found: list[tuple[str, Any]] = []
    groups = functions if isinstance(functions, list) else [functions]
    for i, group in enumerate(groups):
        if isinstance(group, _Unknown):
            out.append(_not_checked("functions" if len(groups) == 1 else f"functions[{i}]", group.reason))
        elif isinstance(group, dict):
            found.extend((str(name), fn) for name, fn in group.items())
    return found


def _not_checked(label: str, reason: str) -> TemplateRule:
    rule = make_rule(label, None, None, None, name=label, location=(), anchors=(), kind=_KIND)
    rule.deploy_time, rule.unknown = True, reason
    return rule


def rules_in_serverless(
    doc: Mapping[str, Any], base: Path | None = None, shown: str = "serverless.yml"
) -> list[TemplateRule]:
    """Every function event of the service that makes an EventBridge rule with a pattern, and every rule of its
    ``resources.Resources``.

    :param base: the folder of ``serverless.yml``, for ``${file(...)}`` (``None``: such values are not known).
    :param shown: the file's name, for messages.
    :raises InputError: the service's variables expand past ctrules' budget.
    """
    from ctrules.inputs.cloudformation import rules_in_template

    region = serverless_region(doc)
    resolver = _Resolver(doc, base, shown)
    out: list[TemplateRule] = []
    for fn_name, fn in _functions(resolver, doc, out):
        events = fn.get("events") if isinstance(fn, dict) else None
        if isinstance(events, _Unknown):
            out.append(_not_checked(f"{fn_name}/events", events.reason))
            continue
        for i, event in enumerate(events if isinstance(events, list) else []):
            if isinstance(event, _Unknown):
                out.append(_not_checked(f"{fn_name}/events[{i}]", event.reason))
                continue
            if not isinstance(event, dict) or len(event) != 1:
                continue
            ((etype, props),) = event.items()
            key = _EVENT_TYPES.get(str(etype))
            if key is None or not isinstance(props, dict) or props.get(key) is None:
                continue
            rule = _event_rule(fn_name, i, str(etype), key, props, region)
            written = _written_here(doc, fn_name, i, str(etype))
            if not isinstance(written, bool):  # the event comes from another file: shown at the function
                rule.anchors = written
            out.append(rule)
    for label, group, here in _resource_groups(resolver, doc.get("resources")):
        if isinstance(group, _Unknown):
            out.append(_not_checked(label, group.reason))
            continue
        inner = group.get("Resources") if isinstance(group, dict) else None
        if not isinstance(inner, dict):
            continue
        for rule in rules_in_template({"Resources": inner}):
            rule.location = ("resources", *rule.location)
            # Written in serverless.yml itself: found by its keys; in another file: shown at `resources`.
            rule.anchors = ("resources", *rule.anchors) if here else ("resources",)
            rule.kind = f"{rule.kind} in serverless.yml resources"
            if rule.problem is None and not rule.deploy_time and _has_variable(rule.pattern):
                parts: list[tuple[str, str]] = []
                rule.pattern = with_opaque_parts(resolver.value(rule.pattern), _reason, parts)
                rule.unknown_parts = tuple(parts)
            out.append(rule)
    return out


def _resource_groups(resolver: _Resolver, resources: Any) -> list[tuple[str, Any, bool]]:
    """(label, group, written in serverless.yml) of the service's ``resources``: the mapping itself, each entry of
    the list form (``- ${file(./a.yml)}`` or inline mappings, which Serverless merges), or the file a variable
    names; a group whose value is unknown is an :class:`_Unknown` (reported as not checked)."""
    if isinstance(resources, dict):
        return [("resources", resources, True)]
    if isinstance(resources, str):
        return [("resources", resolver.value(resources), False)]
    if isinstance(resources, list):
        groups: list[tuple[str, Any, bool]] = []
        for i, entry in enumerate(resources):
            if isinstance(entry, str):
                groups.append((f"resources[{i}]", resolver.value(entry), False))
            elif isinstance(entry, dict):
                groups.append((f"resources[{i}]", entry, False))
        return groups
    return []


def _event_rule(fn_name: str, i: int, etype: str, key: str, props: dict[str, Any], region: str | None) -> TemplateRule:
    label = f"{fn_name}/events[{i}].{etype}"
    enabled = props.get("enabled")
    state: Any = None
    if isinstance(enabled, bool):
        state = "ENABLED" if enabled else "DISABLED"
    elif enabled is not None:
        state = {"variable": str(enabled)}  # not known until the service is packaged
    bus = props.get("eventBus")
    if isinstance(bus, _Unknown) or (isinstance(bus, str) and "${" in bus):
        bus = {"variable": "eventBus"}
    raw = props[key]
    whole = raw if isinstance(raw, _Unknown) else None
    parts: list[tuple[str, str]] = []
    if whole is None and _first_unknown(raw) is not None:
        raw = with_opaque_parts(raw, _reason, parts)
    rule = make_rule(
        label,
        None if whole is not None else raw,
        state,
        bus,
        name=label,
        location=("functions", fn_name, "events", i, etype, key),
        anchors=("functions", fn_name, etype, key),
        kind=_KIND,
        region=region,
    )
    if whole is not None:
        rule.pattern, rule.deploy_time, rule.unknown = None, True, whole.reason
    else:
        rule.unknown_parts = tuple(parts)
    rule.targets, rule.targets_at = _input_paths(props), rule.location[:-1]
    return rule


def _written_here(doc: Mapping[str, Any], fn_name: str, i: int, etype: str) -> tuple[str, ...] | bool:
    """True when the event is written in serverless.yml itself; else the anchors of the nearest place that is (the
    function, or ``functions``), for the event's line."""
    functions = doc.get("functions")
    fn = functions.get(fn_name) if isinstance(functions, dict) else None
    if fn is None and isinstance(functions, list):
        fn = next((g[fn_name] for g in functions if isinstance(g, dict) and fn_name in g), None)
    if not isinstance(fn, dict):
        return ("functions",)
    events = fn.get("events")
    event = events[i] if isinstance(events, list) and i < len(events) else None
    if isinstance(event, dict) and etype in event:
        return True
    return ("functions", fn_name)


def _has_variable(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "${" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _input_paths(props: Mapping[str, Any]) -> tuple[tuple[str, str, str | None], ...]:
    """The event paths the function reads: ``inputPath`` and ``inputTransformer.inputPathsMap`` (CTR016).

    Evidence for the keys: github:serverless/serverless/docs/providers/aws/events/event-bridge.md at commit
    198637349b83289a261cf9b431dc2ef3db8e4f0f ("Using different input types").
    """
    out: list[tuple[str, str, str | None]] = []
    path = props.get("inputPath")
    if isinstance(path, str):
        out.append((path, "inputPath", None))
    transformer = props.get("inputTransformer")
    paths = transformer.get("inputPathsMap") if isinstance(transformer, dict) else None
    for name, value in paths.items() if isinstance(paths, dict) else ():
        if isinstance(name, str) and isinstance(value, str):
            out.append((value, json_path(("inputTransformer", "inputPathsMap", name))[2:], name))
    return tuple(out)
