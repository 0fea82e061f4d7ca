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
from rag.protocol import AnswerService, Examples, PartialText
from rag.records import Answer
from rag.text.edge import clean_user_text

log = logging.getLogger(__name__)


def welcome_text(examples: Examples) -> str:
    """The greeting, with an example question and clause reference built from the index."""
    lines = ["您好，我是政策问答助手。直接提问即可" + ("，例如：" if examples.question else "。")]
    if examples.question:
        lines.append(f"· {examples.question}")
    if reference := clause_command(examples):
        lines.append(f"· {reference} （查看某文件第{examples.clause_number}条原文）")
    lines.append("回答均附原文出处。发送「帮助」查看用法，「新对话」重新开始。")
    return "\n".join(lines)


def help_text(examples: Examples) -> str:
    """How to ask, look up a clause and start over; the examples come from the index."""
    asked = f"，如「{examples.question}」" if examples.question else ""
    reference = clause_command(examples)
    shown = f"，如「{reference}」" if reference else ""
    return (
        "用法：\n"
        f"· 直接提问{asked}，可接着追问（省略的城市和文件沿用上一个问题的）\n"
        f"· 「原文 文件名或关键词 条号」查看条款全文{shown}\n"
        "· 「新对话」清除上下文重新开始\n"
        "回答只依据已收录的政策文件，并给出原文、文件、发文单位、日期和条号。"
    )


def clause_command(examples: Examples) -> str | None:
    """A "原文 <文件> <条号>" message the index answers, or None."""
    if examples.document and examples.clause_number:
        return f"原文 {examples.document} {examples.clause_number}"
    return None


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
    """'@政策助手 某市…' -> '某市…' (an @ inside an e-mail address is kept)."""
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

    def welcome(self) -> str:
        return welcome_text(self.service.examples())

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
            return _fixed(help_text(self.service.examples()))
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
        """'原文 <文件> 14' -> that clause in full, when the reference is unambiguous."""
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
