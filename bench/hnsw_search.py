"""`python -m bench.hnsw_search [--clauses N] [--queries N]`: HNSW search breadth.

Embeds N paragraphs of LawRefBook's regulations (the shared archive, unpacked to a temporary
folder) with the hashing embedder, adds them to one embedded Chroma collection, and asks the
golden questions of every corpus (tests/golden/*.jsonl) for their 30 nearest clauses with
`ef_search` 100 (Chroma's default) and `SEARCH_EF`, alternating per question so both run under
the same load. Reports the median and p95 milliseconds per search and recall@30 against an
exact cosine ranking of all vectors. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tarfile
import tempfile
import time
from pathlib import Path

import chromadb
import numpy as np

from bench.lawref import TARBALL, shared_dir
from rag.index.chroma import SEARCH_EF
from rag.index.embeddings import HashingEmbedder

ROOT = Path(__file__).resolve().parents[1]
K = 30
DEFAULT_EF = 100


def paragraphs(folder: Path, limit: int) -> list[str]:
    found: list[str] = []
    for path in sorted(folder.rglob("*.md")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if len(line.strip()) >= 20:
                found.append(line.strip())
                if len(found) >= limit:
                    return found
    return found


def questions(limit: int) -> list[str]:
    asked = [
        json.loads(line)["question"]
        for path in sorted((ROOT / "tests" / "golden").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return asked[:limit]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clauses", type=int, default=40_000)
    parser.add_argument("--queries", type=int, default=600)
    args = parser.parse_args()
    embedder = HashingEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(shared_dir() / TARBALL) as archive:
            archive.extractall(tmp, filter="data")
        texts = paragraphs(Path(tmp), args.clauses)
        vectors = embedder.embed_array(texts)
        client = chromadb.PersistentClient(path=str(Path(tmp) / "chroma"))
        collections = {}
        for ef in (DEFAULT_EF, SEARCH_EF):
            collection = client.create_collection(
                f"ef{ef}", configuration={"hnsw": {"space": "cosine", "ef_search": ef}}
            )
            for start in range(0, len(texts), 2000):
                chunk = vectors[start : start + 2000]
                ids = [str(i) for i in range(start, start + len(chunk))]
                collection.add(ids=ids, embeddings=chunk)
            collections[ef] = collection
        asked = questions(args.queries)
        queries = embedder.embed_array(asked)
        exact = np.argsort(-(vectors @ queries.T), axis=0)[:K].T
        times: dict[int, list[float]] = {ef: [] for ef in collections}
        recall: dict[int, list[float]] = {ef: [] for ef in collections}
        for row, query in enumerate(queries):
            for ef, collection in collections.items():
                start = time.perf_counter()
                found = collection.query(query_embeddings=[query], n_results=K, include=[])
                times[ef].append((time.perf_counter() - start) * 1000)
                truth = {str(i) for i in exact[row]}
                recall[ef].append(len(truth & set(found["ids"][0])) / K)
    print(f"{len(texts)} clauses, {len(asked)} questions, top {K}")
    for ef in collections:
        p95 = statistics.quantiles(times[ef], n=20)[-1]
        print(
            f"ef_search {ef:>4}: median {statistics.median(times[ef]):.2f} ms, "
            f"p95 {p95:.2f} ms, recall@{K} {statistics.mean(recall[ef]):.3f}"
        )


if __name__ == "__main__":
    main()
