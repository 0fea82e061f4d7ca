"""Each intent has one handler; `answer_plan` routes a plan to it.

Handlers are pure over the corpus and retriever in the `AnswerContext`: a refusal, a record
answer, or retrieval followed by the extractive answer and its gates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from rag.answer import below, document_handlers, wording
from rag.answer.citations import refusal
from rag.answer.context import AnswerContext, Outcome
from rag.answer.extractive import comparison_answer, extractive_answer
from rag.answer.gates import (
    asking_part,
    asks_a_length,
    asks_a_score,
    asks_a_share,
    asks_how_much,
    asks_how_often,
    missing_key_term,
    states_a_length,
    states_a_share,
    states_an_interval,
    states_any_amount,
    states_any_amount_in,
    states_the_asked_count,
    writes_a_length,
)
from rag.answer.penalties import (
    asks_a_penalty,
    duty_before_its_penalty,
    penalty_for_the_duty,
    penalty_for_the_last_answer,
    penalty_restating_the_duty,
)
from rag.answer.record_handler import record
from rag.answer.validity import with_older_version, with_replacement, with_validity
from rag.facts.precision import other_years_only
from rag.lexicon import figures
from rag.lexicon.figures import FIGURE_KINDS
from rag.lexicon.places import PLACE_ENDINGS
from rag.protocol import SearchFilters
from rag.query.analysis import QueryPlan, asked_kind
from rag.query.intent import Intent, intent_of
from rag.query.places import place_scope, within
from rag.query.terms import TermGroup, with_thesaurus_forms
from rag.records import Answer, Clause
from rag.retrieve.evidence import CompiledTerms
from rag.retrieve.rerank import Retrieved

Handler = Callable[[AnswerContext, QueryPlan], Outcome]


def greet(context: AnswerContext, plan: QueryPlan) -> Outcome:
    return refusal(plan.question, wording.greeting(context.example)), []


def ask_in_chinese(context: AnswerContext, plan: QueryPlan) -> Outcome:
    return refusal(plan.question, wording.not_chinese(context.example)), []


def place_not_covered(context: AnswerContext, plan: QueryPlan) -> Outcome:
    text = wording.not_covered(plan.foreign_cities, context.covered_places())
    return refusal(plan.question, text), []


def title_not_indexed(context: AnswerContext, plan: QueryPlan) -> Outcome:
    return refusal(plan.question, wording.title_not_indexed(plan.unindexed_title or "")), []


def comparison(context: AnswerContext, plan: QueryPlan) -> Outcome:
    """One best clause per place (the named ones, else every covered city), found as a
    question of the kind asked of each place would find it (a fine asked: the penalty of the
    duty; a sum asked: a clause stating one)."""
    per_city: list[tuple[str, Retrieved]] = []
    documents = context.corpus.documents()
    asked = replace(plan, fact_kind=asked_kind(plan.question))
    for place in _asked_first(plan.places or plan.cities or context.covered_cities(), plan):
        if place in context.covered_cities():
            filters = SearchFilters(cities=(place,), doc_ids=plan.doc_ids)
        else:  # a province: the documents that apply there
            filters = SearchFilters(doc_ids=place_scope(place, documents) or ())
        retrieved = context.retriever.search(asked, context.top_k, filters)
        if not retrieved.confident:
            retrieved = _the_places_own_words(context, asked, place, filters) or retrieved
        per_city.append((place, _as_asked(context, asked, retrieved)))
    lookup = context.corpus.document
    scoring = context.retriever.scoring
    answer = comparison_answer(plan, per_city, lookup, scoring, plan.foreign_cities)
    return answer, [r.hits[0] for _, r in per_city if r.confident]


def _the_places_own_words(
    context: AnswerContext, plan: QueryPlan, place: str, filters: SearchFilters
) -> Retrieved | None:
    """A comparison may name each place's thing in its own words ("甲地暂停营运、乙地停止
    供水"): a place's search again with only the terms its documents write, when that answers."""
    documents = filters.doc_ids or tuple(
        d.doc_id for d in context.corpus.documents() if d.city == place
    )
    unseen = list(plan.terms)
    for clause in (c for doc in documents for c in context.corpus.clauses(doc)):
        unseen = [g for g in unseen if not any(v in clause.text for v in g.variants)]
        if not unseen:
            return None
    own = tuple(g for g in plan.terms if g not in unseen)
    if not own:
        return None
    found = context.retriever.search(replace(plan, terms=own), context.top_k, filters)
    return found if found.confident else None


