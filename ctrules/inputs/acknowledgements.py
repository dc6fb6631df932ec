"""Acknowledging a finding on one rule, with a reason, where the rule is written.

An acknowledged finding is not an error (``ctrules lint`` exits 0 when every finding is acknowledged); the reports
list it as acknowledged, with its reason (SARIF: a suppression). A reason is required. Ids are the check codes,
``CTR005``, or the CDK plugin's ids ``ctrules::CTR005``.

* **CloudFormation/SAM** (and CDK ``add_metadata``): the resource's ``Metadata``::

      Metadata:
        ctrules:
          acknowledge:
            - id: CTR005
              reason: receives IAM events forwarded from us-east-1 by the org-forwarding rule

* **Terraform/Terragrunt** (``.tf``, ``.hcl``): a comment on the line(s) right above the resource, module entry
  or ``inputs``, or inside the rule's block or object::

      # ctrules:acknowledge CTR005 receives IAM events forwarded from us-east-1

  and in ``.tf.json``, a ``"//"`` comment property of the block with the same text.
* **cdk.out**: ``cdk.Validations.of(construct).acknowledge(cdk.Acknowledgment(id="ctrules::CTR005", reason=...))``
  on the rule or any construct above it in its stack, which the CDK records in the assembly's metadata.

Malformed acknowledgements (no reason, an id that is no check code) are reported as bad input, and do not
acknowledge anything, in every form (a cdk.out acknowledgement without a reason is kept with an empty reason, which
the report refuses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ctrules.inputs._model import Acknowledgement, RuleProblem

__all__ = [
    "CDK_ACKNOWLEDGED_RULES",
    "COMMENT_MARK",
    "METADATA_KEY",
    "code_of",
    "from_cdk_metadata",
    "from_comment",
    "from_metadata",
    "misnamed_cdk_ids",
]

#: The resource ``Metadata`` key holding ctrules' settings.
METADATA_KEY = "ctrules"
#: The word that starts an acknowledgement in a comment.
COMMENT_MARK = "ctrules:acknowledge"
#: The cloud assembly metadata type of ``cdk.Validations.of(x).acknowledge(...)`` (``Validations.ACKNOWLEDGED_RULES_
#: METADATA_KEY`` in aws-cdk-lib).
CDK_ACKNOWLEDGED_RULES = "aws:cdk:acknowledged-rules"

_ID = re.compile(r"(?:ctrules::)?(CTR\d{3})", re.IGNORECASE)
_COMMENT = re.compile(r"ctrules:acknowledge\b(.*)", re.IGNORECASE | re.DOTALL)
_ONE_ID = r"(?:ctrules::)?CTR\d{3}"
_IDS = re.compile(rf"\s*({_ONE_ID}(?:\s*,\s*{_ONE_ID})*)\b\s*[:\-\u2013\u2014]?\s*(.*)", re.IGNORECASE | re.DOTALL)
_EXAMPLE_REASON = "<why the finding does not apply to this rule>"


def code_of(value: Any) -> str | None:
    """The check code of an acknowledgement id (``CTR005``, ``ctrules::CTR005``, any case), else ``None``."""
    if not isinstance(value, str):
        return None
    match = _ID.fullmatch(value.strip())
    return match.group(1).upper() if match else None


def _kind(value: Any) -> str:
    return "a list" if isinstance(value, list) else "a mapping" if isinstance(value, Mapping) else repr(value)


def from_metadata(metadata: Any) -> tuple[tuple[Acknowledgement, ...], tuple[RuleProblem, ...]]:
    """The acknowledgements of a CloudFormation resource's ``Metadata`` (``ctrules: {acknowledge: [...]}``), and the
    problems of malformed ones."""
    if not isinstance(metadata, Mapping) or METADATA_KEY not in metadata:
        return (), ()
    block = metadata[METADATA_KEY]
    example = f"ctrules: {{acknowledge: [{{id: CTR005, reason: {_EXAMPLE_REASON}}}]}}"
    if not isinstance(block, Mapping):
        return (), (RuleProblem(f"Metadata.ctrules is {_kind(block)}, not a mapping: write {example}"),)
    problems: list[RuleProblem] = []
    for key in block:
        if key != "acknowledge":
            message = f"Metadata.ctrules has the key {key!r}, which ctrules does not read: the key is 'acknowledge'"
            problems.append(RuleProblem(message))
    items = block.get("acknowledge", [])
    if not isinstance(items, list):
        problems.append(RuleProblem(f"Metadata.ctrules.acknowledge is {_kind(items)}, not a list: write {example}"))
        return (), tuple(problems)
    acks: list[Acknowledgement] = []
    for i, item in enumerate(items):
        where = f"Metadata.ctrules.acknowledge[{i}]"
        if not isinstance(item, Mapping):
            problems.append(RuleProblem(f"{where} is {_kind(item)}: write {{id: CTR005, reason: {_EXAMPLE_REASON}}}"))
            continue
        code = code_of(item.get("id"))
        if code is None:
            problems.append(
                RuleProblem(
                    f"{where} has id {item.get('id')!r}, which is not a check code: write the code the finding names, "
                    "e.g. id: CTR005"
                )
            )
            continue
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            message = f"{where} acknowledges {code} without a reason: add reason: {_EXAMPLE_REASON}"
            problems.append(RuleProblem(f"{message} (a reason is required)"))
            continue
        acks.append(Acknowledgement(code, reason.strip(), where))
    return tuple(acks), tuple(problems)


def from_comment(text: str, line: int | None, where: str) -> tuple[list[Acknowledgement], list[RuleProblem]]:
    """The acknowledgements of one comment (``# ctrules:acknowledge CTR005 <reason>``; several codes may be
    comma-separated), and the problem of a malformed one.

    :param text: the comment's text (with or without its ``#``, ``//`` or ``/* */`` markers).
    :param line: the comment's line, for problems.
    :param where: how to name the comment in reports (``comment at line 12``).
    """
    found = _COMMENT.search(text)
    if found is None:
        return [], []
    rest = found.group(1).strip().removesuffix("*/").strip()
    usage = f"write '# {COMMENT_MARK} CTR005 {_EXAMPLE_REASON}'"
    match = _IDS.fullmatch(rest)
    if match is None:
        shown = rest.split(None, 1)[0] if rest else ""
        what = f"names {shown!r}, which is not a check code" if shown else "names no check"
        written = f"{COMMENT_MARK} {rest}".strip()
        return [], [RuleProblem(f"the {where} '{written}' {what}: {usage}", line)]
    codes = [c for c in (code_of(part) for part in match.group(1).split(",")) if c is not None]
    reason = " ".join(match.group(2).split())
    if not reason:
        return [], [
            RuleProblem(
                f"the {where} acknowledges {', '.join(codes)} without a reason: {usage} (a reason is required)", line
            )
        ]
    return [Acknowledgement(code, reason, where) for code in codes], []


def _cdk_acknowledged(entries: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    """(rule id, reason) of every acknowledgement among a construct's cloud assembly metadata entries."""
    for entry in entries:
        if isinstance(entry, Mapping) and entry.get("type") == CDK_ACKNOWLEDGED_RULES:
            data = entry.get("data")
            if isinstance(data, Mapping):
                yield from data.items()


