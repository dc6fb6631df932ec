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


def _typos(n: int, seed: int) -> list[str]:
    """Misspelt catalog names: a letter dropped, changed or doubled (a few are other real names)."""
    rnd = random.Random(seed)
    names = store().sorted_names
    out = []
    for _ in range(n):
        real = rnd.choice(names)
        i = rnd.randrange(len(real))
        out.append(rnd.choice([real[:i] + real[i + 1 :], real[:i] + rnd.choice("aeinrst") + real[i + 1 :],
                               real[:i] + real[i] + real[i:]]))  # fmt: skip
    return out


def _reference_near(names: list[str], grams_of: list[set[str]], name: str) -> list[str]:
    """What the index answers, by a scan: the 16 names of about the length sharing the most trigrams, in the list's
    order; among names sharing as many, those met first walking the trigrams in sorted order, each trigram's names
    by length (then in the list's order)."""
    spread = max(3, len(name) // 4)
    grams = api._trigrams(name)
    rank = {g: r for r, g in enumerate(sorted(grams))}
    scored = []
    for i, c in enumerate(names):
        common = grams & grams_of[i]
        if common and abs(len(c) - len(name)) <= spread:
            scored.append((-len(common), min(rank[g] for g in common), len(c), i))
    best = sorted(scored)[: api._NEAR_CANDIDATES]
    return [names[i] for *_, i in sorted(best, key=lambda s: s[-1])]


@pytest.mark.parametrize("full_after", [10**9, 0], ids=["lengths-on-demand", "merged"])
def test_the_index_finds_what_a_scan_of_every_name_finds(full_after: int) -> None:
    names = store().sorted_names
    grams_of = [api._trigrams(n) for n in names]
    index = api._NameIndex(names, full_after=full_after)
    for typo in _typos(100, seed=3):
        assert index.near(typo) == _reference_near(names, grams_of, typo), typo
    ec2 = api._NameIndex(api._source_index("ec2.amazonaws.com").names, full_after=full_after)
    ec2_grams = [api._trigrams(n) for n in ec2.names]
    for typo in ["RunInstance", "DescribeInstancs", "TerminateInstance", "CreateVpcc", "x", ""]:
        assert ec2.near(typo) == _reference_near(ec2.names, ec2_grams, typo), typo


def test_the_index_reads_only_the_lengths_a_search_needs_until_many_searches() -> None:
    index = api._NameIndex(store().sorted_names, full_after=2)
    index.near("CreateUsr")  # 9 letters: names of 6 to 12 letters
    assert set(index._of) == {n for n in range(6, 13) if n in index._by_length}
    assert index._merged is None
    index.near("DescribeInstancs")
    first = index.near("CreateUsr")  # the third search merges every length
    assert index._merged is not None and set(index._of) == set(index._by_length)
    assert first == api._NameIndex(store().sorted_names).near("CreateUsr")


def test_suggestions_do_not_depend_on_the_process() -> None:
    """String hashing differs per process (PYTHONHASHSEED); the names suggested for a typo must not."""
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\nfrom ctrules import catalog\n"
        "print(json.dumps([catalog.suggest(t, limit=5) for t in json.loads(sys.argv[1])]))\n"
    )
    typos = json.dumps(_typos(300, seed=9))
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script, typos], capture_output=True, text=True, env=env,
                              timeout=300, check=True)  # fmt: skip
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]
    assert sum(1 for s in runs[0] if s) > 250
