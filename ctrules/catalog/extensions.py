"""Project extensions of the catalog: events a project adds without waiting for a ctrules release.

An entry has the shape of the overlay's event files (``ctrules/catalog/overlay/README.md``), with
``evidence`` optional::

    {"event_name": "StartSession", "event_source": "ssm.amazonaws.com",
     "event_types": ["AwsApiCall"], "read_only": false, "category": "Management",
     "evidence": ["https://docs.aws.amazon.com/..."], "note": "why"}

Three ways in, all validated by the same schema as the overlay (:mod:`ctrules.catalog.fact_schema`: unknown
fields, wrong types, regions no AWS partition has, evidence that is neither an https URL nor a repository path
with its commit); a bad entry raises :class:`CatalogEntryError` naming the file, the line of the offending
field, the entry index and the field, and nothing is added:

* :func:`extend` with a list of such mappings (Python code, e.g. a CDK app);
* :func:`extend_from_file` with a JSON file holding a list of them;
* :func:`apply_project_extensions`, which the CLI and the plugin call: the ``--catalog-extra FILE`` given
  on the command line, else the ``extra_events`` path of ``[tool.ctrules]`` in the nearest
  ``pyproject.toml`` (relative to that file).

An entry whose (event_source, event_name) the catalog has already gains the entry's eventTypes and
evidence; a new entry is added. Either way its origins include ``user``. Extend the catalog before the
first check runs in the process: results computed earlier may be cached (see ``Store.generation``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ctrules.catalog import fact_schema
from ctrules.catalog._store import origin_flag, store
from ctrules.catalog.fact_schema import Located
from ctrules.catalog.model import EVENT_TYPES, CatalogEvent
from ctrules.errors import CtrulesError

__all__ = [
    "CatalogEntryError",
    "apply_project_extensions",
    "extend",
    "extend_from_file",
    "extra_events_path",
    "load_extra_events",
]

_EVENTBRIDGE_READ_ONLY_PREFIXES = ("Describe", "Get", "List")
#: Files already applied in this process (a second call with the same file adds nothing).
_APPLIED: set[Path] = set()


class CatalogEntryError(CtrulesError, ValueError):
    """A project-added catalog entry is malformed.

    :param where: the file (with line) or call that gave it, e.g. ``extra.json:12``.
    :param index: the entry's position in the list (0-based), or ``None`` for the whole input.
    :param field: the offending field, or ``None``.
    :param problem: what is wrong and the exact fix.
    """

    def __init__(self, where: str, index: int | None, field: str | None, problem: str) -> None:
        self.where = where
        self.index = index
        self.field = field
        self.problem = problem
        parts = [where]
        if index is not None:
            parts.append(f"entry {index}")
        if field is not None:
            parts.append(f"field {field!r}")
        super().__init__(": ".join(parts) + f": {problem}")


def _check(entry: Any, where: str, index: int, doc: Located | None = None) -> dict[str, Any]:
    """The entry, validated by the catalog's fact schema (the overlay's rules; evidence optional) and
    normalised (defaults filled in). ``doc`` holds the lines of the entry's keys when it comes from a file."""
    if not isinstance(entry, Mapping):
        write = '{"event_name": ..., "event_source": ...}'
        raise CatalogEntryError(where, index, None, f"{type(entry).__name__} is not an object; write {write}")
    base = where.rsplit(":", 1)[0] if doc is not None else where
    try:
        fact_schema.check_entry(dict(entry), base, doc=doc, regions=store().doc.get("regions"))
    except fact_schema.FactError as exc:
        field = next((p for p in exc.path if isinstance(p, str)), None)
        at = f"{base}:{exc.line}" if doc is not None and exc.line is not None else where
        raise CatalogEntryError(at, index, field, exc.problem) from None
    types = entry["event_types"]
    return {
        "event_name": entry["event_name"],
        "event_source": entry["event_source"],
        "event_types": [t for t in EVENT_TYPES if t in types],
        "read_only": entry.get("read_only"),
        "category": entry.get("category", "Management"),
        "home_region": entry.get("home_region"),
        "evidence": list(entry.get("evidence", [])),
        "origin": entry.get("origin", "user"),
    }


