"""A synthetic corpus of any size, made from the seed clauses by recombining sentences.

Each synthetic clause joins 2–4 sentences drawn (seeded, so reproducible) from the seed
clauses of one city; 200 clauses make a document. Records carry real spans and ids. The
corpus is generated one file at a time, so the build holds no more of it than it would of
real files.

`python -m bench.synthetic --clauses 100k [--data-dir DIR]` builds one such index (records
streamed into `build_generation`, as `policybot index` does) and reports build time,
clauses/s, peak RSS and disk.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
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


def synthetic_corpus(seeds_dir: Path, clauses: int, seed: int = 7) -> Iterator[FileRecords]:
    """About `clauses` clauses in documents of 200, cities in turn, one file at a time."""
    rng = random.Random(seed)
    by_city = seed_sentences(seeds_dir)
    cities = sorted(by_city)
    for index in range(max(1, round(clauses / CLAUSES_PER_DOCUMENT))):
        city = cities[index % len(cities)]
        size = min(CLAUSES_PER_DOCUMENT, clauses - index * CLAUSES_PER_DOCUMENT) or 1
        doc = synthetic_document(index, city, by_city[city], size, rng)
        yield FileRecords(StoredFile(f"/synthetic/{index:05d}.txt", f"s{index}", 0), (doc,))


def build_synthetic(clauses: int, data_dir: Path) -> dict[str, float]:
    """Index `clauses` synthetic clauses into `data_dir`: seconds (generating included, it is
    streamed into the build) and peak RSS of this process, and of it with its workers."""
    from bench.procs import TreeMemory
    from rag.index.embeddings import HashingEmbedder
    from rag.index.write import build_generation
    from rag.settings import Settings, package_folder

    settings = Settings(_env_file=None, data_dir=data_dir)
    memory = TreeMemory(os.getpid())
    memory.start()
    start = time.perf_counter()
    records = synthetic_corpus(package_folder("seeds"), clauses)
    build_generation(data_dir, records, settings, HashingEmbedder(settings.hashing_dim))
    seconds = time.perf_counter() - start
    memory.stop()
    return {
        "seconds": seconds,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "tree_peak_mib": memory.peak_mib,
    }


def main(argv: Sequence[str] | None = None) -> int:
    from bench.run import parse_size

    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__)
    parser.add_argument("--clauses", default="100k", help="e.g. 10k, 250k, 1m")
    parser.add_argument("--data-dir", type=Path, help="keep the index here (default: a temp dir)")
    args = parser.parse_args(argv)
    clauses = int(parse_size(args.clauses))
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="policybot-synthetic-"))
    try:
        found = build_synthetic(clauses, data_dir)
        disk = sum(f.stat().st_size for f in data_dir.rglob("*") if f.is_file()) / 2**20
    finally:
        if args.data_dir is None:
            shutil.rmtree(data_dir, ignore_errors=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{clauses:,} synthetic clauses: build {found['seconds']:.0f} s, "
          f"{clauses / found['seconds']:.0f} clauses/s; peak RSS {found['peak_mib']:.0f} MiB "
          f"(with its workers {found['tree_peak_mib']:.0f} MiB); disk {disk:.0f} MiB; "
          f"load average at the end {load}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
