"""The scoring model: every weight and threshold ranking uses, declared and documented once.

The composition root builds one `ScoringModel` and hands it to the retriever (the answer
handlers read it there); nothing below it keeps a number of its own, and the fact precision
rules get theirs as arguments. The defaults were measured on the seed golden set (README,
"Answering and evaluation"); change one only with the golden and holdout metrics before and
after.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoringModel:
    # clause level: score = evidence_weight * evidence + (1 - evidence_weight) * rank share
    evidence_weight: float = 0.6  # share of the score from term evidence, the rest from RRF rank
    rank_decay: float = 0.1  # rank share of fused position p: 1 / (1 + rank_decay * p)
    # below this evidence the best clause does not answer the question and the answer refuses;
    # calibrated on the development sets of three corpora (seeds, portal pages, regulations):
    # the highest value that refuses no more of their unanswerable questions than 0.45 did
    evidence_threshold: float = 0.375
    # a clause whose evidence leads the top-ranked (answering) clause's by this much goes
    # above it (rag.retrieve.rerank._evidence_leader_first)
    evidence_lead: float = 0.15
    candidates: int = 30  # per retriever, before fusion
    key_term_reach: int = 3  # the best clause misses the subject: one of the next two may answer
    # a sum asked and the best clause states none: a clause covering the question as fully
    # (evidence within this much) that states one answers instead
    equal_evidence: float = 0.02
    # a length of time asked that the best clause does not state: a clause this close in
    # evidence stating one answers
    figure_evidence: float = 0.15
    figure_documents: int = 2  # a figure asked: the best documents' clauses stating one …
    figure_clauses: int = 40  # … when a document has no more clauses than this
    sentence_stage: int = 20  # this many best clauses are scored sentence by sentence
    phrase_bonus: float = 0.05  # times the share of the question's adjacent word pairs present
    context_bonus: float = 0.2  # a follow-up's clause on the previous turn's subject
    # a sentence that provably states the asked kind of fact (amount, count, date, contact):
    fact_bonus: float = 0.1  # … added to its clause's score
    # a sum asked per a unit ("每月多少"): a clause stating a sum per that unit, at the first
    # stage (the clause stating it is often one of many on the subject, ranked low)
    unit_bonus: float = 0.3
    # a question asking for materials, conditions or steps: a clause listing them
    passage_bonus: float = 0.2
    # a question asking what a term means: the clause defining it ("本条例所称…是指…")
    definition_bonus: float = 0.4
    # … and when picking the sentence inside one clause, where every sentence is on topic and
    # the one stating the asked fact is the answer even when the title covers more words
    sentence_fact_bonus: float = 0.3
    # a clause of the asked place's own document, over one of a parent place's (a province's,
    # the country's) that applies there too: the local rule states the local terms; with no
    # place asked, a national document's clause, whose rule applies wherever the asker is
    own_place_bonus: float = 0.05
    # a clause whose own text names the year asked about: the title's year (evidence reads
    # the title with every clause) says when the document is from, not the fact's year
    asked_year_bonus: float = 0.05
    # an age asked: a clause stating one, over clauses on the same words stating none (few
    # clauses state an age, and the one that does may not name the asker's words beside it,
    # so no sentence of it provably states the asked age and only the fused rank decided).
    # Lengths of time were tried too: a clause stating any deadline then rose, and answered
    # with a deadline counted from another act (README, sixteenth round)
    age_stated_bonus: float = 0.1
    # a contact asked ("打什么电话"): a clause stating a phone, e-mail or address
    contact_stated_bonus: float = 0.1
    # a clause that is the band of a group the asker says they are not in ("我不是在职职工")
    excluded_band_penalty: float = 0.3
    target_bonus: float = 0.05  # a target question: + for a planned figure, - for a past one
    figure_bonus: float = 0.05  # a sentence stating a figure usually carries the substance
    # a sentence shorter than rag.text.sentences.TITLE_CHARS is a title: it never states the
    # asked amount or date (fact questions), and says little otherwise
    title_penalty_fact: float = 0.25
    title_penalty: float = 0.05
    support_share: float = 0.6  # a second sentence quoted must cover this share of the best's
    # fusion: score = sum over retrievers of 1 / (rrf_k + rank). k=60 is the constant of
    # Cormack, Clarke & Büttcher (SIGIR 2009): it damps the head of each list so that one
    # retriever's rank 1 cannot outvote agreement between retrievers further down (1/61 vs
    # 1/62 is a small gap), and the fused order is insensitive to k over a wide range.
    rrf_k: int = 60
    # the direct line (rag.facts.precision): a subject term this many characters before the
    # figure's fragment still names it (the subject, then its count, then the amount)
    near_chars: int = 10
    # answering (rag.answer):
    related_share: float = 0.85  # a hit quoted beside the best scores at least this share of it
    whole_clause_chars: int = 160  # an open question gets a clause this short in full
    # a listed item is quoted from its lead-in ("持证残疾人凭证享受下列优惠：…(三)…")
    # when the two are at most this far apart: the lead-in says whom or when it applies to
    lead_in_chars: int = 320
    key_term_chars: int = 3  # a shorter question term never decides that a clause is off-topic
    # a question refused as a whole for the scene it tells first: an ask of this many content
    # words names its subject by itself, and its clause (among the whole's hits) answers
    specific_ask_terms: int = 3
    head_chars: int = 3  # a shorter head (学校, 企业) names too wide a kind to stand for a term
