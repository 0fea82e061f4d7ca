"""Tables: each data row is a clause that carries its column headers; quotes stay verbatim."""

from __future__ import annotations

import pytest

from rag.ingest.parse import ParsedDocument, ingest_bytes, ingest_file
from rag.ingest.tables import GridCell, header_depth, table_lines, take_row_columns
from rag.llm.prompts import source_header
from rag.records import Clause
from rag.service import PolicyAnswerService, build_answer_service
from rag.settings import Settings
from tests.conftest import make_settings
from tests.ingest.test_ingest_audit import SHARED

CELL = 'style="overflow: hidden; word-break: break-all"'  # what web editors write in each cell
# a two-level header: 序号 and 有效期 span both header rows, 补助标准 spans its two columns
TABLE = f"""<table>
<tr><td rowspan="2" {CELL}><p>序号</p></td><td rowspan="2" {CELL}>项目名称</td>
<td colspan="2" {CELL}>补助标准</td><td rowspan="2" {CELL}>有效期</td></tr>
<tr><td {CELL}>城镇职工</td><td {CELL}>城乡居民</td></tr>
<tr><td {CELL}>1</td><td {CELL}>甲类项目</td><td {CELL}>300元/月</td><td {CELL}>80元/月</td>
<td {CELL}>长期</td></tr>
<tr><td {CELL}>2</td><td {CELL}>乙类项目</td><td colspan="2" {CELL}>900元/月</td>
<td {CELL}>两年</td></tr>
<tr><td {CELL}>3</td><td {CELL}>丙类项目</td><td {CELL}>450元/月</td><td {CELL}>120元/月</td>
<td rowspan="2" {CELL}>一年</td></tr>
<tr><td {CELL}>4</td><td {CELL}>丁类项目</td><td {CELL}>500元/月</td><td {CELL}>150元/月</td></tr>
</table>"""
INTRO = "".join(
    f"<p>{n}、为做好有关补助工作，现将第{n}项具体事项通知如下，请各单位认真贯彻执行。</p>"
    for n in "一二三"
)
PAGE = f"""<html><head><meta charset="utf-8"><title>某市关于调整补助标准的通知</title></head>
<body><div class="article"><h1>某市关于调整补助标准的通知</h1>{INTRO}
<p>四、各项目补助标准如下：</p>{TABLE}<p>五、本通知自印发之日起施行。</p></div></body></html>"""


def rows(parsed: list[ParsedDocument]) -> list[Clause]:
    return [c for doc in parsed for c in doc.clauses if c.columns]


def test_each_data_row_is_a_clause_with_its_column_headers() -> None:
    (doc,) = ingest_bytes(PAGE.encode("utf-8"), "notice.html")
    found = rows([doc])
    assert [c.text for c in found] == [
        "1 | 甲类项目 | 300元/月 | 80元/月 | 长期",  # cells apart: no "1甲类", no "300元/月80元/月"
        "2 | 乙类项目 | 900元/月 | 两年",
        "3 | 丙类项目 | 450元/月 | 120元/月 | 一年",
        "4 | 丁类项目 | 500元/月 | 150元/月 | 一年",  # a merged cell belongs to every row it spans
    ]
    first, merged = found[0], found[1]
    assert first.columns == ("序号", "项目名称", "补助标准 城镇职工", "补助标准 城乡居民", "有效期")
    assert merged.columns[2] == "补助标准 城镇职工 城乡居民"  # one figure for both columns
    for clause in found:
        assert doc.document.text[clause.start : clause.end] == clause.text  # verbatim span
        assert clause.path == ("四、各项目补助标准如下：",) or clause.path == ()
    assert (
        "序号 | 项目名称 | 补助标准 | 有效期" in doc.document.text
    )  # the header stays in the text
    assert not any(c.text.startswith("序号") for c in doc.clauses)  # … but is not a clause
    assert "五、本通知自印发之日起施行。" in [c.text for c in doc.clauses]


def test_a_layout_table_and_a_one_column_list_are_not_data_tables() -> None:
    layout = "<table><tr><td><table><tr><td>甲</td><td>乙</td></tr></table></td></tr></table>"
    page = PAGE.replace(
        TABLE, layout + "<table><tr><td>只有一列</td></tr><tr><td>第二行</td></tr></table>"
    )
    (doc,) = ingest_bytes(page.encode("utf-8"), "notice.html")
    assert rows([doc]) == []


