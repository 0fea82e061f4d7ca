"""When a figure in a sentence is provably the one a question asks for.

A wrong number on the first line is the worst answer this product can give; a missing first
line only leaves the verbatim quotes. So a figure becomes the direct answer only when:
- its clause fragment (between ,;。 boundaries, or a few characters from one) names the asked
  subject, and the clause names the question's most specific (longest) subject term;
- when the question asks about a year, the fragment (or a sentence naming no other year)
  carries that year;
- it is not one value of an enumeration ("分别达到0.94%0.97%…", "17.49亿元、20.68亿元"), nor a
  total shared by several listed items the subject is only one of, unless the enumeration
  maps items to values one to one and the question names exactly one item;
- the question does not ask for a figure of each of several items ("公办民办各几个").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.lexicon import figures
from rag.query.terms import TermGroup, subject_groups
from rag.text.ngrams import char_ngrams

Span = tuple[int, int]

# a comma between a digit and three more ("50,000") groups thousands and breaks nothing
BREAKING_COMMA = r"(?:(?<!\d),|,(?!\d{3}(?!\d)))"
_FRAGMENT_BREAK = re.compile(rf"[，;；。:：!?！？\n]|{BREAKING_COMMA}")
_SUB_ITEM_BREAK = re.compile(rf"[，;；。:：!?！？\n、]|{BREAKING_COMMA}")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_QUESTION_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DIGIT = re.compile(r"\d")


def states_asked_figure(
    text: str,
    span: Span,
    terms: Sequence[TermGroup],
    question: str,
    near_chars: int,
    context: str | None = None,
    mapped: bool = False,
) -> bool:
    """True when the figure at `span` of `text` answers the question without doubt;
    `context` is the whole clause the sentence `text` stands in."""
    if not mapped and in_enumeration(text, span):
        return False
    if figures.ASKS_EACH.search(question):  # "各几个": one item's figure is a part answer
        return False
    if of_unasked_category(text, span, question):
        return False
    if of_another_party(text, span, question):
        return False
    return about_subject(text, span, terms, near_chars, context) and of_asked_year(
        text, span, question
    )


def of_unasked_category(text: str, span: Span, question: str) -> bool:
    """The figure's fragment states it for a category or grade the question does not name."""
    start, _ = fragment_around(text, span)
    marks = [m.group() for m in figures.CATEGORY_MARK.finditer(text, start, span[0])]
    return any(mark not in question for mark in marks)


def of_another_party(text: str, span: Span, question: str) -> bool:
    """The question names one paying party (个人 or 单位) and the figure is stated for the
    other: its fragment names only the other one before it, or, naming none, the party named
    last before it is the other. A fragment naming both ("用人单位和个人按…") states both."""
    asked = [i for i, party in enumerate(figures.PAYING_PARTIES) if party.search(question)]
    if len(asked) != 1:
        return False
    start, _ = fragment_around(text, span)
    own = {i for i, party in enumerate(figures.PAYING_PARTIES)
           if party.search(text, start, span[0])}  # fmt: skip
    if own:
        return asked[0] not in own
    named = [(m.start(), i) for i, party in enumerate(figures.PAYING_PARTIES)
             for m in party.finditer(text, 0, span[0])]  # fmt: skip
    return bool(named) and max(named)[1] != asked[0]


def about_subject(
    text: str, span: Span, terms: Sequence[TermGroup], near_chars: int, context: str | None = None
) -> bool:
    """The fragment (or the `near_chars` characters before it) names a subject term, the clause
    (`context`, else the sentence) names the question's most specific term, and no term is
    named only by listed items that share the figure."""
    groups = subject_groups(terms)
    if not groups:
        return True
    longest = max(len(g.term) for g in groups)
    clause = context or text
    if not any(
        _named(g, clause) or _mostly_named(g, clause) for g in groups if len(g.term) == longest
    ):
        return False
    start, end = fragment_around(text, span)
    near = text[max(0, start - near_chars) : end]
    if not any(_named(g, near) for g in groups):
        return False
    return not _shared_with_siblings(text, span, groups)


def subject_named_near(text: str, span: Span, terms: Sequence[TermGroup], near_chars: int) -> int:
    """How many subject terms the figure's fragment (and the `near_chars` before it) names."""
    start, end = fragment_around(text, span)
    near = text[max(0, start - near_chars) : end]
    return sum(_named(g, near) for g in subject_groups(terms))


def _named(group: TermGroup, text: str) -> bool:
    """A variant, or the term without the question glue the segmenter left on it
    ("2026年研发投入" gives "年研发投入", "比重要达到" gives "比重要")."""
    core = figures.GLUE.sub("", group.term)
    return any(v in text for v in group.variants) or (len(core) >= 2 and core in text)


def _mostly_named(group: TermGroup, text: str) -> bool:
    """At least two thirds of the term's character pairs occur ("研发投入" in "研发经费投入")."""
    core = figures.GLUE.sub("", group.term)
    pairs = char_ngrams(core)
    return bool(pairs) and sum(p in text for p in pairs) * 3 >= len(pairs) * 2


def _shared_with_siblings(text: str, span: Span, groups: Sequence[TermGroup]) -> bool:
    """ "实验室、工程技术研究中心、孵化器100家以上" for 工程技术研究中心: 100 is the total of
    items that state no figure of their own: it does not answer for one of them that the
    question names, unless the question names every item."""
    fragment_start, fragment_end = fragment_around(text, span)
    own_start = _last_break(_SUB_ITEM_BREAK, text, fragment_start, span[0])
    items = [text[own_start:fragment_end]]
    before = text[fragment_start:own_start].split("、")[:-1]
    for item in reversed(before):
        if _DIGIT.search(item):
            break
        items.append(item)
    if len(items) == 1 or all(any(_named(g, i) for g in groups) for i in items):
        return False
    own, siblings = items[0], "、".join(items[1:])
    return any(_named(g, siblings) and not _named(g, own) for g in groups)


