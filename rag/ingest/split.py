"""Split a cleaned file into the citable documents it holds: a notice, the policy it
publishes, its 解读, its 附件."""

from __future__ import annotations

import itertools
import re

from rag.ingest.attachments import attachment_number, is_attachment_start
from rag.text.numerals import chinese_numeral_value

TITLE_MAX = 100  # a longer line is no title
_INTERPRETATION = re.compile(
    r"^《.{4,80}》.{0,8}(解读|说明)$|^.{4,60}(政策解读|草案解读|起草说明)$"
)
_SECTION = re.compile(r"^([一二三四五六七八九十]+)、")
_QUOTED = re.compile(r"《([^《》]{4,80})》")


def split_documents(text: str) -> list[str]:
    """The documents a cleaned file holds: a notice, the policy it publishes, its 解读 …"""
    lines = text.split("\n")
    quoted: set[str] = set()  # titles quoted as 《X》 so far
    seen: set[str] = set()
    cuts: list[int] = []
    for index, line in enumerate(lines):
        if is_attachment_start(lines, index) or (
            index
            and _starts_document(line, quoted, seen)
            and not _numbering_goes_on(lines, index)
            and attachment_number(lines[index - 1]) is None  # an attachment's title
        ):
            cuts.append(index)
        quoted.update(_QUOTED.findall(line))
        seen.add(line)
    bounds = [0, *cuts, len(lines)]
    return ["\n".join(lines[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


def _numbering_goes_on(lines: list[str], index: int) -> bool:
    """A line is no new document when the text after it continues the 一、二、 sections of
    the text before it (a caption such as "房源情况表" standing between two sections)."""
    before = [m for line in lines[:index] if (m := _SECTION.match(line))]
    after = next((m for line in lines[index + 1 :] if (m := _SECTION.match(line))), None)
    if not before or after is None:
        return False
    following = chinese_numeral_value(after.group(1))
    previous = chinese_numeral_value(before[-1].group(1))
    return following is not None and previous is not None and following == previous + 1


def _starts_document(line: str, quoted: set[str], seen: set[str]) -> bool:
    """A standalone title that an earlier line quoted (印发《X》 … X), or a 解读 title."""
    if len(line) > TITLE_MAX or "。" in line:
        return False
    if _INTERPRETATION.match(line):
        return True
    title = line[1:-1] if line.startswith("《") and line.endswith("》") else line
    return title in quoted and line not in seen
