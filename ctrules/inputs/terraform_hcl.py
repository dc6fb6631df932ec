"""Reading Terraform and Terragrunt HCL as written: rules, EventBridge modules' rule maps, Terragrunt inputs.

Parsed with python-hcl2's Lark grammar; expressions are evaluated by :mod:`ctrules.inputs._hcl_eval` only
where literal (``jsonencode``/``merge`` of literals, ``local.*``, variable defaults and ``*.tfvars`` values).
A pattern that depends on anything else is counted as "known only at plan time" and not checked.

What is read:

* ``resource "aws_cloudwatch_event_rule"``: ``event_pattern`` (``jsonencode({...})``, a heredoc, a string),
  ``state``/``is_enabled``, ``event_bus_name``, ``region`` and ``provider = aws.ALIAS``;
* ``module`` blocks: every object with an ``event_pattern`` key in the inputs (the
  terraform-aws-modules/eventbridge ``rules = { name = {...} }`` map, with ``bus_name``), or an
  ``event_pattern`` input itself;
* Terragrunt ``inputs = {...}`` the same way;
* ``provider "aws"`` ``region`` (per alias) when literal;
* ``resource "aws_cloudwatch_event_target"``: the ``input_path`` and ``input_transformer`` paths of the targets
  of a rule of the module (:mod:`ctrules.inputs.terraform_targets`, for CTR016);
* ``resource "aws_cloudtrail"``: the eventSources whose data events it logs (``event_selector``/
  ``advanced_event_selector`` blocks with literal resource types), which cover the rules of every file of the
  module (CTR006). A trail whose ``count``, ``for_each`` or ``enable_logging`` is not literal may not exist or
  log: it covers nothing.

A comment ``# ctrules:acknowledge CTR005 <reason>`` right above a rule's block (resource, module, ``inputs``) or
module entry, or inside it, acknowledges that finding on its rules (:mod:`ctrules.inputs.acknowledgements`).

A Terraform module is a directory: the locals, variables and providers of a file's sibling ``.tf`` files
(and ``terraform.tfvars``/``*.auto.tfvars``) are in scope when one file is linted.

One module of ~700 lines on purpose: its sections (syntax helpers, the module's scope, rules, files) all
work on the same parse trees and module scope. What stands alone lives apart: expression evaluation
(``_hcl_eval``), the JSON syntax (``terraform_json``), targets (``terraform_targets``), trails (``trails``)
and acknowledgement comments (``acknowledgements``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lark import Token, Tree

from ctrules.inputs._hcl_eval import Node, Scope, Unknown, elements, evaluate, kids, line_of, reference, text_of
from ctrules.inputs._model import DataTrail, InputError, InputFile, ReadResult, RuleProblem, TemplateRule, make_rule
from ctrules.inputs.acknowledgements import COMMENT_MARK, from_comment
from ctrules.inputs.document import parse_document, read_text
from ctrules.inputs.terraform_json import UNREADABLE, is_tf_json_name, to_native
from ctrules.inputs.terraform_targets import attach_hcl_targets
from ctrules.inputs.trails import terraform_trail_sources

__all__ = [
    "HCL_HINT",
    "is_hcl_name",
    "looks_like_hcl",
    "parse_hcl",
    "read_hcl_file",
    "read_terraform_dir",
]

#: What to do when a file cannot be read as HCL.
HCL_HINT = "lint a plan instead: `terraform plan -out=tfplan && terraform show -json tfplan > plan.json`"
_RULE = "aws_cloudwatch_event_rule"
_TRAIL = "aws_cloudtrail"
_SKIP_DIRS = frozenset({".terraform", ".terragrunt-cache", ".git", "node_modules", "cdk.out", "__pycache__"})
_RULE_WORDS = ("rule", "pattern")


def is_hcl_name(name: str) -> bool:
    """True for a file name Terraform or Terragrunt reads as HCL (``.tf``, ``.tfvars``, ``.hcl``)."""
    return name.endswith((".tf", ".tfvars", ".hcl"))


def looks_like_hcl(text: str) -> bool:
    """True when a text starts like Terraform/Terragrunt HCL (a block or an ``inputs``/``locals`` item)."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//", "/*")):
            continue
        word = stripped.split(None, 1)[0].split("{", 1)[0]
        known = ("resource", "module", "provider", "variable", "locals", "terraform", "data", "output")
        return word in (*known, "include", "dependency", "inputs", "generate", "remote_state") and (
            "{" in stripped or "=" in stripped or '"' in stripped
        )
    return False


