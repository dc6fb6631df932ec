"""Project extensions of the catalog: extend(), JSON files, [tool.ctrules] extra_events, the CLI flag."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ctrules import catalog
from ctrules.catalog import _store, api, extensions
from ctrules.catalog.extensions import CatalogEntryError

NEW = {"event_name": "CtrulesTestOnlyCall", "event_source": "ctrulestest.amazonaws.com", "event_types": ["AwsApiCall"]}


@pytest.fixture(autouse=True)
def fresh_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[_store.Store]:
    """A private catalog for each test: extensions never leak into other tests."""
    s = _store.Store(_store._read())
    monkeypatch.setattr(_store, "_STORE", s)
    monkeypatch.setattr(extensions, "_APPLIED", set())
    api._suggest.cache_clear()
    yield s
    api._suggest.cache_clear()


def test_a_new_event_becomes_known_with_user_origin(fresh_store: _store.Store) -> None:
    assert catalog.lookup("CtrulesTestOnlyCall") == ()
    before = catalog.coverage()
    (added,) = catalog.extend([{**NEW, "read_only": False, "evidence": ["https://example.com/record"]}])
    assert catalog.get("CtrulesTestOnlyCall") == added
    assert added.origins == ("user",) and added.source == "aws.ctrulestest" and added.read_only is False
    assert added.evidence == ("https://example.com/record",) and added.retired is None
    assert catalog.events("ctrulestest") == (added,)
    assert "ctrulestest" in catalog.services()
    assert catalog.suggest("CtrulesTestOnlyCal") == ["CtrulesTestOnlyCall"]
    after = catalog.coverage()
    assert (after.events, after.added) == (before.events + 1, 1) and "added by the project" in after.summary
    i = fresh_store.by_key[(added.event_source, added.event_name)]
    detail_types, eb_read_only, category, home = fresh_store.facts(i)
    assert detail_types == frozenset(added.deliverable_detail_types) and category == "Management"
    assert (eb_read_only, home) == (False, None)
    assert fresh_store.generation == 1


def test_an_existing_event_gains_types_and_keeps_its_facts() -> None:
    old = catalog.get("RunInstances", service="ec2")
    (merged,) = catalog.extend([{"event_name": "RunInstances", "event_source": "ec2.amazonaws.com",
                                 "event_types": ["AwsServiceEvent"], "read_only": True}])  # fmt: skip
    assert merged.event_types == ("AwsApiCall", "AwsServiceEvent")
    assert merged.read_only == old.read_only is False
    assert merged.origins == ("sdk", "user") and merged.evidence == old.evidence


def test_an_event_of_a_retired_service_stays_retired() -> None:
    (ev,) = catalog.extend([{**NEW, "event_source": "opsworks.amazonaws.com"}])
    assert ev.retired == "2024-05-26"


@pytest.mark.parametrize(
    ("change", "field", "fix"),
    [
        ({"event_name": "cloudtrail:StopLogging"}, "event_name", "write the eventName 'StopLogging'"),
        ({"event_name": ""}, "event_name", "must be the record's eventName"),
        ({"event_source": "aws.ctrulestest"}, "event_source", 'write "ctrulestest.amazonaws.com"'),
        ({"event_source": "CtrulesTest.amazonaws.com"}, "event_source", 'write "ctrulestest.amazonaws.com"'),
        ({"event_types": "AwsApiCall"}, "event_types", "non-empty list"),
        ({"event_types": ["AWS API Call via CloudTrail"]}, "event_types", "write 'AwsApiCall'"),
        ({"read_only": "yes"}, "read_only", "true, false or null"),
        ({"category": "management"}, "category", "Management, Data, NetworkActivity"),
        ({"home_region": "global"}, "home_region", "us-east-1"),
        ({"evidence": "https://x"}, "evidence", "list of URLs"),
        ({"eventName": "X"}, "eventName", "unknown field"),
    ],
)
def test_a_bad_entry_is_refused_naming_its_field_and_fix(change: dict[str, Any], field: str, fix: str) -> None:
    good = {**NEW, "event_name": "CtrulesTestOnlyOther"}
    with pytest.raises(CatalogEntryError) as err:
        catalog.extend([good, {**NEW, **change}])
    assert (err.value.index, err.value.field) == (1, field)
    assert fix in str(err.value) and isinstance(err.value, ValueError)
    assert "\n" not in str(err.value)
    assert catalog.lookup("CtrulesTestOnlyOther") == ()  # all or nothing


def test_extend_wants_a_list() -> None:
    with pytest.raises(CatalogEntryError, match="wrap it in"):
        catalog.extend(NEW)  # type: ignore[arg-type]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_is_applied_once(tmp_path: Path) -> None:
    f = write(tmp_path / "extra.json", json.dumps([NEW], indent=2))
    assert [e.event_name for e in catalog.extend_from_file(f)] == ["CtrulesTestOnlyCall"]
    assert catalog.extend_from_file(f) == ()
    assert catalog.coverage().added == 1


@pytest.mark.parametrize(
    ("text", "where", "problem"),
    [
        ('[\n  {"event_name": "A", "event_source": "a.amazonaws.com", "event_types": ["AwsApiCall"]},\n'
         '  {"event_name": "B", "event_source": "b", "event_types": ["AwsApiCall"]}\n]', "extra.json:3: entry 1",
         "field 'event_source'"),
        ('{"event_name": "A"}', "extra.json:1", "JSON list of entries"),
        ('[\n  {"event_name": "A",\n', "extra.json:3: entry 0", "broken JSON"),
        ("[]\n[]", "extra.json:1", "text after the closing"),
    ],
)  # fmt: skip
def test_file_errors_name_file_line_entry_and_field(tmp_path: Path, text: str, where: str, problem: str) -> None:
    f = write(tmp_path / "extra.json", text)
    with pytest.raises(CatalogEntryError) as err:
        catalog.load_extra_events(f)
    message = str(err.value)
    assert message.startswith(str(tmp_path / where)) and problem in message, message


def test_a_valid_file_loads(tmp_path: Path) -> None:
    f = write(tmp_path / "extra.json", json.dumps([NEW, {**NEW, "event_name": "CtrulesTestOnlyTwo"}]))
    assert [e["event_name"] for e in catalog.load_extra_events(f)] == ["CtrulesTestOnlyCall", "CtrulesTestOnlyTwo"]


def test_pyproject_names_the_file_relative_to_itself(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository: pyproject.toml is looked for up to its root
    write(tmp_path / "pyproject.toml", '[tool.ctrules]\nextra_events = "conf/events.json"\n')
    (tmp_path / "conf").mkdir()
    write(tmp_path / "conf" / "events.json", json.dumps([NEW]))
    sub = tmp_path / "infra" / "app"
    sub.mkdir(parents=True)
    assert catalog.apply_project_extensions(start=sub) == [tmp_path / "conf" / "events.json"]
    assert catalog.get("CtrulesTestOnlyCall").origins == ("user",)


def test_pyproject_above_the_repository_is_not_read(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.ctrules]\nextra_events = "events.json"\n')
    write(tmp_path / "events.json", json.dumps([NEW]))
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "infra").mkdir()
    assert catalog.apply_project_extensions(start=repo / "infra") == []
    assert catalog.apply_project_extensions(start=repo) == []


@pytest.mark.parametrize(
    "toml",
    ["tool = 1\n", "[tool]\nctrules = 3\n", '[tool.ctrules]\nextra_events = "a\\u0000b"\n', "x = " + "[" * 3000 + "]" * 3000],
)
def test_malformed_settings_are_one_error(tmp_path: Path, toml: str) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", toml)
    try:
        catalog.apply_project_extensions(start=tmp_path)
    except catalog.CatalogEntryError as exc:
        assert "pyproject.toml" in str(exc)


def test_the_cli_file_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.ctrules]\nextra_events = "missing.json"\n')
    given = write(tmp_path / "given.json", json.dumps([NEW]))
    assert catalog.apply_project_extensions(given, start=tmp_path) == [given]


@pytest.mark.parametrize(
    ("toml", "problem"),
    [('[tool.ctrules]\nextra_events = "missing.json"\n', "no such file"),
     ("[tool.ctrules]\nextra_events = 3\n", "must be a path string"),
     ("[tool.ctrules\n", "cannot read [tool.ctrules]")],
)  # fmt: skip
def test_bad_pyproject_settings(tmp_path: Path, toml: str, problem: str) -> None:
    write(tmp_path / "pyproject.toml", toml)
    with pytest.raises(CatalogEntryError, match=problem.replace("[", r"\[")):
        catalog.apply_project_extensions(start=tmp_path)


def test_pyproject_is_read_once_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A CDK app builds a plugin at each synthesis: the same file is parsed once, an edited one again."""
    import tomllib

    parsed: list[str] = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parsed.append(text) or real(text))
    toml = write(tmp_path / "pyproject.toml", '[tool.ctrules]\nextra_events = "a.json"\n')
    assert extensions.extra_events_path(toml) == tmp_path / "a.json"
    assert extensions.extra_events_path(toml) == tmp_path / "a.json"
    assert len(parsed) == 1
    write(toml, '[tool.ctrules]\nextra_events = "conf/b.json"\n')  # another size: read again
    assert extensions.extra_events_path(toml) == tmp_path / "conf" / "b.json"
    write(toml, "[tool.ctrules\n")  # broken now: the error, not the remembered answer
    with pytest.raises(CatalogEntryError, match="cannot read"):
        extensions.extra_events_path(toml)
    assert len(parsed) == 3


