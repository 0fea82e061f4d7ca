"""Document metadata: title, issuer, date, 文号, status, kind, city, truncation.

Facts come from the text or the portal fields only; a field the text does not give stays
None (a document split out of a file inherits what its sibling notice states).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from rag.ingest.attachments import addressees
from rag.ingest.facets import expiry, government_source, page_kind, split_issuers, validity
from rag.ingest.history import NO_HISTORY, History, effective_date, term_years
from rag.ingest.jurisdiction import document_chain, reconcile_place
from rag.lexicon.divisions import is_national
from rag.lexicon.places import city_spans

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d{1,4}\s*号")
_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DECREE_NUMBER = re.compile(r"^第\s*\d{1,4}\s*号$")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ISSUER_SUFFIX = "人民政府|办公室|办公厅|局|委员会|委|厅|管委会|中心"
SIGNATURE = re.compile(rf"^[\u4e00-\u9fff()]{{4,25}}({_ISSUER_SUFFIX})$")  # "日照市科学技术局"
_HEADER_ISSUER = re.compile(rf"^([\u4e00-\u9fff()]{{4,25}}({_ISSUER_SUFFIX}))文件$")
_EDGE_LINES = 8  # a signature stands at the end of a document (a 文件 header at its start)
_TITLE_ISSUER = re.compile(r"^(.{1,30}?(人民政府|政府|办公室|办公厅|局|委员会|委|厅))关于")
_DRAFT = re.compile(r"征求意见稿|草案|征求.{0,60}意见")
_KINDS = (
    ("interpretation", re.compile(r"解读|起草说明")),
    ("notice", re.compile(r"(通知|公告|通告|函)$")),
    ("plan", re.compile(r"规划")),
    ("workplan", re.compile(r"工作要点|工作方案|行动方案|实施方案|行动计划")),
)
_WRITTEN_DATE_KEY = "成文日期"  # canonical names (rag.lexicon.portal)
_PAGE_DATE_KEY = "发布日期"
_PORTAL_ISSUER_KEYS = ("发布机构",)
_PORTAL_NUMBER_KEYS = ("文号",)
_HEAD_LINES = 6
_ISSUING_NOTICE = re.compile(r"关于(印发|转发|发布)")
# A city mentioned as a partner is not the document's own city.
_PARTNER_BEFORE = re.compile(r"(与|和|同|向|赴|到|至|、|对接|融入|承接|学习|借鉴|联合)$")
_PARTNER_AFTER = frozenset("和与、及")


@dataclass(frozen=True)
class Metadata:
    title: str
    issuer: str | None
    date: str | None
    doc_number: str | None
    status: str
    kind: str
    city: str | None
    truncated: bool
    issuers: tuple[str, ...] = ()
    effective: str | None = None
    expires: str | None = None
    validity: str | None = None
    place: str | None = None
    place_chain: tuple[str, ...] = ()
    # the page's publication date: the date only when neither this text nor a document of
    # the same file is dated (a 公文's date is when it was written or passed)
    page_date: str | None = None
    addressees: str | None = None  # 主送机关 as printed


def describe(
    text: str,
    title: str | None,
    portal: dict[str, str],
    fallback_title: str,
    history: History = NO_HISTORY,
) -> Metadata:
    """Metadata of one document from its text, its title line, the file's portal fields and a
    regulation's history lines."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    name = title or fallback_title
    head_number, head_issuer = _head_decree(lines)
    issuer = (
        _title_issuer(name)  # GB/T 9704 title: 发文机关 + 关于 + 事由 (a portal may be a reposter)
        or _portal(portal, _PORTAL_ISSUER_KEYS)
        or history.issuer
        or head_issuer
        or _signature(lines)
        or government_source(portal.get("来源"))
    )
    city = detect_city(name, issuer, text)
    if issuer in ("市政府", "市人民政府") and city:
        issuer = f"{city}市人民政府"  # "市政府关于…" is the city's people's government
    effective = _iso(portal.get("实施日期")) or effective_date(text, history.published)
    number = _portal(portal, _PORTAL_NUMBER_KEYS) or history.decree or head_number
    kind = next((kind for kind, pattern in _KINDS if pattern.search(name)), "policy")
    city, chain = reconcile_place(city, document_chain(name, issuer, text, portal.get("网站")))
    return Metadata(
        title=name,
        issuer=issuer,
        date=history.date or _signature_date(lines) or _iso(portal.get(_WRITTEN_DATE_KEY)),
        page_date=_iso(portal.get(_PAGE_DATE_KEY)),
        addressees=addressees(lines),
        doc_number=re.sub(r"\s+", "", number) if number else None,
        status="征求意见稿" if _DRAFT.search(name) else "正式",
        kind=page_kind(name, portal, kind),
        city=city,
        truncated=text.rstrip().endswith(("……", "…", "...")),
        issuers=split_issuers(issuer),
        effective=effective,
        expires=expiry(_iso(portal.get("失效日期")), effective, term_years(text)),
        validity=validity(name, portal),
        place=chain[0] if chain else None,
        place_chain=chain,
    )


