"""Provenance, retired services and coverage metadata of the bundled catalog."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ctrules import catalog
from ctrules.catalog import ORIGINS
from ctrules.errors import UnknownServiceError

DATA = Path(catalog.__file__).parent / "data" / "catalog.json"


def test_every_entry_says_where_it_comes_from() -> None:
    for ev in catalog.all_events():
        assert ev.origins, ev.key
        assert set(ev.origins) <= set(ORIGINS) and list(ev.origins) == [o for o in ORIGINS if o in ev.origins]


@pytest.mark.parametrize(
    ("name", "service", "origin"),
    [("RunInstances", "ec2", "sdk"), ("CreateAccountResult", "organizations", "curated"),
     ("UpdateFunctionCode20150331v2", "lambda", "curated")],
)  # fmt: skip
def test_origins_of_known_entries(name: str, service: str, origin: str) -> None:
    assert origin in catalog.get(name, service=service).origins


@pytest.mark.parametrize(
    ("name", "service", "date"),
    [("CreateStack", "opsworks", "2024-05-26"), ("CreateServer", "opsworkscm", "2024-05-05"),
     ("CreatePipeline", "elastictranscoder", "2025-11-13"), ("CreateDetectorModel", "iotevents", "2026-05-20"),
     ("ListMemberAccounts", "macie", "2023-11-17")],
)  # fmt: skip
def test_retired_services_keep_their_events_with_the_date(name: str, service: str, date: str) -> None:
    ev = catalog.get(name, service=service)
    assert ev.retired == date
    gone = catalog.retirement(service)
    assert gone is not None and gone.date == date and gone.event_source == ev.event_source


@pytest.mark.parametrize(("name", "service"), [("RunInstances", "ec2"), ("CreateCustomDataIdentifier", "macie2")])
def test_running_services_are_not_retired(name: str, service: str) -> None:
    assert catalog.get(name, service=service).retired is None
    assert catalog.retirement(service) is None


def test_retirement_accepts_every_spelling_of_a_service_and_refuses_unknown_ones() -> None:
    by_name = catalog.retirement("opsworkscm")
    assert by_name is not None
    assert catalog.retirement("aws.opsworks-cm") == catalog.retirement("opsworks-cm.amazonaws.com") == by_name
    with pytest.raises(UnknownServiceError):
        catalog.retirement("opsworkz")


def test_every_retirement_has_a_date_evidence_and_events() -> None:
    retired = catalog.retired_services()
    assert {"opsworks", "opsworkscm", "iotevents", "elastictranscoder", "macie"} <= {r.service for r in retired}
    for r in retired:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.date), r
        assert r.evidence and all(e.startswith(("https://", "github:")) for e in r.evidence), r
        assert any(ev.service == r.service for ev in catalog.events(r.event_source)), r


def test_coverage_matches_the_data_header() -> None:
    header = json.loads(DATA.read_bytes())
    cov = catalog.coverage()
    assert cov.botocore == header["upstream"]["botocore"]
    assert cov.date == header["date"] == header["upstream"]["botocore_date"]
    assert cov.retired_from == tuple(header["upstream"]["retired_from"])
    assert cov.events == sum(1 for _ in catalog.all_events())
    assert cov.event_sources == len(catalog.services())
    assert cov.retired_services == len(catalog.retired_services())
    assert f"botocore {cov.botocore} of {cov.date}" in cov.summary and f"{cov.events:,} events" in cov.summary
    assert cov.version_text.startswith(f"{cov.date} (botocore {cov.botocore}")


def test_info_states_the_date() -> None:
    assert catalog.info()["date"] == catalog.coverage().date
