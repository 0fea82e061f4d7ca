"""Every sentence the answer side writes itself: refusals, help, and the frames around quotes.

Pure functions of the query plan and of what is indexed. An example question is built from
the indexed corpus (`example_question`), never named here: the corpus may hold anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.lexicon.divisions import NATIONAL
from rag.lexicon.places import PLACE_ENDINGS, all_cities, all_provinces
from rag.query.analysis import QueryPlan
from rag.query.terms import subject_groups
from rag.records import Clause, Document

NOT_FOUND = "已索引的政策中没有找到能回答这个问题的条款。"  # shared by the extractive and LLM paths
NOT_FOUND_EN = "The indexed policies do not cover this question."
NOT_FOUND_HINT = "可以换个说法,或指明城市、文件再问。"
CHECK_FAILED = "没能为这个问题组织出可以逐字核对的答案,为避免给出错误信息,暂不作答。"
CLAUSE_NOT_FOUND = "已索引的文件中没有找到这一条。可以用 policybot docs 查看文件,再指明文件名。"
NO_DATE = "已索引的文件里没有写明这份文件的日期。"
UNKNOWN_DOCUMENT = "没能确定是哪份文件:是哪个市发布的只按已索引文件的信息回答,请给出文件标题再问。"
CATALOGUE_HEADING = "已索引的相关文件:"
EXAMPLE_HEADING_CHARS = (4, 16)  # a clause title this long reads as a question's subject


def example_question(documents: Sequence[Document], clauses: Sequence[Clause]) -> str | None:
    """A question the index can answer: a clause title of an indexed document, asked about.

    `clauses` are candidates in reading order (the caller's sample); the first titled one
    whose document is known wins, so the example is stable for one index."""
    by_id = {d.doc_id: d for d in documents}
    low, high = EXAMPLE_HEADING_CHARS
    for clause in clauses:
        document = by_id.get(clause.doc_id)
        if document and clause.heading and low <= len(clause.heading) <= high:
            return f"{document.city or ''}关于“{clause.heading}”有哪些规定?"
    return None


def article_label(number: str) -> str:
    """ "14" -> "第14条": how a question names a clause by number."""
    return f"第{number}条"


def clause_request(document: str, label: str) -> str:
    """A question asking for one clause in full, as the clause intent reads it."""
    return f"{document}{label}原文"


def _for_example(example: str | None) -> str:
    return f"例如可以问:{example}" if example else "例如可以问某项政策的条件、金额或期限。"


def greeting(example: str | None) -> str:
    intro = "你好!我是政策问答助手,回答已索引的政策文件里写了什么,并给出原文和出处。"
    return intro + _for_example(example)


def empty(example: str | None) -> str:
    return f"请输入要查询的问题,{_for_example(example)}"


def too_long(example: str | None) -> str:
    return f"问题太长了,请精简成一两句话再问({_for_example(example)})。"


def not_chinese(example: str | None) -> str:
    return (
        f"请用中文提问:已索引的是中文政策文件,{_for_example(example)} "
        "(Please ask in Chinese: the indexed policies are in Chinese.)"
    )


MAX_PLACES_LISTED = 8


def place_label(name: str) -> str:
    """A place as a sentence names it: a city table name takes 市; a province, district or
    county name is written as given."""
    if name in all_cities():  # 杭州, 广州: a city of the table, though it ends like 自治州
        return f"{name}市"
    if name.endswith(PLACE_ENDINGS) or name in all_provinces():
        return name
    return f"{name}市"


def not_covered(cities: Sequence[str], covered: Sequence[str]) -> str:
    named = "、".join(place_label(c) for c in cities)
    held = f"目前收录的是{_listed(covered)}的政策文件," if covered else ""
    return f"已索引的政策不包括{named}。{held}不能拿其他地方的政策代替回答。"


def _listed(places: Sequence[str]) -> str:
    """Places as a refusal lists them: the first few, then 等 (a national corpus has dozens)."""
    shown = "、".join(places[:MAX_PLACES_LISTED])
    return shown + ("等" if len(places) > MAX_PLACES_LISTED else "")


def not_found(plan: QueryPlan, covered: Sequence[str]) -> str:
    where = "、".join(plan.cities) or _listed(covered)
    if not where:  # no document names a city: nothing to say about where the corpus is of
        return f"{NOT_FOUND}{NOT_FOUND_HINT}"
    return f"{NOT_FOUND}目前收录的是{where}的政策文件;{NOT_FOUND_HINT}"


def not_named(plan: QueryPlan, term: str) -> str:
    """The best clause of the asked city is about another subject than the question's."""
    return f"已索引的{_where(plan)}政策中没有找到关于“{term}”的条款。{NOT_FOUND_HINT}"


def year_not_found(plan: QueryPlan, year: str) -> str:
    """A figure asked for a year the indexed documents state only for other years."""
    return f"已索引的{_where(plan)}政策中没有找到{year}年的相关规定或数据。{NOT_FOUND_HINT}"


def no_amount(plan: QueryPlan) -> str:
    """An amount question whose clause on the asked subject names no sum at all."""
    return f"已索引的{_where(plan)}政策中{_about(plan)}条款没有写明金额。{NOT_FOUND_HINT}"


def _about(plan: QueryPlan) -> str:
    subjects = sorted((g.term for g in subject_groups(plan.terms)), key=len)
    return f"关于“{subjects[-1]}”的" if subjects else ""


def later_ask(words: str) -> str:
    """The heading of a later ask's answer in a reply to a message that asks two things."""
    words = words.rstrip("?？，,。 ")
    # the asker's own figures are no figures of a cited clause: never restated
    return "另一问:" if any(c.isdigit() for c in words) else f"关于“{words}”:"


def title_not_indexed(title: str) -> str:
    """A clause or record of a document that is not indexed (another place's version of an
    indexed one, say): never quoted from the indexed one."""
    return f"目前没有收录《{title}》。{NOT_FOUND_HINT}"


def date_not_stated(title: str) -> str:
    """The date a document takes effect, asked of one that states none."""
    return f"《{title}》中没有写明施行日期。{NOT_FOUND_HINT}"


def delegated(plan: QueryPlan, who: str) -> str:
    return (
        f"已索引的{_where(plan)}政策中{_about(plan)}条款没有写明具体数值,"
        f"写明由{who}另行规定。{NOT_FOUND_HINT}"
    )


def no_share(plan: QueryPlan) -> str:
    """A share or rate question whose clause on the asked subject states none."""
    return f"已索引的{_where(plan)}政策中{_about(plan)}条款没有写明比例或费率。{NOT_FOUND_HINT}"


def no_length(plan: QueryPlan) -> str:
    """A question asking a length of time in its unit whose clause states none."""
    return f"已索引的{_where(plan)}政策中{_about(plan)}条款没有写明时限或时长。{NOT_FOUND_HINT}"


def no_score(plan: QueryPlan) -> str:
    """A score question whose clause on the asked subject states none."""
    return f"已索引的{_where(plan)}政策中{_about(plan)}条款没有写明分值。{NOT_FOUND_HINT}"


def which_document(documents: Sequence[Document]) -> str:
    return f"请指明是哪份文件:{_titles(documents)}。"


def clause_in_several(documents: Sequence[Document]) -> str:
    return f"这一条在几份文件里都有,请指明是哪份文件:{_titles(documents)}。"


def no_city(document: Document) -> str:
    return f"已索引的《{document.title}》没有写明是哪个市发布的。"


def catalogue_line(document: Document, number: int) -> str:
    issuer = f"({document.issuer})" if document.issuer else ""
    return f"《{document.title}》{issuer} [{number}]"


def issue_date_line(document: Document) -> str:
    issuer = f"由{document.issuer}发布," if document.issuer else ""
    return f"《{document.title}》{issuer}发布日期见来源 [1] 的文件信息。"


def issuer_city_line(document: Document) -> str:
    issuer = f",发布单位为{document.issuer}" if document.issuer else ""
    return f"《{document.title}》是{document.city}市的文件{issuer}。 [1]"


def city_not_covered_line(city: str) -> str:
    return f"{city}:已索引的政策不包括{place_label(city)}的文件。"


def city_not_found_line(city: str) -> str:
    return f"{city}:已索引的{city}政策中没有找到相关条款。"


def _titles(documents: Sequence[Document]) -> str:
    return "、".join(f"《{d.title}》" for d in documents)


def _where(plan: QueryPlan) -> str:
    return "、".join(plan.cities)


# Validity notes, shown right under an answer's first line. They state no date (every number
# in an answer must stand in a cited clause); the source line names the document.
DRAFT_NOTE = "注意:所依据的文件是征求意见稿,并非正式施行的文件。"


def wider_place_note(asked: str, place: str) -> str:
    """A city no document is of, answered from its province's (or the country's) rule."""
    source = "国家层面" if place == NATIONAL else place
    return f"注意:没有收录{place_label(asked)}本地的文件,以上引自适用于该地的{source}的文件。"


def narrower_place_note(asked: str, place: str) -> str:
    return f"注意:收录的{asked}本级及以上文件没有回答这个问题,以上引自{place}的文件。"


def read_as_note(asked: str, written: str) -> str:
    return f"注意:收录的文件里没有“{asked}”的说法,以上按同义的“{written}”查到。"


def older_version_note(marker: int) -> str:
    return f"注意:以上依据现行版本;收录中还有被它取代的旧版本,见 [{marker}]。"


def replaced_note(marker: int) -> str:
    return f"注意:收录的另一份文件已取代所依据的文件,见 [{marker}];请以现行文件为准。"


EXPIRED_NOTE = "注意:所依据的文件已失效(已过有效期或已废止),请以现行文件为准。"
NOT_YET_NOTE = "注意:所依据的文件尚未开始施行。"
TRIAL_NOTE = "注意:所依据的文件为试行文件。"
