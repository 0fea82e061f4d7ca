"""Run the Telegram bot inside our own FastAPI app (webhook mode without PTB's web server)."""

from __future__ import annotations

import hmac
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from telegram import Update
from telegram.ext import Application

from bot.telegram.updates import parse_update_body

log = logging.getLogger("policybot.telegram")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def check_secret(secret: str | None) -> str:
    """Telegram accepts 1-256 characters of A-Z, a-z, 0-9, _ and -."""
    if not secret or not _SECRET.fullmatch(secret):
        raise ValueError(
            "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
        )
    return secret


def mount_telegram_webhook(
    app: FastAPI, application: Application[Any, Any, Any, Any, Any, Any], path: str, secret: str
) -> None:
    """POST `path`: check Telegram's secret header (403), queue the update for PTB."""
    expected = check_secret(secret).encode()

    @app.post(path, include_in_schema=False)
    async def telegram_webhook(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return Response(status_code=403)
        try:
            update = Update.de_json(parse_update_body(await request.body()), application.bot)
        except Exception as error:  # malformed JSON or an update the library cannot parse
            log.warning("telegram webhook: rejected a body (%s: %s)", type(error).__name__, error)
            return Response(status_code=400)
        await application.update_queue.put(update)
        return Response(status_code=200)


@asynccontextmanager
async def running_application(
    application: Application[Any, Any, Any, Any, Any, Any],
    webhook_url: str | None = None,
    secret: str | None = None,
) -> AsyncIterator[None]:
    """Initialise and start the bot for a FastAPI lifespan; register the webhook if given."""
    async with application:
        if application.post_init:  # run_polling/run_webhook would call it; we replace them
            await application.post_init(application)
        if webhook_url:
            await application.bot.set_webhook(
                webhook_url, secret_token=check_secret(secret), allowed_updates=Update.ALL_TYPES
            )
        await application.start()
        try:
            yield
        finally:
            await application.stop()
