"""`policybot index --add / --remove` and document-level deduplication, through the real CLI."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import docx
import pytest

from bot.cli import main
from rag.index.generations import current_id
from tests.conftest import REPO

ROOT = REPO
SEEDS = ROOT / "seeds"
RIZHAO = SEEDS / "003_2fadbbb93aa1902f.txt"  # a notice, its policy and their 解读
TAIAN = SEEDS / "000_0e7b4b1e1064c15b.txt"
SHARED = Path(os.environ.get("POLICYBOT_SHARED_DIR", ROOT.parent / "shared"))
ELDERLY = SHARED / "corpus" / "guangzhou" / "33_广州市老年人优待办法_政府令179号.html"


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "index", "--no-progress", *args])
    out, err = capsys.readouterr()
    return code, out, err


def sources(capsys: pytest.CaptureFixture[str], data: Path) -> list[str]:
    assert main(["--data-dir", str(data), "docs", "--json"]) == 0
    out, _ = capsys.readouterr()
    return [Path(json.loads(line)["source"]).name for line in out.splitlines()]


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    assert run(capsys, data, str(RIZHAO), str(TAIAN))[0] == 0
    return data


def test_add_keeps_every_other_document(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not ELDERLY.is_file():
        pytest.skip(f"shared corpus not found at {SHARED}")
    before, generation = sources(capsys, data), current_id(data)
    code, out, err = run(capsys, data, "--add", str(ELDERLY))
    assert code == 0, err
    assert "0 changed, 0 removed" in out and "documents: 0 added" not in out
    assert current_id(data) != generation
    after = sources(capsys, data)
    assert sorted(after) == sorted([*before, *[ELDERLY.name] * (len(after) - len(before))])


def test_remove_by_file_title_or_id(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, data, "--remove", TAIAN.name[:3])
    assert code == 0, err
    assert set(sources(capsys, data)) == {RIZHAO.name}
    # a title part names the file: its notice, policy and 解读 go out together
    code, out, err = run(capsys, data, "--add", str(TAIAN))
    assert code == 0 and "documents: 1 added" in out
    code, out, err = run(capsys, data, "--remove", "培育发展新质生产力")
    assert code == 0, err
    assert "documents: 0 added, 0 changed, 3 removed" in out
    assert set(sources(capsys, data)) == {TAIAN.name}
    assert main(["--data-dir", str(data), "docs", "--json"]) == 0
    doc_id = json.loads(capsys.readouterr()[0].splitlines()[0])["id"]
    code, _, err = run(capsys, data, "--remove", doc_id)
    assert code == 1 and "the current index is unchanged" in err  # never an empty index


def test_unknown_or_ambiguous_reference_changes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    generation = current_id(data)
    code, _, err = run(capsys, data, "--remove", "没有这份文件")
    assert code == 1 and "no indexed document matches '没有这份文件'" in err
    code, _, err = run(capsys, data, "--remove", "0")  # both file names start with 0
    assert code == 1 and "matches documents of several files" in err
    assert current_id(data) == generation


def test_add_and_remove_need_arguments(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, data, "--add")[0] == 1
    assert run(capsys, data, "--remove")[0] == 1
    with pytest.raises(SystemExit):
        run(capsys, data, "--add", "--remove", "x")


def write_formats(lines: list[str], folder: Path) -> list[Path]:
    """The same text as an .html page and a .docx file."""
    page = folder / "copy.html"
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(folder / "copy.docx"))
    return [page, folder / "copy.docx"]


def test_identical_documents_are_indexed_once(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sources(capsys, data)
    copies = write_formats(RIZHAO.read_text(encoding="utf-8").splitlines(), tmp_path)
    code, out, err = run(capsys, data, "--add", *map(str, copies))
    assert code == 0, err  # a duplicate is a notice, not a failure
    assert "Nothing changed" in out
    for copy in copies:
        assert f"{copy}: same text as {RIZHAO}; indexed once" in err
    assert sources(capsys, data) == before
