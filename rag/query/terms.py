"""The content terms of a question: its words less cities, question words and document
hints, single characters joined into words, each with its accepted variants (synonyms, the
full forms the corpus writes for an abbreviation), and the word pairs it writes side by side.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.lexicon import figures
from rag.lexicon.asking import (
    A_NOT_A,
    AGE_WRITTEN,
    ASKED_DAY,
    ASKED_TIME_SPAN,
    ASKING_WORD,
    NEGATED_GROUP,
    REPORTING_FRAME,
    STATED_AGE,
    STATED_SPOKEN_SUM,
)
from rag.lexicon.cues import (
    CLAUSE_REF,
    COUNTED_PHRASE,
    DOC_HINT,
    LEADING_FILLER,
    NOT_SUBJECT,
    STOP_PHRASES,
    STOP_TOKENS,
    YEAR_UNIT,
)
from rag.lexicon.places import city_spans
from rag.lexicon.synonyms import (
    GLUED_FUNCTION_CHARACTERS,
    ORGANISATION_HEADS,
    SPOKEN_NOUNS,
    SYNONYMS,
    expand_term,
)
from rag.lexicon.thesaurus import synonyms_of
from rag.query.abbreviations import CorpusTerms
from rag.text.numerals import digit_form
from rag.text.segment import is_dictionary_word, is_everyday_word, is_general_word, segmenter


@dataclass(frozen=True)
class TermGroup:
    """One content term of the question and its accepted variants (synonyms, full forms)."""

    term: str
    variants: tuple[str, ...]


def content_terms(text: str, corpus_terms: CorpusTerms | None = None) -> tuple[TermGroup, ...]:
    """Content words of the question (cities and question words removed), with variants."""
    groups: dict[str, TermGroup] = {}
    content = _content_text(text)
    for term in _corpus_words_kept_whole(_merged_tokens(content), content, corpus_terms):
        term = _without_glued_verb(term, corpus_terms)
        if ASKING_WORD.search(term):  # "扣几成", "第几名": the asked figure, no topic
            continue
        if term not in groups:
            full = _learned_forms(term, corpus_terms) + _organisation_forms(term, corpus_terms)
            digits = digit_form(term)  # "五十亿": documents write "50亿"
            written = (digits,) if digits else ()
            groups[term] = TermGroup(term, tuple(dict.fromkeys(expand_term(term) + full + written)))
    if STATED_AGE.search(text) and AGE_WRITTEN[0] not in groups:
        groups[AGE_WRITTEN[0]] = TermGroup(AGE_WRITTEN[0], AGE_WRITTEN)
    return tuple(groups.values())


# the shortest word taking a modifier into a compound term (委员会 of 家长委员会): a two-character
# neighbour is as often a verb or an adverb of time (开放, 每周) as the head of a name
COMPOUND_HEAD_CHARS = 3


def _corpus_words_kept_whole(
    tokens: list[str], text: str, corpus_terms: CorpusTerms | None
) -> list[str]:
    """Cut two neighbouring words again where the dictionary's cut breaks a term the corpus
    writes more often than the word it cut ("学生家长" + "委员会" -> "学生" + "家长委员会"): the
    dictionary knows nothing of the corpus, and a term broken in two is found by neither half."""
    if corpus_terms is None:
        return tokens
    words = list(tokens)
    for i in range(len(words) - 1):
        left, right = words[i], words[i + 1]
        if len(right) < COMPOUND_HEAD_CHARS or left + right not in text:
            continue
        if corpus_terms.writes(left + right):
            continue
        for cut in range(2, len(left) - 1):
            head, joined = left[:cut], left[cut:] + right
            if is_dictionary_word(head) and corpus_terms.times_written(
                joined
            ) > corpus_terms.times_written(left):
                words[i], words[i + 1] = head, joined
                break
    return words


def _organisation_forms(term: str, corpus_terms: CorpusTerms | None) -> tuple[str, ...]:
    """An organisation the corpus never names by the asker's head, under the heads it does
    write for the same stem ("保险公司" -> "保险机构"): the kind is in the stem, the head only
    says it is an organisation."""
    if corpus_terms is None or corpus_terms.writes(term):
        return ()
    for head in ORGANISATION_HEADS:
        stem = term[: -len(head)]
        if term.endswith(head) and len(stem) >= 2:
            others = (stem + other for other in ORGANISATION_HEADS if other != head)
            return tuple(form for form in others if corpus_terms.writes(form))
    return ()


def with_thesaurus_forms(
    terms: Sequence[TermGroup], corpus_terms: CorpusTerms | None
) -> tuple[TermGroup, ...] | None:
    """The terms with the words of the same meaning the corpus writes added to each, or
    None when no term gains one."""
    widened, gained = [], False
    for group in terms:
        more = tuple(
            w for w in _thesaurus_forms(group.term, corpus_terms) if w not in group.variants
        )
        gained = gained or bool(more)
        widened.append(TermGroup(group.term, group.variants + more) if more else group)
    return tuple(widened) if gained else None


def _thesaurus_forms(term: str, corpus_terms: CorpusTerms | None) -> tuple[str, ...]:
    """The words of the same meaning the corpus writes for a word it never writes (坐牢 ->
    服刑): askers use the everyday word, documents the formal one. A typo of an everyday word
    is read as the word meant, with its lexicon forms and synonyms."""
    if corpus_terms is None or corpus_terms.writes(term):
        return ()
    words = [w for w in synonyms_of(term) if corpus_terms.knows(w)]
    for meant in _typo_of_a_word(term, corpus_terms):
        # the lexicon's forms are phrases a clause writes; the thesaurus' single words
        words += [f for f in expand_term(meant) if corpus_terms.writes(f)]
        words += [w for w in synonyms_of(meant) if corpus_terms.knows(w)]
    return tuple(dict.fromkeys(words))


def _typo_of_a_word(term: str, corpus_terms: CorpusTerms) -> tuple[str, ...]:
    """The dictionary words a term no dictionary knows may be a pinyin typo of (短电 ->
    断电), for their synonyms: the corpus may write neither the typo nor the word meant."""
    if is_general_word(term) or corpus_terms.homophones is None:
        return ()
    return tuple(w for w in corpus_terms.homophones().respellings(term) if is_general_word(w))


def _learned_forms(term: str, corpus_terms: CorpusTerms | None) -> tuple[str, ...]:
    """What the corpus writes for a term it never writes: the full form of an abbreviation,
    the word a typo meant. An everyday word (吃饭, 老师) is neither: it means itself."""
    if corpus_terms is None or is_everyday_word(term):
        return ()
    return corpus_terms.full_forms(term) + corpus_terms.respelled(term)


def _without_glued_verb(term: str, corpus_terms: CorpusTerms | None) -> str:
    """ "去食堂" as segmented: a one-character verb glued to a word the corpus writes,
    forming one it never writes, is the word (the verb is how the asker gets there); so is
    a glued preposition ("凭"+"身份证": the means, the term is the 身份证)."""
    if corpus_terms is None or len(term) < 3 or term[0] not in GLUED_FUNCTION_CHARACTERS:
        return term
    word = term[1:]
    if corpus_terms.knows(term) or not (corpus_terms.knows(word) or word in SYNONYMS):
        return term
    return word


def adjacent_phrases(text: str) -> tuple[str, ...]:
    """Pairs of content words the question writes side by side ("概念验证" + "中心"):
    a passage holding the whole phrase is a closer match than one holding both apart."""
    phrases: list[str] = []
    for segment in re.split(r"[^\w]+", _content_text(text)):
        words = _merged_tokens(segment)
        phrases.extend(a + b for a, b in itertools.pairwise(words))
    return tuple(dict.fromkeys(p for p in phrases if len(p) <= 10))


def excluded_groups(text: str) -> tuple[str, ...]:
    """The groups the asker says they are not in ("我不是在职职工" -> 在职职工)."""
    return tuple(dict.fromkeys(m.group("group") for m in NEGATED_GROUP.finditer(text)))


def subject_groups(terms: Sequence[TermGroup]) -> list[TermGroup]:
    """The terms that name what is asked about (not a year, not "目标")."""
    return [g for g in terms if not NOT_SUBJECT.search(g.term)]


def terms_are(terms: Sequence[TermGroup], words: frozenset[str]) -> bool:
    return all(group.term in words for group in terms)


def _content_text(text: str) -> str:
    stripped = _strip_spans(text, city_spans(text))
    stripped = LEADING_FILLER.sub("", stripped)
    stripped = REPORTING_FRAME.sub(" ", stripped)
    stripped = CLAUSE_REF.sub(" ", stripped)
    stripped = DOC_HINT.sub(" ", stripped)  # names a document: a filter, not evidence
    stripped = figures.ASKED_PER_UNIT.sub(" ", stripped)  # a unit of the asked sum, not a topic
    stripped = figures.ASKED_MEASURE_UNIT.sub(" ", stripped)
    stripped = A_NOT_A.sub(r"\1", stripped)
    stripped = NEGATED_GROUP.sub(
        " ", stripped
    )  # "我不是在职职工": a band to leave out (`excluded`)
    stripped = ASKED_DAY.sub(" ", stripped)  # before "几月" is read as a length of time
    stripped = ASKED_TIME_SPAN.sub(" ", stripped)  # "多少天内": the unit asked, not a topic
    stripped = STATED_AGE.sub(" ", stripped)
    stripped = STATED_SPOKEN_SUM.sub(" ", stripped)
    stripped = figures.SHARE_FIGURE.sub(" ", stripped)  # "超速百分之二十": the asker's tier
    return STOP_PHRASES.sub(" ", stripped)


def _strip_spans(text: str, spans: Sequence[tuple[int, int]]) -> str:
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def _merged_tokens(text: str) -> list[str]:
    """jieba tokens minus stop words; runs of single characters are joined ("新"+"设" -> "新设")."""
    terms: list[str] = []
    run = ""
    previous = ""
    for token in segmenter().lcut(text, HMM=False):
        token = token.strip()
        unit_of_number = previous.isdigit() and token == YEAR_UNIT  # "2020年研发": not "年研发"
        previous = token
        is_word = bool(token) and bool(re.search(r"[\w]", token)) and token not in STOP_TOKENS
        is_word = is_word and not unit_of_number and not COUNTED_PHRASE.fullmatch(token)
        if is_word and len(token) == 1:
            if run in SPOKEN_NOUNS:  # "猫" + "装": the noun, then what is done with it
                terms.append(run)
                run = ""
            run += token
            continue
        if is_word and run in SPOKEN_NOUNS:
            terms.append(run)  # "娃" + "生病": the noun, then what is said of it
        elif is_word and len(run) == 1:
            token = run + token  # "新" + "设立" -> "新设立"
        elif is_word and len(run) >= 2 and run[-1] + token in SYNONYMS:
            # "交" "假" "材料": the last character starts the form the lexicon knows
            token = run[-1] + token
            if len(run) >= 3 or run[:-1] in SYNONYMS:
                terms.append(run[:-1])
        elif len(run) >= 2 or run in SYNONYMS or run in SPOKEN_NOUNS:
            terms.append(run)  # a lone character the lexicon knows as a word: "狗", "鸡"
        run = ""
        if is_word:
            terms.append(token.lower() if token.isascii() else token)
    if len(run) >= 2 or run in SYNONYMS or run in SPOKEN_NOUNS:
        terms.append(run)
    return terms
