"""Reading CloudFormation and SAM templates: ``AWS::Events::Rule`` resources, SAM events, templates in templates.

A template inside a template: a StackSet's ``TemplateBody``, the local template of a SAM application or nested
stack (:func:`read_template`).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ctrules.inputs._model import (
    DataTrail,
    Defect,
    InputError,
    InputFile,
    TemplateRule,
    Unread,
    is_intrinsic,
    json_path,
    make_rule,
    new_rule,
)
from ctrules.inputs.acknowledgements import METADATA_KEY, from_metadata
from ctrules.inputs.document import parse_document, read_text
from ctrules.inputs.limits import confined
from ctrules.inputs.registry import Found
from ctrules.inputs.trails import add_trail_sources

__all__ = [
    "SAM_RESOURCE_TYPES",
    "SAM_RULE_EVENT_TYPES",
    "is_cloudformation",
    "is_sam",
    "read_template",
    "rules_in_template",
    "target_paths",
]

#: SAM event types that create an EventBridge rule.
SAM_RULE_EVENT_TYPES = frozenset({"EventBridgeRule", "CloudWatchEvent"})
#: SAM resources whose ``Events`` can hold such events.
SAM_RESOURCE_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Serverless::StateMachine"})


def rules_in_template(template: Any) -> Iterator[TemplateRule]:
    """Every EventBridge rule with an event pattern in a CloudFormation or SAM template.

    ``AWS::Events::Rule`` resources with an ``EventPattern`` (object or JSON string), and the
    ``EventBridgeRule``/``CloudWatchEvent`` events of SAM functions and state machines (``Pattern``).
    Rules with a schedule only are left out. The acknowledgements in a resource's ``Metadata`` (see
    :mod:`ctrules.inputs.acknowledgements`) apply to its rules. Never raises on any input.

    :param template: the parsed template (anything; a non-template yields nothing).
    """
    return _rules(template, None)


_RULE = "AWS::Events::Rule"
_TRAIL = "AWS::CloudTrail::Trail"
#: Resource types that hold or name another template.
_NESTING_TYPES = frozenset(
    {"AWS::CloudFormation::StackSet", "AWS::Serverless::Application", "AWS::CloudFormation::Stack"}
)
#: Resource types :func:`read_template` looks at besides the rules: templates inside templates, and trails.
_OTHER_TYPES = _NESTING_TYPES | {_TRAIL}


def _rules(template: Any, others: list[tuple[Any, dict[Any, Any]]] | None) -> Iterator[TemplateRule]:
    """:func:`rules_in_template`; with ``others``, also list there (in order) the resources :func:`read_template`
    has more to do with: a template inside (:data:`_NESTING_TYPES`), a trail, an ``Fn::Transform``, a rule whose
    ``Properties`` is neither a mapping nor missing (one walk over a large template instead of three)."""
    resources = template.get("Resources") if isinstance(template, dict) else None
    if not isinstance(resources, dict):
        return
    if "Transform" in template or "Fn::Transform" in resources:
        yield from _hidden_by_transforms(template, resources)
    for key, res in resources.items():
        if res.__class__ is not dict and not isinstance(res, dict):
            if isinstance(key, str) and key.startswith(FOR_EACH):
                yield from _rules_in_for_each(key, res, [{}])
            continue
        rtype = res.get("Type")
        if rtype.__class__ is not str and not isinstance(rtype, str):
            rtype = None  # a Type that is no string names no resource type (CloudFormation refuses it)
        if others is not None and (rtype in _OTHER_TYPES or "Fn::Transform" in res):
            others.append((key, res))
        if rtype == _RULE:
            # A mapping under a Fn::ForEach key is no resource (a loop is a list). ``str(key)`` starts so only
            # when the key is such a string (keys are strings, numbers, booleans or null).
            logical_id = key if key.__class__ is str else str(key)
            if logical_id.startswith(FOR_EACH):
                continue
            props = res.get("Properties")
            if props.__class__ is not dict and not isinstance(props, dict):
                if others is not None and props is not None and "Fn::Transform" not in res:
                    others.append((key, res))  # a defect of the template (read_template reports it)
                continue
            if len(props) == 1 and is_intrinsic(props):  # e.g. Properties: {Fn::Transform: AWS::Include}
                yield _not_read(logical_id, ("Resources", logical_id), "its Properties come from a transform or "
                                "intrinsic")  # fmt: skip
                continue
            if "EventPattern" not in props:
                continue
            metadata = res.get("Metadata")
            cdk_path = None
            if metadata is not None and isinstance(metadata, dict):
                cdk_path = metadata.get("aws:cdk:path")
                if not isinstance(cdk_path, str):
                    cdk_path = None
            at = ("Resources", logical_id, "Properties")
            rule = new_rule(logical_id, props["EventPattern"], props.get("State"), props.get("EventBusName"),
                            logical_id, (*at, "EventPattern"), ("Resources", logical_id), _RULE, None,
                            cdk_path)  # fmt: skip
            targets = props.get("Targets")
            if targets.__class__ is list or isinstance(targets, list):
                found: tuple[tuple[str, str, str | None], ...] = ()
                for i, t in enumerate(targets):
                    # target_paths gives nothing for a target that is no mapping or reads neither path.
                    if isinstance(t, dict) and ("InputPath" in t or "InputTransformer" in t):
                        found += tuple(target_paths(t, ("Targets", i)))
                rule.targets = found
                rule.targets_at = at
            if metadata is not None and (metadata.__class__ is not dict or METADATA_KEY in metadata):
                rule.acknowledgements, rule.input_problems = from_metadata(metadata)  # (a CDK rule's has none)
            yield rule
        elif rtype in SAM_RESOURCE_TYPES:
            yield from _sam_rules(str(key), rtype, res)


def _sam_rules(logical_id: str, rtype: str, res: dict[Any, Any]) -> Iterator[TemplateRule]:
    """The rules of the ``EventBridgeRule``/``CloudWatchEvent`` events of a SAM function or state machine."""
    if logical_id.startswith(FOR_EACH):  # a mapping under a Fn::ForEach key is no resource
        return
    props = res.get("Properties")
    events = props.get("Events") if isinstance(props, dict) else None
    if is_intrinsic(props) or is_intrinsic(events):  # an event rule may hide there: never silently dropped
        what = "Properties" if is_intrinsic(props) else "Events"
        yield _not_read(logical_id, ("Resources", logical_id), f"its {what} come from an intrinsic function")
        return
    if not isinstance(props, dict) or not isinstance(events, dict):
        return
    for ev_key, event in events.items():
        ev_anchors = ("Resources", logical_id, "Events", str(ev_key))
        if is_intrinsic(event):
            yield _not_read(f"{logical_id}/{ev_key}", ev_anchors, "the event is an intrinsic function")
            continue
        if not isinstance(event, dict) or not isinstance(event.get("Type"), str):
            continue
        if event["Type"] not in SAM_RULE_EVENT_TYPES:
            continue
        ev_props = event.get("Properties")
        if is_intrinsic(ev_props):
            why = "its Properties come from an intrinsic function"
            yield _not_read(f"{logical_id}/{ev_key}", ev_anchors, why)
            continue
        if not isinstance(ev_props, dict) or "Pattern" not in ev_props:
            continue
        state = ev_props.get("State")
        if state is None and isinstance(ev_props.get("Enabled"), bool):
            state = "ENABLED" if ev_props["Enabled"] else "DISABLED"
        ev_name = str(ev_key)
        location = ("Resources", logical_id, "Properties", "Events", ev_name, "Properties", "Pattern")
        sam_rule = new_rule(logical_id, ev_props["Pattern"], state, ev_props.get("EventBusName"),
                            f"{logical_id}/{ev_name}", location, ("Resources", logical_id, "Events", ev_name),
                            str(rtype), None, None)  # fmt: skip
        # A SAM event's target is the function or state machine; its InputPath/InputTransformer sit
        # beside the Pattern.
        sam_rule.targets = tuple(target_paths(ev_props, ()))
        sam_rule.targets_at = location[:-1]
        sam_rule.acknowledgements, sam_rule.input_problems = from_metadata(res.get("Metadata"))
        yield sam_rule


#: Transforms that add no EventBridge rule a template does not show (SAM and language extensions are read here).
_PLAIN_TRANSFORMS = ("AWS::Serverless-", "AWS::LanguageExtensions", "AWS::CodeDeployBlueGreen", "AWS::SecretsManager-")


def _not_read(name: str, anchors: tuple[str, ...], why: str) -> TemplateRule:
    """A place that may hold rules ctrules cannot see: counted as known only at deploy time, not checked."""
    rule = make_rule(name, None, None, None, name=name, location=anchors, anchors=anchors, kind="AWS::Events::Rule")
    rule.deploy_time, rule.unknown = True, f"{why}: CloudFormation writes it out at deploy time, so it is not checked"
    return rule


def _hidden_by_transforms(template: Mapping[str, Any], resources: Mapping[str, Any]) -> Iterator[TemplateRule]:
    """One not-checked entry per transform that may add or hide resources: a macro named in ``Transform``, and
    ``Fn::Transform`` (``AWS::Include`` of a snippet from S3) among the resources."""
    transform = template.get("Transform")
    for name in transform if isinstance(transform, list) else [transform] if transform is not None else []:
        shown = name if isinstance(name, str) else json.dumps(name, default=str)[:80]
        if not (isinstance(name, str) and name.startswith(_PLAIN_TRANSFORMS)):
            yield _not_read(f"Transform {shown}", ("Transform",), f"the transform {shown} may add or change resources")
    if "Fn::Transform" in resources:  # keys are unique: at most one
        value = resources["Fn::Transform"]
        what = value.get("Name") if isinstance(value, dict) else None
        params = value.get("Parameters") if isinstance(value, dict) else None
        where = params.get("Location") if isinstance(params, dict) else None
        why = f"resources included by Fn::Transform {what or ''}".rstrip()
        if isinstance(where, str):
            why += f" from {where}"
        yield _not_read("Resources.Fn::Transform", ("Resources", "Fn::Transform"), why)


def target_paths(target: Any, where: tuple[str | int, ...]) -> list[tuple[str, str, str | None]]:
    """The JSON paths into the event that one target reads: ``(path, where, name)`` for its ``InputPath``
    (name ``None``) and each entry of its ``InputTransformer.InputPathsMap`` (name: the variable).

    :param target: a ``Targets`` entry (anything; intrinsics and other values give nothing).
    :param where: the location of the target below the rule's ``Properties`` (``("Targets", 0)``).
    """
    if not isinstance(target, dict):
        return []
    out: list[tuple[str, str, str | None]] = []
    path = target.get("InputPath")
    if isinstance(path, str):
        out.append((path, json_path((*where, "InputPath"))[2:], None))
    transformer = target.get("InputTransformer")
    paths = transformer.get("InputPathsMap") if isinstance(transformer, dict) else None
    if isinstance(paths, dict):
        for name, value in paths.items():
            if isinstance(name, str) and isinstance(value, str):
                at = json_path((*where, "InputTransformer", "InputPathsMap", name))[2:]
                out.append((value, at, name))
    return out


#: The key prefix of a loop of the ``AWS::LanguageExtensions`` transform (``Fn::ForEach::Name``).
FOR_EACH = "Fn::ForEach::"
#: Loops writing out more resources than this are not written out here (their rules are not checked).
_MAX_LOOP_COPIES = 1000


def _rules_in_for_each(loop: str, value: Any, outer: list[dict[str, str]] | None) -> Iterator[TemplateRule]:
    """The rules a ``Fn::ForEach`` loop of resources makes (``[identifier, collection, {logical id: resource}]``).

    The transform writes the loop out when the stack is deployed. ctrules does the same when it can: a literal
    collection gives one rule per value (``${Id}`` and ``&{Id}`` replaced in the logical id and the pattern),
    and a pattern that does not use the identifier is checked once. Any other rule (a collection given by a
    parameter, a pattern built from it) is counted as known only at deploy time and reported as not checked.

    :param outer: the identifier values of the loops around this one, one dict per copy (None: not known).
    """
    if not isinstance(value, list) or len(value) != 3 or not isinstance(value[2], dict):
        return
    identifier, collection = value[0], value[1]
    copies: list[dict[str, str]] | None = None
    fits = isinstance(collection, list) and outer is not None and len(outer) * len(collection) <= _MAX_LOOP_COPIES
    literal = fits and all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in collection)
    if literal and outer is not None and isinstance(identifier, str):
        copies = [{**b, identifier: str(v)} for b in outer for v in collection]
    for key, res in value[2].items():
        if isinstance(key, str) and key.startswith(FOR_EACH):
            yield from _rules_in_for_each(f"{loop}/{key}", res, copies)
            continue
        if not isinstance(res, dict):
            continue
        rules = list(rules_in_template({"Resources": {key: res}}))
        if not rules:
            continue
        try:
            text: str | None = json.dumps(res)
        except (TypeError, ValueError, RecursionError):  # a value JSON has no form for (YAML !!binary, !!set...)
            text = None
        uses_loop = text is None or "${" in text or "&{" in text
        written_out = text is not None and (copies is not None or not uses_loop)
        for bindings in (copies or [{}]) if written_out else []:
            written = json.loads(_substitute(text, bindings)) if bindings and text is not None else res
            logical_id = _substitute(str(key), bindings, quote=False)
            for rule in rules_in_template({"Resources": {logical_id: written}}):
                rule.name = rule.logical_id = f"{loop}/{rule.name}"
                rule.location = ("Resources", loop, 2, str(key), *rule.location[2:])
                rule.anchors = ("Resources", loop)
                if rule.targets_at is not None:
                    rule.targets_at = rule.location[:-1]
                yield rule
        if not written_out:
            for rule in rules:
                rule.name = rule.logical_id = f"{loop}/{rule.name}"
                rule.location = ("Resources", loop, 2, str(key), *rule.location[2:])
                rule.anchors = ("Resources", loop)
                rule.pattern, rule.problem, rule.deploy_time = None, None, True
                rule.unknown = (
                    "a rule inside Fn::ForEach whose values come from a parameter or another intrinsic: the "
                    "AWS::LanguageExtensions transform writes it out at deploy time"
                    if text is not None
                    else "a rule inside Fn::ForEach holding a value JSON cannot hold (a YAML !!binary, !!set or "
                    "date), which ctrules cannot write out: the AWS::LanguageExtensions transform writes it out at "
                    "deploy time"
                )
                yield rule


def _substitute(text: str, bindings: dict[str, str], *, quote: bool = True) -> str:
    """``${Id}`` -> the value and ``&{Id}`` -> the value's letters and digits (JSON-escaped when ``quote``)."""
    for name, v in bindings.items():
        plain = json.dumps(v)[1:-1] if quote else v
        alnum = "".join(c for c in v if c.isalnum())
        text = text.replace("${" + name + "}", plain).replace("&{" + name + "}", alnum)
    return text


