"""Logging for every long-running command: one format, and no secret in any line.

Libraries log request URLs (httpx at INFO: `GET …/gettoken?corpid=…&corpsecret=…`; the Bot
API puts the bot token in the path), exceptions quote them, and clients may send keys in a
query string that the access log prints. So every handler gets a `SecretMasker`: it masks
the configured secrets and any value issued at run time (`remember_secret`, e.g. WeCom
access tokens) wherever they appear, and redacts credential-shaped parts of URLs whatever
their value, in the message, its arguments and the traceback.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

from rag.settings import Settings

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASK = "***"
MIN_SECRET_CHARS = 6  # shorter values would mask ordinary words
# settings whose values never belong in a log
SECRET_SETTINGS = (
    "wecom_secret",
    "wecom_token",
    "wecom_encoding_aes_key",
    "wecom_aibot_token",
    "wecom_aibot_encoding_aes_key",
    "telegram_bot_token",
    "telegram_webhook_secret",
    "openai_api_key",
    "api_key",
)
# query parameters that carry credentials in the APIs we call or serve
_CREDENTIAL_PARAM = re.compile(
    r"(?i)\b((?:corp)?secret|access_token|api[_-]?key|key|token|password|authorization)"
    r"=[^&\s\"'#]+"
)
_BOT_TOKEN_PATH = re.compile(r"/(bot|file/bot)\d+:[A-Za-z0-9_-]+")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")

_lock = threading.Lock()
_secrets: set[str] = set()


def remember_secret(value: str | None) -> None:
    """Mask `value` in every later log line (configured keys, tokens issued at run time)."""
    if value and len(value) >= MIN_SECRET_CHARS:
        with _lock:
            _secrets.add(value)


def mask(text: str) -> str:
    """`text` with every known secret and credential-shaped URL part replaced by ***."""
    with _lock:
        known = sorted(_secrets, key=len, reverse=True)  # a secret containing another first
    for secret in known:
        if secret in text:
            text = text.replace(secret, MASK)
    text = _CREDENTIAL_PARAM.sub(lambda m: f"{m.group(1)}={MASK}", text)
    text = _BOT_TOKEN_PATH.sub(lambda m: f"/{m.group(1)}{MASK}", text)
    return _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)


class SecretMasker(logging.Filter):
    """Rewrites each record to its masked text (message, arguments and traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what can be shown
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = mask(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def configure_logging(settings: Settings, quiet: Iterable[str] = ("httpx",)) -> None:
    """Root logging at POLICYBOT_LOG_LEVEL with the masker on every handler.

    At INFO the `quiet` loggers (one line per poll or API call) are limited to warnings;
    at DEBUG everything is shown, masked like the rest.
    """
    for name in SECRET_SETTINGS:
        remember_secret(getattr(settings, name, None))
    level = settings.log_level.upper()
    logging.basicConfig(format=FORMAT)  # keeps handlers already installed (e.g. by a test run)
    logging.getLogger().setLevel(level)
    if logging.getLevelName(level) != logging.DEBUG:
        for name in quiet:
            logging.getLogger(name).setLevel(logging.WARNING)
    install_masker()


def install_masker(logger: logging.Logger | None = None) -> None:
    """Add the masker to every handler of `logger` (the root by default) that lacks it."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, SecretMasker) for f in handler.filters):
            handler.addFilter(SecretMasker())
