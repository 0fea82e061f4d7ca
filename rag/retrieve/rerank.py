"""Re-ranking fused hits by evidence, picking each clause's best sentence, and recording the
asked fact that sentence provably states (so the answer never searches for it again).

Pure functions of the plan, the evidence model and the `ScoringModel`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from rag.facts.per_unit import asked_units, states_sum_per
from rag.facts.precision import asked_years
from rag.facts.spans import (
    Span,
    asked_unit,
    contact_span,
    fact_span,
    greatest_band,
    stated_in_the_asked_unit,
)
from rag.facts.tiers import tier_fragment
from rag.lexicon import figures
from rag.lexicon.asking import (
    ASKER_ACTS_THEMSELVES,
    BAND_LABEL,
    DEFAULT_RULE,
    INDIVIDUAL_PARTY,
    NOTHING_AGREED_ASKED,
    ONE_SENTENCE,
    PASSAGES_STATED,
    SENTENCE_SUBJECT,
)
from rag.lexicon.cues import DEFINES, DEFINITION_ASKED, DEFINITION_MARK, QUOTED_TERM_ASKED
from rag.lexicon.divisions import NATIONAL
from rag.lexicon.figures import CONTINUED, FIGURE_KINDS, LEADS_IN, NUMBER_BEFORE
from rag.lexicon.units import GENERIC_MEASURE, SAME_COUNT, alternation
from rag.query.analysis import QueryPlan
from rag.records import Clause, Hit, Sentence
from rag.retrieve.evidence import CompiledTerms, EvidenceModel
from rag.retrieve.scoring import ScoringModel
from rag.text.segment import is_general_word
from rag.text.sentences import (
    TITLE_CHARS,
    clause_title,
    item_label,
    lead_in,
    lead_in_sentence,
    quote_span,
)

_FIGURE = re.compile(r"\d")
SENTENCE_FACTS = (
    "amount",
    "count",
    "date",
    "duration",
    "age",
    "contact",
    "department",
)  # kinds a direct line may state


_SUPPORTED_FACTS = ("age", "duration")  # a clause may state one for two groups or cases


@dataclass(frozen=True)
class Retrieved:
    """Ranked hits (best first), the evidence of the best one, and whether it answers."""

    hits: tuple[Hit, ...]
    evidence: float
    support: Sentence | None = None  # a second sentence of the best clause worth quoting
    confident: bool = False  # the best hit's evidence reaches the model's threshold


@dataclass(frozen=True)
class _Scored:
    score: float
    evidence: float
    hit: Hit


def rerank(
    fused: Sequence[Hit], plan: QueryPlan, model: EvidenceModel, k: int, scoring: ScoringModel
) -> Retrieved:
    """Blend evidence and fused rank, attach the best sentence and its fact, keep the top k.

    Two stages for speed: every candidate gets the clause-level score; only the best
    `scoring.sentence_stage` of them are scored sentence by sentence.
    """
    if not fused:
        return Retrieved((), 0.0)
    terms = CompiledTerms.build(plan.terms, model.weights)
    context = CompiledTerms.build(plan.context, model.weights)
    first: list[_Scored] = []
    units = asked_units(plan.question) if plan.fact_kind == "amount" else ()
    asked = (*plan.cities, plan.place) if plan.place else plan.cities
    years = asked_years(plan.question)
    asks_an_age = plan.fact_kind == "age"
    asks_a_contact = plan.fact_kind == "contact"
    defined = definition_of_asked_term(plan.question)
    for position, hit in enumerate(fused):
        passage = model.passage(hit.clause)
        evidence = terms.coverage(passage)
        share = 1.0 / (1.0 + scoring.rank_decay * position)  # RRF scores are flat at the top
        score = scoring.evidence_weight * evidence + (1 - scoring.evidence_weight) * share
        score += scoring.context_bonus * context.coverage(passage)
        score += scoring.phrase_bonus * phrase_share(plan, passage)
        if units and states_sum_per(hit.clause.text, units):
            score += scoring.unit_bonus
        if lists_asked(plan, hit.clause.text):
            score += scoring.passage_bonus
        if defined and defined.search(hit.clause.text):
            score += scoring.definition_bonus
        if in_excluded_band(plan, hit.clause.text):
            score -= scoring.excluded_band_penalty
        # the asked place's own rule; with no place asked, the rule that applies everywhere
        if model.of_asked_place(hit.clause.doc_id, asked or (NATIONAL,)):
            score += scoring.own_place_bonus
        if years and any(year in hit.clause.text for year in years):
            score += scoring.asked_year_bonus
        if asks_an_age and fact_span("age", hit.clause.text, (), plan.question):
            score += scoring.age_stated_bonus
        if asks_a_contact and contact_span(hit.clause.text, plan.question):
            score += scoring.contact_stated_bonus
        first.append(_Scored(score, evidence, hit))
    first.sort(key=lambda item: -item.score)
    first = _evidence_leader_first(first, scoring)
    scored = [
        _with_sentence(s, plan, terms, scoring) for s in first[: max(k, scoring.sentence_stage)]
    ]
    scored.sort(key=lambda item: -item.score)
    best = [replace(s.hit, fact=quoted_fact(s.hit, plan, scoring)) for s in scored[:k]]
    support = supporting_sentence(best[0], plan, terms, scoring) or continuation(
        best[0], plan, terms
    )
    confident = _grounded_evidence(scored[0], terms, model) >= scoring.evidence_threshold
    return Retrieved(tuple(best), scored[0].evidence, support, confident)


def _grounded_evidence(top: _Scored, terms: CompiledTerms, model: EvidenceModel) -> float:
    """The best hit's evidence over the terms that tell something, for the refusal only: a
    term no passage writes a character pair of, and no dictionary knows, is a segmentation
    leftover or slang ("门夹" of "手被门夹了"); counting it against every passage alike would
    refuse on it. A dictionary word the corpus never writes ("养鸟") still counts: it names a
    topic the corpus lacks. Ranking and the other evidence floors keep every term."""

    def uncoverable(term: str, variants: tuple[str, ...]) -> bool:
        attested = any(model.weights.attests(v) for v in variants)
        return not attested and not is_general_word(term)

    grounded = terms.without(uncoverable)
    if grounded is terms:
        return top.evidence
    return max(top.evidence, grounded.coverage(model.passage(top.hit.clause)))


def definition_of_asked_term(question: str) -> re.Pattern[str] | None:
    """Where a clause defines the term the question asks the meaning of: any ending of the
    words before "指…" ("…里的老城区指哪些街道" asks 老城区), the words after "什么是", or a
    term the asker quotes."""
    asked = DEFINITION_ASKED.search(question)
    if asked is not None:
        words = asked.group("before") or asked.group("after") or ""
        before = asked.group("before")
        endings = [words[i:] for i in range(len(words) - 1)] if before else [words]
    elif quoted := QUOTED_TERM_ASKED.search(question):
        endings = [quoted.group("quoted")]
    else:
        return None
    terms = "|".join(re.escape(e) for e in endings)
    return re.compile(DEFINES.format(mark=DEFINITION_MARK, term=f"(?:{terms})"))


def _evidence_leader_first(first: list[_Scored], scoring: ScoringModel) -> list[_Scored]:
    """A clause covering the question clearly better than the top-ranked one (by at least
    `scoring.evidence_lead`) goes above it, by its lead: the fused rank share would keep a
    short clause found late by both retrievers below one that merely shares more words with
    the question's wording. Over a top one that would be refused, only by twice that lead: a
    reordering turns a refusal into an answer only when the evidence says so plainly."""
    top = first[0]
    leader = max(first, key=lambda item: item.evidence)
    lead = leader.evidence - top.evidence
    refused = top.evidence < scoring.evidence_threshold
    if lead < (scoring.evidence_lead * 2 if refused else scoring.evidence_lead):
        return first
    raised = top.score + scoring.evidence_weight * lead
    first = [replace(item, score=raised) if item is leader else item for item in first]
    return sorted(first, key=lambda item: -item.score)


def _with_sentence(
    scored: _Scored, plan: QueryPlan, terms: CompiledTerms, scoring: ScoringModel
) -> _Scored:
    hit, score = scored.hit, scored.score
    found = best_sentence(hit.clause, plan, terms, scoring)
    sentence, fact = found if found else (None, None)
    if sentence is not None:
        score += sentence_bonus(sentence.text, plan, fact is not None, scoring.fact_bonus, scoring)
    hit = replace(hit, score=score, sentence=sentence, fact=fact)
    return _Scored(score, scored.evidence, hit)


def quoted_fact(hit: Hit, plan: QueryPlan, scoring: ScoringModel) -> Span | None:
    """The asked fact (document offsets) inside the span the answer will quote: the one the
    sentence scoring found, or, when a bare title is quoted with its next sentence, the one
    that wider span states."""
    clause, sentence = hit.clause, hit.sentence
    start, end = quote_span(clause, sentence)
    if sentence is not None and (start, end) == (sentence.start, sentence.end):
        return hit.fact
    text = clause.text[start - clause.start : end - clause.start]
    band = tier_fragment(clause.text, plan.question)
    before = _subject_of_the_bands(clause, band, start, end)
    return sentence_fact(plan, text, scoring, before or clause_title(clause), start)


def _subject_of_the_bands(clause: Clause, band: Span | None, start: int, end: int) -> str | None:
    """What the clause writes before the document span [start, end) when the span holds
    `band` (clause offsets), the band of the asker's number: a later band leaves out the
    subject the first one wrote ("…累计…已满1年不满5年的，…；已满5年…的，…"), so it is read
    with that text."""
    if band is None or not (start < clause.start + band[1] and clause.start + band[0] < end):
        return None
    return clause.text[: start - clause.start]


def sentence_fact(
    plan: QueryPlan, text: str, scoring: ScoringModel, title: str = "", offset: int = 0
) -> Span | None:
    """Where `text` (at document `offset`) provably states the asked fact (the direct
    answer's rules: the asked subject and year, no unmapped enumeration), else None;
    `title` is the title sentence of its clause, which names the subject of every sentence."""
    if plan.fact_kind not in SENTENCE_FACTS or in_excluded_band(plan, text):
        return None
    context = title + text
    found = fact_span(
        plan.fact_kind, text, plan.terms, plan.question, True, context, scoring.near_chars
    )
    return (offset + found[0], offset + found[1]) if found else None


def best_sentence(
    clause: Clause, plan: QueryPlan, terms: CompiledTerms, scoring: ScoringModel
) -> tuple[Sentence, Span | None] | None:
    """The clause sentence covering most of the question (on near-ties the informative one),
    with the asked fact it states."""
    if not clause.sentences:
        return None
    title = clause_title(clause)
    # the band holding the asker's own number ("室温只有N度"), whatever its answer states
    band = tier_fragment(clause.text, plan.question)
    bands_subject = {
        s.start: subject
        for s in clause.sentences
        if (subject := _subject_of_the_bands(clause, band, s.start, s.end)) is not None
    }

    def context_of(sentence: Sentence) -> str:
        subject = bands_subject.get(sentence.start)
        return subject if subject is not None else title + lead_in(clause, sentence)

    candidates = [
        (s, sentence_fact(plan, s.text, scoring, context_of(s), s.start)) for s in clause.sentences
    ]
    greatest = greatest_band(plan.fact_kind, clause.text, plan.question)
    at = clause.start + greatest[0] if greatest else None
    nothing_agreed = NOTHING_AGREED_ASKED.search(plan.question) is not None
    in_the_unit = _figure_in_the_asked_unit(plan)
    asker_acts = ASKER_ACTS_THEMSELVES.search(plan.question) is not None

    def score(candidate: tuple[Sentence, Span | None]) -> float:
        sentence, fact = candidate
        holds_greatest = at is not None and sentence.start <= at < sentence.end
        holds_band = sentence.start in bands_subject
        bonus = scoring.sentence_fact_bonus if holds_greatest or holds_band else 0.0
        # a listed item is read with its lead-in, which names what every item is about
        heading = lead_in_sentence(clause, sentence)
        covered = f"{heading.text}{sentence.text}" if heading else sentence.text
        if holds_band:
            covered = context_of(sentence) + sentence.text
        if nothing_agreed and DEFAULT_RULE.search(covered):
            bonus += scoring.sentence_fact_bonus  # the asker's case is the default rule's
        if asker_acts and _individuals_sentence(sentence.text):
            bonus += scoring.sentence_fact_bonus  # "我本人能去办吗": the individual's right
        if in_the_unit is not None and in_the_unit.search(sentence.text):
            bonus += scoring.fact_bonus  # "多少度": the sentence writing N摄氏度
        return sentence_score(sentence.text, fact, plan, terms, scoring, covered) + bonus

    def in_the_asked_unit(candidate: tuple[Sentence, Span | None]) -> bool:
        """On a tie, the sentence whose fact is in the very unit asked (天, not 工作日)."""
        fact = candidate[1]
        if fact is None:
            return False
        found = clause.text[fact[0] - clause.start : fact[1] - clause.start]
        return stated_in_the_asked_unit(found, plan.question)

    return max(candidates, key=lambda c: (round(score(c), 9), in_the_asked_unit(c)))


def _individuals_sentence(text: str) -> bool:
    """A sentence whose subject is a person (职工, 近亲属…), not an organisation."""
    subject = SENTENCE_SUBJECT.search(text)
    return subject is not None and INDIVIDUAL_PARTY.search(subject.group("subject")) is not None


def _figure_in_the_asked_unit(plan: QueryPlan) -> re.Pattern[str] | None:
    """A number in the measure the question asks in ("多少度", "几户"), any measure word aside."""
    unit = asked_unit(plan.question) if plan.fact_kind == "count" else None
    if unit is None or unit == GENERIC_MEASURE:
        return None
    return _number_in(unit)


@cache  # one pattern per unit, not one per clause scored
def _number_in(unit: str) -> re.Pattern[str]:
    return re.compile(NUMBER_BEFORE + alternation(*SAME_COUNT.get(unit, (unit,))))


def sentence_score(
    text: str,
    fact: Span | None,
    plan: QueryPlan,
    terms: CompiledTerms,
    scoring: ScoringModel,
    covered: str | None = None,
) -> float:
    """How well a sentence answers; `covered`: the text its coverage of the question is
    measured on, when more than the sentence speaks for it (a listed item's lead-in)."""
    # A bare title sentence ("构建科技企业“梯次孵化”体系。") covers words but says nothing;
    # a sentence stating a figure usually carries the substance of the clause.
    informative = scoring.figure_bonus if _FIGURE.search(text) else 0.0
    terse = 0.0
    if len(text) < TITLE_CHARS and item_label(text) is None:  # a listed item is no title
        fact_question = plan.fact_kind in SENTENCE_FACTS
        terse = scoring.title_penalty_fact if fact_question else scoring.title_penalty
    bonus = sentence_bonus(text, plan, fact is not None, scoring.sentence_fact_bonus, scoring)
    return terms.coverage(covered or text) + informative - terse + bonus


def sentence_bonus(
    text: str, plan: QueryPlan, states_fact: bool, fact_bonus: float, scoring: ScoringModel
) -> float:
    """A sentence stating the kind of fact asked (an amount, a date …) is what a fact
    question wants; a target question wants a plan ("力争…以上"), not a past record."""
    bonus = fact_bonus if states_fact else 0.0
    if any(PASSAGES_STATED[kind].search(text) for kind in plan.passages if kind in ONE_SENTENCE):
        bonus += fact_bonus  # "怎么赔": the sentence saying 赔偿 answers, not its lead-in
    if plan.wants_target:
        bonus += scoring.target_bonus if figures.PLANNED.search(text) else 0.0
        bonus -= scoring.target_bonus if figures.ACHIEVED.search(text) else 0.0
    return bonus


def in_excluded_band(plan: QueryPlan, text: str) -> bool:
    """Whether `text` is the band of a group the asker is not in ("(一)在职职工：…" when the
    question says "我不是在职职工")."""
    if not plan.excluded:
        return False
    label = BAND_LABEL.match(text)
    return label is not None and any(group in label.group("label") for group in plan.excluded)


def lists_asked(plan: QueryPlan, text: str) -> bool:
    """Whether `text` lists what the question asks to have listed (materials, conditions…)."""
    return any(PASSAGES_STATED[kind].search(text) for kind in plan.passages)


def phrase_share(plan: QueryPlan, passage: str) -> float:
    if not plan.phrases:
        return 0.0
    lowered = passage.lower()
    return sum(p in lowered for p in plan.phrases) / len(plan.phrases)


def continuation(hit: Hit, plan: QueryPlan, terms: CompiledTerms) -> Sentence | None:
    """A figure asked and the best sentence states none but goes on: after a semicolon
    ("…的，责令改正；拒不改正的，处…罚款") the next sentence stating one, and under a lead-in
    ("应当符合下列条件：") the listed item stating one that covers most of the question."""
    sentence = hit.sentence
    if plan.fact_kind not in FIGURE_KINDS or sentence is None:
        return None
    if fact_span(plan.fact_kind, sentence.text, ()) is not None:
        return None
    after = [s for s in hit.clause.sentences if s.start >= sentence.end]
    stating = [s for s in after if fact_span(plan.fact_kind, s.text, ()) is not None]
    if not stating:
        return None
    ending = sentence.text.rstrip()[-1:]
    if ending in CONTINUED and stating[0] is after[0]:
        return stating[0]
    if stating[0] is after[0] and _names_more(stating[0].text, sentence.text, terms):
        return stating[0]
    # under a lead-in (the best sentence, or the one its item stands under), the items
    lead = sentence if ending in LEADS_IN else lead_in_sentence(hit.clause, sentence)
    if lead is None:
        return None
    items = [s for s in stating if lead_in_sentence(hit.clause, s) == lead]
    return max(items, key=lambda s: terms.coverage(s.text)) if items else None


def _names_more(text: str, than: str, terms: CompiledTerms) -> bool:
    """Whether `text` writes a question term `than` does not: the next sentence stating the
    asked figure names what the ask is about ("…可以申请复核。复核机关应当在三十日内答复。")."""
    return any(
        any(v.text in text for v in group.variants)
        and not any(v.text in than for v in group.variants)
        for group in terms.groups
    )


def escalation(hit: Hit, plan: QueryPlan) -> Sentence | None:
    """A sum asked and the best sentence states one, then goes on after a semicolon to a
    heavier penalty for not complying ("…可以处一百元罚款；拒不改正的，处五百元罚款"): that
    sentence too, since the question may be asked from either rung."""
    sentence = hit.sentence
    if plan.fact_kind != "amount" or sentence is None:
        return None
    if (
        sentence.text.rstrip()[-1:] not in CONTINUED
        or fact_span("amount", sentence.text, ()) is None
    ):
        return None
    after = [s for s in hit.clause.sentences if s.start >= sentence.end]
    if not after or not figures.ESCALATION.match(after[0].text):
        return None
    return after[0] if fact_span("amount", after[0].text, ()) is not None else None


def supporting_sentence(
    hit: Hit, plan: QueryPlan, terms: CompiledTerms, scoring: ScoringModel
) -> Sentence | None:
    """For an open question ("有哪些改革"), the clause's next most relevant sentence, when it
    is nearly as relevant as the best one: the answer then quotes both."""
    open_question = plan.fact_kind in ("general", "yesno")
    if not (open_question or plan.fact_kind in _SUPPORTED_FACTS) or hit.sentence is None:
        return None
    best = terms.coverage(hit.sentence.text)
    others = [
        s
        for s in hit.clause.sentences
        if s != hit.sentence
        and len(s.text) >= TITLE_CHARS
        and not s.text.startswith(("(", "（"))
        # a fact question: a second sentence stating the same kind of fact (another band)
        and (open_question or fact_span(plan.fact_kind, s.text, ()) is not None)
    ]
    if not others or best <= 0:
        return None
    runner_up = max(others, key=lambda s: terms.coverage(s.text))
    share = terms.coverage(runner_up.text) / best
    return runner_up if share >= scoring.support_share else None
