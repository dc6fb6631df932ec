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

The typed constructs need no registration: at synthesis their app gets a ``ctrules`` plugin of its own
(:class:`TypedRuleChecks`), after the user's plugins, that checks the typed rules of every stack no
``CloudTrailChecks`` checked; so each finding is reported once, with the same acknowledgement ids, and this
plugin's ``ignore`` applies to typed rules too. A validation error ends ``python app.py`` with the report
and exit status 1, without a stack trace.

A plugin added to the app also gets the stacks of the app's nested ``cdk.Stage``s (aws-cdk-lib 2.275 hands
an app's plugins every stack of its assembly, nested ones included): add it once, to the app; added to a
stage as well, that stage's rules would be reported twice.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import jsii

from ctrules._cdk import (
    PLUGIN_NAME,
    TypedRules,
    install_clean_validation_exit,
    jsii_attr,
    known_region,
    typed_rules_of,
)
from ctrules.checks import (
    CHECKS,
    ERROR,
    Finding,
    RuleContext,
    TargetPath,
    check_pattern,
    malformed_text_finding,
    one_per_problem,
)
from ctrules.inputs import TemplateRule, rules_in_template
from ctrules.inputs.trails import data_trail_sources

__all__ = ["NOT_CHECKED", "PLUGIN_NAME", "CloudTrailChecks", "TypedRuleChecks", "check_template", "known_region"]


def check_template(
    template: Any,
    region: str | None,
    ignore: Iterable[str] = (),
    *,
    data_trails: Iterable[str] = (),
    only: Container[str] | None = None,
    not_checked: list[TemplateRule] | None = None,
) -> list[tuple[TemplateRule, Finding]]:
    """Findings for every rule of a template (a malformed EventPattern string is a CTR009 finding).

    :param data_trails: eventSources whose data events a trail of the app logs (besides this template's own).
    :param only: if given, check only the rules with these logical IDs.
    :param not_checked: if given, the rules whose pattern cannot be evaluated at synthesis (an intrinsic such as
        ``Fn::If`` around it) are appended to it, so the caller reports them as not checked.
    """
    out: list[tuple[TemplateRule, Finding]] = []
    covered = frozenset({*data_trails, *data_trail_sources(template)})
    skip = tuple(ignore)
    for rule in rules_in_template(template):
        if only is not None and rule.logical_id not in only:
            continue
        if rule.problem is not None:
            out.append((rule, malformed_text_finding(rule.problem)))
            continue
        if rule.deploy_time or rule.pattern is None:
            if not_checked is not None and rule.deploy_time:
                not_checked.append(rule)  # only known at deploy time (Fn::If...): not checked, never called clean
            continue
        targets = tuple(TargetPath(*t) for t in rule.targets)
        ctx = RuleContext(
            region=region,
            state=rule.state,
            default_bus=rule.default_bus,
            data_trail_sources=covered,
            target_paths=targets,
            unknown=_KNOWN if rule.state_known else _STATE_UNKNOWN,  # a State intrinsic: checks needing it don't run
        )
        out.extend((rule, f) for f in check_pattern(rule.pattern, ctx, ignore=skip))
    return out


#: The rule id of "this rule's pattern was not checked" (acknowledge it as ``ctrules::not-checked``).
NOT_CHECKED = "not-checked"


def _not_checked_violation(rule: TemplateRule, template_path: str) -> cdk.PolicyViolation:
    """A warning for a rule whose pattern is known only at deploy time: not checked is never reported as clean."""
    why = rule.unknown or "its event pattern is an intrinsic function (e.g. Fn::If), known only at deploy time"
    return cdk.PolicyViolation(
        rule_name=NOT_CHECKED,
        description=f"not checked: {why}; no ctrules check ran on this rule",
        fix="write the event pattern with literal values (a condition around single values, not the whole pattern), "
        "or check the deployed rule with `ctrules audit`",
        severity="warning",
        rule_metadata={"check": NOT_CHECKED},
        violating_resources=[
            cdk.PolicyViolatingResource(
                resource_logical_id=rule.logical_id, template_path=template_path, locations=["Properties.EventPattern"]
            )
        ],
    )


_KNOWN: frozenset[str] = frozenset()
_STATE_UNKNOWN = frozenset({"state"})


def _read(template_path: str) -> Any:
    return json.loads(Path(template_path).read_text(encoding="utf-8"))


_Unit = tuple[str, str, "str | None", Any]


def _nested_units(typed: TypedRules, units: list[_Unit]) -> list[_Unit]:
    """The templates of nested stacks (``cdk.NestedStack``) that hold typed rules.

    CDK hands plugins the top-level stacks only; a nested stack's template is written next to its parent's,
    and the nested stack shares its parent's region.
    """
    out: list[_Unit] = []
    for stack_path, entry in typed.stacks.items():
        if not isinstance(entry.stack, cdk.NestedStack):
            continue
        parents = [u for u in units if stack_path.startswith(u[0] + "/")]
        if not parents:
            continue
        parent = max(parents, key=lambda u: len(u[0]))
        template_path = str(Path(parent[1]).parent / entry.stack.template_file)
        if Path(template_path).is_file():
            out.append((stack_path, template_path, parent[2], _read(template_path)))
    return out


