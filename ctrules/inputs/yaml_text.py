"""YAML documents with CloudFormation's short-form tags, read with the limits of :mod:`ctrules.inputs.limits`.

Imported only when a YAML text is read (:func:`ctrules.inputs.document.parse_document`): JSON inputs, the most
common, never pay for importing PyYAML. A JSON file with a key given twice comes here too, for that key's line.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

import yaml

from ctrules.inputs._model import HUGE_NUMBER, InputError, is_huge_number_error
from ctrules.inputs.document import DuplicateKeyError
from ctrules.inputs.limits import check_yaml

__all__ = ["CfnYamlLoader", "duplicate_line", "json_duplicates", "parse_yaml"]


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


#: Keys and values that show a YAML value holds an EventBridge rule (a duplicate key that drops it drops a rule).
_RULE_MARKS = frozenset({"AWS::Events::Rule", "EventPattern", "eventBridge", "cloudwatchEvent", "EventBridgeRule",
                         "CloudWatchEvent", "event_pattern"})  # fmt: skip


def _holds_rule(node: yaml.Node, budget: int = 400) -> bool:
    """True when a YAML value (a resource, a function) holds an EventBridge rule, looking at most ``budget`` nodes."""
    stack = [node]
    while stack and budget > 0:
        budget -= 1
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            if n.value in _RULE_MARKS:
                return True
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack += (k, v)
        elif isinstance(n, yaml.SequenceNode):
            stack += n.value
    return False


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_mapping_once(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    """A YAML mapping; a key given twice is refused (see :data:`DUPLICATE_WHY`), or recorded in the loader's
    ``duplicates`` list when it has one (the last value is kept, as CloudFormation does)."""
    keys = [(k.tag, k.value) for k, _ in node.value if k.__class__ is yaml.ScalarNode and k.tag != _MERGE_TAG]
    if len(set(keys)) != len(keys) or len(keys) != len(node.value):  # a key given twice, or a key of another kind
        _find_duplicates(loader, node)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


def _find_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> None:
    """Refuse or record (see :func:`_construct_mapping_once`) each scalar key given twice in one mapping."""
    seen: dict[tuple[str, str], tuple[int, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE_TAG:
            key = (key_node.tag, key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                found = getattr(loader, "duplicates", None)
                if found is None:
                    raise DuplicateKeyError(key_node.value, line)
                first_line, first_value = seen[key]
                dup = DuplicateKeyError(key_node.value, line, first_line)
                dup.lost_rule = _holds_rule(first_value)
                found.append(dup)
            seen[key] = (line, value_node)


CfnYamlLoader.construct_mapping = _construct_mapping_once  # type: ignore[method-assign,assignment]
CfnYamlLoader.add_multi_constructor("!", _construct_tag)
CfnYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_yaml(text: str, duplicates: list[DuplicateKeyError] | None) -> Any:
    """The YAML document; with ``duplicates``, keys given twice are recorded there instead of refused (those found
    before an error are there when it is raised)."""
    loader = CfnYamlLoader(text)
    if duplicates is not None:
        loader.duplicates = duplicates  # type: ignore[attr-defined]
    before = len(duplicates) if duplicates is not None else 0
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(loader, node)
        except _Unusual:  # build it all again the general way (same values, same findings)
            if duplicates is not None:
                del duplicates[before:]
            loader.constructed_objects, loader.state_generators = {}, []
            return loader.construct_document(node)
    finally:
        loader.dispose()


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class _Unusual(Exception):
    """A YAML node :func:`_build` leaves to PyYAML's constructor (a merge key, a key that is no string, an alias of a
    mapping or list, an explicit tag such as ``!!set``)."""


def _build(loader: yaml.SafeLoader, root: yaml.Node) -> Any:
    """The document PyYAML's constructor builds from ``root`` (what ``get_single_data`` returns), built in one loop.

    Plain mappings, lists and strings (nearly all of a template) are built here; any other scalar and every ``!Tag``
    node go to the loader's own constructors at the moment PyYAML would build them: mappings and lists are filled
    breadth first, as PyYAML fills them, so keys given twice are found (and refused or recorded) in the same order.
    :raises _Unusual: a node this loop does not build; the caller builds the whole document the general way.
    """
    queue: deque[tuple[Any, yaml.Node]] = deque()
    construct = loader.construct_object
    filled: set[int] = set()

    def value(node: yaml.Node) -> Any:
        cls = node.__class__
        if cls is yaml.ScalarNode:
            if node.tag == _STR_TAG:
                return node.value
            built = construct(node)
            if loader.state_generators:  # a value PyYAML fills in later, in its own order (``!!set``, ``!!omap``)
                raise _Unusual
            return built
        if cls is yaml.MappingNode and node.tag == _MAP_TAG:
            mapping: dict[Any, Any] = {}
            queue.append((mapping, node))
            return mapping
        if cls is yaml.SequenceNode and node.tag == _SEQ_TAG:
            items: list[Any] = []
            queue.append((items, node))
            return items
        if node.tag.startswith("!"):  # CloudFormation's short forms (built whole, as PyYAML builds them)
            built = construct(node)
            if loader.state_generators:
                raise _Unusual
            return built
        raise _Unusual

    doc = value(root)
    while queue:
        data, node = queue.popleft()
        if id(node) in filled:  # an alias of a mapping or list: PyYAML gives the same object twice
            raise _Unusual
        filled.add(id(node))
        pairs = node.value
        if node.__class__ is yaml.MappingNode:
            keys = [k.value for k, _ in pairs if k.__class__ is yaml.ScalarNode and k.tag == _STR_TAG]
            if len(keys) != len(pairs):
                raise _Unusual
            if len(set(keys)) != len(keys):
                _find_duplicates(loader, node)
            for key_node, value_node in pairs:
                data[key_node.value] = value(value_node)
        else:
            data.extend([value(item) for item in pairs])
    return doc


def json_duplicates(text: str) -> list[DuplicateKeyError]:
    """The keys given twice in a JSON text, with their lines (found again through the YAML parser)."""
    found: list[DuplicateKeyError] = []
    try:
        _load_yaml(text, found)
    except Exception:  # only line numbers are at stake: the caller still reports the keys
        return found
    return found


def duplicate_line(text: str, key: str) -> int:
    """The line of the second ``key`` of one JSON object (found again through the YAML parser; 0 if it fails)."""
    try:
        yaml.load(text, Loader=CfnYamlLoader)
    except DuplicateKeyError as exc:
        return exc.line if exc.key == key else 0
    except Exception:  # only a line number is at stake
        return 0
    return 0


def _yaml_error(exc: yaml.YAMLError) -> str:
    if isinstance(exc, yaml.MarkedYAMLError):
        what = "; ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        return f"broken YAML: {what}{where}"
    return f"broken YAML: {' '.join(str(exc).split())}"


def parse_yaml(text: str, path: str, duplicates: list[DuplicateKeyError] | None, json_problem: str | None) -> Any:
    """The YAML document of ``text`` (see :func:`~ctrules.inputs.document.parse_document`).

    :param json_problem: what the JSON parser said of a text that looked like JSON (``{``...): when the YAML parser
        refuses it too, the JSON problem is the one reported.
    :raises InputError: broken YAML, a key given twice (without ``duplicates``), too deep, or empty.
    """
    try:
        check_yaml(text, path, _BaseLoader)
        doc = _load_yaml(text, duplicates)
    except DuplicateKeyError as exc:
        raise InputError(path, exc.message()) from None
    except yaml.YAMLError as exc:
        raise InputError(path, json_problem or _yaml_error(exc)) from None
    except (RecursionError, ValueError, OverflowError) as exc:
        if is_huge_number_error(exc):
            raise InputError(path, json_problem or HUGE_NUMBER) from None
        raise InputError(path, json_problem or f"broken YAML: {type(exc).__name__}: {exc}") from None
    if doc is None:
        raise InputError(path, json_problem or "empty file (no YAML document)")
    return doc