def parse_hcl(text: str, shown: str) -> Node:
    """Parse HCL text into python-hcl2's Lark tree.

    :raises InputError: one line naming the file, where the parser stopped, and :data:`HCL_HINT`.
    """
    import hcl2  # imported on first use: building the grammar costs ~0.1 s

    try:
        tree: Node = hcl2.parses_to_tree(text)
    except RecursionError:
        raise InputError(shown, f"HCL nested too deeply to read; {HCL_HINT}") from None
    except Exception as exc:  # lark's UnexpectedInput and friends
        line, column = getattr(exc, "line", None), getattr(exc, "column", None)
        where = f" at line {line}, column {column}" if isinstance(line, int) and line > 0 else ""
        raise InputError(shown, f"cannot read this file as Terraform/Terragrunt HCL{where}; {HCL_HINT}") from None
    return tree


# ------------------------------------------------------------------------------------------------ syntax


def _body(tree: Node) -> Node:
    return kids(tree)[0] if tree.data == "start" else tree


def _blocks(body: Node) -> Iterator[tuple[str, list[str], Node]]:
    """(type, labels, body) of every block of a body."""
    for item in kids(body):
        if isinstance(item, Tree) and item.data == "block":
            parts = [c for c in kids(item) if isinstance(c, Tree)]
            names = [text_of(p) or "" for p in parts[:-1]]
            yield names[0], names[1:], parts[-1]


def _attributes(body: Node) -> dict[str, Node]:
    """name -> expression of every attribute of a body."""
    out: dict[str, Node] = {}
    for item in kids(body):
        if isinstance(item, Tree) and item.data == "attribute":
            parts = [c for c in kids(item) if isinstance(c, Tree)]
            name = text_of(parts[0])
            if name is not None:
                out[name] = parts[-1]
    return out


# ------------------------------------------------------------------------------------------------ module


@dataclass
class _Module:
    """One Terraform module (a directory) or one Terragrunt file: its scope and provider regions."""

    scope: Scope = field(default_factory=Scope)
    providers: list[dict[str, Node]] = field(default_factory=list)
    trails: list[tuple[str, Node, str]] = field(default_factory=list)
    _regions: dict[str | None, str | None] | None = None
    _data_trails: dict[str, DataTrail] | None = None

    @property
    def data_trails(self) -> dict[str, DataTrail]:
        """eventSource -> an ``aws_cloudtrail`` of the module that logs its data events (evaluated once every
        file of the module is collected)."""
        if self._data_trails is None:
            self._data_trails = {}
            for address, body, shown in self.trails:
                for es in sorted(_trail_sources(body, self.scope)):
                    self._data_trails.setdefault(es, DataTrail(address, shown))
        return self._data_trails

    @property
    def regions(self) -> dict[str | None, str | None]:
        """Provider alias (``None``: the default provider) -> its literal region; evaluated once every file
        of the module is collected (a region may come from a variable declared in another file)."""
        if self._regions is None:
            self._regions = {}
            for attrs in self.providers:
                alias = evaluate(attrs["alias"], self.scope) if "alias" in attrs else None
                region = evaluate(attrs["region"], self.scope) if "region" in attrs else None
                if alias is None or isinstance(alias, str):
                    self._regions[alias] = region if isinstance(region, str) and region else None
        return self._regions


def _collect(tree: Node, module: _Module, shown: str = "") -> None:
    """Add a file's variables, locals, providers and trails to the module."""
    for kind, labels, body in _blocks(_body(tree)):
        if kind == "variable" and labels:
            module.scope.variables[labels[0]] = _attributes(body).get("default")
        elif kind == "locals":
            module.scope.locals.update(_attributes(body))
        elif kind == "provider" and labels == ["aws"]:
            module.providers.append(_attributes(body))
        elif kind == "resource" and len(labels) == 2 and labels[0] == _TRAIL:
            module.trails.append((f"{_TRAIL}.{labels[1]}", body, shown))


