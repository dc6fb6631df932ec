"""Reading Terraform and Terragrunt HCL as written: rules, EventBridge modules' rule maps, Terragrunt inputs.

Parsed with python-hcl2's Lark grammar (its tables cached in ctrules' cache folder, never in site-packages);
expressions are evaluated by :mod:`ctrules.inputs._hcl_eval` as far as they are known (literals, ``local.*``,
variables, a few pure functions). A pattern with an unknown part (a variable without a value, a data source, a
resource attribute) is checked on the known parts: the unknown ones are opaque values the checks never judge, listed
on the rule (:attr:`~ctrules.inputs.TemplateRule.unknown_parts`). Only a pattern that is unknown as a whole is
counted as "known only at plan time" and not checked. Evaluation is bounded (:class:`~ctrules.inputs._hcl_eval.
BudgetError` becomes one line naming the file, the line and the budget).

What is read:

* ``resource "aws_cloudwatch_event_rule"``: ``event_pattern`` (``jsonencode({...})``, a heredoc, a string),
  ``state``/``is_enabled``, ``event_bus_name``, ``region`` and ``provider = aws.ALIAS``;
* ``module`` blocks: every object with an ``event_pattern`` key in the inputs, however deep (the
  terraform-aws-modules/eventbridge ``rules = { name = {...} }`` map, with ``bus_name``; a computed key such as
  ``"${var.env}-tamper"`` or ``(local.name)`` is evaluated, else shown as written), or an ``event_pattern`` input;
  of a module ctrules cannot read (a registry or git source, a local folder that is missing), an input named
  ``*pattern*`` whose value is an event pattern (JSON text or ``jsonencode``), or a map of them;
* local modules (``source = "./modules/x"``): in a folder tree, each call reads the module's folder with the call's
  inputs as its variables (nested calls too); a module folder that was not given is named as not checked;
* Terragrunt ``inputs`` (an object or any expression, e.g. ``merge(local.common, {...})``) the same way, and the
  ``inputs`` of the files it ``include``s (``find_in_parent_folders("root.hcl")``, a path; cycles cut);
* ``provider "aws"`` ``region`` (per alias) when literal;
* ``resource "aws_cloudwatch_event_target"``: the ``input_path`` and ``input_transformer`` paths of the targets
  of a rule of the module (:mod:`ctrules.inputs.terraform_targets`, for CTR016);
* ``resource "aws_cloudtrail"``: the eventSources whose data events it logs (``event_selector``/
  ``advanced_event_selector`` blocks with literal resource types), which cover the rules of every file of the
  module (CTR006). A trail whose ``count``, ``for_each`` or ``enable_logging`` is not literal may not exist or
  log: it covers nothing.

A comment ``# ctrules:acknowledge CTR005 <reason>`` right above a rule's block (resource, module, ``inputs``) or
module entry, or inside it, acknowledges that finding on its rules (:mod:`ctrules.inputs.acknowledgements`).

A Terraform module is a directory: the locals, variables and providers of a file's sibling ``.tf`` files are in
scope when one file is linted, and its variable definition files in Terraform's order (``terraform.tfvars``,
``terraform.tfvars.json``, then ``*.auto.tfvars``/``*.auto.tfvars.json`` by name; the last wins). Standard input
is read alone. Symbolic links to folders inside the repository are followed.

One module of ~1,350 lines on purpose: its sections (syntax helpers, the module's scope, rules, files, Terragrunt
includes, module calls) all work on the same parse trees, module scopes and rule builders. What stands alone lives
apart: expression evaluation (``_hcl_eval``), the JSON syntax (``terraform_json``), targets
(``terraform_targets``), trails (``trails``) and acknowledgement comments (``acknowledgements``).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from lark import Token, Tree

from ctrules.catalog.model import ENVELOPE_FIELDS
from ctrules.inputs._hcl_eval import (
    MAX_DEPTH,
    Budget,
    BudgetError,
    Encoded,
    Node,
    Scope,
    Unknown,
    elements,
    end_line_of,
    evaluate,
    first_unknown,
    is_partial,
    kids,
    line_of,
    measure,
    partial,
    reference,
    source_text,
    text_of,
)
from ctrules.inputs._model import (
    OPAQUE_KEY,
    DataTrail,
    Defect,
    InputError,
    InputFile,
    ReadResult,
    RuleProblem,
    TemplateRule,
    json_path,
    make_rule,
)
from ctrules.inputs.acknowledgements import COMMENT_MARK, from_comment
from ctrules.inputs.document import parse_document, read_text
from ctrules.inputs.hcl_names import is_hcl_name, looks_like_hcl
from ctrules.inputs.limits import STDIN_NAME
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


def parse_hcl(text: str, shown: str) -> Node:
    """Parse HCL text into python-hcl2's Lark tree.

    :raises InputError: one line naming the file, where the parser stopped, and :data:`HCL_HINT`.
    """
    try:
        # The newline: python-hcl2's own workaround for a statement on the last line (its api.parses_to_tree).
        tree: Node = _parser().parse(text + "\n")
    except RecursionError:
        raise InputError(shown, f"HCL nested too deeply to read; {HCL_HINT}") from None
    except Exception as exc:  # lark's UnexpectedInput and friends
        line, column = getattr(exc, "line", None), getattr(exc, "column", None)
        where = f" at line {line}, column {column}" if isinstance(line, int) and line > 0 else ""
        raise InputError(shown, f"cannot read this file as Terraform/Terragrunt HCL{where}; {HCL_HINT}") from None
    return tree


def _cache_file() -> str | bool:
    """Where the grammar's parse tables are kept: a file in ctrules' cache folder (``$CTRULES_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/ctrules``, else ``~/.cache/ctrules``), or nowhere (``False``) when it cannot be made.
    Never python-hcl2's own folder, which its ``parses_to_tree`` writes into (site-packages)."""
    import lark
    from hcl2.version import version

    folder = os.environ.get("CTRULES_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ctrules"
    )
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return False
    if not os.access(folder, os.W_OK):
        return False
    return os.path.join(folder, f"hcl2-{version}-lark-{lark.__version__}-nopos.bin")


