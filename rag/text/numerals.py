"""Numbers, amounts, percentages and dates as comparable facts (pure functions).

"200万元", "200 万元", "２００万元", "2,000,000元" and "两百万元" are the same fact; "2025年5月9日"
and "2025-05-09" are the same date. A fact is `(kind, value)` with kind one of num, pct, code
(digits with a leading zero, e.g. an area code), date, ym (year-month) and md (month-day).
The answer side is read literally; only the *source* side is expanded (a date supports its
year, month and day), so a number that is not in a source is never accepted.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal

from rag.lexicon.units import MEASURE_WORDS, alternation

Fact = tuple[str, str]
Mention = tuple[Fact, str]  # a fact and its surface form, e.g. (("num", "2000000"), "200万")

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_CN_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_SECTIONS = {"万": 10**4, "亿": 10**8}
_CN_RUN = "〇零一二两三四五六七八九十百千万亿"
_CN_NUMBER = re.compile(rf"(百分之)?([{_CN_RUN}]+)")
_UNIT_AHEAD = re.compile(alternation(*MEASURE_WORDS))
_NOT_NUMBERS = ("一次性", "一体化", "一站式", "一揽子", "一批", "第一时间", "一流", "一系列")

_DATE = re.compile(r"(\d{4})(?:年(\d{1,2})月(\d{1,2})[日号]|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))")
_YEAR_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?!\d)")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})[日号]")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(千万|百万|十万|万亿|万|亿|千)?(%|元)?")
_MULTIPLIERS = {"千万": 10**7, "百万": 10**6, "十万": 10**5, "万亿": 10**12}
_MULTIPLIERS |= {"万": 10**4, "亿": 10**8, "千": 10**3}
_ENGLISH_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_ENGLISH_SCALE = re.compile(
    r"(\d+(?:\.\d+)?)[ \t]*(thousand|million|billion|percent|per cent)\b", re.IGNORECASE
)
_LIST_ORDINAL = re.compile(r"^[ \t]*(?:\d{1,2}[.、)](?!\d)|\(\d{1,2}\))", re.MULTILINE)


def normalise_numbers(text: str) -> str:
    """NFKC (full-width digits), no thousands separators, no spaces around digits and units."""
    text = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?<=[\d.])[ \t\u3000]+(?=[\d万亿千百元%年月日号])", "", text)
    text = re.sub(r"(?<=[年月])[ \t]+(?=\d)", "", text)
    text = _ENGLISH_SCALE.sub(_english_scaled, text)
    return _arabise_chinese_numerals(text)


def _english_scaled(match: re.Match[str]) -> str:
    """ "2 million" -> "2000000", "20 percent" -> "20%" (answers in English)."""
    number, scale = match.group(1), match.group(2).lower()
    if scale in ("percent", "per cent"):
        return f"{number}%"
    return _plain(Decimal(number) * _ENGLISH_SCALES[scale])


def chinese_numeral_value(run: str) -> int | None:
    """ "十四" -> 14, "两百万" -> 2000000, "二〇二五" -> 2025; None for "十四五" and the like."""
    if all(ch in _CN_DIGITS for ch in run):
        return int("".join(str(_CN_DIGITS[ch]) for ch in run)) if len(run) in (1, 4) else None
    total = section = 0
    digit: int | None = None
    for ch in run:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row: not a number ("十四五")
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            section = (section + (digit or 0)) or 1
            total, section, digit = total + section * _CN_SECTIONS[ch], 0, None
    return total + section + (digit or 0)


def digit_form(word: str) -> str | None:
    """How a document writes the number word that ends `word` in digits, keeping its 万/亿
    ("五十亿" -> "50亿", "过两千万" -> "2000万", "十五" -> "15"); None when no number word
    of two or more characters ends it."""
    match = re.search(rf"([{_CN_RUN}]+?)([万亿]?)$", word)  # "过百亿": the number ends it
    if not match or len(match.group(0)) < 2 or match.group(1)[0] in _CN_SECTIONS:
        return None  # "万一" is no number
    value = chinese_numeral_value(match.group(1))
    return None if value is None else f"{value}{match.group(2)}"


def _arabise_chinese_numerals(text: str) -> str:
    """Rewrite Chinese numerals that are quantities as digits ("五百万元" -> "5000000元")."""

    def replace(match: re.Match[str]) -> str:
        percent, run = match.groups()
        if not percent and not _is_quantity(match):
            return match.group()
        value = chinese_numeral_value(run)
        if value is None:
            return match.group()
        return f"{value}%" if percent else str(value)

    return _CN_NUMBER.sub(replace, text)


def _is_quantity(match: re.Match[str]) -> bool:
    """ "第十四", "(四)", "三年", "五百万元" are quantities; "三明", "十四五", "一流" are not."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[max(0, start - 1) : start], text[end : end + 4]
    if before.isdigit() or before == "." or set(match.group(2)) <= set("万亿千百"):
        return False  # "200万元": the multiplier of an Arabic number
    window = text[max(0, start - 1) : end + 3]
    if any(idiom in window for idiom in _NOT_NUMBERS):
        return False
    bracketed = before == "(" and after.startswith(")")
    return before == "第" or bracketed or bool(_UNIT_AHEAD.match(after))


def numeric_mentions(text: str, *, ignore_list_ordinals: bool = False) -> list[Mention]:
    """Every number, amount, percentage and date the text states, with how it was written."""
    text = normalise_numbers(text)
    if ignore_list_ordinals:  # "1. …" / "(2) …" at a line start number the answer's own list
        text = _LIST_ORDINAL.sub(" ", text)
    mentions: list[Mention] = []
    for pattern, kind in ((_DATE, "date"), (_YEAR_MONTH, "ym"), (_MONTH_DAY, "md")):
        text = pattern.sub(functools.partial(_collect_date, kind=kind, mentions=mentions), text)
    mentions.extend(_number_mention(match) for match in _NUMBER.finditer(text))
    return mentions


def numeric_facts(text: str, *, ignore_list_ordinals: bool = False) -> list[Fact]:
    return [fact for fact, _ in numeric_mentions(text, ignore_list_ordinals=ignore_list_ordinals)]


def _collect_date(match: re.Match[str], *, kind: str, mentions: list[Mention]) -> str:
    parts = [int(p) for p in match.groups() if p]
    mentions.append(((kind, "-".join(f"{p:02d}" for p in parts)), match.group()))
    return " "  # consumed: its digits are not also counted as plain numbers


def _number_mention(match: re.Match[str]) -> Mention:
    digits, multiplier, suffix = match.groups()
    surface = match.group()
    if suffix == "%":
        return ("pct", _plain(Decimal(digits))), surface
    if digits.startswith("0") and len(digits) > 1 and "." not in digits and not multiplier:
        return ("code", digits), surface
    value = Decimal(digits) * _MULTIPLIERS.get(multiplier or "", 1)
    return ("num", _plain(value)), surface


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def supported_facts(text: str) -> set[Fact]:
    """What a source supports: its facts, plus the parts of its dates and percentages."""
    supported: set[Fact] = set()
    for kind, value in numeric_facts(text):
        supported.add((kind, value))
        supported.update(_expansions(kind, value))
    return supported


def _expansions(kind: str, value: str) -> list[Fact]:
    if kind in ("pct", "code"):
        return [("num", _plain(Decimal(value)))]
    if kind not in ("date", "ym", "md"):
        return []
    parts = value.split("-")
    facts: list[Fact] = [("num", str(int(p))) for p in parts]
    if kind == "date":
        facts += [("ym", f"{parts[0]}-{parts[1]}"), ("md", f"{parts[1]}-{parts[2]}")]
    return facts
