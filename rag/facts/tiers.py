"""Tiered figures: one figure per band of a condition, the band the question's number is in.

Policies state a figure per band ("X人以下的按每人A元…；Y人以上的…", "满一至三年的…；三年
以上的…"). A question giving its own number ("我们有2个人") asks for the band holding it;
the other bands' figures answer other askers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.lexicon.figures import (
    AT_MOST,
    TIER_ASKED,
    TIER_BOUND,
    TIER_BREAK,
    TIER_RANGE,
    TIER_REACHED,
)
from rag.text.numerals import chinese_numeral_value

Span = tuple[int, int]
_NOT_REACHED = 1e-9  # "不满10年" ends just below 10


@dataclass(frozen=True)
class _Band:
    span: Span  # the fragment stating the band and its figure
    unit: str
    low: float
    high: float


def tier_fragment(text: str, question: str) -> Span | None:
    """The fragment of `text` whose band holds the number the question gives, when `text`
    states two or more bands in that unit and exactly one holds it."""
    asked = [(value, unit) for value, unit in _asked_numbers(question)]
    if not asked:
        return None
    bands = _bands(text)
    for value, unit in asked:
        same = [b for b in bands if b.unit == unit]
        holding = [b for b in same if b.low <= value <= b.high]
        if len(same) >= 2 and len(holding) == 1:
            return holding[0].span
    return None


def _asked_numbers(question: str) -> list[tuple[float, str]]:
    found = []
    for match in TIER_ASKED.finditer(question):
        value = _number(match.group(1))
        if value is not None:
            found.append((value, match.group(2)))
    return found


def _bands(text: str) -> list[_Band]:
    bands: list[_Band] = []
    start = 0
    for end in [m.start() for m in TIER_BREAK.finditer(text)] + [len(text)]:
        fragment = text[start:end]
        band = _band_of(fragment, (start, end))
        if band is not None:
            bands.append(band)
        start = end + 1
    return bands


def _band_of(fragment: str, span: Span) -> _Band | None:
    reached = TIER_REACHED.search(fragment)
    if reached:
        low = _number(reached.group(1))
        high = _number(reached.group(3)) if reached.group(3) else None
        if low is not None:
            below = float("inf") if high is None else high - _NOT_REACHED
            return _Band(span, reached.group(2), low, below)
    ranged = TIER_RANGE.search(fragment)
    if ranged:
        low, high = _number(ranged.group(1)), _number(ranged.group(2))
        if low is not None and high is not None:
            return _Band(span, ranged.group(3), low, high)
    bound = TIER_BOUND.search(fragment)
    if bound:
        value = _number(bound.group(1))
        if value is not None:
            if bound.group(3) in AT_MOST:
                return _Band(span, bound.group(2), float("-inf"), value)
            return _Band(span, bound.group(2), value, float("inf"))
    return None


def _number(text: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    value = chinese_numeral_value(text)
    return float(value) if value is not None else None
