"""The one table of input formats ctrules reads: each reader's detection, its reading, and how it is described.

Detection (:func:`ctrules.inputs.read_path`), the CLI's help, ``docs/ci.md``'s table, the pre-commit hook's file
types and the format tests are all generated from, or checked against, :data:`READERS`. A reader is one module
(the format's parsing) plus one :func:`register` call here; ``docs/adding-a-reader.md`` shows how.

Three ways a reader is chosen, tried in this order:

* ``folder``: a directory it claims (a ``cdk.out`` with ``manifest.json``; a folder of ``.tf`` files);
* ``file_name``: a file whose name it claims (``.tf``, ``.tf.json``, ``terragrunt.hcl``), read from its text;
* ``detect`` + ``read``: a JSON or YAML document, claimed from its content (the first reader whose ``detect``
  is true reads it; order matters: a pattern file is the last resort).

Every reader returns its rules in the shared model (:mod:`ctrules.inputs._model`); targets (``rule.targets``),
trails (``Found.trails``) and acknowledgements (``rule.acknowledgements``) reach the report through that model
only, so a new reader gets CTR006 trail coverage, CTR016 target paths and acknowledgements by filling them in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctrules.inputs._model import Defect, InputFile, ReadResult, TemplateRule, Unread

__all__ = [
    "READERS",
    "Found",
    "Reader",
    "formats_text",
    "markdown_table",
    "precommit_types",
    "reader_named",
    "register",
    "unregister",
]


@dataclass
class Found:
    """What a document reader found: its kind (as shown to the user), its rules, and eventSource -> the name of a
    trail of the document that logs its data events (CTR006), its recoverable defects, the parts it could not
    read (reported as not checked), and more files it read on the way (a local template an
    ``AWS::Serverless::Application`` names)."""

    kind: str
    rules: list[TemplateRule]
    trails: dict[str, str] = field(default_factory=dict)
    defects: list[Defect] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    more_files: list[InputFile] = field(default_factory=list)


#: (document, path, shown, text) -> what the document holds (or the file, for a reader that builds it whole).
DocumentRead = Callable[[Any, Path, str, str], "Found | InputFile"]
#: (path, shown, text) -> the file read (a format told by the file's name: HCL).
FileRead = Callable[[Path, str, str], InputFile]
#: (folder, shown, result) -> True when the folder was this reader's (rules and errors go into ``result``).
FolderRead = Callable[[Path, str, ReadResult], bool]


@dataclass(frozen=True)
class Reader:
    """One input format.

    :param name: a short stable id (``cloudformation``, ``terraform-hcl``...).
    :param title: the format, for the CLI's help and the docs (``CloudFormation / SAM template (JSON or YAML)``).
    :param lints: what is linted in it, for the docs' table.
    :param syntax: the syntax a fix is written in for this format: ``cloudformation``, ``sam``, ``terraform``,
        ``serverless``, ``cdk`` or ``pattern`` (see :mod:`ctrules.cli.fixes`).
    :param detect: True for a parsed JSON/YAML document of this format (then ``read`` reads it).
    :param read: the rules of a document ``detect`` claimed.
    :param file_name: True for a file name this reader reads from its text (``read_file``).
    :param read_file: reads such a file.
    :param folder: reads a folder it claims (returns False when the folder is not its own).
    :param claims: for a folder reader, True when a folder met in a scan is its own (a ``manifest.json`` that is
        a cloud assembly's, not a web app's); a folder given by the user is always offered to ``folder``.
    :param globs: file name patterns a folder scan gives this reader (``*.yaml``...); a scan tries every file
        whose name matches any reader's globs.
    :param precommit_types: the pre-commit ``identify`` types of its files.
    """

    name: str
    title: str
    lints: str
    syntax: str
    detect: Callable[[Any], bool] | None = None
    read: DocumentRead | None = None
    file_name: Callable[[str], bool] | None = None
    read_file: FileRead | None = None
    folder: FolderRead | None = None
    claims: Callable[[Path], bool] | None = None
    globs: tuple[str, ...] = ()
    precommit_types: tuple[str, ...] = ()


#: Every reader, in the order they are tried.
READERS: list[Reader] = []


def register(reader: Reader, *, before: str | None = None) -> Reader:
    """Add a reader to :data:`READERS` (at the end, or just before the reader named ``before``).

    :raises ValueError: a reader of that name is already registered.
    """
    if any(r.name == reader.name for r in READERS):
        raise ValueError(f"a reader named {reader.name!r} is already registered")
    index = next((i for i, r in enumerate(READERS) if r.name == before), len(READERS))
    READERS.insert(index, reader)
    return reader


def unregister(name: str) -> None:
    """Remove the reader named ``name`` (tests that register a toy reader)."""
    READERS[:] = [r for r in READERS if r.name != name]


def reader_named(name: str) -> Reader:
    """The registered reader of that name (KeyError when there is none)."""
    for r in READERS:
        if r.name == name:
            return r
    raise KeyError(name)


def markdown_table() -> str:
    """The table of formats for the docs (``docs/ci.md`` holds it; a test keeps it the same)."""
    rows = ["| input | what is linted |", "|---|---|"]
    rows += [f"| {r.title} | {r.lints} |" for r in READERS]
    return "\n".join(rows) + "\n"


def precommit_types() -> list[str]:
    """The pre-commit ``identify`` types of every reader's files (``.pre-commit-hooks.yaml`` ``types_or``)."""
    return sorted({t for r in READERS for t in r.precommit_types})


def formats_text() -> str:
    """The formats ctrules reads, in one sentence, for messages and help."""
    titles = [r.title for r in READERS]
    return ", ".join(titles[:-1]) + (" or " if len(titles) > 1 else "") + titles[-1]