#: python-hcl2's terminals whose regular expressions repeat a group once per character, and the same languages
#: written so that Python's ``re`` keeps no backtracking state per character: possessive repeats (Python 3.11) and a
#: heredoc body read line by line. The originals cost ~120-200 bytes of memory per byte of a long string, block
#: comment or heredoc (a 20 MB .tf took over 3.5 GB); the rewrites match exactly the same text (a lexer's match is
#: never backtracked into: nothing follows it in its terminal).
_TERMINAL_REWRITES: Final = (
    (
        r'/(?:(?!\$\$\{)(?!\$\{)(?!%%\{)(?!%\{)[^"\\]|\\.|(?:\$(?!\$?\{))|(?:%(?!%?\{)))+/',
        r'/(?:(?!\$\$\{)(?!\$\{)(?!%%\{)(?!%\{)[^"\\]|\\.|(?:\$(?!\$?\{))|(?:%(?!%?\{)))++/',
    ),
    (r"/\/\*(.|\n)*?(\*\/)/", r"/\/\*(?:[^*]++|\*(?!\/))*+\*\//"),
    (r"\r?\n(?:(?:.|\n)*?\r?\n)??\s*(?P=heredoc)\r?\n/", r"\r?\n(?:[^\n]*+\n)*?\s*(?P=heredoc)\r?\n/"),
    (
        r"\r?\n(?:(?:.|\n)*?\r?\n)??\s*(?P=heredoc_trim)\r?\n/",
        r"\r?\n(?:[^\n]*+\n)*?\s*(?P=heredoc_trim)\r?\n/",
    ),
)


def _grammar() -> tuple[str, bool]:
    """python-hcl2's grammar text, with :data:`_TERMINAL_REWRITES` applied when every original is found and Python
    has possessive repeats (3.11); and whether they were."""
    import hcl2.parser

    text = (Path(hcl2.parser.__file__).parent / "hcl2.lark").read_text(encoding="utf-8")
    if sys.version_info < (3, 11) or not all(text.count(old) == 1 for old, _ in _TERMINAL_REWRITES):
        return text, False
    for old, new in _TERMINAL_REWRITES:
        text = text.replace(old, new)
    return text, True


@lru_cache(maxsize=1)
def _parser() -> Any:
    """python-hcl2's grammar (with :data:`_TERMINAL_REWRITES`) and post-lexer, built as its ``hcl2.parser.parser()``
    builds them (without positions on the tree nodes), cached by us."""
    import hcl2.parser
    from hcl2.postlexer import PostLexer
    from lark import Lark

    grammar, rewritten = _grammar()
    cache = _cache_file()
    if isinstance(cache, str) and rewritten:
        cache = cache.replace("-nopos.bin", "-nopos-linear.bin")
    return Lark(
        grammar,
        parser="lalr",
        cache=cache,
        import_paths=[os.path.dirname(hcl2.parser.__file__)],
        propagate_positions=False,  # lines come from the tokens (``_hcl_eval.line_of``): faster, far less memory
        postlex=PostLexer(),
    )


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


def _tfvars_files(directory: Path) -> list[Path]:
    """The variable definition files Terraform loads automatically, in its order (a later file wins):
    ``terraform.tfvars``, ``terraform.tfvars.json``, then ``*.auto.tfvars`` and ``*.auto.tfvars.json`` in
    lexical order of their names.

    Evidence: the Terraform language docs, "Variable Definition Precedence"
    (https://developer.hashicorp.com/terraform/language/values/variables#variable-definition-precedence).
    """
    auto = sorted(
        (p for p in directory.glob("*.auto.tfvars*") if p.name.endswith((".auto.tfvars", ".auto.tfvars.json"))),
        key=lambda p: p.name,
    )
    return [p for p in (directory / "terraform.tfvars", directory / "terraform.tfvars.json", *auto) if p.is_file()]


def _tfvars(directory: Path, module: _Module) -> None:
    """Assign the module's variables from its variable definition files (see :func:`_tfvars_files`).

    :raises InputError: a file that cannot be read (Terraform refuses it too: the values would be guesses).
    """
    for path in _tfvars_files(directory):
        shown = str(path)
        text = read_text(path, shown)
        if path.name.endswith(".json"):
            doc = parse_document(text, shown)
            if not isinstance(doc, dict):
                raise InputError(shown, "a .tfvars.json file whose top level is not a JSON object")
            module.scope.values.update(doc)
            continue
        tree = parse_hcl(text, shown)
        try:
            for key, node in _attributes(_body(tree)).items():
                module.scope.values[key] = partial(node, Scope(budget=module.scope.budget))
        except BudgetError as exc:
            raise _budget_error(shown, exc) from None


def _budget_error(shown: str, exc: BudgetError) -> InputError:
    return InputError(
        shown,
        f"line {exc.line}: {exc.budget}, over ctrules' evaluation budget: simplify the expression, or {HCL_HINT}",
    )


def _module_for(directory: Path | None, trees: dict[Path, tuple[str, Node]]) -> _Module:
    """The module of a directory from its parsed ``.tf`` files (path -> (name shown, tree)); no variable
    definition files when ``directory`` is ``None`` (standard input)."""
    module = _Module()
    for shown, tree in trees.values():
        _collect(tree, module, shown)
    if directory is not None:
        _located(module, directory)
        _tfvars(directory, module)
    return module


def _located(module: _Module, folder: Path, root: Path | None = None) -> _Module:
    """Give the module its folder (``path.module``, ``file()``) and repository (nothing is read outside it)."""
    module.scope.folder = folder
    module.scope.root = root if root is not None else _repository(folder)
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
        # Lines as the parser counts them: only "\n" ends a line (HCL's newline is LF or CRLF), so a Unicode line
        # separator, form feed, NEL or lone CR inside a line never moves a comment onto another rule.
        return cls(comments, text.split("\n"), json_syntax) if comments else None

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
    return line_of(node), end_line_of(node)


def _lazy(node: Node, scope: Scope) -> Callable[[], Any]:
    """The value of a node as far as known, evaluated when first asked for (see :func:`_strict`)."""
    return lambda: partial(node, scope)


def _const(value: Any) -> Callable[[], Any]:
    return lambda: value


def _strict(value: Any) -> Any:
    """A value with an unknown part is unknown as a whole (a bus name, a State, a region)."""
    return first_unknown(value) if is_partial(value) else value


