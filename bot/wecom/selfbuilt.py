"""Self-built app (自建应用) callback: encrypted XML in, one answer out per MsgId.

WeCom drops a callback that gets no 200 within 5 s and retries it (3 tries in all). So
the answer is computed in a background task; the request waits at most `reply_budget`
seconds for it and replies passively, else it returns an empty 200 and the task pushes
the answer through message/send when done. Retries of a MsgId join the first attempt
instead of asking again; without push credentials a retry may still carry the answer.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Literal

from bot.wecom import envelope, render
from bot.wecom.api_client import WeComApiClient
from bot.wecom.conversation import TEXT_ONLY, Conversation, RecentMap, Reply
from bot.wecom.gate import CallbackGate
from bot.wecom.push import RetryPolicy, push_parts
from bot.wecom.tasks import TaskGroup

log = logging.getLogger(__name__)

Delivery = Literal["waiting", "passive", "push", "undelivered"]
MEDIA_TYPES = frozenset({"image", "voice", "video", "file", "location", "link"})
NO_PUSH_NOTE = (
    "\n\n（回答较长，仅显示开头。管理员配置 WECOM_SECRET 与 WECOM_AGENT_ID 后可发送全文。）"
)


@dataclass
class _Pending:
    """One MsgId's answer and how it reached (or will reach) the user."""

    task: asyncio.Task[Reply]
    delivery: Delivery = "waiting"
    push_started: bool = field(default=False)


class SelfBuiltApp:
    def __init__(
        self,
        gate: CallbackGate[envelope.AppMessage],
        conversation: Conversation,
        corp_id: str,
        api: WeComApiClient | None,
        tasks: TaskGroup,
        *,
        reply_budget: float = 3.5,
        dedupe_seconds: float = 600.0,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.gate = gate
        self.conversation = conversation
        self.corp_id = corp_id
        self.api = api
        self.tasks = tasks
        self.reply_budget = reply_budget
        self.retry = retry or RetryPolicy()
        self._pending: RecentMap[str, _Pending] = RecentMap(ttl=dedupe_seconds)

    async def handle(self, msg_signature: str, timestamp: str, nonce: str, body: bytes) -> str:
        """An encrypted passive reply (XML) or "" (acknowledged, nothing to say now)."""
        message = self.gate.open(msg_signature, timestamp, nonce, body)
        if message.msg_type == "text":
            return await self._on_text(message, timestamp, nonce)
        if message.msg_type == "event" and message.event == "subscribe":
            welcome = await asyncio.to_thread(self.conversation.welcome)
            return self._passive(message, welcome, timestamp, nonce)
        if message.msg_type in MEDIA_TYPES:
            return self._passive(message, TEXT_ONLY, timestamp, nonce)
        return ""

    async def _on_text(self, message: envelope.AppMessage, timestamp: str, nonce: str) -> str:
        pending = self._pending.get(message.dedupe_key)
        if pending is None:
            pending = _Pending(task=self.tasks.spawn(self._compute(message)))
            pending.task.add_done_callback(lambda _: self._maybe_push(pending, message))
            self._pending.put(message.dedupe_key, pending)
        elif pending.delivery != "undelivered":
            log.info("wecom: retry of MsgId %s ignored (%s)", message.msg_id, pending.delivery)
            return ""
        return await self._deliver(pending, message, timestamp, nonce)

    async def _compute(self, message: envelope.AppMessage) -> Reply:
        session_id = f"wecom:{self.corp_id}:{message.from_user}"
        return await asyncio.to_thread(self.conversation.reply, message.content, session_id)

    async def _deliver(
        self, pending: _Pending, message: envelope.AppMessage, timestamp: str, nonce: str
    ) -> str:
        await asyncio.wait({pending.task}, timeout=self.reply_budget)
        if pending.delivery in ("passive", "push"):  # a concurrent retry got there first
            return ""
        if pending.task.done():
            text = pending.task.result().text
            if self.api is None:
                pending.delivery = "passive"
                return self._passive(
                    message,
                    render.fit_bytes(text, render.APP_MESSAGE_BYTES, NO_PUSH_NOTE),
                    timestamp,
                    nonce,
                )
            if render.utf8_len(text) <= render.APP_MESSAGE_BYTES:
                pending.delivery = "passive"
                return self._passive(message, text, timestamp, nonce)
        if self.api is None:
            pending.delivery = "undelivered"
            log.warning(
                "wecom: answer not ready in %.1fs and no push credentials", self.reply_budget
            )
            return ""
        pending.delivery = "push"
        self._maybe_push(pending, message)
        return ""

    def _maybe_push(self, pending: _Pending, message: envelope.AppMessage) -> None:
        """Start the push once, when the answer is ready and the request gave up waiting."""
        if pending.task.cancelled() or pending.push_started:
            return
        if pending.delivery == "push" and pending.task.done():
            pending.push_started = True
            self.tasks.spawn(self._push(message.from_user, pending.task.result().text))

    async def _push(self, user: str, text: str) -> None:
        assert self.api is not None
        parts = render.split_message(text, render.APP_MESSAGE_BYTES)
        await push_parts(self.api, user, parts, self.retry)

    def _passive(self, message: envelope.AppMessage, text: str, timestamp: str, nonce: str) -> str:
        reply = envelope.text_reply_xml(message.from_user, message.to_user or self.corp_id, text)
        return self.gate.seal(reply, timestamp, nonce)
