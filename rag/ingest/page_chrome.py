"""What a web page adds around a document, on lines: menus, link lists, repeated copies.

Each rule is a property of portal pages, not of one site: a run of short menu entries,
a "相关新闻" list whose entries end in a date, a breadcrumb, a hidden copy of the body
that repeats text already there, and a 文号 standing alone above the title.
"""

from __future__ import annotations

import re

from rag.ingest.tables import is_table_row
from rag.lexicon.portal import CHROME_LINES, CHROME_PREFIXES, LINK_LIST_HEADINGS

_MENU_ENTRY = re.compile(r"^[-·•*\s]*[^。，,；;：:!！?？]{1,14}$")
_MENU_RUN = 5  # this many short entries in a row are a menu, not a list of the text
_DATED_ENTRY = re.compile(r"[\[(（【]?\s*\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?\s*[\])）】]?$")
_BULLET = re.compile(r"^[-·•*]\s*")
_DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,14}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号$")
_REPEAT_MIN = 40
_COPY_MIN = 200  # a line this long that repeats the rest of the page is a hidden copy


def drop_page_chrome(lines: list[str]) -> list[str]:
    """Menus, breadcrumbs, link lists, hidden copies of the body and a repeated body."""
    lines = [line for line in lines if not _is_chrome(line)]
    lines = _drop_link_lists(lines)
    lines = _drop_menu_runs(lines)
    lines = _drop_copies(_drop_repeated_paragraphs(lines))
    return _keep_one_of_repeated_body(lines)


def _is_chrome(line: str) -> bool:
    bare = _BULLET.sub("", line).strip()
    return bare in CHROME_LINES or bare.startswith(CHROME_PREFIXES)


def _drop_link_lists(lines: list[str]) -> list[str]:
    """A 相关新闻/相关链接 heading and the dated link entries under it."""
    kept: list[str] = []
    in_list = False
    for line in lines:
        if line.rstrip(":：") in LINK_LIST_HEADINGS:
            in_list = True
            continue
        if in_list and _DATED_ENTRY.search(line) and len(line) <= 120:
            continue
        in_list = False
        kept.append(line)
    return kept


def _drop_menu_runs(lines: list[str]) -> list[str]:
    """Runs of short entries without punctuation (agency menus, column lists)."""
    kept: list[str] = []
    run: list[str] = []
    for line in [*lines, "。"]:  # a sentinel closes the last run
        if _MENU_ENTRY.match(line) and not line[:1].isdigit() and not is_table_row(line):
            run.append(line)
            continue
        kept.extend(run if len(run) < _MENU_RUN else [])
        run = []
        kept.append(line)
    return kept[:-1]


def _compact(text: str) -> str:
    return "".join(text.split())


def _drop_repeated_paragraphs(lines: list[str]) -> list[str]:
    """A long paragraph printed again word for word is a copy (a page's hidden duplicate)."""
    seen: set[str] = set()
    kept = []
    for line in lines:
        key = _compact(line)
        if len(key) >= _REPEAT_MIN and key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return kept


def _drop_copies(lines: list[str]) -> list[str]:
    """A long line whose text is all in the other lines is a hidden copy of the body."""
    longest_first = sorted(
        (index for index, line in enumerate(lines) if len(line) >= _COPY_MIN),
        key=lambda index: -len(lines[index]),
    )
    dropped: set[int] = set()
    whole = _compact("".join(lines))
    for index in longest_first:  # the copy is longer than any paragraph it repeats
        compact = _compact(lines[index])
        if all(whole.count(piece) >= 2 for piece in (compact[:_COPY_MIN], compact[-_COPY_MIN:])):
            dropped.add(index)
            whole = _compact("".join(line for i, line in enumerate(lines) if i not in dropped))
    return [line for index, line in enumerate(lines) if index not in dropped]


def _keep_one_of_repeated_body(lines: list[str]) -> list[str]:
    """A page that holds its whole body twice in a row keeps it once."""
    for size in range(len(lines) // 2, 2, -1):
        for start in range(0, len(lines) - 2 * size + 1):
            first = lines[start : start + size]
            if first == lines[start + size : start + 2 * size]:
                return lines[: start + size] + lines[start + 2 * size :]
        if size < len(lines) // 2 - 3:
            break  # only a (near) whole-page repetition counts
    return lines


def lift_doc_number(lines: list[str], metadata: dict[str, str]) -> list[str]:
    """A 文号 on a line of its own in the head is metadata, not text (GB/T 9704 发文字号)."""
    for index, line in enumerate(lines[:4]):
        if _DOC_NUMBER_LINE.match(line):
            metadata.setdefault("文号", line)
            return lines[:index] + lines[index + 1 :]
    return lines


def is_link_listing(lines: list[str]) -> bool:
    """A page that is only a list of dated links (a column index) has no document."""
    if any("。" in line for line in lines):
        return False  # a sentence: there is text
    entries = [line for line in lines if ":" not in line[:6]]
    dated = sum(1 for line in entries if _DATED_ENTRY.search(line))
    return len(entries) >= 3 and dated * 2 >= len(entries)
