"""Find the fact a question asks for inside a quoted sentence: always a verbatim substring.

Each finder returns (start, end) offsets into the text it was given, so the direct answer is
provably part of the quote it is shown with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.facts.per_unit import asked_units, states_unit
from rag.facts.precision import (
    BREAKING_COMMA,
    about_subject,
    fragment_around,
    in_enumeration,
    mapped_by_position,
    mapped_by_year,
    states_asked_figure,
    subject_named_near,
)
from rag.facts.tiers import greatest_fragment, tier_fragment
from rag.lexicon import figures
from rag.lexicon.cues import (
    ASKED_TIME_UNIT,
    ASKS_CLOCK,
    ASKS_DAY,
    ASKS_MONTH,
    ASKS_RANGE,
    ASKS_YEAR,
    CALENDAR_DAY,
    CALENDAR_MONTH,
    DATE_RANGE_MARKS,
    DAYS_ASKED,
    DAYS_NOT_WORKING_DAYS,
    TIME_UNIT_FORMS,
    FactKind,
)
from rag.lexicon.divisions import is_place_name
from rag.lexicon.units import MONEY, SAME_COUNT
from rag.query.terms import TermGroup, subject_groups
from rag.text.sentences import within_a_question

_ITEM_BREAK = re.compile(rf"[，;；。:：、]|{BREAKING_COMMA}")
MAX_DIRECT_CHARS = 40
_DIGIT = re.compile(r"\d")

Span = tuple[int, int]
TIERED_KINDS = ("amount", "count", "duration", "general")

_FINDERS: dict[str, Sequence[re.Pattern[str]]] = {
    "amount": (figures.AMOUNT, figures.FINE_OF_A_BASE),
    "count": (figures.COUNT, figures.WORDED_SHARE),
    "age": (figures.AGE,),
    "date": (figures.DATE,),
    "duration": (figures.DURATION,),
    "department": (
        figures.DEPARTMENT_NOTE,
        figures.DEPARTMENT_IN_CHARGE,
        figures.DEPARTMENT_NAMED_IN_CHARGE,
        figures.DEPARTMENT_ENFORCING,
    ),
}


def greatest_band(kind: FactKind, text: str, question: str) -> Span | None:
    """The band of `text` stating the greatest figure of `kind`, when the question asks for
    the greatest and gives no condition of its own (rag.facts.tiers.greatest_fragment)."""
    if kind not in TIERED_KINDS:
        return None
    return greatest_fragment(text, question, lambda band: _last_figure(kind, band))


def _last_figure(kind: FactKind, band: str) -> str | None:
    """A band's own figure: its condition comes first ("满三年的，…最多补助九个月")."""
    found = [m.group() for p in _FINDERS.get(kind, ()) for m in p.finditer(band)]
    return found[-1] if found else None


