"""A figure asked: the clause of a short best-matching document that states one is found
even when its own words are not the asker's (its subject stands in the title)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over


def _rules() -> str:
    procedural = [
        f"第{n}条 人才落户申报的第{n}项手续，由申请人通过人才落户系统提交人社部门审核。"
        for n in range(1, 31)
    ]
    figure = "第三十一条 人力资源社会保障部门应当自受理之日起12个工作日内完成审核。"
    return "某区人才落户审核办法\n" + "\n".join([*procedural, figure]) + "\n"


def test_the_figure_clause_of_a_short_document_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": _rules()})
    answer = service.ask("人才落户审核要多久？")
    assert "12个工作日" in answer.answer.splitlines()[0], answer.answer


def test_a_long_document_is_not_read_whole(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"rules.txt": _rules()})
    (document,) = service.corpus.documents()
    assert len(service.corpus.clauses_of_short(document.doc_id, 40)) == 31
    assert service.corpus.clauses_of_short(document.doc_id, 30) == []
    # read once per generation, not once per question
    first = service.corpus.clauses_of_short(document.doc_id, 40)
    assert service.corpus.clauses_of_short(document.doc_id, 40) is first
