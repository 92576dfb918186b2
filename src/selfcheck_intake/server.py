"""``selfcheck-intake --config FILE``: run the relay under uvicorn."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from selfcheck_intake import logs
from selfcheck_intake.connectors.base import ConnectorRejected
from selfcheck_intake.settings import SettingsError, load

log = logging.getLogger("selfcheck_intake")


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["request"]:  # selfcheck-intake request --ticket N: a support request link
        from selfcheck_intake.support_requests import cli_main

        return cli_main(arguments[1:])
    parser = argparse.ArgumentParser(
        prog="selfcheck-intake",
        description="The relay that turns uploaded selfcheck bundles into helpdesk tickets.",
        epilog=(
            "Customers' bundles are kept storage.keep_days days (default 30; 0 keeps them for ever), then deleted once "
            "their ticket exists (the helpdesk keeps its own copy), and the queue forgets the customer's e-mail, name, "
            "words and address. A bundle its ticket holds only as the agent link is support's only copy: kept "
            "storage.keep_days_link_only days after the ticket (default 180), as the ticket says. Every key: docs/intake.md."
        ),
    )
    parser.add_argument("--config", type=Path, help="the relay's TOML configuration (see docs/intake.md)")
    parser.add_argument("--host", help="listen on this address (overrides server.host)")
    parser.add_argument("--port", type=int, help="listen on this port (overrides server.port; 0 picks a free one)")
    parser.add_argument("--openapi", action="store_true", help="print the OpenAPI document and exit")
    args = parser.parse_args(arguments)
    if args.openapi:
        from selfcheck_intake import openapi

        print(json.dumps(openapi.document(), indent=2, ensure_ascii=False))
        return 0
    if args.config is None:
        parser.error("--config is required")
    try:
        settings = load(args.config)
    except SettingsError as exc:
        print(f"selfcheck-intake: {exc}", file=sys.stderr)
        return 2
    if args.host:
        settings.host = args.host
    if args.port is not None:
        settings.port = args.port
    logs.setup(settings.log_level)
    # what the relay writes (customers' bundles with their names and e-mail addresses, the queue, the spool) is readable
    # by the relay's own user only, wherever state.path is: the five-minute trial's /tmp/selfcheck-intake left every
    # bundle readable by all the machine's users (systemd's StateDirectoryMode=0750 only covered the real deployment)
    os.umask(os.umask(0o077) | 0o077)
    from selfcheck_intake import uploadguard

    uploadguard.install_log_limits()  # a flood of identical errors ("Too many open files") writes a few lines, not megabytes
    import uvicorn

    from selfcheck_intake.app import build_app
    from selfcheck_intake.queue import QueueUnavailable
    from selfcheck_intake.storage import StorageMissing

    try:
        app = build_app(settings)
    except (ConnectorRejected, SettingsError, QueueUnavailable, StorageMissing) as exc:
        log.error("cannot start: %s", exc)
        print(f"selfcheck-intake: {exc}", file=sys.stderr)
        return 2
    nofile = uploadguard.open_file_limit()
    guarded = uploadguard.UploadGuard(app, settings, nofile=nofile)
    log.info("upload limits", extra={**uploadguard.descriptor_note(guarded), "open_files": nofile})
    config = uvicorn.Config(
        guarded,
        # connections beyond the descriptor budget get uvicorn's 503 at once; the reserve keeps /healthz answering
        limit_concurrency=max(16, nofile - uploadguard.RESERVED_DESCRIPTORS // 2),
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_config=None,
        proxy_headers=False,
        timeout_keep_alive=30,
        timeout_graceful_shutdown=max(1, int(settings.shutdown_seconds)),  # SIGTERM: stop listening, let uploads in progress finish
        ssl_certfile=settings.tls_cert or None,
        ssl_keyfile=settings.tls_key or None,
    )
    server = uvicorn.Server(config)
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
