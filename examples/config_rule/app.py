#!/usr/bin/env python3
"""The CDK app of the AWS Config custom rule example: one ``CtrulesConfigRule`` stack for the current account/region.

Deploy: ``cdk deploy --app "python examples/config_rule/app.py"`` from the repository root (see README.md there).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import aws_cdk as cdk

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from examples.config_rule.stack import AuditConfigRuleStack

app = cdk.App()
AuditConfigRuleStack(
    app,
    "CtrulesConfigRule",
    strict=app.node.try_get_context("strict") in (True, "true"),
    env=cdk.Environment(account=os.environ.get("CDK_DEFAULT_ACCOUNT"), region=os.environ.get("CDK_DEFAULT_REGION")),
)
app.synth()
