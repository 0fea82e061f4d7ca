"""Tiered figures: one figure per band of a condition, the band the question's number is in.

Policies state a figure per band ("X人以下的按每人A元…；Y人以上的…", "满一至三年的…；三年
以上的…"). A question giving its own number ("我们有2个人") asks for the band holding it;
the other bands' figures answer other askers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.lexicon.figures import (
    ASKS_GREATEST,
    AT_MOST,
    SHARE_OVER,
    SHARE_STATED,
    SHARE_UNDER,
    SHARE_UNIT,
    TIER_ASKED,
    TIER_BELOW_MARKS,
    TIER_BOUND,
    TIER_BREAK,
    TIER_CONDITION_END,
    TIER_NUMBER,
    TIER_PREFIXED,
    TIER_RANGE,
    TIER_REACHED,
    TIER_SAME_UNIT,
    TIER_UNIT_IN_SMALLER,
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


def greatest_fragment(
    text: str, question: str, figure_of: Callable[[str], str | None]
) -> Span | None:
    """The band stating the greatest figure, when the question asks for the greatest
    ("最长", "最高") and gives no number of its own: the bands' figures in one unit are the
    answers for each condition, and the greatest of them is the most anyone gets. Not when
    a fragment outside the bands states a greater one itself ("…每满一年增加一天；…最多为
    十五天"): that fragment is the answer."""
    if not ASKS_GREATEST.search(question) or _asked_numbers(question):
        return None
    bands = _bands(text)
    valued = [
        (v, unit, band.span) for band in bands for v, unit in _valued(text, band.span, figure_of)
    ]
    if len(valued) < 2 or len({unit for _, unit, _ in valued}) > 1:
        return None
    greatest = max(value for value, _, _ in valued)
    at_greatest = [span for value, _, span in valued if value == greatest]
    stated_apart = [
        value
        for span in _fragments(text)
        if span not in {band.span for band in bands} and ASKS_GREATEST.search(text, *span)
        for value, _ in _valued(text, span, figure_of)
    ]
    if len(at_greatest) > 1 or any(value > greatest for value in stated_apart):
        return None
    return at_greatest[0]


def _valued(
    text: str, span: Span, figure_of: Callable[[str], str | None]
) -> list[tuple[float, str]]:
    """The fragment's own figure as (value, unit), if it has one."""
    figure = figure_of(text[span[0] : span[1]]) or ""
    leading = re.match(TIER_NUMBER, figure)
    value = _number(leading.group(1)) if leading else None
    return [(value, figure[leading.end() :])] if leading and value is not None else []


def _fragments(text: str) -> list[Span]:
    spans, start = [], 0
    for end in [m.start() for m in TIER_BREAK.finditer(text)] + [len(text)]:
        spans.append((start, end))
        start = end + 1
    return spans


def _asked_numbers(question: str) -> list[tuple[float, str]]:
    found = []
    for match in SHARE_STATED.finditer(question):  # "百分之二十" is 20 %, not 百 of 分
        value = _share(match)
        if value is not None:
            found.append((value, SHARE_UNIT))
    question = SHARE_STATED.sub(" ", question)
    for match in TIER_ASKED.finditer(question):
        value = _number(match.group(1))
        if value is not None:
            found.append(_measure(value, match.group(2)))
    return found


def _unit(written: str) -> str:
    return TIER_SAME_UNIT.get(written, written)


def _measure(value: float, written: str) -> tuple[float, str]:
    """A number and its unit in the smallest unit it is counted in (一年 -> 12 个月)."""
    unit = _unit(written)
    smaller, times = TIER_UNIT_IN_SMALLER.get(unit, (unit, 1))
    return value * times, smaller


def _bands(text: str) -> list[_Band]:
    spans = [(span, _band_of(text[span[0] : span[1]], span)) for span in _fragments(text)]
    return [band for _, band in spans if band is not None]


def _band_of(fragment: str, span: Span) -> _Band | None:
    share = _share_band(fragment, span)
    if share is not None:
        return share
    reached = TIER_REACHED.search(fragment)
    if reached:
        low = _number(reached.group(1))
        high = _number(reached.group(3)) if reached.group(3) else None
        if low is not None:
            low, unit = _measure(low, reached.group(2))
            upper = None if high is None else _measure(high, reached.group(4))[0]
            below = float("inf") if upper is None else upper - _NOT_REACHED
            return _Band(span, unit, low, below)
    ranged = TIER_RANGE.search(fragment)
    if ranged:
        low, high = _number(ranged.group(1)), _number(ranged.group(2))
        if low is not None and high is not None:
            (low, unit), (high, _) = _measure(low, ranged.group(3)), _measure(high, ranged.group(3))
            return _Band(span, unit, low, high)
    condition = _condition(fragment)
    bounded = _bounded_band(condition, span) or _prefixed_band(condition, span)
    if bounded is not None:
        return bounded
    bound = TIER_BOUND.search(fragment)
    if bound:
        value = _number(bound.group(1))
        if value is not None:
            value, unit = _measure(value, bound.group(2))
            if bound.group(3) in AT_MOST:
                return _Band(span, unit, float("-inf"), value)
            return _Band(span, unit, value, float("inf"))
    return None


def _condition(fragment: str) -> str:
    """The band's condition: the fragment up to where its figure's clause begins (the last
    "的，": a lead-in before a listed band may end in one too)."""
    ends = list(TIER_CONDITION_END.finditer(fragment))
    return fragment[: ends[-1].start()] if ends else fragment


@dataclass(frozen=True)
class _Bound:
    value: float  # in the smallest unit it is counted in
    unit: str
    upper: bool  # the band lies below it
    included: bool  # the value itself is in the band


def _bounded_band(condition: str, span: Span) -> _Band | None:
    """ "六个月以上不满两年的": a bound after its number and one before another, together (in
    the smaller unit when the two are written in two)."""
    after, before = _bounds_after(condition), _bounds_before(condition)
    if not after or not before:
        return None
    return _band_between(after + before, span)


def _prefixed_band(fragment: str, span: Span) -> _Band | None:
    """ "低于二十摄氏度、高于十五摄氏度（含）的": the bounds written before their numbers, of
    one unit, together."""
    return _band_between(_bounds_before(fragment), span)


def _bounds_after(text: str) -> list[_Bound]:
    """ "三个月以上", "五人以下": the mark after the number; the number is in the band."""
    found = []
    for match in TIER_BOUND.finditer(text):
        value = _number(match.group(1))
        if value is not None:
            value, unit = _measure(value, match.group(2))
            found.append(_Bound(value, unit, match.group(3) in AT_MOST, True))
    return found


def _bounds_before(text: str) -> list[_Bound]:
    """ "不满一年", "高于十五摄氏度（含）": the mark before the number; the number is in the band
    only when "（含）" follows."""
    found = []
    for match in TIER_PREFIXED.finditer(text):
        value = _number(match.group(2))
        if value is not None:
            value, unit = _measure(value, match.group(3))
            below = match.group(1) in TIER_BELOW_MARKS
            found.append(_Bound(value, unit, below, match.group(4) is not None))
    return found


def _band_between(bounds: list[_Bound], span: Span) -> _Band | None:
    """The band the bounds close together, when they are of one unit and close it somewhere."""
    low, high = float("-inf"), float("inf")
    for bound in bounds:
        if bound.upper:
            high = min(high, bound.value if bound.included else bound.value - _NOT_REACHED)
        else:
            low = max(low, bound.value if bound.included else bound.value + _NOT_REACHED)
    units = {bound.unit for bound in bounds}
    if len(units) != 1 or (low, high) == (float("-inf"), float("inf")):
        return None
    return _Band(span, units.pop(), low, high)


def _share_band(fragment: str, span: Span) -> _Band | None:
    """ "超过百分之十不足百分之三十的": from the share 超过 names up to, not reaching, the one
    不足 names; either bound alone leaves the band open on the other side."""
    over = SHARE_OVER.search(fragment)
    under = SHARE_UNDER.search(fragment, over.end() if over else 0)
    low = _share(over) if over else float("-inf")
    high = _share(under) if under else float("inf")
    if (over is None and under is None) or low is None or high is None:
        return None
    return _Band(span, SHARE_UNIT, low, high - _NOT_REACHED if under else high)


def _share(match: re.Match[str]) -> float | None:
    words, digits = match.group(1), match.group(2)
    return float(digits) if digits else _number(words) if words else None


def _number(text: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    value = chinese_numeral_value(text)
    return float(value) if value is not None else None
