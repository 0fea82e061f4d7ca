"""A document indexed twice (a page and its saved copy) is indexed once, and the report says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.index.build import index_paths
from rag.index.embeddings import HashingEmbedder
from rag.ingest.duplicates import find_duplicates
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