def _apply(entries: list[dict[str, Any]]) -> tuple[CatalogEvent, ...]:
    from ctrules.catalog.api import _suggest

    s = store()
    rows: list[int] = []
    for e in entries:
        types = e["event_types"]
        api_call = "AwsApiCall" in types
        flags = origin_flag("user") | origin_flag(e["origin"])
        if api_call and e["category"] in ("Management", "Data"):
            flags |= 2  # CloudTrail Insights analyses management and data API calls
        if api_call and e["category"] == "Management" and e["event_name"].startswith(_EVENTBRIDGE_READ_ONLY_PREFIXES):
            flags |= 1  # EventBridge's own read-only rule
        rows.append(
            s.add(
                e["event_name"],
                e["event_source"],
                types_mask=sum(1 << EVENT_TYPES.index(t) for t in types),
                read_only=e["read_only"],
                category=e["category"],
                home_region=e["home_region"],
                evidence=tuple(e["evidence"]),
                flags=flags,
            )
        )
    _suggest.cache_clear()
    return tuple(s.event(i) for i in rows)


def extend(
    entries: Iterable[Mapping[str, Any]], *, where: str = "ctrules.catalog.extend()"
) -> tuple[CatalogEvent, ...]:
    """Add events to the catalog of this process (all or nothing).

    :param entries: mappings shaped like the overlay's event entries (``evidence`` optional).
    :param where: names the input in error messages.
    :returns: the added or extended entries, in input order.
    :raises CatalogEntryError: an entry is malformed (nothing is added).
    """
    if isinstance(entries, (str, bytes, Mapping)):
        raise CatalogEntryError(where, None, None, "expected a list of entries, got one value; wrap it in [ ]")
    checked = [_check(e, where, i) for i, e in enumerate(entries)]
    return _apply(checked)


