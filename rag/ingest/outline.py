"""An outline block (【提纲】一、…(一)…) names the headings a truncated text has lost.

A text that starts mid-way ("…选派,持续健全…" then "(三)推动…") has no "一、" line of its
own; its outline says which part and which section it belongs to, so clause paths can
still say where a clause stands.
"""

from __future__ import annotations

from rag.text.labels import find_labels

Heading = tuple[int, str]  # (level, heading text as written, without a final 。)


def outline_headings(outline: str) -> tuple[Heading, ...]:
    """The headings of an outline block, in order."""
    labels = find_labels(outline)
    headings = []
    for index, label in enumerate(labels):
        end = labels[index + 1].start if index + 1 < len(labels) else len(outline)
        headings.append((label.level, outline[label.start : end].strip().rstrip("。")))
    return tuple(headings)


def ancestors(outline: tuple[Heading, ...], line: str) -> list[Heading]:
    """The outline headings above the one `line` starts with (outermost first)."""
    index = _find(outline, line)
    if index is None:
        return []
    found: list[Heading] = []
    level = outline[index][0]
    for entry in reversed(outline[:index]):
        if entry[0] < level:
            found.insert(0, entry)
            level = entry[0]
    return found


def opening_path(outline: tuple[Heading, ...], first_heading_line: str) -> list[Heading]:
    """Where text before the first heading stands: the heading's previous sibling section."""
    index = _find(outline, first_heading_line)
    if index is None:
        return []
    level = outline[index][0]
    for position in range(index - 1, -1, -1):
        if outline[position][0] < level:
            return []  # the first heading opens its parent: the text before is the parent's
        if outline[position][0] == level:
            return [*ancestors(outline, outline[position][1]), outline[position]]
    return []


def _find(outline: tuple[Heading, ...], line: str) -> int | None:
    stripped = line.strip()
    for index, (_, heading) in enumerate(outline):
        if heading and stripped.startswith(heading):
            return index
    return None