def is_sam(template: Mapping[str, Any]) -> bool:
    """True when the template declares a SAM transform (``AWS::Serverless-2016-10-31``)."""
    transform = template.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    return any(isinstance(n, str) and n.startswith("AWS::Serverless") for n in names)


def is_cloudformation(doc: Any) -> bool:
    """True for a CloudFormation or SAM template: a mapping with ``Resources`` or ``AWSTemplateFormatVersion``."""
    return isinstance(doc, dict) and ("Resources" in doc or "AWSTemplateFormatVersion" in doc)


#: How deep templates inside templates are followed (a StackSet's body holding a StackSet...).
_MAX_NESTING = 8


def read_template(
    doc: Any, path: Path, shown: str, text: str, *, depth: int = 0, seen: set[Path] | None = None
) -> Found:
    """The rules of a CloudFormation or SAM template, with the templates inside it.

    Besides :func:`rules_in_template`: the template in a StackSet's ``TemplateBody`` string (its rules at their
    own lines of this file when the body is a YAML block scalar, else at the StackSet's line); the local template
    of an ``AWS::Serverless::Application`` ``Location`` or an ``AWS::CloudFormation::Stack`` ``TemplateURL``
    (read as a file of its own, inside the repository). What hides resources (``AWS::Include``, a macro) is
    counted as not read.

    :raises InputError: ``Resources`` is not a mapping.
    """
    if "Resources" in doc and not isinstance(doc["Resources"], dict):
        raise InputError(shown, "Resources is not a mapping: not a valid CloudFormation template")
    kind = "SAM template" if is_sam(doc) else "CloudFormation template"
    others: list[tuple[Any, dict[Any, Any]]] = []
    found = Found(kind, list(_rules(doc, others)))
    seen = set() if seen is None else seen
    with contextlib.suppress(OSError):
        seen.add(path.resolve())
    outer = InputFile(shown, kind, [], None, text)
    # The resources besides plain rules, in order (the walk that found the rules listed them).
    for logical_id, res in others:
        rtype = res.get("Type")
        rtype = rtype if isinstance(rtype, str) else None
        props = res.get("Properties")
        if rtype == _TRAIL:
            add_trail_sources(found.trails, str(logical_id), props)
        if rtype == _RULE and (not isinstance(props, dict) or is_intrinsic(props)):
            _rule_without_properties(str(logical_id), props, outer, found)
            continue
        if rtype not in _NESTING_TYPES and "Fn::Transform" not in res:
            continue
        if "Fn::Transform" in res:
            found.unread.append(Unread(str(logical_id), "a resource given by Fn::Transform (AWS::Include or a macro) "
                                       "is known only at deploy time: not checked",
                                       _resource_line(outer, str(logical_id)), "deploy"))  # fmt: skip
        props = res.get("Properties")
        if not isinstance(props, dict):
            continue
        if rtype == "AWS::CloudFormation::StackSet" and "TemplateBody" in props:
            _stack_set_body(str(logical_id), props["TemplateBody"], outer, found, depth)
        elif rtype in ("AWS::Serverless::Application", "AWS::CloudFormation::Stack"):
            location = props.get("Location" if rtype == "AWS::Serverless::Application" else "TemplateURL")
            _local_template(str(logical_id), location, path, outer, found, depth, seen)
    return found


