"""CDK helpers shared by the constructs and the plugin: plugin name, typed-rule registry, region, clean exit.

The typed constructs record, on the Python side, which rules they created (no marker in the template, no jsii
round trip per rule): :class:`TypedRules` keeps them per stack of one app, and finds their resources in a
synthesized template by the logical ID CDK gives them (computed in Python the way CDK computes it, checked
against the template, and asked from CDK only when the two disagree, e.g. after ``override_logical_id``).
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Final

import aws_cdk as cdk
from aws_cdk import aws_events as events
from constructs import Construct

__all__ = [
    "PLUGIN_NAME",
    "TypedRules",
    "install_clean_validation_exit",
    "jsii_attr",
    "known_region",
    "make_unique_id",
    "typed_rules_of",
]

#: The plugin's name: acknowledgement ids are ``ctrules::<code>``, for the plugin and the constructs alike.
PLUGIN_NAME: Final = "ctrules"

#: Attribute of the app's root construct (a Python object) that holds its :class:`TypedRules`.
_REGISTRY_ATTR: Final = "_ctrules_typed_rules"


#: A Region name as AWS writes them (``us-east-1``, ``us-gov-west-1``, ``eu-isoe-west-1``): never a CDK token.
_REGION_NAME = re.compile(r"[a-z]{2}(?:-[a-z]+)+-[0-9]+")


def known_region(value: Any) -> str | None:
    """A region name, or ``None`` for an unresolved token, CDK's ``unknown-region`` or no value."""
    if isinstance(value, str) and _REGION_NAME.fullmatch(value):
        return value  # a literal name: no need to ask CDK (a jsii round trip) whether it is a token
    if not isinstance(value, str) or not value or cdk.Token.is_unresolved(value) or value.startswith("unknown"):
        return None
    return value


def jsii_attr(obj: Any, name: str) -> Any:
    """``getattr(obj, name)`` with one jsii round trip, not two.

    jsii hands Python an object of several interfaces (the policy-validation context) as a proxy whose attribute
    lookup asks Node twice (``hasattr``, then ``getattr``, each a property read); this reads the property from the
    proxied object whose class declares it. Any other object: plain ``getattr``.
    """
    delegates = getattr(obj, "__dict__", {}).get("_delegates")
    if isinstance(delegates, list):
        for delegate in delegates:
            if hasattr(type(delegate), name):
                return getattr(delegate, name)
    return getattr(obj, name)


# --- logical IDs, as aws-cdk-lib computes them (core/lib/private/uniqueid.ts, Stack.allocateLogicalId) ---------

_NON_ALNUM = re.compile(r"[^A-Za-z0-9]")


def make_unique_id(components: list[str]) -> str:
    """The logical ID CDK allocates to an element whose path below its stack is ``components``.

    ``Default`` components are dropped; a single component is used as is (alphanumerics only); otherwise the
    human-readable part (``Resource`` and repeated suffixes dropped, at most 240 characters) is followed by the
    first 8 hex digits of the MD5 of the path, upper case.
    """
    parts = [c for c in components if c != "Default"]
    if not parts:
        raise ValueError("no path components")
    if len(parts) == 1:
        candidate = _NON_ALNUM.sub("", parts[0])
        if len(candidate) <= 255:
            return candidate
    digest = hashlib.md5("/".join(parts).encode("utf-8")).hexdigest()[:8].upper()  # CDK hashes ids with MD5
    human: list[str] = []
    for part in parts:
        if not human or not human[-1].endswith(part):
            human.append(part)
    return "".join(_NON_ALNUM.sub("", p) for p in human if p != "Resource")[:240] + digest


def sanitize_id(construct_id: str) -> str:
    """A construct id as ``constructs`` stores it (``/`` is replaced by ``--``)."""
    return construct_id.replace("/", "--")


# --- the typed rules of an app --------------------------------------------------------------------------------


@dataclass
class _Rule:
    rule: events.Rule
    #: The rule's L1 resource path below its stack (``[..scope ids, id, "Resource"]``).
    components: list[str]


@dataclass
class _StackRules:
    stack: cdk.Stack
    rules: list[_Rule] = field(default_factory=list)


@dataclass
class TypedRules:
    """The rules the typed ctrules constructs created in one app, by stack path (Python side only)."""

    stacks: dict[str, _StackRules] = field(default_factory=dict)
    #: Stack paths a ``CloudTrailChecks`` of the app checked in the current synthesis (typed rules included).
    covered: set[str] = field(default_factory=set)

    def add(self, stack: cdk.Stack, stack_path: str, rule: events.Rule, components: list[str]) -> None:
        """Record a typed rule of ``stack``."""
        entry = self.stacks.get(stack_path)
        if entry is None:
            entry = self.stacks[stack_path] = _StackRules(stack)
        entry.rules.append(_Rule(rule, components))

    def logical_ids(self, stack_path: str, resources: Mapping[str, Any]) -> frozenset[str]:
        """Logical IDs, in a stack's synthesized ``Resources``, of the typed rules of that stack."""
        entry = self.stacks.get(stack_path)
        if entry is None:
            return frozenset()
        found: set[str] = set()
        for typed in entry.rules:
            logical_id = make_unique_id(typed.components)
            if not _is_rule(resources.get(logical_id)):
                # Overridden or renamed (override_logical_id, rename_logical_id, a custom allocate_logical_id):
                # ask CDK for this one rule's final logical ID.
                cfn = typed.rule.node.default_child
                if not isinstance(cfn, cdk.CfnElement):
                    continue
                logical_id = entry.stack.resolve(cfn.logical_id)
                if not isinstance(logical_id, str) or not _is_rule(resources.get(logical_id)):
                    continue
            found.add(logical_id)
        return frozenset(found)