def _state(obj: _Obj, enabled_first: bool, upper: bool) -> Any:
    def enabled() -> Any:
        for key in ("enabled", "is_enabled"):
            if key in obj.values:
                value = _strict(obj.values[key]())
                return ("ENABLED" if value else "DISABLED") if isinstance(value, bool) else value
        return None

    def state() -> Any:
        if "state" not in obj.values:
            return None
        value = _strict(obj.values["state"]())
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
    budget: Budget | None = None,
) -> TemplateRule | None:
    pattern = obj.values["event_pattern"]()
    if pattern is None or pattern == "":
        return None  # a schedule-only rule
    for key in ("event_bus_name", "bus_name"):
        if key in obj.values:
            bus = _strict(obj.values[key]())
            break
    if "region" in obj.values:
        own = _strict(obj.values["region"]())
        region = own if isinstance(own, str) and own else region
    state = _state(obj, enabled_first, upper_state)
    if budget is not None:  # a pattern given as a value (not jsonencode'd text) may share parts many times over
        measure(pattern, budget, obj.line)
    parts: list[tuple[str, str]] = []
    if isinstance(pattern, Encoded):
        pattern = pattern.data
    if not isinstance(pattern, Unknown) and is_partial(pattern):
        pattern = _opaque(pattern, (), parts, obj.line)
    rule = make_rule(label, pattern, state, bus, name=label, location=("event_pattern",), anchors=(), kind=kind)
    rule.region, rule.line = region, obj.line
    if isinstance(pattern, Unknown):
        rule.pattern, rule.deploy_time, rule.known_at, rule.unknown = None, True, "plan", pattern.reason
    elif parts:
        rule.unknown_parts = tuple(parts)
    return rule


def _opaque(value: Any, at: tuple[str | int, ...], parts: list[tuple[str, str]], line: int) -> Any:
    """A partly known pattern as plain data: each unknown part becomes ``{OPAQUE_KEY: why}``, which the checks read as
    an intrinsic (unknown), and is listed in ``parts`` as (JSON path, why)."""
    if len(at) > MAX_DEPTH:
        raise BudgetError(f"an event pattern nested more than {MAX_DEPTH} levels", line)
    if isinstance(value, Unknown):
        parts.append((json_path(at), value.reason))
        return {OPAQUE_KEY: value.reason}
    if isinstance(value, Encoded):  # a JSON string inside the pattern: not a valid pattern value either way
        found = first_unknown(value)
        reason = found.reason if found is not None else "a JSON string that is not fully known"
        parts.append((json_path(at), reason))
        return {OPAQUE_KEY: reason}
    if isinstance(value, dict):
        return {k: _opaque(v, (*at, k), parts, line) if is_partial(v) else v for k, v in value.items()}
    if isinstance(value, list):
        return [_opaque(v, (*at, i), parts, line) if is_partial(v) else v for i, v in enumerate(value)]
    return value


def _plan_time(label: str, line: int, kind: str, reason: str) -> TemplateRule:
    """A place that may hold rules, but whose value is known only at plan time."""
    rule = make_rule(label, None, None, None, name=label, location=(), anchors=(), kind=kind)
    rule.deploy_time, rule.known_at, rule.unknown, rule.line = True, "plan", reason, line
    return rule


def _key_label(key: Any, key_node: Node) -> str:
    """How to name an entry of a map: its key, or the key's expression when it is computed from unknown values."""
    return key if isinstance(key, str) else source_text(key_node).strip()


def _syntax_obj(node: Node, scope: Scope) -> _Obj | None:
    elems = elements(node, scope)
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


_LAST_NAME = re.compile(r'(?:\.([^.\["]+)|\["((?:[^"\\]|\\.)*)"\])(?:\[\d+\])*$')


def _may_hold_rules(label: str) -> bool:
    """True when the last name of a place (``rules``, ``event_rules["x"]``; not ``triggers["ScanAmiRule"]["arn"]``)
    says it may hold rules or patterns."""
    found = _LAST_NAME.search(label)
    name = (found.group(1) or found.group(2) or "") if found else label
    return any(w in name.lower() for w in _RULE_WORDS)


def _find(
    node: Node | None,
    value: Any,
    label: str,
    line: int,
    scope: Scope,
    depth: int = 0,
    memo: dict[int, tuple[Any, int, int]] | None = None,
) -> Iterator[tuple[str, _Obj | Unknown]]:
    """Objects with an ``event_pattern`` key inside a module input, from its syntax (``node``) or value.

    Never silently fewer: a map entry whose key is computed is named by its expression; a value nested deeper
    than :data:`MAX_DEPTH` is refused (:class:`BudgetError`); an unknown value where rules may be is reported.

    :param memo: containers of the value already walked that hold nothing to report, by id (each with the work its
        walk cost and its height): a value that shares parts many times over is charged for every visit, as if
        walked again, without walking them again.
    """
    _visit(depth, line, scope)
    if memo is None:
        memo = {}
    if node is not None:
        obj = _syntax_obj(node, scope)
        if obj is not None:
            if "event_pattern" in obj.values:
                yield label, obj
                return
            for key, key_node, child in elements(node, scope) or []:
                where = f"{label}[{_key_label(key, key_node)}]" if not isinstance(key, str) else f'{label}["{key}"]'
                yield from _find(child, None, where, line_of(child), scope, depth + 1, memo)
            return
        inner = node
        while inner.data == "expr_term" and len(kids(inner)) == 1:
            inner = kids(inner)[0]
        if inner.data == "tuple":
            for i, child in enumerate(c for c in kids(inner) if isinstance(c, Tree)):
                yield from _find(child, None, f"{label}[{i}]", line_of(child), scope, depth + 1, memo)
            return
        value = partial(node, scope)
    yield from _in_value(value, label, line, scope, depth, memo)


def _visit(depth: int, line: int, scope: Scope) -> None:
    """Count one visit of a module input's part at ``depth`` (a value may share parts many times over: each visit
    counts), refusing one nested too deeply."""
    if depth > MAX_DEPTH:
        raise _too_deep(line)
    scope.budget.charge(1, line)


def _too_deep(line: int) -> BudgetError:
    return BudgetError(f"module inputs nested more than {MAX_DEPTH} levels", line)


