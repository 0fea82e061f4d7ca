"""Golden-question evaluation: deterministic metrics over an AnswerService.

A golden question (one JSON object per line) says which clause should be cited
(`expect_clause`, a substring of that clause's text), which strings the answer must contain
(`expect_facts`) and whether the honest answer is a refusal (`expect_refusal`). Questions with
the same `session` run in file order as one conversation.
"""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rag.answer.citations import unsupported_numbers
from rag.ingest.tables import CELL_SEPARATOR
from rag.protocol import AnswerService
from rag.records import Answer
from rag.text.numerals import normalise_numbers

METRICS = (
    "hit@1",
    "hit@3",
    "facts",
    "direct",
    "direct_precision",
    "direct_coverage",
    "refusals",
    "correct_refusals",
    "false_refusals",
    "verbatim",
    "supported_numbers",
)


class GoldenFileError(ValueError):
    """A golden file line is not a valid question; the message names the line."""


@dataclass(frozen=True)
class GoldenQuestion:
    id: str
    question: str
    session: str | None = None
    expect_clause: str | None = None
    expect_facts: tuple[str, ...] = ()
    expect_refusal: bool = False


@dataclass(frozen=True)
class Outcome:
    golden: GoldenQuestion
    answer: Answer
    seconds: float
    hit_ranks: tuple[int, ...] = ()  # 1-based citation ranks whose clause holds expect_clause
    verbatim: tuple[bool, ...] = field(default_factory=tuple)
    unsupported: tuple[str, ...] = ()

    @property
    def facts_ok(self) -> bool:
        return all(states(self.answer.answer, fact) for fact in self.golden.expect_facts)

    @property
    def direct_ok(self) -> bool:
        """A one-line direct answer must state one of the expected facts, not a neighbour's."""
        return self.direct_verdict != "wrong"

    @property
    def direct_verdict(self) -> str:
        """ "right", "wrong" or "abstained" (no direct line: only the quotes are shown).

        A quote holding the fact does not make a wrong first line right: only the direct
        line itself is judged, and only on answerable questions with expected facts.
        """
        direct = self.answer.direct
        if not self.golden.expect_facts or self.golden.expect_refusal or self.answer.refused:
            return "abstained" if direct is None else "unscored"
        if direct is None:
            return "abstained"
        return "right" if any(states(direct, f) for f in self.golden.expect_facts) else "wrong"

    @property
    def refusal_ok(self) -> bool:
        return self.answer.refused == self.golden.expect_refusal

    def hit_at(self, k: int) -> bool:
        return any(rank <= k for rank in self.hit_ranks)

    @property
    def failures(self) -> list[str]:
        problems = []
        if not self.refusal_ok:
            problems.append("refused" if self.answer.refused else "answered (expected refusal)")
        if self.golden.expect_clause and not self.answer.refused and not self.hit_at(3):
            problems.append("expected clause not cited")
        elif self.golden.expect_clause and not self.answer.refused and not self.hit_at(1):
            problems.append(f"expected clause cited at rank {min(self.hit_ranks)}")
        if not self.facts_ok:
            missing = [f for f in self.golden.expect_facts if not states(self.answer.answer, f)]
            problems.append(f"missing facts {missing}")
        if not self.direct_ok:
            problems.append(f"direct answer {self.answer.direct!r} states none of the facts")
        if not all(self.verbatim):
            problems.append("quote not verbatim")
        if self.unsupported:
            problems.append(f"unsupported numbers {list(self.unsupported)}")
        return problems


def states(text: str, fact: str) -> bool:
    """Whether `text` states the expected fact, numbers compared by value: "30日内" is
    stated by "三十日内", as a regulation writes it."""
    return fact in text or normalise_numbers(fact) in normalise_numbers(text)


