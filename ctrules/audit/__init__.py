"""``ctrules audit``: the rules deployed in an account or organization, checked by the same checks as lint.

:mod:`ctrules.audit.collect` reads an account's buses, rules, targets, tags and trails (read-only clients from
:mod:`ctrules.audit.aws`); :mod:`ctrules.audit.evaluate` checks them into the lint report; :mod:`ctrules.audit.run`
fans out over accounts and regions; :mod:`ctrules.audit.config_rule` is the same verdict for one AWS Config
configuration item (the custom rule of ``examples/config_rule``). boto3 is imported only by the modules that call AWS.
"""
