"""Labels inside running text, document splitting and clause choice on hand-written inputs."""

from __future__ import annotations

from rag.ingest.outline import outline_headings
from rag.ingest.split import split_documents
from rag.ingest.structure import draft_clauses, prepare_part
from rag.text.labels import find_labels, reflow
from rag.text.numerals import chinese_numeral_value
from rag.text.sentences import departments, leading_title, split_sentences


def numbers(text: str) -> list[str]:
    return [label.number for label in find_labels(text)]


def test_labels_inside_a_run_together_line() -> None:
    text = (
        "提出如下实施意见。一、总体要求以习近平思想为指导。二、工作目标投入强度达到2.8%,"
        "高新技术企业突破1200家。三、重点任务(一)实施产业链“赋能”行动1.绘制路线图。"
        "明确方向。(市科技局牵头)2.推动能力跃升。(二)实施未来产业行动3.加快培育。"
    )
    assert numbers(text) == ["一", "二", "三", "(一)", "1", "2", "(二)", "3"]
    reflowed, labels = reflow(text, find_labels(text))
    assert reflowed.split("\n") == [
        "提出如下实施意见。",
        "一、总体要求",
        "以习近平思想为指导。",
        "二、工作目标",
        "投入强度达到2.8%,高新技术企业突破1200家。",
        "三、重点任务",
        "(一)实施产业链“赋能”行动",
        "1.绘制路线图。明确方向。(市科技局牵头)",
        "2.推动能力跃升。",
        "(二)实施未来产业行动",
        "3.加快培育。",
    ]
    assert all(reflowed[lab.start : lab.end] == lab.text for lab in labels)


def test_running_text_numbers_are_not_labels() -> None:
    text = "一、目标\n到2026年投入强度达到2.8%,第一、二批企业1200家,1.5亿元,一是指标。3.不在序列。"
    assert numbers(text) == ["一"]


def test_a_numbered_item_may_open_with_a_year() -> None:
    text = (
        "1.报名有哪些条件？\n答：见附件。\n2.2031年度报名何时开始？\n答：3月。\n3.3.5万元何时发放？"
    )
    assert numbers(text) == ["1", "2"]  # "3.5万元" is a decimal, "2.2031年度" is item 2


def test_numbering_restarts_under_an_unnumbered_part_title() -> None:
    text = (
        "面向甲方的措施\n一、甲补贴\n按月发放。\n二、乙补贴\n按年发放。\n三、丙补贴\n一次发放。\n"
        "面向乙方的措施\n一、丁补贴\n按季发放。\n二、戊补贴\n按次发放。"
    )
    assert numbers(text) == ["一", "二", "三", "一", "二"]
    # a one in running text or after a sentence is no restart
    assert numbers("一、甲\n二、乙\n说明如下。\n一、丙") == ["一", "二"]


def test_a_repeated_heading_label_that_introduces_the_next_item() -> None:
    text = "(四)甲行动1.做甲。(市科技局牵头)(六)乙行动2.做乙。(市科技局牵头)(六)丙行动3.做丙。"
    assert numbers(text) == ["(四)", "1", "(六)", "2", "(六)", "3"]


def test_shi_items_are_structure_only_when_one_starts_a_line() -> None:
    inline = "二、平台建设有力推进。一是布局平台。二是实施行动。"
    assert numbers(inline) == ["二"]
    lines = "(三)推动平台转型。一是提升能级。争创基地。\n二是优化布局。强化支撑。"
    assert numbers(lines) == ["(三)", "一是", "二是"]


def test_cn_values() -> None:
    assert [chinese_numeral_value(n) for n in ("一", "九", "十", "十二", "二十", "二十三")] == [
        1,
        9,
        10,
        12,
        20,
        23,
    ]


