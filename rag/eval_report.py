"""Golden-question metrics against their stored thresholds, and as tables for people."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rag.evaluation import METRICS, Outcome

THRESHOLDS_FILE = "thresholds.json"
# a threshold on these is a maximum, on every other metric a minimum
LOWER_IS_BETTER = frozenset({"false_refusals"})


def load_thresholds(golden_file: Path) -> dict[str, float]:
    """`<name>_thresholds.json` next to the file (e.g. holdout_thresholds.json), else the
    directory's shared thresholds.json."""
    path = golden_file.parent / f"{golden_file.stem}_{THRESHOLDS_FILE}"
    if not path.is_file():
        path = golden_file.parent / THRESHOLDS_FILE
    if not path.is_file():
        return {}
    return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}


def below_thresholds(values: dict[str, float], thresholds: dict[str, float]) -> list[str]:
    """Metrics on the wrong side of their stored bound, e.g. ["hit@1 0.930 < 0.950"]."""
    failed = []
    for name, bound in thresholds.items():
        if name not in values:
            continue
        if name in LOWER_IS_BETTER and values[name] > bound:
            failed.append(f"{name} {values[name]:.3f} > {bound:.3f}")
        elif name not in LOWER_IS_BETTER and values[name] < bound:
            failed.append(f"{name} {values[name]:.3f} < {bound:.3f}")
    return failed


def format_table(values: dict[str, float], thresholds: dict[str, float]) -> str:
    rows = [("metric", "value", "threshold")]
    rows.append(("questions", f"{values['questions']:.0f}", ""))
    for name in METRICS:
        rows.append((name, f"{values[name]:.3f}", _threshold(thresholds, name)))
    rows.append(("latency p50", f"{values['p50_ms']:.1f} ms", ""))
    rows.append(("latency p95", f"{values['p95_ms']:.1f} ms", ""))
    width = max(len(r[0]) for r in rows) + 2
    return "\n".join(f"{a:<{width}}{b:>10}  {c}".rstrip() for a, b, c in rows)


def _threshold(thresholds: dict[str, float], name: str) -> str:
    if name not in thresholds:
        return ""
    return f"{'≤' if name in LOWER_IS_BETTER else '≥'} {thresholds[name]:.3f}"


def format_failures(outcomes: Sequence[Outcome]) -> str:
    lines = []
    for outcome in outcomes:
        if outcome.failures:
            first = outcome.answer.answer.splitlines()[0] if outcome.answer.answer else ""
            problems = "; ".join(outcome.failures)
            lines.append(
                f"{outcome.golden.id}: {outcome.golden.question}\n  {problems}\n  > {first[:120]}"
            )
    return "\n".join(lines) or "no failures"