def _in_value(
    value: Any, label: str, line: int, scope: Scope, depth: int, memo: dict[int, tuple[Any, int, int]]
) -> Generator[tuple[str, _Obj | Unknown], None, tuple[bool, int]]:
    """:func:`_find` in a value (its visit already charged); returns (something was reported, the value's height)."""
    if isinstance(value, Unknown):
        if _may_hold_rules(label):
            yield label, value
            return True, 0
        return False, 0
    if not isinstance(value, (dict, list)) or isinstance(value, Encoded):
        return False, 0
    seen = memo.get(id(value))
    if seen is not None:  # walked before and held nothing: charged as if walked again
        _, work, height = seen
        if depth + height > MAX_DEPTH:
            raise _too_deep(line)
        scope.budget.charge(work, line)
        return False, height
    if isinstance(value, dict) and "event_pattern" in value:
        yield label, _Obj({k: _const(v) for k, v in value.items()}, line)
        return True, 0
    before = scope.budget.work
    children = (
        ((f'{label}["{key}"]', child) for key, child in value.items())
        if isinstance(value, dict)
        else ((f"{label}[{i}]", child) for i, child in enumerate(value))
    )
    found, height = False, 0
    for where, child in children:
        _visit(depth + 1, line, scope)
        held, below = yield from _in_value(child, where, line, scope, depth + 1, memo)
        found = found or held
        height = max(height, below + 1)
    if not found:
        memo[id(value)] = (value, scope.budget.work - before, height)  # the value is kept: its id stays its own
    return found, height


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
        rule = _rule(label, top, kind=kind, bus=bus, region=region, budget=scope.budget)
        if rule is not None:
            if notes is not None:
                notes.acknowledge(rule, [*outer, *notes.above(top.line)])
            yield rule
    # A local module that exists is read with the call's inputs (its resources say how they are used).
    local = (
        isinstance(source, str)
        and source.startswith(("./", "../"))
        and scope.folder is not None
        and (scope.folder / source).is_dir()
    )
    for key, node in inputs.items():
        if key in ("event_pattern", "source", "providers", "depends_on"):
            continue
        held = False
        for where, found in _find(node, None, f"{label}.{key}", line_of(node), scope):
            held = True
            if isinstance(found, Unknown):
                yield _plan_time(where, line_of(node), kind, found.reason)
                continue
            # terraform-aws-modules/eventbridge: state = enabled ? ... : upper(state) (its main.tf)
            rule = _rule(
                where, found, kind=kind, bus=bus, region=region, enabled_first=eb, upper_state=eb, budget=scope.budget
            )
            if rule is not None:
                if notes is not None:
                    own = [*notes.above(found.span[0]), *notes.inside(found.span)] if found.span else []
                    notes.acknowledge(rule, [*outer, *own])
                yield rule
        if held or local or "pattern" not in key.lower():
            continue
        # A module ctrules cannot read that takes its pattern under another name (event_pattern_rule = <<PATTERN,
        # a map of patterns): an input whose value is an event pattern is checked as one.
        for where, pattern in _pattern_inputs(f"{label}.{key}", partial(node, scope)):
            obj = _Obj({"event_pattern": _const(pattern)}, line_of(node))
            rule = _rule(where, obj, kind=kind, bus=bus, region=region, budget=scope.budget)
            if rule is not None:
                if notes is not None:
                    notes.acknowledge(rule, [*outer, *notes.above(line_of(node))])
                yield rule


#: What an event pattern's own keys can be: the fields of an EventBridge event's envelope, and ``$or``.
_PATTERN_KEYS: Final = ENVELOPE_FIELDS | {"$or"}


def _pattern_inputs(label: str, value: Any) -> list[tuple[str, Any]]:
    """(label, pattern) of a module input that is an event pattern, or of each entry of a map of them: JSON text (or
    ``jsonencode`` of an object) whose keys are event fields, ``source`` or ``detail-type`` among them. Text that
    starts like such a pattern but is no JSON is kept too (the checks report it as malformed)."""
    entries = value.items() if isinstance(value, dict) and not _is_pattern_value(value) else ()
    candidates = [(f'{label}["{k}"]', v) for k, v in entries] or [(label, value)]
    return [(where, v) for where, v in candidates if _is_pattern_value(v)]


def _is_pattern_value(value: Any) -> bool:
    if isinstance(value, Encoded):
        value = value.data
    if isinstance(value, str):
        text = value.strip()
        if not text.startswith("{"):
            return False
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return '"detail-type"' in text or '"source"' in text
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and k in _PATTERN_KEYS for k in value)
        and ("source" in value or "detail-type" in value)
    )


def _expansions(address: str, attrs: dict[str, Node], scope: Scope) -> list[tuple[str, dict[str, Any]]]:
    """The instances of a resource: one per key of a known ``for_each`` (``each.key``/``each.value`` bound, named
    ``address["key"]``), one per index of a known ``count`` (``count.index``), else the resource itself (``each``
    and ``count`` then stay unknown, and so do the values that use them).

    A ``count`` of 0 or an empty ``for_each`` drops the resource only when no variable's default decides it: a
    feature flag off by default (``count = var.enabled ? 1 : 0``) is turned on by ``*.tfvars``, ``-var`` or the
    module's caller, so the rule is still checked, as the resource itself.
    """
    instances: list[tuple[str, dict[str, Any]]] | None = None
    key = "for_each" if "for_each" in attrs else "count" if "count" in attrs else None
    if key == "for_each":
        each = evaluate(attrs["for_each"], scope)
        if isinstance(each, dict):
            instances = [(f'{address}["{k}"]', {"each": {"key": k, "value": v}}) for k, v in sorted(each.items())]
        elif isinstance(each, list) and all(isinstance(v, str) for v in each):
            instances = [(f'{address}["{v}"]', {"each": {"key": v, "value": v}}) for v in sorted(set(each))]
    elif key == "count":
        count = evaluate(attrs["count"], scope)
        if isinstance(count, int) and not isinstance(count, bool) and 0 <= count <= 10_000:
            instances = [(f"{address}[{i}]", {"count": {"index": i}}) for i in range(count)]
    if instances is None:
        return [(address, {})]
    if not instances and key is not None and _unknown_without_defaults(attrs[key], scope):
        return [(address, {})]
    return instances


def _unknown_without_defaults(node: Node, scope: Scope) -> bool:
    """Does the value of ``node`` depend on a variable's default (unknown once defaults are set aside)?"""
    try:
        value = evaluate(node, scope.without_defaults())
    except BudgetError:
        return True
    return isinstance(value, Unknown) or is_partial(value)


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
            if "event_pattern" not in attrs:
                continue
            for label, each in _expansions(f"{_RULE}.{labels[1]}", attrs, scope):
                inner = scope.child(each) if each else scope
                obj = _Obj({k: _lazy(n, inner) for k, n in attrs.items()}, line_of(attrs["event_pattern"]))
                bus = evaluate(attrs["event_bus_name"], inner) if "event_bus_name" in attrs else None
                region = _provider_region(attrs, module) if "provider" in attrs else default_region
                rule = _rule(label, obj, kind=_RULE, bus=bus, region=region, budget=scope.budget)
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
            for label, each in _expansions(f"module.{labels[0]}", attrs, scope):
                # A known for_each/count: the instances read it through each/count; it is not searched itself.
                given = {k: n for k, n in attrs.items() if k not in ("for_each", "count")} if each else attrs
                inner = scope.child(each) if each else scope
                yield from _inputs_rules(label, given, inner, kind_text, src, region, notes, outer)
        elif kind == "terraform" and terragrunt and "source" in attrs:
            source = evaluate(attrs["source"], scope)
    if terragrunt:
        inputs = _attributes(body).get("inputs")
        if inputs is not None:
            yield from _terragrunt_inputs(inputs, scope, source, default_region, notes)


