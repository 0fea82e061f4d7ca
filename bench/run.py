"""`python -m bench.run [--sizes seeds,10k,100k] [--no-compare] [--server]`

Index build time and warm query latency (BM25, vector, and the whole hybrid query of
the answer layer) on the seed corpus and on synthetic corpora; bm25s against rank_bm25;
cold start of `policybot ask`. Prints Markdown tables (copied into README "Benchmarks").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.procs import policybot_command
from bench.synthetic import synthetic_corpus
from rag.index.build import index_paths
from rag.index.corpus import IndexedCorpus, open_corpus
from rag.index.embeddings import HashingEmbedder
from rag.index.write import build_generation
from rag.settings import Settings
from rag.text.segment import tokenize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "tests" / "golden" / "golden.jsonl"
COLD_QUESTION = "日照市新设创投机构最高奖励多少"
FALLBACK_QUERIES = (
    "日照市新设创投机构最高奖励多少", "泰安高新技术企业培育目标", "南通科技创新基地建设",
    "三明十四五研发投入强度目标", "孵化器众创空间补助", "专精特新企业奖励", "科技特派员",
    "首台套支持政策", "研发费用加计扣除", "新型研发机构认定奖励",
)  # fmt: skip


def parse_size(text: str) -> int | str:
    text = text.strip().lower()
    if text == "seeds":
        return text
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * scale)


def queries(limit: int = 60) -> list[str]:
    """The golden questions when they exist (realistic phrasing), else a fixed list."""
    if GOLDEN.is_file():
        lines = GOLDEN.read_text(encoding="utf-8").splitlines()
        found = [json.loads(line)["question"] for line in lines if line.strip()]
        if found:
            return found[:limit]
    return list(FALLBACK_QUERIES)


def percentiles(samples_ms: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def timed(run: Callable[[str], object], items: Sequence[str], repeat: int) -> tuple[float, float]:
    """Warm latency: one untimed pass, then `repeat` timed passes; p50/p95 in ms."""
    for item in items:
        run(item)
    samples = []
    for _ in range(repeat):
        for item in items:
            start = time.perf_counter()
            run(item)
            samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def build(size: int | str, data_dir: Path, settings: Settings) -> tuple[float, IndexedCorpus]:
    start = time.perf_counter()
    if size == "seeds":
        index_paths([SEEDS], settings, progress=False)
    else:
        # records are generated as the build reads them (≈ 1–2 % of its time): never all at once
        records = synthetic_corpus(SEEDS, int(size))
        build_generation(data_dir, records, settings, HashingEmbedder())
    seconds = time.perf_counter() - start
    corpus = open_corpus(settings)
    assert corpus is not None
    return seconds, corpus


def answer_layer(settings: Settings) -> Any | None:
    """The answer layer's service (query analysis, hybrid retrieval, extractive answers)."""
    try:
        from rag.service import build_answer_service
    except ImportError:
        return None
    return build_answer_service(settings, mode="extractive")


def bench_size(
    size: int | str, qs: list[str], repeat: int, chroma_url: str | None = None
) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="policybot-bench-") as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp), chroma_url=chroma_url)
        seconds, corpus = build(size, Path(tmp), settings)
        clauses = sum(corpus.clause_counts().values())
        label = f"{size} (Chroma server)" if chroma_url else size
        row: dict[str, object] = {"size": label, "clauses": clauses, "build_s": seconds}
        row.update(timings(corpus, answer_layer(settings), qs, repeat))
        if size == "seeds" and not chroma_url:
            row["cold_ask_s"] = cold_ask(Path(tmp))
        corpus.close()
        return row


def bench_index(data_dir: Path, qs: list[str], repeat: int) -> dict[str, object]:
    """The same timings over an index already built in `data_dir` (e.g. by bench.synthetic)."""
    settings = Settings(_env_file=None, data_dir=data_dir)
    start = time.perf_counter()
    corpus = open_corpus(settings)
    assert corpus is not None, f"nothing indexed in {data_dir}"
    service = answer_layer(settings)
    assert service is not None
    service.search(qs[0], 3)  # the vector index loaded before timing
    opened = time.perf_counter() - start
    clauses = sum(corpus.clause_counts().values())
    row: dict[str, object] = {"size": str(data_dir), "clauses": clauses, "build_s": opened}
    row.update(timings(corpus, service, qs, repeat))
    corpus.close()
    return row


def timings(
    corpus: IndexedCorpus, service: Any | None, qs: list[str], repeat: int
) -> dict[str, object]:
    """Warm BM25, vector, hybrid and whole-answer latencies over `qs`."""
    return {
        "bm25": timed(lambda q: corpus.lexical.search(q, 30), qs, repeat),
        "vector": timed(lambda q: corpus.vector.search(q, 30), qs, repeat),
        "hybrid": timed(lambda q: service.search(q, 3), qs, repeat) if service else None,
        "answer": timed(service.ask, qs, repeat) if service else None,
    }


