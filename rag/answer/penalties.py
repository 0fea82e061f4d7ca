"""A penalty asked for breaking a duty: the clause that cites the duty's article answers.

Regulations lay a duty down in one article and punish its breach in the 法律责任 chapter,
which names the duty only by its number ("违反本办法第九条规定，未……的，处……罚款"). A
question about breaking the duty shares its words with the duty, seldom with the penalty;
the citation is what links the two.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from rag.answer.context import AnswerContext
from rag.answer.gates import covering_hits
from rag.lexicon.asking import PASSAGES_STATED
from rag.lexicon.cues import LIABILITY_CHAPTER, SELF_CITATION, SELF_CITED_ARTICLE
from rag.lexicon.figures import FINE_ASKED, FINE_STATED
from rag.query.analysis import QueryPlan
from rag.records import Clause, Hit, Sentence
from rag.retrieve.evidence import CompiledTerms
from rag.retrieve.rerank import Retrieved
from rag.text.clause_key import clause_key, numeral_value
from rag.text.sentences import item_label

_PENALTY = PASSAGES_STATED["penalty"]
# the shortest stretch of a duty's text a penalty restating it writes again: longer than the
# stock phrases every article shares ("单位或者个人", "违反本条例规定")
RESTATED_CHARS = 10


@dataclass(frozen=True)
class Duty:
    """Where a clause stands in its document's numbering: its article and, for a listed
    item of that article, the item's number."""

    article: int
    item: int | None = None


def asks_a_penalty(plan: QueryPlan) -> bool:
    """ "罚多少", "会被罚吗", "会被怎么处理": the consequence of breaking a rule is asked."""
    return "penalty" in plan.passages or bool(FINE_ASKED.search(plan.question))


def punishes(clause: Clause) -> bool:
    """A clause of the liability chapter, or one stating a penalty."""
    in_chapter = any(LIABILITY_CHAPTER.search(heading) for heading in clause.path)
    return in_chapter or bool(_PENALTY.search(clause.text))


def states_a_fine(text: str) -> bool:
    return bool(FINE_STATED.search(text))


