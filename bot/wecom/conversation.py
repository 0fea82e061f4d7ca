"""What the WeCom bots say: commands, clause look-ups and answers, shared by both modes.

Everything here is synchronous (the answer service is): callers run it in a thread.
"""

from __future__ import annotations

import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.wecom import render
from rag.protocol import AnswerService, PartialText
from rag.records import Answer
from rag.text.edge import clean_user_text

log = logging.getLogger(__name__)

WELCOME = (
    "您好，我是政策问答助手。直接提问即可，例如：\n"
    "· 日照市新设创投机构最高奖励多少？\n"
    "· 原文 日照 14 （查看某文件第14条原文）\n"
    "回答均附原文出处。发送「帮助」查看用法，「新对话」重新开始。"
)
HELP = (
    "用法：\n"
    "· 直接提问，如「日照对孵化器有什么支持？」，可接着追问「那新设立的创投机构呢？」\n"
    "· 「原文 文件名或关键词 条号」查看条款全文，如「原文 日照 14」\n"
    "· 「新对话」清除上下文重新开始\n"
    "回答只依据已收录的政策文件，并给出原文、文件、发文单位、日期和条号。"
)
RESET_DONE = "好的，已开始新的对话。"
TEXT_ONLY = "目前只能回答文字问题，请直接输入您的问题。"
FAILED = "抱歉，处理这个问题时出错了，请稍后再试。"
_CLAUSE_COMMAND = re.compile(r"^\s*原文\s+(?P<doc>.+?)\s+第?(?P<number>[^\s条]+)条?\s*$")
_HELP_WORDS = frozenset({"帮助", "help", "/help", "?", "？", "菜单"})
_RESET_WORDS = frozenset({"新对话", "重置", "清除", "/reset", "/new"})
_MENTION = re.compile(r"(?:^|(?<=\s))@\S+\s*")

K = TypeVar("K")
V = TypeVar("V")


def strip_mentions(text: str) -> str:
    """'@政策助手 日照…' -> '日照…' (an @ inside an e-mail address is kept)."""
    return _MENTION.sub("", text).strip()


@dataclass(frozen=True)
class Reply:
    """A finished reply in both renderings (the channel picks one)."""

    text: str
    markdown: str


def _fixed(text: str) -> Reply:
    return Reply(text=text, markdown=render.escape_markdown(text))


class Conversation:
    """Turns one user message into a reply through the answer service."""

    def __init__(self, service: AnswerService) -> None:
        self.service = service

    def reply(
        self, text: str, session_id: str, on_draft: Callable[[str], None] | None = None
    ) -> Reply:
        try:
            return self._reply(clean_user_text(text).strip(), session_id, on_draft)
        except Exception:  # one bad question must not kill the bot; the log has the trace
            log.exception("wecom: answering %r failed", text[:200])
            return _fixed(FAILED)

    def _reply(self, text: str, session_id: str, on_draft: Callable[[str], None] | None) -> Reply:
        if not text or text.lower() in _HELP_WORDS:
            return _fixed(HELP)
        if text in _RESET_WORDS:
            self.service.reset_session(session_id)
            return _fixed(RESET_DONE)
        command = _CLAUSE_COMMAND.match(text)
        if command is not None:
            found = self._clause_reply(command["doc"], command["number"])
            if found is not None:
                return found
            text = f"{command['doc']}第{command['number']}条原文"  # the service's own form
        answer = self._answer(text, session_id, on_draft)
        return Reply(text=render.render_text(answer), markdown=render.render_markdown(answer))

    def _clause_reply(self, doc_ref: str, number: str) -> Reply | None:
        """'原文 若干政策 14' -> that clause in full, when the reference is unambiguous."""
        clause = self.service.find_clause(doc_ref, number)
        document = self.service.find_document(clause.doc_id) if clause else None
        if clause is None or document is None:
            return None
        return Reply(
            text=render.render_clause_text(document, clause),
            markdown=render.render_clause_markdown(document, clause),
        )

    def _answer(self, text: str, session_id: str, on_draft: Callable[[str], None] | None) -> Answer:
        if on_draft is None:
            return self.service.ask(text, session_id=session_id)
        final: Answer | None = None
        for event in self.service.ask_stream(text, session_id=session_id):
            if isinstance(event, PartialText):
                on_draft(event.text)
            else:
                final = event
        if final is None:
            raise RuntimeError("ask_stream ended without an Answer")
        return final


class RecentMap(Generic[K, V]):
    """A small insertion-ordered map that forgets entries after `ttl` seconds."""

    def __init__(self, ttl: float, max_items: int = 10_000) -> None:
        self.ttl = ttl
        self.max_items = max_items
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        self._expire()
        item = self._items.get(key)
        return item[1] if item else None

    def put(self, key: K, value: V) -> None:
        self._expire()
        self._items[key] = (time.monotonic(), value)
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)

    def _expire(self) -> None:
        cutoff = time.monotonic() - self.ttl
        while self._items and next(iter(self._items.values()))[0] < cutoff:
            self._items.popitem(last=False)
