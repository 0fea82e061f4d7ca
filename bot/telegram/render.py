"""Telegram rendering: answers, clauses and corpus listings as HTML messages with buttons."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.telegram.layout import (
    MESSAGE_LIMIT,
    Block,
    escape,
    format_block,
    pack,
    split_text,
    utf16_len,
)
from rag.protocol import Examples
from rag.records import Answer, Citation, Clause, Document

CALLBACK_DATA_LIMIT = 64  # Bot API: bytes
CLAUSE_CALLBACK_PREFIX = "clause:"


@dataclass(frozen=True)
class Button:
    label: str
    callback_data: str


@dataclass(frozen=True)
class Rendered:
    """Messages to send in order; the buttons belong under the last one."""

    messages: tuple[str, ...]
    buttons: tuple[Button, ...] = ()


def clause_button(number: int, clause_id: str) -> Button | None:
    """The "查看原文 [n]" button, or None when the id would not fit Telegram's 64 bytes."""
    data = f"{CLAUSE_CALLBACK_PREFIX}{clause_id}"
    if len(data.encode("utf-8")) > CALLBACK_DATA_LIMIT:
        return None
    return Button(f"查看原文 [{number}]", data)


def clause_id_from_callback(data: str | None) -> str | None:
    if not data or not data.startswith(CLAUSE_CALLBACK_PREFIX):
        return None
    return data.removeprefix(CLAUSE_CALLBACK_PREFIX) or None


def source_line(title: str, city: str | None, issuer: str | None, date: str | None) -> str:
    details = " · ".join(part for part in (city, issuer, date) if part)
    return f"《{title}》" + (f"（{details}）" if details else "")


def citation_lines(citations: Sequence[Citation]) -> list[Block]:
    blocks = [Block("来源", "bold")]
    for number, cite in enumerate(citations, start=1):
        line = f"[{number}] {source_line(cite.title, cite.city, cite.issuer, cite.date)}"
        blocks.append(Block(f"{line}\n　　{cite.clause}", tight=True))
    return blocks


# A line of the answer that is a verbatim quote: optional label ("某市:"), “quote”, [n] markers.
_QUOTE_LINE = re.compile(r"(?P<label>[^“\n]{0,20}?)“(?P<quote>.+)”(?P<marks>(?:\s*\[\d+\])*)\s*")
_MARKS = re.compile(r"(?:\s*\[\d+\])+\s*$")


def _line_blocks(line: str, direct: str | None, quotes: set[str], shown: set[str]) -> list[Block]:
    match = _QUOTE_LINE.fullmatch(line)
    if match and match.group("quote") in quotes:
        shown.add(match.group("quote"))
        quote = Block(match.group("quote") + match.group("marks"), "quote")
        label = match.group("label").strip().rstrip(":：")
        return [Block(label, "bold"), Block(quote.text, "quote", tight=True)] if label else [quote]
    if direct and _is_direct(Block(line, "bold"), direct):
        return [Block(line, "bold")]
    return [Block(line)]


def _is_direct(block: Block, direct: str) -> bool:
    return block.style == "bold" and _MARKS.sub("", block.text).strip() == direct.strip()


def answer_blocks(answer: Answer) -> list[Block]:
    """The answer line by line (the direct fact in bold, verbatim quotes as block quotes), any
    cited quote the text did not show, then the numbered sources."""
    direct = None if answer.refused else answer.direct
    quotes = {cite.quote for cite in answer.citations}
    shown: set[str] = set()
    blocks: list[Block] = []
    for line in filter(None, (line.strip() for line in answer.answer.splitlines())):
        blocks.extend(_line_blocks(line, direct, quotes, shown))
    if direct and not any(_is_direct(block, direct) for block in blocks):
        blocks.insert(0, Block(direct, "bold"))
    for number, cite in enumerate(answer.citations, start=1):
        if cite.quote not in shown:
            shown.add(cite.quote)
            blocks.append(Block(f"{cite.quote} [{number}]", "quote"))
    if answer.citations:
        blocks.extend(citation_lines(answer.citations))
    if not answer.verified:
        blocks.append(Block("（该回答未通过引用核对，请以原文为准。）", "italic"))
    return blocks


def render_answer(answer: Answer, limit: int = MESSAGE_LIMIT) -> Rendered:
    buttons: list[Button] = []
    seen: set[str] = set()
    for number, cite in enumerate(answer.citations, start=1):
        button = clause_button(number, cite.clause_id)
        if button and cite.clause_id not in seen:
            seen.add(cite.clause_id)
            buttons.append(button)
    return Rendered(pack(answer_blocks(answer), limit), tuple(buttons))


