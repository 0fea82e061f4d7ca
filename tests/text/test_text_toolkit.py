"""One Chinese-text toolkit in rag/text: one numeral parser, one sentence splitter, one n-gram
helper; units are lexicon data (rag/lexicon/units.py)."""

from __future__ import annotations

import re

from rag.text.ngrams import char_ngrams
from rag.text.numerals import chinese_numeral_value, digit_form
from rag.text.sentences import finished_sentences, split_sentences
from tests.conftest import REPO

RAG = REPO / "rag"


def sources() -> dict[str, str]:
    return {p.relative_to(RAG).as_posix(): p.read_text(encoding="utf-8") for p in RAG.rglob("*.py")}


def test_character_ngrams() -> None:
    assert char_ngrams("科技金融") == ["科技", "技金", "金融"]
    assert char_ngrams("科") == [] and char_ngrams("科技金融", 3) == ["科技金", "技金融"]


def test_sentences_with_and_without_line_breaks() -> None:
    text = "第一句。第二句\n第三句！未完"
    assert [s.text for s in split_sentences(text, 10)] == ["第一句。", "第二句\n第三句！", "未完"]
    spans = split_sentences(text, 10, lines=True)
    assert [s.text for s in spans] == ["第一句。", "第二句", "第三句！", "未完"]
    assert all(text[s.start - 10 : s.end - 10] == s.text for s in spans)
    assert finished_sentences(text) == [("第一句。", 4), ("第二句\n", 8), ("第三句！", 12)]


def test_one_numeral_parser_reads_canonical_numerals() -> None:
    assert [chinese_numeral_value(n) for n in ("三", "十四", "二十", "一百零三", "两千五百")] == [
        3,
        14,
        20,
        103,
        2500,
    ]
    assert chinese_numeral_value("十四五") is None  # a plan period, not a number


def test_a_number_word_is_written_in_digits_keeping_its_wan_or_yi() -> None:
    assert [digit_form(w) for w in ("五十亿", "两千万", "十五")] == ["50亿", "2000万", "15"]
    assert digit_form("过百亿") == "100亿"  # a character glued before the number
    assert [digit_form(w) for w in ("亿", "万一", "科技", "十四五", "统一")] == [None] * 5


def test_each_tool_is_defined_once() -> None:
    found = sources()
    pairs = [
        name
        for name, text in found.items()
        if re.search(r"\[i : i \+ (?:\d|n)\] for i in range", text)
    ]
    assert pairs == ["text/ngrams.py"]
    parsers = [name for name, text in found.items() if re.search(r'"零": 0', text)]
    assert parsers == ["text/numerals.py"]
    splitters = [name for name, text in found.items() if "[^。！？!?；;" in text]
    assert splitters == []  # patterns are built from rag.text.sentences.SENTENCE_ENDS
    units = [name for name, text in found.items() if re.search(r"家\|个\|项", text)]
    assert units == []  # unit lists live in rag/lexicon/units.py


def test_a_word_has_a_letter_digit_or_han_character() -> None:
    from rag.text.segment import is_word

    for code in range(0x3000):  # ASCII, Latin, punctuation, symbols, full-width forms' start
        ch = chr(code)
        assert is_word(ch) == ch.isalnum(), hex(code)
    assert is_word("研发") and is_word("_2") and is_word("Ⅷ") and is_word("２")
    assert not is_word("_") and not is_word("，。") and not is_word(" ") and not is_word("")
