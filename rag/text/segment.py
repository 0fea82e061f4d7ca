"""jieba word segmentation with the policy-domain dictionary, shared by BM25 and embeddings.

Documents and queries go through the very same `tokenize`, so a term matches itself.

Loading jieba's full dictionary costs ~0.6 s per process, most of a cold `policybot ask`.
So each index generation also saves its *vocabulary*: the dictionary entries its texts
actually segment into (with their full-dictionary frequencies and the same total). On
those texts the vocabulary segments exactly as the full dictionary does (the best route
only ever uses words it outputs, and dropping losing candidates cannot change the best
route), and a query segments the same way against it as the indexed texts did, so a
serving process loads that small file instead.

A question is always segmented with the served generation's vocabulary, even in a process
that has loaded the full dictionary to index (a server adding documents, an evaluation
indexing its corpora): otherwise the same question would be segmented, and answered,
differently depending on what the process did before. Only an index run (this thread,
inside `segmenting_documents`) segments with the full dictionary.
"""

from __future__ import annotations

import heapq
import importlib.util
import logging
import marshal
import math
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

USER_DICT = Path(__file__).parent.parent / "lexicon" / "data" / "policy_dict.txt"
# jieba 0.42's block patterns (jieba/__init__.py: re_eng, re_han_default, re_skip_default)
RE_ENG = re.compile("[a-zA-Z0-9]", re.U)
RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)", re.U)
RE_SKIP = re.compile("(\r\n|\\s)", re.U)

# Function words that match everywhere and carry no policy meaning.
STOP_WORDS_TEXT = """
的 了 和 与 及 以及 或 或者 等 对 在 为 是 按 将 并 其 之 于 由 从 向 把 被 也 都 就 而 且 则 即
该 此 这 那 这些 那些 有 有关 关于 进行 开展 相关 吗 呢 吧 啊 么 什么 怎么 怎样 如何 多少 哪些
哪个 是否 请问 能 可以 我 我们 你 您
"""
STOP_WORDS = frozenset(STOP_WORDS_TEXT.split())
# Questions use everyday words the corpus may lack ("多少", "什么"): the vocabulary keeps
# jieba's most frequent words too, so those still segment as words.
COMMON_WORDS = 30_000


_serving: list[Path] = []  # the vocabulary of the generation this process serves
_mode = threading.local()  # .documents: this thread segments texts to index


@cache
def full_segmenter() -> jieba.Tokenizer:
    """jieba's full dictionary plus ours, loaded once per process, quietly."""
    import jieba  # here: `policybot docs` never needs it

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


class VocabularySegmenter:
    """jieba's segmentation without HMM (precise `cut` and `cut_for_search`), ported line
    for line from jieba 0.42 onto a saved vocabulary, so serving needs no jieba import.
    tests/index/test_lexical_index.py checks it against jieba itself."""

    def __init__(self, freq: dict[str, int], total: int) -> None:
        self.FREQ = freq
        self.total = total
        self._logtotal = math.log(total)

    def _dag(self, sentence: str) -> list[list[int]]:
        dag = []
        n = len(sentence)
        for k in range(n):
            ends, i, frag = [], k, sentence[k]
            while i < n and frag in self.FREQ:
                if self.FREQ[frag]:
                    ends.append(i)
                i += 1
                frag = sentence[k : i + 1]
            dag.append(ends or [k])
        return dag

    def _cut_block(self, sentence: str) -> Iterator[str]:
        dag, n = self._dag(sentence), len(sentence)
        route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (math.log(self.FREQ.get(sentence[idx : x + 1]) or 1) - self._logtotal
                 + route[x + 1][0], x)
                for x in dag[idx]
            )  # fmt: skip
        x, buf = 0, ""
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if RE_ENG.match(word) and len(word) == 1:
                buf += word
            else:
                if buf:
                    yield buf
                    buf = ""
                yield word
            x = y
        if buf:
            yield buf

    def cut(self, sentence: str, HMM: bool = False) -> Iterator[str]:  # jieba's signature
        if HMM:
            raise ValueError("the vocabulary segmenter has no HMM; pass HMM=False")
        for block in RE_HAN.split(sentence):
            if not block:
                continue
            if RE_HAN.match(block):
                yield from self._cut_block(block)
                continue
            for part in RE_SKIP.split(block):
                if RE_SKIP.match(part):
                    yield part
                else:
                    yield from part

    def lcut(self, sentence: str, HMM: bool = False) -> list[str]:
        return list(self.cut(sentence, HMM))

    def cut_for_search(self, sentence: str, HMM: bool = False) -> Iterator[str]:
        for word in self.cut(sentence, HMM):
            for n in (2, 3):
                if len(word) > n:
                    for i in range(len(word) - n + 1):
                        if self.FREQ.get(word[i : i + n]):
                            yield word[i : i + n]
            yield word


