"""ctrules.checks.record_envelope: the record envelope's keys and values, checked against real records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ctrules.catalog import DETAIL_TYPES, shapes
from ctrules.checks import RuleContext, check_pattern
from ctrules.checks.mistakes import squash
from ctrules.checks.record_envelope import ENVELOPE, SUPPLEMENT, VALUES, judge_key_path, keys_known, tree

RECORDS = Path(__file__).resolve().parents[1] / "catalog" / "records"
_PER_EVENT = {"requestParameters", "responseElements", "serviceEventDetails", "additionalEventData",
              "RequestParameters", "ResponseElements", "insightDetails", "eventContext", "edgeDeviceDetails"}  # fmt: skip


def test_the_envelope_copy_is_fresh() -> None:
    assert shapes.record_envelope() == ENVELOPE, "copy shapes.record_envelope() into record_envelope.ENVELOPE"


def test_the_supplement_adds_keys_only() -> None:
    def walk(node: Any, base: Any) -> None:
        for k, v in node.items():
            if isinstance(v, dict) and isinstance(base, dict) and isinstance(base.get(k), dict):
                walk(v, base[k])
            else:
                assert not isinstance(base, dict) or k not in base, k

    walk(SUPPLEMENT, ENVELOPE)


@pytest.mark.parametrize(
    ("path", "kind", "right"),
    [
        (("userIdentity", "tpye"), "slip", "type"),
        (("userIdentity", "Type"), "case", "type"),
        (("eventname",), "case", "eventName"),
        (("source_ip_address",), "case", "sourceIPAddress"),
        (("userIdentity", "sessionContext", "sessionIsuer", "arn"), "slip", "sessionIssuer"),
        (("tlsDetails", "TLSVersion"), "case", "tlsVersion"),
        (("resources", "Arn"), "case", "ARN"),
        (("userIdentity", "type", "name"), "below-value", None),
        (("userIdentity", "favouriteColour"), "unknown", None),
    ],
)
def test_key_problems(path: tuple[str, ...], kind: str, right: str | None) -> None:
    problem = judge_key_path(path)
    assert problem is not None and problem.kind == kind and problem.right == right
    assert problem.certain == (kind != "unknown")


@pytest.mark.parametrize(
    "path",
    [
        ("userIdentity", "type"),
        ("userIdentity", "sessionContext", "webIdFederationData", "attributes", "accounts.google.com:sub"),
        ("requestParameters", "anything", "at", "all"),
        ("resources", "ARNPrefix"),
        ("sharedEventId",),
        ("eventContext", "requestContext", "aws:ViaAWSService"),
        ("userIdentity", "onBehalfOf", "subjectType"),
    ],
)
def test_known_paths(path: tuple[str, ...]) -> None:
    assert judge_key_path(path) is None


def _records() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(RECORDS.glob("*.json")):
        for row in json.loads(path.read_text()):
            rec = row.get("record", row)
            if isinstance(rec.get("detail"), dict):
                rec = rec["detail"]
            if isinstance(rec, dict) and rec.get("eventType") in DETAIL_TYPES and "eventName" in rec:
                out.append((path.stem, rec))
    return out


def _leaves(node: Any, prefix: tuple[str, ...], out: dict[tuple[str, ...], Any]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if not prefix and k in _PER_EVENT:
                continue
            if prefix[-2:] == ("webIdFederationData", "attributes"):
                continue
            _leaves(v, (*prefix, k), out)
    elif isinstance(node, list):
        for v in node:
            _leaves(v, prefix, out)
    elif node is not None:
        out.setdefault(prefix, node)


def test_real_records_envelopes_give_no_error() -> None:
    """A filter on any envelope field of a real record, with the record's own value, is never an error (0 false
    errors): every key of 865+ real records (AWS pages, awsdocs, Panther) is known, and every value fits.

    Known exceptions, left as they are: one Panther test record holds readOnly/managementEvent as the string "True"
    (records carry JSON booleans; Panther's fixture is hand-written).
    """
    seen: dict[tuple[str, tuple[str, ...], str], tuple[str, dict[str, Any], Any]] = {}
    for source, rec in _records():
        leaves: dict[tuple[str, ...], Any] = {}
        _leaves(rec, (), leaves)
        for path, value in leaves.items():
            key = (rec["eventType"], path, json.dumps(value) if not isinstance(value, str) else type(value).__name__)
            seen.setdefault(key, (source, rec, value))
    assert len(seen) > 100
    errors = []
    for (event_type, path, _), (source, rec, value) in seen.items():
        if path in (("eventName",), ("eventSource",)):
            continue
        detail: dict[str, Any] = {"eventName": [rec["eventName"]]}
        node = detail
        for k in path[:-1]:
            node = node.setdefault(k, {})
        node[path[-1]] = [value]
        pattern = {"detail-type": [DETAIL_TYPES[event_type]], "detail": detail}
        for f in check_pattern(pattern, RuleContext(region="us-east-1")):
            if f.code in ("CTR008", "CTR012") and f.severity == "error":
                if source == "panther_analysis" and path in (("readOnly",), ("managementEvent",)) and value == "True":
                    continue
                errors.append((source, path, value, f.message))
    assert not errors, errors[:5]


def test_keys_known_is_the_fast_answer_of_judge_key_path() -> None:
    assert keys_known({"userIdentity": {"type": ["Root"]}, "eventName": ["ConsoleLogin"]})
    assert not keys_known({"userIdentity": {"tpye": ["Root"]}})
    assert not keys_known({"userIdentity": {"type": {"x": ["y"]}}})
    assert not keys_known({"ResponseElements": {"x": ["y"]}})  # judged by detail-type: left to the check
    assert keys_known({"requestParameters": {"AnyThing": {"x": ["y"]}}})


def test_documented_values_are_unique_up_to_case() -> None:
    for path, values in VALUES.items():
        assert len({squash(m) for m in values.members}) == len(values.members), path
        assert values.evidence.startswith("https://"), path
    assert set(tree()) >= {"userIdentity", "tlsDetails", "resources", "addendum", "edgeDeviceDetails"}
