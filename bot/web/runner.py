"""`policybot serve`: the composition root of the web process."""

from __future__ import annotations

import argparse
import logging
import sys

from rag.settings import Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Check the bot settings, build the answer service once, then serve until interrupted."""
    import uvicorn

    from bot.web.app import create_app
    from bot.web.channels import check_channel_settings
    from rag.service import build_answer_service

    try:
        check_channel_settings(settings)  # fast, clear errors before the slow index load
    except ValueError as error:
        print(f"policybot serve: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level="INFO")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    app = create_app(settings, build_answer_service(settings))
    print(f"policybot serve: http://{args.host}:{args.port}/ (API docs: /docs)", file=sys.stderr)
    if settings.api_key:
        print("policybot serve: /api and /v1 need the POLICYBOT_API_KEY", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0