def test_file_split_into_notice_policy_and_interpretation() -> None:
    text = "\n".join(
        [
            "关于公开征求《关于支持创新的若干政策(征求意见稿)》意见的公告",
            "现公开征求意见。",
            "日照市科学技术局",
            "《关于支持创新的若干政策(征求意见稿)》",
            "一、总体要求",
            "正文。",
            "《关于支持创新的若干政策》草案解读",
            "一、起草背景",
            "背景。",
        ]
    )
    parts = split_documents(text)
    assert [part.split("\n", 1)[0] for part in parts] == [
        "关于公开征求《关于支持创新的若干政策(征求意见稿)》意见的公告",
        "《关于支持创新的若干政策(征求意见稿)》",
        "《关于支持创新的若干政策》草案解读",
    ]
    assert prepare_part(parts[1]).title == "关于支持创新的若干政策(征求意见稿)"


def test_a_title_cited_in_running_text_does_not_split() -> None:
    text = "市政府关于加快创新的意见\n为落实《关于加快建设创新中心的意见》,提出意见。\n一、指导思想"
    assert len(split_documents(text)) == 1


def test_clause_choice_paths_numbers_and_headings() -> None:
    text = "\n".join(
        [
            "关于支持创新的若干政策",
            "各区县人民政府:",
            "一、总体要求",
            "以创新为核心驱动力。",
            "二、重点任务",
            "(一)构建金融生态",
            "14. 完善风险投资体系和机制。给予最高200万元奖励。(市科技局、市财政局按职责分工负责)",
            "补充说明一段。",
            "三、组织实施",
            "(一)加强组织领导。建立工作机制。",
            "日照市科学技术局",
            "2025年5月9日",
        ]
    )
    part = prepare_part(text)
    drafts = draft_clauses(part)
    assert [(d.path, d.number, d.heading) for d in drafts] == [
        (("一、总体要求",), None, None),
        (("二、重点任务", "(一)构建金融生态"), "14", "完善风险投资体系和机制"),
        (("三、组织实施",), "(一)", "加强组织领导"),
        (("落款",), None, None),
    ]
    item = part.text[drafts[1].start : drafts[1].end]
    assert item.endswith("补充说明一段。")  # an unlabelled paragraph continues its item
    signed = part.text[drafts[3].start : drafts[3].end]
    assert signed == "日照市科学技术局\n2025年5月9日"  # the 落款 is quoted whole


def test_chapter_section_box_and_preface() -> None:
    text = "\n".join(
        [
            "某市科技创新规划",
            "前 言",
            "规划期为五年。",
            "第一章 发展基础",
            "第一节 现状",
            "一、能力增强。企业壮大。",
            "专栏1:重点项目",
            "科技园:建设园区。",
            "第二节 目标",
            "到2025年,实现以下目标:",
            "——研发投入增长18%以上;",
            "——高新技术企业250家以上。",
        ]
    )
    drafts = draft_clauses(prepare_part(text))
    assert [(d.path, d.number, d.heading) for d in drafts] == [
        (("前言",), None, None),
        (("第一章 发展基础", "第一节 现状"), "一", "能力增强"),
        (("第一章 发展基础", "第一节 现状", "专栏1:重点项目"), None, "科技园"),
        (("第一章 发展基础", "第二节 目标"), None, None),
    ]


def test_sentences_titles_and_departments() -> None:
    body = "完善机制。给予“最高200万元”奖励！是否可以？(市科技局牵头,市工信局配合)"
    assert [s.text for s in split_sentences(body, 5)] == [
        "完善机制。",
        "给予“最高200万元”奖励！",
        "是否可以？",
        "(市科技局牵头,市工信局配合)",
    ]
    assert split_sentences(body, 5)[1].start == 10
    assert leading_title(body) == "完善机制"
    assert leading_title("只有一句话。") is None
    assert departments(body) == ("市科技局", "市工信局")
    assert departments("(责任单位:市科技局)") == ("市科技局",)
    assert departments("支持企业(含分支机构)。") == ()


