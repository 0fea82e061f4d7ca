"""Tables: each data row is a citable line that carries its column headers.

A loader turns a table (HTML, docx, a Markdown or tab-separated text table) into a grid of
cells with merged cells expanded; `table_lines` renders it one line per row, cells joined by
CELL_SEPARATOR (so a figure in one cell never runs into the next), a merged cell once per
row it spans. Each data row follows a marker line that names its cells' column headers (a
header row follows an empty marker). Cleaning takes the markers out (`take_row_columns`);
structure gives a row clause its headers, which are searched but never quoted: the quote is
the row as the table prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CELL_SEPARATOR = " | "
TABLE_MARK = "\ue000\ue001"  # private-use characters: no document text holds them
_JOIN = "\ue002"
_HEADER_CELL_MAX = 30  # a column header is a short name
_COLON_END = (":", "：")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_WHITE = re.compile(r"\s+")


@dataclass(frozen=True)
class GridCell:
    key: int  # one key in several positions: one merged cell
    text: str
    header: bool = False  # marked as a header by the source (<th>, <thead>, a docx header row)


Grid = list[list[GridCell]]  # rows × grid columns


def cell_text(text: str) -> str:
    """A cell's text on one line: its paragraphs joined, white space runs made one space."""
    return _WHITE.sub(" ", text).strip()


def table_lines(grid: Grid) -> list[str]:
    """The table as lines: header rows, then each data row after its marker line."""
    grid = _square(grid)
    if not grid:
        return []
    depth = header_depth(grid)
    names = column_names(grid[:depth])
    lines = []
    for index, row in enumerate(grid):
        cells = row_cells(row)
        if not cells:
            continue
        text = CELL_SEPARATOR.join(text for text, _ in cells)
        if index < depth:
            lines.append(TABLE_MARK)
        elif depth:
            headers = [_cell_header(names, positions) for _, positions in cells]
            lines.append(TABLE_MARK + _JOIN.join(headers))
        lines.append(text)
    return lines


def _square(grid: Grid) -> Grid:
    width = max((len(row) for row in grid), default=0)
    squared = []
    for r, row in enumerate(grid):
        padding = [GridCell(-(r * 10_000 + c) - 1, "") for c in range(len(row), width)]
        squared.append([*row, *padding])
    return squared if width else []


def row_cells(row: list[GridCell]) -> list[tuple[str, tuple[int, ...]]]:
    """A row's non-empty cells, a merged cell once, with the grid positions it covers."""
    cells: list[tuple[str, tuple[int, ...]]] = []
    previous: int | None = None
    for position, cell in enumerate(row):
        if cell.key == previous and cells:
            cells[-1] = (cells[-1][0], (*cells[-1][1], position))
        elif cell.text:
            cells.append((cell.text, (position,)))
        previous = cell.key if cell.text else None
    return cells


def header_depth(grid: Grid) -> int:
    """How many leading rows are column headers: those the source marks, else the first row
    when it reads as names, with the rows its merged cells reach down into (a two-level
    header: a group name over its columns)."""
    marked = 0
    while marked < len(grid) and all(c.header for c in grid[marked] if c.text):
        marked += 1
    if 0 < marked < len(grid):
        return marked
    if len(grid) < 2 or not _reads_as_names(grid[0]):
        return 0
    depth = 1
    while depth < len(grid) - 1 and {c.key for c in grid[depth]} & {c.key for c in grid[0]}:
        depth += 1
    return depth


def _reads_as_names(row: list[GridCell]) -> bool:
    texts = [text for text, _ in row_cells(row)]
    return (
        len(texts) >= 2
        and all(len(text) <= _HEADER_CELL_MAX and not text.endswith(_COLON_END) for text in texts)
        and all(_WORD.search(text) for text in texts)
    )


def column_names(header: Grid) -> list[list[str]]:
    """Each grid column's header names, outermost first (a merged name once)."""
    if not header:
        return []
    names: list[list[str]] = []
    for position in range(len(header[0])):
        column: list[str] = []
        previous: int | None = None
        for row in header:
            cell = row[position]
            if cell.key != previous and cell.text and cell.text not in column:
                column.append(cell.text)
            previous = cell.key
        names.append(column)
    return names


def _cell_header(names: list[list[str]], positions: tuple[int, ...]) -> str:
    """The header of a cell spanning `positions`: every name above them, each once."""
    found: list[str] = []
    for position in positions:
        found.extend(name for name in names[position] if name not in found)
    return " ".join(found)


def take_row_columns(lines: list[str]) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """The lines without table markers, and each marked row's column headers keyed by its
    `row_key` (empty for a header row)."""
    kept: list[str] = []
    columns: dict[str, tuple[str, ...]] = {}
    for index, line in enumerate(lines):
        if not line.startswith(TABLE_MARK):
            kept.append(line)
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if following and not following.startswith(TABLE_MARK):
            marked = line[len(TABLE_MARK) :]
            columns[row_key(following)] = tuple(marked.split(_JOIN)) if marked else ()
    return kept, columns


def row_key(line: str) -> str:
    """A row line as cleaning leaves it in every form: without white space."""
    return "".join(line.split())


def is_table_row(line: str) -> bool:
    """A rendered table row: not a line to join with the next or to read as a menu entry."""
    return CELL_SEPARATOR in line


def text_table_lines(lines: list[str]) -> list[str]:
    """Pipe tables (a header row over a |---| rule) and runs of tab-separated rows in plain
    text or Markdown, rendered like any other table."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        size = _pipe_table_size(lines, index) or _tab_table_size(lines, index)
        if not size:
            out.append(lines[index])
            index += 1
            continue
        block = [line for line in lines[index : index + size] if not _PIPE_RULE.match(line)]
        pipe = lines[index].strip().startswith("|")
        out.extend(table_lines(_text_grid(block, pipe)))
        index += size
    return out


_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TAB_ROWS_MIN = 2


def _pipe_table_size(lines: list[str], index: int) -> int:
    if not lines[index].strip().startswith("|") or index + 1 >= len(lines):
        return 0
    if not _PIPE_RULE.match(lines[index + 1]):
        return 0
    end = index + 2
    while end < len(lines) and lines[end].strip().startswith("|"):
        end += 1
    return end - index


def _tab_table_size(lines: list[str], index: int) -> int:
    count = _tab_cells(lines[index])
    if count < 2:
        return 0
    end = index + 1
    while end < len(lines) and _tab_cells(lines[end]) == count:
        end += 1
    return end - index if end - index >= _TAB_ROWS_MIN else 0


def _tab_cells(line: str) -> int:
    return len(line.strip().split("\t")) if "\t" in line.strip() else 0


def _text_grid(block: list[str], pipe: bool) -> Grid:
    grid: Grid = []
    for r, line in enumerate(block):
        raw = line.strip().strip("|").split("|") if pipe else line.strip().split("\t")
        grid.append(
            [
                GridCell(r * 10_000 + c, cell_text(text), pipe and r == 0)
                for c, text in enumerate(raw)
            ]
        )
    return grid
