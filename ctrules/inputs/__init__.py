"""Reading EventBridge rules out of files: the input layer of the ``ctrules`` CLI (and the CDK plugin).

Pure Python; no ``aws_cdk`` import. Nothing here judges a pattern: it finds the rules, their event pattern
(an object or a JSON string), their ``State``, their bus and, where the input says, their region. The
checks core (:mod:`ctrules.checks`) does the rest.

Supported inputs:

* CloudFormation templates, JSON or YAML, with the short-form intrinsic tags (``!Ref``, ``!Sub``,
  ``!GetAtt a.b`` ...) read into their long forms (``{"Ref": ...}``, ``{"Fn::Sub": ...}``);
* SAM templates: ``EventBridgeRule`` / ``CloudWatchEvent`` events of ``AWS::Serverless::Function`` and
  ``AWS::Serverless::StateMachine``, besides plain ``AWS::Events::Rule`` resources;
* Terraform plans and states as JSON (``terraform show -json``): ``aws_cloudwatch_event_rule`` resources;
* CDK cloud assemblies (``cdk.out``): every stack of ``manifest.json``, nested assemblies (stages) and
  nested stack templates, with the region of each stack's environment.

One module per format (:mod:`~ctrules.inputs.cloudformation`, :mod:`~ctrules.inputs.terraform_plan`,
:mod:`~ctrules.inputs.assembly`...), each registered once in :mod:`~ctrules.inputs.formats` (the table of
:mod:`~ctrules.inputs.registry` that detection, folder scans, the CLI's help and the docs come from); shared
parsing in :mod:`~ctrules.inputs.document`, the data they produce in :mod:`ctrules.inputs._model`, and
:mod:`~ctrules.inputs.reader` choosing the reader for a path (a folder is scanned for every format).
Adding a format: ``docs/adding-a-reader.md``.

Example::

    from ctrules.inputs import read_path

    result = read_path("cdk.out")
    for f in result.files:
        for rule in f.rules:
            print(f.path, rule.label, rule.pattern)
"""

from __future__ import annotations

from typing import Any

from ctrules.inputs._model import (
    Acknowledgement,
    DataTrail,
    Defect,
    InputError,
    InputFile,
    ReadResult,
    TemplateRule,
    Unread,
    intrinsic_parts,
    is_huge_number_error,
    json_path,
    make_rule,
)
from ctrules.inputs.cloudformation import SAM_RESOURCE_TYPES, SAM_RULE_EVENT_TYPES, rules_in_template
from ctrules.inputs.document import parse_document
from ctrules.inputs.reader import read_file, read_path
from ctrules.inputs.terraform_plan import rules_in_terraform

__all__ = [
    "SAM_RESOURCE_TYPES",
    "SAM_RULE_EVENT_TYPES",
    "Acknowledgement",
    "CfnYamlLoader",
    "DataTrail",
    "Defect",
    "InputError",
    "InputFile",
    "ReadResult",
    "TemplateRule",
    "Unread",
    "intrinsic_parts",
    "is_huge_number_error",
    "json_path",
    "make_rule",
    "parse_document",
    "read_file",
    "read_path",
    "rules_in_template",
    "rules_in_terraform",
]


def __getattr__(name: str) -> Any:
    """``CfnYamlLoader``, imported with PyYAML when first asked for (JSON inputs never import it; PEP 562)."""
    if name == "CfnYamlLoader":
        from ctrules.inputs.yaml_text import CfnYamlLoader

        return CfnYamlLoader
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
