"""Turning bytes into documents: text decoding, JSON, and YAML with CloudFormation's short-form tags.

Every reader parses its files here, so the limits on what is read (binary files, broken JSON/YAML,
alias bombs, duplicate keys, huge numbers; size and file kind in :mod:`ctrules.inputs.limits`) hold for
every format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ctrules.inputs._model import HUGE_NUMBER, InputError
from ctrules.inputs.limits import read_bytes

__all__ = ["DUPLICATE_WHY", "DuplicateKeyError", "decode", "parse_document", "read_text"]


#: Why a key given twice is an input error. The CloudFormation service itself keeps the last value of a
#: key given twice and says nothing (JSON: github.com/aws-cloudformation/cfn-language-discussion/issues/96),
#: so the template that deploys is not the one its author reads: a whole rule can vanish. CloudFormation's own
#: tools refuse such templates: cfn-lint decodes with a duplicate check and reports it as an error
#: (github:aws-cloudformation/cfn-lint src/cfnlint/decode/cfn_json.py and cfn_yaml.py, DuplicateError), and
#: ``aws cloudformation deploy`` stops on "found duplicate key" (github.com/brentley/container-demo/issues/11).
#: ctrules refuses them too, naming the key and its line.
DUPLICATE_WHY = "CloudFormation keeps only the last one, so the other is silently lost"


class DuplicateKeyError(ValueError):
    """A mapping key given twice (``line`` is 1-based; 0 when not known)."""

    def __init__(self, key: str, line: int = 0, first: int = 0) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.first = first
        self.lost_rule = False  # the value that is dropped (the first) held an EventBridge rule

    def message(self) -> str:
        """The one-line input problem."""
        where = f"line {self.line}: " if self.line else ""
        return f"{where}key {self.key!r} appears twice in one mapping ({DUPLICATE_WHY}): keep one of them"


def _pairs_once(pairs: list[tuple[str, Any]], dict: type[dict[str, Any]] = dict, len: Any = len) -> dict[str, Any]:
    """A JSON object as :func:`json.loads` builds it; a key given twice raises :class:`DuplicateKeyError`. (Called for
    every object of a file: the builtins are bound as defaults, and the common case returns first.)"""
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise DuplicateKeyError(key)
        seen.add(key)
    return out  # pragma: no cover - a shorter dict means a key was seen twice


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


def parse_document(text: str, path: str, duplicates: list[DuplicateKeyError] | None = None) -> Any:
    """Parse a JSON or YAML document (JSON when the file ends in ``.json`` or starts with ``{``/``[``).

    :param text: the file's text.
    :param path: the file name, for messages and the ``.json`` test.
    :param duplicates: when given, a key given twice in one mapping is recorded here (with its line) and the
        last value is kept, as CloudFormation does; when not, it is an input error.
    :raises InputError: empty, broken JSON, broken YAML, or too deeply nested.
    """
    json_problem: str | None = None
    stripped = text.lstrip()
    if not stripped:
        raise InputError(path, "empty file")
    is_json_name = path.lower().endswith(".json")
    if is_json_name or stripped[0] in "{[":
        try:
            return json.loads(text, object_pairs_hook=_pairs_once)
        except DuplicateKeyError as exc:
            from ctrules.inputs import yaml_text  # the keys' lines come from the YAML parser

            if duplicates is None:
                exc.line = yaml_text.duplicate_line(text, exc.key)
                raise InputError(path, exc.message()) from None
            # The last value of each key, as CloudFormation keeps it.
            doc = json.loads(text)
            duplicates.extend(yaml_text.json_duplicates(text) or [exc])
            return doc
        except json.JSONDecodeError as exc:
            # A .yaml/.yml file that starts with { or [ is YAML in flow style: its own parser's problem is the one
            # told (a JSON problem would name the wrong format).
            if not path.lower().endswith((".yaml", ".yml")):
                json_problem = f"broken JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        except RecursionError:
            kind = "YAML" if path.lower().endswith((".yaml", ".yml")) else "JSON"
            raise InputError(path, f"{kind} nested too deeply to read") from None
        except ValueError:  # Python refuses integers of more than 4,300 digits
            raise InputError(path, HUGE_NUMBER) from None
        if is_json_name:
            raise InputError(path, json_problem or "broken JSON")
    from ctrules.inputs import yaml_text  # JSON files never import the YAML parser

    return yaml_text.parse_yaml(text, path, duplicates, json_problem)


def read_text(path: Path, shown: str) -> str:
    """The text of one input file, read through :func:`~ctrules.inputs.limits.read_bytes` (its limits hold).

    :raises InputError: not a readable regular file within the size cap, or not text.
    """
    return decode(read_bytes(path, shown), shown)


def __getattr__(name: str) -> Any:
    """``CfnYamlLoader`` from :mod:`ctrules.inputs.yaml_text`, imported when first asked for (PEP 562)."""
    if name == "CfnYamlLoader":
        from ctrules.inputs.yaml_text import CfnYamlLoader

        return CfnYamlLoader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
