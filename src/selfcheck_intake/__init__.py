"""selfcheck-intake: the relay a company runs to turn uploaded bundles into helpdesk tickets.

An optional extra (``pip install selfcheck[intake]``). The desktop app never
imports this package: it alone holds helpdesk credentials.
"""
