"""What the composition root needs besides wiring: opening (or first indexing) the corpus,
sampling clauses for term weights, choosing the LLM answerer, a one-shot process's vector
process."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from rag.protocol import AnswerWriter, CorpusReader
from rag.records import Clause
from rag.retrieve.evidence import MAX_SAMPLE
from rag.settings import MissingSettingError, Settings

if TYPE_CHECKING:
    from rag.index.corpus import IndexedCorpus
    from rag.index.vector_process import VectorProcess

log = logging.getLogger(__name__)
INDEX_WAIT_SECONDS = 600.0  # a first index of a large folder takes minutes


def sample_clauses(corpus: IndexedCorpus, limit: int = MAX_SAMPLE) -> list[Clause]:
    """Clauses of evenly spread documents, about `limit` of them: term weights need a fair
    sample, and loading every clause of a 100k-clause corpus would slow every start."""
    documents = corpus.documents()
    counts = corpus.clause_counts()
    total = sum(counts.values())
    stride = max(1, round(total / limit)) if total > limit else 1
    return [c for d in documents[::stride] for c in corpus.clauses(d.doc_id)]


def start_vector_process(settings: Settings) -> VectorProcess | None:
    """For a process that answers one question and exits, started before anything else:
    embedded Chroma's vectors load in a second process meanwhile (`rag.index.vector_process`);
    None when turned off, on a Chroma server, or where forking is not safe. Pass it to
    `build_answer_service`, and `stop()` it once the answer is out."""
    from rag.index.vector_process import VectorProcess

    return VectorProcess.start(settings) if settings.vector_process else None


def open_or_index(settings: Settings, wait_seconds: float = INDEX_WAIT_SECONDS) -> IndexedCorpus:
    """The corpus being served. Only an EMPTY data directory gets the seeds indexed into it;
    a damaged one is an IndexDamagedError saying what to run (nothing is replaced or
    deleted). An index run in progress is waited for, not raced."""
    from rag.index.corpus import open_corpus
    from rag.index.generations import IndexBusyError, wait_for_index_run

    data_dir = Path(settings.data_dir)
    for _ in range(3):  # another process may start indexing the seeds between our steps
        wait_for_index_run(data_dir, wait_seconds, lambda: _announce_wait(data_dir))
        corpus = open_corpus(settings)
        if corpus is not None:
            return corpus
        from rag.index.build import index_paths  # here: importing the build costs a start

        try:
            index_paths([settings.seeds_dir], settings, progress=False)
        except IndexBusyError:
            continue
        corpus = open_corpus(settings)
        if corpus is None:
            raise RuntimeError(
                f"nothing could be indexed from {settings.seeds_dir}: run policybot index PATH"
            )
        return corpus
    raise IndexBusyError(f"{data_dir} is being indexed again and again; try later")


def _announce_wait(data_dir: Path) -> None:
    log.warning("an index run is in progress in %s: waiting for it to finish", data_dir)


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
