"""A figure stated per band of a condition: the question's own number picks the band."""

from __future__ import annotations

from pathlib import Path

from rag.facts.spans import fact_span
from rag.facts.tiers import tier_fragment
from rag.query.analysis import analyse
from rag.retrieve.scoring import ScoringModel

HIRING = "企业开展培训的给予补助。培训5人以下的按每人500元补助；培训6人以上的每增加1人补助800元。"
YEARS = "参保一至三年的，每满一年，待遇期限为两个月；三年以上的，每满半年，待遇期限增加一个月。"


def fragment(text: str, question: str) -> str | None:
    span = tier_fragment(text, question)
    return None if span is None else text[span[0] : span[1]]


def test_the_askers_number_picks_its_band() -> None:
    assert fragment(HIRING, "只培训了2个人的话每人补多少") == "培训5人以下的按每人500元补助"
    assert (fragment(HIRING, "培训了9个人补多少") or "").startswith("培训6人以上")
    assert (
        fragment(YEARS, "我只交了2年，能领几个月") == "参保一至三年的，每满一年，待遇期限为两个月"
    )


def test_no_number_or_one_band_picks_nothing() -> None:
    assert fragment(HIRING, "培训有什么补助") is None
    assert fragment("培训5人以下的按每人500元补助。", "培训了2个人补多少") is None


def test_the_first_line_states_the_askers_band() -> None:
    question = "只培训了2个人的话每人补助多少钱"
    plan = analyse(question, [])
    near = ScoringModel().near_chars
    span = fact_span("amount", HIRING, plan.terms, question, strict=False, near_chars=near)
    assert span is not None and "500元" in HIRING[span[0] : span[1]]


LEAVE = "职工工龄已满1年不满10年的，休假5天；已满10年不满20年的，休假10天；已满20年的，休假15天。"


def test_a_band_from_man_to_bu_man_does_not_reach_its_upper_bound() -> None:
    assert fragment(LEAVE, "工龄满10年能休几天") == "已满10年不满20年的，休假10天"
    assert fragment(LEAVE, "工龄9年能休几天") == "职工工龄已满1年不满10年的，休假5天"
    assert fragment(LEAVE, "工龄25年能休几天") == "已满20年的，休假15天"


def test_a_stated_share_finds_its_band_of_shares() -> None:
    text = (
        "超过限额不足百分之十的，给予警告；超过百分之十不足百分之五十的，处二百元罚款；"
        "超过百分之五十的，处一千元罚款。"
    )
    span = tier_fragment(text, "超出限额百分之三十要罚多少？")
    assert span is not None and text[span[0] : span[1]].endswith("处二百元罚款")
    span = tier_fragment(text, "超出限额60%要罚多少？")
    assert span is not None and text[span[0] : span[1]].endswith("处一千元罚款")


POOL = (
    "室外泳池按照下列规定开放：（一）水温低于二十摄氏度的，暂停开放；"
    "（二）水温高于二十摄氏度（含）、低于二十六摄氏度的，限时开放；"
    "（三）水温高于二十六摄氏度（含）的，全天开放。"
)


def test_bounds_written_before_their_numbers_make_bands() -> None:
    # 低于/高于 before the number, "（含）" taking the number in; 度 is the statute's 摄氏度
    assert (fragment(POOL, "水温才18度开不开") or "").endswith("暂停开放")
    assert (fragment(POOL, "水温20度呢") or "").endswith("限时开放")
    assert (fragment(POOL, "水温27摄氏度能游多久") or "").endswith("全天开放")