def _rule_without_properties(logical_id: str, props: Any, outer: InputFile, found: Found) -> None:
    """A rule whose ``Properties`` cannot be read: not checked (an intrinsic), or a defect (anything else)."""
    line = _resource_line(outer, logical_id)
    if props is None:
        return  # no Properties: no pattern (CloudFormation refuses a rule with neither pattern nor schedule)
    if is_intrinsic(props):
        return  # rules_in_template lists it as not checked (known only at deploy time)
    kind = type(props).__name__
    found.defects.append(Defect(f"the rule's Properties is a {kind}, not a mapping: CloudFormation refuses it, and its "
                                "pattern cannot be checked", "write Properties as a mapping with EventPattern",
                                line, "error", logical_id))  # fmt: skip


def _resource_line(outer: InputFile, logical_id: str, *keys: str) -> int:
    probe = TemplateRule(logical_id, None, None, True, anchors=("Resources", logical_id, *keys))
    return outer.line_of(probe)


def _block_scalar_at(text: str, line: int) -> bool:
    """True when the value starting on ``line`` is a literal YAML block scalar (``|``): its lines are the file's."""
    lines = text.splitlines()
    for i in range(line - 1, min(len(lines), line + 4)):
        stripped = lines[i].split("#", 1)[0].rstrip()
        if stripped.endswith(("|", "|-", "|+")) and "TemplateBody" in stripped:
            return True
    return False


