"""Where a document states its own record: 文号, issuer, dates, validity, adopting meeting.

A question about a document itself is answered by quoting the place that says it: the
page's record block (`rag.ingest.record_block`), the 施行 article, a regulation's history
lines, the 落款. Every finder returns spans of `document.text` inside one clause, so the
answer quotes and states only what the document shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from rag.lexicon.cues import (
    AMENDMENT_ORDINAL,
    AMENDMENT_WORDS,
    DATE_AT_END,
    RECORD_LINES,
    RECORD_STATEMENTS,
    REPEAL_WORD,
)
from rag.lexicon.portal import PRINTING_LINE, RECORD_HEADING, SIGNATURE_HEADING
from rag.records import Clause, Document

SHORT_CLAUSE = 80  # a 落款 line is short; a clause that merely mentions the issuer is not
# Fields the page's record states more exactly than any sentence (a 施行 or 印发 sentence
# says more than a bare date, so for those the document's own words come first).
RECORD_FIRST = frozenset({"doc_number", "issuer"})


@dataclass(frozen=True)
class Statement:
    """One place a document states a record field: quote `start:end`, state `value`."""

    document: Document
    clause: Clause
    start: int
    end: int
    value_start: int
    value_end: int

    @property
    def value(self) -> str:
        return self.document.text[self.value_start : self.value_end]

    @property
    def quote(self) -> str:
        return self.document.text[self.start : self.end]


Family = Sequence[tuple[Document, Sequence[Clause]]]  # the documents of one file, in order


def statements(field: str, family: Family, question: str) -> list[Statement]:
    """Where the file states `field`, best first (empty when it never does)."""
    finders = {
        "doc_number": _doc_number,
        "issuer": _issuer,
        "effective": _effective,
        "validity": _validity,
        "adopted": _adopted,
        "issued": _issued,
    }
    in_words = finders[field](family, question)
    recorded = list(_record_lines(field, family))
    return _distinct(recorded + in_words if field in RECORD_FIRST else in_words + recorded)


def _record_lines(field: str, family: Family) -> Iterator[Statement]:
    for document, clauses in family:
        for clause in clauses:
            if clause.path != (RECORD_HEADING,):
                continue
            for label in RECORD_LINES[field]:
                line = re.compile(rf"^{label}：(.+)$", re.MULTILINE)
                for match in line.finditer(document.text, clause.start, clause.end):
                    yield _statement(document, clause, match.span(), match.span(1))


def _doc_number(family: Family, question: str) -> list[Statement]:
    found = []
    for document, clauses in family:
        if document.doc_number:
            found += _literal(document, clauses, document.doc_number)
    return found + _split_matches(family, RECORD_STATEMENTS["doc_number"])


def _issuer(family: Family, question: str) -> list[Statement]:
    """The 落款 (a short line with the issuers), else a sentence naming the issuer."""
    found = []
    for document, clauses in family:
        if not document.issuers:
            continue
        for clause in reversed(_signature_like(clauses)):
            spans = [_find(document, clause, issuer) for issuer in document.issuers]
            if all(spans):
                value = (min(s[0] for s in spans if s), max(s[1] for s in spans if s))
                found.append(_statement(document, clause, (clause.start, clause.end), value))
                break
    return found or _adopted(family, question)


def _effective(family: Family, question: str) -> list[Statement]:
    return [_with_repeal(s) for s in _matches(family, RECORD_STATEMENTS["effective"], last=True)]


def _with_repeal(statement: Statement) -> Statement:
    """The 施行 sentence with the one after it that repeals the text it replaces ("本规定自…
    起施行。…原《某某规定》同时废止。"): the same article says both, and an asker of the date
    wants to know which text no longer holds."""
    following = [s for s in statement.clause.sentences if s.start >= statement.end]
    if following and REPEAL_WORD in following[0].text:
        return replace(statement, end=following[0].end)
    return statement


def _validity(family: Family, question: str) -> list[Statement]:
    return _matches(family, RECORD_STATEMENTS["validity"], last=True)


def _issued(family: Family, question: str) -> list[Statement]:
    """A 公布/印发 line, else the 落款 date (a short line ending in a date), last first; a
    版记 printing line comes after the 落款 date (it is the day of printing, not of issue)."""
    found = _matches(family, RECORD_STATEMENTS["issued"], last=True)
    printed = [s for s in found if PRINTING_LINE.search(s.quote)]
    found = [s for s in found if s not in printed]
    for document, clauses in family:
        for clause in reversed([c for c in clauses if c.path == (SIGNATURE_HEADING,)]):
            match = DATE_AT_END.search(clause.text.rstrip())
            if match:
                value = (clause.start + match.start(), clause.start + match.end())
                found.append(_statement(document, clause, (clause.start, clause.end), value))
                break
    return found + printed


def latest_amendment(family: Family) -> list[Statement]:
    """The history lines of amendments, the latest first."""
    found = _matches(family, RECORD_STATEMENTS["adopted"], last=False)
    return [s for s in reversed(found) if any(w in s.value for w in AMENDMENT_WORDS)]


def _adopted(family: Family, question: str) -> list[Statement]:
    """A history line: the latest amendment when the question asks about one (the one of the
    asked ordinal when it names it), else the line that first adopted the text."""
    found = _matches(family, RECORD_STATEMENTS["adopted"], last=False)
    amended = [s for s in found if any(w in s.value for w in AMENDMENT_WORDS)]
    if not any(w in question for w in AMENDMENT_WORDS):
        return [s for s in found if s not in amended] or found
    ordinal = AMENDMENT_ORDINAL.search(question)
    chosen = [s for s in amended if ordinal and ordinal.group(0) in s.value]
    return chosen or list(reversed(amended)) or found


def _signature_like(clauses: Sequence[Clause]) -> list[Clause]:
    """The 落款 clauses, then other short lines (a joint signature may stand on its own)."""
    signed = [c for c in clauses if c.path == (SIGNATURE_HEADING,)]
    short = [
        c
        for c in clauses
        if len(c.text) <= SHORT_CLAUSE and c.path != (RECORD_HEADING,) and c not in signed
    ]
    return short + signed  # reversed by the caller: 落款 first


def _find(document: Document, clause: Clause, value: str) -> tuple[int, int] | None:
    """Where `value` stands in the clause, spaces and line breaks inside it allowed."""
    pattern = re.compile(r"\s*".join(map(re.escape, "".join(value.split()))))
    match = pattern.search(document.text, clause.start, clause.end)
    return match.span() if match else None


def _literal(document: Document, clauses: Sequence[Clause], value: str) -> list[Statement]:
    pattern = re.compile(r"\s*".join(map(re.escape, "".join(value.split()))))
    return [
        _statement(document, clause, match.span(), match.span())
        for clause in clauses
        if clause.path != (RECORD_HEADING,)
        for match in pattern.finditer(document.text, clause.start, clause.end)
    ][:1]


def _matches(family: Family, pattern: re.Pattern[str], last: bool) -> list[Statement]:
    """Every match of `pattern` inside one clause of the file; the last one first when the
    statement conventionally closes a document (施行, 有效期)."""
    found = []
    for document, clauses in family:
        for clause in clauses:
            for match in pattern.finditer(document.text, clause.start, clause.end):
                sentence = _sentence_around(clause, match.start(), match.end())
                found.append(_statement(document, clause, sentence, match.span()))
    return list(reversed(found)) if last else found


def _split_matches(family: Family, pattern: re.Pattern[str]) -> list[Statement]:
    """Matches that may run over a line break into the clause below ("某某政府令" on one
    line, "第N号" on the next): the part inside the clause holding the match's end."""
    found = []
    for document, clauses in family:
        for match in pattern.finditer(document.text):
            holder = next((c for c in clauses if c.start < match.end() <= c.end), None)
            if holder is not None and holder.path != (RECORD_HEADING,):
                part = (max(match.start(), holder.start), match.end())
                found.append(_statement(document, holder, (holder.start, holder.end), part))
    return found


def _sentence_around(clause: Clause, start: int, end: int) -> tuple[int, int]:
    for sentence in clause.sentences:
        if sentence.start <= start and end <= sentence.end:
            return sentence.start, sentence.end
    return clause.start, clause.end


def _statement(
    document: Document,
    clause: Clause,
    quote: tuple[int, int],
    value: tuple[int, int] | None = None,
) -> Statement:
    value = value or quote
    return Statement(document, clause, quote[0], quote[1], value[0], value[1])


def _distinct(found: list[Statement]) -> list[Statement]:
    seen: set[tuple[str, int, int]] = set()
    kept = []
    for statement in found:
        key = (statement.document.doc_id, statement.start, statement.end)
        if key not in seen:
            seen.add(key)
            kept.append(statement)
    return kept