def test_no_setting_means_no_extension(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert catalog.apply_project_extensions(start=tmp_path) == []
    assert catalog.coverage().added == 0


def test_cli_catalog_extra_with_a_bad_entry_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ctrules.cli.main import main

    bad = write(tmp_path / "bad.json", json.dumps([{**NEW, "event_types": ["Nope"]}]))
    template = write(tmp_path / "t.json", "{}")
    assert main(["lint", "--catalog-extra", str(bad), str(template)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{bad}:1: entry 0: field 'event_types'" in err


def test_cli_version_states_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    from ctrules.cli.main import main

    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    cov = catalog.coverage()
    assert f"catalog {cov.date} (botocore {cov.botocore}" in out


@pytest.mark.parametrize(
    ("change", "needle", "problem"),
    [
        ({"home_region": "eu-west-9"}, '"eu-west-9"', "'eu-west-9' is not an AWS region"),
        ({"evidence": ["see our wiki"]}, '"see our wiki"', "is not evidence; write an https:// URL"),
        ({"evidense": ["https://docs.aws.amazon.com/x"]}, '"evidense"', "did you mean 'evidence'?"),
    ],
)
def test_file_errors_point_at_the_line_of_the_offending_field(
    tmp_path: Path, change: dict[str, Any], needle: str, problem: str
) -> None:
    """The same schema as the overlay's: the line is the offending field's, not the entry's first line."""
    text = json.dumps([NEW, {**NEW, "event_name": "CtrulesTestOnlyTwo", **change}], indent=2)
    f = write(tmp_path / "extra.json", text)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)
    with pytest.raises(CatalogEntryError) as err:
        catalog.load_extra_events(f)
    assert str(err.value).startswith(f"{f}:{line}: entry 1: field "), str(err.value)
    assert problem in str(err.value)
    fixed = {**NEW, "event_name": "CtrulesTestOnlyTwo", "home_region": "eu-west-1", "evidence": [URL_OK]}
    write(tmp_path / "extra.json", json.dumps([NEW, fixed], indent=2))
    assert len(catalog.load_extra_events(f)) == 2


URL_OK = "https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html"
