"""Render answers for WeCom: plain text for app messages, markdown for the AI bot.

WeCom caps messages in UTF-8 *bytes* (a CJK character is 3 bytes), so splitting counts
bytes and cuts at sentence boundaries; a single over-long sentence is cut at a character
boundary as a last resort. Quotes are shown verbatim (citations are data).
"""

from __future__ import annotations

import re

from rag.records import Answer, Citation, Clause, Document

APP_MESSAGE_BYTES = 2048  # text/markdown content of message/send and passive replies
STREAM_BYTES = 20480  # AI-bot stream content
PART_MARK_RESERVE = 16  # room for a "(12/12) " prefix
_SENTENCE = re.compile("[^。！？；!?;\\n]*(?:[。！？；!?;]+[」』”’）)]*|\\n|$)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_])")
UNVERIFIED = "（提示：此回答的引用未能逐字核对，请以原文为准。）"
SOURCES_HEADING = "来源："
TRUNCATED_NOTE = "\n\n（内容过长，已截断。发送「原文 文件名 条号」可查看整条原文。）"


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def sentences(text: str) -> list[str]:
    """Sentence-sized pieces that concatenate back to `text` exactly."""
    return [piece for piece in _SENTENCE.findall(text) if piece]


def _cut_at_bytes(text: str, cap: int) -> list[str]:
    """Pieces of at most `cap` bytes, never splitting a character."""
    pieces: list[str] = []
    while utf8_len(text) > cap:
        cut = len(text.encode("utf-8")[:cap].decode("utf-8", errors="ignore"))
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text] if text else pieces


def split_bytes(text: str, cap: int) -> list[str]:
    """Greedy packing of whole sentences into chunks of at most `cap` UTF-8 bytes."""
    chunks: list[str] = []
    current = ""
    for sentence in sentences(text):
        for piece in _cut_at_bytes(sentence, cap):
            if utf8_len(current + piece) > cap:
                chunks.append(current)
                current = ""
            current += piece
    chunks.append(current)
    return [chunk.strip() for chunk in chunks if chunk.strip()]


def split_message(text: str, cap: int = APP_MESSAGE_BYTES) -> list[str]:
    """Messages under `cap` bytes, numbered "(i/n)" when there is more than one."""
    if utf8_len(text) <= cap:
        return [text]
    parts = split_bytes(text, cap - PART_MARK_RESERVE)
    return [f"({i}/{len(parts)}) {part}" for i, part in enumerate(parts, 1)]


def fit_bytes(text: str, cap: int = STREAM_BYTES, note: str = TRUNCATED_NOTE) -> str:
    """`text` if it fits, else its leading sentences plus a note saying it was cut."""
    if utf8_len(text) <= cap:
        return text
    return split_bytes(text, cap - utf8_len(note))[0] + note


def _source_line(citation: Citation) -> str:
    where = " · ".join(part for part in (citation.issuer, citation.date) if part)
    return f"《{citation.title}》{citation.clause}" + (f"（{where}）" if where else "")


def _unquoted(answer: Answer) -> list[tuple[int, Citation]]:
    """Citations whose quote the answer text does not already show (LLM wording)."""
    return [(n, c) for n, c in enumerate(answer.citations, 1) if c.quote not in answer.answer]


def render_text(answer: Answer) -> str:
    """Plain text: the answer (fact and verbatim quotes with [n]), then the numbered sources."""
    lines = [answer.answer.strip()]
    if not answer.verified:
        lines.append(UNVERIFIED)
    if answer.citations:
        lines.append("\n" + SOURCES_HEADING)
        lines.extend(f"[{n}] {_source_line(c)}" for n, c in enumerate(answer.citations, 1))
        lines.extend(f"[{n}] 原文：「{c.quote}」" for n, c in _unquoted(answer))
    return "\n".join(lines)


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _quote_block(text: str) -> str:
    return "\n".join(f"> {escape_markdown(line)}" for line in text.splitlines() if line.strip())


def _markdown_line(line: str, direct: str | None) -> str:
    """Verbatim quotes as block quotes, the direct fact in bold."""
    if line.startswith("“"):
        return _quote_block(line)
    if direct and line.startswith(direct):
        return f"**{escape_markdown(direct)}**{escape_markdown(line[len(direct) :])}"
    return escape_markdown(line)


def render_markdown(answer: Answer) -> str:
    """Markdown for the AI bot: the fact in bold, quotes as block quotes, numbered sources."""
    direct = None if answer.refused else answer.direct
    lines = [_markdown_line(line, direct) for line in answer.answer.strip().splitlines()]
    parts = ["\n".join(line for line in lines if line)]
    if not answer.verified:
        parts.append(f"*{UNVERIFIED}*")
    if answer.citations:
        sources = [
            f"- [{n}] {escape_markdown(_source_line(c))}" for n, c in enumerate(answer.citations, 1)
        ]
        parts.append(f"**{SOURCES_HEADING}**\n" + "\n".join(sources))
        parts.extend(f"[{n}]\n{_quote_block(c.quote)}" for n, c in _unquoted(answer))
    return fit_bytes("\n\n".join(parts))


def render_draft_markdown(draft: str) -> str:
    """An unverified streamed draft, labelled as such until the verified answer replaces it."""
    return fit_bytes(escape_markdown(draft.strip()) + "\n\n*（生成中，正在核对引用…）*")


def render_clause_text(document: Document, clause: Clause) -> str:
    """A clause in full with where it stands (the answer to "原文 <文件> 14")."""
    where = " · ".join(part for part in (document.issuer, document.date) if part)
    header = f"《{document.title}》{clause.label}" + (f"\n{where}" if where else "")
    return f"{header}\n\n{clause.text}"


def render_clause_markdown(document: Document, clause: Clause) -> str:
    where = " · ".join(part for part in (document.issuer, document.date) if part)
    header = f"**《{escape_markdown(document.title)}》{escape_markdown(clause.label)}**"
    lines = [header, escape_markdown(where)] if where else [header]
    return fit_bytes("\n".join(lines) + "\n\n" + _quote_block(clause.text))
