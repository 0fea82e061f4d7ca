"""How much of a question a passage covers: the evidence score behind ranking and refusals.

Chinese has no spaces and users abbreviate, so a term counts as covered by the share of its
character bigrams a passage contains (best over the term's synonym variants), weighted by how
rare those bigrams are in the corpus (a rare "创投" matters more than a ubiquitous "科技").
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.query import TermGroup

# Document frequencies are estimated on at most this many passages: enough for stable
# weights, and it keeps opening a 100k-clause corpus fast.
MAX_SAMPLE = 5000


def bigrams(text: str) -> list[str]:
    text = text.lower()
    if len(text) < 2:
        return [text] if text else []
    return [text[i : i + 2] for i in range(len(text) - 1)]


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

    def idf(self, gram: str) -> float:
        df = self.document_frequency.get(gram, 0)
        return math.log((self.passages + 1) / (df + 1)) + 1.0


def variant_coverage(variant: str, text: str, weights: TermWeights) -> float:
    """Weighted share of the variant's bigrams found in `text` (1.0 when it occurs whole)."""
    if variant.lower() in text:
        return 1.0
    grams = bigrams(variant)
    total = sum(weights.idf(g) for g in grams)
    found = sum(weights.idf(g) for g in grams if g in text)
    return found / total if total else 0.0


def coverage(terms: Sequence[TermGroup], text: str, weights: TermWeights) -> float:
    """Weighted share of the question's terms that `text` covers, in [0, 1]."""
    text = text.lower()
    total = 0.0
    found = 0.0
    for group in terms:
        weight = term_weight(group.term, weights)
        best = max(variant_coverage(v, text, weights) for v in group.variants)
        total += weight
        found += weight * best
    return found / total if total else 0.0


def term_weight(term: str, weights: TermWeights) -> float:
    grams = bigrams(term)
    return sum(weights.idf(g) for g in grams) / max(len(grams), 1) * math.sqrt(len(term))