def _asked_first(places: Sequence[str], plan: QueryPlan) -> list[str]:
    """The places in the question's order, those its asking part names first: "杭州…最多十五天，
    宁波的呢" asks about 宁波, and 杭州 is what the asker compares it with."""
    part = asking_part(plan.question)
    return sorted(places, key=lambda place: not _named_in(place, part))


def _named_in(place: str, text: str) -> bool:
    """Whether `text` names `place`, by its full name or without its level (浙江省 as 浙江)."""
    short = place[:-1] if place.endswith(PLACE_ENDINGS) and len(place) > 2 else place
    return short in text


def _as_asked(context: AnswerContext, plan: QueryPlan, retrieved: Retrieved) -> Retrieved:
    """A place's best clause for a comparison, by the fact rules that need no refusal: the
    penalty of the duty asked about (citing it, or naming the offence again), else the clause
    stating the kind of sum asked."""
    if not retrieved.confident:
        return retrieved
    if asks_a_penalty(plan):
        return (
            penalty_for_the_duty(context, plan, retrieved)
            or penalty_restating_the_duty(context, plan, retrieved)
            or retrieved
        )
    if asks_how_much(plan) and not states_any_amount(retrieved.hits[0].clause):
        return below.stating_the_asked_sum(context, plan, retrieved) or retrieved
    return retrieved


def fact(context: AnswerContext, plan: QueryPlan) -> Outcome:
    """Retrieve; refuse unless the best clause is on the asked subject (and, for a sum, names
    one); then quote it and state the fact it provably holds. A title stretch may name a
    topic rather than the document asked about: a refusal within the documents so titled is
    tried again over all of them; a refusal is tried again with the thesaurus' words of the
    same meaning for the asker's words the documents never write."""
    whole = context.retriever.search(plan, context.top_k)
    answer, hits = _fact_in_scope(context, plan, whole)
    # confident only once the question's leftover words are set aside (rerank): the asker's
    # situation or scene is tried as it is on a refusal, and its choice preferred
    unsure = answer.refused or whole.evidence < context.retriever.scoring.evidence_threshold
    if unsure and plan.told:
        # the asker's told situation may outweigh the ask: search for the ask, the situation
        # only ranking among its answers
        retried = _the_ask_alone(context, plan, plan.told)
        if not retried[0].refused:
            return retried
    if unsure and plan.scene:
        asked = _ask_alone(plan, plan.scene)
        found = context.retriever.search(asked, context.top_k)
        chosen = _the_ask_chooses(context, asked, whole, found, plan.scene)
        if (
            chosen is not None
            and not (retried := _fact_in_scope(context, asked, chosen))[0].refused
        ):
            return retried
        # refused as a whole, the ask alone answers only when it says enough by itself
        says_enough = len(asked.terms) >= context.retriever.scoring.specific_ask_terms
        lifted = (
            _the_ask_chooses(context, asked, whole, found)
            if says_enough or not answer.refused
            else None
        )
        if (
            lifted is not None
            and not (retried := _fact_in_scope(context, asked, lifted))[0].refused
        ):
            return retried
    if answer.refused and (synonymous := with_thesaurus_forms(plan.terms, context.corpus_terms)):
        # the asker's everyday word may be one the documents never write (坐牢 for 服刑)
        retried = _fact_in_scope(context, replace(plan, terms=synonymous))
        if not retried[0].refused:
            return _saying_the_documents_word(retried, plan.terms, synonymous)
    if answer.refused and plan.names_document:
        wider, wider_hits = _fact_in_scope(context, replace(plan, doc_ids=(), names_document=False))
        if not wider.refused:
            return wider, wider_hits
    if answer.refused and plan.place and not plan.names_document:
        return _fact_within(context, plan, plan.place) or (answer, hits)
    return answer, hits


