"""Checks declare what they need, and every shortcut is derived from the declarations (fails closed).

A probe check registered the documented way (``docs/adding-a-check.md``) runs on plain patterns, in the CLI
and through the plugin's ``check_template``; a check that declares nothing is never left out, whatever the
shell cannot read; a check that needs the State is left out where the State is an intrinsic; and every
shipped check's declaration is honest: context it does not declare never changes its findings.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ctrules.checks import CHECKS, CONTEXT_NEEDS, NEEDS, RuleContext, TargetPath, check_pattern, codes_needing
from ctrules.checks.analysis import Branch
from ctrules.checks.findings import WARNING, Finding
from ctrules.checks.registry import Check, get, left_out, register, registered, unregister
from tests.checks.test_fastpath import CASES, OR_CASES
from tests.cli.clihelp import rule, run, template, write

PLAIN = {
    "source": ["aws.ec2"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {"eventName": ["RunInstances"]},
}
READ_ONLY = {
    "source": ["aws.ec2"],
    "detail-type": ["AWS API Call via CloudTrail"],
    "detail": {"eventName": ["DescribeInstances"]},
}
EVERYTHING_UNKNOWN = frozenset(CONTEXT_NEEDS)


def _probe(branch: Branch, ctx: RuleContext) -> list[Finding]:
    return [Finding("CTR099", WARNING, "the probe saw the rule", "nothing to fix", "$")]


def _state_probe(branch: Branch, ctx: RuleContext) -> list[Finding]:
    return [Finding("CTR098", WARNING, f"the State probe saw {ctx.effective_state}", "nothing to fix", "$")]


@pytest.fixture
def probe() -> Iterator[None]:
    """A check registered as docs/adding-a-check.md shows, declaring nothing and giving no fast answer."""
    register(Check("CTR099", "probe", WARNING, "A probe.", "Help.", "Fix.", run=_probe))
    try:
        yield
    finally:
        unregister("CTR099")


@pytest.fixture
def state_probe() -> Iterator[None]:
    """A check that declares it reads the State (and nothing else)."""
    register(
        Check("CTR098", "state-probe", WARNING, "A probe.", "Help.", "Fix.", run=_state_probe, needs=frozenset({"state"}))
    )
    try:
        yield
    finally:
        unregister("CTR098")


def test_every_shipped_check_declares_its_needs_from_the_vocabulary() -> None:
    for c in registered():
        assert c.needs is not None, f"{c.code} declares no needs: write needs=frozenset({{...}}) (see NEEDS)"
        assert c.needs <= NEEDS.keys(), (c.code, c.needs)
    assert codes_needing("state") == {"CTR004"}
    assert codes_needing("trails") == {"CTR006"}
    assert codes_needing("targets") == {"CTR016"}
    assert "CTR005" in codes_needing("region") and "CTR005" in codes_needing("bus")


def test_the_probe_runs_on_a_plain_pattern(probe: None) -> None:
    assert [f.code for f in check_pattern(PLAIN, RuleContext(region="us-east-1"))] == ["CTR099"]
    assert "CTR099" in CHECKS


def test_a_check_declaring_nothing_is_never_left_out(probe: None) -> None:
    ctx = RuleContext(region="us-east-1", unknown=EVERYTHING_UNKNOWN)
    assert "CTR099" not in left_out(EVERYTHING_UNKNOWN)
    assert [f.code for f in check_pattern(PLAIN, ctx)] == ["CTR099"]
    for word in NEEDS:
        assert "CTR099" in codes_needing(word), word  # it may read anything: every re-check includes it


def test_a_check_needing_the_state_is_left_out_where_the_state_is_unknown(state_probe: None) -> None:
    known = check_pattern(PLAIN, RuleContext(region="us-east-1"))
    unknown = check_pattern(PLAIN, RuleContext(region="us-east-1", unknown=frozenset({"state"})))
    assert [f.code for f in known] == ["CTR098"] and unknown == []
    # The shipped read-only check is left out the same way: it would guess the State.
    assert check_pattern(READ_ONLY, RuleContext(region="us-east-1", unknown=frozenset({"state"}))) == []
    assert [f.code for f in check_pattern(READ_ONLY, RuleContext(region="us-east-1"))] == ["CTR004", "CTR098"]


def test_the_probe_runs_in_the_cli(probe: None, tmp_path: Path) -> None:
    path = write(tmp_path / "template.json", template(R=rule(PLAIN)))
    result = run("lint", path, "--region", "us-east-1", "--format", "json")
    assert result.codes() == ["CTR099"] and result.code == 0  # a warning: exit 0 unless --strict


def test_the_cli_runs_the_probe_when_the_state_is_an_intrinsic(probe: None, state_probe: None, tmp_path: Path) -> None:
    path = write(tmp_path / "template.json", template(R=rule(READ_ONLY, State={"Ref": "RuleState"})))
    result = run("lint", path, "--region", "us-east-1", "--format", "json")
    assert result.codes() == ["CTR099"]  # not CTR004, not the State probe: they need the State


def test_the_probe_runs_through_check_template(probe: None, state_probe: None) -> None:
    from ctrules.plugin import check_template

    doc = template(Known=rule(PLAIN), Intrinsic=rule(READ_ONLY, State={"Ref": "RuleState"}))
    found = sorted((r.logical_id, f.code) for r, f in check_template(doc, "us-east-1"))
    assert found == [("Intrinsic", "CTR099"), ("Known", "CTR098"), ("Known", "CTR099")]


def test_only_runs_the_named_checks(probe: None) -> None:
    seed = {**PLAIN, "detail-type": ["AWS Service Event via CloudTrail"]}  # CTR001
    assert {f.code for f in check_pattern(seed, RuleContext(region="us-east-1"))} == {"CTR001", "CTR099"}
    assert [f.code for f in check_pattern(seed, RuleContext(region="us-east-1"), only=["CTR001"])] == ["CTR001"]
    assert check_pattern(seed, RuleContext(region="us-east-1"), only=codes_needing("trails") - {"CTR099"}) == []


def test_declarations_and_contexts_are_checked() -> None:
    with pytest.raises(ValueError, match=r"'regoin'.*not a word"):
        register(Check("CTR097", "x", WARNING, "S.", "H.", "F.", run=_probe, needs=frozenset({"regoin"})))
    with pytest.raises(ValueError, match="frozenset"):
        register(Check("CTR097", "x", WARNING, "S.", "H.", "F.", run=_probe, needs={"region"}))  # type: ignore[arg-type]
    assert "CTR097" not in CHECKS
    with pytest.raises(ValueError, match=r"'catalog'.*not context"):
        RuleContext(unknown=frozenset({"catalog"}))
    with pytest.raises(ValueError, match="not words of NEEDS"):
        codes_needing("State")


# Context values each word can take, to vary what a check says it does not read.
_VARIANTS: dict[str, list[dict[str, Any]]] = {
    "region": [{"region": r} for r in (None, "us-east-1", "eu-west-1", "cn-north-1")],
    "state": [{"state": s} for s in (None, "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")],
    "bus": [{"default_bus": b} for b in (True, False)],
    "trails": [{"data_trail_sources": t} for t in (frozenset(), frozenset({"s3.amazonaws.com", "lambda.amazonaws.com"}))],
    "targets": [
        {"target_paths": ()},
        {"target_paths": (TargetPath("$.detail.requestParameters.bucketName", "Targets[0].InputPath"),
                          TargetPath("$.detail.nosuch", "Targets[0].InputTransformer.InputPathsMap.x", "x"))},
    ],
}  # fmt: skip


@pytest.mark.slow
def test_context_a_check_does_not_declare_never_changes_its_findings() -> None:
    """Each shipped check alone (``only=``), on generated patterns, under contexts that differ only in what it does
    not declare: the same findings. (A check whose findings move with undeclared context would be skipped, or not
    checked again, where that context changes.)"""
    assert set(_VARIANTS) == set(CONTEXT_NEEDS)
    rng = random.Random(7)
    cases = rng.sample(CASES, 300) + rng.sample(OR_CASES, 100)
    compared = 0
    for check in registered():
        assert check.needs is not None
        undeclared = [w for w in CONTEXT_NEEDS if w not in check.needs]
        for pattern, ctx in cases:
            base = check_pattern(pattern, ctx, only=[check.code])
            word = rng.choice(undeclared)
            other = replace(ctx, **rng.choice(_VARIANTS[word]))
            got = check_pattern(pattern, other, only=[check.code])
            assert got == base, (
                f"{check.code} does not declare {word!r} but its findings change with it: pattern {pattern}, "
                f"{ctx} -> {other}: {base} -> {got}"
            )
            compared += 1
    assert compared == 400 * len(registered())


def test_the_vocabulary_documents_every_word() -> None:
    assert all(NEEDS[w] for w in NEEDS) and set(CONTEXT_NEEDS) <= set(NEEDS)
    assert get("CTR009").needs == frozenset()  # validity reads the pattern alone


def test_a_check_computes_its_own_fact_without_editing_gather() -> None:
    """``FlatFacts.get``: a check's own fact (here: is any named event a data event, from the public catalog), computed
    once per facts object, and the fast path uses it."""
    from ctrules import catalog
    from ctrules.checks.fastpath import FlatFacts, certainly_clean

    computed: list[object] = []

    def names_data_events(facts: FlatFacts) -> bool:
        computed.append(facts.pattern)
        names = facts.pattern.get("detail", {}).get("eventName", [])
        return any(e.category == "Data" for n in names if isinstance(n, str) for e in catalog.lookup(n))

    def fast(facts: FlatFacts, ctx: RuleContext) -> bool:
        return not facts.get(names_data_events) and not facts.get(names_data_events)

    def run(branch: Branch, ctx: RuleContext) -> list[Finding]:
        data = [i for i, found in branch.literal_names if any(e.category == "Data" for e in found)]
        return [Finding("CTR099", WARNING, "a data event", "none", i.path) for i in data]

    register(Check("CTR099", "own-fact", WARNING, "S.", "H.", "F.", run=run, fast=fast, needs=frozenset({"catalog"})))
    try:
        ctx = RuleContext(region="us-east-1")
        assert certainly_clean(PLAIN, ctx) and len(computed) == 1  # asked twice, computed once
        s3 = {"source": ["aws.s3"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["GetObject"]}}
        assert not certainly_clean(s3, ctx)
        assert "CTR099" in {f.code for f in check_pattern(s3, ctx)}
    finally:
        unregister("CTR099")
