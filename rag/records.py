"""Typed records shared by every pipeline stage and every adapter.

Ids are content hashes so that rebuilding the index from the same sources keeps
every citation (and every permalink, callback button, session reference) stable.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

PATH_SEPARATOR = " › "

DocumentStatus = Literal["征求意见稿", "正式"]
AnswerMode = Literal["extractive", "llm"]


def content_hash(*parts: str, length: int = 16) -> str:
    """Hex sha256 over the parts, joined unambiguously, truncated to `length`."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def normalise_for_id(text: str) -> str:
    """NFKC and no white space: cosmetic re-cleaning must not change an id."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def searchable_text(text: str, columns: tuple[str, ...] | list[str]) -> str:
    """A clause's text with its column headers after it (a table row); else the text."""
    return f"{text}\n{' '.join(columns)}" if columns else text


@dataclass(frozen=True)
class Sentence:
    """One sentence of a clause; `start`/`end` are offsets in the cleaned document."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One citable policy document (a file may hold several: notice, policy, 解读)."""

    doc_id: str
    title: str
    text: str  # the cleaned text every clause span points into
    source: str  # file path as indexed
    content_hash: str  # hash of the raw file bytes the document came from
    city: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    doc_number: str | None = None  # 文号
    status: DocumentStatus = "正式"
    kind: str = "policy"  # policy | notice | interpretation | workplan | plan …
    truncated: bool = False
    part: int = 0  # position of this document inside its source file
    issuers: tuple[str, ...] = ()  # each issuing body of a joint document, as printed
    effective: str | None = None  # ISO date the document takes effect (施行/实施)
    expires: str | None = None  # ISO date it stops applying (失效日期, or 有效期 from effective)
    validity: str | None = None  # 有效 | 失效 | 试行 | 征求意见稿 when the page or title says so
    place: str | None = None  # jurisdiction's full name: 天河区, 广州市, 广东省, 全国
    place_chain: tuple[str, ...] = ()  # the place and its parents: (天河区, 广州市, 广东省)
    attached_to: str | None = None  # an attachment (附件): the doc_id of the document it belongs to
    addressees: str | None = None  # 主送机关 as printed: "各区人民政府，市政府各部门"

    @staticmethod
    def make_id(source_name: str, part: int, title: str) -> str:
        return content_hash(source_name, str(part), normalise_for_id(title))


class DocumentList(list[Document]):
    """The documents of one served generation. `views` keeps what a layer derives from all
    of them (`rag.query.view`), so it is worked out once per generation, not per question;
    the list is never changed once served."""

    def __init__(self, documents: Iterable[Document] = ()) -> None:
        super().__init__(documents)
        self.views: dict[str, object] = {}


@dataclass(frozen=True)
class Clause:
    """The smallest citable unit: a numbered item, a paragraph under a heading …"""

    clause_id: str
    doc_id: str
    path: tuple[str, ...]  # headings above the clause, outermost first
    number: str | None  # the clause's own label: "14", "(三)", "一是", "专栏3" …
    heading: str | None  # leading title sentence, e.g. "完善风险投资体系和机制"
    text: str  # exact cleaned text == document.text[start:end]
    start: int
    end: int
    ordinal: int  # position of the clause in its document, from 0
    departments: tuple[str, ...] = ()  # from a trailing "(市科技局、市财政局按职责分工负责)"
    sentences: tuple[Sentence, ...] = ()
    prev_id: str | None = None
    next_id: str | None = None
    # a table row's column headers, one per cell of `text` (cells joined by " | "): searched
    # with the text, never quoted
    columns: tuple[str, ...] = ()

    @staticmethod
    def make_id(doc_id: str, path: tuple[str, ...], number: str | None, text: str) -> str:
        return content_hash(doc_id, PATH_SEPARATOR.join(path), number or "", normalise_for_id(text))

    @property
    def searchable(self) -> str:
        """What search matches: the text, and a table row's column headers."""
        return searchable_text(self.text, self.columns)

    @property
    def label(self) -> str:
        """Human-readable location: the path and, when numbered, '第N条'."""
        parts = list(self.path)
        if self.number:
            parts.append(f"第{self.number}条" if self.number.isdigit() else self.number)
        if not parts:
            # an unheaded paragraph (a notice's body) is still cited by where it stands
            parts.append(f"第{self.ordinal + 1}段")
        return PATH_SEPARATOR.join(parts)


@dataclass(frozen=True)
class Hit:
    """A retrieved clause with its fused score and the rank each retriever gave it."""

    clause: Clause
    score: float
    ranks: dict[str, int] = field(default_factory=dict, hash=False, compare=False)
    sentence: Sentence | None = None  # best sentence for quoting, when known
    # the asked fact inside the quoted sentence(s), as document offsets, found once by ranking
    fact: tuple[int, int] | None = None
    highlights: tuple[tuple[int, int], ...] = ()  # [start, end) in clause.text a search matched


@dataclass(frozen=True)
class Citation:
    """A verbatim quote and where it stands. `quote == document.text[start:end]`."""

    doc_id: str
    title: str
    city: str | None
    issuer: str | None
    date: str | None
    clause: str  # human-readable path with the clause number
    clause_id: str
    quote: str
    source: str
    start: int
    end: int

    def to_json(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "city": self.city,
            "issuer": self.issuer,
            "date": self.date,
            "clause": self.clause,
            "clause_id": self.clause_id,
            "quote": self.quote,
            "source": self.source,
        }


@dataclass(frozen=True)
class Answer:
    """What every adapter renders. `refused` means the indexed policies don't cover it."""

    question: str
    answer: str
    refused: bool
    mode: AnswerMode = "extractive"
    citations: tuple[Citation, ...] = ()
    direct: str | None = None  # the one-line fact, e.g. "最高200万元", when there is one
    verified: bool = True
    fallback_reason: str | None = None
    session_id: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "mode": self.mode,
            "citations": [c.to_json() for c in self.citations],
            "direct": self.direct,
            "verified": self.verified,
            "fallback_reason": self.fallback_reason,
        }