def inherit(documents: list[Metadata]) -> list[Metadata]:
    """Documents split out of one file take issuer, date and city from a sibling that has them."""

    def first(field: str) -> str | None:
        return next((getattr(doc, field) for doc in documents if getattr(doc, field)), None)

    shared = {field: first(field) for field in ("issuer", "date", "city", "effective", "expires")}
    sibling_place = next((doc for doc in documents if doc.place), documents[0])
    cover = documents[0]
    if _ISSUING_NOTICE.search(cover.title) and cover.issuer:
        # what a 印发/转发 notice issues is issued by the notice's issuer
        documents = [replace(doc, issuer=cover.issuer, issuers=cover.issuers) for doc in documents]
    draft = any(doc.status == "征求意见稿" and doc.kind == "notice" for doc in documents)
    return [
        replace(
            doc,
            issuer=doc.issuer or shared["issuer"],
            issuers=doc.issuers or split_issuers(shared["issuer"]),
            date=doc.date or shared["date"] or doc.page_date,
            effective=doc.effective or shared["effective"],
            expires=doc.expires or shared["expires"],
            city=doc.city or shared["city"],
            place=doc.place or sibling_place.place,
            place_chain=doc.place_chain or sibling_place.place_chain,
            status="征求意见稿" if draft else doc.status,
        )
        for doc in documents
    ]


def detect_city(title: str, issuer: str | None, body: str) -> str | None:
    """The city a document belongs to: named in its title or issuer, else the body's main one
    (unless the title or issuer is the country's: a national law names cities only as
    examples, and a city's name can stand inside another word)."""
    for text in (title, issuer or ""):
        named = _names(text)
        if named:
            return named[0]
    if is_national(title, issuer):
        return None
    counts = Counter(_names(body, own_only=True))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None  # no clear main city: better none than a wrong one
    return ranked[0][0]


def _names(text: str, own_only: bool = False) -> list[str]:
    """City names in `text`; `own_only` skips partners ("对接上海", "与上海和苏南")."""
    return [
        text[start:end].removesuffix("市")
        for start, end in city_spans(text)
        if not (own_only and _is_partner_mention(text, start, end))
    ]


def _is_partner_mention(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 2) : start], text[end : end + 1]
    return bool(_PARTNER_BEFORE.search(before)) or after in _PARTNER_AFTER


def _portal(portal: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((portal[key] for key in keys if portal.get(key)), None)


def _signature(lines: list[str]) -> str | None:
    for line in reversed(lines[-_EDGE_LINES:]):
        if SIGNATURE.match(line):
            return line
    for line in lines[:3]:
        if match := _HEADER_ISSUER.match(line):
            return match.group(1)
    return None


def _title_issuer(title: str) -> str | None:
    match = _TITLE_ISSUER.match(title)
    return match.group(1) if match else None


def _signature_date(lines: list[str]) -> str | None:
    for line in [*reversed(lines[-_EDGE_LINES:]), *lines[:3]]:
        if len(line) <= 12 and (iso := _iso(line)):
            return iso
    return None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    match = _CN_DATE.search(value) or _ISO_DATE.search(value) or _COMPACT_DATE.match(value)
    if not match:
        return None
    year, month, day = (int(group) for group in match.groups())
    if not (1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _head_decree(lines: list[str]) -> tuple[str | None, str | None]:
    """ "某市人民政府令" over "第N号" in the head: the 令 number and the body that issued it."""
    for line, following in itertools.pairwise(lines[: _HEAD_LINES + 1]):
        if line.endswith("令") and (match := _DECREE_NUMBER.match(following)):
            return line + match.group(0), line.removesuffix("令")
    return _head_doc_number(lines), None


def _head_doc_number(lines: list[str]) -> str | None:
    for line in lines[:_HEAD_LINES]:
        if (match := _DOC_NUMBER.search(line)) and len(line) <= len(match.group()) + 2:
            return match.group()  # a line of its own, not a document the text cites
    return None
