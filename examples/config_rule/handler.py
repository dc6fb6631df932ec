"""The AWS Config custom rule's Lambda entry point: one ``AWS::Events::Rule`` configuration item in, one evaluation out.

The verdict is :func:`ctrules.audit.config_rule.handle` (the checks of ``ctrules lint``/``ctrules audit``); this
module makes the clients (botocore's standard retry mode) and, unless ``CTRULES_READ_TRAILS`` is ``false``, reads
the trails of the function's own account and region with ``ctrules audit``'s read-only session, so that CTR006 is
decided. Trails are read again after ``TRAIL_TTL_SECONDS`` in a warm function.
"""

from __future__ import annotations

import os
import time
from typing import Any

from ctrules.audit.collect import RegionInventory, TrailCache, collect_trails
from ctrules.audit.config_rule import handle

#: How long a warm function reuses the trails it read (they change rarely; AWS Config re-evaluates a rule only
#: when the rule changes, so a trail change is picked up at the rule's next change or a manual re-evaluation).
TRAIL_TTL_SECONDS = 600

_CLIENT: Any = None
_TRAILS: dict[tuple[str, str], tuple[float, RegionInventory]] = {}


def _read_trails(inv: RegionInventory) -> None:
    import boto3

    from ctrules.audit.aws import ReadOnlySession

    key = (inv.account, inv.region)
    cached = _TRAILS.get(key)
    if cached is None or time.monotonic() - cached[0] > TRAIL_TTL_SECONDS:
        read = RegionInventory(inv.account, inv.region)
        collect_trails(ReadOnlySession(boto3.Session(), fallback_region=inv.region), read, TrailCache())
        cached = (time.monotonic(), read)
        _TRAILS[key] = cached
    inv.trails, inv.trails_error = cached[1].trails, cached[1].trails_error


def handler(event: dict[str, Any], context: Any) -> dict[str, str]:
    """Lambda handler: evaluate the item of the event and report it to AWS Config (``PutEvaluations``)."""
    global _CLIENT
    if _CLIENT is None:
        import boto3
        from botocore.config import Config

        _CLIENT = boto3.client("config", config=Config(retries={"mode": "standard", "max_attempts": 8}))
    read = os.environ.get("CTRULES_READ_TRAILS", "true").lower() != "false"
    result = handle(event, _CLIENT, _read_trails if read else None)
    return {"compliance": result.compliance, "annotation": result.annotation}
