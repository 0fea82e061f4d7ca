"""`policybot serve`: the composition root of the web process."""

from __future__ import annotations

import argparse
import sys

from bot.logs import configure_logging
from rag.index.generations import IndexBusyError, IndexDamagedError
from rag.settings import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Check the bot settings, build the answer service once, then serve until interrupted."""
    from bot.web.app import create_app
    from bot.web.channels import check_channel_settings
    from bot.web.server import run_server
    from rag.service import build_answer_service

    try:
        check_channel_settings(settings)  # fast, clear errors before the slow index load
    except ValueError as error:
        print(f"policybot serve: {error}", file=sys.stderr)
        return 2
    configure_logging(settings)
    try:
        service = build_answer_service(settings)
    except (IndexDamagedError, IndexBusyError) as error:  # the message says what to run
        print(f"policybot serve: {error}", file=sys.stderr)
        return 1
    app = create_app(settings, service)
    print(f"policybot serve: http://{args.host}:{args.port}/ (API docs: /docs)", file=sys.stderr)
    if settings.api_key:
        print("policybot serve: /api and /v1 need the POLICYBOT_API_KEY", file=sys.stderr)
    run_server(app, args.host, args.port, settings.log_level)
    return 0
