"""A penalty asked for breaking a duty is answered by the clause that cites the duty's
article ("违反本办法第二条规定的，…处…罚款"), quoted at the sentence citing it, even when
that clause shares none of the question's words and punishes other articles too."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市家禽饲养管理办法\n"
    "第一条 为了规范家禽饲养，制定本办法。\n"
    "第二条 饲养鹅群满三十只的，饲养人应当向乡镇人民政府办理饲养备案。\n"
    "第三条 饲养人不得在河道、湖泊内放养家禽。\n"
    "第四条 饲养场所应当距离居民住宅五百米以上。\n"
    "第五条 违反本办法第四条规定的，由农业农村部门责令限期改正；"
    "逾期不改正的，处五千元以上二万元以下罚款。\n"
    "违反本办法第二条规定的，由农业农村部门责令改正，处一百元以上五百元以下罚款。\n"
    "违反本办法第三条规定的，由水行政主管部门责令改正，可以处二百元罚款。\n"
    "违反本办法规定，造成疫病传播或者环境污染的，由有关部门依照有关法律、法规的规定"
    "予以处罚；构成犯罪的，依法追究刑事责任。\n"
)


def test_the_fine_is_the_one_of_the_sentence_citing_the_duty(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"poultry.txt": RULES})
    answer = service.ask("鹅群没有办理饲养备案，罚多少钱？")
    assert not answer.refused, answer.answer
    quote = answer.citations[0].quote
    assert "第二条规定的，由农业农村部门责令改正，处一百元以上五百元以下罚款" in quote, (
        answer.answer
    )
    assert "五千元以上二万元以下" not in quote, answer.answer  # the clause's other penalties


def test_would_i_be_punished_quotes_the_penalty_not_the_duty(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"poultry.txt": RULES})
    answer = service.ask("在河道里放养家禽会被罚吗？")
    assert not answer.refused, answer.answer
    assert "第三条规定" in answer.citations[0].quote, answer.answer
    assert "二百元罚款" in answer.citations[0].quote, answer.answer


LISTED = (
    "某市公园管理条例\n"
    "第一条 为了加强公园管理，制定本条例。\n"
    "第二条 游人应当爱护公园设施。游人不得实施下列行为：\n"
    "(一)攀折花木、采摘果实；\n"
    "(二)在非指定区域垂钓、游泳；\n"
    "(三)在草坪上驾驶机动车辆。\n"
    "第三条 有下列行为之一的，由公园管理机构按照下列规定处理：\n"
    "(一)违反本条例第二条第(一)项规定的，责令改正，可以处五十元以上二百元以下罚款；\n"
    "(二)违反本条例第二条第(二)项规定的，责令改正，可以处二十元以上一百元以下罚款；\n"
    "(三)违反本条例第二条第(三)项规定的，责令改正，处五百元以上一千元以下罚款。\n"
    "前款规定的罚款，由公园管理机构当场收缴的，应当出具省财政部门统一制发的罚款收据；"
    "不出具统一罚款收据的，当事人有权拒绝缴纳。\n"
)


def test_a_listed_duty_takes_the_penalty_citing_its_item(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"park.txt": LISTED})
    answer = service.ask("在公园非指定区域垂钓罚多少？")
    assert not answer.refused, answer.answer
    quote = answer.citations[0].quote  # the clause is too long to quote whole: the item
    assert "第二条第(二)项规定的，责令改正，可以处二十元以上一百元以下罚款" in quote, answer.answer
    assert "五十元以上二百元以下" not in quote, answer.answer


LITTER = (
    "某市市容管理条例\n"
    "第一条 为了加强市容管理，制定本条例。\n"
    "第二条 沿街商铺应当保持门前整洁。\n"
    "商铺不得占用人行道摆放商品。\n"
    "第三条 建筑工地应当设置围挡。\n"
    "第四条 违反本条例第三条规定，建筑工地未设置围挡的，由城管部门责令限期改正；"
    "逾期不改正的，处一万元以上三万元以下罚款。\n"
    "第五条 违反本条例第二条第二款规定，商铺占用人行道摆放商品的，由城管部门责令限期改正；"
    "逾期不改正的，处二百元以上五百元以下罚款。\n"
    "违反本条例第二条第一款规定的，由城管部门责令改正。\n"
)


def test_a_follow_up_asks_the_penalty_of_the_clause_just_quoted(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"city.txt": LITTER})
    first = service.ask("商铺能占用人行道摆放商品吗？", session_id="s1")
    assert "不得占用人行道" in first.citations[0].quote, first.answer
    follow = service.ask("逾期不改的话罚多少？", session_id="s1")
    assert not follow.refused, follow.answer
    quote = follow.citations[0].quote
    assert "第二条第二款规定" in quote and "二百元以上五百元以下" in quote, follow.answer


def test_a_follow_up_naming_another_subject_is_not_the_last_clauses_penalty(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"city.txt": LITTER})
    service.ask("商铺能占用人行道摆放商品吗？", session_id="s2")
    follow = service.ask("那工地没设置围挡罚多少？", session_id="s2")
    assert "一万元以上三万元以下" in follow.citations[0].quote, follow.answer
    assert "二百元以上五百元以下" not in follow.citations[0].quote, follow.answer


SPA = (
    "某市保健服务条例\n"
    "第一章 总则\n"
    "第一条 为了规范保健服务，制定本条例。\n"
    "第二条 保健服务机构应当依法登记。\n"
    "第三条 保健服务机构应当在经营场所的显著位置公示服务项目、服务流程和收费标准，"
    "建立从业人员培训制度和服务质量管理制度，不得开展医疗活动，不得宣传治疗疾病的功效。\n"
    "第二章 法律责任\n"
    "第四条 保健服务机构违反本条例第三条规定开展医疗活动的，依法查处。\n"
)


def test_a_question_asking_no_penalty_is_answered_by_the_rule_not_its_penalty(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"spa.txt": SPA})
    answer = service.ask("保健服务机构可以开展医疗活动吗？")
    assert not answer.refused, answer.answer
    assert answer.citations[0].quote.startswith("第三条"), answer.answer


AGENCIES = (
    "某市房屋中介服务管理办法\n"
    "第一条 为了规范房屋中介服务，制定本办法。\n"
    "第二条 区住房保障部门应当在政府网站发布房屋租赁市场信息，供承租人签约前查询。\n"
    "第三条 房屋中介机构应当按照诚实信用原则开展居间活动，不得发布虚假的房屋租赁信息，"
    "不得诱骗承租人。\n"
    "第四条 房屋中介机构应当在经营场所公示收费标准。\n"
    "第五条 房屋中介机构违反本办法第三条规定的，由区住房保障部门责令改正，"
    "处五千元以上二万元以下罚款。\n"
)


def test_the_duty_a_little_below_the_best_clause_still_finds_its_penalty(
    tmp_path: Path,
) -> None:
    """A clause sharing more of the question's words (a department publishing the same kind
    of information) ranks above the duty the asker breaks; the duty is close behind, and the
    penalty citing it answers rather than a refusal that no sum is stated."""
    service = service_over(tmp_path, {"agencies.txt": AGENCIES})
    answer = service.ask("中介在网站上发布假的租房信息骗租客签约，会被罚多少钱？")
    assert not answer.refused, answer.answer
    assert "五千元以上二万元以下" in answer.answer.splitlines()[0], answer.answer


PARK = (
    "某市公园管理条例\n\n"
    "第一条 为了加强公园管理，制定本条例。\n\n"
    "第二条 在公园内禁止下列行为：\n\n"
    "（一）携带家禽、家畜等动物入园；\n\n"
    "（二）在非指定区域烧烤、野炊；\n\n"
    "（三）攀折花木、践踏草坪。\n\n"
    "第三条 违反本条例第二条第一项规定的，由公园管理机构责令改正，可以处三十元以上一百五十元以下"
    "罚款。\n\n"
    "第四条 本条例自发布之日起施行。\n"
)


def test_the_penalty_of_the_rule_just_quoted_needs_no_words_of_its_own(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"park.md": PARK})
    first = service.ask("某市公园里能带家禽进去吗？", session_id="s")
    assert "家禽" in first.answer, first.answer
    follow = service.ask("那要是被发现了罚多少？", session_id="s")
    assert not follow.refused, follow.answer
    assert "三十元以上一百五十元以下" in follow.answer, follow.answer


def test_a_penalty_naming_the_article_without_this_statute_is_found(tmp_path: Path) -> None:
    # "违反第二条规定" (no 本条例): a statute's bare article number is its own article
    rules = PARK.replace("违反本条例第二条第一项规定的", "违反第二条第一项规定的")
    service = service_over(tmp_path, {"park.md": rules})
    answer = service.ask("某市公园里带家禽入园会被罚多少？")
    assert not answer.refused, answer.answer
    assert "三十元以上一百五十元以下" in answer.answer, answer.answer
