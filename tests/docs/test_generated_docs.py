"""Tests of scripts/gen_docs.py: the committed generated docs are fresh, and --check notices stale ones."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "gen_docs.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120)


def test_committed_generated_docs_are_fresh() -> None:
    result = _run("--check")
    assert result.returncode == 0, result.stderr


@pytest.fixture
def copy_root(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    shutil.copy(ROOT / "docs" / "checks.md", tmp_path / "docs" / "checks.md")
    return tmp_path


def test_check_mode_fails_on_a_stale_readme_table_and_regeneration_fixes_it(copy_root: Path) -> None:
    readme = copy_root / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert "[CTR001](docs/checks.md#ctr001-" in text
    readme.write_text(text.replace("[CTR001](docs/checks.md#", "[CTR001](docs/old.md#"), encoding="utf-8")

    stale = _run("--check", "--root", str(copy_root))
    assert stale.returncode == 1
    assert "README.md" in stale.stderr and "docs/checks.md" not in stale.stderr

    assert _run("--root", str(copy_root)).returncode == 0
    assert readme.read_text(encoding="utf-8") == text
    assert _run("--check", "--root", str(copy_root)).returncode == 0


def test_check_mode_fails_on_a_missing_checks_doc(copy_root: Path) -> None:
    (copy_root / "docs" / "checks.md").unlink()
    result = _run("--check", "--root", str(copy_root))
    assert result.returncode == 1
    assert "docs/checks.md" in result.stderr
    assert not (copy_root / "docs" / "checks.md").exists()


def test_missing_markers_are_a_usage_error_naming_them(copy_root: Path) -> None:
    readme = copy_root / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("<!-- catalog-counts:end -->", ""), encoding="utf-8")
    result = _run("--check", "--root", str(copy_root))
    assert result.returncode == 2
    assert "catalog-counts:end" in result.stderr


def test_checks_doc_has_a_section_per_registered_check() -> None:
    from ctrules.checks.registry import registered

    doc = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for check in registered():
        assert f'<a id="{check.anchor}"></a>' in doc
        assert check.fix in doc


def test_check_ranges_in_readmes_follow_the_registry(copy_root: Path) -> None:
    """A range such as ``CTR001–CTR016`` says "every check": it is the registry's, and regeneration keeps it so."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from gen_docs import check_range
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    from ctrules.checks.registry import registered

    codes = [c.code for c in registered()]
    assert check_range() == f"{codes[0]}–{codes[-1]}"
    assert check_range() in (ROOT / "README.md").read_text(encoding="utf-8")
    readme = copy_root / "README.md"
    fresh = readme.read_text(encoding="utf-8")
    readme.write_text(fresh.replace(check_range(), "CTR001–CTR015"), encoding="utf-8")  # a check was added since
    assert _run("--check", "--root", str(copy_root)).returncode == 1
    assert _run("--root", str(copy_root)).returncode == 0
    assert readme.read_text(encoding="utf-8") == fresh
