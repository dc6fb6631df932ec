"""Reading EventBridge rules out of files: input handling for the ``ctrules`` CLI (and the CDK plugin).

Pure Python; no ``aws_cdk`` import. Nothing here judges a pattern: it finds the rules, their event pattern
(an object or a JSON string), their ``State``, their bus and, where the input says, their region. The
checks core (:mod:`ctrules.checks`) does the rest.

Supported inputs:

* CloudFormation templates, JSON or YAML, with the short-form intrinsic tags (``!Ref``, ``!Sub``,
  ``!GetAtt a.b`` ...) read into their long forms (``{"Ref": ...}``, ``{"Fn::Sub": ...}``);
* SAM templates: ``EventBridgeRule`` / ``CloudWatchEvent`` events of ``AWS::Serverless::Function`` and
  ``AWS::Serverless::StateMachine``, besides plain ``AWS::Events::Rule`` resources;
* Terraform plans and states as JSON (``terraform show -json``): ``aws_cloudwatch_event_rule`` resources;
* CDK cloud assemblies (``cdk.out``): every stack of ``manifest.json``, nested assemblies (stages) and
  nested stack templates, with the region of each stack's environment.

Example::

    from ctrules.inputs import read_path

    result = read_path("cdk.out")
    for f in result.files:
        for rule in f.rules:
            print(f.path, rule.label, rule.pattern)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

__all__ = [
    "CfnYamlLoader",
    "InputError",
    "InputFile",
    "ReadResult",
    "TemplateRule",
    "json_path",
    "parse_document",
    "read_path",
    "rules_in_template",
    "rules_in_terraform",
]

#: SAM event types that create an EventBridge rule.
SAM_RULE_EVENT_TYPES = frozenset({"EventBridgeRule", "CloudWatchEvent"})
#: SAM resources whose ``Events`` can hold such events.
SAM_RESOURCE_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Serverless::StateMachine"})
_TF_RULE_TYPE = "aws_cloudwatch_event_rule"
_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_@$-]+$")


class InputError(Exception):
    """An input that cannot be read (missing, binary, broken JSON/YAML, not a template...).

    :param path: the file or directory, as the user named it.
    :param message: what is wrong, in one line.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


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
    """

    path: str
    kind: str
    rules: list[TemplateRule]
    region: str | None = None
    text: str = ""
    _lines: dict[int, int] | None = field(default=None, repr=False)

    def locate(self, rules: Sequence[TemplateRule]) -> None:
        """Find the lines of some rules of this file (in document order) in one forward scan, so that
        :meth:`line_of` answers for them without locating every rule of a large file."""
        if self.text:
            self._lines = {**(self._lines or {}), **_locate(self.text, rules)}

    def line_of(self, rule: TemplateRule) -> int:
        """The 1-based line where ``rule`` is defined in the file, best effort (1 when not found).

        The first call locates every rule of the file in one forward scan of the text (rules are in
        document order), so asking for many rules costs about one pass over the file.
        """
        if not self.text or not rule.anchors:
            return 1
        if self._lines is None:
            self._lines = _locate(self.text, self.rules)
        line = self._lines.get(id(rule))
        if line is None:  # a rule that is not one of this file's: locate it alone
            line = _locate(self.text, [rule]).get(id(rule), 1)
        return line


def _find_key(text: str, key: str, start: int) -> int:
    """Position of ``key`` written as a mapping key at the start of a line (JSON or block YAML), or -1."""
    n = len(key)
    i = text.find(key, start)
    while i >= 0:
        begin, end = i, i + n
        quote = text[i - 1] if i > 0 else ""
        if quote in ('"', "'"):
            begin, end = i - 1, end + 1
            ok = text[i + n : i + n + 1] == quote
        else:
            ok = True
        if ok and not text[text.rfind("\n", 0, begin) + 1 : begin].strip(" \t-"):
            while text[end : end + 1] in (" ", "\t"):
                end += 1
            if text[end : end + 1] == ":":
                return i
        i = text.find(key, i + 1)
    return -1


def _find_address(text: str, address: str, start: int) -> int:
    """Position of a Terraform ``"address": "<address>"`` value, or -1."""
    needle = json.dumps(address)
    i = text.find(needle, start)
    while i >= 0:
        before = text[max(0, i - 40) : i].rstrip()
        if before.endswith(":") and before[:-1].rstrip().endswith('"address"'):
            return i
        i = text.find(needle, i + 1)
    return -1


def _locate(text: str, rules: Sequence[TemplateRule]) -> dict[int, int]:
    """id(rule) -> line, for rules in document order, by one forward scan (best effort)."""
    out: dict[int, int] = {}
    budget = 20 * len(text) + 1_000_000  # give up (line 1) rather than rescan a huge file again and again
    line, line_pos = 1, 0
    prev: tuple[str, ...] = ()
    prev_pos: list[int] = []
    for rule in rules:
        anchors = rule.anchors
        common = 0
        while common < min(len(anchors), len(prev)) and anchors[common] == prev[common]:
            common += 1
        positions = prev_pos[:common]
        for depth in range(common, len(anchors)):
            parent = positions[-1] if positions else 0
            # A sibling of the previous rule's anchor at this depth comes after it in the document.
            hint = prev_pos[depth] + 1 if depth == common and depth < len(prev_pos) else parent
            find = _find_address if anchors[depth].startswith("address=") else _find_key
            target = anchors[depth].removeprefix("address=") if find is _find_address else anchors[depth]
            pos = -1
            for begin in dict.fromkeys((max(hint, parent), parent)):
                if budget <= 0:
                    break
                pos = find(text, target, begin)
                budget -= (pos if pos >= 0 else len(text)) - begin
                if pos >= 0:
                    break
            if pos < 0:
                break
            positions.append(pos)
        if positions:
            target_pos = positions[-1]
            if target_pos < line_pos:
                line, line_pos = 1, 0
            line += text.count("\n", line_pos, target_pos)
            line_pos = target_pos
            out[id(rule)] = line
        else:
            out[id(rule)] = 1
        prev, prev_pos = anchors[: len(positions)], positions
    return out


@dataclass
class ReadResult:
    """What reading one path gave: the files with rules, and the problems met on the way.

    :param path: the path as the user gave it.
    :param files: the files read (a cloud assembly gives one per stack template).
    :param errors: inputs that could not be read.
    """

    path: str
    files: list[InputFile] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def rule_count(self) -> int:
        """How many rules the files hold."""
        return sum(len(f.rules) for f in self.files)


# --------------------------------------------------------------------------------------------- parsing

if TYPE_CHECKING:
    _BaseLoader = yaml.SafeLoader
else:  # the C-accelerated loader when libyaml is there (several times faster)
    _BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CfnYamlLoader(_BaseLoader):
    """A safe YAML loader for CloudFormation: short-form tags become their long forms.

    ``!Ref X`` -> ``{"Ref": "X"}``, ``!Condition C`` -> ``{"Condition": "C"}``, ``!GetAtt a.b`` ->
    ``{"Fn::GetAtt": ["a", "b"]}``, any other ``!Name v`` -> ``{"Fn::Name": v}``. Timestamps stay strings
    (as CloudFormation reads them), so ``AWSTemplateFormatVersion: 2010-09-09`` is the string it means.
    """


def _construct_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:  # pragma: no cover - the three node kinds are all there is
        value = None
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    if suffix in ("Ref", "Condition"):
        return {suffix: value}
    return {f"Fn::{suffix}": value}


CfnYamlLoader.add_multi_constructor("!", _construct_tag)
CfnYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a BOM (PowerShell's `>` writes it)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "binary file: not a JSON or YAML text") from None
    if b"\x00" in data:
        raise InputError(path, "binary file: not a JSON or YAML text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start}): a binary file?") from None


def _yaml_error(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        what = "; ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        return f"broken YAML: {what}{where}"
    return f"broken YAML: {' '.join(str(exc).split())}"


_HUGE_NUMBER = "a number of more than 4,300 digits, which cannot be read"


def parse_document(text: str, path: str) -> Any:
    """Parse a JSON or YAML document (JSON when the file ends in ``.json`` or starts with ``{``/``[``).

    :param text: the file's text.
    :param path: the file name, for messages and the ``.json`` test.
    :raises InputError: empty, broken JSON, broken YAML, or too deeply nested.
    """
    stripped = text.lstrip()
    if not stripped:
        raise InputError(path, "empty file")
    is_json_name = path.lower().endswith(".json")
    if is_json_name or stripped[0] in "{[":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            json_problem = f"broken JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        except RecursionError:
            raise InputError(path, "JSON nested too deeply to read") from None
        except ValueError:  # Python refuses integers of more than 4,300 digits
            raise InputError(path, _HUGE_NUMBER) from None
        if is_json_name:
            raise InputError(path, json_problem)
        try:  # a YAML flow mapping (``{a: 1}``) starts with "{" too
            return yaml.load(text, Loader=CfnYamlLoader)  # a SafeLoader subclass
        except (yaml.YAMLError, RecursionError, ValueError):
            raise InputError(path, json_problem) from None
    try:
        _refuse_collection_aliases(text, path)
        doc = yaml.load(text, Loader=CfnYamlLoader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise InputError(path, _yaml_error(exc)) from None
    except (RecursionError, ValueError, OverflowError) as exc:
        raise InputError(path, f"broken YAML: {type(exc).__name__}: {exc}") from None
    if doc is None:
        raise InputError(path, "empty file (no YAML document)")
    return doc


def _refuse_collection_aliases(text: str, path: str) -> None:
    """Refuse YAML aliases of mappings or lists (``*name`` for an ``&name`` collection).

    Nested collection aliases multiply on every level (a few lines can stand for gigabytes: the "billion
    laughs"); templates do not need them. Aliases of plain values stay allowed.
    """
    if "&" not in text or "*" not in text:
        return
    collections: set[str] = set()
    for event in yaml.parse(text, Loader=_BaseLoader):
        anchor = getattr(event, "anchor", None)
        if anchor and isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            collections.add(anchor)
        elif isinstance(event, yaml.AliasEvent) and event.anchor in collections:
            raise InputError(
                path,
                f"YAML alias *{event.anchor} repeats a whole mapping or list; ctrules does not expand such "
                "aliases (they can multiply without bound): write the values out",
            )


def _read_text(path: Path, shown: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except OSError as exc:
        raise InputError(shown, exc.strerror or str(exc)) from None
    return _decode(data, shown)


# ------------------------------------------------------------------------------------------ templates


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


def _is_intrinsic(value: Any) -> bool:
    if not isinstance(value, dict) or len(value) != 1:
        return False
    (key,) = value
    return isinstance(key, str) and (key == "Ref" or key.startswith("Fn::"))


def _bus_is_default(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value in ("", "default") or value.endswith(":event-bus/default")
    return False


def _make_rule(
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
    problem: str | None = None
    pattern: Any = raw
    if isinstance(raw, str):
        try:
            pattern = json.loads(raw)
        except json.JSONDecodeError as exc:
            pattern = None
            problem = f"the event pattern is a string that is not JSON ({exc.msg} at character {exc.pos})"
        except RecursionError:
            pattern, problem = None, "the event pattern is a JSON string nested too deeply to read"
        except ValueError:
            pattern, problem = None, f"the event pattern is a JSON string with {_HUGE_NUMBER}"
    deploy_time = problem is None and _is_intrinsic(pattern)
    if deploy_time:
        pattern = None
    state_known = state is None or isinstance(state, str)
    return TemplateRule(
        logical_id=logical_id,
        pattern=pattern,
        state=state if isinstance(state, str) else None,
        default_bus=_bus_is_default(bus),
        problem=problem,
        name=name,
        location=location,
        region=region,
        state_known=state_known,
        deploy_time=deploy_time,
        anchors=anchors,
        kind=kind,
        cdk_path=cdk_path,
    )


def rules_in_template(template: Any) -> Iterator[TemplateRule]:
    """Every EventBridge rule with an event pattern in a CloudFormation or SAM template.

    ``AWS::Events::Rule`` resources with an ``EventPattern`` (object or JSON string), and the
    ``EventBridgeRule``/``CloudWatchEvent`` events of SAM functions and state machines (``Pattern``).
    Rules with a schedule only are left out. Never raises on any input.

    :param template: the parsed template (anything; a non-template yields nothing).
    """
    resources = template.get("Resources") if isinstance(template, dict) else None
    if not isinstance(resources, dict):
        return
    for key, res in resources.items():
        if not isinstance(res, dict):
            continue
        logical_id = str(key)
        rtype = res.get("Type")
        props = res.get("Properties")
        if not isinstance(props, dict):
            continue
        if rtype == "AWS::Events::Rule":
            if "EventPattern" not in props:
                continue
            metadata = res.get("Metadata")
            cdk_path = metadata.get("aws:cdk:path") if isinstance(metadata, dict) else None
            yield _make_rule(
                logical_id,
                props["EventPattern"],
                props.get("State"),
                props.get("EventBusName"),
                name=logical_id,
                location=("Resources", logical_id, "Properties", "EventPattern"),
                anchors=("Resources", logical_id),
                kind="AWS::Events::Rule",
                cdk_path=cdk_path if isinstance(cdk_path, str) else None,
            )
        elif rtype in SAM_RESOURCE_TYPES:
            events = props.get("Events")
            if not isinstance(events, dict):
                continue
            for ev_key, event in events.items():
                if not isinstance(event, dict) or event.get("Type") not in SAM_RULE_EVENT_TYPES:
                    continue
                ev_props = event.get("Properties")
                if not isinstance(ev_props, dict) or "Pattern" not in ev_props:
                    continue
                state = ev_props.get("State")
                if state is None and isinstance(ev_props.get("Enabled"), bool):
                    state = "ENABLED" if ev_props["Enabled"] else "DISABLED"
                ev_name = str(ev_key)
                yield _make_rule(
                    logical_id,
                    ev_props["Pattern"],
                    state,
                    ev_props.get("EventBusName"),
                    name=f"{logical_id}/{ev_name}",
                    location=(
                        "Resources",
                        logical_id,
                        "Properties",
                        "Events",
                        ev_name,
                        "Properties",
                        "Pattern",
                    ),
                    anchors=("Resources", logical_id, "Events", ev_name),
                    kind=str(rtype),
                )


def _is_sam(template: Mapping[str, Any]) -> bool:
    transform = template.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    return any(isinstance(n, str) and n.startswith("AWS::Serverless") for n in names)


# ------------------------------------------------------------------------------------------ terraform


def _tf_constant_region(expressions: Any, variables: Mapping[str, Any]) -> str | None:
    region = expressions.get("region") if isinstance(expressions, dict) else None
    if not isinstance(region, dict):
        return None
    value = region.get("constant_value")
    if isinstance(value, str) and value:
        return value
    refs = region.get("references")
    if isinstance(refs, list) and refs and isinstance(refs[0], str) and refs[0].startswith("var."):
        var = variables.get(refs[0][4:])
        value = var.get("value") if isinstance(var, dict) else None
        if isinstance(value, str) and value:
            return value
    return None


def _tf_provider_keys(module: Any, prefix: str, out: dict[str, str]) -> None:
    """Resource address -> provider_config_key, from a plan's ``configuration`` modules."""
    if not isinstance(module, dict):
        return
    for res in module.get("resources") or []:
        if isinstance(res, dict) and isinstance(res.get("address"), str):
            key = res.get("provider_config_key")
            if isinstance(key, str):
                out[prefix + res["address"]] = key
    calls = module.get("module_calls")
    if isinstance(calls, dict):
        for name, call in calls.items():
            if isinstance(call, dict):
                _tf_provider_keys(call.get("module"), f"{prefix}module.{name}.", out)


def _strip_indexes(address: str) -> str:
    return re.sub(r"\[[^\]]*\]", "", address)


def rules_in_terraform(doc: Any) -> Iterator[TemplateRule]:
    """Every ``aws_cloudwatch_event_rule`` with an event pattern in ``terraform show -json`` output.

    Reads ``planned_values`` (a plan) or ``values`` (a state), root module and child modules. The region
    of a rule is its own ``region`` attribute (AWS provider 6), else its provider's constant ``region``
    (or a root variable's value) from ``configuration``; ``None`` when the plan does not say.

    :param doc: the parsed JSON (anything; a non-plan yields nothing).
    """
    if not isinstance(doc, dict):
        return
    config = doc.get("configuration")
    config = config if isinstance(config, dict) else {}
    variables = doc.get("variables")
    variables = variables if isinstance(variables, dict) else {}
    regions: dict[str, str | None] = {}  # provider_config_key -> region (None: not a constant)
    providers = config.get("provider_config")
    if isinstance(providers, dict):
        for key, provider in providers.items():
            if not isinstance(provider, dict) or provider.get("name") != "aws":
                continue
            root_vars = variables if ":" not in str(key) else {}
            regions[str(key)] = _tf_constant_region(provider.get("expressions"), root_vars)
    keys: dict[str, str] = {}
    _tf_provider_keys(config.get("root_module"), "", keys)
    default_region = regions.get("aws")
    known = {r for r in regions.values() if r is not None}
    if default_region is None and "aws" not in regions and len(known) == 1:
        default_region = next(iter(known))
    for top in ("planned_values", "values"):
        section = doc.get(top)
        root = section.get("root_module") if isinstance(section, dict) else None
        if isinstance(root, dict):
            yield from _tf_module(root, (top, "root_module"), regions, keys, default_region)
            return


def _tf_module(
    module: dict[str, Any],
    location: tuple[str | int, ...],
    regions: Mapping[str, str | None],
    keys: Mapping[str, str],
    default_region: str | None,
) -> Iterator[TemplateRule]:
    resources = module.get("resources")
    for i, res in enumerate(resources if isinstance(resources, list) else []):
        if not isinstance(res, dict) or res.get("type") != _TF_RULE_TYPE:
            continue
        if res.get("mode", "managed") != "managed":
            continue
        values = res.get("values")
        if not isinstance(values, dict) or values.get("event_pattern") in (None, ""):
            continue  # a schedule-only rule, or a pattern known only after apply
        address = res.get("address")
        if not isinstance(address, str):
            address = f"{_TF_RULE_TYPE}.{res.get('name', i)}"
        state: Any = values.get("state")
        if not (isinstance(state, str) and state) and isinstance(values.get("is_enabled"), bool):
            state = "ENABLED" if values["is_enabled"] else "DISABLED"
        if state == "":
            state = None
        region = values.get("region")
        if not (isinstance(region, str) and region):
            key = keys.get(_strip_indexes(address))
            if key is not None and key in regions:
                region = regions[key]
            elif key is None or "." not in key.split(":")[-1]:  # the default (unaliased) provider
                region = default_region
            else:
                region = None
        yield _make_rule(
            address,
            values["event_pattern"],
            state,
            values.get("event_bus_name"),
            name=address,
            location=(*location, "resources", i, "values", "event_pattern"),
            anchors=(f"address={address}",),
            kind=_TF_RULE_TYPE,
            region=region,
        )
    children = module.get("child_modules")
    for j, child in enumerate(children if isinstance(children, list) else []):
        if isinstance(child, dict):
            yield from _tf_module(child, (*location, "child_modules", j), regions, keys, default_region)


# ------------------------------------------------------------------------------------------ dispatch


def _env_region(environment: Any) -> str | None:
    """The region of a manifest environment ``aws://account/region`` (``None`` when unknown)."""
    if not isinstance(environment, str) or not environment.startswith("aws://"):
        return None
    parts = environment[len("aws://") :].split("/")
    region = parts[1] if len(parts) >= 2 else ""
    if not region or region.startswith("unknown") or "$" in region:
        return None
    return region


def _classify(doc: Any, path: str) -> tuple[str, list[TemplateRule]]:
    if isinstance(doc, dict):
        if "Resources" in doc or "AWSTemplateFormatVersion" in doc:
            if "Resources" in doc and not isinstance(doc["Resources"], dict):
                raise InputError(path, "Resources is not a mapping: not a valid CloudFormation template")
            kind = "SAM template" if _is_sam(doc) else "CloudFormation template"
            return kind, list(rules_in_template(doc))
        tf_keys = ("planned_values", "values", "terraform_version")
        if "format_version" in doc and not doc.keys().isdisjoint(tf_keys):
            return "Terraform plan", list(rules_in_terraform(doc))
        if "terraform_version" in doc and "resources" in doc:
            raise InputError(path, "a raw Terraform state file: lint `terraform show -json` output instead")
    raise InputError(
        path,
        "not a CloudFormation or SAM template (no Resources), a Terraform plan (terraform show -json) "
        "or a cdk.out directory",
    )


def read_file(path: Path, shown: str) -> InputFile:
    """Read one template or plan file.

    :param path: the file.
    :param shown: the file name to show in messages.
    :raises InputError: when it cannot be read or is no template or plan.
    """
    text = _read_text(path, shown)
    doc = parse_document(text, shown)
    kind, rules = _classify(doc, shown)
    return InputFile(shown, kind, rules, None, text)


def _stack_files(
    directory: Path,
    shown_dir: str,
    template_file: str,
    region: str | None,
    result: ReadResult,
    seen: set[Path],
) -> None:
    path = directory / template_file
    shown = str(Path(shown_dir) / template_file)
    try:
        resolved = path.resolve()
        if resolved in seen:
            return
        seen.add(resolved)
        text = _read_text(path, shown)
        doc = parse_document(text, shown)
        if not isinstance(doc, dict) or not isinstance(doc.get("Resources", {}), dict):
            raise InputError(shown, "not a CloudFormation template")
    except InputError as exc:
        result.errors.append(exc)
        return
    result.files.append(InputFile(shown, "cdk.out stack", list(rules_in_template(doc)), region, text))
    # Nested stacks: their templates are assets of the assembly, referenced from the parent's metadata.
    resources = doc.get("Resources") or {}
    for res in resources.values():
        if isinstance(res, dict) and res.get("Type") == "AWS::CloudFormation::Stack":
            meta = res.get("Metadata")
            asset = meta.get("aws:asset:path") if isinstance(meta, dict) else None
            if isinstance(asset, str) and asset.endswith(".json") and (directory / asset).is_file():
                _stack_files(directory, shown_dir, asset, region, result, seen)


def _nested_templates(
    directory: Path, artifacts: Mapping[str, Any], artifact: Mapping[str, Any], props: Mapping[str, Any]
) -> list[str]:
    """Nested stack templates of a stack: ``*.nested.template.json`` files of its asset manifests.

    (``aws:asset:path`` metadata, read in :func:`_stack_files`, is only there when the CDK CLI synthesizes.)
    """
    deps: list[Any] = []
    for value in (artifact.get("dependencies"), props.get("additionalDependencies")):
        if isinstance(value, list):
            deps.extend(value)
    out: list[str] = []
    for dep in dict.fromkeys(d for d in deps if isinstance(d, str)):
        manifest = artifacts.get(dep)
        if not isinstance(manifest, dict) or manifest.get("type") != "cdk:asset-manifest":
            continue
        mprops = manifest.get("properties")
        file = mprops.get("file") if isinstance(mprops, dict) else None
        if not isinstance(file, str) or not (directory / file).is_file():
            continue
        try:
            doc = json.loads((directory / file).read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            continue  # an unreadable asset manifest only hides nested stacks; the stacks are still read
        files = doc.get("files") if isinstance(doc, dict) else None
        for asset in (files or {}).values() if isinstance(files, dict) else ():
            source = asset.get("source") if isinstance(asset, dict) else None
            path = source.get("path") if isinstance(source, dict) else None
            nested = isinstance(path, str) and path.endswith(".nested.template.json")
            if nested and isinstance(path, str) and (directory / path).is_file():
                out.append(path)
    return out


def _read_assembly(directory: Path, shown: str, result: ReadResult, seen: set[Path]) -> None:
    manifest = directory / "manifest.json"
    manifest_shown = str(Path(shown) / "manifest.json")
    if not manifest.is_file():
        message = "directory without manifest.json: not a cdk.out directory (give cdk.out or template files)"
        result.errors.append(InputError(shown, message))
        return
    resolved = manifest.resolve()
    if resolved in seen:
        return
    seen.add(resolved)
    try:
        doc = parse_document(_read_text(manifest, manifest_shown), manifest_shown)
    except InputError as exc:
        result.errors.append(exc)
        return
    artifacts = doc.get("artifacts") if isinstance(doc, dict) else None
    if not isinstance(artifacts, dict):
        result.errors.append(InputError(manifest_shown, "no artifacts: not a cloud assembly manifest"))
        return
    for artifact in artifacts.values():
        if not isinstance(artifact, dict):
            continue
        props = artifact.get("properties")
        props = props if isinstance(props, dict) else {}
        kind = artifact.get("type")
        if kind == "aws:cloudformation:stack" and isinstance(props.get("templateFile"), str):
            region = _env_region(artifact.get("environment"))
            _stack_files(directory, shown, props["templateFile"], region, result, seen)
            for nested in _nested_templates(directory, artifacts, artifact, props):
                _stack_files(directory, shown, nested, region, result, seen)
        elif kind == "cdk:cloud-assembly" and isinstance(props.get("directoryName"), str):
            sub = props["directoryName"]
            _read_assembly(directory / sub, str(Path(shown) / sub), result, seen)


def read_path(path: str) -> ReadResult:
    """Read every rule of one input path: a template, a plan, a ``cdk.out`` directory or its manifest.

    Never raises :class:`InputError`: problems are collected in :attr:`ReadResult.errors` (a cloud
    assembly with one broken template still gives its other stacks).

    :param path: the path as the user gave it.
    """
    result = ReadResult(path)
    p = Path(path)
    try:
        if p.is_dir():
            _read_assembly(p, path, result, set())
        elif p.name == "manifest.json" and p.is_file():
            _read_assembly(p.parent, str(p.parent), result, set())
        else:
            result.files.append(read_file(p, path))
    except InputError as exc:
        result.errors.append(exc)
    except OSError as exc:
        result.errors.append(InputError(path, exc.strerror or str(exc)))
    return result
