"""Read API over the generation being served: documents, clauses, and both retrievers.

Opening is cheap (one SQLite connection); jieba, bm25s and Chroma load on first use.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Collection
from functools import cached_property
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from rag.index.derived import derived_value
from rag.index.generations import (
    CORPUS_DB,
    VOCABULARY,
    hold,
    read_manifest,
    serving_generation,
)
from rag.index.integrity import check_generation, check_vocabulary, lexical_damage
from rag.index.store import Store
from rag.protocol import Embedder
from rag.records import Clause, Document, DocumentList
from rag.settings import Settings
from rag.text.clause_key import numbered_positions
from rag.text.segment import serve_vocabulary

if TYPE_CHECKING:  # the retrievers' heavy imports (jieba, bm25s, chromadb) wait for first use
    from rag.index.lexical import LexicalIndex
    from rag.index.vector import VectorIndex
    from rag.index.vector_process import VectorProcess

log = logging.getLogger(__name__)
ID_PREFIX = 6  # shortest document id prefix accepted as a reference
T = TypeVar("T")


def open_corpus(settings: Settings, embedder: Embedder | None = None) -> IndexedCorpus | None:
    """The corpus being served, or None when nothing has been indexed yet; IndexDamagedError
    (naming the file and what to run) when what was indexed cannot be served."""
    for _ in range(3):  # CURRENT may move on (and prune) between reading it and holding it
        generation = serving_generation(Path(settings.data_dir))
        if generation is None:
            return None
        check_generation(generation)
        held = hold(generation)
        if held is not None:
            return IndexedCorpus(generation, settings, embedder, held)
    return None


SHORT_DOCUMENTS_KEPT = 256  # short documents whose clauses stay read (≤ 40 clauses each)


class IndexedCorpus:
    """One published generation. Safe to share between threads for reading."""

    def __init__(
        self,
        generation: Path,
        settings: Settings,
        embedder: Embedder | None,
        held: IO[bytes] | None = None,
    ) -> None:
        self.generation = generation.name
        self.path = generation
        self.manifest = read_manifest(generation)
        self._settings = settings
        self._embedder = embedder
        self._store = Store.open(generation / CORPUS_DB)
        self._held = held  # keeps the generation on disk while this corpus is open
        self.background_vectors = True  # see `vector`; a one-shot process turns it off
        self.vector_process: VectorProcess | None = None  # a one-shot process's, see `vector`
        self.vocabulary_file = generation / VOCABULARY  # how its questions are segmented
        serve_vocabulary(self.vocabulary_file)

    def close(self) -> None:
        """Release the generation (a later index run may then delete it)."""
        self._store.close()
        if self._held is not None:
            self._held.close()

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()` (a value worked out from this whole generation), saved beside it for
        the next process to read back (`rag.index.derived`)."""
        return derived_value(self.path, name, compute)

    # records
    def documents(self) -> list[Document]:
        return self._documents

    @cached_property
    def _documents(self) -> DocumentList:
        """Read back from the generation's derived pickle after the first start: building
        every document (whole texts) from SQLite rows costs about twice as long."""
        return DocumentList(self.derived("documents", self._store.documents))

    def document(self, doc_id: str) -> Document | None:
        return self._documents_by_id.get(doc_id)

    @cached_property
    def _documents_by_id(self) -> dict[str, Document]:
        return {d.doc_id: d for d in self._documents}

    def clause_counts(self) -> dict[str, int]:
        return dict(self._clause_counts)

    @cached_property
    def _clause_counts(self) -> dict[str, int]:
        return self._store.clause_counts()

    def clauses_of_short(self, doc_id: str, most: int) -> list[Clause]:
        """A document's clauses when it has no more than `most` (else none: a long law is
        not read whole for one question). Kept once read: the same few short documents
        answer question after question, and a generation never changes."""
        if self._clause_counts.get(doc_id, 0) > most:
            return []
        if doc_id not in self._short_documents:
            if len(self._short_documents) >= SHORT_DOCUMENTS_KEPT:
                self._short_documents.clear()
            self._short_documents[doc_id] = self.clauses(doc_id)
        return self._short_documents[doc_id]

    @cached_property
    def _short_documents(self) -> dict[str, list[Clause]]:
        return {}

    def document_candidates(self, ref: str) -> list[Document]:
        """Documents `ref` may mean, by the first rule that matches any: exact id, file-name
        prefix ("003"), id prefix (6+ characters, so "003" is never read as one), part of
        the title."""
        ref = ref.strip()
        if not ref:
            return []
        docs = self._documents
        for rule in (
            lambda d: d.doc_id == ref,
            lambda d: Path(d.source).name.startswith(ref),
            lambda d: len(ref) >= ID_PREFIX and d.doc_id.startswith(ref),
            lambda d: fold(ref) in fold(d.title),
        ):
            found = [d for d in docs if rule(d)]
            if found:
                return found
        return []

    def find_document(self, ref: str) -> Document | None:
        """A unique match; among a file's several documents, its one policy is preferred."""
        found = self.document_candidates(ref)
        if len(found) > 1:
            found = [d for d in found if d.kind == "policy"]
        return found[0] if len(found) == 1 else None

    def clauses(self, doc_id: str) -> list[Clause]:
        return self._store.clauses(doc_id)

    def clause(self, clause_id: str) -> Clause | None:
        return self._store.clause(clause_id.strip())

    def clause_texts_writing(self, fragment: str) -> list[tuple[str, str]]:
        """(doc_id, text) of the clauses writing `fragment`, read by one query."""
        return self._store.clause_texts_writing(fragment)

    def clause_places(
        self, reference: str, doc_ids: Collection[str] | None = None
    ) -> list[tuple[str, str]]:
        """(doc_id, clause_id) of the clauses `reference` ("14", "第十四条", "(三)") names in
        each of `doc_ids` (None = every document), in document order. The number index gives
        the labels of that value; no clause is read, however many documents match."""
        by_document: dict[str, list[tuple[str, str]]] = {}
        for doc_id, clause_id, label in self._store.number_labels(reference, doc_ids):
            by_document.setdefault(doc_id, []).append((clause_id, label))
        return [
            (doc_id, labelled[i][0])
            for doc_id, labelled in by_document.items()
            for i in numbered_positions(reference, [label for _, label in labelled])
        ]

    def clause_candidates(self, doc_ref: str, number: str) -> list[Clause]:
        """Clauses numbered `number` in the document(s) `doc_ref` may mean."""
        docs = self.document_candidates(doc_ref)
        places = self.clause_places(number, {d.doc_id for d in docs}) if docs else []
        clauses = self._store.clauses_by_id([c for _, c in places]) if places else {}
        return [clauses[c] for _, c in places if c in clauses]

    def find_clause(self, doc_ref: str, number: str) -> Clause | None:
        """The one clause so numbered; None when none or ambiguous (never guess a citation)."""
        found = self.clause_candidates(doc_ref, number)
        if len(found) > 1:
            preferred = self.find_document(doc_ref)
            found = [c for c in found if preferred and c.doc_id == preferred.doc_id]
        return found[0] if len(found) == 1 else None

    def clause_ids_with_prefix(self, prefix: str) -> list[str]:
        return self._store.clause_ids_with_prefix(prefix.strip())

    # retrievers
    @cached_property
    def lexical(self) -> LexicalIndex:
        from rag.index.lexical import LexicalIndex, Rows

        check_vocabulary(self.path / VOCABULARY)
        try:
            rows = self.derived("rows", lambda: Rows.load(self.path))
            return LexicalIndex(self.path, self._store.clauses_by_id, rows)
        except (OSError, ValueError, KeyError) as error:
            raise lexical_damage(self.path, error) from None

    @cached_property
    def embedder(self) -> Embedder:
        from rag.index.embeddings import make_embedder

        return self._embedder or make_embedder(self._settings)

    @cached_property
    def vector(self) -> VectorIndex:
        """Opened in the background (`VectorIndex.opening`) unless `background_vectors` was
        turned off, then by the first vector search; a question that needs none (第N条原文)
        never waits for it in a one-shot process. A one-shot process's `vector_process`,
        when it opened this generation's collections, searches them."""
        from rag.index.chroma import collection_name
        from rag.index.vector import VectorIndex

        name = collection_name(self.generation, self.embedder.name)
        fetch, rows = self._store.clauses_by_id, self.path / "rows.json"

        def connect() -> Any:
            process = self.vector_process
            remote = process.client(self.generation, name, self._vector_client) if process else None
            return remote if remote is not None else self._vector_client()

        return VectorIndex.opening(
            connect, name, self.embedder, fetch, rows, self.background_vectors
        )

    def _vector_client(self) -> Any:
        """The Chroma client, with this generation's collection for the current embedder."""
        from rag.index.chroma import chroma_client, collection_name, has_collection

        client = chroma_client(self._settings.chroma_url, self.path)
        name = collection_name(self.generation, self.embedder.name)
        if not has_collection(client, name):
            # The embedding model changed since this generation was built: add a separate
            # collection for it rather than fail (or mix vectors).
            log.warning("building the vector collection %s for this generation", name)
            client = self._build_vectors(client, name)
        return client

    def _build_vectors(self, client: Any, name: str) -> Any:
        """Embed every clause into collection `name`, streamed from the store and written in
        shards as `policybot index` writes them; a client that searches them."""
        from rag.index.chroma import add_batch, chroma_client
        from rag.index.lexical import IndexRow
        from rag.index.write import VectorShards

        embedded = not self._settings.chroma_url
        size = self._settings.vector_shard_size if embedded else None
        shards = VectorShards(client, name, self.embedder, self.path, size)
        for batch in self._store.index_row_batches(add_batch(self._settings.chroma_url)):
            rows = [IndexRow(*row) for row in batch]
            shards.add(rows, self.embedder.embed([row.text for row in rows]))
        shards.finish()  # an embedded build's last shard is written whole, its client closed
        return chroma_client(None, self.path) if embedded else shards.client


def fold(text: str) -> str:
    """Compare titles ignoring width, case, spaces and quotation marks."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "《》“”\"'「」")
