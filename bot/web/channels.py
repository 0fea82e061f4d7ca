"""Bot webhooks mounted into the web app, each only when its settings are present.

- Telegram: TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET. Updates are POSTed to the path of
  TELEGRAM_WEBHOOK_URL (default /telegram); when that URL is set, the webhook is registered
  with Telegram at start-up. A token alone means polling (`policybot telegram`), not here.
- WeCom: the callback settings of the self-built app and/or the AI bot (/wecom/callback,
  /wecom/aibot); a half-configured mode is an error naming what is missing.

The adapters are imported only when configured, so a plain `policybot serve` never loads them.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI

from rag.protocol import AnswerService
from rag.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_TELEGRAM_PATH = "/telegram"
WECOM_FIELDS = (
    "wecom_corp_id",
    "wecom_token",
    "wecom_encoding_aes_key",
    "wecom_aibot_token",
    "wecom_aibot_encoding_aes_key",
)
Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def check_channel_settings(settings: Settings) -> None:
    """Fail fast (before the slow index load) on a half-configured bot channel."""
    if settings.telegram_webhook_secret:
        settings.require("the Telegram webhook of policybot serve", "TELEGRAM_BOT_TOKEN")
        from bot.telegram.webhook import check_secret

        check_secret(settings.telegram_webhook_secret)
    if _wecom_wanted(settings):
        from bot.wecom.app import configured_modes

        configured_modes(settings)


def _wecom_wanted(settings: Settings) -> bool:
    return any(getattr(settings, name) for name in WECOM_FIELDS)


def build_telegram(settings: Settings, service: AnswerService) -> Any | None:
    """A PTB Application without its own server, or None when the webhook is not configured."""
    check_channel_settings(settings)
    if not settings.telegram_webhook_secret:
        return None
    from bot.telegram.app import build_application

    return build_application(settings, service, with_updater=False)


def telegram_path(settings: Settings) -> str:
    """Where Telegram POSTs updates: the path of the public webhook URL."""
    return urlsplit(settings.telegram_webhook_url or "").path or DEFAULT_TELEGRAM_PATH


def telegram_lifespan(application: Any | None, settings: Settings) -> Lifespan | None:
    """Start (and register) the bot with the app; None when there is no bot."""
    if application is None:
        return None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        from bot.telegram.webhook import running_application

        url, secret = settings.telegram_webhook_url, settings.telegram_webhook_secret
        async with running_application(application, url, secret):
            yield

    return lifespan


def mount_channels(
    app: FastAPI, settings: Settings, service: AnswerService, telegram: Any | None
) -> list[str]:
    """Add the configured bot routes; returns the channel names mounted."""
    channels = []
    if telegram is not None:
        from bot.telegram.webhook import mount_telegram_webhook

        path = telegram_path(settings)
        mount_telegram_webhook(app, telegram, path, str(settings.telegram_webhook_secret))
        log.info("telegram webhook mounted at %s", path)
        channels.append("telegram")
    if _wecom_wanted(settings):
        from bot.wecom.app import create_wecom_router

        router = create_wecom_router(settings, service)
        if router is not None:
            app.include_router(router)
            log.info("wecom callbacks mounted under /wecom")
            channels.append("wecom")
    return channels
