"""The verifier on the real corpus: correct answers to the golden questions pass, and an
answer with one number changed is caught.

The "model answer" is the extractive answer (proven correct by its own checks) with `[n]`
markers pointing at the numbered sources an LLM would have been given for the question.
"""

from __future__ import annotations

import json
import re

from rag.llm.prompts import PROMPTS_DIR, Source, number_sources
from rag.llm.verify import strip_markers, verify_answer
from rag.records import Hit
from tests.conftest import GOLDEN_DIR

GOLDEN = GOLDEN_DIR / "golden.jsonl"
SYSTEM = (PROMPTS_DIR / "system.md").read_text(encoding="utf-8").strip()


def sources_for(service, question: str, answer) -> list[Source]:  # type: ignore[no-untyped-def]
    hits = service.search(question, 6)
    known = {hit.clause.clause_id for hit in hits}
    hits += [
        Hit(service.clause(c.clause_id), 0.0) for c in answer.citations if c.clause_id not in known
    ]
    documents = {d.doc_id: d for d in service.documents()}
    return number_sources(hits, documents.get)


def test_correct_answers_pass_and_changed_numbers_are_caught(seed_service) -> None:  # type: ignore[no-untyped-def]
    rejected, caught, missed, checked = [], 0, [], 0
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        question = json.loads(line)["question"]
        answer = seed_service.ask(question)
        if answer.refused or not answer.citations:
            continue
        sources = sources_for(seed_service, question, answer)
        number_of = {s.clause.clause_id: s.number for s in sources}
        markers = "".join(f"[{number_of[c.clause_id]}]" for c in answer.citations)
        evidence = [s.evidence for s in sources]
        checked += 1
        verdict = verify_answer(strip_markers(answer.answer) + markers, evidence, SYSTEM)
        if not verdict.ok:
            rejected.append((question, verdict.violations))
        first_line = strip_markers(answer.answer.split("\n")[0])
        for match in re.finditer(r"\d+", first_line):
            changed = (
                f"{first_line[: match.start()]}{int(match.group()) + 1}{first_line[match.end() :]}"
            )
            if verify_answer(changed + markers, evidence, SYSTEM).ok:
                missed.append(changed)
            else:
                caught += 1
    assert checked >= 80
    assert rejected == []  # no correct answer is turned away
    # a changed number survives only where the cited clauses happen to state it elsewhere
    assert caught / (caught + len(missed)) >= 0.95, missed
