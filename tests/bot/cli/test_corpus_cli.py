"""`policybot index/docs/clause/show` driven through the real CLI on the real seeds."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.corpus_commands import documents_table, width
from rag.index.generations import current_id, generations_dir
from rag.records import Document
from tests.conftest import REPO

ROOT = REPO
SEEDS = ROOT / "seeds"


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def docs_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[dict[str, object]]:
    code, out, _ = run(capsys, data_dir, "docs", "--json")
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("data")
    code = main(["--data-dir", str(data_dir), "index", str(SEEDS), "--no-progress"])
    assert code == 0
    return data_dir


def test_index_reports_what_it_added(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, tmp_path, "index", str(SEEDS))
    assert code == 0 and err == ""  # not a TTY: no progress bar
    docs = docs_json(capsys, tmp_path)
    clauses = sum(int(d["clauses"]) for d in docs)  # type: ignore[call-overload]
    assert f"Indexed {len(docs)} documents, {clauses} clauses" in out
    assert f"documents: {len(docs)} added, 0 changed, 0 removed" in out
    assert f"clauses:   {clauses} added, 0 changed, 0 removed" in out
    assert {d["city"] for d in docs} >= {"泰安", "南通", "三明", "日照"}
    assert not any("README" in str(d["source"]) for d in docs)  # folder walks skip READMEs


def test_reindexing_unchanged_files_changes_nothing(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, generation = docs_json(capsys, indexed), current_id(indexed)
    code, out, _ = run(capsys, indexed, "index", str(SEEDS))
    assert code == 0
    assert "documents: 0 added, 0 changed, 0 removed" in out
    assert "clauses:   0 added, 0 changed, 0 removed" in out
    assert current_id(indexed) == generation
    assert docs_json(capsys, indexed) == before


def test_docs_json_has_the_documented_fields(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for doc in docs_json(capsys, indexed):
        assert {
            "id",
            "title",
            "city",
            "issuer",
            "date",
            "doc_number",
            "status",
            "clauses",
            "source",
        } <= doc.keys()
    sanming = next(d for d in docs_json(capsys, indexed) if d["doc_number"])
    assert sanming["doc_number"] == "明政办〔2021〕62号"


def test_docs_table(indexed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, indexed, "docs")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == [
        "id",
        "place",
        "title",
        "issuer",
        "date",
        "kind",
        "validity",
        "clauses",
    ]
    assert len(lines) == 1 + len(docs_json(capsys, indexed))
    drafts = [line for line in lines if "2025-05-09" in line]  # the notice and its policy
    assert any(" notice " in line for line in drafts) and any(" policy " in line for line in drafts)
    assert all("日照市" in line and "征求意见稿" in line for line in drafts)
    assert all(width(line) <= 120 for line in lines)  # readable in a terminal


def test_docs_table_prints_place_kind_and_validity(tmp_path: Path) -> None:
    """Columns come from the records: a district's place, a form's kind, an expired status."""
    docs = [
        Document("a" * 16, "某区某事项申请表", "", "x.txt", "h", place="某某区", kind="form"),
        Document("b" * 16, "某市某办法", "", "y.txt", "h", validity="失效", city="某市"),
    ]
    table = documents_table(docs, {"a" * 16: 3}).splitlines()
    assert table[1].split()[:2] == ["a" * 10, "某某区"] and " form " in table[1]
    assert table[1].split()[-1] == "3" and table[1].split()[-2] == "—"
    assert table[2].split()[1] == "某市" and table[2].split()[-2] == "失效"


def test_clause_by_document_and_number(indexed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, indexed, "clause", "若干政策", "第14条", "--json")
    assert code == 0
    clause = json.loads(out)
    assert {"clause_id", "doc_id", "number", "path", "text", "source"} <= clause.keys()
    assert clause["number"] == "14" and "最高200万元奖励" in clause["text"]
    assert "(四)构建多元赋能的科技创新金融生态" in clause["path"]
    assert clause["source"].endswith("003_2fadbbb93aa1902f.txt")
    code, text_out, _ = run(capsys, indexed, "clause", "003", "14")
    assert code == 0 and clause["text"] in text_out and clause["clause_id"] in text_out


def test_clause_text_is_verbatim_from_the_cleaned_document(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rag.index.corpus import open_corpus
    from rag.settings import Settings

    corpus = open_corpus(Settings(_env_file=None, data_dir=indexed))  # type: ignore[call-arg]
    assert corpus is not None
    for doc in corpus.documents():
        for clause in corpus.clauses(doc.doc_id):
            assert doc.text[clause.start : clause.end] == clause.text


def test_show_by_id_and_unique_prefix(indexed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, indexed, "clause", "003", "8", "--json")
    clause = json.loads(out)
    code, out, _ = run(capsys, indexed, "show", clause["clause_id"], "--json")
    assert code == 0 and json.loads(out) == clause
    code, out, _ = run(capsys, indexed, "show", clause["clause_id"][:10])
    assert code == 0 and clause["text"] in out


def test_unknown_references_list_candidates(
    indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, indexed, "clause", "南京", "3")
    assert code == 1 and out == ""
    assert "no document matches '南京'" in err and "若干政策" in err
    code, _, err = run(capsys, indexed, "clause", "若干政策", "99")
    assert code == 1 and "no clause numbered '99'" in err and "14" in err
    code, _, err = run(capsys, indexed, "show", "0000000000000000")
    assert code == 1 and "no clause with id" in err


def test_nothing_indexed_says_how_to_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["docs"], ["clause", "003", "14"], ["show", "abc"]):
        code, out, err = run(capsys, tmp_path, *args)
        assert code == 1 and out == "" and "policybot index" in err


def clause_texts(capsys: pytest.CaptureFixture[str], data: Path, doc: dict[str, object]) -> str:
    from rag.index.corpus import open_corpus
    from rag.settings import Settings

    corpus = open_corpus(Settings(_env_file=None, data_dir=data))  # type: ignore[call-arg]
    assert corpus is not None
    return "\n".join(c.text for c in corpus.clauses(str(doc["id"])))


def copy_seeds(folder: Path, *names: str) -> Path:
    folder.mkdir()
    for name in names:
        shutil.copy(next(SEEDS.glob(name + "_*")), folder)
    return folder


def test_incremental_changes_are_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seeds(tmp_path / "in", "001", "003", "004")
    data = tmp_path / "data"
    assert run(capsys, data, "index", str(folder))[0] == 0
    before = docs_json(capsys, data)
    removed = [d for d in before if "004_" in str(d["source"])]
    edited = {d["id"] for d in before if "最高200万元" in clause_texts(capsys, data, d)}
    next(folder.glob("004_*")).unlink()
    rizhao = next(folder.glob("003_*"))
    rizhao.write_text(
        rizhao.read_text(encoding="utf-8").replace("最高200万元", "最高300万元"), encoding="utf-8"
    )
    code, out, _ = run(capsys, data, "index", str(folder))
    assert code == 0
    assert f"documents: 0 added, {len(edited)} changed, {len(removed)} removed" in out
    removed_clauses = sum(int(d["clauses"]) for d in removed)  # type: ignore[call-overload]
    assert f"clauses:   0 added, 2 changed, {removed_clauses} removed" in out
    _, out, _ = run(capsys, data, "clause", "若干政策", "14")
    assert "最高300万元" in out


def test_bad_files_get_one_line_each_and_the_rest_is_indexed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_seeds(tmp_path / "in", "003")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "big.txt").write_text("科技创新政策。" * 200_000, encoding="utf-8")
    (folder / "skipped.xyz").write_text("ignored in a folder walk")
    monkeypatch.setenv("POLICYBOT_MAX_FILE_BYTES", "1000000")
    code, out, err = run(
        capsys, tmp_path / "data", "index", str(folder), str(folder / "skipped.xyz")
    )
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 4, err
    for name in ("empty.txt", "binary.txt", "big.txt", "skipped.xyz"):
        assert sum(name in line for line in lines) == 1, name
    assert "too large" in err and "unsupported file type" in err
    assert "Indexed 3 documents" in out


def test_a_file_that_breaks_keeps_its_indexed_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seeds(tmp_path / "in", "001", "003")
    data = tmp_path / "data"
    run(capsys, data, "index", str(folder))
    before = docs_json(capsys, data)
    next(folder.glob("001_*")).write_bytes(b"\x00\x01\x02\xff" * 100)
    code, out, err = run(capsys, data, "index", str(folder))
    assert code == 1 and "001_" in err and "keeping the previously indexed version" in err
    assert "documents: 0 added, 0 changed, 0 removed" in out
    assert docs_json(capsys, data) == before


def test_crash_mid_index_leaves_the_previous_generation_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seeds(tmp_path / "in", "003")
    data = tmp_path / "data"
    run(capsys, data, "index", str(folder))
    serving, before = current_id(data), docs_json(capsys, data)
    for name in ("000", "001", "002"):
        shutil.copy(next(SEEDS.glob(name + "_*")), folder)
    command = [sys.executable, "-m", "bot", "--data-dir", str(data), "index", str(folder)]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while len(list(generations_dir(data).iterdir())) < 2 and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)  # mid-build: the new generation exists, unfinished
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert current_id(data) == serving
    assert docs_json(capsys, data) == before
    code, _, _ = run(capsys, data, "index", str(folder))  # the next run completes and cleans up
    assert code == 0 and current_id(data) != serving
    assert {p.name for p in generations_dir(data).iterdir()} == {serving, current_id(data)}


def test_openai_compatible_embeddings_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from rag.index.corpus import open_corpus
    from rag.settings import Settings
    from tests.fakes.fake_openai import FakeOpenAI, Reply

    folder = copy_seeds(tmp_path / "in", "003")
    data = tmp_path / "data"
    with FakeOpenAI(api_key="sk-fake") as fake:
        monkeypatch.setenv("POLICYBOT_EMBEDDING_MODEL", "bge-m3")
        monkeypatch.setenv("POLICYBOT_EMBEDDING_BASE_URL", fake.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-fake")
        monkeypatch.setenv("POLICYBOT_LLM_MAX_RETRIES", "0")
        code, out, err = run(capsys, data, "index", str(folder))
        assert code == 0, err
        sent = [r.body["input"] for r in fake.embedding_requests]
        assert {r.body["model"] for r in fake.embedding_requests} == {"bge-m3"}
        corpus = open_corpus(Settings(_env_file=None, data_dir=data))  # type: ignore[call-arg]
        assert corpus is not None and corpus.manifest["embedder"] == "openai-bge-m3"
        clause = corpus.find_clause("若干政策", "14")
        assert clause is not None and any(clause.text in batch for batch in sent)
        hits = corpus.vector.search(clause.text, 1)  # the query is embedded by the server too
        assert hits[0].clause == clause
        serving = current_id(data)
        fake.fail_embeddings(Reply.error(500, "model not loaded"))
        (folder / "new.txt").write_text("第一条 支持科技特派员服务乡村振兴。", encoding="utf-8")
        code, out, err = run(capsys, data, "index", str(folder))
    assert code == 1 and out == ""
    assert "vector index with embedder 'openai-bge-m3' failed" in err
    assert "the previous index keeps serving" in err and len(err.splitlines()) == 1
    assert current_id(data) == serving


def test_empty_folder_keeps_the_current_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_seeds(tmp_path / "in", "003")
    data = tmp_path / "data"
    run(capsys, data, "index", str(folder))
    serving = current_id(data)
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, data, "index", str(tmp_path / "empty"))
    assert code == 1
    assert err.strip() == "policybot index: no files to index; the current index is unchanged"
    assert current_id(data) == serving
