"""One clause key on every channel: "3", "三", "第三条", "第3条", "(三)" and "(3)" name the same
article of a document numbered 第X条, in ask, the CLI, the HTTP API, Telegram and WeCom."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from bot.cli import main as cli_main
from bot.web.app import create_app
from rag.protocol import AnswerService
from rag.records import Clause
from rag.service import PolicyAnswerService, build_answer_service
from rag.settings import Settings
from rag.text.clause_key import ClauseKey, clause_key, numbered, referable_clause
from tests.bot.telegram.test_telegram_bot import polling_bot, say
from tests.bot.wecom.test_wecom_selfbuilt import AGENT, CORP, SECRET, ask, peer, serve
from tests.conftest import REPO, make_settings
from tests.fakes.fake_telegram import FakeTelegram
from tests.fakes.fake_wecom import FakeWeCom

ARTICLES = (
    "测试市物业服务管理条例\n"
    "(2024年1月1日测试市人民代表大会常务委员会通过)\n"
    "第一章 总则\n"
    "第一条 为了规范物业服务活动，维护业主合法权益，制定本条例。\n"
    "第二条 本条例适用于本市行政区域内的物业服务活动。\n"
    "第三条 业主可以自行管理物业，也可以委托物业服务企业管理。\n"
    "第二章 业主\n"
    "第四条 业主享有下列权利：\n"
    "(一)按照物业服务合同的约定，接受物业服务企业提供的服务；\n"
    "(二)提议召开业主大会会议；\n"
    "(三)参加业主大会会议，行使投票权。\n"
    "第五条 业主应当遵守管理规约，按时交纳物业服务费用。\n"
)
THIRD = "业主可以自行管理物业"
FIFTH = "按时交纳物业服务费用"
FORMS_OF_THREE = ("3", "三", "第三条", "第3条", "（三）", "(3)", "３", "第 3 条")


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("articles")
    (root / "seeds").mkdir()
    (root / "seeds" / "articles.txt").write_text(ARTICLES, encoding="utf-8")
    return make_settings(root / "data", seeds_dir=root / "seeds")


@pytest.fixture(scope="module")
def service(settings: Settings) -> PolicyAnswerService:
    return build_answer_service(settings, mode="extractive")


@pytest.fixture(scope="module")
def doc_id(service: PolicyAnswerService) -> str:
    [document] = service.documents()
    return document.doc_id


def clause(number: str, ordinal: int = 0) -> Clause:
    return Clause(f"c{ordinal}", "d", (), number, None, number, 0, 0, ordinal)


# the key --------------------------------------------------------------------------------
def test_numerals_compare_by_value_and_marks_name_the_family() -> None:
    assert {clause_key(f).family for f in ("第三条", "第3条", "第 ３ 条")} == {"article"}
    assert {clause_key(f).value for f in FORMS_OF_THREE} == {3}
    assert clause_key("（三）").family == clause_key("(3)").family == "item"
    assert clause_key("三、").family == clause_key("三").family == "heading"
    assert clause_key("3.").family == clause_key("14").family == "point"
    assert clause_key("十四").value == 14 and clause_key("一百零三").value == 103
    assert clause_key("一是") == ClauseKey("other", None, "一是")
    assert clause_key("专栏3").family == clause_key("第二章").family == "other"


def test_a_document_numbered_by_articles_answers_every_form() -> None:
    articles = [clause("第一条", 0), clause("第二条", 1), clause("第三条", 2)]
    for form in FORMS_OF_THREE:
        assert numbered(form, articles) == [articles[2]], form
    assert numbered("第四条", articles) == []


def test_a_reference_prefers_its_own_family_where_several_share_a_value() -> None:
    heading, item, point = clause("三", 0), clause("(三)", 1), clause("3", 2)
    mixed = [heading, item, point]
    assert numbered("3", mixed) == [point]
    assert numbered("三、", mixed) == [heading]
    assert numbered("(3)", mixed) == [item]
    assert numbered("第3条", mixed) == [heading, point]  # no article: the top-level numbering
    assert numbered("一是", [clause("一是")]) == [clause("一是")]


def test_the_clause_a_help_text_shows_is_found_alone_by_its_own_label() -> None:
    items = [clause("(一)", 0), clause("一是", 1)]
    assert referable_clause(items) is None  # no numbering a reader would type bare
    mixed = [clause("三", 0), clause("(三)", 1), clause("3", 2), clause("一", 3)]
    assert referable_clause(mixed) == mixed[2]  # points before headings
    repeated = [clause("1", 0), clause("1", 1), clause("2", 2)]
    assert referable_clause(repeated) == repeated[2]  # "1" is ambiguous in this document
    assert referable_clause([clause("3", 0), clause("第二条", 1)]).number == "第二条"


# every channel ---------------------------------------------------------------------------
def test_ask_cites_the_article_whatever_numerals_the_question_uses(
    service: PolicyAnswerService,
) -> None:
    for question in ("测试市物业服务管理条例第3条原文", "第三条原文", "第五条是什么内容"):
        answer = service.ask(question)
        assert not answer.refused, (question, answer.answer)
        expected = FIFTH if "五" in question else THIRD
        assert [expected in c.quote for c in answer.citations] == [True], question


def test_find_clause_resolves_every_form(service: PolicyAnswerService, doc_id: str) -> None:
    for form in FORMS_OF_THREE:
        found = service.find_clause(doc_id, form)
        assert found is not None and THIRD in found.text, form
    for form in ("5", "五", "第5条", "第五条"):
        found = service.find_clause(doc_id, form)
        assert found is not None and FIFTH in found.text, form
    assert service.find_clause(doc_id, "6") is None


def test_cli_clause_command(
    settings: Settings, service: PolicyAnswerService, capsys: pytest.CaptureFixture[str]
) -> None:
    for form in ("3", "三", "第3条", "（三）", "第五条", "第5条"):
        code = cli_main(["--data-dir", str(settings.data_dir), "clause", "物业服务", form])
        out, err = capsys.readouterr()
        assert code == 0, (form, err)
        assert (FIFTH if "5" in form or "五" in form else THIRD) in out, form


def test_http_api_ask(settings: Settings, service: PolicyAnswerService) -> None:
    with TestClient(create_app(settings, service)) as client:
        body = client.post("/api/ask", json={"question": "第3条原文"}).json()
    assert body["refused"] is False and THIRD in body["citations"][0]["quote"]


async def test_telegram_clause_command(service: AnswerService, doc_id: str) -> None:
    async with FakeTelegram() as fake, polling_bot(fake, service):
        for chat, form in enumerate(("3", "三", "第三条", "（三）", "第5条"), start=71):
            [reply] = await say(fake, chat, f"/clause {doc_id} {form}")
            assert (FIFTH if "5" in form else THIRD) in reply.text, (form, reply.text)
        await asyncio.sleep(0)


def test_wecom_clause_message(service: AnswerService) -> None:
    with FakeWeCom(CORP, SECRET, AGENT) as fake, serve(service, fake, 3.5) as base:
        wecom = peer(base)
        for form in ("3", "三", "第三条", "（三）", "第五条"):
            content = wecom.read_xml_reply(ask(wecom, f"原文 物业服务 {form}"))["Content"]
            assert (FIFTH if "五" in form else THIRD) in content, (form, content)


def test_clause_key_lives_in_one_place() -> None:
    root = REPO / "rag"
    defining = [
        p.relative_to(root).as_posix()
        for p in root.rglob("*.py")
        if "def clause_key" in p.read_text(encoding="utf-8")
        or "def number_key" in p.read_text(encoding="utf-8")
        or "def clause_number_key" in p.read_text(encoding="utf-8")
    ]
    assert defining == ["text/clause_key.py"]
