"""The catalog's fact schema: each broken overlay fact is one error at the line of its key, side by side with
the fact written right; the real overlay passes; a new overlay file or unpinned evidence cannot slip in."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctrules.catalog import fact_schema as fs

ROOT = Path(__file__).resolve().parents[2]
OVERLAY = ROOT / "ctrules" / "catalog" / "overlay"
URL = "https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreateAccount.html"
PINNED = "github:elastic/detection-rules/rules/x.toml@0664b1efaae7845ea163265915dc8182128cee5b"
REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "cn-north-1")
GOOD = {
    "event_name": "AccountJoinedOrganization",
    "event_source": "organizations.amazonaws.com",
    "event_types": ["AwsServiceEvent"],
    "read_only": None,
    "category": "Management",
    "home_region": None,
    "evidence": [URL],
    "note": "why",
}


def text_of(entries: list[dict[str, Any]]) -> str:
    return json.dumps(entries, indent=2) + "\n"


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_good_entry_passes() -> None:
    doc = fs.validate("service_events.json", text_of([GOOD]), regions=REGIONS)
    assert doc.value == [GOOD]


@pytest.mark.parametrize(
    ("change", "key_line", "problem"),
    [
        ({"evidense": [URL]}, '"evidense"', "unknown field 'evidense'; did you mean 'evidence'?"),
        ({"read_only": "false"}, '"read_only"', "must be true, false or null"),
        ({"event_types": ["AwsServiceEvents"]}, '"event_types"', "did you mean 'AwsServiceEvent'?"),
        ({"event_types": ["AWS Service Event via CloudTrail"]}, '"event_types"', "write 'AwsServiceEvent'"),
        ({"category": "management"}, '"category"', "must be one of Management"),
        ({"home_region": "eu-west-9"}, '"home_region"', "'eu-west-9' is not an AWS region"),
        ({"home_region": "us-east1"}, '"home_region"', "did you mean 'us-east-1'?"),
        ({"home_region": "global"}, '"home_region"', 'such as "us-east-1"'),
        ({"evidence": ["see the IAM docs"]}, '"see the IAM docs"', "is not evidence; write an https:// URL or github:"),
        ({"evidence": ["github:elastic/detection-rules/rules/x.toml"]}, 'x.toml"', "names no commit"),
        ({"evidence": ["http://docs.aws.amazon.com/x"]}, '"http://', "write the https:// URL"),
        ({"evidence": []}, '"evidence"', "missing evidence (a non-empty list"),
        ({"event_source": "aws.organizations"}, '"event_source"', 'write "organizations.amazonaws.com"'),
        ({"event_name": "organizations:CreateAccount"}, '"event_name"', "is an IAM action"),
        ({"event_name": "Create Account"}, '"event_name"', "contains spaces"),
        ({"event_name": "Create\u00e9Account"}, '"event_name"', "characters no CloudTrail eventName has"),
        ({"note": 3}, '"note"', "must be a string"),
    ],
)  # fmt: skip
def test_each_broken_fact_is_one_error_at_the_line_of_its_key(change: dict[str, Any], key_line: str, problem: str) -> None:
    text = text_of([GOOD, {**GOOD, **change}])
    with pytest.raises(fs.FactError) as err:
        fs.validate("service_events.json", text, where="overlay/service_events.json", regions=REGIONS)
    message = str(err.value)
    first = len(text_of([GOOD]).splitlines())
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if key_line in ln and i > first)
    assert message.startswith(f"overlay/service_events.json:{line}: [1]."), message
    assert problem in message and "\n" not in message


@pytest.mark.parametrize("missing", ["event_name", "event_source", "event_types", "evidence"])
def test_a_missing_required_field_names_the_entry_line(missing: str) -> None:
    text = text_of([{k: v for k, v in GOOD.items() if k != missing}])
    with pytest.raises(fs.FactError, match=rf"^x.json:2: \[0\]\.{missing}: missing"):
        fs.validate("service_events.json", text, where="x.json", regions=REGIONS)


@pytest.mark.parametrize(
    ("evidence", "pins", "ok"),
    [
        (URL, {}, True),
        (PINNED, {}, True),
        (f"{PINNED} (the rule's query)", {}, True),
        ("github:a/b/c.md", {"github:a/b/c.md": "0" * 40}, True),
        ("github:a/b/c.md", {}, False),
        ("github:a/b/c.md@1234567", {}, False),
        ("https://github.com/a/b/blob/main/c.md", {}, True),
        ("docs.aws.amazon.com/x", {}, False),
        ("shared/facts.md", {}, False),
    ],
)  # fmt: skip
def test_evidence_is_a_url_or_a_path_pinned_to_a_commit(evidence: str, pins: dict[str, str], ok: bool) -> None:
    assert (fs.evidence_problem(evidence, pins) is None) is ok


def test_object_files_refuse_unknown_keys_at_any_depth() -> None:
    text = json.dumps({"services": {"ses": {"event_source": "ses.amazonaws.com", "evidence": [URL], "notes": "x"}},
                       "seen_event_sources": {}}, indent=2)  # fmt: skip
    line = line_of(text, '"notes"')
    with pytest.raises(fs.FactError, match=rf"^event_sources.json:{line}: services\.ses\.notes: unknown field 'notes'; did"):
        fs.validate("event_sources.json", text)


def test_map_keys_are_checked() -> None:
    text = json.dumps({"services": {}, "seen_event_sources": {"aws.foo": [URL]}}, indent=2)
    with pytest.raises(fs.FactError, match=r":4: seen_event_sources\.aws\.foo: key 'aws.foo': .* write \"foo"):
        fs.validate("event_sources.json", text)


def test_broken_json_and_duplicate_keys_name_their_line() -> None:
    with pytest.raises(fs.FactError, match=r"^f.json:3: broken JSON"):
        fs.parse('[\n  {"a": 1,\n  }\n]', "f.json")
    with pytest.raises(fs.FactError, match=r"^f.json:3: .*appears twice"):
        fs.parse('{\n "a": 1,\n "a": 2\n}', "f.json")


def test_parse_gives_the_line_of_every_key_and_item() -> None:
    doc = fs.parse('[\n  {\n    "a": [\n      1,\n      {"b": true}\n    ]\n  }\n]\n', "f.json")
    assert doc.value == [{"a": [1, {"b": True}]}]
    assert (doc.line((0,)), doc.line((0, "a")), doc.line((0, "a", 1, "b"))) == (2, 3, 5)


def test_the_real_overlay_passes_its_schema() -> None:
    commits = json.loads((OVERLAY / "evidence_commits.json").read_text(encoding="utf-8"))
    for name in fs.overlay_schemas():
        fs.validate(name, (OVERLAY / name).read_text(encoding="utf-8"), pins=commits["commits"],
                    legacy=commits["not_yet_pinned"])  # fmt: skip


def test_every_overlay_file_has_a_schema() -> None:
    """A new overlay file must get a schema (and be read by the generator), or its facts are never checked."""
    files = {p.name for p in OVERLAY.glob("*.json")} - {"service_event_shapes.json"}  # build_shapes' own input
    assert files == set(fs.overlay_schemas()), "add the file to fact_schema.overlay_schemas() and OVERLAY_FILES"


#: Repository paths cited before every piece of evidence had to name its commit. The list may only shrink:
#: pin a path (evidence_commits.json "commits") or cite it with @commit, never add one.
LEGACY_PATHS = 12


def test_evidence_without_a_commit_does_not_grow() -> None:
    commits = json.loads((OVERLAY / "evidence_commits.json").read_text(encoding="utf-8"))
    legacy = commits["not_yet_pinned"]
    assert len(legacy) <= LEGACY_PATHS, "new evidence must name its commit: github:owner/repo/path@<commit>"
    assert not set(legacy) & set(commits["commits"]), "a pinned path is still listed as not yet pinned"
    assert legacy == sorted(set(legacy))
