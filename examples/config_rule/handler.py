"""The AWS Config custom rule's Lambda entry point: one ``AWS::Events::Rule`` configuration item in, one evaluation out.

The verdict is :func:`ctrules.audit.config_rule.handle` (the checks of ``ctrules lint``/``ctrules audit``); this
module only makes the ``config`` client (botocore's standard retry mode) and passes the event on.
"""

from __future__ import annotations

from typing import Any

from ctrules.audit.config_rule import handle

_CLIENT: Any = None


def handler(event: dict[str, Any], context: Any) -> dict[str, str]:
    """Lambda handler: evaluate the item of the event and report it to AWS Config (``PutEvaluations``)."""
    global _CLIENT
    if _CLIENT is None:
        import boto3
        from botocore.config import Config

        _CLIENT = boto3.client("config", config=Config(retries={"mode": "standard", "max_attempts": 8}))
    result = handle(event, _CLIENT)
    return {"compliance": result.compliance, "annotation": result.annotation}