def _block_values(body: Node, scope: Scope, depth: int = 0) -> dict[str, Any]:
    """A block's attributes (evaluated) and nested blocks (lists of such dicts by type; not ``dynamic`` blocks)."""
    out: dict[str, Any] = {k: evaluate(n, scope) for k, n in _attributes(body).items()}
    if depth < 4:
        for kind, labels, inner in _blocks(body):
            if kind != "dynamic" and not labels:
                out.setdefault(kind, []).append(_block_values(inner, scope, depth + 1))
    return out


def _trail_sources(body: Node, scope: Scope) -> set[str]:
    """The eventSources whose data events an ``aws_cloudtrail`` block logs; none when it may not exist or log."""
    values = _block_values(body, scope)
    count, each, logging = values.get("count", 1), values.get("for_each", [None]), values.get("enable_logging", True)
    exists = isinstance(count, int) and not isinstance(count, bool) and count > 0
    if not exists or not isinstance(each, (list, dict)) or not each or not isinstance(logging, bool):
        return set()
    return terraform_trail_sources(values)


def _tfvars(directory: Path, module: _Module) -> None:
    names = sorted(p.name for p in directory.glob("*.auto.tfvars"))
    for name in ("terraform.tfvars", *names):
        path = directory / name
        if not path.is_file():
            continue
        try:
            tree = parse_hcl(read_text(path, str(path)), str(path))
        except InputError:
            continue  # a broken tfvars file only leaves defaults in place; terraform reports it
        for key, node in _attributes(_body(tree)).items():
            value = evaluate(node, Scope())
            if not isinstance(value, Unknown):
                module.scope.values[key] = value
    for path in [directory / "terraform.tfvars.json", *sorted(directory.glob("*.auto.tfvars.json"))]:
        try:
            doc = parse_document(read_text(path, str(path)), str(path)) if path.is_file() else None
        except InputError:
            continue  # as above
        if isinstance(doc, dict):
            module.scope.values.update(doc)


def _module_for(directory: Path, trees: dict[Path, tuple[str, Node]]) -> _Module:
    """The module of a directory from its parsed ``.tf`` files (path -> (name shown, tree))."""
    module = _Module()
    for shown, tree in trees.values():
        _collect(tree, module, shown)
    _tfvars(directory, module)
    return module


# ------------------------------------------------------------------------------------------------- rules


@dataclass
class _Obj:
    """An object holding an ``event_pattern``: each key's value (evaluated on demand) and line."""

    values: dict[str, Callable[[], Any]]
    line: int
    span: tuple[int, int] | None = None


_COMMENT_STARTS = ("#", "//", "/*", "*")


@dataclass
class _Notes:
    """The ``ctrules:acknowledge`` comments of a file: line -> that comment line's text."""

    comments: dict[int, str]
    lines: list[str]
    json_syntax: bool = False

    @classmethod
    def of(cls, text: str, tree: Node, json_syntax: bool = False) -> _Notes | None:
        """The file's acknowledgement comments (``None``, cheaply, when it has none).

        :param json_syntax: the tree is a ``.tf.json`` file written as HCL: its comments are ``"//"`` properties,
            named so, without a line (the rule's is shown).
        """
        if COMMENT_MARK not in text.lower():
            return None
        comments: dict[int, str] = {}
        for token in tree.scan_values(lambda v: isinstance(v, Token) and v.type == "NL_OR_COMMENT"):
            for k, piece in enumerate(str(token).split("\n")):
                if COMMENT_MARK in piece.lower() and token.line is not None:
                    comments[token.line + k] = piece
        return cls(comments, text.splitlines(), json_syntax) if comments else None

    def above(self, line: int) -> list[int]:
        """The acknowledgement comments on the comment-only lines right above ``line``."""
        out: list[int] = []
        n = line - 1
        while 1 <= n <= len(self.lines) and self.lines[n - 1].lstrip().startswith(_COMMENT_STARTS):
            if n in self.comments:
                out.append(n)
            n -= 1
        return out

    def inside(self, span: tuple[int, int]) -> list[int]:
        """The acknowledgement comments on the lines of ``span`` (first and last included)."""
        return [n for n in self.comments if span[0] <= n <= span[1]]

    def acknowledge(self, rule: TemplateRule, lines: list[int]) -> None:
        """Give the rule the acknowledgements of the comments on ``lines`` (malformed ones: input problems)."""
        for n in sorted(set(lines)):
            where, line = ('"//" comment', None) if self.json_syntax else (f"comment at line {n}", n)
            acks, problems = from_comment(self.comments[n], line, where)
            rule.acknowledgements += tuple(acks)
            rule.input_problems += tuple(problems)


