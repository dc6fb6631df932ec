"""Which reader reads a path: a file's format from its content, a folder as a cloud assembly or Terraform."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctrules.inputs._model import DataTrail, InputError, InputFile, ReadResult, TemplateRule
from ctrules.inputs.assembly import read_assembly
from ctrules.inputs.cloudformation import is_sam, rules_in_template
from ctrules.inputs.document import decode, parse_document, read_text
from ctrules.inputs.limits import read_stdin_bytes
from ctrules.inputs.pattern_file import rules_in_cli_output, rules_in_pattern_file
from ctrules.inputs.serverless import is_serverless, rules_in_serverless
from ctrules.inputs.terraform_hcl import is_hcl_name, looks_like_hcl, read_hcl_file, read_terraform_dir
from ctrules.inputs.terraform_json import is_tf_json_name, looks_like_tf_json
from ctrules.inputs.terraform_plan import is_terraform_json, rules_in_terraform, trails_in_terraform
from ctrules.inputs.trails import data_trail_sources

__all__ = ["FORMATS", "STDIN", "read_file", "read_path"]

#: The formats ctrules reads, for messages.
FORMATS = (
    "a CloudFormation or SAM template (JSON/YAML), Terraform .tf/.tf.json files or a folder of them, a Terragrunt "
    "terragrunt.hcl, a Terraform plan (terraform show -json), a Serverless Framework serverless.yml, a cdk.out "
    "directory, or event patterns (one, a list, or a map of name -> pattern)"
)
#: The path that stands for standard input.
STDIN = "-"


def _classify(doc: Any, path: str) -> tuple[str, list[TemplateRule], dict[str, str]]:
    """The kind of a document, its rules, and eventSource -> the trail of the document that logs its data events."""
    if isinstance(doc, dict):
        if "Resources" in doc or "AWSTemplateFormatVersion" in doc:
            if "Resources" in doc and not isinstance(doc["Resources"], dict):
                raise InputError(path, "Resources is not a mapping: not a valid CloudFormation template")
            kind = "SAM template" if is_sam(doc) else "CloudFormation template"
            return kind, list(rules_in_template(doc)), data_trail_sources(doc)
        if is_terraform_json(doc):
            return "Terraform plan", list(rules_in_terraform(doc)), trails_in_terraform(doc)
        if "terraform_version" in doc and "resources" in doc:
            raise InputError(path, "a raw Terraform state file: lint `terraform show -json` output instead")
        if is_serverless(doc):
            return "Serverless Framework service", rules_in_serverless(doc, _folder(path), path), {}
    cli_rules = rules_in_cli_output(doc)
    if cli_rules is not None:
        return "AWS CLI rule description", cli_rules, {}
    patterns = rules_in_pattern_file(doc)
    if patterns is not None:
        return "event pattern file", patterns, {}
    raise InputError(path, f"not a format ctrules reads; it reads {FORMATS}", unreadable=True)


def _folder(shown: str) -> Path | None:
    """The folder of an input file (for files it names, e.g. Serverless ``${file(...)}``); none for stdin."""
    return None if shown == "<stdin>" else Path(shown).parent


def _read_text_input(path: Path, shown: str, text: str) -> InputFile:
    """Read a file's text, its format told by its content (and a ``.tf``/``.tf.json``/``.hcl`` name)."""
    if is_hcl_name(path.name) or is_tf_json_name(path.name):
        return read_hcl_file(path, shown, text)
    try:
        doc = parse_document(text, shown)
    except InputError as exc:
        if looks_like_hcl(text):
            return read_hcl_file(path, shown, text)
        exc.unreadable = True
        raise
    if isinstance(doc, str) and looks_like_hcl(text):
        return read_hcl_file(path, shown, text)
    if looks_like_tf_json(doc):
        return read_hcl_file(path, shown, text, json_syntax=True)
    kind, rules, trails = _classify(doc, shown)
    data_trails = {es: DataTrail(name, shown) for es, name in trails.items()}
    return InputFile(shown, kind, rules, None, text, data_trails=data_trails)


def read_file(path: Path, shown: str) -> InputFile:
    """Read one input file (any format of :data:`FORMATS` but a folder).

    :param path: the file.
    :param shown: the file name to show in messages.
    :raises InputError: when it cannot be read or holds no format ctrules reads.
    """
    text = read_text(path, shown)
    try:
        return _read_text_input(path, shown, text)
    except InputError as exc:
        exc.unreadable = exc.unreadable or exc.message.startswith(("broken", "cannot read", "empty"))
        raise


def _read_stdin() -> InputFile:
    shown = "<stdin>"
    return _read_text_input(Path(shown), shown, decode(read_stdin_bytes(shown), shown))


def read_path(path: str) -> ReadResult:
    """Read every rule of one input path: a file, ``-`` (standard input), a ``cdk.out`` directory or its
    manifest, or a folder of Terraform files.

    Never raises :class:`InputError`: problems are collected in :attr:`ReadResult.errors` (a cloud
    assembly with one broken template still gives its other stacks).

    :param path: the path as the user gave it.
    """
    result = ReadResult(path)
    p = Path(path)
    try:
        if path == STDIN:
            result.files.append(_read_stdin())
        elif p.is_dir():
            if (p / "manifest.json").is_file() or not read_terraform_dir(p, path, result):
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
