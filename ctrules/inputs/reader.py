"""Which reader reads a path: a file's format from its content, a directory as a cloud assembly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctrules.inputs._model import InputError, InputFile, ReadResult, TemplateRule
from ctrules.inputs.assembly import read_assembly
from ctrules.inputs.cloudformation import is_sam, rules_in_template
from ctrules.inputs.document import parse_document, read_text
from ctrules.inputs.terraform_plan import is_terraform_json, rules_in_terraform

__all__ = ["read_file", "read_path"]


def _classify(doc: Any, path: str) -> tuple[str, list[TemplateRule]]:
    if isinstance(doc, dict):
        if "Resources" in doc or "AWSTemplateFormatVersion" in doc:
            if "Resources" in doc and not isinstance(doc["Resources"], dict):
                raise InputError(path, "Resources is not a mapping: not a valid CloudFormation template")
            kind = "SAM template" if is_sam(doc) else "CloudFormation template"
            return kind, list(rules_in_template(doc))
        if is_terraform_json(doc):
            return "Terraform plan", list(rules_in_terraform(doc))
        if "terraform_version" in doc and "resources" in doc:
            raise InputError(path, "a raw Terraform state file: lint `terraform show -json` output instead")
    raise InputError(
        path,
        "not a CloudFormation or SAM template (no Resources), a Terraform plan (terraform show -json) "
        "or a cdk.out directory",
    )


def read_file(path: Path, shown: str) -> InputFile:
    """Read one template or plan file.

    :param path: the file.
    :param shown: the file name to show in messages.
    :raises InputError: when it cannot be read or is no template or plan.
    """
    text = read_text(path, shown)
    doc = parse_document(text, shown)
    kind, rules = _classify(doc, shown)
    return InputFile(shown, kind, rules, None, text)


def read_path(path: str) -> ReadResult:
    """Read every rule of one input path: a template, a plan, a ``cdk.out`` directory or its manifest.

    Never raises :class:`InputError`: problems are collected in :attr:`ReadResult.errors` (a cloud
    assembly with one broken template still gives its other stacks).

    :param path: the path as the user gave it.
    """
    result = ReadResult(path)
    p = Path(path)
    try:
        if p.is_dir():
            read_assembly(p, path, result, set())
        elif p.name == "manifest.json" and p.is_file():
            read_assembly(p.parent, str(p.parent), result, set())
        else:
            result.files.append(read_file(p, path))
    except InputError as exc:
        result.errors.append(exc)
    except OSError as exc:
        result.errors.append(InputError(path, exc.strerror or str(exc)))
    return result
