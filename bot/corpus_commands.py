"""`policybot index | docs | clause | show`: build the index and read clauses back exactly."""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rag.index.corpus import IndexedCorpus, open_corpus
from rag.records import PATH_SEPARATOR, Clause, Document
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.index.plan import IndexReport

NOTHING_INDEXED = (
    "nothing is indexed in {data_dir} yet: run `policybot index` (the seed documents) "
    "or `policybot index PATH…` (your own files)"
)


def run_index(args: argparse.Namespace, settings: Settings) -> int:
    from rag.index.build import (
        IndexBuildError,
        UnknownDocumentError,
        add_paths,
        index_paths,
        remove_documents,
    )
    from rag.index.generations import IndexBusyError

    progress = not args.no_progress
    try:
        if args.remove:
            if not args.paths:
                return fail("index", "--remove needs the documents to remove (id, file or title)")
            report = remove_documents(args.paths, settings, progress=progress)
        elif args.add:
            if not args.paths:
                return fail("index", "--add needs the files or folders to add")
            report = add_paths(args.paths, settings, progress=progress)
        else:
            report = index_paths(args.paths or [settings.seeds_dir], settings, progress=progress)
    except (IndexBusyError, IndexBuildError, UnknownDocumentError) as error:
        return fail("index", f"{error}; the previous index keeps serving")
    print_report(report)
    return 0 if report.ok else 1


def print_report(report: IndexReport) -> None:
    for problem in report.errors:
        print(f"policybot index: {problem.line()}", file=sys.stderr)
    for duplicate in report.duplicates:
        print(f"policybot index: {duplicate.line()}", file=sys.stderr)
    if report.switched:
        print(f"Indexed {report.total_documents} documents, {report.total_clauses} clauses "
              f"(generation {report.generation}).")  # fmt: skip
    elif report.generation:
        print(f"Nothing changed: {report.total_documents} documents, {report.total_clauses} "
              f"clauses (generation {report.generation}).")  # fmt: skip
    print(f"documents: {report.documents}")
    print(f"clauses:   {report.clauses}")


def run_docs(args: argparse.Namespace, settings: Settings) -> int:
    corpus = open_corpus(settings)
    if corpus is None:
        return fail("docs", NOTHING_INDEXED.format(data_dir=settings.data_dir))
    counts = corpus.clause_counts()
    docs = corpus.documents()
    try:
        if args.json:
            for doc in docs:
                line = json.dumps(document_json(doc, counts.get(doc.doc_id, 0)), ensure_ascii=False)
                print(line)
        else:
            print(documents_table(docs, counts))
        sys.stdout.flush()
    except BrokenPipeError:  # `policybot docs | head`: the reader has all it wanted
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open for the exit flush
    return 0


def run_clause(args: argparse.Namespace, settings: Settings) -> int:
    corpus = open_corpus(settings)
    if corpus is None:
        return fail("clause", NOTHING_INDEXED.format(data_dir=settings.data_dir))
    docs = corpus.document_candidates(args.doc)
    if not docs:
        return fail("clause", f"no document matches {args.doc!r}; indexed documents:\n"
                    + documents_list(corpus.documents()))  # fmt: skip
    clause = corpus.find_clause(args.doc, args.number)
    if clause is None:
        return fail("clause", missing_clause_message(corpus, args.doc, args.number, docs))
    print_clause(corpus, clause, args.json)
    return 0


def run_show(args: argparse.Namespace, settings: Settings) -> int:
    corpus = open_corpus(settings)
    if corpus is None:
        return fail("show", NOTHING_INDEXED.format(data_dir=settings.data_dir))
    clause = corpus.clause(args.clause_id)
    if clause is None:
        ids = corpus.clause_ids_with_prefix(args.clause_id) if len(args.clause_id) >= 4 else []
        if len(ids) != 1:
            found = f"; ids starting so: {', '.join(ids)}" if ids else ""
            return fail("show", f"no clause with id {args.clause_id!r}{found}")
        clause = corpus.clause(ids[0])
        assert clause is not None
    print_clause(corpus, clause, args.json)
    return 0


def fail(command: str, message: str) -> int:
    print(f"policybot {command}: {message}", file=sys.stderr)
    return 1


