"""Page layout in extracted PDF text: page-number lines and lines wrapped at the page width."""

from __future__ import annotations

import re

from rag.ingest.tables import CELL_SEPARATOR, TABLE_MARK, is_table_row, text_table_lines

_PAGE_NUMBER = re.compile(
    r"^\s*([-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3}|=+\s*PAGE\s*\d{1,4}\s*=+)\s*$",
    re.IGNORECASE,
)
_LABEL_START = re.compile(
    r"^(第[一二三四五六七八九十]+[章节条]|[一二三四五六七八九十]+[、是]|\([一二三四五六七八九十]+\)"
    r"|（[一二三四五六七八九十]+）|\d{1,3}\s*[.、．]|专栏\s*\d|——)"
)
_PARAGRAPH_END = tuple("。；;：:！!？?”)）")
_MIN_WRAP_WIDTH = 15
_FULL_WIDTH_SHARE = 0.85


def drop_page_numbers(text: str) -> str:
    """Remove lines that are only a page number ("- 3 -", "第3页 共10页", "3/10", "3") or a
    page marker an extraction tool wrote ("===PAGE 3===")."""
    return "\n".join(line for line in text.split("\n") if not _PAGE_NUMBER.match(line))


def unwrap_layout(text: str) -> str:
    """Join the lines a PDF wrapped at the page width back into paragraphs.

    A line about as wide as the widest lines that does not end a sentence was cut by the
    layout (also at a page break); a short line, or one ending in 。；: etc., ends its
    paragraph, and a line starting with a label starts a new one.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    width = max((len(line) for line in lines), default=0)
    if width < _MIN_WRAP_WIDTH:
        return "\n".join(lines)
    out: list[str] = []
    for line in lines:
        if out and _wrapped(out[-1], width) and not _LABEL_START.match(line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def _wrapped(line: str, width: int) -> bool:
    return len(line) >= width * _FULL_WIDTH_SHARE and not line.endswith(_PARAGRAPH_END)


_MD_LINE_PREFIX = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+)")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|`)(.+?)\1")
_MD_THEMATIC_BREAK = re.compile(r"^\s*([-*_]\s*){3,}$")


# A saved web page ("Title: …", "URL Source: …", "Markdown Content:" before the page).
_READER_TITLE = re.compile(r"^Title:\s*(.+)$")
_READER_FIELD = re.compile(r"^(URL Source|Published Time|Markdown Content|Warning):")
_PAGE_LINE_STARTS = frozenset("TUPMW<[*-!# ")  # first characters of the lines above
_HTML_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_MD_LINK_RESIDUE = re.compile(r"[\s#>|*_\-·•]+")


def strip_markdown(text: str) -> str:
    """Markdown markup out (# headings, > quotes, bullets, **bold**, links, table pipes).

    A line made only of links is a menu of the saved page, not text; a saved page's title
    line becomes the `标题:` metadata line cleaning reads.
    """
    lines = []
    for line in text_table_lines([_md_inline(line) for line in text.split("\n")]):
        if is_table_row(line) or line.startswith(TABLE_MARK):
            lines.append(line)
            continue
        if _MD_TABLE_RULE.match(line) or _MD_THEMATIC_BREAK.match(line) or _PAGE_NUMBER.match(line):
            continue
        if line[:1] in _PAGE_LINE_STARTS:
            if _READER_FIELD.match(line) or _only_links(line) or _HTML_COMMENT.match(line):
                continue
            if title := _READER_TITLE.match(line):
                lines.append("标题:" + title.group(1))
                continue
        line = _MD_LINE_PREFIX.sub("", line)
        if line.strip().startswith("|"):  # a table row without its header rule
            line = CELL_SEPARATOR.join(cell.strip() for cell in line.strip().strip("|").split("|"))
        lines.append(line)
    return "\n".join(lines)


def _md_inline(line: str) -> str:
    """**bold**, `code` and [links](…) as their text; a line of links alone stays for the
    menu test."""
    if _only_links(line):
        return line
    return _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", line))


def _only_links(line: str) -> bool:
    if "](" not in line:
        return False
    bare = _MD_LINK.sub("", _MD_LINK.sub("", line))  # twice: an image inside a link
    return not _MD_LINK_RESIDUE.sub("", bare)
