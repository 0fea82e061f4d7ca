"""Values worked out from a whole generation are computed once and read back by later
processes; another generation, damage or a read-only directory only cost a recomputation."""

from __future__ import annotations

from pathlib import Path

from rag.index.corpus import open_corpus
from rag.index.derived import derived_path, derived_value
from rag.index.embeddings import HashingEmbedder
from rag.index.write import build_generation
from rag.service import build_answer_service
from tests.conftest import SEEDS_DIR, make_settings, service_over
from tests.corpus_builders import settings_for, two_city_corpus

RIZHAO = SEEDS_DIR / "003_2fadbbb93aa1902f.txt"


class Counting:
    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_computed_once_then_read_back(tmp_path: Path) -> None:
    compute = Counting({"交通": 3, "补贴": 1})
    assert derived_value(tmp_path, "weights", compute) == {"交通": 3, "补贴": 1}
    assert derived_value(tmp_path, "weights", compute) == {"交通": 3, "补贴": 1}
    assert compute.calls == 1
    assert derived_path(tmp_path, "weights").is_file()


def test_values_saved_by_other_code_are_dropped(tmp_path: Path) -> None:
    derived_value(tmp_path, "weights", Counting(1))
    folder = derived_path(tmp_path, "weights").parent
    (folder / "weights-0123456789abcdef.pickle").write_bytes(b"older code")
    (folder / "weights-extra-0123456789abcdef.pickle").write_bytes(b"another name")
    derived_path(tmp_path, "weights").unlink()
    derived_value(tmp_path, "weights", Counting(2))
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        [derived_path(tmp_path, "weights").name, "weights-extra-0123456789abcdef.pickle"]
    )


def test_each_generation_has_its_own(tmp_path: Path) -> None:
    first, second = tmp_path / "g1", tmp_path / "g2"
    first.mkdir(), second.mkdir()
    assert derived_value(first, "sample", Counting([1])) == [1]
    assert derived_value(second, "sample", Counting([2])) == [2]


def test_a_damaged_file_is_computed_again_and_replaced(tmp_path: Path) -> None:
    derived_value(tmp_path, "weights", Counting(1))
    derived_path(tmp_path, "weights").write_bytes(b"not a pickle")
    compute = Counting(2)
    assert derived_value(tmp_path, "weights", compute) == 2
    assert derived_value(tmp_path, "weights", compute) == 2 and compute.calls == 1


def test_a_generation_that_cannot_be_written_still_serves(tmp_path: Path) -> None:
    derived_path(tmp_path, "weights").parent.write_text("")  # a file where the folder goes
    compute = Counting(5)
    assert derived_value(tmp_path, "weights", compute) == 5
    assert derived_value(tmp_path, "weights", compute) == 5 and compute.calls == 2
    assert [p.name for p in tmp_path.iterdir()] == ["derived"]  # no temp file left


def test_a_served_corpus_keeps_its_values_with_its_generation(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    build_generation(tmp_path, two_city_corpus(), settings, HashingEmbedder(256))
    corpus = open_corpus(settings, HashingEmbedder(256))
    assert corpus is not None
    titles = corpus.derived("titles", lambda: sorted(d.title for d in corpus.documents()))
    again = open_corpus(settings, HashingEmbedder(256))
    assert again is not None
    assert again.derived("titles", lambda: []) == titles
    assert derived_path(corpus.path, "titles").parent.parent == corpus.path
    assert derived_path(corpus.path, "documents").is_file()  # saved by the first reader
    assert again.documents() == corpus.documents() and len(again.documents()) == 2
    corpus.close(), again.close()


def test_a_service_reads_its_help_examples_back(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rizhao.txt": RIZHAO.read_text(encoding="utf-8")})
    assert derived_path(service.corpus.path, "examples").is_file()
    again = build_answer_service(make_settings(tmp_path / "data"), "extractive")
    assert again.examples() == service.examples() and service.examples().question
