// A TypeScript CDK app that gets ctrules' checks with no Python and no ctrules import: aws-cdk-lib's own
// validator (cloudformation-validate) runs the ctrules Rego pack on every synth.
//   npx cdk synth                      -> fails: the rule below has the classic mistakes (CTR001, CTR005)
//   npx cdk synth -c rule=fixed        -> passes
// The pack: `ctrules export rego -o ctrules.rego` (default here: the copy shipped in the ctrules sources).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as cdk from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";

const here = fileURLToPath(new URL(".", import.meta.url));
const packPath = process.env.CTRULES_PACK ?? `${here}../../../ctrules/export/ctrules.rego`;

const app = new cdk.App();
if (process.env.CTRULES_PACK !== "off") {
  cdk.Validations.of(app).addPlugins(
    new cdk.CloudFormationValidatePlugin({
      regoRules: [{ name: "ctrules.rego", content: readFileSync(packPath, "utf-8") }],
    }),
  );
}

const fixed = app.node.tryGetContext("rule") === "fixed";
// Organizations' CreateAccountResult is a service event of a global service: EventBridge delivers it with
// detail-type "AWS Service Event via CloudTrail", in us-east-1 only.
const stack = new cdk.Stack(app, "AccountWatch", {
  env: { account: "111111111111", region: fixed ? "us-east-1" : "eu-west-1" },
});
new events.Rule(stack, "AccountCreated", {
  eventPattern: {
    source: ["aws.organizations"],
    detailType: [fixed ? "AWS Service Event via CloudTrail" : "AWS API Call via CloudTrail"],
    detail: { eventName: ["CreateAccountResult"] },
  },
});
app.synth();