def asked_years(question: str) -> frozenset[str]:
    """The years a question asks about ("2026年…多少"), not a year naming a document version."""
    return frozenset(_QUESTION_YEAR.findall(question)) - set(
        figures.DOCUMENT_YEAR.findall(question)
    )


def other_years_only(question: str, texts: Sequence[str], best: str) -> str | None:
    """The asked year (2031年度…多少) when the best clause states a figure for other years
    only (none of them, nor any span between them, holds the asked one) and none of `texts`
    (the clauses found, with their documents' titles) names the asked year: the indexed
    documents do not hold that year's figure."""
    years = asked_years(question)
    stated = {int(year) for year in _YEAR.findall(best)}
    if not years or not stated:
        return None
    if any(min(stated) <= int(year) <= max(stated) for year in years):
        return None  # the year, or a span of years holding it ("2016—2020年…分别为")
    if any(year in text for text in texts for year in years):
        return None
    return min(years)


def of_asked_year(text: str, span: Span, question: str) -> bool:
    """A year the question asks about is in the figure's fragment, or is the only year the
    sentence names ("到2025年,…达到25%")."""
    years = asked_years(question)
    if not years:
        return True
    start, end = fragment_around(text, span)
    if any(y in text[start:end] for y in years):
        return True
    return set(_YEAR.findall(text)) == years


def in_enumeration(text: str, span: Span) -> bool:
    """The figure is one value of a list ("分别…", "0.94%0.97%", "17.49亿元、20.68亿元")."""
    start, end = fragment_around(text, span)
    if figures.RESPECTIVELY in text[start:end]:
        return True
    return any(
        m.start() < span[1] and span[0] < m.end()
        for m in figures.FIGURE_RUN.finditer(text, start, end)
    )


def mapped_by_position(text: str, question: str) -> Span | None:
    """ "国家级、省级孵化器…分别给予100万元、50万元" asked for 省级: the value in the named
    item's position, when items and values are equally many and exactly one item is named."""
    marker = text.find(figures.RESPECTIVELY)
    if marker < 0:
        return None
    values = figures.VALUES.search(text, marker, _fragment_end(text, marker))
    if values is None:
        return None
    head_start = _last_break(_FRAGMENT_BREAK, text, 0, marker)
    items = _items_before(text, head_start, marker)
    spans = [m.span() for m in figures.UNIT_VALUE.finditer(values.group(1))]
    named = [i for i, item in enumerate(items) if _item_named(item, i, len(items), question)]
    if len(items) < 2 or len(items) != len(spans) or len(named) != 1:
        return None
    offset = values.start(1)
    start, end = spans[named[0]]
    return offset + start, offset + end


def mapped_by_year(text: str, question: str) -> Span | None:
    """ "2016—2020年,…投入强度分别达到0.94%0.97%1.05%1.08%1.24%" asked for 2020: the value in
    that year's position, when the sentence lists as many years as values (unambiguous values
    only: each with its unit)."""
    asked = set(_QUESTION_YEAR.findall(question))
    years = _listed_years(text)
    year = asked.pop() if len(asked) == 1 else None
    if year is None or year not in years:
        return None
    marker = text.find(figures.RESPECTIVELY)
    if marker < 0:
        return None
    run = figures.UNIT_RUN.search(text, marker, _fragment_end(text, marker))
    if run is None:
        return None
    values = [m.span() for m in figures.UNIT_VALUE.finditer(run.group())]
    if len(values) != len(years):
        return None
    start, end = values[years.index(year)]
    return run.start() + start, run.start() + end


def _listed_years(text: str) -> list[str]:
    """ "20162020年" / "2016—2020年" / "2016年至2020年" (a range) or "2017年、2018年、2019年"."""
    span = figures.YEAR_RANGE.search(text)
    if span:
        first, last = int(span.group(1)), int(span.group(2))
        return [str(y) for y in range(first, last + 1)] if 0 < last - first < 30 else []
    listed = figures.YEAR_LIST.search(text)
    return re.findall(r"\d{4}", listed.group()) if listed else []


def _items_before(text: str, start: int, marker: int) -> list[str]:
    """The 、-list nearest before "分别": in "对新认定的国家级、省级孵化器,市级财政分别", the
    list is in the fragment before the one holding 分别 when that one has no 、."""
    fragment = text[start:marker]
    if "、" not in fragment and start > 0:
        previous = _last_break(_FRAGMENT_BREAK, text, 0, start - 1)
        fragment = text[previous : start - 1]
    return fragment.split("、") if "、" in fragment else []


def _item_named(item: str, index: int, count: int, question: str) -> bool:
    """An enumeration shares words before its first item and after its last one, so the
    first item is identified by its end and the last by its start ("国家级、省级孵化器")."""
    item = item.strip()
    if index == 0:
        keys = [item[-n:] for n in range(2, len(item) + 1)]
    elif index == count - 1:
        keys = [item[:n] for n in range(2, len(item) + 1)]
    else:
        keys = [item]
    return any(k in question for k in keys)


def fragment_around(text: str, span: Span) -> Span:
    start = _last_break(_FRAGMENT_BREAK, text, 0, span[0])
    return start, _fragment_end(text, span[1])


def _fragment_end(text: str, position: int) -> int:
    after = _FRAGMENT_BREAK.search(text, position)
    return after.start() if after else len(text)


def _last_break(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """The position just after the last match of `pattern` in text[start:end], else start."""
    found = [m.end() for m in pattern.finditer(text, start, end)]
    return found[-1] if found else start
