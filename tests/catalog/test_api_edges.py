"""Catalog API edge cases: non-string names, limit 0, and 'did you mean' through its index."""

from __future__ import annotations

import random
import string

import pytest

from ctrules import catalog
from ctrules.catalog import api
from ctrules.catalog._store import store


@pytest.mark.parametrize("call", [catalog.lookup, catalog.get, catalog.suggest])
def test_none_name_is_a_type_error_naming_the_argument(call: object) -> None:
    with pytest.raises(TypeError, match="must be a str"):
        call(None)  # type: ignore[operator]


def test_search_limit_zero_returns_nothing() -> None:
    assert catalog.search("a", limit=0) == []
    assert len(catalog.search("a", limit=1)) == 1


def test_suggest_limit_zero_returns_nothing() -> None:
    assert catalog.suggest("CreateBuckett", limit=0) == []


def test_suggest_ignores_fuzzy_matching_for_huge_names() -> None:
    assert catalog.suggest("CreateBucket" * 1000) == []


def _slow_close(name: str, limit: int) -> list[str]:
    """The plain scan the index stands in for: difflib over every name of similar length."""
    import difflib

    spread = max(3, len(name) // 4)
    pool = [n for n in store().sorted_names if abs(len(n) - len(name)) <= spread]
    return difflib.get_close_matches(name, pool, n=limit, cutoff=0.75)


@pytest.mark.slow
def test_index_finds_the_best_spelling_a_full_scan_finds() -> None:
    rnd = random.Random(11)
    names = store().sorted_names
    checked = 0
    for _ in range(60):
        real = rnd.choice(names)
        i = rnd.randrange(len(real))
        typo = real[:i] + rnd.choice(string.ascii_lowercase) + real[i + 1 :]
        if typo in store().by_name:
            continue
        best = _slow_close(typo, 1)
        if not best:
            continue
        checked += 1
        assert best[0] in catalog.suggest(typo, limit=5), (typo, best)
    assert checked > 30


def test_index_by_service_stays_within_the_service() -> None:
    found = catalog.suggest("RunInstance", service="ec2")
    assert found[0] == "RunInstances"
    assert all(n in {e.event_name for e in catalog.events("ec2")} for n in found)
    assert api._source_index("ec2.amazonaws.com").near("RunInstance")
