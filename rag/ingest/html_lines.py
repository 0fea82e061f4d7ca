"""HTML to lines: one line per block element, a table row as one line of its cells.

Line breaks in the HTML source are white space (nothing between Chinese characters); the
lines are what cleaning, structure and the clause spans read.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

SKIP_TAGS = ("script", "style", "noscript", "template", "iframe", "select", "option", "button")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "tr",
        "table",
        "section",
        "article",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "br",
    ]
)
SOURCE_BREAK = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"[ \t\r\f\u00a0]+")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]")


def render(root: Tag | BeautifulSoup) -> str:
    """Text with a line per block element; a table row is one line of its cells."""
    lines: list[str] = []
    _render_into(root, lines, [""])
    return "\n".join(line for line in (tidy(line) for line in lines) if line)


def _render_into(node: Tag | BeautifulSoup, lines: list[str], current: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment or CDATA
                current[0] += collapse_source_breaks(str(child))
            continue
        if not isinstance(child, Tag) or child.name in SKIP_TAGS:
            continue
        if child.name == "tr":
            _flush(lines, current)
            cells = [_cell_text(cell) for cell in child.find_all(["td", "th"], recursive=False)]
            lines.append(" ".join(cell for cell in cells if cell))
            continue
        block = child.name in _BLOCK_TAGS
        if block:
            _flush(lines, current)
        _render_into(child, lines, current)
        if block:
            _flush(lines, current)


def _cell_text(cell: Tag) -> str:
    """A table cell's text on one line: paragraphs inside a cell are not lines of the page."""
    parts = [tidy(collapse_source_breaks(text)) for text in cell.find_all(string=True)]
    return "".join(part for part in parts if part)


def _flush(lines: list[str], current: list[str]) -> None:
    if current[0].strip():
        lines.append(current[0])
    current[0] = ""


def tidy(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def collapse_source_breaks(text: str) -> str:
    """A line break in HTML source is white space; between Chinese characters it is nothing."""

    def replacement(match: re.Match[str]) -> str:
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        return "" if not before or not after or CJK.match(before) or CJK.match(after) else " "

    return SOURCE_BREAK.sub(replacement, text)
