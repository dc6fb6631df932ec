"""The built-in input formats: one :func:`~ctrules.inputs.registry.register` entry per reader module.

The order is the order of detection among readers of one kind (folders; file names; documents by content) and
of the formats in messages and help: bare patterns come last among documents (any mapping with
``source``/``detail-type``/``detail`` is a pattern).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctrules.inputs._model import InputError, InputFile, ReadResult
from ctrules.inputs.assembly import read_assembly
from ctrules.inputs.cloudformation import is_cloudformation, read_template
from ctrules.inputs.hcl_names import is_hcl_name
from ctrules.inputs.limits import STDIN_NAME
from ctrules.inputs.pattern_file import rules_in_cli_output, rules_in_pattern_file
from ctrules.inputs.registry import Found, Reader, register
from ctrules.inputs.serverless import is_serverless, rules_in_serverless
from ctrules.inputs.terraform_json import is_tf_json_name, looks_like_tf_json
from ctrules.inputs.terraform_plan import is_terraform_json, rules_in_terraform, trails_in_terraform

__all__: list[str] = []


def _assembly_folder(directory: Path, shown: str, result: ReadResult) -> bool:
    if not (directory / "manifest.json").is_file():
        return False
    read_assembly(directory, shown, result, set())
    return True


def _is_assembly(directory: Path) -> bool:
    """True for a folder whose ``manifest.json`` is a cloud assembly's (``artifacts``), not a web app's."""
    manifest = directory / "manifest.json"
    try:
        if not manifest.is_file():
            return False
        with manifest.open("rb") as f:
            head = f.read(8 << 20)
    except OSError:
        return False
    return b'"artifacts"' in head


def _plan(doc: Any, path: Path, shown: str, text: str) -> Found:
    return Found("Terraform plan", list(rules_in_terraform(doc)), trails_in_terraform(doc))


def _is_plan(doc: Any) -> bool:
    return isinstance(doc, dict) and (is_terraform_json(doc) or ("terraform_version" in doc and "resources" in doc))


def _plan_or_state(doc: Any, path: Path, shown: str, text: str) -> Found:
    if not is_terraform_json(doc):
        raise InputError(shown, "a raw Terraform state file: lint `terraform show -json` output instead")
    return _plan(doc, path, shown, text)


# The Terraform reader loads python-hcl2's Lark parser (~40 ms): imported when a Terraform file is read, not at start.


def _tf_json_document(doc: Any, path: Path, shown: str, text: str) -> InputFile:
    from ctrules.inputs.terraform_hcl import read_hcl_file

    return read_hcl_file(path, shown, text, json_syntax=True)


def _hcl_file(path: Path, shown: str, text: str) -> InputFile:
    from ctrules.inputs.terraform_hcl import read_hcl_file

    return read_hcl_file(path, shown, text)


def _terraform_folder(directory: Path, shown: str, result: ReadResult) -> bool:
    from ctrules.inputs.terraform_hcl import read_terraform_dir

    return read_terraform_dir(directory, shown, result)


def _serverless(doc: Any, path: Path, shown: str, text: str) -> Found:
    # The folder of serverless.yml resolves its ${file(...)}; stdin has none.
    base = None if shown == STDIN_NAME else path.parent
    return Found("Serverless Framework service", rules_in_serverless(doc, base, shown))


def _cli_output(doc: Any, path: Path, shown: str, text: str) -> Found:
    return Found("AWS CLI rule description", rules_in_cli_output(doc) or [])


def _patterns(doc: Any, path: Path, shown: str, text: str) -> Found:
    return Found("event pattern file", rules_in_pattern_file(doc) or [])


register(
    Reader(
        "cloudformation",
        "a CloudFormation or SAM template (JSON or YAML)",
        "`AWS::Events::Rule`, SAM `EventBridgeRule`/`CloudWatchEvent` events, templates inside a StackSet's "
        "`TemplateBody` and a SAM application's local template",
        "cloudformation",
        detect=is_cloudformation,
        read=read_template,
        globs=("*.json", "*.yaml", "*.yml", "*.template"),
        precommit_types=("json", "yaml"),
    )
)

register(
    Reader(
        "terraform-hcl",
        "Terraform .tf/.tf.json files or a folder of them, Terragrunt terragrunt.hcl",
        "`aws_cloudwatch_event_rule`, `module` inputs with an `event_pattern`, Terragrunt `inputs`",
        "terraform",
        detect=looks_like_tf_json,
        read=_tf_json_document,
        file_name=lambda name: is_hcl_name(name) or is_tf_json_name(name),
        read_file=_hcl_file,
        folder=_terraform_folder,
        globs=("*.tf", "*.tf.json", "terragrunt.hcl"),
        precommit_types=("terraform", "hcl"),
    )
)

register(
    Reader(
        "terraform-plan",
        "a Terraform plan (terraform show -json)",
        "`aws_cloudwatch_event_rule` in the plan",
        "terraform",
        detect=_is_plan,
        read=_plan_or_state,
        globs=("*.json",),
        precommit_types=("json",),
    )
)

register(
    Reader(
        "serverless",
        "a Serverless Framework serverless.yml",
        "functions' `eventBridge` (and `cloudwatchEvent`) events",
        "serverless",
        detect=is_serverless,
        read=_serverless,
        globs=("serverless.yml", "serverless.yaml", "serverless.json"),
        precommit_types=("yaml", "json"),
    )
)

register(
    Reader(
        "aws-cli",
        "AWS CLI rule descriptions (aws events describe-rule / list-rules)",
        "each rule's `EventPattern`, `State` and `EventBusName`",
        "pattern",
        detect=lambda doc: rules_in_cli_output(doc) is not None,
        read=_cli_output,
        globs=("*.json",),
        precommit_types=("json",),
    )
)

register(
    Reader(
        "patterns",
        "event patterns (one, a list, or a map of name -> pattern; JSON or YAML)",
        "each pattern; `--state`, `--bus`, `--region` give their context",
        "pattern",
        detect=lambda doc: rules_in_pattern_file(doc) is not None,
        read=_patterns,
        globs=("*.json", "*.yaml", "*.yml"),
        precommit_types=("json", "yaml"),
    )
)

register(
    Reader(
        "cdk-assembly",
        "a cdk.out directory (CDK cloud assembly)",
        "every stack template of the assembly, nested stacks and stages, with each stack's region",
        "cdk",
        folder=_assembly_folder,
        claims=_is_assembly,
    )
)
