"""Structure: each document of a file (rag.ingest.split) into clause drafts.

A clause is what a policy officer cites: a numbered item (1./(一)/一、/一是 when nothing
finer is numbered under it), or a paragraph directly under a heading. Headings become the
clause's path. Spans are offsets into the document's reflowed text (one label per line).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from rag.ingest.attachments import (
    attachment_number,
    is_addressee_line,
    is_attachment_note,
    own_title,
)
from rag.ingest.history import is_history_line
from rag.ingest.metadata import SIGNATURE
from rag.ingest.outline import Heading, ancestors, opening_path
from rag.ingest.split import TITLE_MAX
from rag.ingest.tables import row_key
from rag.lexicon.portal import SIGNATURE_HEADING
from rag.text.labels import LEAF_KINDS, LEVELS, Label, find_labels, reflow
from rag.text.sentences import leading_title

_HEADING_MAX = 40
_TITLE_WORDS = "意见|通知|办法|规划|方案|政策|措施|细则|要点|决定|公告|通告|条例|解读|说明"
_GLUED_TITLE = re.compile(
    rf"^.{{6,80}}?(?:{_TITLE_WORDS})(?:\((?:征求意见稿|试行|草案|修订)\))?(?=为|根据|按照|各)"
)
_SALUTATION = re.compile(r"^各.{2,80}[:：]$")
_DATE_LINE = re.compile(r"^(\d{4}年\d{1,2}月\d{1,2}日|\d{6,8})$")
_PREFACE = {"前言", "序言", "引言", "结束语"}
_SUBHEADING = re.compile(r"^[^。；;,,]{2,30}[:：]$")  # "《若干政策》的特色亮点:"
_SUBHEADING_LEVEL = max(LEVELS.values()) + 1
_COLON_TITLE = re.compile(r"^([^,,。:：;；]{2,20})[:：]")
_HEAD_LINES = 4  # the 主送机关 stands under the title (and a 文号)


@dataclass(frozen=True)
class Part:
    """One document of a file: its reflowed text, title and accepted labels."""

    text: str
    title: str | None
    head_lines: int  # lines before the body: the title line; an attachment's 附件 line too
    labels: tuple[Label, ...]
    outline: tuple[Heading, ...] = ()  # headings of the file's outline block, if any
    # table rows' column headers by `row_key` (a header row: empty), shared by the file's parts
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    attachment: str | None = None  # "2" when the part is 附件2 of the document before it

    @cached_property
    def label_starts(self) -> list[int]:
        return [label.start for label in self.labels]


@dataclass(frozen=True)
class ClauseDraft:
    path: tuple[str, ...]
    number: str | None
    heading: str | None
    start: int
    end: int
    body_start: int  # where the sentences start (after the label)
    columns: tuple[str, ...] = ()  # a table row's column headers, one per cell


def prepare_part(
    text: str,
    outline: tuple[Heading, ...] = (),
    columns: Mapping[str, tuple[str, ...]] | None = None,
) -> Part:
    """Split a glued title off, find the labels, and reflow to one label per line."""
    columns = columns or {}
    first = text.split("\n", 1)[0]
    glued = _GLUED_TITLE.match(first) if len(first) > TITLE_MAX else None
    labels = find_labels(_without_table_rows(text, columns))  # "1." in a cell is no item
    extra = (glued.end(),) if glued else ()
    reflowed, moved = reflow(text, labels, extra)
    lines = reflowed.split("\n", 2)
    if (number := attachment_number(lines[0])) is not None:
        title = own_title(lines)
        head = 2 if title else 1
        return Part(reflowed, title, head, tuple(moved), outline, columns, number)
    has_title = _is_title_line(lines[0], moved) and row_key(lines[0]) not in columns
    title = _strip_quotes(lines[0]) if has_title else None
    return Part(reflowed, title, int(has_title), tuple(moved), outline, columns)


def _without_table_rows(text: str, columns: Mapping[str, tuple[str, ...]]) -> str:
    """`text` with each table row blanked out, offsets kept."""
    if not columns:
        return text
    lines = text.split("\n")
    return "\n".join(" " * len(line) if row_key(line) in columns else line for line in lines)


def _is_title_line(line: str, labels: list[Label]) -> bool:
    if labels and labels[0].start == 0:
        return False
    return len(line) <= TITLE_MAX and "。" not in line and not line.endswith((":", ":"))


def _strip_quotes(line: str) -> str:
    if line.startswith("《") and line.endswith("》") and line.count("《") == 1:
        return line[1:-1]
    return line


def draft_clauses(part: Part) -> list[ClauseDraft]:
    """Clauses in reading order: numbered items and paragraphs under headings."""
    by_start = {label.start: label for label in part.labels}
    stack: list[Heading] = _opening_stack(part)
    drafts: list[ClauseDraft] = []
    open_item: ClauseDraft | None = None
    signed_from: int | None = None  # where the signature lines before a 落款 date begin
    offset = 0
    for index, line in enumerate(part.text.split("\n")):
        start, end = offset, offset + len(line)
        offset = end + 1
        label = by_start.get(start)
        if not line.strip():
            continue
        if index < part.head_lines:
            if is_history_line(line):  # quoted for "哪次会议通过", "第几号令"; never a title
                drafts.append(ClauseDraft(_path(stack), None, None, start, end, start))
            continue
        if not (SIGNATURE.match(line.strip()) or _DATE_LINE.match(line.strip())):
            signed_from = None
        if (columns := part.columns.get(row_key(line))) is not None:
            open_item = None  # a header row names the columns every row carries: no clause
            if columns:
                drafts.append(ClauseDraft(_path(stack), None, None, start, end, start, columns))
        elif label is not None:
            open_item = None
            _pop(stack, label.level)
            if part.outline and not stack:
                stack.extend(ancestors(part.outline, line))
            if _is_heading(label, line, part):
                stack.append((label.level, line.strip().rstrip("。")))
                continue
            heading = leading_title(line[label.end - start :].strip())
            open_item = ClauseDraft(_path(stack), label.number, heading, start, end, label.end)
            drafts.append(open_item)
        elif line.replace(" ", "") in _PREFACE:
            stack[:] = [(LEVELS["chapter"], line.replace(" ", ""))]
            open_item = None
        elif _SUBHEADING.match(line):
            _pop(stack, _SUBHEADING_LEVEL)
            stack.append((_SUBHEADING_LEVEL, line.strip().rstrip(":：")))
            open_item = None
        elif _is_formality(line) or (index <= _HEAD_LINES and is_addressee_line(line)):
            open_item = None  # salutation, 主送机关, signature, date: the document's fields
            if SIGNATURE.match(line.strip()):
                signed_from = start if signed_from is None else signed_from
                continue
            if _DATE_LINE.match(line.strip()):  # the 落款 is quoted for "哪天印发的"
                begin = start if signed_from is None else signed_from
                drafts.append(ClauseDraft((SIGNATURE_HEADING,), None, None, begin, end, begin))
        elif open_item is not None and _continues(open_item, part.text, line):
            open_item = ClauseDraft(**{**open_item.__dict__, "end": end})
            drafts[-1] = open_item
        else:
            heading = match.group(1) if (match := _COLON_TITLE.match(line)) else None
            open_item = ClauseDraft(_path(stack), None, heading, start, end, start)
            drafts.append(open_item)
    return drafts


def _opening_stack(part: Part) -> list[Heading]:
    """Headings the text before the first label stands under, when an outline names them."""
    if not part.outline or not part.labels:
        return []
    first = part.labels[0]
    if part.text[: first.start].strip() in ("", part.title or ""):
        return []
    return opening_path(part.outline, part.text[first.start :].split("\n", 1)[0])


def _pop(stack: list[Heading], level: int) -> None:
    while stack and (stack[-1][0] >= level or stack[-1][0] == LEVELS["box"]):  # a box ends
        stack.pop()


def _path(stack: list[Heading]) -> tuple[str, ...]:
    return tuple(text for _, text in stack)


def _is_heading(label: Label, line: str, part: Part) -> bool:
    """A label line is a heading when finer labels follow, or when it is a short title with
    its text on the next lines; a short line followed by its next sibling is a list item."""
    if label.kind in ("chapter", "section", "box"):
        return True
    if label.kind in LEAF_KINDS:
        return False  # an item's text may follow on the next lines; it stays one clause
    index = bisect.bisect_right(part.label_starts, label.start)
    following = part.labels[index] if index < len(part.labels) else None
    if following is not None and following.level > label.level:
        between = part.text[label.start + len(line) : following.start].split("\n")
        # the finer labels number an attachment list ("附件：1.… 2.…"), not this item's parts
        if not any(attachment_number(b) is not None or is_attachment_note(b) for b in between):
            return True
    if len(line.strip()) > _HEADING_MAX or re.search("[。；;]", line):
        return False
    next_start = label.start + len(line) + 1
    body_follows = part.text[next_start:].strip() != ""
    return body_follows and (following is None or following.start != next_start)


def _is_formality(line: str) -> bool:
    """Salutation, signature and date lines belong to the document but are not clauses."""
    stripped = line.strip()
    return bool(
        _SALUTATION.match(stripped) or SIGNATURE.match(stripped) or _DATE_LINE.match(stripped)
    )


def _continues(item: ClauseDraft, text: str, line: str) -> bool:
    """A line without a label continues a numbered item, or a list a paragraph announces."""
    if item.number is not None:
        return True
    last_line = text[item.start : item.end].split("\n")[-1].rstrip()
    return line.startswith("——") and (last_line.endswith((":", "：")) or last_line.startswith("——"))
