"""Each loader on a real file of its format, made here; each bad input refused by name."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from rag.ingest.layout import drop_page_numbers, unwrap_layout
from rag.ingest.loaders import load_text
from rag.ingest.parse import IngestError, ingest_bytes, ingest_file
from rag.ingest.tables import take_row_columns

POLICY_LINES = [
    "日照市科学技术局关于促进创业投资发展的若干措施",
    "一、重点任务",
    "1. 完善风险投资体系和机制。对新设立的创业投资机构,给予最高200万元奖励。",
    "2. 强化科技金融协同。实施科技成果转化贷款风险共担机制。",
]


def make_docx(path: Path) -> None:
    document = DocxDocument()
    for line in POLICY_LINES[:3]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "奖励"
    table.cell(1, 0).text = "创投机构"
    table.cell(1, 1).text = "最高200万元"
    document.add_paragraph(POLICY_LINES[3])
    document.save(str(path))


def make_pdf(lines: list[str]) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFont("STSong-Light", 11)
    for row, line in enumerate(lines):
        page.drawString(40, 800 - 18 * row, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = tmp_path / "措施.docx"
    make_docx(path)
    text = load_text(path.read_bytes(), str(path))
    lines, columns = take_row_columns([line for line in text.split("\n") if line])
    assert lines[2].startswith("1. 完善风险投资体系和机制")
    assert lines[3:6] == ["项目 | 奖励", "创投机构 | 最高200万元", POLICY_LINES[3]]
    assert columns == {"项目|奖励": (), "创投机构|最高200万元": ("项目", "奖励")}
    (doc,) = ingest_file(path)
    assert [c.number for c in doc.clauses if c.number] == ["1", "2"]
    (row,) = [c for c in doc.clauses if c.columns]
    assert row.text == "创投机构 | 最高200万元" and row.columns == ("项目", "奖励")
    assert doc.document.issuer == "日照市科学技术局" and doc.document.city == "日照"


def test_pdf_chinese_text_layer_and_wrapped_lines_rejoined() -> None:
    wrapped = [
        "日照市科学技术局关于促进创业投资发展的若干措施",
        "1. 完善风险投资体系和机制。对新设立的创业投资机构,按",
        "照投资额度给予最高200万元奖励。",
        "2. 强化科技金融协同。",
    ]
    (doc,) = ingest_bytes(make_pdf(wrapped), "measures.pdf")
    item = next(c for c in doc.clauses if c.number == "1")
    assert "创业投资机构,按照投资额度给予最高200万元奖励。" in item.text
    assert doc.document.title == wrapped[0]


def test_pdf_without_text_layer_is_refused() -> None:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(50, 50, 200, 200, fill=1)  # a "scan": drawing, no text
    page.showPage()
    page.save()
    with pytest.raises(IngestError, match=r"scan\.pdf: .*no text layer \(scanned\?\)"):
        ingest_bytes(buffer.getvalue(), "scan.pdf")


PORTAL_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>门户</title>
<style>.x{color:red}</style><script>var tracker = 1;</script></head><body>
<header><a href="/">首页</a> 网站地图</header>
<nav class="main-nav"><ul><li>政务公开</li><li>政策文件</li></ul></nav>
<div class="breadcrumb">当前位置:首页 &gt; 政策文件</div>
<table class="meta"><tr><td>索引号</td><td>RZ-2025-001</td>
<td>文号</td><td>日科发〔2025〕3号</td></tr>
<tr><td>发布机构</td><td>日照市科学技术局</td><td>生成日期</td><td>2025-05-09</td></tr></table>
<div id="article"><h1>日照市科学技术局关于促进创业投资发展的若干措施</h1>
<p>一、重点任务</p><p>1. 完善风险投资体系和机制。给予最高<b>200</b>万元奖励。</p>
<p>2. 强化科技金融协同。实施贷款风险共担机制。</p></div>
<div class="share-bar">分享到:微信 微博</div>
<footer>主办单位:日照市人民政府 版权所有</footer></body></html>"""