def _the_ask_alone(
    context: AnswerContext, plan: QueryPlan, situation: tuple[TermGroup, ...]
) -> Outcome:
    """The clauses asked about, searched without the situation's words, which only rank."""
    return _fact_in_scope(context, _ask_alone(plan, situation))


def _ask_alone(plan: QueryPlan, situation: tuple[TermGroup, ...]) -> QueryPlan:
    asked = tuple(t for t in plan.terms if t not in situation)
    return replace(plan, terms=asked, context=situation)


def _the_ask_chooses(
    context: AnswerContext,
    asked: QueryPlan,
    whole: Retrieved,
    found: Retrieved,
    scene: tuple[TermGroup, ...] = (),
) -> Retrieved | None:
    """Among the clauses found for the ask alone, the best one that covers the ask and is
    among the whole question's own best hits; given a `scene`, the best one that also writes
    one of its words: an ask of a few generic words ("由哪个部门管", "有规定吗") is met by many
    clauses, and only the scene says which one. Without one (a question answered only once
    its leftover words are set aside), the scene's words may have ranked a clause on the scene
    above the one on the ask."""
    in_whole = {hit.clause.clause_id for hit in whole.hits}
    evidence = context.retriever.evidence
    ask = CompiledTerms.build(asked.terms, evidence.weights)
    floor = context.retriever.scoring.evidence_threshold
    for hit in found.hits:
        if hit.clause.clause_id not in in_whole:
            continue
        passage = evidence.passage(hit.clause)
        lowered = passage.lower()
        if scene and not any(v.lower() in lowered for g in scene for v in g.variants):
            continue
        if ask.coverage(passage) >= floor:
            return below.lifted(found, hit)
    return None


