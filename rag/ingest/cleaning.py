"""Cleaning: remove what is not the policy, keep its words exactly, one paragraph per line.

Every rule is general (doc-sharing sites, content farms, government portals, OCR) and
leaves the wording of the policy untouched; portal metadata is returned, not thrown away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.ingest.history import NO_HISTORY, History, read_history
from rag.ingest.layout import drop_page_numbers
from rag.ingest.noise import (
    drop_chrome_lines,
    drop_content_farm,
    drop_outline,
    drop_table_of_contents,
    extract_portal_metadata,
    join_doc_sharing_pages,
)
from rag.ingest.page_chrome import drop_page_chrome, lift_doc_number
from rag.ingest.tables import is_table_row, take_row_columns


@dataclass(frozen=True)
class Cleaned:
    text: str  # one paragraph per line, no blank lines
    metadata: dict[str, str] = field(default_factory=dict)  # portal fields: 文号, 发布机构 …
    # a table row's column headers by its `row_key` (empty for a header row)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    history: History = NO_HISTORY  # a regulation's 通过/批准/施行 lines


_WIDTH_MAP = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},  # full-width digits
    **{0xFF21 + i: 0x41 + i for i in range(26)},  # full-width A-Z
    **{0xFF41 + i: 0x61 + i for i in range(26)},  # full-width a-z
    0x3000: 0x20,  # ideographic space
    0x00A0: 0x20,  # no-break space
    0x2002: 0x20,
    0x2003: 0x20,
    0x2009: 0x20,
    0x0009: 0x20,
    0xFF08: 0x28,  # （ -> ( so that （一） and (一) are one label
    0xFF09: 0x29,
    0xFF0E: 0x2E,  # ． in "1．"
    0xFF05: 0x25,  # ％
}
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_RUN = re.compile(r" {2,}")

# OCR: "I1." / "l1." for "11."; "26 ." for "26."; "2 .8%" for "2.8%".
_OCR_ONE = re.compile(r"(?<![A-Za-z0-9])[Il](?=\d\s*[.、](?!\d))")
_SPACE_BEFORE_DOT = re.compile(r"(?<=\d) +(?=\.)")
_SPACE_BEFORE_PERCENT = re.compile(r"(?<=\d) +(?=%)")
# A PDF's spaced glyphs: "150 万元", "2025 年", "〔 2025 〕". Chinese sets no space between a
# number and the character or bracket next to it, so such a space is layout, not text.
_SPACED_NUMBER = re.compile(r"\d |[^\s\d] \d")  # a cheap test before the exact rule
_SPACE_AT_NUMBER = re.compile(
    r"(?<![A-Za-z\d.])(\d+(?:\.\d+)?) +(?=[\u4e00-\u9fff〔〕])"  # a number, not a model name
    r"|(?<=[\u4e00-\u9fff〔〕]) +(\d+(?:\.\d+)?)(?![A-Za-z\d.])"
)

# A long line ending inside a word was broken by page layout, not by the author.
_ENDS_INSIDE_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]$")
_STARTS_WITH_LABEL = re.compile(
    r"^(第[一二三四五六七八九十百千零]+[章节条部分]|[一二三四五六七八九十]+[、是]|"
    r"\(\s*[一二三四五六七八九十]+\s*\)|\d{1,3}\s*[.、]|专栏\s*\d|——|附件)"
)
_BROKEN_LINE_MIN = 60
# "第七十五 条" / "第 1 0 条" at a line start: an article label typed or scanned with spaces.
_ARTICLE_SPACES = re.compile(r"^第\s*([一二三四五六七八九十百千零]+|\d(?:\s*\d){0,3})\s*条")


def _article_label(match: re.Match[str]) -> str:
    return "第" + re.sub(r"\s+", "", match.group(1)) + "条"


def clean(raw: str) -> Cleaned:
    """Cleaned text and the portal metadata removed from it."""
    lines = drop_page_numbers(normalise_characters(raw)).split("\n")
    lines, columns = take_row_columns(lines)
    lines = [_SPACE_RUN.sub(" ", line).strip() for line in lines]
    lines, metadata = extract_portal_metadata(lines)
    lines = [_ARTICLE_SPACES.sub(_article_label, line) for line in lines if line]
    history = read_history(lines)
    lines = drop_chrome_lines(lines)
    lines = lift_doc_number(drop_page_chrome(lines), metadata)
    lines = drop_content_farm(lines)
    lines = drop_table_of_contents(lines)
    lines, outline = drop_outline(lines)
    if outline:
        metadata["提纲"] = outline
    lines = [line for line in lines if line]
    lines = join_doc_sharing_pages(lines)
    lines = [fix_ocr_slips(line) for line in lines]
    lines = join_broken_lines(lines)
    text = "\n".join(line for line in lines if line)
    return Cleaned(text, metadata, columns=columns, history=history)


def normalise_characters(text: str) -> str:
    """Full-width digits/letters/spaces to ASCII, （）to (); Chinese punctuation stays."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text).translate(_WIDTH_MAP)


def fix_ocr_slips(line: str) -> str:
    """Repair OCR slips in numbers and item labels without touching words."""
    line = _OCR_ONE.sub("1", line)
    line = _SPACE_BEFORE_DOT.sub("", line)
    if _SPACED_NUMBER.search(line):
        for _ in range(2):  # a number spaced on both sides ("补贴 150 万元")
            line = _SPACE_AT_NUMBER.sub(lambda m: m.group(1) or m.group(2), line)
    return _SPACE_BEFORE_PERCENT.sub("", line)


def join_broken_lines(lines: list[str]) -> list[str]:
    """Join a long line that ends mid-word with the next line (a page or layout break)."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and _is_broken(joined[-1])
            and not _STARTS_WITH_LABEL.match(line)
            and not (
                is_table_row(joined[-1]) or is_table_row(line)  # a row ends where its table says
            )
        ):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


def _is_broken(line: str) -> bool:
    return len(line) >= _BROKEN_LINE_MIN and bool(_ENDS_INSIDE_WORD.search(line))