def fact_span(
    kind: FactKind,
    text: str,
    terms: Sequence[TermGroup],
    question: str = "",
    strict: bool = False,
    context: str | None = None,
    near_chars: int | None = None,
) -> Span | None:
    """Where in `text` the asked fact stands, or None when the text does not state one.

    `strict` (the one-line direct answer) also demands that the figure is provably the asked
    one: about the asked subject and year, and not one element of an unmapped enumeration
    (rag.facts.precision, with `near_chars` from the scoring model); `context` is the clause
    the sentence `text` stands in.
    """
    if strict and near_chars is None:
        raise ValueError("a strict fact search needs near_chars (ScoringModel.near_chars)")
    near = near_chars or 0
    if kind == "contact":
        return contact_span(text, question)
    tier = tier_fragment(text, question) if kind in TIERED_KINDS else None
    if tier is None and kind in TIERED_KINDS:
        tier = greatest_band(kind, text, question)
    if tier is not None:  # the band the asker's number is in; the others answer other askers
        start, end = tier
        found = fact_span(kind, text[start:end], terms, question, strict, context, near_chars)
        return None if found is None else (found[0] + start, found[1] + start)
    patterns = _FINDERS.get(kind)
    if not patterns:
        return None
    matches = [m for p in patterns for m in p.finditer(text)]
    if kind == "count":
        unit = asked_unit(question)
        matches = [m for m in matches if not _is_money_or_year(m.group())]
        units = SAME_COUNT.get(unit, (unit,)) if unit else ()
        matches = [m for m in matches if not units or any(u in m.group() for u in units)]
        if not units:
            matches = [m for m in matches if not _in_a_stated_unit(m.group(), question)]
    per_units = asked_units(question) if kind == "amount" else ()
    if strict and per_units:
        matches = [m for m in matches if states_unit(text, m.span(), per_units)]
    if strict and kind in ("amount", "count"):
        mapped = mapped_by_position(text, question)
        if (
            mapped is not None
            and not within_a_question(text, mapped[1])
            and states_asked_figure(text, mapped, terms, question, near, context, mapped=True)
        ):
            return mapped
        of_year = mapped_by_year(text, question)
        if (
            of_year is not None
            and not within_a_question(text, of_year[1])
            and about_subject(text, of_year, terms, near, context)
        ):
            return of_year
        matches = [
            m
            for m in matches
            if states_asked_figure(text, m.span(), terms, question, near, context)
        ]
        # the figure of the fragment naming most of the subject ("683名…县级科技特派员",
        # not "1771人次…省级科技特派员" for 县级)
        named = {m.span(): subject_named_near(text, m.span(), terms, near) for m in matches}
        matches = [m for m in matches if named[m.span()] == max(named.values(), default=0)]
    matches = [m for m in matches if not _in_a_formula(text, m)]
    if kind == "date":
        matches = [m for m in matches if _is_asked_date(m.group(), question)]
        matches = [m for m in matches if _of_the_asked_granularity(m.group(), question)] or matches
    if kind == "duration":
        matches = [m for m in matches if in_the_asked_time_unit(m.group(), question)]
        matches = [m for m in matches if stated_in_the_asked_unit(m.group(), question)] or matches
        # "每工作满两年，增加…": the period a rate recurs over, not the length of time asked
        matches = [m for m in matches if not figures.PER_PERIOD.search(text, 0, m.start())]
        if not figures.ASKS_THRESHOLD.search(question):  # "满5年的参加人员": who, not how long
            matches = [m for m in matches if not _qualifies_a_group(text, m)]
        if figures.ASKS_DEADLINE.search(question):
            matches = [m for m in matches if not _written_as_minimum(text, m)]
        if not figures.CHANGE_VERB.search(question):
            matches = [m for m in matches if not figures.CHANGED_BY.search(text, 0, m.start())]
        if figures.ASKS_PERIOD_LENGTH.search(question):
            matches = [m for m in matches if not _counted_from_the_period(text, m, terms)]
    if strict and (kind == "age" or (kind == "count" and asked_unit(question) == "%")):
        # an age is a condition of one group of people, a share is of one base paid by one
        # payer: the clause names all the asker's words
        clause = context or text
        asked_about = [
            g
            for g in subject_groups(terms)
            if not figures.ASKED_SHARE.search(g.term)
            and not is_place_name(g.term)  # a rule's own place is rarely written in it ("本省")
        ]
        if not all(any(v in clause for v in g.variants) for g in asked_about):  # 比例: the unit
            return None
    if strict and kind in ("date", "duration", "age"):
        # a sentence often holds several dates or periods (opening, deadline, review time):
        # a first line states one only when its own fragment is about the asked subject
        matches = [
            m
            for m in matches
            if not in_enumeration(text, m.span())
            and _time_about_subject(text, m, terms, near, context)
        ]
    matches = _of_the_asked_bound(text, matches, question)
    if kind == "department":  # "归哪个部门主管": the one in charge (主管), not one doing a part
        matches = [m for m in matches if _verb_asked(m, question)] or matches
    if strict:
        matches = [m for m in matches if not within_a_question(text, m.end())]
    if not matches:
        return None
    best = max(matches, key=lambda m: (_relevance(text, m.span(), terms), -m.start()))
    if kind == "department":
        if strict and not about_subject(text, best.span(), terms, near, context):
            return None  # a department in charge of something else
        return best.span(1)
    return _with_its_item(text, best.span())


def _in_a_formula(text: str, match: re.Match[str]) -> bool:
    """A figure a formula operates on (÷12个月, ×3天): a term of a calculation."""
    return bool(
        figures.FORMULA_BEFORE.search(text, 0, match.start())
        or figures.FORMULA_AFTER.match(text, match.end())
    )


def _counted_from_the_period(text: str, match: re.Match[str], terms: Sequence[TermGroup]) -> bool:
    """ "自质保期起算之日起15日内": days counted from the period's start, not its length."""
    start = fragment_around(text, match.span())[0]
    counted_from = figures.COUNTED_FROM.search(text, start, match.start())
    if counted_from is None:
        return False
    periods = [v for g in terms for v in g.variants if figures.PERIOD_TERM.search(v)]
    return any(period in counted_from.group(1) for period in periods)