def _terragrunt_inputs(
    inputs: Node, scope: Scope, source: Any, region: str | None, notes: _Notes | None
) -> Iterator[TemplateRule]:
    """Rules in Terragrunt's ``inputs``: an object literal, or any expression (``merge(local.common, {...})``)."""
    outer = notes.above(line_of(inputs)) if notes is not None else []
    elems = elements(inputs, scope)
    if elems is not None:
        attrs = {k: n for k, _, n in elems if isinstance(k, str)}
        yield from _inputs_rules("inputs", attrs, scope, "terragrunt inputs", source, region, notes, outer)
        for key, key_node, value_node in elems:
            if not isinstance(key, str):  # a computed input name: its value may still hold rules
                label = f"inputs[{_key_label(key, key_node)}]"
                found = _find(value_node, None, label, line_of(value_node), scope)
                yield from _found_rules(found, "terragrunt inputs", None, scope.budget)
        return
    # Any other expression: its value, as far as known, read the same way (the syntax of the parts is lost).
    value = partial(inputs, scope)
    if isinstance(value, Unknown):
        # Counted only where rules may be: an EventBridge module, or inputs that name rules or patterns (most
        # Terragrunt inputs built from read_terragrunt_config() hold no rule at all).
        eventbridge = isinstance(source, str) and "eventbridge" in source.lower()
        if eventbridge or _mentions_rules(inputs):
            yield _plan_time("inputs", line_of(inputs), "terragrunt inputs", value.reason)
        return
    if not isinstance(value, dict):
        return
    line = line_of(inputs)
    if "event_pattern" in value:
        rule = _rule(
            "inputs",
            _Obj({k: _const(v) for k, v in value.items()}, line),
            kind="terragrunt inputs",
            bus=None,
            region=region,
            budget=scope.budget,
        )
        if rule is not None:
            if notes is not None:
                notes.acknowledge(rule, outer)
            yield rule
    for key, child in value.items():
        if key in ("event_pattern", "source", "providers", "depends_on"):
            continue
        found = _find(None, child, f"inputs.{key}", line, scope)
        for rule in _found_rules(found, "terragrunt inputs", region, scope.budget):
            if notes is not None:
                notes.acknowledge(rule, outer)
            yield rule


def _mentions_rules(node: Node) -> bool:
    """True when an expression's names or strings say rule or pattern (``local.rules``, ``"event_pattern"``)."""
    return any(
        isinstance(t, Token) and any(w in str(t).lower() for w in _RULE_WORDS)
        for t in node.scan_values(lambda v: isinstance(v, Token))
    )


def _found_rules(
    found: Iterator[tuple[str, _Obj | Unknown]], kind: str, region: str | None = None, budget: Budget | None = None
) -> Iterator[TemplateRule]:
    for where, obj in found:
        if isinstance(obj, Unknown):
            yield _plan_time(where, 1, kind, obj.reason)
            continue
        rule = _rule(where, obj, kind=kind, bus=None, region=region, budget=budget)
        if rule is not None:
            yield rule


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
    except BudgetError as exc:
        raise _budget_error(shown, exc) from None
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
    """A file of a Terraform module (``.tf``, ``.tf.json``, or OpenTofu's ``.tofu``, ``.tofu.json``)."""
    return path.suffix in (".tf", ".tofu") or is_tf_json_name(path.name)


def read_hcl_file(path: Path, shown: str, text: str | None = None, *, json_syntax: bool = False) -> InputFile:
    """Read one ``.tf``, ``.tf.json`` or Terragrunt ``.hcl`` file, with its directory's ``.tf`` and ``.tf.json``
    files (and variable definition files) in scope; standard input (``<stdin>``) alone, borrowing nothing from
    the current folder.

    :param json_syntax: read the text as Terraform JSON syntax whatever the file's name (a ``.tf.json`` file is).

    :raises InputError: when the file cannot be parsed (one line, with :data:`HCL_HINT`).
    """
    text = read_text(path, shown) if text is None else text
    tree, json = _parse_file(path, shown, text, json_syntax)
    terragrunt = path.suffix == ".hcl"
    alone = shown == STDIN_NAME
    broken: list[Defect] = []
    try:
        if terragrunt:
            module = _Module() if alone else _located(_Module(), path.parent)
            _collect(tree, module, shown)
            trees: dict[Path, tuple[str, Node]] = {}
        else:
            trees = {path.resolve(): (shown, tree)}
            siblings = [] if alone or not path.parent.is_dir() else _module_files(path.parent)
            for sibling in siblings:
                if sibling.resolve() in trees:
                    continue
                try:
                    parsed = _parse_file(sibling, str(sibling), read_text(sibling, str(sibling)))[0]
                    trees[sibling.resolve()] = (str(sibling), parsed)
                except InputError as exc:  # its locals and variables stay unknown here: said, not silent
                    why = exc.message.split(";")[0]
                    broken.append(
                        Defect(
                            f"{sibling.name}, a file of this module, could not be read ({why}): the variables, locals "
                            "and providers it declares are unknown here, so values that use them are not checked",
                            f"fix {sibling.name}, or lint it alone to see why",
                            1,
                        )
                    )
            module = _module_for(None if alone else path.parent, trees)
        kind = "Terragrunt configuration" if terragrunt else "Terraform configuration"
        rules = _rules(tree, module, terragrunt, shown, text, json)
        if terragrunt and not alone:
            rules.extend(_included_rules(path, tree, shown))
        if not terragrunt:  # the targets of the module's files read their rules' events (CTR016)
            attach_hcl_targets(rules, [t for _, t in trees.values()], module.scope)
            if not alone:
                rules.extend(_modules_not_given(tree, module, path.parent, None, rules))
        return InputFile(shown, kind, rules, None, text, data_trails=dict(module.data_trails), defects=broken)
    except BudgetError as exc:
        raise _budget_error(shown, exc) from None


