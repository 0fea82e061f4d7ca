"""Facets of a document beyond title and date: issuers, validity, expiry, kind.

Each reads the portal fields first (what the page states), then the text.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from rag.ingest.page_fields import status_of
from rag.lexicon.portal import (
    DOCUMENT_KIND_WORDS,
    FORM_TITLE,
    GUIDE_TITLE,
    MEDIA_SOURCES,
    NEWS_COLUMN,
)

_ISSUER_SUFFIX = "人民政府|政府|办公室|办公厅|局|委员会|委|厅|管委会|中心|联合会|院|署|部|会"
_ONE_ISSUER = re.compile(rf"^[\u4e00-\u9fff()（）]{{2,40}}?({_ISSUER_SUFFIX})$")
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_DRAFT = re.compile(r"征求意见稿|草案|征求.{0,60}意见")


def split_issuers(issuer: str | None) -> tuple[str, ...]:
    """The bodies of a joint issuer line ("甲局 乙局", "甲局,乙局"), each as printed."""
    if not issuer:
        return ()
    parts = [part for part in _SEPARATORS.split(issuer) if part]
    if len(parts) > 1 and all(_ONE_ISSUER.match(part) for part in parts):
        return tuple(parts)
    return (issuer,)


def government_source(source: str | None) -> str | None:
    """A byline 来源 that names government bodies (not a newspaper) can stand for the issuer:
    every body it lists when all are bodies ("甲局  乙中心"), else the first."""
    if not source:
        return None
    source = re.sub(r"^本网|[(（][^()（）]*[)）]$", "", source.strip())
    parts = source.split()
    if not parts or MEDIA_SOURCES.search(source) or not _ONE_ISSUER.match(parts[0]):
        return None
    return " ".join(parts) if all(_ONE_ISSUER.match(part) for part in parts) else parts[0]


def validity(title: str, portal: dict[str, str]) -> str | None:
    """有效/失效 from the page's validity field; 征求意见稿/试行 from the title."""
    if stated := status_of(portal.get("有效性", "")):
        return stated
    if _DRAFT.search(title):
        return "征求意见稿"
    return "试行" if "试行" in title else None


def expiry(portal_expiry: str | None, effective: str | None, years: int | None) -> str | None:
    """The 失效日期 a page states, else the last day of a 有效期 counted from the effective date."""
    if portal_expiry or not (effective and years):
        return portal_expiry
    start = date.fromisoformat(effective)
    try:
        end = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + years, day=28)
    return (end - timedelta(days=1)).isoformat()


def page_kind(title: str, portal: dict[str, str], kind: str) -> str:
    """form / guide / news when the title, byline or column says so, else the kind from the
    title. A page in a news column is news unless its title names a document kind (文种)."""
    source, column = portal.get("来源"), portal.get("栏目", "")
    if FORM_TITLE.search(title):
        return "form"
    if source and MEDIA_SOURCES.search(source):
        return "news"
    if kind == "policy" and GUIDE_TITLE.search(title):
        return "guide"
    if kind == "policy" and NEWS_COLUMN.search(column) and not DOCUMENT_KIND_WORDS.search(title):
        return "news"
    return kind
