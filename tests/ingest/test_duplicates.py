"""A document indexed twice (a page and its saved copy) is indexed once, and the report says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.index.build import index_paths
from rag.index.embeddings import HashingEmbedder
from rag.ingest.duplicates import DuplicateFinder, find_duplicates
from rag.ingest.parse import ingest_file

ITEMS = [
    f"{n}、对在本区新设立的科技型中小企业，按其上一年度研发投入的百分之{n}0给予补助，最高{n}0万元。"
    for n in "一二三四五"
]
PAGE = (
    "<html><head><title>某区关于支持科技型中小企业发展的若干措施</title></head><body>"
    "<h1>某区关于支持科技型中小企业发展的若干措施</h1>"
    + "".join(f"<p>{item}</p>" for item in ITEMS)
    + "</body></html>"
)
SAVED = "\n\n".join(
    [
        "Title: 某区关于支持科技型中小企业发展的若干措施",
        "Markdown Content:",
        "[首页](http://a/)[政务公开](http://b/)",
        "# 某区关于支持科技型中小企业发展的若干措施",
        *ITEMS,
        "扫一扫在手机打开当前页",
    ]
)


def write_pair(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    page, saved = folder / "measures.html", folder / "measures_copy.md"
    page.write_text(PAGE, encoding="utf-8")
    saved.write_text(SAVED, encoding="utf-8")
    return page, saved


def test_a_saved_copy_is_a_duplicate_and_a_different_policy_is_not(tmp_path: Path) -> None:
    page, saved = write_pair(tmp_path / "docs")
    docs = [(d.document, d.clauses) for path in (page, saved) for d in ingest_file(path)]
    (duplicate,) = find_duplicates(docs)
    assert {duplicate.kept.source, duplicate.dropped.source} == {str(page), str(saved)}
    other = tmp_path / "other.txt"
    other.write_text(
        "\n".join(item.replace("科技型", "文化类") for item in ITEMS), encoding="utf-8"
    )
    docs = [(d.document, d.clauses) for path in (page, other) for d in ingest_file(path)]
    assert find_duplicates(docs) == []


def test_index_keeps_one_copy_and_names_the_duplicate(
    tmp_path: Path, settings_factory: Callable[..., Any]
) -> None:
    page, saved = write_pair(tmp_path / "docs")
    report = index_paths([tmp_path / "docs"], settings_factory(), False, HashingEmbedder())
    assert report.total_documents == 1
    (line,) = [d.line() for d in report.duplicates]
    assert line.startswith(f"{saved}: duplicate of {page} (")
    assert report.ok  # a duplicate is reported, not an error


def test_indexing_an_unchanged_folder_with_a_duplicate_again_changes_nothing(
    tmp_path: Path, settings_factory: Callable[..., Any]
) -> None:
    write_pair(tmp_path / "docs")
    settings = settings_factory()
    runs = [index_paths([tmp_path / "docs"], settings, False, HashingEmbedder()) for _ in range(3)]
    assert runs[0].switched
    assert not runs[1].switched and not runs[2].switched  # no new generation, no re-embedding
    assert runs[1].generation == runs[2].generation == runs[0].generation


def test_two_versions_of_a_regulation_are_both_kept_and_told_apart(tmp_path: Path) -> None:
    digits = "一二三四五六七八九"
    numbers = [*digits, "十", *(f"十{d}" for d in digits), "二十"]  # 第一条 … 第二十条
    articles = [f"第{n}条 本市应当加强第{n}项管理工作，具体办法由市人民政府制定。" for n in numbers]

    def version(date: str, extra: str) -> Path:
        path = tmp_path / f"条例({date}).md"
        head = ["# 某市某某条例", f"{date} 某市人民代表大会常务委员会第五次会议通过"]
        path.write_text("\n\n".join([*head, *articles, extra]), encoding="utf-8")
        return path

    # an amendment changes little: nearly all of the old text is in the new one
    old = version("2010年1月5日", "第二十一条 本条例自2010年3月1日起施行。")
    new = version("2020年6月1日", "第二十一条 本条例自2020年9月1日起施行。")
    parsed = [ingest_file(path)[0] for path in (old, new)]
    assert [p.document.date for p in parsed] == ["2010-01-05", "2020-06-01"]
    assert [p.document.effective for p in parsed] == ["2010-03-01", "2020-09-01"]
    assert parsed[0].document.doc_id != parsed[1].document.doc_id
    assert find_duplicates([(p.document, p.clauses) for p in parsed]) == []


def test_each_candidate_is_read_back_once_however_many_pairs_it_is_in(tmp_path: Path) -> None:
    page, saved = write_pair(tmp_path / "docs")
    third = tmp_path / "docs" / "measures_again.md"
    third.write_text(SAVED.replace("扫一扫", "打印本页"), encoding="utf-8")
    held = {d.document.doc_id: (d.document, d.clauses)
            for path in (page, saved, third) for d in ingest_file(path)}  # fmt: skip
    finder, read = DuplicateFinder(), []
    for document, clauses in held.values():
        finder.add(document, clauses)
    found = finder.found(lambda doc_id: read.append(doc_id) or held[doc_id])
    assert {d.dropped.source for d in found} == {str(saved), str(third)}
    assert {d.kept.source for d in found} == {str(page)}
    assert sorted(read) == sorted(held)  # three pairs, each document read once
