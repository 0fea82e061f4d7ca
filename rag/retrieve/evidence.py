"""How much of a question a passage covers: the evidence score behind ranking and refusals.

Chinese has no spaces and users abbreviate, so a term counts as covered by the share of its
character bigrams a passage contains (best over the term's synonym variants), weighted by how
rare those bigrams are in the corpus (a rare "创投" matters more than a ubiquitous "科技").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rag.query.terms import TermGroup
from rag.records import PATH_SEPARATOR, Clause
from rag.text.ngrams import char_ngrams

# Document frequencies are estimated on at most this many passages: enough for stable
# weights, and it keeps opening a 100k-clause corpus fast.
MAX_SAMPLE = 5000


def bigrams(text: str) -> list[str]:
    """Lower-cased character pairs; a one-character text is its own gram."""
    text = text.lower()
    return char_ngrams(text) or ([text] if text else [])


@dataclass(frozen=True)
class TermWeights:
    """Inverse document frequency of character bigrams over the indexed passages."""

    document_frequency: dict[str, int]
    passages: int

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> TermWeights:
        sample = list(texts)
        if len(sample) > MAX_SAMPLE:
            step = len(sample) / MAX_SAMPLE
            sample = [sample[int(i * step)] for i in range(MAX_SAMPLE)]
        frequency: Counter[str] = Counter()
        for text in sample:
            frequency.update(set(bigrams(text)))
        return cls(dict(frequency), len(sample))

    def attests(self, term: str) -> bool:
        """Whether any passage writes one of the term's character pairs."""
        return any(gram in self.document_frequency for gram in bigrams(term))

    def idf(self, gram: str) -> float:
        df = self.document_frequency.get(gram, 0)
        return math.log((self.passages + 1) / (df + 1)) + 1.0


@dataclass(frozen=True)
class _Variant:
    text: str
    grams: tuple[tuple[str, float], ...]  # bigram and its idf
    total: float


@dataclass(frozen=True)
class _Group:
    term: str  # the asker's word
    weight: float
    variants: tuple[_Variant, ...]


@dataclass(frozen=True)
class CompiledTerms:
    """A question's term groups with their weights worked out once, for scoring many passages."""

    groups: tuple[_Group, ...]

    @classmethod
    def build(cls, terms: Sequence[TermGroup], weights: TermWeights) -> CompiledTerms:
        groups = []
        for group in terms:
            variants = []
            for variant in group.variants:
                # Partial credit only for the user's own word: a synonym counts when it
                # occurs whole ("科技企业孵化器" must not half-match "科技企业").
                own = variant == group.term
                grams = tuple((g, weights.idf(g)) for g in bigrams(variant)) if own else ()
                total = sum(w for _, w in grams)
                variants.append(_Variant(variant.lower(), grams, total))
            groups.append(_Group(group.term, term_weight(group.term, weights), tuple(variants)))
        return cls(tuple(groups))

    @property
    def terms(self) -> tuple[str, ...]:
        """The asker's word of each group."""
        return tuple(group.term for group in self.groups)

    def without(self, dropped: Callable[[str, tuple[str, ...]], bool]) -> CompiledTerms:
        """These terms less the groups `dropped` says, by the asker's word and the variants."""
        kept = tuple(
            g for g in self.groups if not dropped(g.term, tuple(v.text for v in g.variants))
        )
        return self if len(kept) == len(self.groups) else CompiledTerms(kept)

    def names_any(self, text: str) -> bool:
        """Whether `text` writes some term whole, in any of its variants."""
        text = text.lower()
        return any(v.text in text for group in self.groups for v in group.variants)

    def coverage(self, text: str) -> float:
        """Weighted share of the question's terms that `text` covers, in [0, 1]."""
        text = text.lower()
        total = found = 0.0
        for group in self.groups:
            total += group.weight
            found += group.weight * max(_variant_coverage(v, text) for v in group.variants)
        return found / total if total else 0.0


def _variant_coverage(variant: _Variant, text: str) -> float:
    """Weighted share of the variant's bigrams found in `text` (1.0 when it occurs whole)."""
    if variant.text in text:
        return 1.0
    if not variant.total:
        return 0.0
    return sum(w for g, w in variant.grams if g in text) / variant.total


def coverage(terms: Sequence[TermGroup], text: str, weights: TermWeights) -> float:
    """One-off form of `CompiledTerms.coverage`."""
    return CompiledTerms.build(terms, weights).coverage(text)


def term_weight(term: str, weights: TermWeights) -> float:
    grams = bigrams(term)
    return sum(weights.idf(g) for g in grams) / max(len(grams), 1) * math.sqrt(len(term))


@dataclass(frozen=True)
class EvidenceModel:
    """Corpus term weights and document titles: what evidence scoring needs to know."""

    weights: TermWeights
    titles: Mapping[str, str] = field(default_factory=dict)  # doc_id -> title
    # doc_id -> the places a document is the own rule of: its city and its place (full name)
    places: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def of_asked_place(self, doc_id: str, asked: Iterable[str]) -> bool:
        """Whether the document is the own rule of a place the question names (not a parent
        province's or the country's, which also apply there)."""
        own = self.places.get(doc_id, frozenset())
        return any(place in own for place in asked)

    @classmethod
    def build(cls, clauses: Iterable[Clause], titles: Mapping[str, str]) -> EvidenceModel:
        model = cls(TermWeights({}, 0), titles)
        weights = TermWeights.from_texts(model.passage(c) for c in clauses)
        return cls(weights, titles)

    def passage(self, clause: Clause) -> str:
        """What a clause is evidence over: its document's title, its headings, its text and a
        table row's column headers (a question says "三明十四五规划…" where only the title
        says 十四五, or names a column where the row holds only figures)."""
        title = self.titles.get(clause.doc_id, "")
        return f"{title}\n{PATH_SEPARATOR.join(clause.path)}\n{clause.searchable}"
