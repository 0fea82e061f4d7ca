"""Telegram message layout: plain-text blocks -> HTML messages within the length limit.

Text is split *before* it is formatted, so no tag ever spans two messages, and every length
is counted in UTF-16 code units as Telegram counts them. Pure functions only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

MESSAGE_LIMIT = 4096  # Bot API: characters of text after entity parsing

Style = Literal["plain", "bold", "italic", "quote", "code"]
_TAGS: dict[Style, tuple[str, str]] = {
    "plain": ("", ""),
    "bold": ("<b>", "</b>"),
    "italic": ("<i>", "</i>"),
    "quote": ("<blockquote>", "</blockquote>"),
    "code": ("<code>", "</code>"),
}
# Preferred cut points, coarsest first: paragraphs, lines, sentences, phrases.
_CUT_LEVELS = (r"(?<=\n\n)", r"(?<=\n)", r"(?<=[。！？；!?;])", r"(?<=[，、,：:\s])")


@dataclass(frozen=True)
class Block:
    """A run of plain text with one style; `tight` joins it to the previous block by one newline."""

    text: str
    style: Style = "plain"
    tight: bool = False


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    """Escape for parse_mode=HTML: only <, > and & are special."""
    return html.escape(text, quote=False)


def _cost(text: str) -> int:
    return utf16_len(escape(text))


def split_text(text: str, budget: int, level: int = 0) -> list[str]:
    """Cut plain text into pieces whose escaped length fits `budget`, at the coarsest boundary."""
    if _cost(text) <= budget:
        return [text]
    if level == len(_CUT_LEVELS):
        return _hard_cut(text, budget)
    pieces: list[str] = []
    current = ""
    for part in filter(None, re.split(_CUT_LEVELS[level], text)):
        if _cost(current + part) <= budget:
            current += part
            continue
        if current:
            pieces.append(current)
        current = ""
        if _cost(part) <= budget:
            current = part
        else:
            pieces.extend(split_text(part, budget, level + 1))
    if current:
        pieces.append(current)
    return pieces


def _hard_cut(text: str, budget: int) -> list[str]:
    pieces, current, used = [], "", 0
    for char in text:
        cost = _cost(char)
        if used + cost > budget:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += cost
    return [*pieces, current] if current else pieces


def format_block(text: str, style: Style) -> str:
    opening, closing = _TAGS[style]
    return f"{opening}{escape(text)}{closing}"


def pack(blocks: Iterable[Block], limit: int = MESSAGE_LIMIT) -> tuple[str, ...]:
    """Split each block to fit, format the pieces, then fill messages up to `limit`."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        opening, closing = _TAGS[block.style]
        budget = limit - utf16_len(opening + closing)
        for index, piece in enumerate(split_text(block.text.strip(), budget)):
            formatted = format_block(piece.strip(), block.style)
            if not piece.strip():
                continue
            joiner = "\n" if (block.tight or index > 0) else "\n\n"
            if current and utf16_len(current + joiner + formatted) <= limit:
                current += joiner + formatted
            else:
                if current:
                    messages.append(current)
                current = formatted
    if current:
        messages.append(current)
    return tuple(messages)
