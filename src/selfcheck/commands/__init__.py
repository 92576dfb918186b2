"""Sub-commands of the CLI, one module each with ``register(subparsers, common)``."""

COMMANDS = [
    "scan",
    "list",
    "history",
    "diff",
    "fix",
    "record",
    "background",
    "bundle",
    "show",
    "send",
    "outbox",
    "gui",
    "open",
    "open_request",
]