def _module_files(folder: Path) -> list[Path]:
    names = [p.name for p in folder.iterdir() if _module_file(p) and p.is_file()]
    return [folder / n for n in _tofu_wins(names)]


def _tofu_wins(names: list[str]) -> list[str]:
    """Module file names as OpenTofu reads them: ``x.tofu`` replaces ``x.tf`` (and ``x.tofu.json`` ``x.tf.json``);
    Terraform itself reads no ``.tofu`` file, and a folder has both only for OpenTofu. Sorted."""
    present = set(names)
    out = []
    for n in names:
        for tf, tofu in ((".tf.json", ".tofu.json"), (".tf", ".tofu")):
            if n.endswith(tf):
                if n[: -len(tf)] + tofu in present:
                    break
                out.append(n)
                break
        else:
            out.append(n)
    return sorted(out)


# ------------------------------------------------------------------------------------------- terragrunt

#: The most includes followed from one Terragrunt file (Terragrunt itself allows one level; a chain is refused).
_MAX_INCLUDES = 8


def _include_path(node: Node, base: Path) -> Path | None:
    """The file an ``include`` block's ``path`` names, when ctrules can tell (else ``None``: the include is not
    followed; Terragrunt itself fails on a path that names no file).

    ``find_in_parent_folders()`` / ``find_in_parent_folders("root.hcl")`` look up from the including file's
    parent folder (Terragrunt's built-in function; no name means ``terragrunt.hcl``); ``get_terragrunt_dir()`` is
    the including file's folder and ``get_repo_root()`` the folder above it holding ``.git``; a relative path is
    relative to the including file's folder.
    """
    inner = node
    while inner.data == "expr_term" and len(kids(inner)) == 1:
        inner = kids(inner)[0]
    if inner.data == "function_call":
        parts = [c for c in kids(inner) if isinstance(c, Tree)]
        args = next((p for p in parts[1:] if p.data == "arguments"), None)
        values = [evaluate(a, Scope()) for a in kids(args) if isinstance(a, Tree)] if args is not None else []
        if text_of(parts[0]) != "find_in_parent_folders" or len(values) > 1:
            return None
        wanted = values[0] if values else "terragrunt.hcl"
        if not isinstance(wanted, str) or not wanted or "\x00" in wanted:
            return None
        return next((f / wanted for f in list(base.resolve().parents)[:64] if (f / wanted).is_file()), None)
    text = source_text(node).strip()
    if not (text.startswith('"') and text.endswith('"')):
        return None
    text = text[1:-1].replace("${get_terragrunt_dir()}", str(base))
    if "${get_repo_root()}" in text:
        root = next((f for f in [base.resolve(), *base.resolve().parents] if (f / ".git").exists()), None)
        if root is None:
            return None
        text = text.replace("${get_repo_root()}", str(root))
    if "${" in text or "%{" in text or not text or "\x00" in text:
        return None
    target = base / text
    return target if target.is_file() else None


def _included_rules(path: Path, tree: Node, shown: str) -> list[TemplateRule]:
    """The rules in the ``inputs`` of the files a Terragrunt file includes (and they include, cycles cut), where
    the including file does not set the same input (Terragrunt's default shallow merge: the child wins)."""
    own = _attributes(_body(tree)).get("inputs")
    own_keys = {k for k, _, _ in elements(own) or [] if isinstance(k, str)} if own is not None else set()
    out: list[TemplateRule] = []
    seen = {path.resolve()}
    todo: list[tuple[Path, Node, int]] = [(path, tree, 0)]
    while todo:
        current, current_tree, depth = todo.pop(0)
        for kind, labels, block in _blocks(_body(current_tree)):
            if kind != "include":
                continue
            attrs = _attributes(block)
            line = line_of(block) if current == path else 1
            label = f"include.{labels[0]}" if labels else "include"
            if "path" not in attrs:
                continue
            target = _include_path(attrs["path"], current.parent)
            if target is None or target.resolve() in seen or depth >= _MAX_INCLUDES:
                continue  # a cycle (or a chain too long): each file is read once
            seen.add(target.resolve())
            target_shown = os.path.relpath(target.resolve(), path.parent.resolve())
            try:
                text = read_text(target, target_shown)
                parsed = parse_hcl(text, target_shown)
            except InputError as exc:
                why = f"{target_shown} cannot be read: {exc.message}"
                out.append(_plan_time(label, line, "terragrunt include", why))
                continue
            module = _located(_Module(), target.parent)
            _collect(parsed, module, target_shown)
            inputs = _attributes(_body(parsed)).get("inputs")
            if inputs is not None:
                for rule in _terragrunt_inputs(inputs, module.scope, None, None, _Notes.of(text, parsed)):
                    top = rule.label.split("[", 1)[0].split(".")
                    if len(top) > 1 and top[1] in own_keys:
                        continue  # the including file sets this input itself
                    rule.name = rule.logical_id = f"{rule.label} (included from {target_shown})"
                    rule.line = line_of(block) if current == path else rule.line
                    out.append(rule)
            todo.append((target, parsed, depth + 1))
    return out


# ------------------------------------------------------------------------------------------------ modules


def _local_source(value: Any) -> bool:
    """A module source that is a folder of the repository (a NUL byte makes it no path at all)."""
    return isinstance(value, str) and value.startswith(("./", "../", ".\\", "..\\")) and "\x00" not in value


def _modules_not_given(
    tree: Node, module: _Module, folder: Path, root: Path | None, found: list[TemplateRule]
) -> list[TemplateRule]:
    """A not-checked entry for each call of a local module whose folder was not read (outside ``root``, or any
    folder when one file is linted) and holds EventBridge rules: it names the folder to add. A call whose inputs
    already gave rules (``found``: the terraform-aws-modules/eventbridge ``rules`` map) has none: those are its
    rules."""
    out: list[TemplateRule] = []
    given = _calls_with_rules(found)
    trees: dict[Path, list[tuple[Path, str, str, Node]]] = {}
    for kind, labels, block in _blocks(_body(tree)):
        if kind != "module" or not labels or labels[0] in given:
            continue
        attrs = _attributes(block)
        src = evaluate(attrs["source"], module.scope) if "source" in attrs else None
        if not _local_source(src):
            continue
        target = (folder / str(src)).resolve()
        if root is not None and (target == root or root in target.parents):
            continue  # read with the folder
        if not target.is_dir() or not any("aws_cloudwatch_event_rule" in _peek(p) for p in _module_files(target)):
            continue  # no rules there (a missing folder: `terraform init` says so)
        if not _may_make_rules(target, attrs, module, trees):
            continue  # with the inputs of this call, the module makes no rule (e.g. `rules` left empty)
        shown = os.path.relpath(target)
        reason = f"its rules are in the local module {src}, which was not given: add the folder {shown} to the command"
        out.append(_plan_time(f"module.{labels[0]}", line_of(block), f"module {labels[0]} ({src})", reason))
    return out


