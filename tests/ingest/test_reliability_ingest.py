"""Per-file limits: a zip bomb, a 100k-deep HTML file, a FIFO and a symlink to /dev/zero
each cost one line in the index report, fast, and the rest is indexed."""

from __future__ import annotations

import os
import signal
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from rag.index.build import index_paths
from rag.index.corpus import open_corpus
from rag.ingest.limits import ParseTimeout, check_html_depth, parse_time_limit, read_capped
from rag.ingest.loaders import IngestError, load_html
from rag.settings import Settings

POLICY = (
    "关于支持青年科技人才创新的若干措施\n\n测试市科学技术局\n2025年3月1日\n\n"
    "一、支持青年人才\n1. 对新引进的青年科技人才给予每人5万元安家补贴。\n"
)
DEEP = 100_000


def zip_bomb(path: Path, unpacked_mb: int = 250) -> None:
    """A .docx-shaped zip whose document.xml inflates to `unpacked_mb` MB of zeros."""
    block = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(unpacked_mb):
            member.write(block)


def deep_html(path: Path, depth: int = DEEP) -> None:
    path.write_bytes(b"<html><body>" + b"<div>" * depth + "正文".encode() + b"</div>" * depth)


def test_hostile_files_cost_one_line_each_and_the_rest_is_indexed(
    tmp_path: Path, settings_factory: Callable[..., Settings]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(POLICY, encoding="utf-8")
    zip_bomb(folder / "bomb.docx")
    deep_html(folder / "deep.html")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    zeros = tmp_path / "zeros.txt"
    zeros.symlink_to("/dev/zero")
    (folder / "walked_pipe.txt").symlink_to(fifo)  # a folder walk skips it silently
    settings = settings_factory()
    started = time.monotonic()
    report = index_paths([folder, fifo, zeros], settings, progress=False)
    elapsed = time.monotonic() - started
    lines = {Path(e.source).name: e.reason for e in report.errors}
    assert set(lines) == {"bomb.docx", "deep.html", "pipe.txt", "zeros.txt"}
    assert "zip bomb" in lines["bomb.docx"] and "nested too deeply" in lines["deep.html"]
    assert "FIFO" in lines["pipe.txt"] and "character device" in lines["zeros.txt"]
    corpus = open_corpus(settings)
    assert corpus is not None
    assert [d.title for d in corpus.documents()] == ["关于支持青年科技人才创新的若干措施"]
    assert elapsed < 30  # the hostile files cost next to nothing


def test_a_100k_deep_html_file_is_refused_in_well_under_a_second(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    deep_html(path)
    started = time.monotonic()
    with pytest.raises(IngestError, match="nested too deeply"):
        load_html(path.read_bytes(), str(path))
    assert time.monotonic() - started < 1.0
    check_html_depth(b"<html><body>" + b"<div>" * 50 + b"x", "shallow.html")


def test_reads_stop_at_the_byte_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 1000)
    assert read_capped(path, 1000) == b"a" * 1000
    with pytest.raises(IngestError, match="too large"):
        read_capped(path, 999)


def test_parsing_has_a_time_budget() -> None:
    started = time.monotonic()
    with pytest.raises(ParseTimeout, match=r"over 0\.2 s"), parse_time_limit("slow.pdf", 0.2):
        while time.monotonic() - started < 5:
            pass
    assert time.monotonic() - started < 1.0
    outer = signal.setitimer(signal.ITIMER_REAL, 100.0)  # e.g. pytest-timeout's own timer
    try:
        with parse_time_limit("fast.txt", 0.2):
            pass
        time.sleep(0.3)  # ours is disarmed after the block …
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 90  # … and the outer one is back
    finally:
        signal.setitimer(signal.ITIMER_REAL, *outer)
