"""Hand-built documents and clauses for the storage and index tests (no parser involved)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rag.index.plan import FileRecords
from rag.index.rows import DocumentRecords, StoredFile
from rag.records import Clause, Document, Sentence
from rag.settings import Settings

RIZHAO = (
    "对新设立的创业投资机构，按实缴资本给予最高200万元奖励。",
    "支持建设孵化器和众创空间，对新认定的国家级孵化器给予50万元补助。",
    "推动高新技术企业数量倍增，到2025年全市高新技术企业达到1000家。",
)
TAIAN = (
    "实施专精特新企业培育工程，对首次认定的专精特新“小巨人”企业给予30万元奖励。",
    "落实研发费用加计扣除政策，引导企业加大研发投入。",
)


def make_document(
    name: str,
    city: str | None,
    title: str,
    texts: Sequence[str],
    numbers: Sequence[str] = (),
    kind: str = "policy",
    part: int = 0,
) -> DocumentRecords:
    """A document whose clauses are `texts`, one per line, with real spans and ids."""
    text = "\n".join(texts)
    doc_id = Document.make_id(name, part, title)
    source, digest = f"seeds/{name}", "hash-" + name
    doc = Document(doc_id, title, text, source, digest, city, "市科技局", kind=kind, part=part)
    clauses, start = [], 0
    for ordinal, clause_text in enumerate(texts):
        number = numbers[ordinal] if numbers else str(ordinal + 1)
        path = ("二、重点任务",)
        end = start + len(clause_text)
        clauses.append(
            Clause(
                clause_id=Clause.make_id(doc_id, path, number, clause_text),
                doc_id=doc_id, path=path, number=number, heading=None, text=clause_text,
                start=start, end=end, ordinal=ordinal, departments=("市科技局",),
                sentences=(Sentence(clause_text, start, end),),
            )
        )  # fmt: skip
        start = end + 1
    return DocumentRecords(doc, tuple(clauses))


def file_records(source: str, *documents: DocumentRecords, digest: str = "h1") -> FileRecords:
    return FileRecords(StoredFile(source, digest, 100), tuple(documents))


def two_city_corpus() -> list[FileRecords]:
    rizhao = make_document(
        "003_rizhao.txt", "日照", "关于加快构建一流科技创新生态的若干政策", RIZHAO
    )
    taian = make_document("000_taian.txt", "泰安", "泰安市科技创新实施意见", TAIAN)
    return [file_records("/src/003_rizhao.txt", rizhao), file_records("/src/000_taian.txt", taian)]


def settings_for(data_dir: Path, **changes: object) -> Settings:
    return Settings(_env_file=None, data_dir=data_dir, **changes)  # type: ignore[arg-type]


def lone_clause(text: str) -> Clause:
    """A clause of its own, numbered 第五条, for the rules that read one clause's text."""
    return Clause("c", "d", (), "第五条", None, text, 0, len(text), 0)
