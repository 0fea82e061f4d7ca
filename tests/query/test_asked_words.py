"""What a question asks for ("每月几号前", "哪天", "第几名", "占百分之几") is the unit or the
figure of the answer, no topic."""

from __future__ import annotations

from rag.query.terms import content_terms


def test_the_asked_day_leaves_no_piece_of_itself_among_the_terms() -> None:
    for question, terms in (
        ("物业费每个月几号前交？", ["物业费"]),
        ("会费几月几号截止缴纳", ["会费", "截止", "缴纳"]),
        ("体检报名哪天开始", ["体检", "报名", "开始"]),
        ("驾照体检几月份截止", ["驾照", "体检", "截止"]),
    ):
        assert [g.term for g in content_terms(question)] == terms, question


def test_a_word_holding_an_asking_word_is_the_asked_figure() -> None:
    for question, terms in (
        ("物业条例第几条讲了维修基金", ["物业", "条例", "维修", "基金"]),
        ("房产税税率是百分之几", ["房产税", "税率"]),
        ("定金违约了要退几成？", ["定金", "违约"]),
    ):
        assert [g.term for g in content_terms(question)] == terms, question


def test_a_hotline_agents_frame_is_no_topic() -> None:
    for question, dropped in (
        ("群众来电反映，楼道里堆放杂物没人管，归哪个部门？", ("群众", "来电", "反映")),
        ("来电者称小区门口路灯坏了，多久能修？", ("来电", "称")),
        ("有网友留言称公园厕所太少，规划有要求吗", ("网友", "留言")),
    ):
        terms = [g.term for g in content_terms(question)]
        assert not any(word in term for term in terms for word in dropped), (question, terms)
    assert "电脑" in [g.term for g in content_terms("学位拿出来电脑派位吗")]


def test_a_distance_asked_as_a_reach_and_a_verdict_asked_are_no_topic() -> None:
    for question, terms in (
        ("医院附近多少米范围内禁止摆摊？", ["医院", "附近", "禁止", "摆摊"]),
        ("加油站几公里以内禁止放烟花", ["加油站", "禁止", "放烟花"]),
        ("在河边钓鱼不行吗", ["河边", "钓鱼"]),
    ):
        assert [g.term for g in content_terms(question)] == terms, question


def test_near_a_place_is_written_round_it() -> None:
    (group,) = [g for g in content_terms("医院附近能摆摊吗") if g.term == "附近"]
    assert "周边" in group.variants


def test_adverbs_of_speech_name_no_topic() -> None:
    """How the asker feels about the case (真的, 其实, 刚好) or when it is (之前, 往前) names
    nothing a clause must write; 突然 is kept, statutes write its sense (突发)."""
    for question, dropped in (
        ("如果真的漏水，之前交的维修费往前能退几个月？", ("真的", "之前", "往前")),
        ("要是端午刚好碰上周六，会调休吗？", ("刚好",)),
        ("其实我也不确定，物业费究竟谁来交", ("其实", "究竟")),
    ):
        terms = [g.term for g in content_terms(question)]
        assert not any(word in term for term in terms for word in dropped), (question, terms)
