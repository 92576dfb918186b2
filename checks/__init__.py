"""selfcheck's built-in checks (installed as ``selfcheck.checks``).

Listed explicitly so frozen builds find them; loaded by the same mechanism as
a company's own checks (``selfcheck.discovery``).
"""

MODULES = [
    "selfcheck.checks.os_uptime",
]