@cache
def vocabulary_segmenter(path: Path) -> VocabularySegmenter:
    """The segmenter of a saved generation vocabulary (see the module docstring)."""
    # marshal.load reads a file in small pieces, object by object: 110 ms for 72k words
    # against 41 ms from the bytes read at once
    freq, total = marshal.loads(path.read_bytes())
    return VocabularySegmenter(freq, total)


def user_words() -> list[str]:
    lines = USER_DICT.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip()]


@cache
def domain_words() -> frozenset[str]:
    return frozenset(user_words())


def is_dictionary_word(word: str) -> bool:
    """A word of the segmenter's dictionary (general or policy), not a run it glued."""
    return bool(segmenter().FREQ.get(word))


def is_general_word(word: str) -> bool:
    """A word of jieba's full dictionary or of ours: the served vocabulary keeps only the
    words the corpus segments into and the most common ones, so a rarer word the corpus never
    writes ("养猫") is looked up in the full word list (read once, on first need)."""
    return word in _general_words() or word in domain_words()


@cache
def _general_words() -> frozenset[str]:
    """jieba's dictionary words, read from its data file without importing jieba (≈ 0.2 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:
        return frozenset()
    dictionary = Path(spec.origin).parent / "dict.txt"
    with dictionary.open(encoding="utf-8") as lines:
        return frozenset(line.split(" ", 1)[0] for line in lines)


def is_everyday_word(word: str) -> bool:
    """A word of the general dictionary (not one of our policy dictionary's): a word in its
    own right, whatever the corpus writes."""
    return is_dictionary_word(word) and word not in domain_words()


def serve_vocabulary(path: Path) -> None:
    """Segment questions with this generation's vocabulary."""
    _serving[:] = [path] if path.is_file() else []


@contextmanager
def segmenting_documents() -> Iterator[None]:
    """Within (in this thread only): the full dictionary, as every indexed text is."""
    before = getattr(_mode, "documents", False)
    _mode.documents = True
    try:
        yield
    finally:
        _mode.documents = before


@contextmanager
def segmenting_questions(vocabulary: Path) -> Iterator[None]:
    """Within (in this thread only): the vocabulary of the generation answering, whatever
    other generation this process opened last (an evaluation serves several)."""
    before = getattr(_mode, "vocabulary", None)
    _mode.vocabulary = vocabulary if vocabulary.is_file() else None
    try:
        yield
    finally:
        _mode.vocabulary = before


def _vocabulary_in_use() -> Path | None:
    if getattr(_mode, "documents", False):
        return None
    own = getattr(_mode, "vocabulary", None)
    return own or (_serving[0] if _serving else None)


def segmenter() -> jieba.Tokenizer | VocabularySegmenter:
    vocabulary = _vocabulary_in_use()
    return vocabulary_segmenter(vocabulary) if vocabulary else full_segmenter()


def save_vocabulary(path: Path, words: Iterable[str]) -> int:
    """Save the full-dictionary entries among `words` (what the indexed texts segmented
    into with the full dictionary, see `raw_words`), plus everyday, stop and domain
    words, with their prefixes. Any subset of the full dictionary that holds those
    words segments the indexed texts exactly as the full dictionary does."""
    full = full_segmenter()
    everyday = heapq.nlargest(COMMON_WORDS, full.FREQ.items(), key=lambda item: item[1])
    extra = [w for w, _ in everyday] + list(STOP_WORDS) + user_words()
    freq = {w: full.FREQ[w] for w in (*words, *extra) if full.FREQ.get(w)}
    for word in list(freq):
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)  # get_DAG walks prefixes
    with path.open("wb") as handle:
        marshal.dump((freq, full.total), handle)
    return len(freq)


def normalise(text: str) -> str:
    """NFKC folds full-width digits/letters (２００ → 200) and case."""
    return unicodedata.normalize("NFKC", text).lower()


_ALNUM = re.compile(r"[^\W_]")  # re's \w is str.isalnum() plus "_": the same test, in C


def is_word(token: str) -> bool:
    """Keep tokens with at least one letter, digit or CJK character."""
    return _ALNUM.search(token) is not None


def raw_words(text: str) -> tuple[str, ...]:
    """Search-mode segmentation (whole words plus their sub-words), unfiltered.

    Search mode lets "高新技术企业" match a question that only says "高新技术"; no HMM, so
    unknown words split the same way in a document and in a question.
    """
    return _raw_words(text, _vocabulary_in_use())


@lru_cache(maxsize=2048)  # the index build segments each clause for BM25 and embeddings
def _raw_words(text: str, vocabulary: Path | None) -> tuple[str, ...]:
    return tuple(segmenter().cut_for_search(normalise(text), HMM=False))


def index_terms(words: Iterable[str]) -> list[str]:
    """Drop white space, punctuation and stop words."""
    return [w for w in (w.strip() for w in words) if w and is_word(w) and w not in STOP_WORDS]


def tokenize(text: str) -> list[str]:
    """The index terms of `text`: the same function for documents and for queries."""
    return index_terms(raw_words(text))