def _span(node: Node) -> tuple[int, int]:
    meta = node.meta
    start = line_of(node)
    return start, int(getattr(meta, "end_line", start) or start) if not meta.empty else start


def _lazy(node: Node, scope: Scope) -> Callable[[], Any]:
    return lambda: evaluate(node, scope)


def _const(value: Any) -> Callable[[], Any]:
    return lambda: value


def _state(obj: _Obj, enabled_first: bool, upper: bool) -> Any:
    def enabled() -> Any:
        for key in ("enabled", "is_enabled"):
            if key in obj.values:
                value = obj.values[key]()
                return ("ENABLED" if value else "DISABLED") if isinstance(value, bool) else value
        return None

    def state() -> Any:
        if "state" not in obj.values:
            return None
        value = obj.values["state"]()
        if isinstance(value, bool):
            return "ENABLED" if value else "DISABLED"
        return value.upper() if upper and isinstance(value, str) else value

    first, second = (enabled, state) if enabled_first else (state, enabled)
    value = first()
    return value if value is not None else second()


def _rule(
    label: str,
    obj: _Obj,
    *,
    kind: str,
    bus: Any,
    region: str | None,
    enabled_first: bool = False,
    upper_state: bool = False,
) -> TemplateRule | None:
    pattern = obj.values["event_pattern"]()
    if pattern is None or pattern == "":
        return None  # a schedule-only rule
    for key in ("event_bus_name", "bus_name"):
        if key in obj.values:
            bus = obj.values[key]()
            break
    if "region" in obj.values:
        own = obj.values["region"]()
        region = own if isinstance(own, str) and own else region
    state = _state(obj, enabled_first, upper_state)
    rule = make_rule(label, pattern, state, bus, name=label, location=("event_pattern",), anchors=(), kind=kind)
    rule.region, rule.line = region, obj.line
    if isinstance(pattern, Unknown):
        rule.pattern, rule.deploy_time, rule.known_at, rule.unknown = None, True, "plan", pattern.reason
    return rule


def _plan_time(label: str, line: int, kind: str, reason: str) -> TemplateRule:
    """A place that may hold rules, but whose value is known only at plan time."""
    rule = make_rule(label, None, None, None, name=label, location=(), anchors=(), kind=kind)
    rule.deploy_time, rule.known_at, rule.unknown, rule.line = True, "plan", reason, line
    return rule


def _syntax_obj(node: Node, scope: Scope) -> _Obj | None:
    elems = elements(node)
    if elems is None:
        return None
    values: dict[str, Callable[[], Any]] = {}
    line = line_of(node)
    for key, key_node, value_node in elems:
        if isinstance(key, str):
            values[key] = _lazy(value_node, scope)
            if key == "event_pattern":
                line = line_of(key_node)
    return _Obj(values, line, _span(node))


def _find(
    node: Node | None, value: Any, label: str, line: int, scope: Scope, depth: int = 0
) -> Iterator[tuple[str, _Obj | Unknown]]:
    """Objects with an ``event_pattern`` key inside a module input, from its syntax (``node``) or value."""
    if depth > 8:
        return
    if node is not None:
        obj = _syntax_obj(node, scope)
        if obj is not None:
            if "event_pattern" in obj.values:
                yield label, obj
                return
            for key, _, child in elements(node) or []:
                if isinstance(key, str):
                    yield from _find(child, None, f'{label}["{key}"]', line_of(child), scope, depth + 1)
            return
        inner = node
        while inner.data == "expr_term" and len(kids(inner)) == 1:
            inner = kids(inner)[0]
        if inner.data == "tuple":
            for i, child in enumerate(c for c in kids(inner) if isinstance(c, Tree)):
                yield from _find(child, None, f"{label}[{i}]", line_of(child), scope, depth + 1)
            return
        value = evaluate(node, scope)
        if isinstance(value, Unknown):
            if any(w in label.rsplit(".", 1)[-1].lower() for w in _RULE_WORDS):
                yield label, value
            return
    if isinstance(value, dict):
        if "event_pattern" in value:
            yield label, _Obj({k: _const(v) for k, v in value.items()}, line)
            return
        for key, child in value.items():
            yield from _find(None, child, f'{label}["{key}"]', line, scope, depth + 1)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _find(None, child, f"{label}[{i}]", line, scope, depth + 1)