def test_outline_names_the_headings_a_truncated_text_lost() -> None:
    outline = outline_headings(
        "一、总体部署。(一)融入体系。(二)提升能力。(三)平台转型。二、队伍建设。"
    )
    text = "…选派人才,健全机制。\n(三)平台转型。一是提升能级。争创基地。\n二是优化布局。强化支撑。"
    drafts = draft_clauses(prepare_part(text, outline))
    assert [(d.path, d.number) for d in drafts] == [
        (("一、总体部署", "(二)提升能力"), None),
        (("一、总体部署", "(三)平台转型"), "一是"),
        (("一、总体部署", "(三)平台转型"), "二是"),
    ]


def test_short_numbered_lines_are_items_not_headings() -> None:
    text = "支持方式:\n1. 研发费用补助\n2. 贷款贴息\n3. 首台套认定"
    drafts = draft_clauses(prepare_part(text))
    assert [d.number for d in drafts] == ["1", "2", "3"]


def test_articles_are_clauses_and_keep_their_sub_items() -> None:
    text = "\n".join(
        [
            "某市科技型企业研发补助管理办法",
            "第一章 总则",
            "第一条 为了规范研发补助管理,制定本办法。",
            "第二条 本办法适用于本市科技型企业。",
            "第二章 支持措施",
            "第三条 对符合下列条件的企业给予支持:",
            "(一)注册在本市;",
            "(二)研发投入占比不低于3%。",
            "第四条 补助金额最高200万元。",
            "第一百零一条 本办法自发布之日起施行。",
        ]
    )
    part = prepare_part(text)
    drafts = draft_clauses(part)
    assert [(d.path, d.number) for d in drafts] == [
        (("第一章 总则",), "第一条"),
        (("第一章 总则",), "第二条"),
        (("第二章 支持措施",), "第三条"),
        (("第二章 支持措施",), "第四条"),
    ]
    assert part.text[drafts[2].start : drafts[2].end].endswith("(二)研发投入占比不低于3%。")
    assert "第一百零一条" in part.text  # out of sequence: running text of 第四条, not a clause
    assert chinese_numeral_value("一百零一") == 101


def test_what_is_numbered_inside_an_item_stays_in_the_item() -> None:
    text = "(一)支持方式\n1. 支持研发。\n一是给予补助。\n二是给予贴息。\n2. 支持转化。"
    drafts = draft_clauses(prepare_part(text))
    assert [(d.path, d.number) for d in drafts] == [
        (("(一)支持方式",), "1"),
        (("(一)支持方式",), "2"),
    ]


def test_a_dated_history_line_in_the_head_is_a_clause() -> None:
    head = "某省志愿服务条例\n(2020年5月1日某省人民政府令第12号公布)\n"
    text = head + "第一条 为了发展志愿服务，制定本条例。"
    part = prepare_part(text)
    texts = [part.text[d.start : d.end] for d in draft_clauses(part)]
    assert texts[0] == "(2020年5月1日某省人民政府令第12号公布)"


def test_an_attachment_list_does_not_make_the_item_above_it_a_heading() -> None:
    text = "\n".join(
        [
            "某市关于做好住房保障工作的通知",
            "一、符合条件的家庭可以申请。",
            "二、本通知自2023年6月1日起施行，有效期3年。",
            "附件：",
            "1.收入限额",
            "2.补贴标准",
        ]
    )
    part = prepare_part(text)
    texts = [part.text[d.start : d.end] for d in draft_clauses(part)]
    assert "二、本通知自2023年6月1日起施行，有效期3年。" in texts
    # finer items right under a heading still make it one
    nested = prepare_part("某市通知\n一、加强领导\n1.建立机制。\n2.明确分工。")
    assert all(not t.startswith("一、") for t in
               (nested.text[d.start : d.end] for d in draft_clauses(nested)))  # fmt: skip


def test_an_article_in_the_thousands_is_a_label() -> None:
    text = (
        "第九百九十九条 前款规定适用于本编。\n"
        "第一千条 当事人依法订立的合同受保护。\n"
        "第一千零一条 本编另有规定的除外。"
    )
    assert numbers(text) == ["第九百九十九条", "第一千条", "第一千零一条"]
