"""Character n-grams: how Chinese words are compared without a segmenter ("研发投入" shares
研发 and 投入 with "研发经费投入")."""

from __future__ import annotations


def char_ngrams(text: str, n: int = 2) -> list[str]:
    """Overlapping n-character pieces in order ("科技金融" -> 科技, 技金, 金融); none when the
    text is shorter than n."""
    return [text[i : i + n] for i in range(len(text) - n + 1)]
