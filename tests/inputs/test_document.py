"""Parsing documents (ctrules.inputs.document.parse_document): a JSON key given twice in one object is found at any
depth and however it is written, and never confused with two different keys."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ctrules.inputs._model import InputError
from ctrules.inputs.document import DuplicateKeyError, parse_document
from ctrules.inputs.yaml_text import CfnYamlLoader, _load_yaml

DUPLICATES = [
    ('{"a": 1, "a": 2}', "a"),
    ('{"x": {"y": [{"z": {"k": 1, "k": 2}}]}}', "k"),
    ('[1, {"deep": [[{"a": 1, "b": 2, "a": 3}]]}]', "a"),
    ('{"a" : 1,\n "a"\t:\r\n2}', "a"),  # whitespace before the colons
    ('{"a": 1, "\\u0061": 2}', "a"),  # the same key, one written with an escape
    ('{"\\u00e9": 1, "\u00e9": 2}', "\u00e9"),
    ('{"q\\"": 1, "q\\u0022": 2}', 'q"'),  # an escaped quote, written two ways
    ('{"Resources": {"R": {"Type": "A"}, "R": {"Type": "B"}}}', "R"),
    ('{"" : 1, "": 2}', ""),
]


@pytest.mark.parametrize(("text", "key"), DUPLICATES)
def test_duplicate_keys_are_refused(text: str, key: str) -> None:
    with pytest.raises(InputError, match="appears twice in one mapping"):
        parse_document(text, "t.json")
    found: list[DuplicateKeyError] = []
    doc = parse_document(text, "t.json", found)
    assert doc == json.loads(text)  # the last value of each key is kept, as CloudFormation keeps it
    assert key in {d.key for d in found}


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "A": 2, "a ": 3, " a": 4}',
        '{"a\\"": 1, "a": 2}',  # "a\"" is the key a" (a quote in a key is no end of it)
        '{"a": "\\"a\\": 2", "b": {"a": 1}}',  # the second "a" is in a value, the third in another object
        '{"k": {"a": 1}, "j": {"a": 2}}',
        '[{"a": 1}, {"a": 2}]',
        '{"a\\\\": 1, "a": 2}',  # the key a\ (an escaped backslash) is not a
        '{"\\u0061b": 1, "a": 2}',
    ],
)
def test_equal_keys_in_different_objects_or_different_keys_are_no_duplicates(text: str) -> None:
    found: list[DuplicateKeyError] = []
    assert parse_document(text, "t.json", found) == json.loads(text)
    assert found == []


def test_duplicate_key_names_its_line() -> None:
    text = '{\n "Resources": {\n  "R": {"Type": "A"},\n  "R": {"Type": "B"}\n }\n}\n'
    with pytest.raises(InputError, match="line 4: key 'R' appears twice"):
        parse_document(text, "t.json")
    found: list[DuplicateKeyError] = []
    parse_document(text, "t.json", found)
    assert [(d.key, d.line, d.first) for d in found] == [("R", 4, 3)]


YAML_DUPLICATES = [
    ("a: 1\na: 2\n", "a", 2),
    ("x:\n  y:\n    - z: {k: 1, k: 2}\n", "k", 3),
    ("m:\n  <<: {p: 1}\n  q: 1\n  q: 2\n", "q", 4),  # a merge key beside the duplicate
    ("m:\n  'a': 1\n  \"a\": 2\n", "a", 3),  # quoted either way: the same key
    ("m:\n  [1, 2]: x\n  k: 1\n  k: 2\n", "k", 4),  # a key that is no scalar beside the duplicate
]


@pytest.mark.parametrize(("text", "key", "line"), YAML_DUPLICATES)
def test_yaml_duplicate_keys(text: str, key: str, line: int) -> None:
    found: list[DuplicateKeyError] = []
    try:
        parse_document(text, "t.yaml", found)
    except InputError as exc:  # a key that is no scalar cannot be built into a mapping
        assert "unhashable key" in exc.message
    assert [(d.key, d.line) for d in found] == [(key, line)]
    with pytest.raises(InputError, match=f"line {line}: key '{key}' appears twice"):
        parse_document(text, "t.yaml")


@pytest.mark.parametrize(
    "text",
    ["a: 1\nA: 2\n'a ': 3\n", "k: {a: 1}\nj: {a: 2}\n", "m:\n  <<: {p: 1}\n  p: 2\n", "a: 1\n1: 2\n"],
)
def test_yaml_different_keys_are_no_duplicates(text: str) -> None:
    found: list[DuplicateKeyError] = []
    parse_document(text, "t.yaml", found)
    assert found == []


def _pyyaml(text: str, duplicates: list[DuplicateKeyError] | None) -> Any:
    """The document as PyYAML's own constructor builds it with ctrules' loader (the reference for the fast build)."""
    loader = CfnYamlLoader(text)
    if duplicates is not None:
        loader.duplicates = duplicates  # type: ignore[attr-defined]
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


YAML_SHAPES = [
    "a: 1\nb: [x, 2, 3.5, true, null, ~, '5', \"q\"]\nc: {d: {e: [[], {}]}}\n",
    "R:\n  Type: AWS::Events::Rule\n  Properties:\n    EventPattern: !Sub '{\"a\": \"${X}\"}'\n    State: !Ref S\n"
    "    Bus: !GetAtt Bus.Name\n    L: !If [C, {a: 1}, !Ref 'AWS::NoValue']\n",
    "m:\n  <<: {p: 1, q: 2}\n  q: 3\n",  # a merge key
    "m:\n  =: 1\n  k: 2\n",  # the value key
    "1: one\n2.5: x\nnull: n\ntrue: t\ns: s\n",  # keys that are no strings
    "s: !!set {a, b}\no: !!omap [{a: 1}, {b: 2}]\np: !!pairs [{a: 1}]\nb: !!binary aGVsbG8=\n",
    "x: !!set a\n",  # a set of a scalar: PyYAML refuses it
    "i: !!int '7'\nf: !!float '1.5'\nt: !!str 5\nd: 2024-01-01\nts: !!timestamp 2024-01-01\n",
    "a: &s shared\nb: *s\nc: [*s, *s]\n",  # aliases of scalars
    "l: &l [1, 2]\nm: *l\n",  # an alias of a list (the reader refuses these before they are built)
    "- a\n- {b: [c, {d: e}]}\n- !Ref X\n",
    "plain",
    "a: !Sub {x: 1, x: 2}\nb: !!set {z}\nc: {y: 1, y: 2}\n",  # a duplicate in a tag, then a node built the general way
    "a: {k: 1, k: 2}\nb:\n  c: {k: 1, k: 2}\nd: [{k: 1, k: 2}]\nk: 1\nk: 2\n",  # duplicates at several depths: their order
    "a: !!python/name:os.system x\n",
    "a: !!unknown x\n",
    "? [a, b]\n: c\n",
    "a: {k: 1, k: 2}\nb: {? [x]\n: 1}\n",  # a key given twice, then a key PyYAML refuses
    "a: {b: !!set a}\nc: {d: {k: 1, k: 2}}\n",  # a value PyYAML fills in later fails before a deeper duplicate
]


@pytest.mark.parametrize("text", YAML_SHAPES)
def test_yaml_is_built_as_pyyaml_builds_it(text: str) -> None:
    for strict in (True, False):
        expected: list[DuplicateKeyError] | None = None if strict else []
        got: list[DuplicateKeyError] | None = None if strict else []
        try:
            want = _pyyaml(text, expected)
        except Exception as exc:  # the same error, with the same message
            with pytest.raises(type(exc)) as raised:
                _load_yaml(text, got)
            assert str(raised.value) == str(exc)
        else:
            assert _load_yaml(text, got) == want
        if expected is not None and got is not None:  # the same keys given twice, in the same order
            assert [(d.key, d.line, d.first, d.lost_rule) for d in got] == [
                (d.key, d.line, d.first, d.lost_rule) for d in expected
            ]
