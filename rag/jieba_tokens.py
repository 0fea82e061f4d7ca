"""jieba word segmentation with the policy-domain dictionary, shared by BM25 and embeddings.

Documents and queries go through the very same `tokenize`, so a term matches itself.
"""

from __future__ import annotations

import logging
import unicodedata
from functools import cache
from pathlib import Path

import jieba

USER_DICT = Path(__file__).parent / "data" / "policy_dict.txt"

# Function words that match everywhere and carry no policy meaning.
STOP_WORDS_TEXT = """
的 了 和 与 及 以及 或 或者 等 对 在 为 是 按 将 并 其 之 于 由 从 向 把 被 也 都 就 而 且 则 即
该 此 这 那 这些 那些 有 有关 关于 进行 开展 相关 吗 呢 吧 啊 么 什么 怎么 怎样 如何 多少 哪些
哪个 是否 请问 能 可以 我 我们 你 您
"""
STOP_WORDS = frozenset(STOP_WORDS_TEXT.split())


@cache
def segmenter() -> jieba.Tokenizer:
    """The process-wide jieba tokenizer, loaded once, quietly, with our dictionary."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def normalise(text: str) -> str:
    """NFKC folds full-width digits/letters (２００ → 200) and case."""
    return unicodedata.normalize("NFKC", text).lower()


def is_word(token: str) -> bool:
    """Keep tokens with at least one letter, digit or CJK character."""
    return any(ch.isalnum() for ch in token)


def tokenize(text: str) -> list[str]:
    """Search-mode segmentation (whole words plus their sub-words), minus noise.

    Search mode lets "高新技术企业" match a question that only says "高新技术"; no HMM, so
    unknown words split the same way in a document and in a question.
    """
    words = segmenter().cut_for_search(normalise(text), HMM=False)
    return [w for w in (w.strip() for w in words) if w and is_word(w) and w not in STOP_WORDS]
