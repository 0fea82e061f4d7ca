"""What the composition root needs besides wiring: opening (or first indexing) the corpus,
sampling clauses for term weights, choosing the LLM answerer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rag.protocol import AnswerWriter, CorpusReader
from rag.records import Clause
from rag.retrieve.evidence import MAX_SAMPLE
from rag.settings import MissingSettingError, Settings

if TYPE_CHECKING:
    from rag.index.corpus import IndexedCorpus


def sample_clauses(corpus: IndexedCorpus, limit: int = MAX_SAMPLE) -> list[Clause]:
    """Clauses of evenly spread documents, about `limit` of them: term weights need a fair
    sample, and loading every clause of a 100k-clause corpus would slow every start."""
    documents = corpus.documents()
    counts = corpus.clause_counts()
    total = sum(counts.values())
    stride = max(1, round(total / limit)) if total > limit else 1
    return [c for d in documents[::stride] for c in corpus.clauses(d.doc_id)]


def open_or_index(settings: Settings) -> IndexedCorpus:
    from rag.index.corpus import open_corpus

    corpus = open_corpus(settings)
    if corpus is None:
        from rag.index.build import index_paths

        index_paths([settings.seeds_dir], settings, progress=False)
        corpus = open_corpus(settings)
    if corpus is None:
        raise RuntimeError(
            f"nothing could be indexed from {settings.seeds_dir}: run policybot index PATH"
        )
    return corpus


def llm_answerer(settings: Settings, mode: str, corpus: CorpusReader) -> AnswerWriter | None:
    """The LLM answerer for mode llm (or auto with an LLM configured), else None; it reads
    documents from the corpus the composition root opened."""
    if mode == "extractive" or (mode == "auto" and not settings.llm_configured):
        return None
    if not settings.llm_configured:
        names = ("POLICYBOT_LLM_MODEL",) if not settings.llm_model else ()
        raise MissingSettingError(*names, "OPENAI_API_KEY or OPENAI_BASE_URL", purpose="--mode llm")
    from rag.llm.answerer import build_llm_answerer

    return build_llm_answerer(settings, corpus.document)
