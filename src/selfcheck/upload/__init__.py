"""Sending diagnostic bundles to support: the outbox and its destinations (no Qt here).

``send_bundle(path, config, ...) -> SendOutcome`` and ``flush_outbox(config)``
are what the CLI and the GUI call.
"""

from selfcheck.upload.outbox import Outbox
from selfcheck.upload.send import (
    SendOutcome,
    email_needed,
    flush_outbox,
    forget_kept,
    kept_messages,
    not_kept_words,
    refused_for_good,
    send_again,
    send_bundle,
    sending_again_may_help,
)

__all__ = [
    "Outbox",
    "SendOutcome",
    "email_needed",
    "flush_outbox",
    "forget_kept",
    "kept_messages",
    "not_kept_words",
    "refused_for_good",
    "send_again",
    "send_bundle",
    "sending_again_may_help",
]