def _written_as_minimum(text: str, match: re.Match[str]) -> bool:
    """ "N年以上", "不得少于N个月": a least length, which no deadline question is answered by."""
    return bool(
        figures.ENDS_AS_MINIMUM.search(match.group())
        or figures.LOWER_BOUND_AFTER.match(text[match.end() :])
        or figures.LOWER_BOUND_BEFORE.search(text[max(0, match.start() - 4) : match.start()])
    )


def _verb_asked(match: re.Match[str], question: str) -> bool:
    stated = match.group()[match.end(1) - match.start() :]
    return any(verb in stated and verb in question for verb in figures.IN_CHARGE_VERBS)


def _of_the_asked_bound(
    text: str, matches: list[re.Match[str]], question: str
) -> list[re.Match[str]]:
    """Of figures stated as bounds, the ones of the bound asked (至少 → 不得少于…), when the
    question asks one bound and the text states it. A match may open with its bound word
    ("超过十个小时")."""
    if len(matches) < 2:
        return matches
    bounded = [m for m in matches if states_the_asked_bound(text, m.span(), question)]
    return bounded or matches


def states_the_asked_bound(text: str, span: Span, question: str) -> bool:
    """Whether the figure at `span` is written as the one bound the question asks (至少 →
    不得少于…); True when the question asks no single bound."""
    asks_lower = bool(figures.ASKS_LOWER_BOUND.search(question))
    asks_upper = bool(figures.ASKS_UPPER_BOUND.search(question))
    if asks_lower == asks_upper:
        return True
    before = figures.LOWER_BOUND_BEFORE if asks_lower else figures.UPPER_BOUND_BEFORE
    after = figures.LOWER_BOUND_AFTER if asks_lower else figures.UPPER_BOUND_AFTER
    start, end = span
    return bool(before.search(text[max(0, start - 6) : start + 3]) or after.match(text[end:]))


def _time_about_subject(
    text: str,
    match: re.Match[str],
    terms: Sequence[TermGroup],
    near_chars: int,
    context: str | None,
) -> bool:
    """A time often leads the clause it dates ("到2030年，实现…", "自12月1日起，…"): its own
    fragment or the one right after it must name the asked subject."""
    if about_subject(text, match.span(), terms, near_chars, context):
        return True
    after = fragment_around(text, match.span())[1] + 1
    return after < len(text) and about_subject(text, (after, after), terms, near_chars, context)


def _is_asked_date(found: str, question: str) -> bool:
    """A range for a from-when-to-when question; a time of day when one is asked; else a
    calendar day unless a year is asked."""
    if ASKS_RANGE.search(question):
        return any(mark in found for mark in DATE_RANGE_MARKS)
    asks_clock = ASKS_CLOCK.search(question) is not None
    return (
        bool(ASKS_YEAR.search(question))
        or CALENDAR_MONTH in found
        or "-" in found
        or (asks_clock and figures.CLOCK.search(found) is not None)
    )


def _of_the_asked_granularity(found: str, question: str) -> bool:
    """A month asked is answered by a date naming no day; a day asked by one naming its day;
    a time of day by one naming its hour."""
    if ASKS_CLOCK.search(question):
        return figures.CLOCK.search(found) is not None
    if ASKS_DAY.search(question):
        return CALENDAR_DAY.search(found) is not None
    if ASKS_MONTH.search(question):
        return CALENDAR_DAY.search(found) is None
    return True


def _qualifies_a_group(text: str, match: re.Match[str]) -> bool:
    """ "满5年的参加人员" names who; "满3年的，…" is a condition, the length asked."""
    starts_at_threshold = match.group().startswith(figures.THRESHOLD_MARK)
    return starts_at_threshold and figures.NAMES_A_GROUP.match(text, match.end()) is not None


def in_the_asked_time_unit(found: str, question: str) -> bool:
    """ "几年" is not answered by "3个月": a length of time in the unit asked, if one is."""
    asked = ASKED_TIME_UNIT.search(question)
    if asked is None:
        return True
    forms = TIME_UNIT_FORMS.get(asked.group(1), (asked.group(1),))
    return any(form in found for form in forms)


