"""Abbreviations learned from the corpus itself, not from a word list.

A Chinese abbreviation (缩略语) keeps characters of its full form in their order, starting
with the full form's first character: 医保 ← 医疗保险, 公租房 ← 公共租赁住房, 创业贷 ← 创业担保
贷款, 失业金 ← 失业保险金. So a question word that the documents never write is looked up as
such a subsequence in the documents' own text, and the full forms found there become variants
of the term (retrieval and evidence then match what the policies actually say).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rag.lexicon.cues import FUNCTION_WORDS
from rag.text.homophones import Homophones
from rag.text.segment import STOP_WORDS, segmenter

_HAN = r"[\u4e00-\u9fff]"
MAX_GAP = 3  # characters the full form may insert between two kept ones
MAX_FORMS = 2  # most frequent full forms kept per abbreviation
MIN_COUNT = 2  # a full form must occur at least this often in the sample
MIN_CHARS, MAX_CHARS = 2, 4  # abbreviations are short
WORD_WINDOW = 4  # characters cut with a full form on the side looked at, to see where words begin


@dataclass(frozen=True)
class CorpusTerms:
    """The corpus vocabulary (segmented words), a text sample to find full forms in, and
    (loaded on first need) which characters sound alike, to find what a typo meant."""

    vocabulary: frozenset[str]
    sample: str = ""
    homophones: Callable[[], Homophones] | None = None
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    # doc_id -> {a thing a definition lists: the term it is a kind of} (`defined_kinds`)
    kinds: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)
    _written: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)
    _counts: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        vocabulary: Iterable[str],
        texts: Iterable[str],
        homophones: Callable[[], Homophones] | None = None,
        kinds: Mapping[str, Mapping[str, str]] | None = None,
    ) -> CorpusTerms:
        return cls(frozenset(vocabulary), "\n".join(texts), homophones, kinds=kinds or {})

    def kind_of(self, doc_id: str, word: str) -> str | None:
        """The term document `doc_id` defines as covering `word`, if its definitions list it."""
        return self.kinds.get(doc_id, {}).get(word)

    def knows(self, word: str) -> bool:
        return word in self.vocabulary

    def writes(self, word: str) -> bool:
        """A word of the vocabulary, or a stretch of the sample text (worked out once: the
        sample is long, and gates ask again for every hit they weigh)."""
        if word not in self._written:
            self._written[word] = word in self.vocabulary or word in self.sample
        return self._written[word]

    def times_written(self, word: str) -> int:
        """How often the sample text writes `word` (worked out once per word)."""
        if word not in self._counts:
            self._counts[word] = self.sample.count(word) if word else 0
        return self._counts[word]

    def respelled(self, term: str) -> tuple[str, ...]:
        """The words the corpus writes that `term`, which it never writes, may be a pinyin
        typo of: one character replaced by another read the same (居主证 → 居住证). Nothing when
        more than MAX_FORMS words qualify: then the typo is not telling which one."""
        key = f"respelled:{term}"
        if key not in self._cache:
            plausible = MIN_CHARS <= len(term) <= MAX_CHARS and re.fullmatch(f"{_HAN}+", term)
            written = self.writes(term)
            found: tuple[str, ...] = ()
            if plausible and not written and self.homophones is not None:
                known = self.homophones().respellings(term)
                found = tuple(w for w in known if w in self.vocabulary)
            self._cache[key] = found if len(found) <= MAX_FORMS else ()
        return self._cache[key]

    def full_forms(self, term: str, written_too: bool = False) -> tuple[str, ...]:
        """The full forms of `term` the corpus writes, most frequent first; () when the term
        is no plausible abbreviation, or (unless `written_too`) the corpus writes it itself:
        then it needs no expansion for retrieval, though a clause may still use the full form."""
        key = f"{written_too}:{term}"
        if key not in self._cache:
            written = self.writes(term)
            plausible = MIN_CHARS <= len(term) <= MAX_CHARS and re.fullmatch(f"{_HAN}+", term)
            found = plausible and (written_too or not written)
            self._cache[key] = self._find(term) if found else ()
        return self._cache[key]

    def _find(self, term: str) -> tuple[str, ...]:
        counts: Counter[str] = Counter()
        for match in _pattern(term).finditer(self.sample):
            shortest = _shortest(match.group(0), term)
            form = self._extend(shortest, match.end())
            if len(form) <= len(term) or _spans_a_function_word(form):
                continue
            if self._starts_a_word(match.end() - len(shortest), len(form)):
                counts[form] += 1
        return tuple(f for f, n in counts.most_common(MAX_FORMS) if n >= MIN_COUNT)

    def _starts_a_word(self, start: int, length: int) -> bool:
        """Whether the sample's words, cut around it, begin one at `start`: a full form begins
        a name, not inside a word ("协调…委员会" of 政协调研委员会 abbreviates nothing)."""
        left = max(0, start - WORD_WINDOW)
        return start in self._word_starts(left, start + length)

    def _word_starts(self, left: int, right: int) -> set[int]:
        """Where the words of the sample's stretch [left, right), cut alone, begin."""
        starts, offset = set(), left
        for word in segmenter().lcut(self.sample[left:right], HMM=False):
            starts.add(offset)
            offset += len(word)
        return starts | {offset}

    def _extend(self, form: str, end: int) -> str:
        """The last kept character may open the final word (贷 of 贷款): finish that word."""
        following = self.sample[end : end + 1]
        if not following or form[-1] + following not in self.vocabulary:
            return form
        # a form ending a word already (委员会 of 协调委员会主任) is whole
        ends_a_word = end in self._word_starts(end - len(form), end + WORD_WINDOW)
        return form if ends_a_word else form + following


@lru_cache(maxsize=1024)
def _pattern(term: str) -> re.Pattern[str]:
    gap = f"{_HAN}{{0,{MAX_GAP}}}?"
    return re.compile(gap.join(re.escape(ch) for ch in term))


def _spans_a_function_word(form: str) -> bool:
    """A full form is a name, whose words all carry content: a stretch taking in a function
    word ("驾驶员依照" for 驾照) runs across a phrase boundary and abbreviates nothing."""
    return any(word in FUNCTION_WORDS or word in STOP_WORDS for word in segmenter().lcut(form))


def _shortest(form: str, term: str) -> str:
    """Start at the last occurrence of the first kept character before the second one
    (年的年休假 → 年休假): the leftmost match may begin a word too early."""
    second = form.index(term[1], 1)
    return form[form.rfind(term[0], 0, second) :]
