"""Turning bytes into documents: text decoding, JSON, and YAML with CloudFormation's short-form tags.

Every reader parses its files here, so the limits on what is read (binary files, broken JSON/YAML,
alias bombs, huge numbers) hold for every format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ctrules.inputs._model import HUGE_NUMBER, InputError

__all__ = ["CfnYamlLoader", "decode", "parse_document", "read_text"]


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


def decode(data: bytes, path: str) -> str:
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
            raise InputError(path, HUGE_NUMBER) from None
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


def read_text(path: Path, shown: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory") from None
    except OSError as exc:
        raise InputError(shown, exc.strerror or str(exc)) from None
    return decode(data, shown)
