"""A sum asked per a unit (per month, per person, per 亩) is answered only by a sum stated per
that unit: a yearly total or a one-off grant is a different figure however close its words."""

from __future__ import annotations

import re
from functools import cache

from rag.facts.precision import fragment_around
from rag.lexicon import figures

Span = tuple[int, int]


@cache  # asked for every sentence scored; the question is the same
def asked_units(question: str) -> tuple[str, ...]:
    """The units a sum is asked per, in the question's order ("每人每月" -> 人, 月)."""
    spoken = (m.group(1) or m.group(2) for m in figures.ASKED_PER_UNIT.finditer(question))
    found = (figures.SPOKEN_UNITS.get(unit, unit) for unit in spoken)
    return tuple(dict.fromkeys(found))


def required_units(units: tuple[str, ...]) -> tuple[str, ...]:
    """A period asked for must be stated; a person or household is often left implicit
    ("每月2250元" is per person), so it counts only when no period is asked."""
    periods = tuple(u for u in units if u in figures.PER_TIME_UNITS)
    return periods or units


def states_unit(text: str, span: Span, units: tuple[str, ...]) -> bool:
    """Whether the fragment around `span` states its sum per one of the required units."""
    start, end = fragment_around(text, span)
    fragment = text[start:end]
    return any(_stated(unit).search(fragment) for unit in required_units(units))


def states_sum_per(text: str, units: tuple[str, ...]) -> bool:
    """Whether `text` states some sum per the required units."""
    return any(states_unit(text, m.span(), units) for m in figures.AMOUNT.finditer(text))


@cache
def _stated(unit: str) -> re.Pattern[str]:
    return figures.stated_per(unit)
