"""Metadata from text and portal fields: never invented, inherited only from a sibling."""

from __future__ import annotations

from rag.ingest.metadata import Metadata, describe, detect_city, inherit


def meta(text: str, title: str | None = None, portal: dict[str, str] | None = None) -> Metadata:
    return describe(text, title, portal or {}, "fallback")


def test_notice_signature_gives_issuer_and_date() -> None:
    text = "关于征求意见的公告\n现公开征求意见。\n日照市科学技术局\n2025年5月9日"
    m = meta(text, "关于公开征求《若干政策(征求意见稿)》意见的公告")
    assert (m.issuer, m.date, m.city, m.kind, m.status) == (
        "日照市科学技术局",
        "2025-05-09",
        "日照",
        "notice",
        "征求意见稿",
    )


def test_portal_fields_and_compact_date() -> None:
    portal = {
        "发布机构": "三明市人民政府办公室",
        "生成日期": "2021-12-21",
        "文号": "明政办〔2021〕62号",
    }
    m = meta("印发给你们。\n20211221", "三明市“十四五”科技创新发展专项规划", portal)
    assert (m.issuer, m.date, m.doc_number, m.kind, m.city) == (
        "三明市人民政府办公室",
        "2021-12-21",
        "明政办〔2021〕62号",
        "plan",
        "三明",
    )


def test_issuer_from_title_and_city_government_expanded() -> None:
    assert meta("正文。", "泰安市人民政府关于科技创新的实施意见").issuer == "泰安市人民政府"
    body = (
        "将南通建设成为创新基地。支持南通国家高新区。推进南通产业技术研究院。对接上海,与上海合作。"
    )
    m = meta(body, "市政府关于打造科技创新基地的实施意见")
    assert (m.city, m.issuer) == ("南通", "南通市人民政府")


def test_doc_number_only_from_its_own_line() -> None:
    assert meta("明政办〔2021〕62号\n正文。", "通知").doc_number == "明政办〔2021〕62号"
    assert meta("根据《意见》(国发〔2020〕5号)制定本办法。", "办法").doc_number is None


def test_no_city_when_the_text_names_none_or_no_clear_one() -> None:
    assert detect_city("科技工作要点", None, "推动市实验室融入国家实验室体系。") is None
    assert detect_city("意见", None, "青岛企业与烟台企业合作。青岛、烟台共建。") is None
    assert detect_city("意见", None, "中山大学与企业合作。中山大学团队。") is None  # needs 市


def test_truncation_and_status() -> None:
    assert meta("前瞻培育青年 ……").truncated
    assert not meta("完整结束。").truncated
    assert meta("正文。", "关于若干政策(征求意见稿)").status == "征求意见稿"
    assert meta("正文。", "关于若干政策").status == "正式"


def test_split_documents_inherit_from_their_notice() -> None:
    notice = meta(
        "公告。\n日照市科学技术局\n2025年5月9日", "关于公开征求《若干政策(征求意见稿)》意见的公告"
    )
    policy = meta("一、总体要求", "若干政策(征求意见稿)")
    interpretation = meta("一、起草背景", "《若干政策》草案解读")
    assert policy.issuer is None and policy.date is None
    merged = inherit([notice, policy, interpretation])
    for m in merged:
        assert (m.issuer, m.date, m.city, m.status) == (
            "日照市科学技术局",
            "2025-05-09",
            "日照",
            "征求意见稿",
        )
    assert [m.kind for m in merged] == ["notice", "policy", "interpretation"]


def test_issuer_from_a_document_header_and_not_from_the_middle_of_the_body() -> None:
    assert (
        meta("日照市科学技术局文件\n关于若干措施的通知\n正文。", "通知").issuer
        == "日照市科学技术局"
    )
    body = "\n".join(["一、主体", "三明市农业科学研究中心", *["正文段落。"] * 10])
    assert meta(body, "某规划").issuer is None


def test_a_national_law_takes_no_city_from_words_in_its_body() -> None:
    # "重大庆典" holds a city's name inside other words; a national title or issuer decides
    body = "第一条 举行重大庆典活动时，应当邀请代表参加。\n第二条 重大庆典活动的组织办法另行规定。"
    assert detect_city("中华人民共和国某某保障法", None, body) is None
    assert detect_city("某某保障条例", "国务院", body) is None
