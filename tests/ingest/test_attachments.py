"""附件 are documents of their own, linked to the one they belong to; blank forms and 回执 are
left out; the 主送机关 is a field of the document, not a clause (GB/T 9704 parts)."""

from __future__ import annotations

from rag.ingest.attachments import addressees, attachment_names, is_attachment_start
from rag.ingest.parse import ingest_bytes
from rag.ingest.split import split_documents

NOTICE = """某市某局关于印发某某管理办法的通知
各区某局，市直各单位：
现将《某某管理办法》印发给你们，请认真贯彻执行。
附件：1. 某某管理办法
2. 某某补助申请表
3. 参会回执
4. 补助标准说明
某市某局
2024年3月1日
附件1
某某管理办法
第一条 为了规范某某补助工作，制定本办法。
第二条 本办法自2024年4月1日起施行。
附件2
某某补助申请表
姓名： 性别：
申请金额：
附件3
单位名称： 参会人数：
附件4
一、补助对象为本市户籍的困难家庭。
二、补助标准为每户每月300元。"""


def test_each_attachment_is_a_document_linked_to_its_notice() -> None:
    notice, measures, standards = ingest_bytes(NOTICE.encode("utf-8"), "notice.txt")
    assert notice.document.title == "某市某局关于印发某某管理办法的通知"
    assert measures.document.title == "某某管理办法"  # its own title line under "附件1"
    assert standards.document.title == "补助标准说明"  # no title line: the 附件说明 names it
    for attachment in (measures, standards):
        assert attachment.document.attached_to == notice.document.doc_id
        assert attachment.document.issuer == "某市某局"  # the notice's, as nothing else states
        assert attachment.document.date == "2024-03-01"
        text = attachment.document.text
        assert all(text[c.start : c.end] == c.text for c in attachment.clauses)
    assert notice.document.attached_to is None
    assert [c.number for c in measures.clauses] == ["第一条", "第二条"]
    assert [c.number for c in standards.clauses] == ["一", "二"]


def test_blank_forms_and_receipts_are_left_out() -> None:
    documents = ingest_bytes(NOTICE.encode("utf-8"), "notice.txt")
    texts = "\n".join(d.document.text for d in documents)
    assert "申请金额" not in texts and "参会人数" not in texts
    assert not any(d.document.kind == "form" for d in documents)


def test_the_addressees_are_a_field_not_a_clause() -> None:
    notice = ingest_bytes(NOTICE.encode("utf-8"), "notice.txt")[0]
    assert notice.document.addressees == "各区某局，市直各单位"
    assert not any("市直各单位" in c.text for c in notice.clauses)
    assert addressees(["某办法", "为了规范管理，现通知如下："]) is None  # a sentence, not bodies
    assert addressees(["某通知", "市财政局、市税务局："]) == "市财政局、市税务局"


def test_an_attachment_list_alone_does_not_split_the_document() -> None:
    text = "某局关于某事项的通知\n一、做好某项工作。\n附件：\n1.甲表\n2.乙表\n某局\n2024年1月2日"
    assert len(split_documents(text)) == 1
    lines = text.split("\n")
    assert not any(is_attachment_start(lines, i) for i in range(len(lines)))
    assert attachment_names(["附件：1.甲表.pdf", "2.乙办法"]) == {"1": "甲表", "2": "乙办法"}
    assert attachment_names(["附件：某某实施细则"]) == {"1": "某某实施细则"}
