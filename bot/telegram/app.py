"""Wiring: settings + AnswerService -> a python-telegram-bot Application."""

from __future__ import annotations

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.telegram import handlers
from bot.telegram.handlers import DEPS_KEY, BotDeps
from bot.telegram.limits import UserRateLimiter, parse_chat_ids
from bot.telegram.render import CLAUSE_CALLBACK_PREFIX
from bot.telegram.updates import TolerantBot
from rag.protocol import AnswerService
from rag.settings import Settings

COMMANDS = (
    ("ask", "提问，例如 /ask 研发费用有什么补贴"),
    ("clause", "查看条款原文：/clause <文档> <条号>"),
    ("docs", "已收录的政策文件"),
    ("new", "开始新的对话"),
    ("help", "使用说明"),
    ("start", "介绍与示例"),
)
RATE_LIMIT_RETRIES = 3  # retries after a 429 from Telegram, each after its retry_after
DEFAULT_BASE_URL = "https://api.telegram.org/bot"  # PTB's defaults
DEFAULT_FILE_URL = "https://api.telegram.org/file/bot"
CONNECTIONS = 256  # concurrent Bot API calls (PTB's own default with concurrent updates)


def build_application(
    settings: Settings, service: AnswerService, *, with_updater: bool = True
) -> Application:
    """The bot, ready for `run_polling`, `run_webhook` or `mount_telegram_webhook`.

    `with_updater=False` builds it without PTB's own polling/webhook (for an external server).
    """
    settings.require("policybot telegram", "TELEGRAM_BOT_TOKEN")
    builder = (
        ApplicationBuilder()
        .bot(build_bot(settings))
        .concurrent_updates(True)
        .post_init(register_commands)
    )
    if not with_updater:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data[DEPS_KEY] = BotDeps(
        service=service,
        limiter=UserRateLimiter(settings.user_rate_limit_per_minute),
        max_question_chars=settings.max_question_chars,
        allowed_chats=parse_chat_ids(settings.telegram_allowed_chats),
    )
    add_handlers(application)
    return application


def build_bot(settings: Settings) -> TolerantBot:
    """The Bot API client: rate-limited, and skipping updates the library cannot parse."""
    base_url = settings.telegram_base_url or DEFAULT_BASE_URL
    return TolerantBot(
        token=settings.telegram_bot_token or "",
        base_url=base_url,
        base_file_url=file_url(settings) if settings.telegram_base_url else DEFAULT_FILE_URL,
        request=HTTPXRequest(connection_pool_size=CONNECTIONS),
        get_updates_request=HTTPXRequest(connection_pool_size=1),
        rate_limiter=AIORateLimiter(max_retries=RATE_LIMIT_RETRIES),
    )


def file_url(settings: Settings) -> str:
    """TELEGRAM_BASE_FILE_URL, or derived from a self-hosted base URL (…/bot -> …/file/bot)."""
    if settings.telegram_base_file_url:
        return settings.telegram_base_file_url
    base = settings.telegram_base_url or ""
    root = base.removesuffix("/bot") if base.endswith("/bot") else base.rstrip("/")
    return f"{root}/file/bot"


def add_handlers(application: Application) -> None:
    private = filters.ChatType.PRIVATE
    new = filters.UpdateType.MESSAGE  # an edited question is not asked again
    application.add_handler(TypeHandler(Update, handlers.reject_unlisted_chat), group=-1)
    for name, callback in (
        ("start", handlers.start),
        ("help", handlers.show_help),
        ("ask", handlers.ask_command),
        ("clause", handlers.show_clause),
        ("docs", handlers.list_documents),
        ("new", handlers.new_conversation),
    ):
        application.add_handler(CommandHandler(name, callback, filters=new))
    pattern = f"^{CLAUSE_CALLBACK_PREFIX}"
    application.add_handler(CallbackQueryHandler(handlers.show_cited_clause, pattern=pattern))
    text = new & filters.TEXT & ~filters.COMMAND
    application.add_handler(MessageHandler(text, handlers.text_message))
    application.add_handler(
        MessageHandler(new & private & filters.COMMAND, handlers.unknown_command)
    )
    media = filters.PHOTO | filters.VIDEO | filters.VOICE | filters.AUDIO | filters.Document.ALL
    media = media | filters.Sticker.ALL
    application.add_handler(MessageHandler(new & private & media, handlers.not_text))
    application.add_error_handler(handlers.report_error)


async def register_commands(application: Application) -> None:
    """Publish the command menu (post_init)."""
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])
