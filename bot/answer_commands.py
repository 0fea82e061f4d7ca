"""`policybot ask` and `policybot eval`: translate the command line to AnswerService calls."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rag.protocol import AnswerService
from rag.records import Answer, Citation
from rag.settings import Settings
from rag.text.edge import clean_user_text

if TYPE_CHECKING:
    from rag.compose import VectorProcess
    from rag.evaluation import GoldenQuestion
    from rag.service import PolicyAnswerService

DEFAULT_GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden" / "golden.jsonl"
FAILED = "处理这个问题时出错了,请换个说法再试。"

log = logging.getLogger(__name__)


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer the question given as arguments, or one question per stdin line."""
    if args.top_k is not None:
        if args.top_k < 1:
            print("policybot ask: --top-k must be at least 1", file=sys.stderr)
            return 2
        settings = settings.model_copy(update={"top_k": args.top_k})
    from rag.compose import start_vector_process

    vectors = start_vector_process(settings) if args.question else None  # one question, exit
    try:
        return _ask(args, settings, vectors)
    finally:
        if vectors is not None:
            vectors.stop()


def _ask(args: argparse.Namespace, settings: Settings, vectors: VectorProcess | None) -> int:
    service = _build_service(settings, args.mode, one_shot=bool(args.question), vectors=vectors)
    if service is None:
        return 1
    if not args.question and sys.stdin.isatty():
        print(ask_hint(service.examples().question), file=sys.stderr)  # not a silent wait
        return 2
    questions = [" ".join(args.question)] if args.question else _stdin_lines()
    try:
        _answer_all(service, questions, args)
    except BrokenPipeError:  # `policybot ask … | head`: the reader has gone, stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def ask_hint(example: str | None) -> str:
    """How to ask, with a question the index answers (built from it) when there is one."""
    shown = f'e.g. policybot ask "{example}", ' if example else ""
    return (
        f"policybot ask: give a question, {shown}or pipe questions in, one per line "
        "(policybot ask < questions.txt)"
    )


def _answer_all(service: AnswerService, questions: Iterable[str], args: argparse.Namespace) -> None:
    for question in questions:
        answer = _ask_safely(service, clean_user_text(question), args.session)
        print(
            json.dumps(answer.to_json(), ensure_ascii=False) if args.json else render(answer),
            flush=True,
        )
        if not args.json and not args.question:
            print(flush=True)  # a blank line between answers read from stdin


def _build_service(
    settings: Settings, mode: str, one_shot: bool = False, vectors: VectorProcess | None = None
) -> PolicyAnswerService | None:
    from rag.service import build_answer_service
    from rag.settings import MissingSettingError

    try:
        return build_answer_service(settings, mode, one_shot, vectors)
    except MissingSettingError:
        raise
    except Exception as error:  # a broken index must not end in a stack trace
        print(f"policybot: cannot open the policy index: {error}", file=sys.stderr)
        return None


def _stdin_lines() -> Iterator[str]:
    """Lines of standard input as text, whatever bytes arrive (bad bytes become U+FFFD)."""
    for raw in sys.stdin.buffer:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _ask_safely(service: AnswerService, question: str, session: str | None) -> Answer:
    """One bad question must not stop the others: an unexpected error becomes a polite reply."""
    try:
        return service.ask(question, session)
    except Exception as error:
        log.exception("ask failed")
        print(f"policybot ask: {type(error).__name__}: {error}", file=sys.stderr)
        return Answer(question=question, answer=FAILED, refused=True, fallback_reason=str(error))


def render(answer: Answer) -> str:
    """Readable text: the answer, then its numbered sources."""
    lines = [answer.answer]
    if answer.citations:
        lines.append("")
        lines.append("来源:")
        lines.extend(f"[{i}] {citation_line(c)}" for i, c in enumerate(answer.citations, start=1))
    if answer.fallback_reason and not answer.refused:
        lines.append(f"(大模型回答未采用:{answer.fallback_reason};以上为原文摘录。)")
    return "\n".join(lines)


def citation_line(citation: Citation) -> str:
    parts = [f"《{citation.title}》"]
    parts += [p for p in (citation.issuer, citation.date) if p]
    if citation.clause:
        parts.append(citation.clause)
    return " · ".join(parts)


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Score a golden file, or every set of one or all golden corpora (`--corpus`); with
    --check exit 1 when a metric is on the wrong side of its stored threshold."""
    if args.corpus:
        return _eval_corpora(args, settings)
    from rag.evaluation import GoldenFileError, load_golden

    path = Path(args.file) if args.file else DEFAULT_GOLDEN
    try:
        questions = load_golden(path)
    except (OSError, GoldenFileError) as error:
        print(f"policybot eval: {error}", file=sys.stderr)
        return 2
    service = _build_service(settings, args.mode)
    if service is None:
        return 1
    return _score_set(service, path, questions, args)


def _eval_corpora(args: argparse.Namespace, settings: Settings) -> int:
    from rag.eval_corpora import CorpusUnavailableError, indexed_service, load_corpora
    from rag.evaluation import load_golden

    corpora = [c for c in load_corpora() if args.corpus in ("all", c.name)]
    if not corpora:
        print(f"policybot eval: no golden corpus named {args.corpus!r}", file=sys.stderr)
        return 2
    status = 0
    for corpus in corpora:
        try:
            service = indexed_service(corpus, settings, args.mode)
        except CorpusUnavailableError as error:
            print(f"policybot eval: {error}", file=sys.stderr)
            status = max(status, 1)
            continue
        for path in corpus.question_files:
            print(f"== {corpus.name} · {path.name}")
            status = max(status, _score_set(service, path, load_golden(path), args))
    return status


def _score_set(
    service: AnswerService, path: Path, questions: list[GoldenQuestion], args: argparse.Namespace
) -> int:
    from rag.eval_report import below_thresholds, format_failures, format_table, load_thresholds
    from rag.evaluation import metrics, run_golden

    outcomes = run_golden(service, questions)
    values = metrics(outcomes)
    thresholds = load_thresholds(path)
    if args.json:
        print(json.dumps({"set": path.stem, **values}, ensure_ascii=False))
    else:
        print(format_table(values, thresholds))
    if args.failures:
        print(format_failures(outcomes))
    failed = below_thresholds(values, thresholds)
    if args.check and failed:
        print(f"policybot eval: {path.name} below threshold: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0
