"""The package's docstring promises its canonical imports: each of them works."""

from __future__ import annotations

import re

import ctrules.eventpattern


def test_every_import_the_docstring_shows_works() -> None:
    doc = ctrules.eventpattern.__doc__ or ""
    lines = [m.group(1) for m in re.finditer(r"^\s+(from ctrules\.\S+ import [^#\n]+?)\s*(?:#.*)?$", doc, re.M)]
    assert len(lines) >= 3, doc
    for line in lines:
        exec(line, {})  # raises ImportError when a promised name is missing
