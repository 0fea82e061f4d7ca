"""A synthetic corpus of any size, made from the seed clauses by recombining sentences.

Each synthetic clause joins 2–4 sentences drawn (seeded, so reproducible) from the seed
clauses of one city; 200 clauses make a document. Records carry real spans and ids.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

from rag.index.plan import FileRecords
from rag.index.rows import DocumentRecords, StoredFile
from rag.records import Clause, Document, Sentence

CLAUSES_PER_DOCUMENT = 200


def seed_sentences(seeds_dir: Path) -> dict[str, list[str]]:
    """Sentences of every seed clause, by city ("" for documents without one)."""
    from rag.ingest.parse import ingest_file

    by_city: dict[str, list[str]] = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        for parsed in ingest_file(path):
            city = parsed.document.city or ""
            for clause in parsed.clauses:
                texts = [s.text for s in clause.sentences] or [clause.text]
                by_city.setdefault(city, []).extend(t for t in texts if len(t) >= 8)
    return by_city


def synthetic_document(
    index: int, city: str, sentences: Sequence[str], size: int, rng: random.Random
) -> DocumentRecords:
    title = f"合成政策文件第{index}号"
    doc_id = Document.make_id(f"synthetic_{index:05d}.txt", 0, title)
    texts = ["".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(size)]
    text = "\n".join(texts)
    document = Document(doc_id, title, text, f"synthetic/{index:05d}.txt", f"s{index}",
                        city=city or None, issuer="合成科技局")  # fmt: skip
    clauses, start = [], 0
    for ordinal, body in enumerate(texts):
        path = (f"第{ordinal // 20 + 1}部分",)
        clauses.append(Clause(
            clause_id=Clause.make_id(doc_id, path, str(ordinal + 1), body), doc_id=doc_id,
            path=path, number=str(ordinal + 1), heading=None, text=body, start=start,
            end=start + len(body), ordinal=ordinal,
            sentences=(Sentence(body, start, start + len(body)),),
        ))  # fmt: skip
        start += len(body) + 1
    return DocumentRecords(document, tuple(clauses))


def synthetic_corpus(seeds_dir: Path, clauses: int, seed: int = 7) -> list[FileRecords]:
    """About `clauses` clauses in documents of 200, cities in turn."""
    rng = random.Random(seed)
    by_city = seed_sentences(seeds_dir)
    cities = sorted(by_city)
    files = []
    for index in range(max(1, round(clauses / CLAUSES_PER_DOCUMENT))):
        city = cities[index % len(cities)]
        size = min(CLAUSES_PER_DOCUMENT, clauses - index * CLAUSES_PER_DOCUMENT) or 1
        doc = synthetic_document(index, city, by_city[city], size, rng)
        files.append(FileRecords(StoredFile(f"/synthetic/{index:05d}.txt", f"s{index}", 0), (doc,)))
    return files
