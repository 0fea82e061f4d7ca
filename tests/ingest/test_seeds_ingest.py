"""Ingestion of the five real seed files: documents, metadata, clauses, spans, stable ids."""

from __future__ import annotations

import re
from functools import cache

import pytest

from rag.ingest.parse import ParsedDocument, ingest_bytes, ingest_file
from rag.lexicon.portal import RECORD_HEADING
from tests.conftest import REPO

SEEDS = REPO / "seeds"


@cache
def parsed(prefix: str) -> tuple[ParsedDocument, ...]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return tuple(ingest_file(path))


def numbered(doc: ParsedDocument) -> list[str]:
    return [c.number for c in doc.clauses if c.number and c.number.isdigit()]


def all_docs() -> list[ParsedDocument]:
    return [doc for prefix in ("000", "001", "002", "003", "004") for doc in parsed(prefix)]


def test_taian_items_1_to_28_in_order_under_their_actions() -> None:
    (doc,) = parsed("000")
    assert numbered(doc) == [str(n) for n in range(1, 29)]
    by_number = {c.number: c for c in doc.clauses}
    assert by_number["1"].path == ("三、重点任务", "(一)实施标志性产业链“赋能”行动")
    assert by_number["11"].text.startswith("11.培育高新技术企业。")  # OCR "I1." repaired
    assert by_number["12"].text.startswith("12.培强骨干企业。")  # page prefix "11、" removed
    assert by_number["18"].path[-1] == "(六)实施科技人才“磁场集聚”行动"
    assert by_number["7"].departments == ("市科技局", "市财政局")
    assert "现代产业体系建设" in doc.document.text  # "…现代产业体" / "2、系建设…" joined


def test_taian_metadata() -> None:
    (doc,) = parsed("000")
    d = doc.document
    assert d.title == "泰安市人民政府关于以科技创新引领现代化产业体系建设的实施意见(征求意见稿)"
    assert (d.city, d.issuer, d.status, d.kind) == (
        "泰安",
        "泰安市人民政府",
        "征求意见稿",
        "policy",
    )
    assert d.date is None and d.doc_number is None  # the text gives neither


def test_nantong_city_from_body_and_clean_start() -> None:
    (doc,) = parsed("001")
    d = doc.document
    assert d.title == "市政府关于加快打造长三角特色产业科技创新基地的实施意见"
    assert (d.city, d.issuer) == ("南通", "南通市人民政府")
    assert "小编" not in d.text and "优秀范文" not in d.text
    assert [c.number for c in doc.clauses if c.path == ("三、重点任务",)] == [
        f"({n})" for n in "一二三四五六七八九"
    ]


def test_sanming_notice_and_plan_with_portal_metadata() -> None:
    notice, plan = parsed("002")
    assert notice.document.kind == "notice" and plan.document.kind == "plan"
    assert plan.document.title == "三明市“十四五”科技创新发展专项规划"
    for d in (notice.document, plan.document):
        assert (d.city, d.issuer, d.date) == ("三明", "三明市人民政府办公室", "2021-12-21")
        assert d.doc_number == "明政办〔2021〕62号"
        assert "索引号" not in d.text and "扫一扫" not in d.text and "相关文章" not in d.text
    assert "目 录" not in plan.document.text and "·····" not in plan.document.text
    boxes = [c for c in plan.clauses if c.path and c.path[-1].startswith("专栏")]
    assert {c.path[-1] for c in boxes} == {
        "专栏1:创新发展载体重点建设项目",
        "专栏2:研发平台重点建设项目",
        "专栏3:新兴产业重点领域",
        "专栏4:农林科技重大项目",
    }
    chapters = {c.path[0] for c in plan.clauses if c.path and c.path[0].startswith("第")}
    assert len(chapters) == 3


def test_rizhao_three_documents_and_item_14() -> None:
    notice, policy, interpretation = parsed("003")
    assert (notice.document.kind, policy.document.kind, interpretation.document.kind) == (
        "notice",
        "policy",
        "interpretation",
    )
    p = policy.document
    assert p.title == "关于加快构建一流科技创新生态 培育发展新质生产力的若干政策(征求意见稿)"
    assert (p.city, p.issuer, p.date, p.status) == (
        "日照",
        "日照市科学技术局",
        "2025-05-09",
        "征求意见稿",
    )
    assert numbered(policy) == [str(n) for n in range(1, 20)]
    item = next(c for c in policy.clauses if c.number == "14")
    assert item.path == ("二、重点任务", "(四)构建多元赋能的科技创新金融生态")
    assert item.heading == "完善风险投资体系和机制"
    assert item.text.startswith("14. 完善风险投资体系和机制。放宽创投基金存续期要求")
    assert any("最高200万元奖励" in s.text for s in item.sentences)
    assert "市国资委" in item.departments
    assert [c.number for c in notice.clauses if c.number] == ["一是", "二是", "三是", "四是"]


