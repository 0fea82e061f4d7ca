"""Telegram handlers: one small coroutine per intent, all talking to the AnswerService."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import Chat, Message, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.telegram.delivery import answer_with_drafts, reply_rendered, typing_indicator
from bot.telegram.limits import UserRateLimiter, question_problem, strip_mention
from bot.telegram.render import (
    clause_example,
    clause_id_from_callback,
    render_clause,
    render_documents,
    render_help,
    render_notice,
    render_start,
)
from rag.protocol import AnswerService
from rag.text.edge import clean_user_text

logger = logging.getLogger("policybot.telegram")
DEPS_KEY = "policybot"
SORRY = "抱歉，处理您的消息时出错了，请稍后再试。"


@dataclass(frozen=True)
class BotDeps:
    """Everything the handlers need, stored once in `application.bot_data[DEPS_KEY]`."""

    service: AnswerService
    limiter: UserRateLimiter
    max_question_chars: int
    allowed_chats: frozenset[int] = frozenset()
    draft_interval: float = 1.0  # seconds between edits of a streamed draft


def deps(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    return context.bot_data[DEPS_KEY]


def session_id(chat: Chat) -> str:
    """One conversation per chat (a group shares one)."""
    return f"tg:{chat.id}"


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet: what the bot answers, what is indexed, an example question."""
    service = deps(context).service
    documents = await asyncio.to_thread(service.documents)
    examples = await asyncio.to_thread(service.examples)
    await reply_rendered(_message(update), render_start(documents, examples))


async def show_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain the commands."""
    examples = await asyncio.to_thread(deps(context).service.examples)
    await reply_rendered(_message(update), render_help(examples))


async def list_documents(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the indexed documents with their ids for /clause."""
    documents = await asyncio.to_thread(deps(context).service.documents)
    await reply_rendered(_message(update), render_documents(documents))


async def new_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forget this chat's conversation so the next question starts afresh."""
    message = _message(update)
    await asyncio.to_thread(deps(context).service.reset_session, session_id(message.chat))
    await reply_rendered(message, render_notice("好的，已开始新的对话，之前的上下文已清除。"))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the question written after /ask."""
    message = _message(update)
    parts = (message.text or "").split(maxsplit=1)
    await answer_question(update, context, parts[1] if len(parts) > 1 else "")


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a private message; in groups only when mentioned or replied to."""
    message = _message(update)
    question = _question_for_bot(message, context)
    if question is not None:
        await answer_question(update, context, question)


async def show_clause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/clause <doc> <number>: the exact text of one clause."""
    message, service = _message(update), deps(context).service
    args = context.args or []
    if len(args) < 2:
        example = clause_example(await asyncio.to_thread(service.examples))
        usage = "用法：/clause <文档> <条号>" + (f"，例如 {example}" if example else "")
        usage += "。文档编号见 /docs。"
        await reply_rendered(message, render_notice(usage))
        return
    doc_ref, number = clean_user_text(" ".join(args[:-1])), clean_user_text(args[-1])
    clause = await asyncio.to_thread(service.find_clause, doc_ref, number)
    if clause is None:
        document = await asyncio.to_thread(service.find_document, doc_ref)
        text = (
            f"《{document.title}》中没有编号为“{number}”的条款。"
            if document
            else f"没有找到文件“{doc_ref}”，请用 /docs 查看文档编号。"
        )
        await reply_rendered(message, render_notice(text))
        return
    document = await asyncio.to_thread(service.find_document, clause.doc_id)
    await reply_rendered(message, render_clause(clause, document))


async def show_cited_clause(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "查看原文 [n]" button: send the full clause under the answer."""
    query, service = update.callback_query, deps(context).service
    assert query is not None
    clause_id = clause_id_from_callback(query.data)
    clause = await asyncio.to_thread(service.clause, clause_id) if clause_id else None
    if clause is None:
        await query.answer("这条原文已不在当前索引中，请重新提问。", show_alert=True)
        return
    await query.answer()
    document = await asyncio.to_thread(service.find_document, clause.doc_id)
    if isinstance(query.message, Message):
        await reply_rendered(query.message, render_clause(clause, document), quote=True)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point a private user who typed an unknown command at /help."""
    await reply_rendered(_message(update), render_notice("没有这个命令。可用的命令见 /help。"))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say politely that only text questions are understood."""
    await reply_rendered(_message(update), render_notice("目前只能回答文字提问，请直接输入问题。"))


async def reject_unlisted_chat(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop every update from a chat outside TELEGRAM_ALLOWED_CHATS."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    chat, allowed = update.effective_chat, deps(context).allowed_chats
    if not allowed or chat.id in allowed:
        return
    logger.info("ignored update from chat %s (not in TELEGRAM_ALLOWED_CHATS)", chat.id)
    if chat.type == Chat.PRIVATE and update.effective_message:
        notice = render_notice("抱歉，这个机器人只在授权的会话中提供服务。")
        await reply_rendered(update.effective_message, notice)
    raise ApplicationHandlerStop


async def report_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception; tell the user something went wrong, without details."""
    logger.error("Telegram update failed: %r", update, exc_info=context.error)
    chat = update.effective_chat if isinstance(update, Update) else None
    if chat is None:
        return
    try:
        await context.bot.send_message(chat.id, SORRY)
    except TelegramError:
        logger.warning("could not tell chat %s about the error", chat.id)


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
) -> None:
    """Check the question and the user's rate, then stream the verified answer."""
    message, bot_deps = _message(update), deps(context)
    question = clean_user_text(question)
    if problem := question_problem(question, bot_deps.max_question_chars):
        await reply_rendered(message, render_notice(problem))
        return
    user_id = update.effective_user.id if update.effective_user else message.chat.id
    if wait := bot_deps.limiter.wait_seconds(user_id):
        notice = (
            f"您提问有点频繁，请 {wait} 秒后再问。每分钟最多 {bot_deps.limiter.per_minute} 个问题。"
        )
        await reply_rendered(message, render_notice(notice))
        return
    async with typing_indicator(context.bot, message.chat.id):
        await answer_with_drafts(
            message,
            bot_deps.service,
            question.strip(),
            session_id(message.chat),
            bot_deps.draft_interval,
        )


def _question_for_bot(message: Message, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    text = message.text or ""
    if message.chat.type == Chat.PRIVATE:
        return text
    stripped = strip_mention(text, context.bot.username)
    if stripped is not None:
        return stripped
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == context.bot.id:
        return text
    return None


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None, "handler registered for message updates only"
    return message
