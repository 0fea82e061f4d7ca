"""`python -m bench.baseline`: our clause retrieval against a typical LangChain tutorial pipeline.

The tutorial pipeline: load each file as it is (TextLoader), split it with
RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50), retrieve with
BM25Retriever.from_documents(preprocess_func=jieba.lcut) — i.e. rank_bm25's BM25Okapi over
jieba tokens. langchain-text-splitters / langchain-community are not dependencies of this
project, so the splitter is re-implemented below with the same separators and merge rule.

Both systems answer the golden questions that expect a clause (follow-ups excluded: the
baseline has no conversation memory). A passage "hits" when it contains the expected clause
text (white space ignored). The baseline also runs on our *cleaned* text, to separate what
cleaning buys from what clause-level retrieval buys.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import jieba
from bs4 import BeautifulSoup
from rank_bm25 import BM25Okapi

from rag.eval_corpora import GoldenCorpus, corpus_paths, indexed_service, load_corpora
from rag.evaluation import GoldenQuestion, folded, load_golden
from rag.ingest.parse import IngestError, ingest_file
from rag.service import PolicyAnswerService
from rag.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEPARATORS = ("\n\n", "\n", " ", "")
CHUNK_SIZE = 500
CHUNK_OVERLAP = 50


def recursive_split(text: str, separators: Sequence[str] = SEPARATORS) -> list[str]:
    """RecursiveCharacterTextSplitter's algorithm: split on the first separator present,
    recurse into pieces still too long, merge small pieces up to CHUNK_SIZE with overlap."""
    separator = next((s for s in separators if s == "" or s in text), "")
    rest = separators[separators.index(separator) + 1 :] if separator else ()
    pieces = list(text) if separator == "" else text.split(separator)
    chunks: list[str] = []
    pending: list[str] = []
    for piece in pieces:
        if len(piece) <= CHUNK_SIZE:
            pending.append(piece)
            continue
        chunks.extend(merge(pending, separator))
        pending = []
        chunks.extend(recursive_split(piece, rest) if rest else [piece])
    chunks.extend(merge(pending, separator))
    return [c for c in chunks if c.strip()]


def merge(pieces: Sequence[str], separator: str) -> list[str]:
    """Greedy merge up to CHUNK_SIZE; each new chunk starts with ≤ CHUNK_OVERLAP of the last."""
    chunks: list[str] = []
    current: list[str] = []
    for piece in pieces:
        if current and len(separator.join([*current, piece])) > CHUNK_SIZE:
            chunks.append(separator.join(current))
            while current and len(separator.join(current)) > CHUNK_OVERLAP:
                current.pop(0)
        current.append(piece)
    if current:
        chunks.append(separator.join(current))
    return chunks


class TutorialBaseline:
    """BM25Okapi over jieba.lcut tokens of 500-character chunks."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.chunks = [chunk for text in texts for chunk in recursive_split(text)]
        self.bm25 = BM25Okapi([jieba.lcut(chunk) for chunk in self.chunks])

    def search(self, question: str, k: int = 3) -> list[str]:
        scores = self.bm25.get_scores(jieba.lcut(question))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        return [self.chunks[i] for i in order[:k]]


def hit_rate(
    passages_per_question: Sequence[Sequence[str]], questions: Sequence[GoldenQuestion], k: int
) -> float:
    hits = sum(
        any(folded(q.expect_clause or "") in folded(p) for p in passages[:k])
        for q, passages in zip(questions, passages_per_question, strict=True)
    )
    return hits / len(questions)


def answerable(questions: Sequence[GoldenQuestion]) -> list[GoldenQuestion]:
    return [q for q in questions if q.expect_clause and not q.expect_refusal and not q.session]


def raw_text(path: Path) -> str:
    """What the tutorial's loaders give: the file as text (TextLoader), an HTML page's text
    with BeautifulSoup (BSHTMLLoader)."""
    data = path.read_bytes()
    if path.suffix.lower() in {".html", ".htm"}:
        return BeautifulSoup(data, "lxml").get_text()
    return data.decode("utf-8", errors="replace")


def cleaned_texts(path: Path) -> list[str]:
    """Our cleaned documents of a file; none for a file we refuse (a page of navigation)."""
    try:
        return [parsed.document.text for parsed in ingest_file(path)]
    except IngestError:
        return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", default="all", help="a golden corpus of tests/golden/corpora.json, or all"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(_env_file=None, data_dir=Path(data_dir), llm_model=None)  # type: ignore[call-arg]
        for corpus in load_corpora():
            if args.corpus in ("all", corpus.name):
                compare(corpus, settings)


def compare(corpus: GoldenCorpus, settings: Settings) -> None:
    """Both pipelines on the corpus' answerable questions (development and holdout)."""
    questions = answerable([q for p in corpus.question_files for q in load_golden(p)])
    paths = corpus_paths(corpus, settings.data_dir / "documents")
    files = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())
    files = [f for f in files if f.suffix in {".txt", ".md", ".html", ".htm"}]
    raw = [raw_text(f) for f in files]
    cleaned = [text for f in files for text in cleaned_texts(f)]
    rows = []
    for name, texts in (
        ("LangChain tutorial, raw files", raw),
        ("LangChain tutorial, our cleaned text", cleaned),
    ):
        baseline = TutorialBaseline(texts)
        started = time.perf_counter()
        results = [baseline.search(q.question) for q in questions]
        ms = (time.perf_counter() - started) * 1000 / len(questions)
        length = sum(map(len, baseline.chunks)) / len(baseline.chunks)
        rows.append(
            (name, hit_rate(results, questions, 1), hit_rate(results, questions, 3), length, ms)
        )
    rows.append(ours(questions, indexed_service(corpus, settings, mode="extractive")))
    print(f"\n{corpus.name}: {len(questions)} questions with an expected clause (no follow-ups)\n")
    print("| pipeline | hit@1 | hit@3 | mean cited passage (chars) | ms/query |")
    print("|---|---|---|---|---|")
    for name, at1, at3, length, ms in rows:
        print(f"| {name} | {at1:.3f} | {at3:.3f} | {length:.0f} | {ms:.1f} |")


def ours(
    questions: Sequence[GoldenQuestion], service: PolicyAnswerService
) -> tuple[str, float, float, float, float]:
    """Our answers' citations: the cited clause's full text is the passage that must hit."""
    service.ask("预热")  # load the indexes before timing
    started = time.perf_counter()
    answers = [service.ask(q.question) for q in questions]
    ms = (time.perf_counter() - started) * 1000 / len(questions)
    passages = [[service.clause(c.clause_id).text for c in a.citations] for a in answers]  # type: ignore[union-attr]
    quotes = [len(c.quote) for a in answers for c in a.citations]
    at1, at3 = hit_rate(passages, questions, 1), hit_rate(passages, questions, 3)
    return (
        "policybot (clauses, hybrid, extractive)",
        at1,
        at3,
        sum(quotes) / max(len(quotes), 1),
        ms,
    )


if __name__ == "__main__":
    main()
