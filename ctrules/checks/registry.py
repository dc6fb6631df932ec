"""The registry of checks: each check module registers one :class:`Check` (its logic, metadata and fast answer).

A check lives in one module, ``ctrules/checks/ctrNNN_<slug>.py``, which holds

* ``run(branch, ctx)``: the findings for one ``$or``-free branch of a valid pattern (or, for a
  pattern-level check such as CTR009, ``run_pattern(pattern)``; for a check that must see the union of
  every alternative, such as CTR016, ``run_alternatives(alternatives, ctx)``);
* its metadata: code, slug, default severity, summary, help text, the usual fix, and its docs anchor;
* ``fast(facts, ctx)``: how the fast path may answer for it. Given the
  :class:`~ctrules.checks.fastpath.FlatFacts` of a simple pattern, it returns True only when ``run`` would
  certainly find nothing. A check that declares no ``fast`` (``None``) switches the shortcut off for
  every pattern: the fast path **fails closed**, so a new check always runs. Each answer must hold on its
  own, whatever the other checks find: the general path also skips, branch by branch, each check whose own
  answer says clean (``tests/checks/test_fastpath.py`` proves every answer alone on thousands of patterns).

Example (a check of your own, e.g. in a test)::

    from ctrules.checks.registry import Check, register, unregister

    register(Check("CTR099", "my-check", "warning", "Summary.", "Help.", "The fix.", run=my_run))
    ...
    unregister("CTR099")
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ctrules.checks.findings import CheckInfo, Finding, RuleContext, Severity

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["AlternativesRun", "BranchRun", "Check", "FastAnswer", "PatternRun", "alternatives_checks", "branch_checks",
           "branch_checks_with_fast", "fast_answers", "get", "register", "registered", "unregister"]

BranchRun = Callable[["Branch", RuleContext], list[Finding]]
PatternRun = Callable[[object], list[Finding]]
AlternativesRun = Callable[[Sequence["Branch"], RuleContext], list[Finding]]
FastAnswer = Callable[["FlatFacts", RuleContext], bool]


@dataclass(frozen=True, slots=True)
class Check:
    """One check: what it is (metadata), what it does (``run``) and when the fast path may skip it (``fast``).

    :param code: stable code, ``CTR0NN``.
    :param slug: short kebab-case name, e.g. ``detail-type-fits-event-type``.
    :param severity: the default severity of its findings (a finding may be a warning where the check
        cannot prove the rule never fires).
    :param summary: one sentence.
    :param help: why it matters, for reports and the generated docs.
    :param fix: the usual fix, in one sentence (each finding says its own exact fix).
    :param run: the check on one ``$or``-free branch of a valid pattern.
    :param run_pattern: the check on the raw pattern (pattern-level checks such as CTR009).
    :param run_alternatives: the check on every ``$or``-free alternative of a valid pattern at once (CTR016:
        the events the whole rule matches). Called only when the alternatives can all be listed (at most
        :data:`~ctrules.checks.analysis.MAX_BRANCHES` combinations); not called otherwise.
    :param fast: True when ``run`` would certainly find nothing for a simple pattern (see the module doc);
        ``None`` switches the fast path off.
    """

    code: str
    slug: str
    severity: Severity
    summary: str
    help: str
    fix: str
    run: BranchRun | None = None
    run_pattern: PatternRun | None = None
    fast: FastAnswer | None = None
    run_alternatives: AlternativesRun | None = None

    @property
    def anchor(self) -> str:
        """The anchor of the check's section in ``docs/checks.md``."""
        return f"{self.code.lower()}-{self.slug}"

    @property
    def info(self) -> CheckInfo:
        """The check's metadata as reports use it."""
        return CheckInfo(self.code, self.slug, self.severity, self.summary, self.help, self.fix, self.anchor)


_REGISTRY: dict[str, Check] = {}
_DERIVED: dict[str, object] = {}


def register(check: Check) -> Check:
    """Add a check (its code must be new). Returns it, so a module can write ``CHECK = register(Check(...))``.

    :raises ValueError: the code is taken, or the check has none of ``run``, ``run_pattern``, ``run_alternatives``.
    """
    if check.code in _REGISTRY:
        raise ValueError(f"check {check.code} is registered already")
    if check.run is None and check.run_pattern is None and check.run_alternatives is None:
        raise ValueError(f"check {check.code} needs run, run_pattern or run_alternatives")
    _REGISTRY[check.code] = check
    _DERIVED.clear()
    return check


def unregister(code: str) -> None:
    """Remove a check (tests use it to take a dummy check out again)."""
    _REGISTRY.pop(code, None)
    _DERIVED.clear()


def get(code: str) -> Check:
    """The registered check with this code (``KeyError`` when none)."""
    return _REGISTRY[code]


def registered() -> tuple[Check, ...]:
    """Every registered check, by code."""
    found = _DERIVED.get("all")
    if found is None:
        found = tuple(sorted(_REGISTRY.values(), key=lambda c: c.code))
        _DERIVED["all"] = found
    return found  # type: ignore[return-value]


def branch_checks() -> tuple[tuple[str, BranchRun], ...]:
    """``(code, run)`` of every branch-level check, by code."""
    found = _DERIVED.get("branch")
    if found is None:
        found = tuple((c.code, c.run) for c in registered() if c.run is not None)
        _DERIVED["branch"] = found
    return found  # type: ignore[return-value]


def alternatives_checks() -> tuple[tuple[str, AlternativesRun], ...]:
    """``(code, run_alternatives)`` of every check on all the alternatives at once, by code."""
    found = _DERIVED.get("alternatives")
    if found is None:
        found = tuple((c.code, c.run_alternatives) for c in registered() if c.run_alternatives is not None)
        _DERIVED["alternatives"] = found
    return found  # type: ignore[return-value]


def branch_checks_with_fast() -> tuple[tuple[str, BranchRun, FastAnswer | None], ...]:
    """``(code, run, fast)`` of every branch-level check, by code."""
    found = _DERIVED.get("branch-fast")
    if found is None:
        found = tuple((c.code, c.run, c.fast) for c in registered() if c.run is not None)
        _DERIVED["branch-fast"] = found
    return found  # type: ignore[return-value]


def fast_answers() -> tuple[FastAnswer, ...] | None:
    """The fast answers of every registered check, or None when one check has none (the shortcut is off)."""
    if "fast" not in _DERIVED:
        answers = tuple(c.fast for c in registered())
        _DERIVED["fast"] = None if any(a is None for a in answers) else answers
    return _DERIVED["fast"]  # type: ignore[return-value]
