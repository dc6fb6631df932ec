#!/usr/bin/env python3
"""The ctrules CDK app: synthesizes the example stacks (``make synth``)."""

from __future__ import annotations

import aws_cdk as cdk

from examples import build_app

app = cdk.App()
build_app(app)
app.synth()