def misnamed_cdk_ids(entries: Iterable[Any]) -> list[str]:
    """The acknowledgement ids of a construct's cloud assembly metadata that mean a ctrules check but that CDK will not
    match to one: a code of no check (``ctrules::CTR05``), or a bare code (``CTR005``: CDK matches a plugin's
    findings by ``ctrules::CTR005``). CDK ignores both without a word, so the finding still fails synthesis."""
    out: list[str] = []
    for rule_id, _ in _cdk_acknowledged(entries):
        if not isinstance(rule_id, str):
            continue
        prefixed = rule_id.lower().startswith("ctrules::")
        if (prefixed and (not rule_id.startswith("ctrules::") or code_of(rule_id) is None)) or (
            not prefixed and re.fullmatch(r"(?i)ctr\d{2,4}", rule_id.strip())
        ):
            out.append(rule_id)
    return out


def from_cdk_metadata(entries: Iterable[Any], where: str) -> list[Acknowledgement]:
    """The ``ctrules::CTR0xx`` acknowledgements among a construct's cloud assembly metadata entries.

    :param where: how to name them in reports (``cdk acknowledgement on /Stack/Rule``).
    """
    out: list[Acknowledgement] = []
    for rule_id, reason in _cdk_acknowledged(entries):
        code = code_of(rule_id) if isinstance(rule_id, str) and rule_id.startswith("ctrules::") else None
        if code is not None:  # one without a reason is kept with an empty reason: the report refuses it
            text = " ".join(reason.split()) if isinstance(reason, str) else ""
            out.append(Acknowledgement(code, text, where))
    return out