def _may_make_rules(
    target: Path, attrs: dict[str, Node], caller: _Module, cache: dict[Path, list[tuple[Path, str, str, Node]]]
) -> bool:
    """Whether a module folder that was not given makes any rule when called with these inputs (read once, within
    the caller's budget; anything it cannot tell counts as yes)."""
    if target not in cache:
        parsed: list[tuple[Path, str, str, Node]] = []
        for path in _module_files(target):
            try:
                text = read_text(path, str(path))
                tree, _ = _parse_file(path, str(path), text)
            except InputError:
                return True
            parsed.append((path, str(path), text, tree))
        cache[target] = parsed
    module = _located(_Module(), target, caller.scope.root)
    module.scope.budget = caller.scope.budget
    module.scope.called = True
    for _, shown, _, tree in cache[target]:
        _collect(tree, module, shown)
    for key, node in attrs.items():
        if key not in _META_ARGUMENTS:
            module.scope.values[key] = partial(node, caller.scope)
    return any(next(_rules_in_tree(tree, module, False, None), None) is not None for _, _, _, tree in cache[target])


def _calls_with_rules(rules: list[TemplateRule]) -> set[str]:
    """The names of the module calls whose inputs gave rules (``module.NAME.rules["x"]``, ``module.NAME["k"]...``)."""
    return {
        r.label.split(".", 2)[1].split("[", 1)[0] for r in rules if r.label.startswith("module.") and "." in r.label
    }


def _peek(path: Path) -> str:
    try:
        return read_text(path, str(path))
    except InputError:
        return ""


def _repository(directory: Path) -> Path:
    """The repository a folder is in: the nearest folder holding ``.git`` (itself or above), else the folder."""
    real = directory.resolve()
    return next((f for f in [real, *real.parents] if (f / ".git").exists()), real)


def _walk(directory: Path) -> Iterator[tuple[Path, list[Path]]]:
    """(directory, its .tf/terragrunt.hcl files) for a folder and its subfolders, in a stable order.

    Symbolic links to folders inside the repository are followed (each real folder once); links leading outside
    it are not. The repository is the folder holding ``.git`` above ``directory``, else ``directory`` itself.
    """
    top = _repository(directory)
    seen: set[Path] = set()
    for root, dirs, files in os.walk(directory, followlinks=True):
        real = Path(root).resolve()
        if real in seen or (real != top and top not in real.parents):
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
        module_files = _tofu_wins([f for f in files if f.endswith((".tf", ".tf.json", ".tofu", ".tofu.json"))])
        chosen = sorted([*module_files, *(f for f in files if f == "terragrunt.hcl")])
        if chosen:
            yield Path(root), [Path(root) / f for f in chosen]


@dataclass
class _Folder:
    """One folder of a tree of Terraform/Terragrunt files, parsed: path -> (name shown, text, tree)."""

    path: Path
    shown: str
    trees: dict[Path, tuple[str, str, Node]]
    json_files: dict[Path, _JsonFile]

    def module_trees(self) -> dict[Path, tuple[str, Node]]:
        return {p: (s, t) for p, (s, _, t) in self.trees.items() if _module_file(p)}


#: Arguments of a ``module`` block that are not inputs of the module.
_META_ARGUMENTS = frozenset({"source", "version", "providers", "count", "for_each", "depends_on"})
#: The most module instances (calls of local modules, however nested) written out for one folder tree.
_MAX_INSTANCES = 500
#: The deepest chain of local module calls followed.
_MAX_CALL_DEPTH = 16


def read_terraform_dir(directory: Path, shown: str, result: ReadResult) -> bool:
    """Read every ``.tf``, ``.tf.json`` and ``terragrunt.hcl`` file under ``directory`` into ``result``.

    A folder that another folder of the tree calls as a local module (``source = "../modules/x"``) is read once per
    call, with the inputs of that call as its variables (however deeply calls nest; cycles are cut), and its rules
    are named ``module.NAME.<address>``; the other folders are root modules, read with their own variable
    definition files.

    :returns: False when the folder holds no such file (nothing was read).
    """
    top = directory.resolve()
    folders: dict[Path, _Folder] = {}
    for walked, paths in _walk(directory):
        folders.setdefault(walked.resolve(), _parse_folder(directory, shown, walked, paths, result))
    if not folders:
        return False
    calls = {real: [target for _, _, target in _local_calls(f, folders)] for real, f in folders.items()}
    called = {target for targets in calls.values() for target in targets}
    reached: set[Path] = set()
    todo = [real for real in folders if real not in called]
    while todo:  # folders only reached through a cycle of calls are read on their own
        real = todo.pop()
        if real not in reached:
            reached.add(real)
            todo.extend(calls[real])
    called &= reached
    instances = [0]
    for real, parsed_folder in folders.items():
        try:
            _read_folder(parsed_folder, result, top, folders, real in called, instances)
        except InputError as exc:
            result.errors.append(exc)
    return True


def _parse_folder(directory: Path, shown: str, folder: Path, paths: list[Path], result: ReadResult) -> _Folder:
    trees: dict[Path, tuple[str, str, Node]] = {}
    json_files: dict[Path, _JsonFile] = {}
    for path in paths:
        path_shown = str(Path(shown) / path.relative_to(directory))
        try:
            text = read_text(path, path_shown)
            tree, json = _parse_file(path, path_shown, text)
            trees[path] = (path_shown, text, tree)
            if json is not None:
                json_files[path] = json
        except InputError as exc:
            result.errors.append(exc)
    return _Folder(folder, str(Path(shown) / folder.relative_to(directory)), trees, json_files)


