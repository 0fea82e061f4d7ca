"""Embedders behind `rag.protocol.Embedder`: an offline hashing default and OpenAI-compatible.

`HashingEmbedder` needs no weights and no network. It captures surface overlap only:
shared characters, character bigrams/trigrams and jieba words (with the policy
dictionary), hashed into a fixed number of dimensions. It knows no synonyms: "创投" and
"创业投资" are close only through the characters they share.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import xxhash

from rag.settings import MissingSettingError, Settings
from rag.text.ngrams import char_ngrams
from rag.text.segment import normalise, tokenize

NOT_TEXT = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1 << 16)  # 1 << 20 grew each build worker by ~400 MiB, no faster
def bucket(feature: str, dim: int) -> tuple[int, float]:
    """Stable (across processes, unlike hash()) index and ±1 sign of one feature."""
    value = xxhash.xxh64_intdigest(feature.encode("utf-8"))
    return value % dim, 1.0 if (value >> 63) else -1.0


def features(text: str) -> Counter[str]:
    """Character 1–3-grams of each run of letters/digits/CJK, plus jieba words."""
    counts: Counter[str] = Counter()
    for run in NOT_TEXT.split(normalise(text)):
        for n in (1, 2, 3):
            counts.update(char_ngrams(run, n))
    counts.update("w:" + word for word in tokenize(text))
    return counts


class HashingEmbedder:
    """Sublinear-tf hashed features, L2-normalised: cosine ≈ weighted n-gram overlap."""

    def __init__(self, dim: int = 1024) -> None:
        self.dim = dim

    @property
    def name(self) -> str:
        return f"hashing-v1-{self.dim}"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.embed_array(texts)]

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, count in features(text).items():
                index, sign = bucket(feature, self.dim)
                matrix[row, index] += sign * (1.0 + math.log(count))
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms == 0, 1.0, norms)


class OpenAIEmbedder:
    """OpenAI or any OpenAI-compatible `/v1/embeddings` server, through the openai SDK."""

    def __init__(self, model: str, client: object, batch_size: int = 64) -> None:
        self.model = model
        self.client = client
        self.batch_size = batch_size

    @property
    def name(self) -> str:
        return f"openai-{self.model}"

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = [t if t.strip() else " " for t in texts[start : start + self.batch_size]]
            response = self.client.embeddings.create(model=self.model, input=batch)  # type: ignore[attr-defined]
            ordered = sorted(response.data, key=lambda item: item.index)
            vectors.extend(list(item.embedding) for item in ordered)
        return vectors


def make_embedder(settings: Settings) -> HashingEmbedder | OpenAIEmbedder:
    """The embedder `settings.embedding_model` names ("hashing" is the offline default)."""
    if settings.embedding_model == "hashing":
        return HashingEmbedder(settings.hashing_dim)
    base_url = settings.embedding_base_url or settings.openai_base_url
    if not (settings.openai_api_key or base_url):
        raise MissingSettingError(
            "OPENAI_API_KEY (or POLICYBOT_EMBEDDING_BASE_URL for a local server)",
            purpose=f"the embedding model {settings.embedding_model!r}",
        )
    from openai import OpenAI  # imported here: the offline default never pays for it

    client = OpenAI(
        api_key=settings.openai_api_key or "not-needed",  # local servers ignore the key
        base_url=base_url,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
    )
    return OpenAIEmbedder(settings.embedding_model, client)
