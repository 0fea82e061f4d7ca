"""Bad input loses nothing: a page without a body, a broken table, an oversized page each get
one clear line in the index report, and every other file is indexed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rag.index.build import index_paths
from rag.index.embeddings import HashingEmbedder

GOOD = "".join(
    f"<p>{n}、对符合条件的企业给予一次性补贴{n}万元，由区主管部门按季度审核后发放到位。</p>"
    for n in "一二三四"
)


def page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def test_bad_pages_are_reported_and_the_rest_is_indexed(
    tmp_path: Path, settings_factory: Callable[..., Any]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "good.html").write_text(page("某区关于企业补贴的通知", GOOD), encoding="utf-8")
    (folder / "nobody.html").write_text("<html><body><div></div></body></html>", "utf-8")
    broken = "<table><tr><td>项目<td>补贴标准<tr><td>研发投入<td>最高50万元</table><p>"
    (folder / "table.html").write_text(page("某区研发补贴标准表说明", broken + GOOD), "utf-8")
    (folder / "huge.html").write_text(page("某区超大页面", GOOD * 400), encoding="utf-8")
    settings = settings_factory(max_file_bytes=100_000)
    report = index_paths([folder], settings, False, HashingEmbedder())
    lines = sorted(error.line() for error in report.errors)
    assert len(lines) == 2
    assert lines[0].startswith(str(folder / "huge.html")) and "too large" in lines[0]
    assert lines[1].startswith(str(folder / "nobody.html")) and "\n" not in lines[1]
    assert report.total_documents == 2  # good.html and the page with the broken table
