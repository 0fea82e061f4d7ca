"""Regulations: history lines give issuer, date and 令 number; articles keep their items."""

from __future__ import annotations

from rag.ingest.history import effective_date, read_history
from rag.ingest.parse import ingest_bytes

HEAD = [
    "某某市物业管理条例",
    "2001年5月10日 某某市第十一届人民代表大会常务委员会第二十次会议通过",
    "2001年6月2日 某某省第九届人民代表大会常务委员会第二十三次会议批准",
    "2021年6月24日 某某市第十五届人民代表大会常务委员会第十九次会议修订",
    "2021年7月30日 某某省第十三届人民代表大会常务委员会第二十五次会议批准）",
]


def test_the_passing_body_and_latest_revision_not_the_approver() -> None:
    history = read_history([*HEAD, "第一章 总 则"])
    assert history.issuer == "某某市人民代表大会常务委员会"
    assert history.date == "2021-06-24"


def test_a_congress_itself_a_decree_and_a_line_broken_in_two() -> None:
    history = read_history(["某县条例", "2012年11月29日 经某县第十六届人民代表大会第二次会议通过"])
    assert history.issuer == "某县人民代表大会"
    history = read_history(
        ["居住某条例", "2015年10月21日 国务院第109次常务会议通过",
         "2015年11月26日 中华人民共和国国务院令第663号公布"]
    )  # fmt: skip
    assert (history.issuer, history.date, history.decree) == (
        "国务院",
        "2015-10-21",
        "中华人民共和国国务院令第663号",
    )
    history = read_history(
        ["某办法", "1999年1月1日 某省人民代表大会常务委员会通过",
         "2020年7月31日 某省人民代表大会常务委员会《关于修改〈某办法〉", "的决定》修正"]
    )  # fmt: skip
    assert history.date == "2020-07-31"


def test_a_revision_by_a_decision_is_dated_after_its_genju() -> None:
    one_line = read_history(
        ["某法", "（2001年3月1日第九届某省人民代表大会常务委员会第五次会议通过 根据2010年6月1日"
         "第十一届某省人民代表大会常务委员会第八次会议《关于修改部分法规的决定》修正）"]
    )  # fmt: skip
    broken = read_history(
        ["某条例", "2001年3月1日 某市第九届人民代表大会常务委员会第五次会议通过",
         "2012年5月4日 某市第十届人民代表大会常务委员会第九次会议修订  根据",
         "2019年9月9日 某市第十一届人民代表大会常务委员会第三次会议《关于修改〈某条例〉的决定》"
         "修正）"]
    )  # fmt: skip
    assert (one_line.issuer, one_line.date) == ("某省人民代表大会常务委员会", "2010-06-01")
    assert (broken.issuer, broken.date) == ("某市人民代表大会常务委员会", "2019-09-09")


def test_a_revision_by_a_decision_passed_that_day_has_that_date() -> None:
    history = read_history(
        ["某规定", "1998年2月3日 某市第十届人民代表大会常务委员会第九次会议通过",
         "2008年4月5日 某市第十二届人民代表大会常务委员会第六次会议通过的《关于修改〈某规定〉"
         "的决定》修正"]
    )  # fmt: skip
    assert (history.issuer, history.date) == ("某市人民代表大会常务委员会", "2008-04-05")


def test_an_undated_latest_revision_leaves_the_date_unknown() -> None:
    history = read_history(
        [
            "某条例",
            "1995年1月1日 某市人民代表大会常务委员会通过",
            "某市第十五届人民代表大会常务委员会修订",
        ]
    )
    assert history.date is None


def test_effective_date_from_the_text() -> None:
    assert effective_date("第八十七条 本条例自2018年3月1日起施行。", None) == "2018-03-01"
    assert effective_date("本条例自公布之日起施行。", "2014-09-26") == "2014-09-26"
    text = "本办法自印发之日起施行，有效期5年。\n某市人民政府办公厅秘书处 2021年3月2日印发"
    assert effective_date(text, None) == "2021-03-02"


REGULATION = "\n\n".join(
    [
        "# 某某市物业管理条例",
        *HEAD[1:],
        "<!-- INFO END -->",
        "## 第一章　总　则",
        "\u200b",
        "第一条 为了规范物业管理活动，制定本条例。",
        "第二条 业主大会履行下列职责：",
        "(一)制定和修改管理规约；",
        "(二)选聘和解聘物业服务企业；",
        "第三 条 物业服务企业应当遵守下列规定：",
        "第 4 条 本条例自2021年10月1日起施行。",
    ]
)


def test_regulation_document_items_stay_with_their_article() -> None:
    (doc,) = ingest_bytes(REGULATION.encode("utf-8"), "条例.md")
    d = doc.document
    assert (d.title, d.issuer, d.date, d.effective) == (
        "某某市物业管理条例",
        "某某市人民代表大会常务委员会",
        "2021-06-24",
        "2021-10-01",
    )
    numbers = [c.number for c in doc.clauses if c.number]
    assert numbers == ["第一条", "第二条", "第三条", "第4条"]
    assert "INFO END" not in d.text
    assert doc.clauses[0].text == HEAD[1]  # history lines stay citable: "which meeting passed it"
    articles = [c for c in doc.clauses if c.number]
    assert articles[1].text.endswith("(二)选聘和解聘物业服务企业；")
    assert articles[0].path == ("第一章 总 则",)
