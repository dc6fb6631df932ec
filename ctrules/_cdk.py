"""CDK helpers shared by the constructs and the plugin: the plugin name, the typed-rule marker, region and bus."""

from __future__ import annotations

from typing import Any, Final

import aws_cdk as cdk
from aws_cdk import aws_events as events

__all__ = ["PLUGIN_NAME", "TYPED_RULE_METADATA", "bus_is_default", "known_region"]

#: The plugin's name: acknowledgement ids are ``ctrules::<code>``, for the plugin and the constructs alike.
PLUGIN_NAME: Final = "ctrules"

#: Resource metadata key that marks a rule made by a typed ctrules construct. Such a rule checks itself at
#: synthesis; the plugin skips it, so a problem is reported once.
TYPED_RULE_METADATA: Final = "ctrules:typed-rule"


def known_region(value: Any) -> str | None:
    """A region name, or ``None`` for an unresolved token, CDK's ``unknown-region`` or no value."""
    if not isinstance(value, str) or not value or cdk.Token.is_unresolved(value) or value.startswith("unknown"):
        return None
    return value


def bus_is_default(bus: events.IEventBus | None) -> bool:
    """True for no bus (the default one) or a bus whose name is literally ``default``."""
    if bus is None:
        return True
    name = bus.event_bus_name
    return not cdk.Token.is_unresolved(name) and name == "default"