def _stack_set_body(logical_id: str, body: Any, outer: InputFile, found: Found, depth: int) -> None:
    """The rules of a StackSet's ``TemplateBody`` (a template as a string), reported in the outer file."""
    line = _resource_line(outer, logical_id, "TemplateBody")
    if not isinstance(body, str):
        if is_intrinsic(body):
            found.unread.append(Unread(logical_id, "the StackSet's TemplateBody is an intrinsic function, known only "
                                       "at deploy time: its rules are not checked", line, "deploy"))
        return
    if depth >= _MAX_NESTING:
        found.unread.append(Unread(logical_id, f"templates nested more than {_MAX_NESTING} deep are not read", line))
        return
    try:
        inner_doc = parse_document(body, f"{outer.path} ({logical_id} TemplateBody)")
    except InputError as exc:
        found.unread.append(Unread(logical_id, f"its TemplateBody cannot be read ({exc.message}): its rules are not "
                                   "checked", line))
        return
    if not is_cloudformation(inner_doc):
        return
    try:
        inner = read_template(inner_doc, Path(outer.path), outer.path, body, depth=depth + 1)
    except InputError as exc:
        found.unread.append(Unread(logical_id, exc.message, line))
        return
    inner_file = InputFile(outer.path, inner.kind, inner.rules, None, body)
    offset = line if _block_scalar_at(outer.text, line) else 0
    for rule in inner.rules:
        rule.line = offset + inner_file.line_of(rule) if offset else line
        rule.name = f"{logical_id}/{rule.label}"
        rule.location = ("Resources", logical_id, "Properties", "TemplateBody", *rule.location)
        rule.targets_at = None if rule.targets_at is None else (*rule.location[:4], *rule.targets_at)
    found.rules.extend(inner.rules)
    found.unread.extend(Unread(f"{logical_id}/{u.resource}", u.reason, line, u.known_at) for u in inner.unread)


