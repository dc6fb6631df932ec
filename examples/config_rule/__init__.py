"""An AWS Config custom rule that runs ctrules' checks on every recorded ``AWS::Events::Rule`` (stack and handler)."""