def compare_bm25(size: int | str, qs: list[str]) -> dict[str, object]:
    """bm25s against rank_bm25 on the same tokens: build time and warm query latency."""
    import bm25s
    import numpy as np
    from rank_bm25 import BM25Okapi

    texts = seed_texts() if size == "seeds" else synthetic_texts(int(size))
    tokens = [tokenize(t) for t in texts]
    query_tokens = [tokenize(q) for q in qs]
    start = time.perf_counter()
    fast = bm25s.BM25()
    fast.index(tokens, show_progress=False)
    fast_build = time.perf_counter() - start
    start = time.perf_counter()
    slow = BM25Okapi(tokens)
    slow_build = time.perf_counter() - start
    fast_ids = {id(q): fast.get_tokens_ids(q) for q in query_tokens}

    def fast_query(q: list[str]) -> object:
        ids = fast_ids[id(q)]
        return np.argsort(-fast.get_scores_from_ids(ids))[:30] if ids else []

    def slow_query(q: list[str]) -> object:
        return np.argsort(-slow.get_scores(q))[:30]

    fast_times = timed(fast_query, query_tokens, 3)  # type: ignore[arg-type]
    slow_times = timed(slow_query, query_tokens[:20], 1)  # type: ignore[arg-type]
    return {"size": size, "docs": len(texts), "bm25s": (fast_build, *fast_times),
            "rank_bm25": (slow_build, *slow_times)}  # fmt: skip


def synthetic_texts(size: int) -> list[str]:
    files = synthetic_corpus(SEEDS, size)
    return [c.text for f in files for d in f.documents for c in d.clauses]


def seed_texts() -> list[str]:
    from rag.ingest.parse import ingest_file

    return [c.text for p in sorted(SEEDS.glob("*.txt")) for d in ingest_file(p) for c in d.clauses]


def cold_ask(data_dir: Path, runs: int = 5) -> float | None:
    """Median wall clock of `policybot ask` in a fresh process on an indexed data dir."""
    try:
        import bot.answer_commands  # noqa: F401 - only measured once `ask` exists
    except ImportError:
        return None
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(data_dir)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([*policybot_command(), "ask", COLD_QUESTION], env=env, cwd=ROOT,
                              capture_output=True, text=True)  # fmt: skip
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"policybot ask failed: {done.stderr.strip()}")
    return statistics.median(times)


def ms(pair: object) -> str:
    return "—" if pair is None else "{:.1f} / {:.1f}".format(*pair)  # type: ignore[misc]


MAIN_HEADER = ("corpus", "clauses", "index build", "BM25 k=30", "vector k=30", "hybrid query",
               "whole answer")  # fmt: skip
BM25_HEADER = ("corpus", "clauses", "bm25s build", "bm25s query", "rank_bm25 build",
               "rank_bm25 query", "p50 ratio")  # fmt: skip


def table(header: Sequence[str], rows: list[Sequence[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def main_row(r: dict[str, object]) -> list[str]:
    build_s = float(r["build_s"])  # type: ignore[arg-type]
    return [str(r["size"]), str(r["clauses"]), f"{build_s:.1f} s",
            ms(r["bm25"]), ms(r["vector"]), ms(r["hybrid"]), ms(r["answer"])]  # fmt: skip


def bm25_row(c: dict[str, Any]) -> list[str]:
    fb, f50, f95 = c["bm25s"]
    sb, s50, s95 = c["rank_bm25"]
    return [str(c["size"]), str(c["docs"]), f"{fb:.2f} s", f"{f50:.2f} / {f95:.2f}",
            f"{sb:.2f} s", f"{s50:.1f} / {s95:.1f}", f"×{s50 / max(f50, 1e-6):.0f}"]  # fmt: skip


def print_tables(rows: list[dict[str, object]], comparisons: list[dict[str, object]]) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load}; warm latency p50 / p95 in ms")
    print(f"over {len(queries())} questions; hybrid = the answer layer's whole retrieval")
    print("(question analysis, BM25 + vector, fusion, re-ranking), answer = `ask` in process\n")
    print(table(MAIN_HEADER, [main_row(r) for r in rows]))
    cold = next((r.get("cold_ask_s") for r in rows if r.get("cold_ask_s")), None)
    if cold:
        print(f'\ncold `policybot ask "{COLD_QUESTION}"`, indexed seeds, median of 5: {cold:.2f} s')
    if comparisons:
        print()
        print(table(BM25_HEADER, [bm25_row(c) for c in comparisons]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument(
        "--sizes", default="seeds,10k,100k", help="comma-separated: seeds, 10k, 100k, 1m, 2500 …"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the questions")
    parser.add_argument("--no-compare", action="store_true", help="skip bm25s vs rank_bm25")
    parser.add_argument(
        "--server", action="store_true", help="also time each size against a local Chroma server"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="time this built index instead (its 'build' is the opening)"
    )
    args = parser.parse_args(argv)
    qs = queries()
    if args.data_dir:
        print_tables([bench_index(args.data_dir, qs, args.repeat)], [])
        return 0
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    rows = [bench_size(size, qs, args.repeat) for size in sizes]
    if args.server:
        from bench.chroma_server import chroma_server

        with chroma_server() as url:
            rows += [bench_size(size, qs, args.repeat, url) for size in sizes]
    comparisons = [] if args.no_compare else [compare_bm25(size, qs) for size in sizes]
    print_tables(rows, comparisons)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