def test_a_listed_band_is_quoted_for_the_askers_number(tmp_path: Path) -> None:
    from tests.conftest import service_over

    rules = (
        "某市游泳场所管理办法\n"
        "第一条 为了规范游泳场所管理，制定本办法。\n"
        "第二条 室外泳池应当按照水温确定开放时间：\n"
        "（一）水温低于二十摄氏度的，暂停开放；\n"
        "（二）水温高于二十摄氏度（含）的，全天开放。\n"
        "第三条 游泳场所应当配备救生员。\n"
    )
    service = service_over(tmp_path, {"pools.txt": rules})
    answer = service.ask("室外泳池水温才18度，开放吗？")
    assert not answer.refused, answer.answer
    assert "暂停开放" in answer.citations[0].quote, answer.answer


def test_volumes_and_weights_make_bands_and_bu_man_bounds_below() -> None:
    donations = "累计捐献不满五百毫升的，享受等量优惠；累计捐献五百毫升以上的，享受终身优惠。"
    assert (fragment(donations, "我一共捐了600毫升") or "").endswith("享受终身优惠")
    assert (fragment(donations, "我捐了300毫升") or "").endswith("享受等量优惠")
    parcels = "包裹重量低于五公斤的，免收保价费；重量五公斤以上的，按件收费。"
    assert (fragment(parcels, "我的包裹3公斤，要交保价费吗") or "").endswith("免收保价费")


CONTRACT = (
    "服务期限六个月以上不满两年的，考核期不得超过一个月；服务期限两年以上不满五年的，"
    "考核期不得超过三个月；五年以上的服务期限，考核期不得超过半年。"
)


def test_a_band_bounded_on_both_sides_in_two_units_holds_the_askers_number() -> None:
    """ "X个月以上不满Y年的": the bound after one number and the bound before the other close
    one band, a year counted as twelve months; the figure after "的，" bounds nothing."""
    assert (fragment(CONTRACT, "签了两年的服务期，考核期最长多久") or "").startswith(
        "服务期限两年以上"
    )
    assert (fragment(CONTRACT, "签了十个月的服务期考核期多久") or "").startswith("服务期限六个月")
    assert (fragment(CONTRACT, "签了8年考核期多久") or "").startswith("五年以上")


def test_a_listed_band_after_a_lead_in_ending_in_de_keeps_its_bounds() -> None:
    text = (
        "因施工原因导致通道变窄的，应当按照下列标准减收租金：\n（一）通道宽度低于三米、高于一米（含）的，"
        "减收一半；\n（二）通道宽度低于一米的，全额减收。"
    )
    assert (fragment(text, "门口通道才0.5米宽，能减多少") or "").endswith("全额减收")
    assert (fragment(text, "通道两米宽能减多少") or "").endswith("减收一半")


def test_a_later_band_is_quoted_though_only_the_first_names_the_askers_situation(
    tmp_path: Path,
) -> None:
    """ "志愿者累计服务已满1年不满5年的，…；已满5年不满10年的，…": a later band leaves out the
    subject the first one wrote; it is read with it, so the asker's words for that subject
    do not pull the first band up, and the later band's figure is the first line."""
    from tests.conftest import service_over

    rules = (
        "某市志愿服务激励办法\n第一条 为了激励志愿服务，制定本办法。\n"
        "第二条 志愿者累计服务已满1年不满5年的，每年疗休养3天；已满5年不满10年的，每年疗休养"
        "6天；已满10年的，每年疗休养10天。\n法定节假日不计入疗休养的假期。志愿者所在单位应当保障"
        "志愿者参加疗休养，不得因此降低其工资福利待遇，不得因此解除或者终止劳动合同。\n"
        "第三条 志愿服务组织应当建立服务记录。\n"
    )
    service = service_over(tmp_path, {"volunteer.txt": rules})
    for question, days in (
        ("我累计服务7年了，一年能疗休养几天？", "6天"),
        ("我做志愿者累计服务7年了，每年疗休养几天？", "6天"),
        ("我累计服务12年了，每年疗休养几天？", "10天"),
        ("我累计服务3年了，每年疗休养几天？", "3天"),
    ):
        first = service.ask(question).answer.splitlines()[0]
        assert first.startswith("每年疗休养" + days), (question, first)
