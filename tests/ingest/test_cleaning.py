"""Each cleaning rule on small hand-written inputs: noise out, the policy's words untouched."""

from __future__ import annotations

from rag.ingest.cleaning import clean, fix_ocr_slips, join_broken_lines, normalise_characters
from rag.ingest.noise import (
    drop_chrome_lines,
    drop_content_farm,
    drop_outline,
    drop_table_of_contents,
    extract_portal_metadata,
    join_doc_sharing_pages,
)


def test_doc_sharing_pages_are_joined_without_a_break_and_banner_dropped() -> None:
    raw = "\n".join(
        [
            "《实施意见.docx》由会员分享,可在线阅读,更多相关《实施意见.docx(13页珍藏版)》请在课桌文档上搜索。",
            "1、锚定科技创新引领现代产业体",
            "2、系建设这个核心,以科技创新引领产业链高质量发",
            "3、展。(市科技局牵头)4 .加快未来产业培育。",
        ]
    )
    text = clean(raw).text
    assert (
        text == "锚定科技创新引领现代产业体系建设这个核心,以科技创新引领产业链高质量发展。"
        "(市科技局牵头)4.加快未来产业培育。"
    )


def test_a_genuine_numbered_list_is_not_taken_for_pages() -> None:
    lines = ["支持方式如下:", "1、给予研发补助。", "2、给予贷款贴息。", "3、优先推荐认定。"]
    assert join_doc_sharing_pages(lines) == lines


def test_content_farm_fragments_and_their_garbled_duplicate_line() -> None:
    lines = [
        "市政府关于加快创新的意见各区人民政府:为贯彻落实省委、省政下面是小编为大家整理的【科技意见】市政府关于加快创新的意见【优秀范文】,供大家参考。",
        "市政府关于加快创新的意见",
        "各区人民政府:",
        "为贯彻落实省委、省政府部署,提出如下意见。【优秀范文】",
    ]
    assert drop_content_farm(lines) == [
        "市政府关于加快创新的意见",
        "各区人民政府:",
        "为贯彻落实省委、省政府部署,提出如下意见。",
    ]


def test_portal_metadata_is_extracted_not_lost() -> None:
    lines = [
        "索 引 号 SM00100-0300-2021-00300 文号 明政办〔2021〕62号",
        "发布机构 三明市人民政府办公室 生成日期 2021-12-21",
        "标题 三明市人民政府办公室关于印发规划的通知",
        "有效性 有效",
        "有效性 有效",
        "发布时间:2021-12-30 08:55",
        "政策解读:",
        "各县(市、区)人民政府:",
    ]
    kept, fields = extract_portal_metadata(lines)
    assert kept == ["各县(市、区)人民政府:"]
    assert fields == {
        "索引号": "SM00100-0300-2021-00300",
        "文号": "明政办〔2021〕62号",
        "发布机构": "三明市人民政府办公室",
        "成文日期": "2021-12-21",  # label variants are stored under one canonical name
        "标题": "三明市人民政府办公室关于印发规划的通知",
        "有效性": "有效",
        "发布日期": "2021-12-30 08:55",
    }


def test_a_body_sentence_mentioning_a_key_word_is_kept() -> None:
    lines = ["文号管理应当规范,标题应当准确反映文件内容,这是公文处理的基本要求之一。" * 4]
    assert extract_portal_metadata(lines)[0] == lines


def test_table_of_contents_removed() -> None:
    lines = ["目 录", "前 言 ··········5", "第一章 发展基础·····6", "前 言", "正文。"]
    assert drop_table_of_contents(lines) == ["前 言", "正文。"]


def test_footer_cut_and_chrome_lines_dropped() -> None:
    body = ["第一节 加强组织领导", "加强规划任务的执行落实,细化规划与科技计划的衔接。" * 3]
    lines = [
        *body,
        "| | | |",
        "(此件主动公开)",
        "附件下载:",
        "扫一扫在手机打开当前页",
        "相关文章",
        "某某新闻标题",
    ]
    assert drop_chrome_lines(lines) == body


def test_outline_block_dropped_and_returned() -> None:
    lines, outline = drop_outline(["【提纲】一、总体要求。二、重点任务。", "正文。"])
    assert lines == ["正文。"] and outline == "一、总体要求。二、重点任务。"


def test_ocr_slips_in_labels_and_numbers() -> None:
    assert fix_ocr_slips("行动I1.培育高新技术企业") == "行动11.培育高新技术企业"
    assert fix_ocr_slips("l1、完善机制") == "11、完善机制"
    assert fix_ocr_slips("26 .优化科技创新营商环境") == "26.优化科技创新营商环境"
    assert fix_ocr_slips("投入强度达到2 .8%,增长3 %") == "投入强度达到2.8%,增长3%"
    assert fix_ocr_slips("支持iPhone I1 芯片") == "支持iPhone I1 芯片"  # not a label
    # a PDF's spaced glyphs around numbers are layout; a model name keeps its space
    assert fix_ocr_slips("补贴 150 万元,依据〔 2025 〕3 号") == "补贴150万元,依据〔2025〕3号"


def test_width_normalisation_keeps_chinese_punctuation() -> None:
    text = normalise_characters("（一）支持１２家企业，\u3000最高\u00a0２００万元。")
    assert text == "(一)支持12家企业， 最高 200万元。"


def test_long_line_broken_inside_a_word_is_joined() -> None:
    first = (
        "全面推广职务科技成果赋权和单列管理改革。深化科技成果评价机制改革,"
        "把成果转化绩效作为项目评审、人才评价、机构评估的重要内容,引导高校、科研院所由重"
    )
    assert join_broken_lines([first, "论文向重应用转变。", "二是完善机制。"]) == [
        first + "论文向重应用转变。",
        "二是完善机制。",
    ]
    assert join_broken_lines(["一、总体要求", "以习近平新时代中国特色社会主义思想为指导。"]) == [
        "一、总体要求",
        "以习近平新时代中国特色社会主义思想为指导。",
    ]


def test_blank_lines_and_space_runs_collapsed() -> None:
    assert clean("第二节  环境形势\n\n\n \n正文。   ").text == "第二节 环境形势\n正文。"


def test_page_number_lines_dropped_from_text_files_too() -> None:
    assert clean("一、总体要求\n- 2 -\n正文。\n第2页 共5页").text == "一、总体要求\n正文。"


def test_table_of_contents_without_leader_dots() -> None:
    lines = ["目录", "前言 1", "第一章 发展基础 3", "第二章 主要任务 12", "前言", "正文。"]
    assert drop_table_of_contents(lines) == ["前言", "正文。"]