def test_html_article_kept_portal_chrome_dropped_metadata_extracted() -> None:
    (doc,) = ingest_bytes(PORTAL_PAGE.encode("utf-8"), "page.html")
    d = doc.document
    assert d.title == "日照市科学技术局关于促进创业投资发展的若干措施"
    assert (d.doc_number, d.issuer, d.date) == (
        "日科发〔2025〕3号",
        "日照市科学技术局",
        "2025-05-09",
    )
    for chrome in ("首页", "政务公开", "当前位置", "tracker", "分享到", "版权所有", "索引号"):
        assert chrome not in d.text
    assert "给予最高200万元奖励" in d.text  # inline <b> does not break the paragraph


def test_gbk_and_bom_text_decoded(tmp_path: Path) -> None:
    text = "\n".join(POLICY_LINES)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gbk"))
    bom = tmp_path / "bom.md"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for path in (gbk, bom):
        (doc,) = ingest_file(path)
        assert doc.document.title == POLICY_LINES[0]
        assert [c.number for c in doc.clauses if c.number] == ["1", "2"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n ", "empty file"),
        ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 50, "binary"),
        ("latin.txt", bytes(range(128, 256)) * 20, "undecodable|binary"),
        ("broken.docx", b"not a zip at all", "not a readable .docx"),
        ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF|no text layer"),
        ("sheet.xlsx", b"data", "unsupported file type .xlsx"),
    ],
)
def test_bad_input_is_one_line_error_naming_the_file(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason) as caught:
        ingest_bytes(data, name)
    assert str(caught.value).startswith(f"{name}: ")
    assert "\n" not in str(caught.value)
    assert caught.value.source == name


def test_oversized_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("政策" * 100, encoding="utf-8")
    with pytest.raises(IngestError, match=r"big\.txt: file too large"):
        ingest_file(big, max_bytes=100)
    with pytest.raises(IngestError, match="cannot read file"):
        ingest_file(tmp_path / "missing.txt")


def test_gbk_portal_page_uses_its_declared_charset() -> None:
    page = PORTAL_PAGE.replace('charset="utf-8"', 'charset="gbk"').encode("gbk")
    (doc,) = ingest_bytes(page, "page.htm")
    assert doc.document.title == "日照市科学技术局关于促进创业投资发展的若干措施"
    assert "给予最高200万元奖励" in doc.document.text


def make_pdf_pages(pages: list[list[str]]) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    for lines in pages:
        page.setFont("STSong-Light", 11)
        for row, line in enumerate(lines):
            page.drawString(40, 800 - 18 * row, line)
        page.showPage()
    page.save()
    return buffer.getvalue()


def test_pdf_paragraph_continues_across_a_page_break_and_page_numbers_go() -> None:
    pages = [
        [
            "日照市科学技术局关于促进创业投资发展的若干措施",
            "1. 完善风险投资体系和机制。对新设立的创业投资机构,按",
            "- 1 -",
        ],
        ["照投资额度给予最高200万元奖励。", "2. 强化科技金融协同。", "- 2 -"],
    ]
    (doc,) = ingest_bytes(make_pdf_pages(pages), "two-pages.pdf")
    item = next(c for c in doc.clauses if c.number == "1")
    assert item.text.endswith("创业投资机构,按照投资额度给予最高200万元奖励。")
    assert "- 1 -" not in doc.document.text and "- 2 -" not in doc.document.text


def test_layout_helpers() -> None:
    assert drop_page_numbers("正文。\n- 3 -\n第3页 共10页\n3/10\n7\n20211221") == "正文。\n20211221"
    wrapped = "一二三四五六七八九十一二三四五六七八九十,\n继续。\n短行\n1. 新条目"
    assert (
        unwrap_layout(wrapped) == "一二三四五六七八九十一二三四五六七八九十,继续。\n短行\n1. 新条目"
    )


