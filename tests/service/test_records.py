from rag.records import Clause


def make_clause(path: tuple[str, ...], number: str | None, ordinal: int = 0) -> Clause:
    return Clause(
        clause_id="c",
        doc_id="d",
        path=path,
        number=number,
        heading=None,
        text="正文。",
        start=0,
        end=3,
        ordinal=ordinal,
    )


def test_numbered_clause_label_names_the_article() -> None:
    clause = make_clause(("二、重点任务", "(四)金融生态"), "14")
    assert clause.label == "二、重点任务 › (四)金融生态 › 第14条"


def test_non_numeric_label_is_kept_as_written() -> None:
    assert make_clause(("三、组织实施",), "(二)").label == "三、组织实施 › (二)"


def test_unheaded_paragraph_is_cited_by_its_position() -> None:
    assert make_clause((), None, ordinal=2).label == "第3段"


def test_ids_ignore_cosmetic_whitespace_and_width() -> None:
    first = Clause.make_id("d", ("一、总体要求",), "1", "最高200万元奖励。")
    second = Clause.make_id("d", ("一、总体要求",), "1", "最高 ２００万元奖励。")
    assert first == second
