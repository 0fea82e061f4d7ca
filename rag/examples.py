"""Help-text examples built from what is indexed: a question the index answers and a clause
reference (a document's short name and a clause number) that resolves to one clause.

No adapter names a document of its own: the corpus may hold anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rag.answer import wording
from rag.protocol import Examples
from rag.query.titles import short_name
from rag.records import Clause, Document
from rag.text.clause_key import clause_key, referable_clause

if TYPE_CHECKING:
    from rag.index.corpus import IndexedCorpus

MAX_DOCUMENTS_TRIED = 20  # enough to find a numbered document; bounded on a large corpus


def help_examples(corpus: IndexedCorpus, sample: Sequence[Clause]) -> Examples:
    """The example question from the sampled clauses, the clause reference from the first
    policy-like document that has a short name and a clause its number finds alone."""
    documents = corpus.documents()
    question = wording.example_question(documents, sample)
    for document in _candidates(documents):
        name = short_name(document, documents)
        clause = referable_clause(corpus.clauses(document.doc_id)) if name else None
        if name and clause and clause.number:
            label = _asked_label(clause.number)
            if _resolves(corpus, name, clause, (clause.number, label)):
                return Examples(question, name, clause.number, wording.clause_request(name, label))
    return Examples(question)


def _candidates(documents: Sequence[Document]) -> list[Document]:
    """Policies first (a file's policy is what a bare reference to it means)."""
    ordered = sorted(documents, key=lambda d: d.kind != "policy")
    return ordered[:MAX_DOCUMENTS_TRIED]


def _asked_label(number: str) -> str:
    """A clause number as a question names it: an article's own label, 第N条 else."""
    return number if clause_key(number).family == "article" else wording.article_label(number)


def _resolves(corpus: IndexedCorpus, name: str, clause: Clause, forms: Sequence[str]) -> bool:
    """Each form of the reference finds exactly this clause."""
    return all(corpus.find_clause(name, form) == clause for form in forms)
