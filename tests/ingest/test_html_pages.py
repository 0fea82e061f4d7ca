"""Portal pages: main content, metadata by label meaning, chrome and copies dropped."""

from __future__ import annotations

import pytest

from rag.ingest.page_chrome import drop_page_chrome, is_link_listing, lift_doc_number
from rag.ingest.page_fields import clean_title, portal_fields
from rag.ingest.parse import IngestError, ingest_bytes

BODY = "".join(
    f"<p>{n}、第{n}项措施。对符合条件的单位给予每户{n}00元补贴，按季度发放，由区主管部门负责审核。</p>"
    for n in "一二三四五六"
)
PAGE = f"""<html><head><meta charset="utf-8">
<title>【人社】某市人力资源和社会保障局关于发放补贴的通知-某市人力资源和社会保障局网站</title>
<script>var file_status = '失效';</script></head><body>
<div class="crumb">当前位置：首页 &gt; 政策文件</div>
<form><span>标题</span><input><span>有效性</span><select><option>不限</option></select></form>
<ul class="info"><li><span>文　　号：</span>某人社规字〔2024〕 3 号</li>
<li><span>发布机关：</span>某市人力资源和社会保障局</li>
<li><span>实施日期：</span>2024年03月04日</li><li><span>文件状态：</span></li></ul>
<table><tr><td>成文日期</td><td>2024-02-20</td></tr></table>
<div class="article"><h1>某市人力资源和社会保障局关于发放补贴的通知</h1>{BODY}
<p>某市人力资源和社会保障局</p><p>2024年2月20日</p></div>
<div style="display:none">{BODY}</div>
<ul><li>· 市委组织部</li><li>· 市委宣传部</li><li>· 市教育局</li><li>· 市科技局</li>
<li>· 市公安局</li><li>· 市民政局</li></ul></body></html>"""


def test_portal_page_metadata_by_label_meaning_and_script_status() -> None:
    (doc,) = ingest_bytes(PAGE.encode("utf-8"), "page.html")
    d = doc.document
    assert d.title == "某市人力资源和社会保障局关于发放补贴的通知"  # site name and column tag gone
    assert d.issuer == "某市人力资源和社会保障局"
    assert d.date == "2024-02-20"
    assert d.effective == "2024-03-04"
    assert d.validity == "失效"  # written into the page by a script
    assert d.doc_number == "某人社规字〔2024〕3号"
    assert [c.number for c in doc.clauses if c.number] == list("一二三四五六")
    for chrome in ("当前位置", "市委组织部", "不限", "文件状态"):
        assert chrome not in d.text


def test_label_and_value_in_separate_cells() -> None:
    tokens = [
        "索 引 号",
        "A-1",
        "发文机关：",
        "某市人民政府",
        "发布时间：2024-01-02 文章来源：某局",
    ]
    assert portal_fields(tokens) == {
        "索引号": "A-1",
        "发布机构": "某市人民政府",
        "发布日期": "2024-01-02",
        "来源": "某局",
    }


def test_a_hidden_copy_of_the_body_and_a_repeated_body_are_dropped() -> None:
    sentence = "段落的文字内容，说明这一项政策措施的适用范围和申请条件。"
    paragraphs = [f"第{n}{sentence}" * 2 for n in range(3)]
    paragraphs.append(sentence * 9)  # a paragraph long enough to be tested as a copy itself
    one_line_copy = "".join(paragraphs)
    assert drop_page_chrome([*paragraphs, one_line_copy]) == paragraphs
    assert drop_page_chrome([*paragraphs, *paragraphs]) == paragraphs


def test_menus_link_lists_and_breadcrumbs_are_chrome() -> None:
    lines = [
        "当前位置：首页 > 政策",
        "相关新闻",
        "【一图读懂】某办法 2022-09-16",
        "正文第一段，说明政策目的。",
        *[f"· 市{name}局" for name in "甲乙丙丁戊己"],
    ]
    assert drop_page_chrome(lines) == ["正文第一段，说明政策目的。"]


def test_a_doc_number_alone_in_the_head_is_metadata() -> None:
    fields: dict[str, str] = {}
    lines = lift_doc_number(["某府办规〔2022〕13号", "某市关于某事的通知"], fields)
    assert lines == ["某市关于某事的通知"] and fields == {"文号": "某府办规〔2022〕13号"}


def test_a_column_index_page_and_a_page_marker_file_are_refused_with_a_reason() -> None:
    listing = [f"某某事项办理指南[ 2025-01-{day:02d} ]" for day in range(1, 6)]
    assert is_link_listing(listing)
    page = (
        "<html><body><ul>"
        + "".join(f"<li><a>{x}</a></li>" for x in listing)
        + "</ul></body></html>"
    )
    with pytest.raises(IngestError, match=r"index\.html: .*links"):
        ingest_bytes(page.encode("utf-8"), "index.html")
    markers = "\n".join(f"===PAGE {n}===\n" for n in range(1, 9))
    with pytest.raises(IngestError, match=r"scan\.txt: "):
        ingest_bytes(markers.encode("utf-8"), "scan.txt")