def _local_calls(folder: _Folder, folders: dict[Path, _Folder]) -> Iterator[tuple[str, dict[str, Node], Path]]:
    """(name, arguments, folder called) of the folder's calls of local modules that are folders of the tree."""
    for path, (_, _, tree) in folder.trees.items():
        if not _module_file(path):
            continue
        for kind, labels, block in _blocks(_body(tree)):
            if kind != "module" or not labels:
                continue
            attrs = _attributes(block)
            src = evaluate(attrs["source"], Scope()) if "source" in attrs else None
            if not _local_source(src):
                continue
            target = (folder.path / str(src)).resolve()
            if target in folders:
                yield labels[0], attrs, target


def _read_folder(
    folder: _Folder,
    result: ReadResult,
    top: Path,
    folders: dict[Path, _Folder],
    called: bool,
    instances: list[int],
) -> None:
    """Read one folder of a tree of Terraform/Terragrunt files into ``result`` (a folder that is ``called`` as a
    module gives its rules through its calls, not on its own)."""
    try:
        module = _module_for(folder.path, folder.module_trees()) if not called else _Module()
    except BudgetError as exc:
        raise _budget_error(folder.shown, exc) from None
    module_rules: list[TemplateRule] = []
    for path, (path_shown, text, tree) in folder.trees.items():
        terragrunt = path.suffix == ".hcl"
        if called and not terragrunt:
            continue
        scope = _located(_Module(), folder.path) if terragrunt else module
        try:
            if terragrunt:
                _collect(tree, scope, path_shown)
            rules = _rules(tree, scope, terragrunt, path_shown, text, folder.json_files.get(path))
            if terragrunt:
                rules.extend(_included_rules(path, tree, path_shown))
            else:
                rules.extend(_modules_not_given(tree, module, folder.path, top, rules))
            trails = dict(scope.data_trails)
        except BudgetError as exc:
            result.errors.append(_budget_error(path_shown, exc))
            continue
        except InputError as exc:
            result.errors.append(exc)
            continue
        kind = "Terragrunt configuration" if terragrunt else "Terraform configuration"
        result.files.append(InputFile(path_shown, kind, rules, None, text, data_trails=trails))
        if not terragrunt:
            module_rules.extend(rules)
    if called:
        return
    try:
        # A target may sit in another file of the module than its rule (CTR016).
        attach_hcl_targets(module_rules, [t for _, t in folder.module_trees().values()], module.scope)
        by_file: dict[str, tuple[str, list[TemplateRule], dict[str, DataTrail]]] = {}
        given = _calls_with_rules(module_rules)
        _instances(folder, module, "", [folder.path.resolve()], folders, top, instances, by_file, given)
    except BudgetError as exc:
        raise _budget_error(folder.shown, exc) from None
    for path_shown, (text, rules, trails) in by_file.items():
        result.files.append(InputFile(path_shown, "Terraform configuration", rules, None, text, data_trails=trails))


def _instances(
    caller: _Folder,
    caller_module: _Module,
    prefix: str,
    chain: list[Path],
    folders: dict[Path, _Folder],
    top: Path,
    instances: list[int],
    by_file: dict[str, tuple[str, list[TemplateRule], dict[str, DataTrail]]],
    given: set[str],
) -> None:
    """Write out the local modules ``caller`` calls, each with the inputs of its call, into ``by_file``
    (file shown -> (text, rules, trails)), and the modules they call in turn. A call in ``given`` already gave its
    rules through its inputs (a local copy of terraform-aws-modules/eventbridge and its ``rules`` map, reported at
    the lines where they are written): it is not written out again."""
    for name, attrs, target in _local_calls(caller, folders):
        if name in given:
            continue
        for label, each in _expansions(f"{prefix}module.{name}", attrs, caller_module.scope):
            scope = caller_module.scope.child(each) if each else caller_module.scope
            _instance(label, attrs, target, scope, caller_module, chain, folders, top, instances, by_file)


def _instance(
    label: str,
    attrs: dict[str, Node],
    target: Path,
    scope: Scope,
    caller_module: _Module,
    chain: list[Path],
    folders: dict[Path, _Folder],
    top: Path,
    instances: list[int],
    by_file: dict[str, tuple[str, list[TemplateRule], dict[str, DataTrail]]],
) -> None:
    """One instance of a local module: its folder read with the inputs of the call (``scope``: the caller's, with
    ``each``/``count`` bound for an instance of a ``for_each``/``count`` call)."""
    line = line_of(next(iter(attrs.values()))) if attrs else 1
    if target in chain or len(chain) > _MAX_CALL_DEPTH:
        return  # a module that calls itself (through others): Terraform refuses it
    instances[0] += 1
    if instances[0] > _MAX_INSTANCES:
        raise BudgetError(f"more than {_MAX_INSTANCES} module instances (local modules calling each other)", line)
    child = folders[target]
    module = _located(_Module(), child.path, caller_module.scope.root)
    module.scope.budget = caller_module.scope.budget
    module.scope.called = True
    for _, tree in child.module_trees().values():
        _collect(tree, module, child.shown)
    for key, node in attrs.items():
        if key not in _META_ARGUMENTS:
            module.scope.values[key] = partial(node, scope)
    if not module.providers:  # a module without provider blocks uses the provider its caller passes
        module._regions = {None: _call_region(attrs, caller_module)}
    child_rules: list[TemplateRule] = []
    for path, (path_shown, text, tree) in child.trees.items():
        if not _module_file(path):
            continue
        rules = _rules(tree, module, False, path_shown, text, child.json_files.get(path))
        rules.extend(_modules_not_given(tree, module, child.path, top, rules))
        _, kept, trails = by_file.setdefault(path_shown, (text, [], {}))
        kept.extend(rules)
        trails.update(module.data_trails)
        child_rules.extend(rules)
    attach_hcl_targets(child_rules, [t for _, t in child.module_trees().values()], module.scope)
    given = _calls_with_rules(child_rules)
    for rule in child_rules:  # named after the targets are linked by the module's own addresses
        rule.name = rule.logical_id = f"{label}.{rule.label}"
    _instances(child, module, f"{label}.", [*chain, target], folders, top, instances, by_file, given)


def _call_region(attrs: dict[str, Node], caller: _Module) -> str | None:
    """The region of a module call's default ``aws`` provider: the one passed in ``providers``, else the caller's."""
    region = caller.regions.get(None)
    for key, _, value_node in elements(attrs["providers"]) or [] if "providers" in attrs else []:
        if key == "aws":
            ref = reference(value_node)
            if ref is not None and ref[0] == "aws":
                alias = ref[1][0] if ref[1] and isinstance(ref[1][0], str) else None
                region = caller.regions.get(alias)
    return region