def test_header_rows_marked_by_the_source_and_a_table_without_names() -> None:
    marked = [
        [GridCell(1, "年度", True), GridCell(2, "金额", True)],
        [GridCell(3, "2024"), GridCell(4, "5万元")],
    ]
    assert header_depth(marked) == 1
    label_value = [
        [GridCell(1, "索引号："), GridCell(2, "A-1")],
        [GridCell(3, "文号："), GridCell(4, "B")],
    ]
    assert header_depth(label_value) == 0  # a key/value box has no column names
    lines, columns = take_row_columns(table_lines(label_value))
    assert lines == ["索引号： | A-1", "文号： | B"] and columns == {}


def test_tab_separated_and_pipe_tables_in_text_files() -> None:
    tabs = "对象\t标准\t发放方式\n老年人\t每月200元\t按月发放\n残疾人\t每月300元\t按季发放"
    pipes = "| 类别 | 时限 |\n|---|---|\n| 首次申请 | 10个工作日 |"
    text = f"某区补助标准\n{tabs}\n办理时限如下。\n{pipes}\n"
    (doc,) = ingest_bytes(text.encode("utf-8"), "standards.txt")
    assert [(c.text, c.columns) for c in rows([doc])] == [
        ("老年人 | 每月200元 | 按月发放", ("对象", "标准", "发放方式")),
        ("残疾人 | 每月300元 | 按季发放", ("对象", "标准", "发放方式")),
        ("首次申请 | 10个工作日", ("类别", "时限")),
    ]


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("tables")
    (root / "seeds").mkdir()
    (root / "seeds" / "notice.html").write_text(PAGE, encoding="utf-8")
    return make_settings(root / "data", seeds_dir=root / "seeds")


@pytest.fixture(scope="module")
def service(settings: Settings) -> PolicyAnswerService:
    return build_answer_service(settings, mode="extractive")


def test_a_question_naming_a_row_and_a_column_is_answered_from_that_row(
    service: PolicyAnswerService,
) -> None:
    answer = service.ask("丙类项目的城乡居民补助标准是多少")
    assert not answer.refused
    cited = answer.citations[0]
    assert cited.quote.startswith("3 | 丙类项目")  # the row, quoted as the table prints it
    document = next(d for d in service.documents() if d.doc_id == cited.doc_id)
    assert document.text[cited.start : cited.end] == cited.quote
    assert "120元/月" in answer.answer


GUANGZHOU = SHARED / "corpus" / "guangzhou"


def page_rows(name: str) -> list[Clause]:
    path = GUANGZHOU / name
    if not path.exists():
        pytest.skip(f"{path} is not on this machine (the shared corpus)")
    return rows(ingest_file(path))


def test_real_portal_tables_come_out_row_by_row() -> None:
    """Tables whose cells carry `overflow: hidden` (which the extractor took for hidden),
    a two-level header with merged cells, a contact list."""
    degrees = page_rows("35b_学历型人才引进入户申报指南_2026.html")
    assert len(degrees) == 4 and all(c.columns[:2] == ("学历层次", "年龄要求") for c in degrees)
    diseases = page_rows("10b_广州门特费用范围标准_穗医保规字2019-4号.html")
    assert len(diseases) == 58
    assert diseases[0].columns[3:5] == (
        "统筹基金最高支付限额 职工医保",
        "统筹基金最高支付限额 城乡居民医保",
    )
    streets = page_rows("14_房屋租赁登记备案攻略_天河.html")
    assert len(streets) == 21 and all(
        c.columns == ("序号", "单位", "办公电话", "街道地址") for c in streets
    )
    channels = page_rows("06_城乡居民医保集中参保缴费通告.html")
    assert [c.text.split(" | ")[0] for c in channels] == ["1", "2", "3", "4", "5"]


def test_the_llm_is_told_which_column_each_cell_is() -> None:
    (doc,) = ingest_bytes(PAGE.encode("utf-8"), "notice.html")
    header = source_header(1, doc.document, rows([doc])[0])
    assert "表头：序号、项目名称、补助标准 城镇职工、补助标准 城乡居民、有效期" in header


def test_a_malformed_table_loses_nothing_around_it() -> None:
    html = (
        "<html><head><title>某市补贴办法</title></head><body><div class='article'>"
        "<p>某市社区食堂补贴办法</p><p>第一条 为规范补贴，制定本办法。</p>"
        "<table><tr><th>类别<th rowspan='abc'>标准</tr>"
        "<tr><td colspan='99999'>甲类<td>3元"
        "<tr><td rowspan='-2'>乙类</td><td></td><td>多余</td></tr>"
        "<tr></tr><table><tr><td>嵌套</td></tr></table></table>"
        "<p>第二条 本办法自2023年1月1日起施行。</p></div></body></html>"
    )
    docs = ingest_bytes(html.encode(), "broken.html")
    text = "".join(c.text for d in docs for c in d.clauses)
    assert "第一条 为规范补贴" in text and "第二条 本办法自2023年1月1日起施行" in text
    assert "甲类" in text and "3元" in text
