"""Sending rendered messages: replies, the typing indicator, streamed drafts."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TypeVar

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.telegram.render import Button, Rendered, render_answer, render_draft
from rag.protocol import AnswerService, PartialText
from rag.records import Answer

logger = logging.getLogger("policybot.telegram")
TYPING_REFRESH_SECONDS = 4.5  # Telegram shows "typing…" for 5 s per chat action
BUTTONS_PER_ROW = 2
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
E = TypeVar("E")


def keyboard(buttons: tuple[Button, ...]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    rows = [
        [
            InlineKeyboardButton(b.label, callback_data=b.callback_data)
            for b in buttons[i : i + BUTTONS_PER_ROW]
        ]
        for i in range(0, len(buttons), BUTTONS_PER_ROW)
    ]
    return InlineKeyboardMarkup(rows)


async def reply_rendered(
    message: Message,
    rendered: Rendered,
    *,
    quote: bool | None = None,
    replace: Message | None = None,
) -> None:
    """Send the messages in order (buttons under the last); the first may replace a draft."""
    quote = message.chat.type != ChatType.PRIVATE if quote is None else quote
    markup = keyboard(rendered.buttons)
    last = len(rendered.messages) - 1
    for index, text in enumerate(rendered.messages):
        buttons = markup if index == last else None
        if index == 0 and replace is not None and await _replaced(replace, text, buttons):
            continue
        await message.reply_text(
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=buttons,
            do_quote=quote,
            link_preview_options=NO_PREVIEW,
        )


async def _replaced(draft: Message, text: str, buttons: InlineKeyboardMarkup | None) -> bool:
    """Edit the draft into the final text; if Telegram refuses (e.g. the user deleted it),
    remove what is left so no unverified draft stays, and let the caller send anew."""
    try:
        await draft.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=buttons)
    except BadRequest as error:
        logger.info("could not replace the draft (%s); sending the answer anew", error)
        await _delete_quietly(draft)
        return False
    return True


async def _delete_quietly(message: Message) -> None:
    with contextlib.suppress(TelegramError):
        await message.delete()


@contextlib.asynccontextmanager
async def typing_indicator(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat until the block ends."""

    async def keep_typing() -> None:
        with contextlib.suppress(TelegramError):
            while True:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
                await asyncio.sleep(TYPING_REFRESH_SECONDS)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def answer_with_drafts(
    message: Message,
    service: AnswerService,
    question: str,
    session: str,
    interval: float,
) -> None:
    """Stream unverified drafts into one placeholder (edits ≥ `interval` apart), then replace it
    with the verified answer. Without an LLM the stream is just the final Answer."""
    placeholder: Message | None = None
    shown, last_edit = "", 0.0
    final: Answer | None = None
    try:
        async for event in iterate_in_thread(service.ask_stream, question, session):
            if isinstance(event, Answer):
                final = event
                continue
            draft = render_draft(event.text) if isinstance(event, PartialText) else ""
            if not draft or draft == shown or time.monotonic() - last_edit < interval:
                continue
            placeholder = await _show_draft(message, placeholder, draft)
            shown, last_edit = draft, time.monotonic()
        if final is None:
            raise RuntimeError("answer stream ended without a final Answer")
    except Exception:
        if placeholder is not None:  # never leave an unverified draft behind
            await _delete_quietly(placeholder)
        raise
    await reply_rendered(message, render_answer(final), replace=placeholder)


async def _show_draft(message: Message, placeholder: Message | None, draft: str) -> Message:
    if placeholder is None:
        quote = message.chat.type != ChatType.PRIVATE
        return await message.reply_text(draft, parse_mode=ParseMode.HTML, do_quote=quote)
    try:
        edited = await placeholder.edit_text(draft, parse_mode=ParseMode.HTML)
    except BadRequest as error:  # a draft is best effort; the final answer is what counts
        logger.info("draft edit skipped: %s", error)
        return placeholder
    return edited if isinstance(edited, Message) else placeholder


_DONE = object()


async def iterate_in_thread(
    produce: Callable[[str, str], Iterator[E]], question: str, session: str
) -> AsyncIterator[E]:
    """Run a blocking iterator in a worker thread; yield its items on the event loop."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[object, BaseException | None]] = asyncio.Queue()

    def run() -> None:
        try:
            for item in produce(question, session):
                loop.call_soon_threadsafe(queue.put_nowait, (item, None))
        except BaseException as error:
            loop.call_soon_threadsafe(queue.put_nowait, (_DONE, error))
        else:
            loop.call_soon_threadsafe(queue.put_nowait, (_DONE, None))

    worker = asyncio.create_task(asyncio.to_thread(run))
    while True:
        item, error = await queue.get()
        if error is not None:
            raise error
        if item is _DONE:
            break
        yield item  # type: ignore[misc]
    await worker
