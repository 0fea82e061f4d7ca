"""A portal page's metadata: the box of labelled fields, the <meta> tags, the title.

Labels are matched by meaning (`rag.lexicon.portal`), never by one portal's exact keys; a
value that cannot be what its label says is dropped. Also the page-text helpers every HTML
rule shares (white space, line breaks of the source).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from rag.lexicon.portal import (
    CHROME_LINES,
    CHROME_PREFIXES,
    COLUMN_TAG,
    META_FIELDS,
    SITE_PREFIX,
    SITE_SUFFIX,
    STATUS_WORDS,
    label_index,
    label_pattern,
)

SKIP_TAGS = ("script", "style", "noscript", "template", "iframe", "select", "option", "button")
_NOT_METADATA_TAGS = frozenset({*SKIP_TAGS, "form", "nav", "header", "footer"})  # search forms
_DATE = re.compile(r"\d{4}\s*[-年./]\s*\d{1,2}")
_DATE_FIELDS = frozenset({"成文日期", "发布日期", "实施日期", "失效日期"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
SOURCE_BREAK = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"[ \t\r\f\u00a0]+")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]")
_LABEL_VALUE = re.compile(rf"({label_pattern()})\s*[:：]")
_SCRIPT_STATUS = re.compile(r"""\b\w*status\w*\s*=\s*['"]([^'"]{1,20})['"]""", re.IGNORECASE)
_MAX_VALUE = 120
_MIN_TITLE = 4


def tidy(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def collapse_source_breaks(text: str) -> str:
    """A line break in HTML source is white space; between Chinese characters it is nothing."""

    def replacement(match: re.Match[str]) -> str:
        before = text[match.start() - 1 : match.start()]
        after = text[match.end() : match.end() + 1]
        return "" if not before or not after or _CJK.match(before) or _CJK.match(after) else " "

    return SOURCE_BREAK.sub(replacement, text)


def _is_hidden(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(str(tag.get("style") or "")))


def script_status(page: BeautifulSoup) -> str | None:
    """A validity a script writes into the page (`file_status = '失效'`), as a status word."""
    for script in page.find_all("script"):
        for value in _SCRIPT_STATUS.findall(script.get_text()):
            if status := status_of(value):
                return status
    return None


def status_of(value: str) -> str | None:
    """有效 / 失效 / 试行 / 征求意见稿 for a validity text, None when it names none."""
    return next((status for word, status in STATUS_WORDS if word in value), None)


def visible_tokens(root: Tag | BeautifulSoup) -> list[str]:
    """The page's visible text pieces in document order, white space tidied."""
    tokens: list[str] = []
    for child in root.children:
        if isinstance(child, Tag):
            if child.name not in _NOT_METADATA_TAGS and not _is_hidden(child):
                tokens.extend(visible_tokens(child))
        elif type(child) is NavigableString and (token := tidy(str(child))):
            tokens.append(token)
    return tokens


def portal_fields(tokens: list[str]) -> dict[str, str]:
    """Metadata fields from `label: value` pieces, a label and its value possibly apart."""
    labels = label_index()
    fields: dict[str, str] = {}
    for index, token in enumerate(tokens):
        compact = re.sub(r"\s+", "", token).rstrip(":：")
        if compact in labels:
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if following and not _starts_with_label(following):
                _put(fields, labels[compact], following)
            continue
        for field, value in _inline_fields(token):
            _put(fields, field, value)
    return fields


def _starts_with_label(token: str) -> bool:
    compact = re.sub(r"\s+", "", token).rstrip(":：")
    return compact in label_index() or bool(_LABEL_VALUE.match(token))


def _inline_fields(token: str) -> list[tuple[str, str]]:
    """`发布日期：2022-05-06 文章来源：某局` -> both fields; only at the start of a piece."""
    matches = list(_LABEL_VALUE.finditer(token))
    if not matches or matches[0].start() != 0:
        return []
    found = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(token)
        label = re.sub(r"\s+", "", match.group(1))
        found.append((label_index()[label], token[match.end() : end].strip()))
    return found


def _put(fields: dict[str, str], field: str, value: str) -> None:
    value = value.strip()
    if value and len(value) <= _MAX_VALUE and not fields.get(field) and _fits(field, value):
        fields[field] = value


def _fits(field: str, value: str) -> bool:
    """A value that cannot be what the label says (a filter option, a button) is not kept."""
    if field in _DATE_FIELDS:
        return bool(_DATE.search(value))
    if field == "有效性":
        return status_of(value) is not None
    if field == "标题":
        return clean_title(value) is not None and len(value) >= _MIN_TITLE + 2
    return not value.startswith(("【", "[")) and value not in CHROME_LINES


def meta_fields(page: BeautifulSoup) -> dict[str, str]:
    """The fields a government site states in its page's <meta> tags (publication date,
    site name, column): the same on every page of the site, whatever its layout."""
    fields: dict[str, str] = {}
    for name, field in META_FIELDS.items():
        meta = page.find("meta", attrs={"name": name})
        value = tidy(str(meta.get("content") or "")) if isinstance(meta, Tag) else ""
        if value and _fits(field, value):
            fields[field] = value
    return fields


def page_title(page: BeautifulSoup) -> str | None:
    """The article's title: the page's ArticleTitle/og:title, its h1, else <title>."""
    candidates: list[str] = []
    for name in ("ArticleTitle", "og:title", "title"):
        meta = page.find("meta", attrs={"name": name}) or page.find(
            "meta", attrs={"property": name}
        )
        if isinstance(meta, Tag) and meta.get("content"):
            candidates.append(str(meta["content"]))
    candidates.extend(h1.get_text("") for h1 in page.find_all("h1"))
    if page.title and page.title.string:
        candidates.append(str(page.title.string))
    for candidate in candidates:
        if title := clean_title(candidate):
            return title
    return None


def clean_title(text: str) -> str | None:
    """A page title without the site name and column tag; None for chrome."""
    title = tidy(collapse_source_breaks(text))
    title = SITE_PREFIX.sub("", SITE_SUFFIX.sub("", title))
    title = COLUMN_TAG.sub("", title).strip()
    if len(title) < _MIN_TITLE or title in CHROME_LINES or title.startswith(CHROME_PREFIXES):
        return None
    if ">" in title or "<" in title or not _CJK.search(title):
        return None
    return title
