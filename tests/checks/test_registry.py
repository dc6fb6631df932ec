"""The check registry: metadata lives with each check, and the fast path is derived from it (fails closed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ctrules.checks import CHECKS, RuleContext, check_pattern
from ctrules.checks.analysis import Branch
from ctrules.checks.fastpath import FlatFacts, certainly_clean
from ctrules.checks.findings import WARNING, Finding
from ctrules.checks.registry import Check, fast_answers, get, register, registered, unregister

PLAIN = {
    "source": ["aws.organizations"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {"eventName": ["CreateAccount"]},
}


def _always(branch: Branch, ctx: RuleContext) -> list[Finding]:
    return [Finding("CTR099", WARNING, "dummy saw the branch", "nothing", "$")]


@pytest.fixture
def dummy_without_fast_answer() -> Iterator[None]:
    register(Check("CTR099", "dummy", WARNING, "A dummy.", "Help.", "Fix.", run=_always))
    try:
        yield
    finally:
        unregister("CTR099")


def test_plain_pattern_is_answered_by_the_fast_path_today() -> None:
    assert certainly_clean(PLAIN, RuleContext(region="us-east-1"))
    assert check_pattern(PLAIN, RuleContext(region="us-east-1")) == []


def test_a_new_check_without_a_fast_answer_runs_on_plain_patterns(dummy_without_fast_answer: None) -> None:
    assert fast_answers() is None
    assert not certainly_clean(PLAIN, RuleContext(region="us-east-1"))
    found = check_pattern(PLAIN, RuleContext(region="us-east-1"))
    assert [f.code for f in found] == ["CTR099"]
    assert "CTR099" in CHECKS


def test_a_new_check_with_a_fast_answer_is_asked(dummy_without_fast_answer: None) -> None:
    unregister("CTR099")
    asked: list[FlatFacts] = []

    def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
        asked.append(facts)
        return False

    register(Check("CTR099", "dummy", WARNING, "A dummy.", "Help.", "Fix.", run=_always, fast=fast))
    found = check_pattern(PLAIN, RuleContext(region="us-east-1"))
    assert asked and asked[0].accepted == {"AWS API Call via CloudTrail"}
    assert [f.code for f in found] == ["CTR099"]


def test_after_unregistering_the_shortcut_is_back() -> None:
    assert fast_answers() is not None
    assert "CTR099" not in CHECKS


def test_codes_are_unique_and_every_check_has_metadata() -> None:
    codes = [c.code for c in registered()]
    assert codes == sorted(set(codes))
    for c in registered():
        assert c.slug and c.summary.endswith(".") and c.help and c.fix
        assert c.anchor == f"{c.code.lower()}-{c.slug}"
        assert CHECKS[c.code].anchor == c.anchor
    with pytest.raises(ValueError, match="registered already"):
        register(get("CTR001"))


def test_a_check_needs_something_to_run() -> None:
    with pytest.raises(ValueError, match="run"):
        register(Check("CTR098", "nothing", WARNING, "S.", "H.", "F."))


def test_every_check_module_is_discovered_and_registers_its_own_code() -> None:
    """Each ``ctrNNN_<slug>.py`` is imported by ``ctrules.checks`` (no list to edit) and registers ``CTRNNN``."""
    import importlib
    from pathlib import Path

    import ctrules.checks

    folder = Path(ctrules.checks.__file__).parent
    modules = sorted(p.stem for p in folder.glob("ctr[0-9][0-9][0-9]_*.py"))
    assert modules and [m[:6].upper() for m in modules] == [c.code for c in registered()]
    for name in modules:
        module = importlib.import_module(f"ctrules.checks.{name}")
        assert module.CHECK is get(name[:6].upper()), name