def test_saved_markdown_page_keeps_title_and_drops_link_menus() -> None:
    page = "\n".join(
        [
            "Title: 某区推进家庭医生签约服务 - 某市人民政府门户网站",
            "",
            "URL Source: http://example.invalid/a.html",
            "",
            "Markdown Content:",
            "[首页](http://a/)[登 录](http://b/)",
            "*   [**政务公开**_Gov_](http://c/)",
            "某区持续推进家庭医生签约服务，今年签约人数达到十万人。",
        ]
    )
    (doc,) = ingest_bytes(page.encode("utf-8"), "snap.md")
    assert doc.document.title == "某区推进家庭医生签约服务"
    assert "登 录" not in doc.document.text and "政务公开" not in doc.document.text


def test_chrome_is_never_a_title() -> None:
    assert clean_title("当前位置：首页 > 住房保障") is None
    assert clean_title("首页") is None
    assert clean_title("广州市市场监督管理局网站-某某条例") == "某某条例"


def test_gbk_page_and_big5_text_are_read() -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="gbk"').replace("　", " ")
    (doc,) = ingest_bytes(page.encode("gbk"), "gbk.html")
    assert doc.document.title == "某市人力资源和社会保障局关于发放补贴的通知"
    traditional = "臺北市政府關於補助的通知\n一、補助對象為本市中小企業，每戶最高補助十萬元。\n"
    (doc,) = ingest_bytes(traditional.encode("big5"), "notice.txt")
    assert doc.document.title == "臺北市政府關於補助的通知"


def news_page(meta: str, title: str, byline: str = "") -> bytes:
    """A government site's page: the standard <meta> set, a byline and a few paragraphs."""
    paragraphs = "".join(
        f"<p>第{n}段：有关部门召开工作推进会，部署全年重点任务，推动服务向基层延伸。</p>"
        for n in range(1, 6)
    )
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title>{meta}</head><body>'
        f'<div class="article"><h1>{title}</h1><div class="byline">{byline}</div>'
        f"{paragraphs}</div></body></html>"
    ).encode()


def test_page_date_from_the_pubdate_meta_only_when_nothing_else_dates_it() -> None:
    meta = '<meta name="PubDate" content="2024-05-06 09:30">'
    (doc,) = ingest_bytes(news_page(meta, "某市推进社区服务工作取得新进展"), "a.html")
    assert doc.document.date == "2024-05-06"
    signed = news_page(meta, "某市推进社区服务工作取得新进展").replace(
        b"</div></body>",
        b"<p>\xe6\x9f\x90\xe5\xb8\x82\xe6\xb0\x91\xe6\x94\xbf\xe5\xb1\x80</p>"
        + "<p>2024年4月30日</p></div></body>".encode(),
    )
    (doc,) = ingest_bytes(signed, "b.html")
    assert doc.document.date == "2024-04-30"  # the date under the signature is the document's


def test_a_byline_of_several_government_bodies_names_each_issuer() -> None:
    byline = "信息来源：市卫生健康委员会  市医疗保障局"
    (doc,) = ingest_bytes(news_page("", "某市开展义诊活动的服务指南", byline), "c.html")
    assert doc.document.issuers == ("市卫生健康委员会", "市医疗保障局")


def test_an_issuer_named_by_its_level_belongs_to_the_site_of_that_level() -> None:
    meta = '<meta name="SiteName" content="杭州市西湖区人民政府门户网站">'
    byline = "信息来源：区文化广电旅游体育局"
    (doc,) = ingest_bytes(news_page(meta, "图书馆开放时间调整的说明", byline), "d.html")
    assert doc.document.place_chain == ("西湖区", "杭州市", "浙江省")
    city_body = "信息来源：市文化广电旅游局"
    (doc,) = ingest_bytes(news_page(meta, "图书馆开放时间调整的说明", city_body), "e.html")
    assert doc.document.place_chain == ("杭州市", "浙江省")


def test_a_page_in_a_news_column_is_news_unless_its_title_names_a_document_kind() -> None:
    meta = '<meta name="ColumnName" content="部门动态">'
    (doc,) = ingest_bytes(news_page(meta, "某区扎实推进社区服务再上新台阶"), "f.html")
    assert doc.document.kind == "news"
    (doc,) = ingest_bytes(news_page(meta, "某区关于做好社区服务工作的通知"), "g.html")
    assert doc.document.kind == "notice"
    saved = "当前位置：首页>区县动态>部门街道\n# 某区扎实推进社区服务再上新台阶\n\n" + "\n\n".join(
        f"第{n}段：有关部门召开工作推进会，部署全年重点任务。" for n in range(1, 4)
    )
    (doc,) = ingest_bytes(saved.encode(), "h.md")
    assert doc.document.kind == "news"
