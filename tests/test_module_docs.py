"""Every module of ctrules states its one concern in one sentence; a module over 500 lines says why it is one module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted((ROOT / "ctrules").rglob("*.py"))
LONG = 500
# A sentence ends before a capital letter or a backquoted name (``...``) starts the next one.
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z`])")
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|vs)\.")


def _sentences_joined(text: str) -> bool:
    """Whether ``text`` holds more than one sentence."""
    return bool(_SENTENCE_END.search(_ABBREVIATIONS.sub("", text)))


def _docstring(path: Path) -> str:
    return ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")), clean=True) or ""


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_module_opens_with_a_one_sentence_summary(path: Path) -> None:
    doc = _docstring(path)
    assert doc, f"{path.relative_to(ROOT)}: no module docstring"
    summary = " ".join(doc.split("\n\n")[0].split())
    assert summary.endswith("."), f"{path.relative_to(ROOT)}: the summary is not a sentence: {summary!r}"
    assert not _sentences_joined(summary), f"{path.relative_to(ROOT)}: the summary is more than one sentence"
    assert len(summary) <= 180, f"{path.relative_to(ROOT)}: the summary is {len(summary)} characters long"


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_long_module_says_why_it_is_one_module(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if lines > LONG:
        assert "on purpose:" in _docstring(path), (
            f"{path.relative_to(ROOT)} has {lines} lines: split it by concern, or say in its docstring why it is "
            "one module ('One module of ~N lines on purpose: ...')"
        )


def test_the_rules_can_fail() -> None:
    assert _sentences_joined("Reads files. Writes none.")
    assert _sentences_joined("Reads files. ``lint`` writes none.")
    assert not _sentences_joined("Reads files (e.g. ``a.json``), writes none.")
