"""The page's metadata box as a citable block: `字段：值` lines after the document's text.

Cleaning takes a portal's metadata lines out of the body (they are not policy text) and
returns them as fields. Facts such as a 文号 or a 失效日期 often stand nowhere else, and an
answer may only state what a quote shows, so the fields a reader asks about are written back
as one clause of their own under `RECORD_HEADING`, with the page's values verbatim.
"""

from __future__ import annotations

from collections.abc import Mapping

from rag.ingest.structure import ClauseDraft
from rag.lexicon.portal import RECORD_FIELDS, RECORD_HEADING

SEPARATOR = "："


def record_lines(portal: Mapping[str, str]) -> list[str]:
    """`字段：值` for each record field the page states, in `RECORD_FIELDS` order."""
    lines = []
    for field in RECORD_FIELDS:
        value = " ".join(portal.get(field, "").split())
        if value:
            lines.append(f"{field}{SEPARATOR}{value}")
    return lines


def with_record_block(
    text: str, drafts: list[ClauseDraft], portal: Mapping[str, str]
) -> tuple[str, list[ClauseDraft]]:
    """`text` with the record block appended and its clause draft; unchanged without one."""
    lines = record_lines(portal)
    if not lines:
        return text, drafts
    head = f"{text.rstrip()}\n{RECORD_HEADING}\n"
    body = "\n".join(lines)
    start = len(head)
    draft = ClauseDraft((RECORD_HEADING,), None, None, start, start + len(body), start)
    return head + body, [*drafts, draft]
