"""`python -m bench.lawref [--limit N] [--tarball PATH] [--data-dir DIR]`: the real-corpus
benchmark.

Unpacks LawRefBook's regulations (`../shared/corpus/lawrefbook-regulations.tar.xz`, or
POLICYBOT_SHARED_DIR/corpus/…) into a temporary folder, indexes all of them with
`policybot index` in a child process, and reports documents, clauses, build time,
clauses/s, peak memory, disk, warm `ask` p50/p95 over `lawref_questions.txt` and cold
`policybot ask`. Nothing is written into the repository. `--data-dir` times only the
answers, on a data directory indexed before (`POLICYBOT_DATA_DIR=DIR policybot index …`).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.procs import TreeMemory, policybot_command
from bench.run import ms, timed
from rag.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TARBALL = "corpus/lawrefbook-regulations.tar.xz"
QUESTIONS = Path(__file__).with_name("lawref_questions.txt")


def shared_dir() -> Path:
    return Path(os.environ.get("POLICYBOT_SHARED_DIR") or ROOT.parent / "shared")


def questions() -> list[str]:
    lines = QUESTIONS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def unpack(tarball: Path, into: Path, limit: int | None) -> Path:
    """The Markdown files of the tarball under `into` (its first `limit` when given)."""
    # in archive order: going back in an xz stream means decompressing it again from the start
    with tarfile.open(tarball, "r:xz") as archive:
        members = [m for m in archive.getmembers() if m.isfile() and m.name.endswith(".md")]
        archive.extractall(into, members=members[:limit] if limit else members, filter="data")
    return into


def index(folder: Path, data_dir: Path) -> dict[str, float]:
    """`policybot index folder` in a child process: wall time and peak memory."""
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(data_dir)}
    start = time.perf_counter()
    child = subprocess.Popen([*policybot_command(), "index", str(folder)], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    memory = TreeMemory(child.pid)
    memory.start()
    out, err = child.communicate()
    seconds = time.perf_counter() - start
    memory.stop()
    if child.returncode not in (0, 1):  # 1: some files could not be read (reported)
        raise RuntimeError(f"policybot index failed ({child.returncode}): {err.strip()[-2000:]}")
    skipped = [line for line in err.splitlines() if line.startswith("policybot index:")]
    print(out.strip().splitlines()[-1] if out.strip() else "", f"({len(skipped)} files skipped)")
    for reason, count in Counter(skip_reason(line) for line in skipped).most_common():
        print(f"  {count} × {reason}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB → MiB
    return {"build_s": seconds, "peak_tree_mib": memory.peak_mib, "peak_process_mib": largest,
            "skipped": len(skipped)}  # fmt: skip


def skip_reason(line: str) -> str:
    """ "policybot index: /tmp/…/x.md: same text as /tmp/…/y.md; indexed once" → the
    reason without file names."""
    reason = line.split(".md: ", 1)[-1]
    return re.sub(r"\S*/[^\s;]+", "…", reason)


def disk_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def cold_ask(data_dir: Path, question: str, runs: int = 5, chroma_url: str | None = None) -> float:
    """Median seconds of a cold `policybot ask` as configured (the vector process on)."""
    env = _ask_environment(data_dir, chroma_url)
    return _median([_timed_ask(env, question) for _ in range(runs)])


def cold_asks(
    data_dir: Path, question: str, runs: int = 5, chroma_url: str | None = None
) -> dict[bool, float]:
    """Median seconds of a cold `policybot ask`, with the vector process (True) and without,
    the two alternating so that both see the same machine."""
    env = _ask_environment(data_dir, chroma_url)
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(runs):
        for vector_process in (True, False):
            env["POLICYBOT_VECTOR_PROCESS"] = str(int(vector_process))
            times[vector_process].append(_timed_ask(env, question))
    return {side: _median(seconds) for side, seconds in times.items()}


def _ask_environment(data_dir: Path, chroma_url: str | None) -> dict[str, str]:
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(data_dir)}
    if chroma_url:
        env["CHROMA_URL"] = chroma_url
    return env


def _timed_ask(env: dict[str, str], question: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([*policybot_command(), "ask", question], env=env, cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"policybot ask failed: {done.stderr.strip()}")
    return time.perf_counter() - start


def _median(seconds: list[float]) -> float:
    return sorted(seconds)[len(seconds) // 2]


def warm_ask(settings: Settings, qs: list[str]) -> dict[str, object]:
    from rag.index.corpus import open_corpus
    from rag.service import build_answer_service

    service = build_answer_service(settings, mode="extractive")
    clause_qs = [q for q in qs if q.endswith("原文")]
    corpus = open_corpus(settings)
    assert corpus is not None
    result: dict[str, object] = {
        "documents": len(corpus.documents()),
        "clauses": sum(corpus.clause_counts().values()),
        "ask": timed(service.ask, qs, 3),
        "ask_clause_number": timed(service.ask, clause_qs, 3),
        "ask_other": timed(service.ask, [q for q in qs if q not in clause_qs], 3),
    }
    corpus.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lawref", description=__doc__)
    parser.add_argument("--tarball", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="index only the first N files")
    reuse_help = "time warm and cold ask on a data directory indexed before"
    parser.add_argument("--data-dir", type=Path, default=None, help=reuse_help)
    server_help = "with --data-dir: time the same index served by a local `chroma run` too"
    parser.add_argument("--server", action="store_true", help=server_help)
    args = parser.parse_args(argv)
    if args.data_dir is not None:
        return reuse(args.data_dir, args.server)
    tarball = args.tarball or shared_dir() / TARBALL
    if not tarball.is_file():
        print(f"no {tarball}: set POLICYBOT_SHARED_DIR to the folder holding corpus/")
        return 2
    qs = questions()
    with tempfile.TemporaryDirectory(prefix="policybot-lawref-") as tmp:
        folder = unpack(tarball, Path(tmp) / "corpus", args.limit)
        data_dir = Path(tmp) / "data"
        built = index(folder, data_dir)
        settings = Settings(_env_file=None, data_dir=data_dir)
        warm = warm_ask(settings, qs)
        cold = cold_ask(data_dir, qs[8])
        report(built, warm, cold, disk_mib(data_dir), len(qs))
    return 0


def reuse(data_dir: Path, server: bool = False) -> int:
    """Only the answer side, on an index built earlier (answer-path work reuses one build);
    with `server`, the same index copied into a local Chroma server, timed right after."""
    qs = questions()
    settings = Settings(_env_file=None, data_dir=data_dir)
    print_answer_side("embedded Chroma", warm_ask(settings, qs), cold_ask(data_dir, qs[8]), qs)
    cold = cold_asks(data_dir, qs[8])
    clause = cold_asks(data_dir, next(q for q in qs if q.endswith("原文")))
    print("  cold policybot ask, medians of 5 alternating runs, vector process on / off:")
    print(f"    {qs[8]}: {cold[True]:.2f} / {cold[False]:.2f} s")
    print(f"    a clause look-up (no vector search): {clause[True]:.2f} / {clause[False]:.2f} s")
    if server:
        from bench.chroma_server import chroma_server
        from rag.index.chroma import CHROMA_DIR
        from rag.index.generations import serving_generation

        generation = serving_generation(data_dir)
        assert generation is not None, f"nothing is indexed in {data_dir}"
        with chroma_server(generation / CHROMA_DIR) as url:
            served = settings.model_copy(update={"chroma_url": url})
            warm, cold = warm_ask(served, qs), cold_ask(data_dir, qs[8], chroma_url=url)
            print_answer_side("Chroma server (CHROMA_URL)", warm, cold, qs)
    return 0


def print_answer_side(label: str, warm: dict[str, object], cold: float, qs: list[str]) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{label}: {warm['documents']:,} documents, {warm['clauses']:,} clauses; load {load}")
    print(f"  warm ask p50 / p95, {len(qs)} questions: {ms(warm['ask'])} ms; 第N条原文 "
          f"{ms(warm['ask_clause_number'])} ms; other {ms(warm['ask_other'])} ms")  # fmt: skip
    print(f"  cold policybot ask, median of 5: {cold:.2f} s")


def report(built: dict[str, float], warm: dict[str, object], cold: float, disk: float,
           n_questions: int) -> None:  # fmt: skip
    clauses = int(warm["clauses"])  # type: ignore[call-overload]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load}; python {sys.version.split()[0]}")
    rows = [
        ("documents", f"{warm['documents']:,}"),
        ("clauses", f"{clauses:,}"),
        ("build (policybot index, parse + BM25 + vectors)", f"{built['build_s']:.0f} s"),
        ("clauses/s", f"{clauses / built['build_s']:.0f}"),
        ("peak RSS, index process and its workers together", f"{built['peak_tree_mib']:.0f} MiB"),
        ("peak RSS, largest single process", f"{built['peak_process_mib']:.0f} MiB"),
        ("disk (data directory)", f"{disk:.0f} MiB"),
        (f"warm `ask` p50 / p95, {n_questions} questions", ms(warm["ask"]) + " ms"),
        ("… of which 第N条原文", ms(warm["ask_clause_number"]) + " ms"),
        ("… of which other questions", ms(warm["ask_other"]) + " ms"),
        ("cold `policybot ask`, median of 5", f"{cold:.2f} s"),
    ]
    print("| LawRefBook regulations | |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    raise SystemExit(main())