def _current_version(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> tuple[Retrieved, str | None]:
    """Where both versions of a document are indexed, the current one answers: a best clause
    in a replaced document gives way to the replacing document when that covers the question
    as well as an answer must (unless the question names the older one), and clauses of a
    replaced document are not quoted beside its replacement. Returns the older one's id."""
    if not retrieved.hits:
        return retrieved, None
    replaced = context.replaced
    top = retrieved.hits[0].clause.doc_id
    older = None
    if top in replaced and not (plan.names_document and top in plan.doc_ids):
        filters = SearchFilters(doc_ids=(replaced[top].by.doc_id,))
        current = context.retriever.search(plan, context.top_k, filters)
        if current.confident:
            retrieved, older = current, top
    cited = {h.clause.doc_id for h in retrieved.hits}
    stale = [h for h in retrieved.hits[1:] if h.clause.doc_id in replaced
             and replaced[h.clause.doc_id].by.doc_id in cited]  # fmt: skip
    if stale:
        older = older or stale[0].clause.doc_id
        retrieved = replace(retrieved, hits=tuple(h for h in retrieved.hits if h not in stale))
    return retrieved, older


def _fact_within(context: AnswerContext, plan: QueryPlan, place: str) -> Outcome | None:
    """Nothing that applies across `place` answers: the documents of places inside it may,
    and the answer then says whose rule it quotes."""
    inside = tuple(d for d in within(place, context.corpus.documents()) if d not in plan.doc_ids)
    if not inside:
        return None
    answer, hits = _fact_in_scope(context, replace(plan, doc_ids=inside))
    document = context.corpus.document(answer.citations[0].doc_id) if answer.citations else None
    if answer.refused or document is None or not document.place:
        return None
    return _under_first_line(answer, wording.narrower_place_note(place, document.place)), hits


def _fact_in_scope(
    context: AnswerContext, plan: QueryPlan, searched: Retrieved | None = None
) -> Outcome:
    """`searched`: the plan's search, when the caller has it already."""
    found = searched if searched is not None else context.retriever.search(plan, context.top_k)
    retrieved, older = _current_version(context, plan, found)
    if not retrieved.confident:
        # "那罚多少?" of the rule just quoted: the article citing it answers, whatever the
        # search found for words the turn only inherited
        inherited = asks_a_penalty(plan) and plan.previous_clause and not plan.context
        cited = penalty_for_the_last_answer(context, plan, retrieved) if inherited else None
        if cited is None:
            return refusal(plan.question, wording.not_found(plan, context.covered_places())), []
        retrieved = cited
    evidence = context.retriever.evidence
    scoring = context.retriever.scoring
    retrieved = below.in_the_last_answers_document(context, plan, retrieved) or retrieved
    top, known = retrieved.hits[0], context.corpus_terms
    missing = missing_key_term(plan, top, evidence, scoring, known)
    if missing:
        naming = below.naming_key_term(context, plan, retrieved)
        if naming is not None:
            retrieved = naming
        # a scene word missing ("我搬家了，…多久内要办变更登记") refuses nothing
        elif asked := missing_key_term(plan, top, evidence, scoring, known, asked_only=True):
            return refusal(plan.question, wording.not_named(plan, asked)), []
    if asks_a_penalty(plan):
        retrieved = (
            penalty_for_the_last_answer(context, plan, retrieved)
            or penalty_for_the_duty(context, plan, retrieved)
            or penalty_restating_the_duty(context, plan, retrieved)
            or retrieved
        )
    else:
        retrieved = duty_before_its_penalty(context, plan, retrieved) or retrieved
    retrieved = below.stating_the_asked_figure(context, plan, retrieved) or retrieved
    retrieved = below.writing_the_asked_count(context, plan, retrieved) or retrieved
    if asks_a_length(plan) and not any(
        states_a_length(h.clause, plan.question) for h in retrieved.hits
    ):
        return refusal(plan.question, wording.no_length(plan)), []
    if asks_how_often(plan) and not states_an_interval(retrieved.hits[0].clause):
        return refusal(plan.question, wording.no_length(plan)), []
    if year := _year_not_indexed(context, plan, retrieved):
        return refusal(plan.question, wording.year_not_found(plan, year)), []
    if asks_how_much(plan) and not states_any_amount(retrieved.hits[0].clause):
        if who := _left_to_another(retrieved.hits[0].clause):
            return refusal(plan.question, wording.delegated(plan, who)), []
        stating = below.stating_the_asked_sum(
            context, plan, retrieved
        ) or below.figure_in_the_last_answer(context, plan, retrieved)
        if stating is None:
            return refusal(plan.question, wording.no_amount(plan)), []
        retrieved = stating
    if asks_a_share(plan) and not states_a_share(retrieved.hits[0].clause):
        if who := _left_to_another(retrieved.hits[0].clause):
            return refusal(plan.question, wording.delegated(plan, who)), []
        stating = below.stating_a_share(context, plan, retrieved)
        if stating is None:
            return refusal(plan.question, wording.no_share(plan)), []
        retrieved = stating
    if asks_a_score(plan) and not states_the_asked_count(retrieved.hits[0].clause, plan):
        stating = below.stating_a_score(context, plan, retrieved)
        if stating is None:
            return refusal(plan.question, wording.no_score(plan)), []
        retrieved = stating
    answer = extractive_answer(plan, retrieved, context.corpus.document, context.top_k, scoring)
    if _sum_asked_and_none_quoted(plan, answer):
        # the clauses name the asked sum ("不得低于本市公布的标准") but none states one
        return refusal(plan.question, wording.no_amount(plan)), []
    if _length_asked_and_none_quoted(plan, answer):
        return refusal(plan.question, wording.no_length(plan)), []
    older_document = context.corpus.document(older) if older else None
    if older_document is not None:  # answered from the current version: name the older one
        answer = with_older_version(answer, older_document, context.corpus.clauses(older or ""))
    return answer, list(retrieved.hits)


def _sum_asked_and_none_quoted(plan: QueryPlan, answer: Answer) -> bool:
    """A sum of money asked (not a share of one) and no quoted passage states any sum."""
    if not asks_how_much(plan) or figures.ASKED_SHARE.search(plan.question) or answer.direct:
        return False
    return not any(states_any_amount_in(citation.quote) for citation in answer.citations)


def _length_asked_and_none_quoted(plan: QueryPlan, answer: Answer) -> bool:
    """A length of time asked in its unit and no quoted passage writes one in that unit."""
    if not asks_a_length(plan) or answer.direct:
        return False
    return not any(writes_a_length(citation.quote, plan.question) for citation in answer.citations)


def _left_to_another(clause: Clause) -> str | None:
    """Who sets the figure the best clause leaves to another authority ("具体…由…规定"): the
    sum or share asked is then not stated, and another clause's figure is no answer."""
    left = figures.DELEGATED_FIGURE.search(clause.text)
    return left.group("who") if left else None


def _year_not_indexed(context: AnswerContext, plan: QueryPlan, retrieved: Retrieved) -> str | None:
    if plan.fact_kind not in FIGURE_KINDS:  # a figure stated for some year
        return None
    texts: list[str] = []
    for hit in retrieved.hits:
        document = context.corpus.document(hit.clause.doc_id)
        texts.extend((hit.clause.text, document.title if document else ""))
    return other_years_only(plan.question, texts, retrieved.hits[0].clause.text)


def _saying_the_documents_word(
    outcome: Outcome, asked: Sequence[TermGroup], synonymous: Sequence[TermGroup]
) -> Outcome:
    """The answer found by a word of the same meaning says which word of the asker's the
    quoted clause writes otherwise, so the asker can judge the reading."""
    answer, hits = outcome
    quoted = answer.citations[0].quote if answer.citations else ""
    for own, widened in zip(asked, synonymous, strict=True):
        written = next((v for v in widened.variants[len(own.variants) :] if v in quoted), None)
        if written is not None:
            return _under_first_line(answer, wording.read_as_note(own.term, written)), hits
    return outcome


def _under_first_line(answer: Answer, note: str) -> Answer:
    first, _, rest = answer.answer.partition("\n")
    return replace(answer, answer="\n".join(p for p in (first, note, rest) if p))


def document_record(context: AnswerContext, plan: QueryPlan) -> Outcome:
    return record(context, plan, fallback=fact)


HANDLERS: dict[Intent, Handler] = {
    Intent.GREETING: greet,
    Intent.NOT_CHINESE: ask_in_chinese,
    Intent.UNCOVERED_PLACE: place_not_covered,
    Intent.CATALOGUE: document_handlers.catalogue,
    Intent.ISSUE_DATE: document_handlers.issue_date,
    Intent.CLAUSE_TEXT: document_handlers.clause_text,
    Intent.TITLE_NOT_INDEXED: title_not_indexed,
    Intent.RECORD: document_record,
    Intent.ISSUER_CITY: document_handlers.issuer_city,
    Intent.COMPARISON: comparison,
    Intent.FACT: fact,
}


def answer_plan(context: AnswerContext, plan: QueryPlan) -> Outcome:
    intent = intent_of(plan)
    answer, hits = HANDLERS[intent](context, plan)
    # a comparison's lines rest on one document each: its first line is no summary of them
    if answer.citations and intent is not Intent.COMPARISON:
        document = context.corpus.document(answer.citations[0].doc_id)
        if plan.city_without_documents and document is not None and document.place:
            note = wording.wider_place_note(plan.city_without_documents, document.place)
            answer = _under_first_line(answer, note)
        answer = with_validity(answer, document, context.today())
        replacement = context.replaced.get(answer.citations[0].doc_id)
        if replacement is not None:
            clauses = context.corpus.clauses(replacement.by.doc_id)
            answer = with_replacement(answer, replacement, clauses)
    return answer, hits
