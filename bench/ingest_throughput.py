"""`python -m bench.ingest_throughput [--root /tmp/lawref/lawrefbook] [--sample 300] [--repeat 3]`

Ingestion throughput (clauses per second, documents per second) on a fixed sample of the
LawRefBook regulations: every k-th Markdown file of the sorted list, so two runs (or two
commits) parse the same files. The best of `--repeat` runs is reported: on a shared machine
the slower runs measure the neighbours, not the code. Unpack the regulations first:
`tar xJf ../shared/corpus/lawrefbook-regulations.tar.xz -C /tmp`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rag.ingest.parse import IngestError, ingest_file


def sample(root: Path, size: int) -> list[Path]:
    """Every k-th regulation of the sorted list (the template file left out)."""
    files = sorted(p for p in root.rglob("*.md") if "模版" not in p.name)
    step = max(1, len(files) // size)
    return files[::step][:size]


def measure(files: list[Path]) -> tuple[int, int, int, float]:
    """(documents, clauses, failed files, seconds) of ingesting `files` once."""
    documents = clauses = failed = 0
    started = time.perf_counter()
    for path in files:
        try:
            parsed = ingest_file(path)
        except IngestError:
            failed += 1
            continue
        documents += len(parsed)
        clauses += sum(len(doc.clauses) for doc in parsed)
    return documents, clauses, failed, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path("/tmp/lawref/lawrefbook"))
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = sample(args.root, args.sample)
    if not files:
        raise SystemExit(f"no regulations under {args.root}: unpack them first (see --help)")
    ingest_file(files[0])  # warm up: lazy imports and data tables are not throughput
    runs = [measure(files) for _ in range(args.repeat)]
    documents, clauses, failed, seconds = min(runs, key=lambda run: run[3])
    print(f"files {len(files)} (failed {failed}), documents {documents}, clauses {clauses}")
    print(f"{seconds:.1f} s: {clauses / seconds:.0f} clauses/s, {len(files) / seconds:.1f} files/s")


if __name__ == "__main__":
    main()
