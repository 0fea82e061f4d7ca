"""Loaders: file bytes in, raw text out (one line per paragraph where the format knows one).

Each format goes through a well-kept library; anything we cannot read becomes an
`IngestError` whose message names the file and the reason, never a partial text.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import PurePath

from charset_normalizer import from_bytes

from rag.ingest.docx_numbering import ListNumbering
from rag.ingest.html import load_html
from rag.ingest.layout import drop_page_numbers, strip_markdown, unwrap_layout
from rag.ingest.tables import Grid, GridCell, cell_text, table_lines, text_table_lines

SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".docx", ".pdf", ".html", ".htm"})

_ENCODINGS = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "utf_16")


class IngestError(Exception):
    """A file we cannot turn into documents; `str(error)` is one line naming file and reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def load_text(data: bytes, source: str) -> str:
    """The text of `data`, read by the loader the suffix of `source` selects."""
    suffix = PurePath(source).suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        supported = " ".join(sorted(SUPPORTED_SUFFIXES))
        raise IngestError(source, f"unsupported file type {suffix or '(none)'} ({supported})")
    if not data.strip():
        raise IngestError(source, "empty file")
    text = loader(data, source)
    if not text.strip():
        raise IngestError(source, "no text in file")
    return text


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM) first, else the encoding charset-normalizer detects."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(_ENCODINGS)).best()
    if best is None:
        raise IngestError(source, "undecodable text (not UTF-8, GB18030/GBK or Big5)")
    text = str(best)
    if _looks_binary(text):
        raise IngestError(source, "binary file, not text")
    return text


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls > max(2, len(text) // 100)


def load_docx(data: bytes, source: str) -> str:
    """Paragraphs and tables in document order; a table row becomes one line."""
    from docx import Document as open_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from rag.ingest.limits import check_zip_size

    check_zip_size(data, source)
    try:
        document = open_docx(io.BytesIO(data))
    except Exception as error:  # python-docx raises zipfile/KeyError/lxml errors alike
        raise IngestError(source, f"not a readable .docx ({type(error).__name__})") from error
    numbering = ListNumbering(document)
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            lines.append(numbering.label(paragraph) + paragraph.text)
        elif tag == "tbl":
            lines.extend(_table_rows(Table(element, document)))
    return "\n".join(lines)


def _table_rows(table: object) -> list[str]:
    """The table's lines (`rag.ingest.tables`): python-docx gives each grid position its cell,
    a merged cell in every position it covers."""
    grid: Grid = []
    for row in table.rows:  # type: ignore[attr-defined]
        header = bool(row._tr.xpath("./w:trPr/w:tblHeader"))  # "repeat as header row"
        grid.append([GridCell(id(cell._tc), cell_text(cell.text), header) for cell in row.cells])
    return table_lines(grid)


def load_pdf(data: bytes, source: str) -> str:
    """The text layer of every page; a PDF without one is refused, not silently empty."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(source, "encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PyPdfError, ValueError, KeyError, OSError) as error:
        raise IngestError(source, f"not a readable PDF ({type(error).__name__})") from error
    text = unwrap_layout(drop_page_numbers("\n".join(pages)))
    if not text.strip():
        raise IngestError(source, "PDF has no text layer (scanned?)")
    return text


def load_plain_text(data: bytes, source: str) -> str:
    """A text file; a pipe or tab-separated table in it is rendered like any table."""
    return "\n".join(text_table_lines(decode_text(data, source).split("\n")))


_LOADERS: dict[str, Callable[[bytes, str], str]] = {
    ".txt": load_plain_text,
    ".md": lambda data, source: strip_markdown(decode_text(data, source)),
    ".docx": load_docx,
    ".pdf": load_pdf,
    ".html": load_html,
    ".htm": load_html,
}