def load_golden(path: Path) -> list[GoldenQuestion]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            questions.append(
                GoldenQuestion(
                    id=str(data.get("id", number)),
                    question=str(data["question"]),
                    session=data.get("session"),
                    expect_clause=data.get("expect_clause"),
                    expect_facts=tuple(data.get("expect_facts", ())),
                    expect_refusal=bool(data.get("expect_refusal", False)),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise GoldenFileError(f"{path}:{number}: not a golden question ({error})") from error
    return questions


def run_golden(service: AnswerService, questions: Sequence[GoldenQuestion]) -> list[Outcome]:
    """Ask every question (sessions in file order) and score each answer."""
    run = uuid.uuid4().hex[:8]
    sessions = {q.session: f"eval-{run}-{q.session}" for q in questions if q.session}
    sessions_of = {q.id: sessions[q.session] for q in questions if q.session}
    outcomes = []
    try:
        for golden in questions:
            started = time.perf_counter()
            answer = service.ask(golden.question, sessions_of.get(golden.id))
            seconds = time.perf_counter() - started
            outcomes.append(score(service, golden, answer, seconds))
    finally:
        for session_id in sessions.values():
            service.reset_session(session_id)
    return outcomes


def score(
    service: AnswerService, golden: GoldenQuestion, answer: Answer, seconds: float
) -> Outcome:
    ranks = []
    verbatim = []
    for rank, citation in enumerate(answer.citations, start=1):
        clause = service.clause(citation.clause_id)
        if golden.expect_clause and clause and folded(golden.expect_clause) in folded(clause.text):
            ranks.append(rank)
        document = service.find_document(citation.doc_id)
        source = document.text if document else ""
        verbatim.append(source[citation.start : citation.end] == citation.quote)
    quotes = [c.quote for c in answer.citations]
    unsupported = unsupported_numbers(answer.answer, quotes) if not answer.refused else []
    return Outcome(golden, answer, seconds, tuple(ranks), tuple(verbatim), tuple(unsupported))


def folded(text: str) -> str:
    """Whitespace, character width and table cell separators do not tell clauses apart: a
    golden writer copies "（" and "：" from the page where the cleaned text may have "(" and
    ":", and a table row's cells from the page where the cleaned text joins them with " | "."""
    text = unicodedata.normalize("NFKC", text).replace(CELL_SEPARATOR.strip(), "")
    return re.sub(r"\s+", "", text)


def metrics(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """Rates in [0, 1] and latencies in milliseconds."""
    with_clause = [o for o in outcomes if o.golden.expect_clause and not o.golden.expect_refusal]
    with_facts = [o for o in outcomes if o.golden.expect_facts]
    verbatim = [ok for o in outcomes for ok in o.verbatim]
    answered = [o for o in outcomes if not o.answer.refused]
    latencies = sorted(o.seconds * 1000 for o in outcomes)
    return {
        "questions": float(len(outcomes)),
        "hit@1": _rate(o.hit_at(1) for o in with_clause),
        "hit@3": _rate(o.hit_at(3) for o in with_clause),
        "facts": _rate(o.facts_ok for o in with_facts),
        **direct_metrics(outcomes),
        "refusals": _rate(o.refusal_ok for o in outcomes),
        "correct_refusals": _rate(o.answer.refused for o in outcomes if o.golden.expect_refusal),
        "false_refusals": 1
        - _rate(not o.answer.refused for o in outcomes if not o.golden.expect_refusal),
        "verbatim": _rate(verbatim),
        "supported_numbers": _rate(not o.unsupported for o in answered),
        "p50_ms": _percentile(latencies, 50),
        "p95_ms": _percentile(latencies, 95),
    }


def direct_metrics(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """The first line, judged over every answerable question with expected facts.

    direct: share with no wrong direct line (abstaining is not wrong); direct_precision:
    right / (right + wrong), how often a stated direct fact is true; direct_coverage:
    (right + wrong) / all, how often a direct line is given at all.
    """
    scored = [o for o in outcomes if o.golden.expect_facts and not o.golden.expect_refusal]
    verdicts = [o.direct_verdict for o in scored]
    right, wrong = verdicts.count("right"), verdicts.count("wrong")
    stated = right + wrong
    return {
        "direct": 1 - wrong / len(verdicts) if verdicts else 1.0,
        "direct_precision": right / stated if stated else 1.0,
        "direct_coverage": stated / len(verdicts) if verdicts else 1.0,
    }


def _rate(values: Iterable[bool]) -> float:
    items = list(values)
    return sum(items) / len(items) if items else 1.0


def _percentile(sorted_values: Sequence[float], percent: int) -> float:
    if not sorted_values:
        return 0.0
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[percent - 1]
