# A Terraform rule with a misspelt source (it is aws.organizations).
resource "aws_cloudwatch_event_rule" "new_account" {
  name = "new-account"
  event_pattern = jsonencode({
    source      = ["aws.organisations"]
    detail-type = ["AWS Service Event via CloudTrail"]
    detail      = { eventName = ["CreateAccountResult"] }
  })
}
