"""``CloudTrailChecks``: a CDK policy validation plugin that checks every rule of an app.

Add it once::

    cdk.Validations.of(app).add_plugins(CloudTrailChecks())

At synthesis it reads each stack template, finds every ``AWS::Events::Rule`` with an event pattern
(hand-written ``events.Rule``, ``CfnRule``, rules made by other libraries, ctrules constructs) and runs
the checks core with the stack's region, the rule's State and its bus. Errors fail ``app.synth()`` and
``cdk synth``; warnings are reported without failing. Each violation can be acknowledged, with a reason,
as ``ctrules::CTR0xx``::

    cdk.Validations.of(rule).acknowledge(
        cdk.Acknowledgment(id="ctrules::CTR006", reason="trail 'org-data' logs S3 data events"))

The typed constructs honour the same acknowledgements in their own synth-time checks.

CDK runs a plugin on the stacks of the stage it is registered on: add it to each ``cdk.Stage`` of the
app too (``Validations.of(stage).add_plugins(CloudTrailChecks())``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import jsii

from ctrules.checks import CHECKS, ERROR, Finding, RuleContext, check_pattern

__all__ = ["PLUGIN_NAME", "CloudTrailChecks", "TemplateRule", "rules_in_template"]

#: The plugin's name: acknowledgement ids are ``ctrules::<code>``.
PLUGIN_NAME = "ctrules"


@dataclass(frozen=True)
class TemplateRule:
    """An ``AWS::Events::Rule`` read from a CloudFormation template.

    :param logical_id: the resource's logical id.
    :param pattern: the event pattern as data (``None`` for schedule-only rules or unreadable ones).
    :param state: the rule's ``State`` when a plain string.
    :param default_bus: False when ``EventBusName`` names another bus (or is an intrinsic).
    :param problem: why the pattern could not be read, if it could not.
    """

    logical_id: str
    pattern: dict[str, Any] | None
    state: str | None
    default_bus: bool
    problem: str | None = None


def _bus_is_default(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value == "default" or value.endswith(":event-bus/default")
    return False


def rules_in_template(template: Any) -> Iterator[TemplateRule]:
    """Every ``AWS::Events::Rule`` of a template with an event pattern (given as object or JSON string)."""
    resources = template.get("Resources") if isinstance(template, dict) else None
    if not isinstance(resources, dict):
        return
    for logical_id, res in resources.items():
        if not isinstance(res, dict) or res.get("Type") != "AWS::Events::Rule":
            continue
        props = res.get("Properties")
        if not isinstance(props, dict) or "EventPattern" not in props:
            continue
        raw = props["EventPattern"]
        state = props.get("State") if isinstance(props.get("State"), str) else None
        default_bus = _bus_is_default(props.get("EventBusName"))
        problem = None
        pattern: Any = raw
        if isinstance(raw, str):
            try:
                pattern = json.loads(raw)
            except json.JSONDecodeError as exc:
                pattern, problem = None, f"EventPattern is a string that is not JSON ({exc.msg})"
        if pattern is not None and not isinstance(pattern, dict):
            if isinstance(pattern, dict) or not _is_intrinsic(pattern):
                problem = problem or f"EventPattern is a {type(pattern).__name__}, not a JSON object"
            pattern = None
        elif isinstance(pattern, dict) and _is_intrinsic(pattern):
            pattern = None  # Fn::Sub / Fn::Join ...: only known at deploy time
        yield TemplateRule(str(logical_id), pattern, state, default_bus, problem)


def _is_intrinsic(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith(("Fn::", "Ref"))


def check_template(template: Any, region: str | None, ignore: Iterable[str] = ()) -> list[tuple[TemplateRule, Finding]]:
    """Findings for every rule of a template (a malformed EventPattern string is a CTR009 finding)."""
    out: list[tuple[TemplateRule, Finding]] = []
    for rule in rules_in_template(template):
        if rule.problem is not None:
            out.append((rule, Finding("CTR009", ERROR, rule.problem, "give EventPattern as valid JSON", "$")))
            continue
        if rule.pattern is None:
            continue
        ctx = RuleContext(region=region, state=rule.state, default_bus=rule.default_bus)
        out.extend((rule, f) for f in check_pattern(rule.pattern, ctx, ignore=ignore))
    return out


def _region(value: Any) -> str | None:
    if not isinstance(value, str) or not value or cdk.Token.is_unresolved(value) or value.startswith("unknown"):
        return None
    return value


@jsii.implements(cdk.IPolicyValidationPlugin)
class CloudTrailChecks:
    """Checks every EventBridge rule of a CDK app for CloudTrail mistakes (CTR001-CTR009).

    :param ignore: check codes to skip everywhere (prefer acknowledging one rule with a reason).
    """

    def __init__(self, *, ignore: Iterable[str] = ()) -> None:
        self._ignore = tuple(ignore)

    @property
    def name(self) -> str:
        """The plugin name (acknowledgement ids are ``ctrules::<code>``)."""
        return PLUGIN_NAME

    @property
    def version(self) -> str:
        """The ctrules version."""
        from ctrules import __version__

        return __version__

    @property
    def rule_ids(self) -> list[str]:
        """The check codes this plugin can report."""
        return sorted(CHECKS)

    def validate(self, context: cdk.IPolicyValidationContext) -> cdk.PolicyValidationPluginReport:
        """Check every stack template of the app."""
        violations: list[cdk.PolicyViolation] = []
        failed = False
        for stack in context.stack_templates:
            path = stack.template_path
            template = json.loads(Path(path).read_text(encoding="utf-8"))
            for rule, f in check_template(template, _region(stack.region), self._ignore):
                failed = failed or f.severity == ERROR
                violations.append(
                    cdk.PolicyViolation(
                        rule_name=f.code,
                        description=f"{f.code}: {f.message}",
                        fix=f.fix,
                        severity=f.severity,
                        rule_metadata={"check": CHECKS[f.code].name, "path": f.path},
                        violating_resources=[
                            cdk.PolicyViolatingResource(
                                resource_logical_id=rule.logical_id,
                                template_path=path,
                                locations=[f.path],
                            )
                        ],
                    )
                )
        return cdk.PolicyValidationPluginReport(
            success=not failed, violations=violations, plugin_version=self.version
        )
