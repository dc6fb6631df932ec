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

import gc
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import jsii

from ctrules._cdk import PLUGIN_NAME, TYPED_RULE_METADATA, known_region
from ctrules.checks import CHECKS, ERROR, Finding, RuleContext, TargetPath, check_pattern, malformed_text_finding
from ctrules.inputs import TemplateRule, rules_in_template
from ctrules.inputs.trails import data_trail_sources

__all__ = ["PLUGIN_NAME", "CloudTrailChecks", "check_template", "known_region"]



def check_template(
    template: Any, region: str | None, ignore: Iterable[str] = (), *, data_trails: Iterable[str] = ()
) -> list[tuple[TemplateRule, Finding]]:
    """Findings for every rule of a template (a malformed EventPattern string is a CTR009 finding).

    :param data_trails: eventSources whose data events a trail of the app logs (besides this template's own).
    """
    out: list[tuple[TemplateRule, Finding]] = []
    covered = frozenset({*data_trails, *data_trail_sources(template)})
    skip = tuple(ignore)
    resources = template.get("Resources") if isinstance(template, dict) else None
    for rule in rules_in_template(template):
        typed = _typed(resources, rule.logical_id)
        if typed and not rule.targets:
            continue  # a typed ctrules rule: it checks itself at synthesis (one report per problem)
        if rule.problem is not None:
            out.append((rule, malformed_text_finding(rule.problem)))
            continue
        if rule.deploy_time or rule.pattern is None:
            continue  # only known at deploy time (Fn::Sub...)
        targets = tuple(TargetPath(*t) for t in rule.targets)
        ctx = RuleContext(
            region=region,
            state=rule.state,
            default_bus=rule.default_bus,
            data_trail_sources=covered,
            target_paths=targets,
            unknown=_KNOWN if rule.state_known else _STATE_UNKNOWN,  # a State intrinsic: checks needing it don't run
        )
        rule_skip = skip
        if typed:
            # A typed rule checks its pattern itself; only its targets' input paths (CTR016) are left to here,
            # since targets are added to it after construction.
            rule_skip = (*rule_skip, *(code for code in CHECKS if code != "CTR016"))
        out.extend((rule, f) for f in check_pattern(rule.pattern, ctx, ignore=rule_skip))
    return out


_KNOWN: frozenset[str] = frozenset()
_STATE_UNKNOWN = frozenset({"state"})


def _location(path: str) -> str:
    """Where a finding is in the rule resource: the pattern path, or ``Properties.Targets[0]...`` for a target's
    input path (CTR016)."""
    return path if path.startswith("$") else f"Properties.{path}"


def _typed(resources: Any, logical_id: str) -> bool:
    resource = resources.get(logical_id) if isinstance(resources, dict) else None
    metadata = resource.get("Metadata") if isinstance(resource, dict) else None
    return isinstance(metadata, dict) and metadata.get(TYPED_RULE_METADATA) is True


@jsii.implements(cdk.IPolicyValidationPlugin)
class CloudTrailChecks:
    """Checks every EventBridge rule of a CDK app for CloudTrail mistakes (every CTR check).

    Rules made by the typed ctrules constructs check themselves at synthesis and are skipped here, so each
    problem is reported once; acknowledge either kind with ``ctrules::CTR0xx``.
    """

    def __init__(self, *, ignore: Iterable[str] = (), catalog_extra: str | Path | None = None) -> None:
        """
        :param ignore: check codes to skip everywhere.
        :param catalog_extra: a JSON file of events to add to the catalog (see ``ctrules/catalog/README.md``);
            without it, the ``extra_events`` file of ``[tool.ctrules]`` in the nearest ``pyproject.toml``.
        :raises ctrules.catalog.CatalogEntryError: an entry of that file is malformed (file, entry, field, fix).
        """
        from ctrules.catalog import apply_project_extensions

        self._ignore = tuple(ignore)
        apply_project_extensions(None if catalog_extra is None else str(catalog_extra))

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
        # Parsing the templates allocates many containers while the app's objects are alive: with the
        # collector on, each allocation burst walks them all (most of this plugin's time). Nothing here
        # makes cycles.
        gc_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._validate(context)
        finally:
            if gc_enabled:
                gc.enable()

    def _validate(self, context: cdk.IPolicyValidationContext) -> cdk.PolicyValidationPluginReport:
        violations: list[cdk.PolicyViolation] = []
        failed = False
        stacks = [(s, json.loads(Path(s.template_path).read_text(encoding="utf-8"))) for s in context.stack_templates]
        # A trail anywhere in the app that logs a service's data events covers rules on them (CTR006).
        trails = {es for _, template in stacks for es in data_trail_sources(template)}
        for stack, template in stacks:
            path = stack.template_path
            for rule, f in check_template(template, known_region(stack.region), self._ignore, data_trails=trails):
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
                                locations=[_location(f.path)],
                            )
                        ],
                    )
                )
        return cdk.PolicyValidationPluginReport(
            success=not failed, violations=violations, plugin_version=self.version
        )