def _inputs_rules(
    label: str,
    inputs: dict[str, Node],
    scope: Scope,
    kind: str,
    source: Any,
    region: str | None,
    notes: _Notes | None = None,
    outer: list[int] | None = None,
) -> Iterator[TemplateRule]:
    """Rules in a module's (or Terragrunt's) inputs.

    :param notes: the file's acknowledgement comments.
    :param outer: the lines of the acknowledgement comments that apply to every rule of the block.
    """
    outer = outer or []
    eb = isinstance(source, str) and "eventbridge" in source.lower()
    bus: Any = None
    for key in ("bus_name", "event_bus_name"):
        if key in inputs:
            bus = evaluate(inputs[key], scope)
            break
    if "region" in inputs:
        own = evaluate(inputs["region"], scope)
        region = own if isinstance(own, str) and own else region
    top = _Obj({k: _lazy(n, scope) for k, n in inputs.items()}, 1)
    if "event_pattern" in inputs:
        top.line = line_of(inputs["event_pattern"])
        rule = _rule(label, top, kind=kind, bus=bus, region=region)
        if rule is not None:
            if notes is not None:
                notes.acknowledge(rule, [*outer, *notes.above(top.line)])
            yield rule
    for key, node in inputs.items():
        if key in ("event_pattern", "source", "providers", "depends_on"):
            continue
        for where, found in _find(node, None, f"{label}.{key}", line_of(node), scope):
            if isinstance(found, Unknown):
                yield _plan_time(where, line_of(node), kind, found.reason)
                continue
            # terraform-aws-modules/eventbridge: state = enabled ? ... : upper(state) (its main.tf)
            rule = _rule(where, found, kind=kind, bus=bus, region=region, enabled_first=eb, upper_state=eb)
            if rule is not None:
                if notes is not None:
                    own = [*notes.above(found.span[0]), *notes.inside(found.span)] if found.span else []
                    notes.acknowledge(rule, [*outer, *own])
                yield rule


def _provider_region(attrs: dict[str, Node], module: _Module, key: str = "provider") -> str | None:
    node = attrs.get(key)
    alias: str | None = None
    if node is not None:
        ref = reference(node)
        if ref is None or ref[0] != "aws":
            return None
        alias = ref[1][0] if ref[1] and isinstance(ref[1][0], str) else None
    return module.regions.get(alias)


def _rules_in_tree(tree: Node, module: _Module, terragrunt: bool, notes: _Notes | None) -> Iterator[TemplateRule]:
    scope = module.scope
    body = _body(tree)
    default_region = module.regions.get(None)
    source: Any = None
    for kind, labels, block in _blocks(body):
        attrs = _attributes(block)
        if kind == "resource" and len(labels) == 2 and labels[0] == _RULE:
            label = f"{_RULE}.{labels[1]}"
            obj = _Obj({k: _lazy(n, scope) for k, n in attrs.items()}, 1)
            if "event_pattern" not in attrs:
                continue
            obj.line = line_of(attrs["event_pattern"])
            bus = evaluate(attrs["event_bus_name"], scope) if "event_bus_name" in attrs else None
            region = _provider_region(attrs, module) if "provider" in attrs else default_region
            rule = _rule(label, obj, kind=_RULE, bus=bus, region=region)
            if rule is not None:
                if notes is not None:
                    span = _span(block)
                    notes.acknowledge(rule, [*notes.above(span[0]), *notes.inside(span)])
                yield rule
        elif kind == "module" and labels:
            src = evaluate(attrs["source"], scope) if "source" in attrs else None
            region = default_region
            providers = elements(attrs["providers"]) if "providers" in attrs else None
            for key, _, value_node in providers or []:
                if key == "aws":
                    ref = reference(value_node)
                    if ref is not None and ref[0] == "aws":
                        alias = ref[1][0] if ref[1] and isinstance(ref[1][0], str) else None
                        region = module.regions.get(alias)
            kind_text = f"module {labels[0]}" + (f" ({src})" if isinstance(src, str) else "")
            outer = notes.above(_span(block)[0]) if notes is not None else []
            yield from _inputs_rules(f"module.{labels[0]}", attrs, scope, kind_text, src, region, notes, outer)
        elif kind == "terraform" and terragrunt and "source" in attrs:
            source = evaluate(attrs["source"], scope)
    if terragrunt:
        inputs = _attributes(body).get("inputs")
        if inputs is not None:
            elems = elements(inputs)
            if elems is None:
                value = evaluate(inputs, scope)
                if isinstance(value, Unknown):
                    yield _plan_time("inputs", line_of(inputs), "terragrunt inputs", value.reason)
                    return
            attrs = {k: n for k, _, n in elems or [] if isinstance(k, str)}
            outer = notes.above(line_of(inputs)) if notes is not None else []
            yield from _inputs_rules(
                "inputs", attrs, scope, "terragrunt inputs", source, default_region, notes, outer
            )


