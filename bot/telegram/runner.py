"""`policybot telegram`: long polling by default, a webhook with --webhook-url."""

from __future__ import annotations

import argparse
import logging
import sys

from telegram import Update

from bot.telegram.app import build_application
from bot.telegram.webhook import check_secret
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
        application = build_application(settings, _answer_service(settings))
    except ValueError as error:
        print(f"policybot telegram: {error}", file=sys.stderr)
        return 2
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level="INFO")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per poll is noise
    if webhook_url:
        application.run_webhook(
            listen=args.listen,
            port=args.port,
            url_path=args.url_path,
            webhook_url=webhook_url,
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def _answer_service(settings: Settings) -> AnswerService:
    from rag.live import LiveAnswerService  # heavy: indexes, models

    return LiveAnswerService(settings)  # follows re-indexing without a restart
