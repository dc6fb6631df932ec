"""Which reader reads a path: a file's format from its name or content, a folder scanned for every format.

The formats are the entries of :data:`ctrules.inputs.registry.READERS` (registered in
:mod:`ctrules.inputs.formats`); nothing here names a format.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import ctrules.inputs.formats  # noqa: F401  (registers the built-in readers)
from ctrules.inputs._locate import locate
from ctrules.inputs._model import DataTrail, Defect, InputError, InputFile, ReadResult, TemplateRule
from ctrules.inputs.document import DuplicateKeyError, decode, parse_document, read_text
from ctrules.inputs.hcl_names import looks_like_hcl
from ctrules.inputs.limits import STDIN_NAME, read_stdin_bytes
from ctrules.inputs.registry import READERS, Found, Reader, formats_text

__all__ = ["FORMATS", "SKIPPED_DIRS", "STDIN", "Exclude", "read_file", "read_path"]

#: The formats ctrules reads, for messages.
FORMATS = formats_text()
#: The path that stands for standard input.
STDIN = "-"
#: Folders a scan never enters: tools' caches and generated copies (``.aws-sam``, ``.serverless``, ``.terraform``
#: and every other hidden folder are skipped too), dependencies, and virtual environments (a folder with
#: ``pyvenv.cfg``).
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "site-packages", "bower_components"})
#: Files of a JSON/YAML extension that are tools' configuration, never templates (a scan does not try them).
_NOT_TEMPLATES = frozenset(
    {"package.json", "package-lock.json", "tsconfig.json", "cdk.json", "cdk.context.json", "composer.json",
     "composer.lock", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", "pnpm-lock.yaml", "yarn.lock"}
)  # fmt: skip
#: Words of a file that holds EventBridge rules (a CloudFormation or SAM template, a serverless.yml, a pattern): a
#: folder scan that cannot parse such a file reports it as bad input, never as a file of another format.
_TEMPLATE_WORDS = (
    "AWSTemplateFormatVersion",
    "AWS::Events::Rule",
    "EventPattern",
    "AWS::Serverless",
    "eventBridge:",
    "cloudwatchEvent:",
    "detail-type",
)


class Exclude:
    """``.gitignore``-style exclusion patterns (``--exclude GLOB``) for a folder scan.

    A pattern without ``/`` matches a file or folder name at any depth (``*.generated.yaml``, ``fixtures``); one
    with ``/`` matches the path relative to the scanned folder (``test/data/*``; a leading ``/`` anchors it
    there); a trailing ``/`` matches folders only; ``**`` spans folders. An excluded folder is not entered.
    """

    def __init__(self, patterns: Sequence[str] = ()) -> None:
        self.patterns = [p for p in (q.strip() for q in patterns) if p]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, rel: str, is_dir: bool) -> bool:
        """True when the path (relative to the scanned folder, with ``/``) is excluded."""
        name = rel.rsplit("/", 1)[-1]
        for pattern in self.patterns:
            dir_only = pattern.endswith("/")
            p = pattern.rstrip("/")
            if dir_only and not is_dir:
                continue
            if "/" not in p:
                if fnmatch.fnmatchcase(name, p):
                    return True
                continue
            p = p.lstrip("/")
            if p.startswith("**/"):  # at any depth
                p = p[3:]
                parts = rel.split("/")
                tails = ["/".join(parts[i:]) for i in range(len(parts))]
            else:
                tails = [rel]
            p = p.replace("/**/", "/*/").replace("/**", "/*")
            if any(fnmatch.fnmatchcase(t, p) for t in tails):
                return True
        return False

    def covers(self, rel: str) -> bool:
        """True when the file or one of its folders is excluded."""
        parts = rel.split("/")
        return any(self.match("/".join(parts[: i + 1]), i < len(parts) - 1) for i in range(len(parts)))


def _file_of(found: Found | InputFile, shown: str, text: str) -> InputFile:
    """The one place a document reader's findings become a file of the report (trails named by their file)."""
    if isinstance(found, InputFile):
        return found
    data_trails = {es: DataTrail(name, shown) for es, name in found.trails.items()}
    return InputFile(
        shown, found.kind, found.rules, None, text, data_trails=data_trails, defects=found.defects,
        unread=found.unread, more_files=found.more_files,
    )


def _mark(f: InputFile, reader: Reader) -> InputFile:
    """Name the reader of a file (and of the files read with it) unless it named itself."""
    for one in (f, *f.more_files):
        one.reader = one.reader or reader.name
    return f


def _document_reader(doc: object) -> Reader | None:
    for reader in READERS:
        if reader.detect is not None and reader.read is not None and reader.detect(doc):
            return reader
    return None


def _read_text_input(path: Path, shown: str, text: str) -> InputFile:
    """Read a file's text, its format told by its name (HCL) or its content."""
    for reader in READERS:
        if reader.file_name is not None and reader.read_file is not None and reader.file_name(path.name):
            return _mark(reader.read_file(path, shown, text), reader)
    by_text = next((r for r in READERS if r.name == "terraform-hcl" and r.read_file is not None), None)
    duplicates: list[DuplicateKeyError] = []
    try:
        doc = parse_document(text, shown, duplicates)
    except InputError as exc:
        if by_text is not None and by_text.read_file is not None and looks_like_hcl(text):
            return _mark(by_text.read_file(path, shown, text), by_text)
        exc.unreadable = True
        raise
    if isinstance(doc, str) and by_text is not None and by_text.read_file is not None and looks_like_hcl(text):
        return _mark(by_text.read_file(path, shown, text), by_text)
    found = _document_reader(doc)
    if found is None or found.read is None:
        raise InputError(shown, f"not a format ctrules reads; it reads {FORMATS}", unreadable=True)
    f = _mark(_file_of(found.read(doc, path, shown, text), shown, text), found)
    if duplicates:
        f.defects.extend(_duplicate_defects(doc, f, duplicates))
    return f


def _duplicate_defects(doc: object, f: InputFile, duplicates: list[DuplicateKeyError]) -> list[Defect]:
    """A finding for each key given twice: an error inside a rule (its pattern may not be the one its author
    reads), a warning elsewhere. The resource it is in: the last resource (or function) that starts before it."""
    rules_by_anchor = {r.anchors[:2]: r for r in f.rules if len(r.anchors) >= 2}
    tops = {a[0] for a in rules_by_anchor} | {str(k) for k, v in (doc.items() if isinstance(doc, dict) else ())
                                              if isinstance(v, dict)}  # fmt: skip
    starts: list[tuple[int, tuple[str, ...]]] = []
    for top in sorted(tops):
        container = doc.get(top) if isinstance(doc, dict) else None
        if isinstance(container, dict):
            probes = [TemplateRule(str(k), None, None, True, anchors=(top, str(k))) for k in container]
            lines = locate(f.text, probes)
            starts.extend((lines.get(id(p), 0), p.anchors) for p in probes)
    starts.sort()
    out: list[Defect] = []
    for dup in duplicates:
        anchor = next((a for line, a in reversed(starts) if 0 < line <= dup.line), None)
        rule = rules_by_anchor.get(anchor) if anchor is not None else None
        if rule is None:  # a rule's own logical id given twice: the first rule is lost
            rule = next((r for a, r in rules_by_anchor.items() if a[1] == dup.key), None)
        first = f" (first at line {dup.first})" if dup.first else ""
        if dup.lost_rule:
            why = "the first value holds an EventBridge rule, which CloudFormation silently drops (it keeps the last)"
        elif rule is not None:
            why = "in this rule, CloudFormation keeps only the last value and silently drops the other (ctrules " \
                "checked the last one, as it deploys)"
        else:
            why = "CloudFormation keeps only the last value and silently drops the other"
        out.append(
            Defect(
                f"key {dup.key!r} appears twice in one mapping{first}: {why}",
                f"keep one {dup.key!r} key: delete, rename or merge the other",
                dup.line,
                "error" if rule is not None or dup.lost_rule else "warning",
                rule.label if rule is not None else (anchor[1] if anchor is not None else None),
            )
        )
    return out


def read_file(path: Path, shown: str) -> InputFile:
    """Read one input file (any format of :data:`FORMATS` but a folder).

    :param path: the file.
    :param shown: the file name to show in messages.
    :raises InputError: when it cannot be read or holds no format ctrules reads.
    """
    text = read_text(path, shown)
    try:
        return _read_text_input(path, shown, text)
    except InputError as exc:
        exc.unreadable = exc.unreadable or exc.message.startswith(("broken", "cannot read", "empty"))
        raise


def _read_stdin() -> InputFile:
    shown = STDIN_NAME
    return _read_text_input(Path(shown), shown, decode(read_stdin_bytes(shown), shown))


def _add(result: ReadResult, f: InputFile) -> None:
    """A file and the files its reader read with it (a SAM application's local template), once each."""
    for one in (f, *f.more_files):
        key = os.path.normpath(one.path)
        if key not in result.read_paths:
            result.read_paths.add(key)
            result.files.append(one)


def read_path(path: str, exclude: Sequence[str] = (), on_file: Callable[[str], None] | None = None) -> ReadResult:
    """Read every rule of one input path: a file, ``-`` (standard input), a ``cdk.out`` directory or its
    manifest, a folder of Terraform files, or any folder (scanned for every format).

    Never raises :class:`InputError`: problems are collected in :attr:`ReadResult.errors` (a cloud
    assembly with one broken template still gives its other stacks), files of no format ctrules reads found by
    a folder scan in :attr:`ReadResult.skipped`.

    :param path: the path as the user gave it.
    :param exclude: ``--exclude`` patterns for a folder scan (see :class:`Exclude`).
    :param on_file: called with each file a folder scan is about to read (progress on a terminal).
    """
    result = ReadResult(path)
    result.on_file = on_file
    p = Path(path)
    try:
        if path == STDIN:
            _add(result, _read_stdin())
        elif p.is_dir():
            _scan(p, path, result, Exclude(exclude))
        elif p.name == "manifest.json" and p.is_file():
            _read_folder(p.parent, str(p.parent), result)
        else:
            _add(result, read_file(p, path))
    except InputError as exc:
        result.errors.append(exc)
    except OSError as exc:
        result.errors.append(InputError(path, exc.strerror or str(exc)))
    return result


def _read_folder(directory: Path, shown: str, result: ReadResult, *, scanning: bool = False) -> bool:
    """Let the first folder reader that claims the folder read it; False when none does.

    :param scanning: the folder was met in a scan (then a reader reads it only when its ``claims`` says so).
    """
    for reader in READERS:
        if reader.folder is None or reader.globs:
            continue
        if scanning and reader.claims is not None and not reader.claims(directory):
            continue
        first = len(result.files)
        if reader.folder(directory, shown, result):
            for f in result.files[first:]:
                _mark(f, reader)
            return True
    return False


def _shown(shown_root: str, rel: str) -> str:
    return str(Path(shown_root) / rel) if rel else shown_root


def _scan(root: Path, shown: str, result: ReadResult, exclude: Exclude) -> None:
    """Read every file and folder of every format under ``root`` (see :func:`read_path`)."""
    if _read_folder(root, shown, result):  # the folder itself is one input (a cdk.out)
        return
    # Readers that walk the folder themselves (Terraform reads a module per folder, with its variables).
    walkers = [r for r in READERS if r.folder is not None and r.globs]
    walked: list[str] = []
    for reader in walkers:
        assert reader.folder is not None
        sub = ReadResult(shown)
        reader.folder(root, shown, sub)
        for f in sub.files:
            _mark(f, reader)
        result.files.extend(f for f in sub.files if not _excluded_shown(f.path, shown, exclude))
        result.errors.extend(e for e in sub.errors if not _excluded_shown(e.path, shown, exclude))
        walked.extend(reader.globs)
    _scan_documents(root, shown, result, exclude, walked)


def _scan_documents(root: Path, shown: str, result: ReadResult, exclude: Exclude, walked: list[str]) -> None:
    """The files under ``root`` of the formats no folder reader walks (``walked``: the globs those readers read)."""
    document_globs = sorted({g for r in READERS if r.read is not None and r.folder is None for g in r.globs})
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        rel_dir = here.relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        kept = []
        for d in sorted(dirs):
            rel = f"{rel_dir}/{d}" if rel_dir else d
            sub_dir = here / d
            if d.startswith(".") or d in SKIPPED_DIRS or exclude.match(rel, True):
                continue
            if sub_dir.is_symlink():
                _scan_linked_folder(sub_dir, root, _shown(shown, rel), result, exclude, walked)
                continue
            try:
                if (sub_dir / "pyvenv.cfg").is_file():
                    continue
                if _read_folder(sub_dir, _shown(shown, rel), result, scanning=True):
                    continue
                os.listdir(sub_dir)  # os.walk would skip a folder it cannot list without a word
            except OSError as exc:  # one folder that cannot be read: named, the rest of the scan goes on
                result.errors.append(InputError(_shown(shown, rel), f"cannot read this folder: {exc.strerror or exc}"))
                continue
            kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if name.startswith(".") or name in _NOT_TEMPLATES or any(fnmatch.fnmatchcase(name, g) for g in walked):
                continue
            if name.endswith(".tfvars.json") or not any(fnmatch.fnmatchcase(name, g) for g in document_globs):
                continue
            if exclude.match(rel, False):
                continue
            _scan_file(here / name, _shown(shown, rel), result, root)


def _excluded_shown(path: str, shown_root: str, exclude: Exclude) -> bool:
    if not exclude:
        return False
    try:
        rel = Path(path).relative_to(shown_root).as_posix()
    except ValueError:
        return False
    return exclude.covers(rel)


def _scan_linked_folder(
    link: Path, root: Path, shown: str, result: ReadResult, exclude: Exclude, walked: list[str]
) -> None:
    """A symbolic link to a folder met in a scan: its files are read under the link's name (those of the folder
    readers, which follow links themselves, excepted), unless it lies inside the folder being scanned (then they are
    read under their own names) or was scanned already (a loop of links)."""
    try:
        target = link.resolve(strict=True)
        inside = target == root.resolve() or root.resolve() in target.parents
    except (OSError, RuntimeError):
        result.skipped.append(InputError(shown, "a symbolic link that points nowhere (or to itself): not read"))
        return
    key = f"folder:{target}"
    if inside or key in result.read_paths or not target.is_dir():
        return
    result.read_paths.add(key)
    if not _read_folder(target, shown, result, scanning=True):
        _scan_documents(target, shown, result, exclude, walked)


def _scan_file(path: Path, shown: str, result: ReadResult, root: Path | None = None) -> None:
    """One file a folder scan found: read it, or note it as skipped when it is no format ctrules reads. A symbolic
    link is read when it points to a file outside ``root`` (one inside is read under its own name)."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            result.skipped.append(InputError(shown, "a symbolic link that points nowhere (or to itself): not read"))
            return
        if root is not None and (root.resolve() in target.parents):
            return
    if not path.is_file() or os.path.normpath(shown) in result.read_paths:
        return
    if result.on_file is not None:
        result.on_file(shown)
    try:
        text = read_text(path, shown)
    except InputError as exc:
        if exc.message.startswith(("binary", "not UTF-8")):
            result.skipped.append(exc)
        else:
            result.errors.append(exc)
        return
    try:
        f = _read_text_input(path, shown, text)
    except InputError as exc:
        broken_template = exc.message.startswith("broken") and any(w in text for w in _TEMPLATE_WORDS)
        if (exc.unreadable or exc.message.startswith(("broken", "empty"))) and not broken_template:
            result.skipped.append(exc)
        else:
            result.errors.append(exc)
        return
    _add(result, f)