# ------------------------------------------------------------------------------------------------ files


def _rules(
    tree: Node, module: _Module, terragrunt: bool, shown: str, text: str, json: _JsonFile | None = None
) -> list[TemplateRule]:
    """The rules of a parsed file; an expression nested too deeply to evaluate is one input problem.

    :param text: the file's text (for ``.tf.json``, the HCL it was written as: ``json``).
    """
    try:
        if json is None:
            return list(_rules_in_tree(tree, module, terragrunt, _Notes.of(text, tree)))
        rules = list(_rules_in_tree(tree, module, terragrunt, _Notes.of(json.native, tree, json_syntax=True)))
    except RecursionError:
        raise InputError(shown, f"an expression nested too deeply to read; {HCL_HINT}", unreadable=True) from None
    json.point_into_json(rules)
    return rules


@dataclass
class _JsonFile:
    """A ``.tf.json`` file written as HCL (:func:`ctrules.inputs.terraform_json.to_native`)."""

    native: str
    anchors: dict[int, tuple[str, ...]]
    object_patterns: set[str]

    def point_into_json(self, rules: list[TemplateRule]) -> None:
        """Locate the rules by their JSON keys in the JSON text; note the JSON-only mistakes."""
        for rule in rules:
            if rule.line is not None and rule.line in self.anchors:
                rule.anchors, rule.line = self.anchors[rule.line], None
            if rule.unknown and UNREADABLE in rule.unknown:
                rule.unknown = "an interpolation (${...}) ctrules cannot read"
            if rule.label in self.object_patterns:
                rule.input_problems += (
                    RuleProblem(
                        "event_pattern is a JSON object, which Terraform refuses (the attribute is a string): write "
                        '"event_pattern": "${jsonencode({...})}" or the pattern as a JSON string (the pattern was '
                        "checked as written)"
                    ),
                )


def _parse_file(path: Path, shown: str, text: str, json_syntax: bool = False) -> tuple[Node, _JsonFile | None]:
    """Parse a ``.tf``/``.hcl`` file, or a ``.tf.json`` file (or ``json_syntax``) written as HCL first.

    :raises InputError: one line naming the file and what could not be read.
    """
    if not json_syntax and not is_tf_json_name(path.name):
        return parse_hcl(text, shown), None
    doc = parse_document(text, shown)
    if not isinstance(doc, dict):
        raise InputError(shown, "a .tf.json file whose top level is not a JSON object: not Terraform JSON syntax")
    try:
        native, anchors, objects = to_native(doc)
    except RecursionError:
        raise InputError(shown, f"JSON nested too deeply to read; {HCL_HINT}", unreadable=True) from None
    try:
        tree = parse_hcl(native, shown)
    except InputError:  # an interpolation that does not parse: write it as unreadable, and try once more
        native, anchors, objects = to_native(doc, checked=True)
        try:
            tree = parse_hcl(native, shown)
        except InputError:
            raise InputError(shown, f"cannot read this Terraform JSON file; {HCL_HINT}", unreadable=True) from None
    return tree, _JsonFile(native, anchors, objects)


