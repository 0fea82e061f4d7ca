"""What a refusal says: which city or subject the indexed policies do not cover, and what
they do cover. Pure functions of the query plan and the covered cities."""

from __future__ import annotations

from collections.abc import Sequence

from rag.answer.extractive import NOT_FOUND
from rag.query.analysis import QueryPlan, subject_groups

NOT_FOUND_HINT = "可以换个说法,或指明城市、文件再问。"


def not_covered(cities: Sequence[str], covered: Sequence[str]) -> str:
    named = "、".join(f"{c}市" for c in cities)
    return (
        f"已索引的政策不包括{named}。目前收录的是{'、'.join(covered)}的科技政策,"
        "不能拿其他城市的政策代替回答。"
    )


def not_found(plan: QueryPlan, covered: Sequence[str]) -> str:
    where = "、".join(plan.cities or covered)
    return f"{NOT_FOUND}目前收录的是{where}的科技政策;{NOT_FOUND_HINT}"


def not_named(plan: QueryPlan, term: str) -> str:
    """ "三明对新设立的创投机构奖励多少": 三明's best clause is about something else."""
    return f"已索引的{_where(plan)}政策中没有找到关于“{term}”的条款。{NOT_FOUND_HINT}"


def no_amount(plan: QueryPlan) -> str:
    """ "三明对孵化器补贴多少钱" where 三明's clause on 孵化器 names no sum at all."""
    subjects = sorted((g.term for g in subject_groups(plan.terms)), key=len)
    about = f"关于“{subjects[-1]}”的" if subjects else ""
    return f"已索引的{_where(plan)}政策中{about}条款没有写明金额。{NOT_FOUND_HINT}"


def _where(plan: QueryPlan) -> str:
    return "、".join(plan.cities)
