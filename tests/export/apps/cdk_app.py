"""A CDK app that imports no ctrules, as a TypeScript/Java/Go app would: it registers only aws-cdk-lib's
CloudFormationValidatePlugin with the ctrules Rego pack.

Usage: python cdk_app.py PACK OUTDIR wrong|fixed|acknowledged [--strict]
"""

import sys

import aws_cdk as cdk
from aws_cdk import aws_events as events
from aws_cdk import aws_sqs as sqs

pack_path, outdir, variant = sys.argv[1:4]
with open(pack_path, encoding="utf-8") as f:
    pack = f.read()
strict = "--strict" in sys.argv
context = {"@aws-cdk/core:validateAgainstDefaultRules": True} if strict else {}
app = cdk.App(outdir=outdir, context=context)
cdk.Validations.of(app).add_plugins(
    cdk.CloudFormationValidatePlugin(
        rego_rules=[cdk.ValidationRuleSource(name="ctrules.rego", content=pack)],
        include_default_rules=False,
    )
)
stack = cdk.Stack(app, "Watch", env=cdk.Environment(account="111111111111", region="eu-west-1"))
queue = sqs.Queue(stack, "Queue")
# The classic mistake: Organizations' CreateAccountResult is a service event, not an API call. And it is
# a global service's event, seen only in us-east-1: the fixed rule lives in a us-east-1 stack.
detail_type = "AWS API Call via CloudTrail" if variant != "fixed" else "AWS Service Event via CloudTrail"
home = stack if variant != "fixed" else cdk.Stack(app, "Home", env=cdk.Environment(account="111111111111",
                                                                                   region="us-east-1"))
rule = events.Rule(
    home,
    "AccountCreated",
    event_pattern=events.EventPattern(
        source=["aws.organizations"], detail_type=[detail_type], detail={"eventName": ["CreateAccountResult"]}
    ),
)
if variant == "acknowledged":
    for code in ("CTR001", "CTR005"):
        cdk.Validations.of(rule).acknowledge(cdk.Acknowledgment(id=f"CloudFormation-Validate::{code}",
                                                                reason="forwarded from us-east-1"))
app.synth()
