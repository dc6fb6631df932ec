"""The store's raw-row shortcuts say what the catalog entries say."""

from __future__ import annotations

from ctrules.catalog._store import store


def test_facts_agree_with_every_entry() -> None:
    s = store()
    for i in range(len(s.rows)):
        ev = s.event(i)
        detail_types, eventbridge_read_only, category, home = s.facts(i)
        assert detail_types == frozenset(ev.deliverable_detail_types), ev
        assert (eventbridge_read_only, category, home) == (ev.eventbridge_read_only, ev.category, ev.home_region)


def test_indexes_in_finds_the_entries_of_the_given_sources() -> None:
    s = store()
    both = frozenset({"s3.amazonaws.com", "s3control.amazonaws.com"})
    assert [s.event(i).event_source for i in s.indexes_in("CreateBucket", both)] == ["s3.amazonaws.com"]
    assert s.indexes_in("CreateBucket", frozenset({"ec2.amazonaws.com"})) == []
    shared = [i for i in s.by_name["CreateAccount"] if s.event(i).event_source in ("organizations.amazonaws.com",)]
    assert s.indexes_in("CreateAccount", frozenset({"organizations.amazonaws.com"})) == shared != []