def _is_rule(resource: Any) -> bool:
    return isinstance(resource, dict) and resource.get("Type") == "AWS::Events::Rule"


def typed_rules_of(root: Any) -> TypedRules | None:
    """The typed rules recorded for the app whose root construct is ``root`` (None: it has none)."""
    registry = getattr(root, "__dict__", {}).get(_REGISTRY_ATTR)
    return registry if isinstance(registry, TypedRules) else None


@dataclass
class _ScopeInfo:
    """What a typed rule needs to know about its scope, asked from CDK once per scope."""

    registry: TypedRules
    stack: cdk.Stack
    stack_path: str
    #: The scope's path below its stack (ids).
    below_stack: list[str]


def scope_info(scope: Construct, on_new_app: Callable[[cdk.Stage, TypedRules], None]) -> _ScopeInfo:
    """The cached :class:`_ScopeInfo` of ``scope`` (jsii round trips only the first time a scope is seen).

    ``on_new_app`` is called with the root (and registry) of each app that gets its first typed rule.
    """
    info = scope.__dict__.get("_ctrules_scope")
    if isinstance(info, _ScopeInfo):
        return info
    stack = scope if isinstance(scope, cdk.Stack) else cdk.Stack.of(scope)
    stack_info = stack.__dict__.get("_ctrules_scope")
    if not isinstance(stack_info, _ScopeInfo):
        node = stack.node  # one round trip for both of its reads below
        root = node.root
        registry = typed_rules_of(root)
        if registry is None:
            registry = TypedRules()
            root.__dict__[_REGISTRY_ATTR] = registry
            install_clean_validation_exit()
            # On the root: CDK gives the app's plugins the stacks of every nested stage too (and runs plugins only
            # when the root is an App).
            if isinstance(root, cdk.Stage):
                on_new_app(root, registry)
        stack_info = _ScopeInfo(registry, stack, node.path, [])
        stack.__dict__["_ctrules_scope"] = stack_info
    if scope is stack:
        return stack_info
    path = scope.node.path
    prefix = stack_info.stack_path
    below = path[len(prefix) + 1 :] if prefix else path
    info = _ScopeInfo(stack_info.registry, stack, prefix, below.split("/") if below else [])
    scope.__dict__["_ctrules_scope"] = info
    return info


# --- a failed validation ends `python app.py` with the report, not a stack trace --------------------------------

_HOOK_INSTALLED = False


def install_clean_validation_exit() -> None:
    """Make an uncaught CDK "ValidationFailed" error end the program with its message and exit 1, no traceback; and
    a :class:`~ctrules.errors.CtrulesError` a construct raised with one line: the app's line that made it and the
    message (which names the construct path, the value and the fix).

    CDK has already printed the validation report (each violation, its fix and acknowledgement id); the
    Python and JavaScript stacks of the re-raised error add nothing. Every other exception goes to the
    previous ``sys.excepthook``.
    """
    global _HOOK_INSTALLED
    if _HOOK_INSTALLED:
        return
    _HOOK_INSTALLED = True
    previous = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if is_validation_failure(value):
            print(str(value), file=sys.stderr)
            return
        from ctrules.errors import CtrulesError

        if isinstance(value, CtrulesError) and value.__cause__ is None:
            # A rule ctrules refused to build: the message names the construct path, the value and the fix; the
            # frames of jsii and ctrules add nothing but the line of the app that made it.
            where = _app_line(tb)
            print(f"{where}{kind.__name__}: {value}", file=sys.stderr)
            return
        previous(kind, value, tb)

    sys.excepthook = hook


def _app_line(tb: TracebackType | None) -> str:
    """``file:line: `` of the last frame of a traceback outside ctrules and installed packages ("" if none)."""
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    found = ""
    while tb is not None:
        path = os.path.abspath(tb.tb_frame.f_code.co_filename)
        if not path.startswith(here) and "site-packages" not in path and not path.startswith("<"):
            found = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return found


def is_validation_failure(error: BaseException) -> bool:
    """Is ``error`` CDK's policy-validation failure, as jsii raises it in Python?"""
    return (
        isinstance(error, RuntimeError)
        and str(error).startswith("ValidationFailed")
        and type(error.__cause__).__name__ == "JavaScriptError"
    )