def load_extra_events(path: Path | str) -> list[dict[str, Any]]:
    """The validated entries of a JSON file holding a list of entries.

    :raises CatalogEntryError: unreadable file, broken JSON, not a list, or a malformed entry; the message
        names ``file:line``, the entry index and the field.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogEntryError(str(p), None, None, f"cannot read the file ({exc.__class__.__name__}: {exc})") from exc
    decoder = json.JSONDecoder()
    pos = _skip_ws(text, 0)
    if pos >= len(text) or text[pos] != "[":
        raise CatalogEntryError(
            f"{p}:{_line(text, pos)}", None, None, "the file must hold a JSON list of entries: [ {...}, ... ]"
        )
    out: list[dict[str, Any]] = []
    pos = _skip_ws(text, pos + 1)
    index = 0
    while pos < len(text) and text[pos] != "]":
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise CatalogEntryError(f"{p}:{exc.lineno}", index, None, f"broken JSON: {exc.msg}") from exc
        first = _line(text, pos)
        located = fact_schema.parse(text[pos:end], str(p))
        located.lines = {k: v + first - 1 for k, v in located.lines.items()}
        out.append(_check(value, f"{p}:{first}", index, located))
        index += 1
        pos = _skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        elif pos < len(text) and text[pos] != "]":
            raise CatalogEntryError(f"{p}:{_line(text, pos)}", index, None, "broken JSON: expected ',' or ']'")
    if pos >= len(text):
        raise CatalogEntryError(f"{p}:{_line(text, pos)}", None, None, "broken JSON: the list is not closed with ']'")
    rest = text[pos + 1 :].strip()
    if rest:
        raise CatalogEntryError(f"{p}:{_line(text, pos + 1)}", None, None, "broken JSON: text after the closing ']'")
    return out


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def extend_from_file(path: Path | str) -> tuple[CatalogEvent, ...]:
    """Add the entries of a JSON file (see :func:`load_extra_events`); a file already applied in this
    process adds nothing again."""
    p = Path(path).resolve()
    entries = load_extra_events(path)
    if p in _APPLIED:
        return ()
    _APPLIED.add(p)
    return _apply(entries)


def extra_events_path(pyproject: Path | str) -> Path | None:
    """The ``extra_events`` file named by ``[tool.ctrules]`` of a ``pyproject.toml`` (resolved against the
    file's folder), or ``None`` when it names none.

    :raises CatalogEntryError: the TOML is broken or ``extra_events`` is not a string.
    """
    p = Path(pyproject)
    try:
        st = p.stat()
        stamp: tuple[str, int, int, int, int] | None = (
            str(p.resolve()), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns
        )
    except (OSError, ValueError, RuntimeError):
        stamp = None  # reading fails below, with the message
    if stamp is not None and stamp in _SEEN_PYPROJECT:
        return _SEEN_PYPROJECT[stamp]  # an app makes a plugin per synthesis: the file is parsed once
    found = _extra_events_path(p)
    if stamp is not None:
        _SEEN_PYPROJECT[stamp] = found
    return found


#: :func:`extra_events_path` of the files read, by (path, inode, size, modification and change times).
_SEEN_PYPROJECT: dict[tuple[str, int, int, int, int], Path | None] = {}


def _extra_events_path(p: Path) -> Path | None:
    import tomllib  # only projects that configure ctrules pay for it

    try:
        doc = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogEntryError(str(p), None, None, f"cannot read [tool.ctrules]: {exc}") from None
    except RecursionError:
        raise CatalogEntryError(str(p), None, None, "cannot read [tool.ctrules]: TOML nested too deeply") from None
    tool = doc.get("tool", {})
    table = tool.get("ctrules", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise CatalogEntryError(str(p), None, "tool.ctrules", "must be a table, e.g. [tool.ctrules]")
    value = table.get("extra_events")
    if value is None:
        return None
    if not isinstance(value, str) or not value or "\x00" in value:
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        raise CatalogEntryError(
            str(p), None, "tool.ctrules.extra_events", f'{shown} must be a path string, e.g. "ctrules-events.json"'
        )
    try:
        return (p.parent / value).resolve()
    except (OSError, ValueError, RuntimeError) as exc:
        raise CatalogEntryError(str(p), None, "tool.ctrules.extra_events", f"cannot be used as a path: {exc}") from None


def _find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` from ``start`` up to the root of its repository (the folder holding ``.git``),
    never above it: a parent folder outside the repository does not configure it. Outside any repository, only
    ``start`` itself is looked at."""
    here = start.resolve()
    folders = (here, *here.parents)
    top = next((i for i, f in enumerate(folders) if (f / ".git").exists()), 0)
    for folder in folders[: top + 1]:
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def apply_project_extensions(cli_file: Path | str | None = None, *, start: Path | str = ".") -> list[Path]:
    """Extend the catalog the way a project asks; the one call for the CLI and the plugin.

    :param cli_file: the ``--catalog-extra FILE`` of the command line; when given, ``pyproject.toml`` is
        not read.
    :param start: the folder from which to look for ``pyproject.toml`` (upwards).
    :returns: the files applied (empty when the project names none).
    :raises CatalogEntryError: a bad file or entry (one line: file:line, entry, field, fix).
    """
    if cli_file is not None:
        path = Path(cli_file)
    else:
        pyproject = _find_pyproject(Path(start))
        found = extra_events_path(pyproject) if pyproject is not None else None
        if found is None:
            return []
        path = found
    if not path.is_file():
        raise CatalogEntryError(
            str(path), None, None, "no such file; fix the path (relative to pyproject.toml for extra_events)"
        )
    extend_from_file(path)
    return [path]