def _module_file(path: Path) -> bool:
    """A file of a Terraform module (``.tf`` or ``.tf.json``)."""
    return path.suffix == ".tf" or is_tf_json_name(path.name)


def read_hcl_file(path: Path, shown: str, text: str | None = None, *, json_syntax: bool = False) -> InputFile:
    """Read one ``.tf``, ``.tf.json`` or Terragrunt ``.hcl`` file, with its directory's ``.tf`` and ``.tf.json``
    files in scope.

    :param json_syntax: read the text as Terraform JSON syntax whatever the file's name (a ``.tf.json`` file is).

    :raises InputError: when the file cannot be parsed (one line, with :data:`HCL_HINT`).
    """
    text = read_text(path, shown) if text is None else text
    tree, json = _parse_file(path, shown, text, json_syntax)
    terragrunt = path.suffix == ".hcl"
    if terragrunt:
        module = _Module()
        _collect(tree, module, shown)
    else:
        trees = {path.resolve(): (shown, tree)}
        siblings = [*path.parent.glob("*.tf"), *path.parent.glob("*.tf.json")] if path.parent.is_dir() else []
        for sibling in sorted(siblings):
            if sibling.resolve() in trees:
                continue
            try:
                parsed = _parse_file(sibling, str(sibling), read_text(sibling, str(sibling)))[0]
                trees[sibling.resolve()] = (str(sibling), parsed)
            except InputError:
                continue  # a broken sibling only leaves its locals unresolved (counted as plan time)
        module = _module_for(path.parent, trees)
    kind = "Terragrunt configuration" if terragrunt else "Terraform configuration"
    rules = _rules(tree, module, terragrunt, shown, text, json)
    if not terragrunt:  # the targets of the module's files read their rules' events (CTR016)
        attach_hcl_targets(rules, [t for _, t in trees.values()], module.scope)
    return InputFile(shown, kind, rules, None, text, data_trails=dict(module.data_trails))


def _walk(directory: Path) -> Iterator[tuple[Path, list[Path]]]:
    """(directory, its .tf/terragrunt.hcl files) for a folder and its subfolders, in a stable order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        chosen = sorted(f for f in files if f.endswith((".tf", ".tf.json")) or f == "terragrunt.hcl")
        if chosen:
            yield Path(root), [Path(root) / f for f in chosen]


def read_terraform_dir(directory: Path, shown: str, result: ReadResult) -> bool:
    """Read every ``.tf``, ``.tf.json`` and ``terragrunt.hcl`` file under ``directory`` into ``result``.

    :returns: False when the folder holds no such file (nothing was read).
    """
    found = False
    for folder, paths in _walk(directory):
        found = True
        trees: dict[Path, tuple[str, str, Node]] = {}
        json_files: dict[Path, _JsonFile] = {}
        for path in paths:
            rel = path.relative_to(directory)
            path_shown = str(Path(shown) / rel)
            try:
                text = read_text(path, path_shown)
                tree, json = _parse_file(path, path_shown, text)
                trees[path] = (path_shown, text, tree)
                if json is not None:
                    json_files[path] = json
            except InputError as exc:
                result.errors.append(exc)
        module = _module_for(folder, {p: (s, t) for p, (s, _, t) in trees.items() if _module_file(p)})
        module_rules: list[TemplateRule] = []
        for path, (path_shown, text, tree) in trees.items():
            terragrunt = path.suffix == ".hcl"
            scope = _Module() if terragrunt else module
            if terragrunt:
                _collect(tree, scope, path_shown)
            try:
                rules = _rules(tree, scope, terragrunt, path_shown, text, json_files.get(path))
            except InputError as exc:
                result.errors.append(exc)
                continue
            kind = "Terragrunt configuration" if terragrunt else "Terraform configuration"
            result.files.append(InputFile(path_shown, kind, rules, None, text, data_trails=dict(scope.data_trails)))
            if not terragrunt:
                module_rules.extend(rules)
        # A target may sit in another file of the module than its rule (CTR016).
        attach_hcl_targets(module_rules, [t for p, (_, _, t) in trees.items() if _module_file(p)], module.scope)
    return found
