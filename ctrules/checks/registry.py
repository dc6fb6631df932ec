"""The registry of checks: each check module registers one :class:`Check` (its logic, metadata, needs and fast answer).

A check lives in one module, ``ctrules/checks/ctrNNN_<slug>.py`` (every such module is imported, and so
registered, when :mod:`ctrules.checks` is), which holds

* ``run(branch, ctx)``: the findings for one ``$or``-free branch of a valid pattern (or, for a
  pattern-level check such as CTR009, ``run_pattern(pattern)``; for a check that must see the union of
  every alternative, such as CTR016, ``run_alternatives(alternatives, ctx)``);
* its metadata: code, slug, default severity, summary, help text, the usual fix, and its docs anchor;
* ``needs``: what it reads besides the pattern, as words of :data:`NEEDS` (``"region"``, ``"state"``,
  ``"bus"``, ``"trails"``, ``"targets"``, ``"catalog"``, ``"shapes"``). Every shortcut is derived from these
  declarations: a shell that cannot read the State says so (``RuleContext(unknown={"state"})``) and the engine
  leaves out the checks that need it; the CLI asks only the checks that need ``"trails"`` which warnings a
  trail silenced (:func:`codes_needing`); a construct checks again at synthesis the checks that need what it
  learns only then. ``needs=None`` (the default) declares nothing: the check runs everywhere, on every path,
  whatever the shell does not know; it **fails closed**.
* ``fast(facts, ctx)``: how the fast path may answer for it. Given the
  :class:`~ctrules.checks.fastpath.FlatFacts` of a simple pattern, it returns True only when ``run`` would
  certainly find nothing. ``fast=None`` is allowed and safe (the fast path then answers "don't know" for
  every pattern: correct, slower), but the tests ask every shipped check for one
  (``tests/checks/test_fastpath.py`` names a check without one, and proves every answer alone on thousands
  of patterns: a wrong answer fails with the check's code and the counter-example). Each answer must hold on
  its own, whatever the other checks find: the general path also skips, branch by branch, each check whose
  own answer says clean. A check that needs catalog facts the :class:`~ctrules.checks.fastpath.FlatFacts`
  do not carry computes them itself with :meth:`FlatFacts.get <ctrules.checks.fastpath.FlatFacts.get>`
  (once per distinct pattern); ``fastpath.gather`` is not edited.

Example (a check of your own, e.g. in a test)::

    from ctrules.checks.registry import Check, register, unregister

    register(Check("CTR099", "my-check", "warning", "Summary.", "Help.", "The fix.", run=my_run,
                   needs=frozenset({"region", "catalog"})))
    ...
    unregister("CTR099")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from ctrules.checks.findings import CONTEXT_NEEDS, CheckInfo, Finding, RuleContext, Severity

if TYPE_CHECKING:
    from ctrules.checks.analysis import Branch
    from ctrules.checks.fastpath import FlatFacts

__all__ = ["NEEDS", "AlternativesRun", "BranchRun", "Check", "FastAnswer", "PatternRun", "alternatives_checks",
           "branch_checks", "branch_checks_with_fast", "codes_needing", "fast_answers", "get", "left_out", "register",
           "registered", "unregister"]

#: Every word a check may name in :attr:`Check.needs`, with what it means: the rule's context
#: (:data:`~ctrules.checks.findings.CONTEXT_NEEDS`, fields of :class:`~ctrules.checks.findings.RuleContext`) and
#: the data bundled with ctrules that the check reads.
NEEDS: Final[Mapping[str, str]] = MappingProxyType(
    {
        **CONTEXT_NEEDS,
        "catalog": "the event catalog: names, sources, eventTypes, read-only flags, home Regions, categories, "
        "retirements (ctrules.catalog; a project's catalog extension changes it)",
        "shapes": "the record shapes: which paths the CloudTrail records of an event carry (ctrules.catalog.shapes)",
    }
)

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
    :param needs: what the check reads besides the pattern, as words of :data:`NEEDS` (an empty set: the
        pattern alone). ``None``, the default, declares nothing: the check is never left out (fails closed).
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
    needs: frozenset[str] | None = None

    def reads(self, words: Iterable[str]) -> bool:
        """Does the check (perhaps) read any of these :data:`NEEDS` words? Always True when it declares nothing."""
        return self.needs is None or not self.needs.isdisjoint(words)

    @property
    def anchor(self) -> str:
        """The anchor of the check's section in ``docs/checks.md``."""
        return f"{self.code.lower()}-{self.slug}"

    @property
    def info(self) -> CheckInfo:
        """The check's metadata as reports use it."""
        return CheckInfo(self.code, self.slug, self.severity, self.summary, self.help, self.fix, self.anchor)


_REGISTRY: dict[str, Check] = {}
_DERIVED: dict[object, object] = {}


def register(check: Check) -> Check:
    """Add a check (its code must be new). Returns it, so a module can write ``CHECK = register(Check(...))``.

    :raises ValueError: the code is taken, the check has none of ``run``, ``run_pattern``, ``run_alternatives``,
        or its ``needs`` names a word that is not in :data:`NEEDS`.
    """
    if check.code in _REGISTRY:
        raise ValueError(f"check {check.code} is registered already")
    if check.run is None and check.run_pattern is None and check.run_alternatives is None:
        raise ValueError(f"check {check.code} needs run, run_pattern or run_alternatives")
    if check.needs is not None:
        if not isinstance(check.needs, frozenset) or not all(isinstance(w, str) for w in check.needs):
            raise ValueError(f"check {check.code}: needs must be a frozenset of words such as 'region' (or None)")
        wrong = sorted(check.needs - NEEDS.keys())
        if wrong:
            raise ValueError(
                f"check {check.code} needs {', '.join(map(repr, wrong))}, which is not a word of "
                f"ctrules.checks.registry.NEEDS: use {', '.join(map(repr, NEEDS))} (a shell that knows more adds a "
                "field to RuleContext and a word to CONTEXT_NEEDS)"
            )
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


def codes_needing(*words: str) -> frozenset[str]:
    """The codes of the checks that may read any of these :data:`NEEDS` words, including every check that declares
    nothing (it may read anything).

    E.g. ``codes_needing("trails")``: the checks whose findings can change with the trails beside a rule.

    :raises ValueError: a word that is not in :data:`NEEDS`.
    """
    wrong = sorted(set(words) - NEEDS.keys())
    if wrong:
        raise ValueError(f"not words of NEEDS: {', '.join(map(repr, wrong))}")
    return frozenset(c.code for c in registered() if c.reads(words))


def left_out(unknown: frozenset[str]) -> frozenset[str]:
    """The codes of the checks the engine leaves out when the shell cannot read ``unknown`` (context words): those
    that declare they need one of them. A check that declares nothing is never left out."""
    if not unknown:
        return frozenset()
    key = ("left-out", unknown)
    found = _DERIVED.get(key)
    if found is None:
        found = frozenset(c.code for c in registered() if c.needs is not None and not c.needs.isdisjoint(unknown))
        _DERIVED[key] = found
    return found  # type: ignore[return-value]