def test_html_source_line_breaks_inside_a_paragraph_are_not_paragraphs() -> None:
    page = "<html><body><p>对新设立的创业投资机构,\n      按照投资额度给予最高200万元奖励。</p>"
    page += "<p>Open\n  data 平台。</p></body></html>"
    text = load_text(page.encode("utf-8"), "p.html")
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == ["对新设立的创业投资机构,按照投资额度给予最高200万元奖励。", "Open data 平台。"]


def test_markdown_markup_is_not_policy_text() -> None:
    page = "\n".join(
        [
            "# 日照市科学技术局关于促进创业投资发展的若干措施",
            "## 一、重点任务",
            "1. **完善风险投资体系和机制**。给予最高200万元奖励,详见[附件](a.pdf)。",
            "- 2. 强化科技金融协同。",
            "",
            "| 项目 | 奖励 |",
            "|---|---|",
            "| 创投机构 | 最高200万元 |",
        ]
    )
    (doc,) = ingest_bytes(page.encode("utf-8"), "measures.md")
    assert doc.document.title == "日照市科学技术局关于促进创业投资发展的若干措施"
    assert [c.number for c in doc.clauses if c.number] == ["1", "2"]
    first = next(c for c in doc.clauses if c.number == "1")
    assert first.heading == "完善风险投资体系和机制"
    assert first.text.startswith("1. 完善风险投资体系和机制。给予最高200万元奖励,详见附件。")
    assert "项目 | 奖励" in doc.document.text and "---" not in doc.document.text
    (row,) = [c for c in doc.clauses if c.columns]  # a pipe table: its header names the columns
    assert row.text == "创投机构 | 最高200万元" and row.columns == ("项目", "奖励")


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def numbered_docx(lines: list[tuple[str, str]], chinese_top_level: bool = False) -> bytes:
    """A docx whose list labels come from Word's automatic numbering, not from the text."""
    document = DocxDocument()
    for style, text in lines:
        document.add_paragraph(text, style=style)
    if chinese_top_level:  # make the "List Number" list count 一、二、三、
        numbering = document.part.numbering_part.element
        style_pr = document.styles["List Number"].element.find(f"{W}pPr")
        num_id = style_pr.find(f"{W}numPr").find(f"{W}numId").get(f"{W}val")
        num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == num_id)
        abstract_id = num.find(f"{W}abstractNumId").get(f"{W}val")
        abstract = next(
            a
            for a in numbering.iter(f"{W}abstractNum")
            if a.get(f"{W}abstractNumId") == abstract_id
        )
        level = next(lvl for lvl in abstract.iter(f"{W}lvl") if lvl.get(f"{W}ilvl") == "0")
        level.find(f"{W}numFmt").set(f"{W}val", "chineseCounting")
        level.find(f"{W}lvlText").set(f"{W}val", "%1、")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_automatic_list_numbers_become_labels() -> None:
    data = numbered_docx(
        [
            ("Normal", "日照市科学技术局关于促进创业投资发展的若干措施"),
            ("List Number", "完善风险投资体系和机制。给予最高200万元奖励。"),
            ("List Number", "强化科技金融协同。实施风险共担机制。"),
            ("Normal", "本措施自发布之日起施行。"),
        ]
    )
    (doc,) = ingest_bytes(data, "auto.docx")
    items = [c for c in doc.clauses if c.number]
    assert [(c.number, c.heading) for c in items] == [
        ("1", "完善风险投资体系和机制"),
        ("2", "强化科技金融协同"),
    ]


def test_docx_chinese_counting_list() -> None:
    data = numbered_docx(
        [("List Number", "总体要求"), ("Normal", "以创新为核心。"), ("List Number", "重点任务")],
        chinese_top_level=True,
    )
    lines = [line for line in load_text(data, "cn.docx").split("\n") if line]
    assert lines == ["一、总体要求", "以创新为核心。", "二、重点任务"]