def render_clause(
    clause: Clause, document: Document | None, limit: int = MESSAGE_LIMIT
) -> Rendered:
    """The full clause text, under its document and location."""
    blocks: list[Block] = []
    if document is not None:
        source = source_line(document.title, document.city, document.issuer, document.date)
        blocks.append(Block(source, "bold"))
    if clause.label:
        blocks.append(Block(clause.label, "italic", tight=document is not None))
    blocks.append(Block(clause.text))
    return Rendered(pack(blocks, limit))


def render_documents(documents: Sequence[Document], limit: int = MESSAGE_LIMIT) -> Rendered:
    if not documents:
        return Rendered(pack([Block("还没有收录任何政策文件。")], limit))
    blocks = [Block(f"已收录 {len(documents)} 份政策文件：", "bold")]
    for number, doc in enumerate(documents, start=1):
        status = (
            "（征求意见稿）" if doc.status == "征求意见稿" and "征求意见稿" not in doc.title else ""
        )
        line = f"{number}. {source_line(doc.title, doc.city, doc.issuer, doc.date)}{status}"
        blocks.append(Block(line))
        blocks.append(Block(doc.doc_id, "code", tight=True))
    blocks.append(
        Block("查看某一条原文：/clause <文档编号> <条号>，例如 /clause <编号> 3", "italic")
    )
    return Rendered(pack(blocks, limit))


def _cities(documents: Sequence[Document]) -> list[str]:
    return sorted({doc.city for doc in documents if doc.city})


def render_start(
    documents: Sequence[Document], examples: Examples, limit: int = MESSAGE_LIMIT
) -> Rendered:
    """Greeting: what the bot answers, what is indexed, and an example question."""
    covered = "、".join(_cities(documents)) or "（无）"
    titles = "\n".join(f"· 《{doc.title}》" for doc in documents) or "（还没有收录文件）"
    blocks = [
        Block("您好！我是政策问答机器人。", "bold"),
        Block(
            "我只根据已收录的政策文件原文回答：给出结论、逐字引用的条款原文，"
            "以及文件、发文机关、日期和条款编号。原文没有写的，我会直接说明查不到。"
        ),
        Block(f"覆盖城市：{covered}"),
        Block(f"已收录 {len(documents)} 份文件：", tight=True),
        Block(titles, tight=True),
    ]
    if examples.question:
        blocks += [Block("可以这样问：", "bold"), Block(examples.question, "italic", tight=True)]
    blocks.append(Block("更多用法见 /help。"))
    return Rendered(pack(blocks, limit))


def help_text(examples: Examples) -> str:
    """The commands, with examples built from the index when it has them."""
    lines = [
        "直接发送问题即可（群聊中请 @我、回复我的消息或使用 /ask）。",
        "/ask <问题> 提问",
        "/clause <文档> <条号> 查看某一条的完整原文",
        "/docs 已收录的文件",
        "/new 开始新的对话（忘记上下文）",
        "/help 本帮助",
        "",
    ]
    if examples.question:
        lines.append(f"例如：{examples.question}")
    if clause_usage := clause_example(examples):
        lines.append(f"查看原文，例如：{clause_usage}")
    lines.append(
        "追问时可以省略城市和文件（沿用上一个问题的）。点击答案下方的“查看原文”按钮可查看整条原文。"
    )
    return "\n".join(lines)


def clause_example(examples: Examples) -> str | None:
    """A /clause command that the index answers, or None."""
    if examples.document and examples.clause_number:
        return f"/clause {examples.document} {examples.clause_number}"
    return None


def render_help(examples: Examples, limit: int = MESSAGE_LIMIT) -> Rendered:
    blocks = [Block("使用说明", "bold"), Block(help_text(examples), tight=True)]
    return Rendered(pack(blocks, limit))


DRAFT_NOTE = "（草稿生成中，核对引用后将替换为正式答案…）"


def render_draft(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """One message showing the start of an unverified draft, clearly marked as a draft."""
    note = format_block(DRAFT_NOTE, "italic")
    pieces = split_text(text.strip(), limit - utf16_len(note) - 4)
    if not pieces:
        return ""
    more = "…" if len(pieces) > 1 else ""
    return f"{escape(pieces[0].strip())}{more}\n\n{note}"


def render_notice(text: str) -> Rendered:
    """A short plain message (errors, rate limits, bad input)."""
    return Rendered(pack([Block(text)]))
