"""Reading acknowledgements: resource Metadata, comments, CDK assembly metadata (ctrules.inputs.acknowledgements)."""

from __future__ import annotations

from typing import Any

import pytest

from ctrules.inputs._model import Acknowledgement
from ctrules.inputs.acknowledgements import code_of, from_cdk_metadata, from_comment, from_metadata

REASON = "receives IAM events forwarded from us-east-1"


@pytest.mark.parametrize(
    ("value", "code"),
    [("CTR005", "CTR005"), ("ctrules::CTR005", "CTR005"), (" ctr006 ", "CTR006"), ("CTR5", None), ("cdk-nag::X", None),
     ("CTR0055", None), (5, None), (None, None)],
)  # fmt: skip
def test_code_of(value: Any, code: str | None) -> None:
    assert code_of(value) == code


def test_metadata_with_reasons() -> None:
    meta = {"ctrules": {"acknowledge": [{"id": "CTR005", "reason": f"  {REASON} "}, {"id": "ctrules::CTR006", "reason": "x"}]}}
    acks, problems = from_metadata(meta)
    assert problems == ()
    assert acks == (
        Acknowledgement("CTR005", REASON, "Metadata.ctrules.acknowledge[0]"),
        Acknowledgement("CTR006", "x", "Metadata.ctrules.acknowledge[1]"),
    )


@pytest.mark.parametrize(
    ("meta", "problem"),
    [
        ({"ctrules": {"acknowledge": [{"id": "CTR005"}]}},
         "Metadata.ctrules.acknowledge[0] acknowledges CTR005 without a reason: add reason: "),
        ({"ctrules": {"acknowledge": [{"id": "CTR005", "reason": "   "}]}}, "acknowledges CTR005 without a reason"),
        ({"ctrules": {"acknowledge": [{"id": "W1234", "reason": REASON}]}},
         "Metadata.ctrules.acknowledge[0] has id 'W1234', which is not a check code: write the code the finding names"),
        ({"ctrules": {"acknowledge": ["CTR005"]}}, "Metadata.ctrules.acknowledge[0] is 'CTR005': write {id: CTR005"),
        ({"ctrules": {"acknowledge": {"id": "CTR005", "reason": REASON}}},
         "Metadata.ctrules.acknowledge is a mapping, not a list"),
        ({"ctrules": ["CTR005"]}, "Metadata.ctrules is a list, not a mapping: write ctrules: {acknowledge:"),
        ({"ctrules": {"acknowledges": []}},
         "Metadata.ctrules has the key 'acknowledges', which ctrules does not read: the key is 'acknowledge'"),
    ],
)  # fmt: skip
def test_malformed_metadata_is_a_problem_and_acknowledges_nothing(meta: dict[str, Any], problem: str) -> None:
    acks, problems = from_metadata(meta)
    assert acks == ()
    (p,) = problems
    assert problem in p.message


@pytest.mark.parametrize("meta", [None, "x", {}, {"aws:cdk:path": "S/R/Resource"}, {"cfn_nag": {"x": 1}}])
def test_metadata_without_ctrules_key(meta: Any) -> None:
    assert from_metadata(meta) == ((), ())


@pytest.mark.parametrize(
    ("text", "codes", "reason"),
    [
        (f"# ctrules:acknowledge CTR005 {REASON}\n", ["CTR005"], REASON),
        (f"// ctrules:acknowledge ctrules::CTR005: {REASON}", ["CTR005"], REASON),
        (f"/* ctrules:acknowledge CTR005 - {REASON} */", ["CTR005"], REASON),
        (f"# CTRULES:ACKNOWLEDGE CTR005, CTR006 {REASON}", ["CTR005", "CTR006"], REASON),
        (f"#ctrules:acknowledge CTR005 \u2014 {REASON}", ["CTR005"], REASON),
    ],
)
def test_comment(text: str, codes: list[str], reason: str) -> None:
    acks, problems = from_comment(text, 3, "comment at line 3")
    assert problems == []
    assert [(a.code, a.reason, a.where) for a in acks] == [(c, reason, "comment at line 3") for c in codes]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# ctrules:acknowledge CTR005", "the comment at line 3 acknowledges CTR005 without a reason: write "
         "'# ctrules:acknowledge CTR005 <why the finding does not apply to this rule>' (a reason is required)"),
        ("# ctrules:acknowledge", "the comment at line 3 'ctrules:acknowledge' names no check: write"),
        (f"# ctrules:acknowledge global-region {REASON}",
         "'ctrules:acknowledge global-region receives IAM events forwarded from us-east-1' names 'global-region', "
         "which is not a check code: write '# ctrules:acknowledge CTR005"),
    ],
)  # fmt: skip
def test_malformed_comment(text: str, problem: str) -> None:
    acks, problems = from_comment(text, 3, "comment at line 3")
    assert acks == []
    (p,) = problems
    assert p.line == 3 and problem in p.message


def test_comment_without_the_mark_is_nothing() -> None:
    assert from_comment("# a comment about CTR005", 1, "comment at line 1") == ([], [])


def test_cdk_metadata_keeps_ctrules_ids_only() -> None:
    entries = [
        {"type": "aws:cdk:logicalId", "data": "Rule1234"},
        {"type": "aws:cdk:acknowledged-rules", "data": {"ctrules::CTR005": REASON, "cdk-nag::AwsSolutions-S1": "x",
                                                         "CTR006": "not the plugin's id form"}},
        {"type": "aws:cdk:acknowledged-rules", "data": ["not a mapping"]},
    ]  # fmt: skip
    assert from_cdk_metadata(entries, "cdk acknowledgement on /S/R") == [
        Acknowledgement("CTR005", REASON, "cdk acknowledgement on /S/R")
    ]