def stated_in_the_asked_unit(found: str, question: str) -> bool:
    """Days asked ("多少天内") are answered in working days ("十个工作日内") only when no
    calendar days ("三十日内") are stated."""
    asked = ASKED_TIME_UNIT.search(question)
    if asked is None or asked.group(1) not in DAYS_ASKED:
        return True
    return bool(DAYS_NOT_WORKING_DAYS.search(found))


def _with_its_item(text: str, span: Span) -> Span:
    """The figure with the list item it belongs to ("每年新增高新技术企业20家以上"), so the
    one-line answer says what the number is of; the bare figure when the item is long."""
    item = _trim(text, _item_around(text, span))
    return item if item[1] - item[0] <= MAX_DIRECT_CHARS else _trim(text, span)


def contact_span(text: str, question: str) -> Span | None:
    """Phone, e-mail, postal address: the one the question asks for, else the first present."""
    asked = (
        (figures.ASKS_PHONE, figures.PHONE),
        (figures.ASKS_EMAIL, figures.EMAIL),
        (figures.ASKS_POSTCODE, figures.POSTCODE),
        (figures.ASKS_ADDRESS, figures.ADDRESS),
    )
    wanted = [pattern for cue, pattern in asked if cue.search(question)]
    everything = [figures.PHONE, figures.EMAIL, figures.ADDRESS, figures.POSTCODE]
    for pattern in [*wanted, *everything]:
        match = pattern.search(text)
        if match:
            return _trim(text, match.span())
    return None


def asked_unit(question: str) -> str | None:
    """The unit a count question names ("多少家" -> 家; "占比多少" -> %): a figure in another
    unit ("增长2.5倍" for "有多少家") answers a different question."""
    measured = next((key for key, cue in figures.ASKED_MEASURES if cue.search(question)), None)
    if measured:
        return measured
    match = figures.ASKED_UNIT.search(question)
    if match:
        return match.group(1)
    return "%" if figures.ASKED_SHARE.search(question) else None


def _in_a_stated_unit(found: str, question: str) -> bool:
    """ "献了200毫升，能免多少": a figure in the unit of the asker's own figure is their
    condition restated; the "多少" that names no unit asks for another quantity."""
    stated = [m.group() for m in figures.COUNT.finditer(question)]
    return any(_unit_of(found) == _unit_of(figure) for figure in stated)


def _unit_of(figure: str) -> str | None:
    match = figures.COUNTED_UNIT.search(figure)
    return match.group() if match else None


def _is_money_or_year(found: str) -> bool:
    return (found.endswith(MONEY) and not found.endswith(figures.SCALED_MONEY)) or bool(
        re.fullmatch(r"\D*\d{4}", found)
    )


def _relevance(text: str, span: Span, terms: Sequence[TermGroup]) -> tuple[int, int]:
    """Which figure of a sentence answers the question: the one whose list item names most
    question terms ("…单项冠军企业15家以上、瞪羚企业45家以上" for 瞪羚), then the one
    nearest to a term ("6个方面提出了21项重点任务" for 重点任务)."""
    start, end = _item_around(text, span)
    item = text[start:end]
    named = sum(any(v in item for v in group.variants) for group in terms)
    gaps = [
        _gap(span, (start + found.start(), start + found.end()))
        for group in terms
        for variant in group.variants
        for found in re.finditer(re.escape(variant), item)
    ]
    return named, -min(gaps, default=len(text))


def _gap(span: Span, other: Span) -> int:
    return max(other[0] - span[1], span[0] - other[1], 0)


def _item_around(text: str, span: Span) -> Span:
    """The list item holding `span` (separators inside it don't count). Items of an
    enumeration that state no figure of their own share the next one ("实验室、研发机构、
    孵化器100家以上" is 100 for all three), so the item reaches back over them."""
    breaks = list(_ITEM_BREAK.finditer(text, 0, span[0]))
    index = len(breaks) - 1
    while index >= 0 and breaks[index].group() == "、":
        item_start = breaks[index - 1].end() if index > 0 else 0
        if _DIGIT.search(text, item_start, breaks[index].start()):
            break
        index -= 1
    start = breaks[index].end() if index >= 0 else 0
    after = _ITEM_BREAK.search(text, span[1])
    return (start, after.start() if after else len(text))


def _trim(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in " \n\t,，、;；:：—-":
        start += 1
    while end > start and text[end - 1] in " \n\t,，、;；。:：":
        end -= 1
    return start, end
