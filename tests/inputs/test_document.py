"""Parsing documents (ctrules.inputs.document.parse_document): a JSON key given twice in one object is found at any
depth and however it is written, and never confused with two different keys."""

from __future__ import annotations

import json

import pytest

from ctrules.inputs._model import InputError
from ctrules.inputs.document import DuplicateKeyError, parse_document

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
