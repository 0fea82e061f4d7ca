"""HTML tables: data tables read from the page itself, with their merged cells.

trafilatura drops a table whose cells carry `overflow: hidden` (it takes any "hidden" in a
style for a hidden block, and editors write it into every cell) and loses rowspan/colspan, so
a data table is swapped for a placeholder paragraph before extraction (trafilatura still
decides whether it belongs to the article) and rendered from the page afterwards
(`rag.ingest.tables`). Layout tables (nested tables, one column, link menus) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import BeautifulSoup, Tag

from rag.ingest.tables import Grid, GridCell, cell_text, table_lines

_PLACEHOLDER = "\ue003表格{index}\ue003"
_PLACEHOLDER_LINE = re.compile("\ue003表格(\\d+)\ue003")
_SPAN_MAX = 100
_LINK_SHARE = 0.5  # a table mostly of links is a menu


def is_data_table(table: Tag) -> bool:
    """Rows of cells holding text: at least two rows and two columns, no table inside."""
    rows = table_rows(table)
    if len(rows) < 2 or table.find("table") is not None:
        return False
    if max(len(_cells(row)) for row in rows) < 2:
        return False
    text = len(table.get_text(strip=True)) or 1
    links = sum(len(a.get_text(strip=True)) for a in table.find_all("a"))
    return links / text < _LINK_SHARE


def table_rows(table: Tag) -> list[Tag]:
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _cells(row: Tag) -> list[Tag]:
    return row.find_all(["td", "th"], recursive=False)


def table_grid(table: Tag, text_of: Callable[[Tag], str]) -> Grid:
    """The table's cells by grid position, a merged cell in every position it covers."""
    rows = table_rows(table)
    taken: dict[tuple[int, int], GridCell] = {}
    key = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in _cells(row):
            while (r, c) in taken:
                c += 1
            key += 1
            header = cell.name == "th" or cell.find_parent("thead") is not None
            value = GridCell(key, cell_text(text_of(cell)), header)
            for dr in range(_span(cell.get("rowspan"), len(rows) - r)):
                for dc in range(_span(cell.get("colspan"), _SPAN_MAX)):
                    taken[(r + dr, c + dc)] = value
            c += _span(cell.get("colspan"), _SPAN_MAX)
    width = max((c for _, c in taken), default=-1) + 1
    return [
        [taken.get((r, c)) or GridCell(-(r * 10_000 + c) - 1, "") for c in range(width)]
        for r in range(len(rows))
    ]


def _span(value: object, limit: int) -> int:
    text = str(value or "1").strip()
    number = int(text) if text.isdigit() else 1
    return max(1, min(number or limit, limit))  # rowspan="0": to the end of the table


def swap_tables_for_placeholders(
    page: BeautifulSoup, text_of: Callable[[Tag], str]
) -> list[list[str]]:
    """Replace each data table by a placeholder paragraph (with the table's words, so the
    extractor weighs it as text); return each table's rendered lines, by placeholder index."""
    rendered: list[list[str]] = []
    for table in page.find_all("table"):
        if table.parent is None or not is_data_table(table):
            continue  # inside a table replaced already, or a layout table
        index = len(rendered)
        rendered.append(table_lines(table_grid(table, text_of)))
        paragraph = page.new_tag("p")
        words = " ".join(table.get_text(" ").split())
        paragraph.string = f"{_PLACEHOLDER.format(index=index)} {words}"
        table.replace_with(paragraph)
    return rendered


def put_tables_back(text: str, rendered: list[list[str]]) -> str:
    """Each placeholder line replaced by its table's lines."""
    if not rendered:
        return text
    lines: list[str] = []
    for line in text.split("\n"):
        match = _PLACEHOLDER_LINE.search(line)
        if match and int(match.group(1)) < len(rendered):
            lines.extend(rendered[int(match.group(1))])
        else:
            lines.append(line)
    return "\n".join(lines)
