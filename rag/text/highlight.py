"""Which characters of a clause a search query matched, as spans the adapters mark up."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from rag.text.segment import normalise, segmenter, tokenize

MIN_HIGHLIGHT_CHARS = 2  # single characters (的, 和, 市 …) would light up every clause


def highlight_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans of `text` that are query terms (`rag.text.segment.tokenize`), merged, in order.

    A term counts where the text's own segmentation agrees: it lies inside one word of
    the text ("投资" in "创业投资机构") or starts and ends on word boundaries, never across
    one ("业投" in "企业|投资" is not a match).
    """
    terms = {t for t in tokenize(query) if len(t) >= MIN_HIGHLIGHT_CHARS}
    if not terms:
        return []
    folded, origin = _fold(text)
    cuts = _word_cuts(folded)
    spans = [
        (origin[start], origin[start + len(term) - 1] + 1)
        for term in terms
        for start in _occurrences(folded, term)
        if _respects_words(start, start + len(term), cuts)
    ]
    return _merge(sorted(spans))


def _fold(text: str) -> tuple[str, list[int]]:
    """`text` normalised as the tokenizer does, and each folded character's index in `text`."""
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        piece = normalise(char)
        pieces.append(piece)
        origin.extend([index] * len(piece))
    return "".join(pieces), origin


def _word_cuts(folded: str) -> list[int]:
    """Offsets where the tokenizer's (precise-mode) segmentation puts a word boundary."""
    cuts, offset = [0], 0
    for word in segmenter().cut(folded, HMM=False):
        offset += len(word)
        cuts.append(offset)
    return cuts


def _occurrences(text: str, term: str) -> Iterator[int]:
    start = text.find(term)
    while start != -1:
        yield start
        start = text.find(term, start + 1)


def _respects_words(start: int, end: int, cuts: list[int]) -> bool:
    inside = bisect_right(cuts, start) == bisect_left(cuts, end)  # no cut in (start, end)
    aligned = start in cuts and end in cuts
    return inside or aligned


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
