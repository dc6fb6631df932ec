"""Fixtures for the example-stack tests: the app context from cdk.json, and apps built from it.

The parent conftest turns the built-in CloudFormation validation off (CDK_VALIDATION=false); the one
end-to-end test runs the CDK CLI with it on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

ROOT = Path(__file__).resolve().parents[2]

AppFactory = Callable[..., cdk.App]


@pytest.fixture(scope="session")
def cdk_json_context() -> dict[str, Any]:
    """The "context" section of the project's cdk.json (the documented placeholder defaults)."""
    data: dict[str, Any] = json.loads((ROOT / "cdk.json").read_text(encoding="utf-8"))["context"]
    return data


@pytest.fixture
def make_app(tmp_path: Path, cdk_json_context: dict[str, Any]) -> Iterator[AppFactory]:
    """``make_app(key=value, drop=("key",))``: a fresh App whose context is cdk.json's with changes."""
    counter = iter(range(1000))

    def factory(*, drop: tuple[str, ...] = (), **overrides: Any) -> cdk.App:
        context = {k: v for k, v in cdk_json_context.items() if k not in drop}
        context.update(overrides)
        return cdk.App(outdir=str(tmp_path / f"cdk.out.{next(counter)}"), context=context)

    yield factory


def template_of(stack: cdk.Stack) -> Template:
    """The stack's template as an assertions ``Template``."""
    return Template.from_stack(stack)


def resources(template: Template, type_name: str) -> dict[str, Any]:
    """Logical id → resource of the given type."""
    return dict(template.find_resources(type_name))


def rules_by_prefix(template: Template) -> dict[str, dict[str, Any]]:
    """The template's EventBridge rules: logical id → Properties."""
    return {lid: res["Properties"] for lid, res in resources(template, "AWS::Events::Rule").items()}


def rule(template: Template, logical_prefix: str) -> dict[str, Any]:
    """The Properties of the one rule whose logical id starts with ``logical_prefix``."""
    found = [p for lid, p in rules_by_prefix(template).items() if lid.startswith(logical_prefix)]
    assert len(found) == 1, f"expected one rule {logical_prefix}*, found {len(found)}"
    return found[0]


@pytest.fixture
def helpers() -> Any:
    """The helper functions above, for test modules (importlib import mode: no shared module import)."""

    class _H:
        template_of = staticmethod(template_of)
        resources = staticmethod(resources)
        rules = staticmethod(rules_by_prefix)
        rule = staticmethod(rule)

    return _H
