"""The golden sets of the non-seed corpora (real portal pages, real regulations), each scored
against its own index and its own thresholds (`<set>_thresholds.json`).

The documents are read from the shared folder beside the checkout; where it is absent the
sets are skipped, saying so.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.eval_corpora import CorpusUnavailableError, indexed_service, load_corpora
from rag.eval_report import below_thresholds, load_thresholds
from rag.evaluation import load_golden, metrics, run_golden
from tests.conftest import make_settings

NON_SEED = [c for c in load_corpora() if c.name != "seeds"]


@pytest.fixture(scope="module", params=NON_SEED, ids=[c.name for c in NON_SEED])
def corpus_service(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    corpus = request.param
    settings = make_settings(tmp_path_factory.mktemp(f"golden-{corpus.name}"))
    try:
        return corpus, indexed_service(corpus, settings, mode="extractive")
    except CorpusUnavailableError as error:
        pytest.skip(str(error))


def test_every_corpus_has_a_development_set_and_a_holdout() -> None:
    for corpus in load_corpora():
        names = [p.stem for p in corpus.question_files]
        assert len(names) == 2 and names[1].endswith("holdout"), corpus.name
        for path in corpus.question_files:
            assert load_thresholds(path), f"{path.name} has no thresholds"


def test_question_ids_are_unique_across_all_sets() -> None:
    ids = [q.id for c in load_corpora() for p in c.question_files for q in load_golden(p)]
    assert len(ids) == len(set(ids))


def test_each_set_meets_its_thresholds(corpus_service) -> None:  # type: ignore[no-untyped-def]
    corpus, service = corpus_service
    failures = {}
    for path in corpus.question_files:
        values = metrics(run_golden(service, load_golden(path)))
        failed = below_thresholds(values, load_thresholds(path))
        if failed:
            failures[path.name] = (failed, json.dumps(values))
    assert failures == {}


def test_golden_sets_name_a_source_in_the_corpus(corpus_service) -> None:  # type: ignore[no-untyped-def]
    corpus, service = corpus_service
    sources = {Path(d.source).name for d in service.documents()}
    for path in corpus.question_files:
        for q in load_golden(path):
            doc = json.loads(_line_of(path, q.id)).get("doc")
            if doc:
                assert Path(doc).name in sources, (q.id, doc)


def _line_of(path: Path, question_id: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if f'"id": "{question_id}"' in line:
            return line
    raise AssertionError(question_id)