def _location(path: str) -> str:
    """Where a finding is in the rule resource: the pattern path, or ``Properties.Targets[0]...`` for a target's
    input path (CTR016)."""
    return path if path.startswith("$") else f"Properties.{path}"


def _check_codes(ignore: Iterable[str] | str) -> tuple[str, ...]:
    """The check codes of ``ignore``: one code or several; an unknown one raises (skipping nothing it meant to would
    fail synthesis with no word of why).

    :raises InvalidRuleError: a value that is no check code, naming the known ones.
    """
    from ctrules.errors import InvalidRuleError

    given = [ignore] if isinstance(ignore, str) else list(ignore)
    codes: list[str] = []
    for value in given:
        code = value.strip().upper().removeprefix(f"{PLUGIN_NAME.upper()}::") if isinstance(value, str) else value
        if code not in CHECKS:
            raise InvalidRuleError(
                f"CloudTrailChecks(ignore=...): {value!r} is not a check code; known: {', '.join(sorted(CHECKS))}"
            )
        codes.append(code)
    return tuple(codes)


@jsii.implements(cdk.IPolicyValidationPlugin)
class CloudTrailChecks:
    """Checks every EventBridge rule of a CDK app for CloudTrail mistakes (every CTR check).

    It checks the rules of the typed ctrules constructs too, like any other (``ignore`` applies to them); the
    plugin the constructs register on their app (:class:`TypedRuleChecks`) runs after it and leaves the stacks
    it checked alone, so each problem is reported once. Acknowledge either kind with ``ctrules::CTR0xx``.
    """

    #: Check the typed ctrules rules only (the plugin the constructs register), or every other rule.
    _typed_only = False

    def __init__(self, *, ignore: Iterable[str] | str = (), catalog_extra: str | Path | None = None) -> None:
        """
        :param ignore: check codes to skip everywhere (``"CTR005"`` or ``["CTR005", "CTR013"]``; the acknowledgement
            form ``ctrules::CTR005`` is taken too).
        :param catalog_extra: a JSON file of events to add to the catalog (see ``ctrules/catalog/README.md``);
            without it, the ``extra_events`` file of ``[tool.ctrules]`` in the nearest ``pyproject.toml``.
        :raises ctrules.catalog.CatalogEntryError: an entry of that file is malformed (file, entry, field, fix).
        """
        from ctrules.catalog import apply_project_extensions

        self._ignore = _check_codes(ignore)
        apply_project_extensions(None if catalog_extra is None else str(catalog_extra))
        install_clean_validation_exit()

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
        return [*sorted(CHECKS), NOT_CHECKED]

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
        typed = typed_rules_of(jsii_attr(context, "app_construct"))
        units = [
            (s.stack_construct_path, s.template_path, known_region(s.region), _read(s.template_path))
            for s in jsii_attr(context, "stack_templates")
        ]
        if self._typed_only:
            if typed is None:
                return cdk.PolicyValidationPluginReport(success=True, violations=[], plugin_version=self.version)
            # Stacks a CloudTrailChecks of the app checked in this synthesis (it runs first) are done.
            units = [u for u in units if u[0] not in typed.covered]
            units += _nested_units(typed, units)
        elif typed is not None:
            typed.covered.update(u[0] for u in units)
        # A trail anywhere in the app that logs a service's data events covers rules on them (CTR006).
        trails = {es for *_, template in units for es in data_trail_sources(template)}
        for stack_path, path, region, template in units:
            only: frozenset[str] | None = None
            if self._typed_only:
                assert typed is not None
                resources = template.get("Resources") if isinstance(template, dict) else None
                only = typed.logical_ids(stack_path, resources) if isinstance(resources, dict) else frozenset()
                if not only:
                    continue
            unread: list[TemplateRule] = []
            findings = check_template(
                template, region, self._ignore, data_trails=trails, only=only, not_checked=unread
            )
            violations.extend(_not_checked_violation(rule, path) for rule in unread)
            by_rule: dict[int, tuple[TemplateRule, list[Finding]]] = {}
            for rule, f in findings:
                by_rule.setdefault(id(rule), (rule, []))[1].append(f)
            for rule, f, also in ((r, f, also) for r, fs in by_rule.values() for f, also in one_per_problem(fs)):
                failed = failed or f.severity == ERROR
                same = ", ".join(f"{v} ({p})" if v else p for p, v in also)
                violations.append(
                    cdk.PolicyViolation(
                        rule_name=f.code,
                        description=f"{f.code}: {f.message}" + (f" The same for {same}." if same else ""),
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


class TypedRuleChecks(CloudTrailChecks):
    """The ``ctrules`` plugin the typed constructs register on their app (once per app, at its first synthesis).

    It checks the app's typed rules only, nested stages and nested stacks included, on their synthesized
    resources (the final pattern, State, bus and targets), with every check. Registered after every plugin
    of the user, it skips the stacks a :class:`CloudTrailChecks` of the app has checked in the same synthesis.
    Its findings are reported, and acknowledged, exactly like those of :class:`CloudTrailChecks`.
    """

    _typed_only = True
