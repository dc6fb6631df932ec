"""``ctrules show EVENT --fields``: the record shape in text and JSON, consistent with :mod:`ctrules.catalog.shapes`."""

from __future__ import annotations

import json

from ctrules.catalog import shapes
from ctrules.checks import RuleContext, check_pattern
from tests.cli.clihelp import run

PARTS = ("requestParameters", "responseElements", "additionalEventData", "serviceEventDetails")


def section(out: str) -> list[str]:
    """The lines of the record-shape section of ``show --fields``."""
    lines = out.splitlines()
    start = lines.index("Record shape (the fields below each part; filters and input paths must use them):")
    return lines[start + 1 :]


def listed_paths(lines: list[str]) -> list[str]:
    """The field paths of a section (indented four spaces; evidence continuation lines are indented more)."""
    return [line.split()[0] for line in lines if line.startswith("    ") and line[4] != " "]


def test_fields_lists_every_part_path_of_the_shape() -> None:
    r = run("show", "UpdateManagedAccount", "--fields")
    assert r.code == 0, r.err
    shape = shapes.fields_of("UpdateManagedAccount")
    assert shape is not None and shape.confidence == "seen"
    lines = section(r.out)
    assert lines[0].startswith("  confidence:   seen (real records")
    assert any(e in lines[1] for e in shape.evidence)
    listed = set(listed_paths(lines))
    assert listed == set(shape.fields("serviceEventDetails"))
    assert "serviceEventDetails.updateManagedAccountStatus.account.accountId" in listed
    # The usual output is still there, before the section.
    assert r.out.index("ctrules (Python):") < r.out.index("Record shape")


def test_fields_marks_json_strings_and_sensitive_fields() -> None:
    text = run("show", "PutRolePolicy", "--fields").out
    (line,) = [x for x in section(text) if x.strip().startswith("requestParameters.policyDocument")]
    assert "JSON string" in line and "wildcard" in line
    assert "confidence:   derived" in text
    text = run("show", "CreateToken", "--service", "sso-oidc", "--fields").out
    (line,) = [x for x in section(text) if x.strip().startswith("responseElements.accessToken ")]
    assert "sensitive" in line


def test_fields_says_which_parts_the_event_lacks() -> None:
    lines = section(run("show", "CreateUser", "--service", "iam", "--fields").out)
    assert "  serviceEventDetails: not in this event's records" in lines


def test_without_fields_nothing_about_the_shape() -> None:
    r = run("show", "CreateUser", "--service", "iam")
    assert "Record shape" not in r.out
    assert "shape" not in json.loads(run("show", "CreateUser", "--service", "iam", "--json").out)


def test_json_fields_match_the_text_and_the_shapes_api() -> None:
    doc = json.loads(run("show", "PutRolePolicy", "--json", "--fields").out)["shape"]
    shape = shapes.fields_of("PutRolePolicy")
    assert shape is not None
    assert doc["confidence"] == shape.confidence and doc["evidence"] == list(shape.evidence)
    assert list(doc["parts"]) == list(PARTS)
    for part in PARTS:
        assert [f["path"] for f in doc["parts"][part]["fields"]] == shape.fields(part)
        assert doc["parts"][part]["recorded"] is bool(shape.fields(part))
    kinds = {f["path"]: f["kind"] for f in doc["parts"]["requestParameters"]["fields"]}
    assert kinds["requestParameters.policyDocument"] == "json-string"
    assert kinds["requestParameters.roleName"] == "value"
    text_paths = listed_paths(section(run("show", "PutRolePolicy", "--fields").out))
    assert text_paths == [f["path"] for part in PARTS for f in doc["parts"][part]["fields"] if f["path"] != part]


def test_every_listed_value_field_passes_ctr015() -> None:
    # The paths `show --fields` lists are the ones a filter may use: CTR015 accepts each of them.
    doc = json.loads(run("show", "UpdateManagedAccount", "--json", "--fields").out)
    for part in PARTS:
        for f in doc["shape"]["parts"][part]["fields"]:
            if f["kind"] != "value" or f["path"] == part:
                continue
            node: object = [{"exists": True}]
            for seg in reversed(f["path"].split(".")):
                node = {seg: node}
            pattern = json.loads(json.dumps(doc["pattern"]))
            pattern["detail"].update(node)  # type: ignore[arg-type]
            found = [x for x in check_pattern(pattern, RuleContext(region="us-east-1")) if x.code == "CTR015"]
            assert found == [], (f["path"], found)