def missing_clause_message(
    corpus: IndexedCorpus, ref: str, number: str, docs: Sequence[Document]
) -> str:
    found = corpus.clause_candidates(ref, number)
    if found:
        lines = [f"  {c.clause_id}  {title_of(corpus, c)} › {c.label}" for c in found]
        return (f"{len(found)} clauses numbered {number!r} match {ref!r}; "
                "pick one with `policybot show ID`:\n" + "\n".join(lines))  # fmt: skip
    lines = []
    for doc in docs:
        numbers = [c.number for c in corpus.clauses(doc.doc_id) if c.number]
        listed = ", ".join(dict.fromkeys(numbers)) or "(no numbered clauses)"
        lines.append(f"  {doc.doc_id}  {doc.title}: {listed}")
    return f"no clause numbered {number!r} in {ref!r}; numbers there:\n" + "\n".join(lines)


def title_of(corpus: IndexedCorpus, clause: Clause) -> str:
    doc = corpus.document(clause.doc_id)
    return doc.title if doc else clause.doc_id


def document_json(doc: Document, clauses: int) -> dict[str, object]:
    return {
        "id": doc.doc_id, "title": doc.title, "city": doc.city, "issuer": doc.issuer,
        "date": doc.date, "doc_number": doc.doc_number, "status": doc.status, "kind": doc.kind,
        "truncated": doc.truncated, "clauses": clauses, "source": doc.source,
        "place": doc.place, "validity": doc.validity, "effective": doc.effective,
        "expires": doc.expires, "attached_to": doc.attached_to, "addressees": doc.addressees,
    }  # fmt: skip


def clause_json(clause: Clause, doc: Document | None) -> dict[str, object]:
    return {
        "clause_id": clause.clause_id, "doc_id": clause.doc_id, "number": clause.number,
        "path": PATH_SEPARATOR.join(clause.path), "path_parts": list(clause.path),
        "label": clause.label, "heading": clause.heading, "text": clause.text,
        "start": clause.start, "end": clause.end, "departments": list(clause.departments),
        "title": doc.title if doc else None, "city": doc.city if doc else None,
        "issuer": doc.issuer if doc else None, "date": doc.date if doc else None,
        "source": doc.source if doc else None,
    }  # fmt: skip


def print_clause(corpus: IndexedCorpus, clause: Clause, as_json: bool) -> None:
    doc = corpus.document(clause.doc_id)
    if as_json:
        print(json.dumps(clause_json(clause, doc), ensure_ascii=False))
        return
    if doc:
        print(f"《{doc.title}》")
        print(" · ".join(v for v in (doc.issuer, doc.date, doc.doc_number, doc.city) if v))
    print(f"clause: {clause.label or '(unnumbered)'}")
    print(f"id:     {clause.clause_id}")
    if doc:
        print(f"source: {doc.source} (characters {clause.start}–{clause.end})")
    print()
    print(clause.text)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fit(text: str, size: int) -> str:
    """Cut to `size` terminal columns (CJK is two wide), then pad."""
    if width(text) > size:
        while width(text) > size - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (size - width(text))


ID_PREFIX_SHOWN = 10  # `policybot clause <doc>` takes an id prefix of 6 or more characters
DOCS_COLUMNS = (  # (heading, terminal columns): about 120 columns in all
    ("id", 10), ("place", 8), ("title", 35), ("issuer", 18), ("date", 10), ("kind", 8),
    ("validity", 10), ("clauses", 7),
)  # fmt: skip


def documents_table(docs: Sequence[Document], counts: dict[str, int]) -> str:
    header = tuple(name for name, _ in DOCS_COLUMNS)
    sizes = tuple(size for _, size in DOCS_COLUMNS)
    rows = [header] + [
        (d.doc_id[:ID_PREFIX_SHOWN], d.place or d.city or "—", d.title, d.issuer or "—",
         d.date or "—", d.kind, validity_shown(d), str(counts.get(d.doc_id, 0)))
        for d in docs
    ]  # fmt: skip
    return "\n".join(
        "  ".join(fit(v, n) for v, n in zip(r, sizes, strict=True)).rstrip() for r in rows
    )


def validity_shown(doc: Document) -> str:
    """What the page or title says of the document's force; a draft even when only the
    status says so; "—" when nothing does."""
    if doc.validity:
        return doc.validity
    return doc.status if doc.status != "正式" else "—"


def documents_list(docs: Sequence[Document]) -> str:
    return "\n".join(f"  {d.doc_id}  {d.title}  ({d.source})" for d in docs)
