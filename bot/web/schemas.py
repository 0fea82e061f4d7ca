"""Pydantic models of the HTTP API: they validate requests and document responses (/docs)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from rag.text.edge import clean_nested

MAX_SESSION_ID_CHARS = 128


class AskRequest(BaseModel):
    question: str = Field(
        description="the question, in Chinese", examples=["某市对新设立的企业有什么支持?"]
    )
    session_id: str | None = Field(
        None,
        max_length=MAX_SESSION_ID_CHARS,
        description="follow-up questions in the same session resolve against earlier ones",
    )

    @field_validator("question", "session_id", mode="before")
    @classmethod
    def cleaned(cls, value: object) -> object:
        """Surrogates and control characters go before validation (it would refuse them)."""
        return clean_nested(value)

    @field_validator("question")
    @classmethod
    def question_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("问题不能为空 (question must not be empty)")
        return value

    @field_validator("session_id")
    @classmethod
    def session_id_not_blank(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


class CitationOut(BaseModel):
    doc_id: str
    title: str
    city: str | None
    issuer: str | None
    date: str | None
    clause: str = Field(description="human-readable path with the clause number")
    clause_id: str
    quote: str = Field(description="verbatim text of the cleaned source")
    source: str
    start: int = Field(description="offset of the quote in the document's cleaned text")
    end: int


class AnswerOut(BaseModel):
    question: str
    answer: str
    refused: bool = Field(description="true when the indexed policies don't cover the question")
    mode: Literal["extractive", "llm"]
    citations: list[CitationOut]
    direct: str | None = Field(description="the one-line fact, when there is one")
    verified: bool
    fallback_reason: str | None
    session_id: str | None
    plain_text: str = Field(description="answer with numbered sources, ready to paste")


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    city: str | None
    issuer: str | None
    date: str | None
    doc_number: str | None
    status: str
    kind: str
    source: str
    truncated: bool
    clause_count: int = Field(description="-1 when not counted")


class DocumentList(BaseModel):
    documents: list[DocumentOut]
    cities: list[str]


class ClauseRef(BaseModel):
    clause_id: str
    number: str | None
    heading: str | None
    label: str
    preview: str = Field(description="the first characters of the clause text")


class TreeNode(BaseModel):
    kind: Literal["section", "clause"]
    title: str | None = None  # sections
    children: list[TreeNode] | None = None  # sections
    clause_id: str | None = None  # clauses
    number: str | None = None
    heading: str | None = None
    label: str | None = None
    preview: str | None = None


class DocumentDetail(BaseModel):
    document: DocumentOut
    tree: list[TreeNode] = Field(description="clauses nested under their headings, in order")


class SentenceOut(BaseModel):
    text: str
    start: int
    end: int


class ClauseOut(ClauseRef):
    doc_id: str
    path: list[str]
    text: str = Field(description="exact cleaned text of the clause")
    start: int
    end: int
    ordinal: int
    departments: list[str]
    sentences: list[SentenceOut]
    source: str
    document: DocumentOut
    prev: ClauseRef | None
    next: ClauseRef | None


class SpanOut(BaseModel):
    start: int
    end: int


class SearchHitOut(ClauseRef):
    doc_id: str
    title: str
    city: str | None
    issuer: str | None
    date: str | None
    status: str
    text: str
    score: float
    highlights: list[tuple[int, int]] = Field(description="[start, end) spans in `text`")
    sentence: SpanOut | None = Field(description="best matching sentence, offsets in `text`")


class SearchResult(BaseModel):
    query: str
    city: str | None
    hits: list[SearchHitOut]
    notice: str | None = Field(None, description="why there are no hits, when known")


class Health(BaseModel):
    status: Literal["ok"]
    documents: int
    channels: list[str] = Field(description="bot webhooks mounted: telegram, wecom")


class ExamplesOut(BaseModel):
    question: str | None = Field(description="a question the index answers, built from it")
    clause_question: str | None = Field(
        description="a question asking for one indexed clause in full"
    )
    document: str | None = Field(description="a short name that finds one indexed document")
    clause_number: str | None = Field(description="a clause number in that document")


class ErrorOut(BaseModel):
    error: str = Field(description="machine-readable code")
    message: str = Field(description="what went wrong and how to fix it")


class ChangeOut(BaseModel):
    added: int
    changed: int
    removed: int


class FileOutcome(BaseModel):
    file: str = Field(description="the uploaded file's name")
    status: Literal["indexed", "duplicate", "error"]
    message: str = Field(description="what happened to this file, in words")
    documents: list[str] = Field(description="titles of the documents indexed from it")


class IndexResult(BaseModel):
    switched: bool = Field(description="true when a new index generation is now served")
    generation: str | None
    documents: ChangeOut
    clauses: ChangeOut
    total_documents: int
    total_clauses: int
    files: list[FileOutcome] = Field(description="one entry per uploaded file (uploads only)")
    problems: list[str] = Field(description="every error or notice of the run, in words")


class AdminDocument(DocumentOut):
    file: str = Field(description="the source file's name")


class AdminDocumentList(BaseModel):
    documents: list[AdminDocument]
    generation: str
