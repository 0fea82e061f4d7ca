"""附件 and 主送机关: the parts of a 公文 (GB/T 9704) that are no clause of its body.

An attachment is printed after the document it belongs to, on a page of its own that opens
with "附件" or "附件2" and then the attachment's title; the document names its attachments in
the 附件说明 under the body ("附件：1. 甲表" / "2. 乙办法"). Each attachment is a document of its
own, linked to the one it belongs to; a blank form or 回执 is no policy and is left out.
The 主送机关 is the line between the title and the body that names whom the document is
addressed to ("各区人民政府，市政府各部门："): a field of the document, not a clause.
"""

from __future__ import annotations

import re

from rag.lexicon.portal import ADDRESSEE_BODY, FORM_TITLE

# "附件" / "附件2" / "附件 2：" alone on a line: the first line of an attachment's page
_MARKER = re.compile(r"^附\s*件\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?\s*([:：])?$")
# the 附件说明: "附件：1. 甲表" on the 附件 line, then "2. 乙办法" on the next lines
_NOTE_FIRST = re.compile(r"^附\s*件\s*[:：]\s*(.+)$")
_NOTE_ENTRY = re.compile(r"^(\d{1,2})\s*[.、．]\s*(\S.*)$")
_TITLE_MAX = 100
_HEAD_LINES = 4  # the 主送机关 stands right under the title (and a 文号), or opens the text
_ADDRESSEES = re.compile(r"^([^。；;!！?？]{2,160}?)[:：]$")
_BODY_SEPARATORS = re.compile(r"[，,、]")


def is_attachment_start(lines: list[str], index: int) -> bool:
    """`lines[index]` opens an attachment: a 附件 marker (numbered, or without a colon: "附件："
    alone heads the 附件说明 list) followed by a line that is no list entry."""
    match = _MARKER.match(lines[index].strip())
    if not match or index == 0 or index + 1 >= len(lines):
        return False
    if match.group(2) and not match.group(1):
        return False
    return not _NOTE_ENTRY.match(lines[index + 1].strip())


def own_title(lines: list[str]) -> str | None:
    """The title line under an attachment's marker, when the attachment prints one."""
    if len(lines) > 1 and attachment_number(lines[0]) and _is_title(lines[1]):
        return lines[1].strip()
    return None


def is_attachment_note(line: str) -> bool:
    """ "附件：1.某某表" — the first entry of an attachment list on the 附件 line itself."""
    return bool(_NOTE_FIRST.match(line.strip()))


def attachment_number(line: str) -> str | None:
    """ "2" for a "附件2" marker line, "1" for a lone "附件", None for any other line."""
    match = _MARKER.match(line.strip())
    return (match.group(1) or "1") if match else None


def _is_title(line: str) -> bool:
    stripped = line.strip()
    return (
        0 < len(stripped) <= _TITLE_MAX
        and "。" not in stripped
        and not stripped.endswith(("：", ":"))
    )


def attachment_names(lines: list[str]) -> dict[str, str]:
    """The 附件说明's entries by number ("1" → "甲表"); a lone attachment as "1"."""
    names: dict[str, str] = {}
    for index, line in enumerate(lines):
        first = _NOTE_FIRST.match(line.strip())
        if not first:
            continue
        entry = _NOTE_ENTRY.match(first.group(1))
        if not entry:
            names.setdefault("1", _without_suffix(first.group(1)))
            continue
        names[entry.group(1)] = _without_suffix(entry.group(2))
        for following in lines[index + 1 :]:
            more = _NOTE_ENTRY.match(following.strip())
            if not more:
                break
            names[more.group(1)] = _without_suffix(more.group(2))
    return names


def _without_suffix(name: str) -> str:
    """An entry's file suffix (a portal links "甲表.pdf") is no part of the title."""
    return re.sub(r"\.(pdf|docx?|xlsx?|wps|ofd|zip|rar)$", "", name.strip(), flags=re.IGNORECASE)


def is_form(title: str | None) -> bool:
    """A blank form or receipt (申请表, 登记表, 回执 …): not a policy."""
    return bool(title) and bool(FORM_TITLE.search(title or ""))


def addressees(lines: list[str]) -> str | None:
    """The 主送机关 as printed (without its colon): a line of bodies ending in "：" right
    under the title."""
    return next((found for line in lines[: _HEAD_LINES + 1] if (found := _addressed(line))), None)


def is_addressee_line(line: str) -> bool:
    return _addressed(line) is not None


def _addressed(line: str) -> str | None:
    match = _ADDRESSEES.match(line.strip())
    return match.group(1) if match and _names_bodies(match.group(1)) else None


def _names_bodies(text: str) -> bool:
    """Bodies separated by 、，, each a body's name ("各有关单位", "市财政局、市税务局")."""
    parts = [part.strip() for part in _BODY_SEPARATORS.split(text) if part.strip()]
    return bool(parts) and all(ADDRESSEE_BODY.match(part) for part in parts)