def test_untitled_truncated_workplan() -> None:
    (doc,) = parsed("004")
    d = doc.document
    assert d.truncated and d.city is None and d.issuer is None
    assert "【提纲】" not in d.text
    assert "由重论文向重应用转变" in d.text  # the page break inside a word is joined
    part_one = "一、深学细悟_总书记重要指示精神,打好创新驱动发展牌,开启科技支撑现代化产业体系新征程"
    assert d.title == part_one.removeprefix("一、")  # its outline's first heading
    opening = doc.clauses[0]  # the text starts mid-way: its outline says where it stands
    assert opening.text.startswith("”选派")
    assert opening.path == (
        part_one,
        "(二)加快企业创新能力提升,健全科技创新和产业创新融合发展新机制",
    )
    assert all(c.path[0] == part_one for c in doc.clauses)
    first_is = [c for c in doc.clauses if c.number == "一是"]
    assert [c.path[-1] for c in first_is][:3] == [
        "(三)推动创新平台提质转型,实现创新策源能力新突破",
        "(四)开展关键核心技术攻关,取得原创性、颠覆性、迭代性新成果",
        "(五)拓展科技成果转化路径,完善供需精准对接新模式",
    ]


NOISE = re.compile(
    r"由会员分享|小编|供大家参考|优秀范文|·{4,}|索\s*引\s*号|发布机构|扫一扫|^\d{1,2}、"
)


@pytest.mark.parametrize(
    "doc", all_docs(), ids=lambda d: f"{d.document.source[-24:-21]}-{d.document.part}"
)
def test_every_clause_is_a_clean_verbatim_span(doc: ParsedDocument) -> None:
    text = doc.document.text
    assert doc.clauses
    for clause in doc.clauses:
        assert text[clause.start : clause.end] == clause.text
        if clause.path == (RECORD_HEADING,):  # the page's own record, kept on purpose
            assert all("：" in line for line in clause.text.split("\n"))
            continue
        assert not NOISE.search(clause.text), clause.text[:60]
        for sentence in clause.sentences:
            assert text[sentence.start : sentence.end] == sentence.text
            assert clause.start <= sentence.start < sentence.end <= clause.end
    ids = [c.clause_id for c in doc.clauses]
    assert len(set(ids)) == len(ids)
    assert [c.prev_id for c in doc.clauses[1:]] == ids[:-1]
    assert [c.next_id for c in doc.clauses[:-1]] == ids[1:]


def test_ids_are_stable_across_runs() -> None:
    (path,) = SEEDS.glob("003_*.txt")
    first, second = ingest_file(path), ingest_file(path)
    assert [d.document.doc_id for d in first] == [d.document.doc_id for d in second]
    assert [c.clause_id for d in first for c in d.clauses] == [
        c.clause_id for d in second for c in d.clauses
    ]


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", [28 + 3]),  # items 1–28 and 组织实施 (一)–(三)
        ("001", [9 + 3]),  # 重点任务 (一)–(九) and 组织保障 (一)–(三)
        ("002", [0, 5 + 3 + 4 + 4 + 4 + 6 + 3 + 4 + 4 + 4 + 3]),  # 一、… items per 节
        ("003", [4, 19, 0]),
        ("004", [3 + 3 + 3 + 1]),  # 一是–三是 under (三)(四)(五), then the cut (六)
    ],
)
def test_numbered_clauses_per_document(prefix: str, expected: list[int]) -> None:
    assert [len([c for c in doc.clauses if c.number]) for doc in parsed(prefix)] == expected


def test_a_paragraph_repeated_under_one_heading_gets_distinct_ids() -> None:
    (doc,) = ingest_bytes("一、要求\n加强领导。\n加强领导。".encode(), "dup.txt")
    first, second = doc.clauses
    assert first.text == second.text and first.clause_id != second.clause_id
