"""Constants and tiny helpers shared by the command line and the input readers: one home for each.

Pure Python, no imports from the rest of ctrules (every layer may use it).
"""

from __future__ import annotations

import re
from typing import Any, Final

__all__ = ["AMAZONAWS_SUFFIX", "REGION_RE", "bus_is_default"]

#: The suffix of a CloudTrail ``eventSource`` (``organizations.amazonaws.com``).
AMAZONAWS_SUFFIX: Final = ".amazonaws.com"
#: A commercial, GovCloud or China region name (``us-east-1``, ``us-gov-west-1``, ``cn-north-1``).
REGION_RE: Final = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")


def bus_is_default(value: Any) -> bool:
    """True when an event bus given as plain data (name, ARN or nothing) is the account's default bus.

    ``None``, ``""``, ``"default"`` and an ARN ending in ``:event-bus/default`` are the default bus; any
    other name, and anything that is not a string (an intrinsic, an unresolved reference), is not.
    """
    if value is None:
        return True
    if isinstance(value, str):
        return value in ("", "default") or value.endswith(":event-bus/default")
    return False
