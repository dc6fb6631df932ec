#!/usr/bin/env python3
"""The ctrules CDK app: synthesizes the example stacks (``make synth``).

``build_app`` adds every example stack and registers the checks: ctrules' ``CloudTrailChecks`` and
cdk-nag's AwsSolutions pack (a finding fails synthesis). Settings come from cdk.json's "context".
"""

from __future__ import annotations

import aws_cdk as cdk

from examples import build_app

app = cdk.App()
build_app(app)
app.synth()
