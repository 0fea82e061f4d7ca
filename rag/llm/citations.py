"""Citations for a verified LLM answer: the cited sources, each with a verbatim quote.

The quote is a span of the cited clause (never re-typed model text): a span the answer
quoted, else the clause sentence that shares the most of the answer's facts and wording.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.answer.citations import make_citation
from rag.llm.prompts import Source
from rag.llm.verify import quoted_spans, strip_markers
from rag.records import Citation, Clause
from rag.text.ngrams import char_ngrams
from rag.text.numerals import numeric_facts, supported_facts
from rag.text.sentences import split_sentences


def cited_citations(answer: str, sources: Sequence[Source], cited: Sequence[int]) -> list[Citation]:
    """One citation per cited source number, in citation order."""
    citations = []
    for number in cited:
        if 1 <= number <= len(sources):
            citation = citation_for(answer, sources[number - 1])
            if citation is not None:
                citations.append(citation)
    return citations


def citation_for(answer: str, source: Source) -> Citation | None:
    clause, document = source.clause, source.document
    span = supporting_span(answer, source)
    if span is None:
        return None
    start, end = span
    if document.text[start:end] != clause.text[start - clause.start : end - clause.start]:
        return None  # the stored document and clause disagree: cite nothing rather than guess
    return make_citation(document, clause, start, end)


def supporting_span(answer: str, source: Source) -> tuple[int, int] | None:
    """The shortest run of the clause's sentences holding every number the answer takes from
    it and every span it quotes from it; else the sentence that best matches the answer."""
    needed = fact_sentences(answer, source.clause)
    quoted = quoted_span(answer, source.clause)
    if quoted is not None:
        needed.append(quoted)
    if needed:
        return min(s for s, _ in needed), max(e for _, e in needed)
    return best_sentence(answer, source)


def fact_sentences(answer: str, clause: Clause) -> list[tuple[int, int]]:
    """Sentences of the clause that state a number the answer states."""
    facts = set(numeric_facts(strip_markers(answer), ignore_list_ordinals=True))
    return [
        span
        for span in sentence_spans(clause)
        if facts & supported_facts(clause.text[span[0] - clause.start : span[1] - clause.start])
    ]


def quoted_span(answer: str, clause: Clause) -> tuple[int, int] | None:
    """Document offsets of the first span the answer quotes verbatim from this clause."""
    for span in quoted_spans(answer):
        index = clause.text.find(span)
        if index >= 0:
            return clause.start + index, clause.start + index + len(span)
    return None


def best_sentence(answer: str, source: Source) -> tuple[int, int] | None:
    """Document offsets of the clause sentence that best supports the answer."""
    candidates = sentence_spans(source.clause)
    if not candidates:
        return None
    preferred = source.hit.sentence
    text = strip_markers(answer)
    facts, grams = set(numeric_facts(text)), _bigrams(text)

    def score(span: tuple[int, int]) -> tuple[int, float, bool]:
        sentence = source.clause.text[span[0] - source.clause.start : span[1] - source.clause.start]
        shared_facts = len(facts & set(numeric_facts(sentence)))
        overlap = len(grams & _bigrams(sentence)) / (1 + len(_bigrams(sentence))) ** 0.5
        is_preferred = preferred is not None and (preferred.start, preferred.end) == span
        return shared_facts, overlap, is_preferred

    return max(candidates, key=score)


def sentence_spans(clause: Clause) -> list[tuple[int, int]]:
    """The clause's sentences as document offsets (split here when the clause has none)."""
    if clause.sentences:
        return [(s.start, s.end) for s in clause.sentences]
    return [(s.start, s.end) for s in split_sentences(clause.text, clause.start, lines=True)]


def _bigrams(text: str) -> set[str]:
    return set(char_ngrams("".join(text.split())))
