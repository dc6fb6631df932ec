"""The limits on what ctrules reads: regular files only, a size cap, YAML alias and nesting limits, confined paths.

Every reader gets its bytes from :func:`read_bytes` (or :func:`read_stdin_bytes`), so a device, a FIFO or a
huge file is refused once, here, with one line, whatever the format. YAML goes through :func:`check_yaml`
before it is built, so an alias bomb is refused in any YAML style (block or flow). Paths a cloud-assembly
manifest names go through :func:`confined`.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ctrules.inputs._model import InputError

if TYPE_CHECKING:
    import yaml

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "STDIN_NAME",
    "check_yaml",
    "confined",
    "max_bytes",
    "read_bytes",
    "read_stdin_bytes",
    "set_max_bytes",
]

#: How standard input is named in reports; readers that resolve files relative to their input know stdin by it.
STDIN_NAME = "<stdin>"
#: The default size cap of one input file (``ctrules lint --max-bytes`` raises it).
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: The deepest nesting of mappings and lists a YAML document may have (templates need a few dozen).
MAX_DEPTH = 512
_max_bytes = DEFAULT_MAX_BYTES
_CHUNK = 1 << 20


def max_bytes() -> int:
    """The size cap of one input file, in bytes."""
    return _max_bytes


def set_max_bytes(limit: int) -> None:
    """Set the size cap of one input file (the CLI's ``--max-bytes``).

    :raises ValueError: ``limit`` is not positive.
    """
    global _max_bytes
    if limit <= 0:
        raise ValueError(f"the size cap must be a positive number of bytes, not {limit}")
    _max_bytes = limit


def _size_text(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _too_big(shown: str, size: int | None) -> InputError:
    how_big = f"{_size_text(size)}, " if size is not None else ""
    return InputError(
        shown,
        f"{how_big}over the {_size_text(_max_bytes)} limit on one input file: lint a smaller file, or raise the "
        f"limit with --max-bytes {max(2 * _max_bytes, (size or 0) + 1)}",
    )


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, shown: str) -> bytes:
    """The bytes of one input file, refused unless it is a regular file within the size cap.

    Devices (``/dev/zero``), FIFOs and sockets are refused before they are opened (a FIFO with no writer
    would block); the file is opened non-blocking and checked again once open, and never more than the
    cap plus one byte is read.

    :param path: the file.
    :param shown: the file name to show in messages.
    :raises InputError: missing, a directory, not a regular file, unreadable, or over the size cap.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(shown, "no such file or directory") from None
    except OSError as exc:
        raise InputError(shown, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(shown, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(shown, f"is {_kind(info.st_mode)}, not a regular file: give a template, plan or pattern file")
    if info.st_size > _max_bytes:
        raise _too_big(shown, info.st_size)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(shown, exc.strerror or str(exc)) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # replaced between the two looks
            raise InputError(shown, f"is {_kind(opened.st_mode)}, not a regular file")
        return _read_capped(fd, shown, opened.st_size)
    except OSError as exc:
        raise InputError(shown, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def _read_capped(fd: int, shown: str, size: int = 0) -> bytes:
    """The file's bytes, never more than the cap plus one; ``size`` (its size when opened) is read at once, so a
    file that does not grow is one buffer, not chunks joined into a copy."""
    chunks: list[bytes] = []
    total = 0
    want = size + 1 if size > 0 else _CHUNK
    while True:
        chunk = os.read(fd, min(want, _max_bytes + 1 - total))
        if not chunk:
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > _max_bytes:
            raise _too_big(shown, None)
        want = _CHUNK


def read_stdin_bytes(shown: str = STDIN_NAME) -> bytes:
    """Standard input's bytes, within the size cap.

    :raises InputError: more than the cap.
    """
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        data = sys.stdin.read(_max_bytes + 1).encode("utf-8", "surrogateescape")
    else:
        data = stream.read(_max_bytes + 1)
    if len(data) > _max_bytes:
        raise _too_big(shown, None)
    return data


def check_yaml(text: str, shown: str, loader: type[yaml.SafeLoader]) -> None:
    """Refuse a YAML text whose aliases or nesting could make it blow up once built.

    * Aliases are allowed (``<<: *defaults`` is everyday serverless.yml style), but what they stand for is counted as
      if written out: all of it together may not exceed the size cap. An alias of a list of aliases multiplies on
      every level (the "billion laughs", in block or flow style): such a text is refused at the alias that crosses
      the cap, before anything is built. An alias of a mapping or list that is not finished (a recursive
      structure) is refused too.
    * Nesting deeper than :data:`MAX_DEPTH` (checked in the same pass, when the text has aliases).

    :param loader: the loader whose parser reads the text (the same one that builds the document after).
    :raises InputError: with the line of the alias or of the nesting that is too deep.
    """
    if "&" not in text or "*" not in text:
        # No alias: nothing can multiply, and the parser itself refuses deep nesting (libyaml stops at 1,000
        # levels; the pure-Python parser's recursion error is caught where the document is built).
        return
    import yaml  # only YAML inputs import the parser
    # What each anchored node stands for, written out: its scalars' text plus one per node (aliases inside it
    # counted as what they stand for).
    sizes: dict[str, int] = {}
    open_nodes: list[list[Any]] = [[0, None]]  # [size so far, anchor] of each mapping or list being read
    expanded = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(open_nodes) > MAX_DEPTH:
                raise InputError(shown, f"YAML nested more than {MAX_DEPTH} levels deep{_line(event)}: not a template")
            open_nodes.append([1, event.anchor])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            size, anchor = open_nodes.pop()
            if anchor:
                sizes[anchor] = size
            open_nodes[-1][0] += size
        elif isinstance(event, yaml.ScalarEvent):
            size = len(event.value) + 1
            if event.anchor:
                sizes[event.anchor] = size
            open_nodes[-1][0] += size
        elif isinstance(event, yaml.AliasEvent):
            anchor = event.anchor or ""
            if anchor not in sizes:
                if all(a != anchor for _, a in open_nodes):
                    continue  # an alias of no anchor: the parser refuses it ("found undefined alias")
                # a mapping or list that contains its own alias: no end once written out
                raise InputError(
                    shown,
                    f"YAML alias *{anchor}{_line(event)} is inside the mapping or list it names (a recursive "
                    "structure): write the values out",
                )
            expanded += sizes[anchor]
            open_nodes[-1][0] += sizes[anchor]
            if expanded > _max_bytes:
                raise InputError(
                    shown,
                    f"YAML aliases{_line(event)} stand for more than {_size_text(_max_bytes)} of text in all: write "
                    "the values out, or raise the limit with --max-bytes",
                )


def _line(event: yaml.Event) -> str:
    mark = event.start_mark
    return f" (line {mark.line + 1})" if mark is not None else ""


def confined(root: Path, base: Path, relative: str, shown: str) -> Path:
    """``base / relative`` resolved, refused unless it stays inside ``root`` once symlinks are resolved.

    A cloud-assembly manifest names its templates, asset manifests and nested assemblies by paths relative
    to its folder; a manifest from an untrusted change must not make ctrules read ``/etc/passwd`` or
    ``../../secret``.

    :param root: the outermost assembly folder given to ctrules.
    :param base: the folder the path is relative to (``root`` or a nested assembly inside it).
    :param relative: the path as the manifest gives it.
    :param shown: how to show the manifest (or template) that names the path.
    :raises InputError: an absolute path, or one that leads outside ``root``.
    """
    if os.path.isabs(relative) or relative.startswith(("/", "\\")) or (len(relative) > 1 and relative[1] == ":"):
        raise InputError(
            shown, f"names the absolute path {relative!r}: a cloud assembly refers only to files in its own folder"
        )
    target = (base / relative).resolve()
    top = root.resolve()
    if target != top and top not in target.parents:
        raise InputError(
            shown,
            f"names {relative!r}, which leads outside the cloud assembly folder {str(root)!r} (through '..' or a "
            "symbolic link): ctrules reads only the assembly's own files; fix the path in the manifest",
        )
    return target