def penalty_for_the_duty(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """The best clause states no fine: of the clauses covering the question nearly as fully
    as it (evidence within `figure_evidence`: the duty the asker breaks may share fewer of the
    question's words than a clause on the same things that imposes none), the first that is a
    duty some clause of its document punishes by citing it gives way to that penalty, quoted
    at the sentence citing it."""
    if states_a_fine(retrieved.hits[0].clause.text):
        return None
    terms = CompiledTerms.build(plan.terms, context.retriever.evidence.weights)
    documents: dict[str, Sequence[Clause]] = {}
    near = context.retriever.scoring.figure_evidence
    for hit in _as_covering(context, terms, retrieved, 0, within=near):
        if punishes(hit.clause):
            continue  # a penalty itself, not the duty it punishes
        doc_id = hit.clause.doc_id
        clauses = documents.setdefault(doc_id, context.corpus.clauses(doc_id))
        duty = duty_of(hit.clause, clauses, hit.sentence)
        found = penalty_citing(duty, clauses, terms) if duty else None
        if found is not None:
            return _lifted(retrieved, found)
    return None


def penalty_restating_the_duty(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """The best clause states no fine and no clause cites its article: the sentence of its
    document that states a fine for an offence described in the question's words ("违反本条例
    规定，在…内…的，…处…罚款", a penalty restating its duty rather than citing it), covering
    the question at least as an answer must, answers."""
    top = retrieved.hits[0].clause
    if states_a_fine(top.text):
        return None
    terms = CompiledTerms.build(plan.terms, context.retriever.evidence.weights)
    floor = context.retriever.scoring.evidence_threshold
    fining = [
        (clause, sentence)
        for clause in context.corpus.clauses(top.doc_id)
        if punishes(clause)
        for sentence in clause.sentences
        if states_a_fine(_rest_of_clause(clause, sentence))
    ]
    covered = [(terms.coverage(s.text), c, s) for c, s in fining]
    best = max(covered, key=lambda found: found[0], default=None)
    if best and best[0] >= floor:
        return _lifted(retrieved, (best[1], best[2]))
    restating = _restating_in_its_words(top, fining, terms)
    return _lifted(retrieved, restating) if restating else None


def _restating_in_its_words(
    duty: Clause, fining: Sequence[tuple[Clause, Sentence]], terms: CompiledTerms
) -> tuple[Clause, Sentence] | None:
    """The fining sentence that writes the longest stretch of the duty's own text, at least
    `RESTATED_CHARS` long and writing one of the question's terms whole: a penalty restates
    the conduct it punishes in the words of the article forbidding it ("不得擅自拆除…指示牌"
    → "擅自拆除…指示牌的，…处…罚款")."""
    found: tuple[int, Clause, Sentence] | None = None
    for clause, sentence in fining:
        if clause.clause_id == duty.clause_id:
            continue
        match = SequenceMatcher(None, duty.text, sentence.text, autojunk=False).find_longest_match(
            0, len(duty.text), 0, len(sentence.text)
        )
        stretch = duty.text[match.a : match.a + match.size]
        if match.size < RESTATED_CHARS or not terms.names_any(stretch):
            continue
        if found is None or match.size > found[0]:
            found = (match.size, clause, sentence)
    return (found[1], found[2]) if found else None


def penalty_for_the_last_answer(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """A follow-up asking the penalty ("那不办会怎么样？", "超期了罚多少？") of the clause the
    last answer quoted first: the clause citing it answers. A follow-up with a subject of its
    own ("那不登记呢？") asks about that subject, so every word of it must stand in the penalty."""
    previous = context.corpus.clause(plan.previous_clause) if plan.previous_clause else None
    if previous is None:
        return None
    clauses = context.corpus.clauses(previous.doc_id)
    duty = duty_of(previous, clauses)
    evidence = context.retriever.evidence
    terms = CompiledTerms.build((*plan.terms, *plan.context), evidence.weights)
    found = penalty_citing(duty, clauses, terms) if duty else None
    if found is None:
        return None
    penalty = _rest_of_clause(*found)
    own_subject = plan.terms if plan.context else ()  # context set: the turn named its own
    if not all(any(v in penalty for v in group.variants) for group in own_subject):
        return None
    return _lifted(retrieved, found)


def duty_before_its_penalty(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """No penalty is asked and the best clause punishes the breach of an article of its own
    document that covers the question as fully (evidence within `equal_evidence`): that
    article answers ("可以…吗", "要…吗" are answered by the rule, not by its penalty)."""
    top = retrieved.hits[0]
    if not punishes(top.clause):
        return None
    text = top.sentence.text if top.sentence else top.clause.text
    cited = {article for article, _ in _citations(text)}
    if not cited:
        return None
    terms = CompiledTerms.build(plan.terms, context.retriever.evidence.weights)
    clauses = context.corpus.clauses(top.clause.doc_id)
    for hit in _as_covering(context, terms, retrieved, 1):
        if hit.clause.doc_id != top.clause.doc_id or punishes(hit.clause):
            continue
        duty = duty_of(hit.clause, clauses, hit.sentence)
        if duty is not None and duty.article in cited:
            others = tuple(h for h in retrieved.hits if h is not hit)
            return replace(retrieved, hits=(hit, *others), support=None)
    return None


def _as_covering(
    context: AnswerContext,
    terms: CompiledTerms,
    retrieved: Retrieved,
    start: int,
    within: float | None = None,
) -> Iterator[Hit]:
    """The hits from `start` on, among the `key_term_reach` best, covering the question about
    as fully as the best one (evidence within `within`, by default `equal_evidence`)."""
    evidence, scoring = context.retriever.evidence, context.retriever.scoring
    floor = retrieved.evidence - (scoring.equal_evidence if within is None else within)
    return covering_hits(retrieved, terms, evidence, floor, start, scoring.key_term_reach)


def _citations(text: str) -> list[tuple[int, int | None]]:
    """(article, item) of every article of its own document a text cites ("违反本条例第十一条、
    第十二条第(三)项规定" -> (11, None), (12, 3))."""
    found: list[tuple[int, int | None]] = []
    for span in SELF_CITATION.finditer(text):
        for article, item in SELF_CITED_ARTICLE.findall(span.group(0)):
            value = numeral_value(article)
            if value is not None:
                found.append((value, numeral_value(item) if item else None))
    return found


def duty_of(
    clause: Clause, clauses: Sequence[Clause], sentence: Sentence | None = None
) -> Duty | None:
    """The article a clause belongs to (its own label, else the nearest article above it: a
    paragraph or listed item carries no article label), and the item it is, or the item
    its best `sentence` is, when that is a listed one."""
    item = _item_number(clause.text)
    if item is None and sentence is not None:
        item = _item_number(sentence.text)
    ids = [c.clause_id for c in clauses]
    position = ids.index(clause.clause_id) if clause.clause_id in ids else -1
    for above in reversed(clauses[: position + 1]):
        key = clause_key(above.number or "")
        if key.family == "article" and key.value is not None:
            return Duty(key.value, item)
    return None


def _item_number(text: str) -> int | None:
    key = clause_key(item_label(text) or "")
    return key.value if key.family == "item" else None


def penalty_citing(
    duty: Duty, clauses: Sequence[Clause], terms: CompiledTerms
) -> tuple[Clause, Sentence] | None:
    """The sentence of the document that cites the duty's article (its item, when the
    citation names items) and states a fine, else any penalty; of several (one article's
    paragraphs punished apart), the one naming most of the question's words, then the first."""
    citing = [
        (clause, sentence)
        for clause in clauses
        for sentence in clause.sentences
        if _cites(sentence.text, duty) and _PENALTY.search(_rest_of_clause(clause, sentence))
    ]
    fined = [(c, s) for c, s in citing if states_a_fine(_rest_of_clause(c, s))]
    chosen = fined or citing
    return max(chosen, key=lambda found: terms.coverage(found[1].text)) if chosen else None


def _cites(text: str, duty: Duty) -> bool:
    return any(
        article == duty.article and (item is None or duty.item is None or item == duty.item)
        for article, item in _citations(text)
    )


def _rest_of_clause(clause: Clause, sentence: Sentence) -> str:
    """The citing sentence and what follows it in the clause (a citation's penalty may
    stand in the sentence after it: "违反本条例第九条规定的，责令改正。逾期不改正的，处……")."""
    return clause.text[sentence.start - clause.start :]


def _lifted(retrieved: Retrieved, found: tuple[Clause, Sentence]) -> Retrieved:
    """The penalty first, at its citing sentence and, when the penalty itself stands in a
    later sentence ("…责令限期改正；逾期不改正的，处…罚款。"), that one too. No direct line is
    drawn from it: the citation, not the asker's words, makes the sentence about the subject,
    and one citing sentence can fine several parties or cases differently."""
    clause, sentence = found
    hit = Hit(clause, retrieved.hits[0].score, sentence=sentence)
    others = tuple(h for h in retrieved.hits if h.clause.clause_id != clause.clause_id)
    return replace(retrieved, hits=(hit, *others), support=_penalty_after(clause, sentence))


def _penalty_after(clause: Clause, citing: Sentence) -> Sentence | None:
    """The first sentence from the citing one on that states a fine (else any penalty), when
    it is not the citing sentence itself."""
    after = [s for s in clause.sentences if s.start >= citing.start]
    stating = next((s for s in after if states_a_fine(s.text)), None) or next(
        (s for s in after if _PENALTY.search(s.text)), None
    )
    return None if stating is None or stating == citing else stating