def _repository_root(path: Path) -> Path:
    """The repository holding ``path`` (the nearest folder with ``.git``), else the file's own folder."""
    folder = path.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _local_template(
    logical_id: str, location: Any, path: Path, outer: InputFile, found: Found, depth: int, seen: set[Path]
) -> None:
    """Read the local template a SAM application or nested stack names (``./child/template.yaml``)."""
    if not isinstance(location, str) or "://" in location or not location.strip() or not path.is_file():
        return  # a published application, an S3 URL or an intrinsic: not a file of this repository
    line = _resource_line(outer, logical_id)
    root = _repository_root(path)
    try:
        child = confined(root, path.resolve().parent, location, outer.path)
    except InputError as exc:
        found.unread.append(Unread(logical_id, exc.message, line))
        return
    shown = os.path.normpath(str(Path(outer.path).parent / location))
    if child in seen:
        return
    seen.add(child)
    if depth >= _MAX_NESTING:
        found.unread.append(Unread(logical_id, f"templates nested more than {_MAX_NESTING} deep are not read", line))
        return
    try:
        text = read_text(child, shown)
        doc = parse_document(text, shown)
        if not is_cloudformation(doc):
            raise InputError(shown, "not a CloudFormation template")
        inner = read_template(doc, child, shown, text, depth=depth + 1, seen=seen)
    except InputError as exc:
        found.unread.append(Unread(logical_id, f"its template {location!r} cannot be read ({exc.message}): its "
                                   "rules are not checked", line))
        return
    data_trails = {es: DataTrail(name, shown) for es, name in inner.trails.items()}
    found.more_files.append(
        InputFile(shown, inner.kind, inner.rules, None, text, data_trails=data_trails, defects=inner.defects,
                  unread=inner.unread, reader="cloudformation")
    )
    found.more_files.extend(inner.more_files)
