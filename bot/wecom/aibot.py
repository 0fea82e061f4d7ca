"""AI bot (智能机器人, API mode): encrypted JSON callbacks answered with a `stream`.

The first reply to a text message opens a stream; WeCom then polls with
{"msgtype":"stream","stream":{"id"}} and each poll gets the current full content until
`finish`. When no poll collects the finished answer within `fallback_after` seconds
(polls stop after about six minutes, or never came), the answer goes out once through
the message's `response_url` instead.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from dataclasses import dataclass
from typing import Any

import httpx

from bot.wecom import render
from bot.wecom.api_client import post_response_url
from bot.wecom.conversation import TEXT_ONLY, Conversation, RecentMap, strip_mentions
from bot.wecom.gate import CallbackGate
from bot.wecom.tasks import TaskGroup

log = logging.getLogger(__name__)

STREAM_WINDOW_SECONDS = 6 * 60 + 30  # WeCom polls a stream for up to six minutes
THINKING = "正在查找相关政策原文…"
EXPIRED = "这条回答已过期，请重新提问。"
SENT_SEPARATELY = "回答较晚完成，已作为单独消息发送。"
MAX_IN_FLIGHT = 3  # WeCom's rule: at most 3 messages per user being answered at once
WAIT_FOR_PREVIOUS = f"您已有 {MAX_IN_FLIGHT} 个问题正在回答中，请等前面的回答完成后再发送新的问题。"


@dataclass
class Stream:
    """One answer being streamed; `content` always holds the full current markdown."""

    stream_id: str
    response_url: str | None
    content: str = THINKING
    finish: bool = False
    collected: bool = False  # a reply with finish=true went out
    sent_separately: bool = False


class AiBot:
    def __init__(
        self,
        gate: CallbackGate[dict[str, Any]],
        conversation: Conversation,
        tasks: TaskGroup,
        http: httpx.AsyncClient,
        *,
        reply_budget: float = 1.0,
        fallback_after: float = 20.0,
    ) -> None:
        self.gate = gate
        self.conversation = conversation
        self.tasks = tasks
        self.http = http
        self.reply_budget = reply_budget
        self.fallback_after = fallback_after
        self._by_msgid: RecentMap[str, Stream] = RecentMap(ttl=STREAM_WINDOW_SECONDS)
        self._by_id: RecentMap[str, Stream] = RecentMap(ttl=STREAM_WINDOW_SECONDS)
        self._in_flight: dict[str, set[str]] = {}  # user -> ids of streams still answering

    async def handle(self, msg_signature: str, timestamp: str, nonce: str, body: bytes) -> str:
        """An encrypted JSON reply, or "" when there is nothing to say."""
        message = self.gate.open(msg_signature, timestamp, nonce, body)
        reply = await self._reply_for(message)
        return self._seal(reply, timestamp, nonce) if reply else ""

    async def _reply_for(self, message: dict[str, Any]) -> dict[str, Any] | None:
        msgtype = message.get("msgtype")
        if msgtype == "stream":
            return self._poll(str(_get(message, "stream", "id") or ""))
        if msgtype == "event":
            if _get(message, "event", "eventtype") == "enter_chat":
                welcome = await asyncio.to_thread(self.conversation.welcome)
                return {"msgtype": "text", "text": {"content": welcome}}
            return None
        question = _question(message)
        if question is None:
            return _stream_message(secrets.token_hex(8), render.escape_markdown(TEXT_ONLY), True)
        return await self._on_question(message, question)

    async def _on_question(self, message: dict[str, Any], question: str) -> dict[str, Any]:
        msgid = str(message.get("msgid") or secrets.token_hex(8))
        stream = self._by_msgid.get(msgid)
        if stream is not None:
            log.info("wecom aibot: retry of msgid %s joins stream %s", msgid, stream.stream_id)
            return self._stream_reply(stream)
        user = _user_key(message)
        answering = self._in_flight.setdefault(user, set())
        if len(answering) >= MAX_IN_FLIGHT:
            log.info("wecom aibot: %s has %d answers in flight, asked to wait", user, MAX_IN_FLIGHT)
            return _stream_message(secrets.token_hex(8), WAIT_FOR_PREVIOUS, True)
        stream = Stream(secrets.token_hex(12), message.get("response_url") or None)
        self._by_msgid.put(msgid, stream)
        self._by_id.put(stream.stream_id, stream)
        answering.add(stream.stream_id)
        task = self.tasks.spawn(self._answer(stream, question, _session_id(message)))
        task.add_done_callback(lambda _: self._release(user, stream.stream_id))
        await asyncio.wait({task}, timeout=self.reply_budget)
        return self._stream_reply(stream)

    def _release(self, user: str, stream_id: str) -> None:
        answering = self._in_flight.get(user, set())
        answering.discard(stream_id)
        if not answering:
            self._in_flight.pop(user, None)

    def _poll(self, stream_id: str) -> dict[str, Any]:
        stream = self._by_id.get(stream_id)
        if stream is None:
            return _stream_message(stream_id, EXPIRED, True)
        return self._stream_reply(stream)

    def _stream_reply(self, stream: Stream) -> dict[str, Any]:
        if stream.sent_separately:
            return _stream_message(stream.stream_id, SENT_SEPARATELY, True)
        if stream.finish:
            stream.collected = True
        return _stream_message(stream.stream_id, stream.content, stream.finish)

    async def _answer(self, stream: Stream, question: str, session_id: str) -> None:
        loop = asyncio.get_running_loop()

        def on_draft(text: str) -> None:
            loop.call_soon_threadsafe(_show_draft, stream, text)

        reply = await asyncio.to_thread(self.conversation.reply, question, session_id, on_draft)
        stream.content, stream.finish = reply.markdown, True
        self.tasks.spawn(self._fallback_unless_collected(stream))

    async def _fallback_unless_collected(self, stream: Stream) -> None:
        """Polls stop after ~6 minutes (or never come): then use the response_url once."""
        await asyncio.sleep(self.fallback_after)
        if not stream.collected:
            await self._send_separately(stream)

    async def _send_separately(self, stream: Stream) -> None:
        if not stream.response_url:
            log.warning("wecom aibot: stream %s never collected, no response_url", stream.stream_id)
            return
        stream.sent_separately = True  # before the await: a poll meanwhile must not repeat it
        try:
            await post_response_url(self.http, stream.response_url, stream.content)
            log.info("wecom aibot: stream %s sent through response_url", stream.stream_id)
        except Exception as error:  # network or errcode: a later poll may still collect it
            stream.sent_separately = False
            log.error("wecom aibot: response_url for %s failed: %s", stream.stream_id, error)

    def _seal(self, reply: dict[str, Any], timestamp: str, nonce: str) -> str:
        return self.gate.seal(json.dumps(reply, ensure_ascii=False), timestamp, nonce)


def _show_draft(stream: Stream, text: str) -> None:
    if not stream.finish:
        stream.content = render.render_draft_markdown(text)


def _get(message: dict[str, Any], outer: str, inner: str) -> Any:
    value = message.get(outer)
    return value.get(inner) if isinstance(value, dict) else None


def _question(message: dict[str, Any]) -> str | None:
    """The text of a text message, or of the text items of a mixed one; None otherwise."""
    if message.get("msgtype") == "text":
        return strip_mentions(str(_get(message, "text", "content") or ""))
    items = _get(message, "mixed", "msg_item")
    if message.get("msgtype") == "mixed" and isinstance(items, list):
        texts = [
            str(_get(item, "text", "content") or "") for item in items if isinstance(item, dict)
        ]
        joined = strip_mentions(" ".join(t for t in texts if t))
        return joined or None
    return None


def _user_key(message: dict[str, Any]) -> str:
    """Who the in-flight limit counts against: the user, across all chats with this bot."""
    return f"{message.get('aibotid') or 'bot'}:{_get(message, 'from', 'userid') or 'unknown'}"


def _session_id(message: dict[str, Any]) -> str:
    """Per user in single chats; per chat and user in groups (a group is many people)."""
    bot = message.get("aibotid") or "bot"
    user = _get(message, "from", "userid") or "unknown"
    if message.get("chattype") == "group" and message.get("chatid"):
        return f"wecom-aibot:{bot}:{message['chatid']}:{user}"
    return f"wecom-aibot:{bot}:{user}"


def _stream_message(stream_id: str, content: str, finish: bool) -> dict[str, Any]:
    return {"msgtype": "stream", "stream": {"id": stream_id, "finish": finish, "content": content}}
