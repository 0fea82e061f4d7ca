"""Portal pages: the article body (trafilatura) plus the page's metadata, as lines.

trafilatura picks the main content and leaves out navigation, footers, share widgets and
hidden copies of the text; our renderer turns its HTML into one paragraph per line; a data
table is rendered from the page itself (`html_tables`). The page's metadata box (索引号,
发布机构, 成文日期, 文件状态 …) and its <meta> fields are read from the whole page
(`page_fields`) and written in front of the body as `字段:值` lines, which cleaning takes out
again as portal metadata.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from rag.ingest.html_tables import put_tables_back, swap_tables_for_placeholders
from rag.ingest.page_fields import (
    SKIP_TAGS,
    SOURCE_BREAK,
    collapse_source_breaks,
    meta_fields,
    page_title,
    portal_fields,
    script_status,
    tidy,
    visible_tokens,
)

_CHROME_TAGS = ("nav", "header", "footer", "aside", "form")
_CHROME_NAME = re.compile(
    r"(^|[-_\s])(nav|navbar|menu|breadcrumb|crumbs?|footer|header|topbar|sidebar|share|toolbar)"
    r"($|[-_\s])",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "tr",
        "table",
        "section",
        "article",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "br",
    ]
)


def load_html(data: bytes, source: str) -> str:
    """Metadata lines (`字段:值`) followed by the article body, one paragraph per line."""
    from rag.ingest.limits import check_html_depth  # limits imports the loaders' error type

    check_html_depth(data, source)  # a pathologically deep page costs one line, fast
    page = BeautifulSoup(data, "lxml")
    status = script_status(page)
    for text in page.find_all(string=SOURCE_BREAK):
        if type(text) is NavigableString and text.find_parent("pre") is None:
            text.replace_with(collapse_source_breaks(str(text)))
    fields = {**meta_fields(page), **portal_fields(visible_tokens(page.body or page))}
    if status and not fields.get("有效性"):
        fields["有效性"] = status
    title = fields.get("标题") or page_title(page)
    if title:
        fields["标题"] = title
    tables = swap_tables_for_placeholders(page, _cell_text)
    body = put_tables_back(article_text(str(page)) or _page_without_chrome(page), tables)
    head = [f"{field}:{value}" for field, value in fields.items() if value]
    return "\n".join([*head, body])


def article_text(data: str) -> str:
    """The main content as trafilatura finds it, rendered one paragraph per line."""
    import trafilatura  # imported on first use: it takes ~0.4 s to load

    html = trafilatura.extract(
        data,
        output_format="html",
        include_tables=True,
        include_comments=False,
        favor_recall=True,
    )
    if not html:
        return ""
    soup = BeautifulSoup(html, "lxml")
    blocks = soup.find_all(["p", "table", "ul", "ol", "h1", "h2", "h3", "h4", "blockquote"])
    if len(blocks) == 1 and "\n" in blocks[0].get_text().strip():
        return ""  # trafilatura's last resort: the page's whole text in one block, chrome and all
    return render(soup)


def _page_without_chrome(page: BeautifulSoup) -> str:
    """The whole page less what its tags, classes or ids call navigation (trafilatura found
    no article: a very small or unusual page)."""
    for element in page.find_all(_CHROME_TAGS):
        element.decompose()
    for element in page.find_all(_is_chrome_container):
        element.decompose()
    return render(page.body or page)


def _is_chrome_container(tag: Tag) -> bool:
    if tag.name in ("html", "body") or tag.attrs is None:
        return False
    classes: object = tag.get("class") or []
    names = " ".join(
        [*(classes if isinstance(classes, list) else [str(classes)]), str(tag.get("id") or "")]
    )
    return bool(names.strip()) and bool(_CHROME_NAME.search(names))


def render(root: Tag | BeautifulSoup) -> str:
    """Text with a line per block element; a row of a layout table is one line of its cells
    (a data table was swapped for a placeholder line already)."""
    lines: list[str] = []
    _render_into(root, lines, [""])
    return "\n".join(line for line in (tidy(line) for line in lines) if line)


def _render_into(node: Tag | BeautifulSoup, lines: list[str], current: list[str]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment or CDATA
                current[0] += collapse_source_breaks(str(child))
            continue
        if not isinstance(child, Tag) or child.name in SKIP_TAGS:
            continue
        if child.name == "tr":
            _flush(lines, current)
            cells = [_cell_text(cell) for cell in child.find_all(["td", "th"], recursive=False)]
            lines.append(" ".join(cell for cell in cells if cell))
            continue
        block = child.name in _BLOCK_TAGS
        if block:
            _flush(lines, current)
        _render_into(child, lines, current)
        if block:
            _flush(lines, current)


def _cell_text(cell: Tag) -> str:
    """A table cell's text on one line: paragraphs inside a cell are not lines of the page."""
    parts = [tidy(collapse_source_breaks(text)) for text in cell.find_all(string=True)]
    return "".join(part for part in parts if part)


def _flush(lines: list[str], current: list[str]) -> None:
    if current[0].strip():
        lines.append(current[0])
    current[0] = ""
