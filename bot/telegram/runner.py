"""`policybot telegram`: long polling by default, a webhook with --webhook-url.

The webhook is served by our own FastAPI app (the one `policybot serve` mounts) under
uvicorn with request deadlines, so both commands check bodies the same way.
"""

from __future__ import annotations

import argparse
import sys

from telegram import Update

from bot.logs import configure_logging
from bot.telegram.app import build_application
from bot.telegram.webhook import check_secret
from rag.index.generations import IndexBusyError, IndexDamagedError
from rag.protocol import AnswerService
from rag.settings import MissingSettingError, Settings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Check the settings first (fast, clear errors), then build the service and run."""
    settings.require("policybot telegram", "TELEGRAM_BOT_TOKEN")
    webhook_url = args.webhook_url or settings.telegram_webhook_url
    secret = args.secret_token or settings.telegram_webhook_secret
    if webhook_url and not secret:
        raise MissingSettingError("TELEGRAM_WEBHOOK_SECRET", purpose="policybot telegram webhook")
    try:
        if webhook_url:
            check_secret(secret)
    except ValueError as error:
        print(f"policybot telegram: {error}", file=sys.stderr)
        return 2
    configure_logging(settings)
    try:
        service = _answer_service(settings)
    except (IndexDamagedError, IndexBusyError) as error:  # the message says what to run
        print(f"policybot telegram: {error}", file=sys.stderr)
        return 1
    try:
        application = build_application(settings, service, with_updater=not webhook_url)
    except ValueError as error:
        print(f"policybot telegram: {error}", file=sys.stderr)
        return 2
    if webhook_url:
        _serve_webhook(application, args, webhook_url, str(secret))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def _serve_webhook(application: object, args: argparse.Namespace, url: str, secret: str) -> None:
    from fastapi import FastAPI

    from bot.telegram.webhook import mount_telegram_webhook, running_application
    from bot.web.server import run_server

    app = FastAPI(
        lifespan=lambda _: running_application(application, url, secret),  # type: ignore[arg-type]
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    mount_telegram_webhook(app, application, "/" + args.url_path.lstrip("/"), secret)  # type: ignore[arg-type]
    run_server(app, args.listen, args.port, "info")


def _answer_service(settings: Settings) -> AnswerService:
    from rag.live import LiveAnswerService  # heavy: indexes, models

    return LiveAnswerService(settings)  # follows re-indexing without a restart
