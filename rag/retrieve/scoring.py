"""The scoring model: every weight and threshold ranking uses, declared and documented once.

The composition root builds one `ScoringModel` and hands it to the retriever; nothing below
it keeps a number of its own. The defaults were measured on the seed golden set (README,
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
    candidates: int = 30  # per retriever, before fusion
    sentence_stage: int = 10  # this many best clauses are scored sentence by sentence
    phrase_bonus: float = 0.05  # times the share of the question's adjacent word pairs present
    context_bonus: float = 0.2  # a follow-up's clause on the previous turn's subject
    # a sentence that provably states the asked kind of fact (amount, count, date, contact):
    fact_bonus: float = 0.1  # … added to its clause's score
    # … and when picking the sentence inside one clause, where every sentence is on topic and
    # the one stating the asked fact is the answer even when the title covers more words
    sentence_fact_bonus: float = 0.3
    target_bonus: float = 0.05  # a target question: + for a planned figure, - for a past one
    figure_bonus: float = 0.05  # a sentence stating a figure usually carries the substance
    # a sentence shorter than rag.text.sentences.TITLE_CHARS is a title: it never states the
    # asked amount or date (fact questions), and says little otherwise
    title_penalty_fact: float = 0.25
    title_penalty: float = 0.05
    support_share: float = 0.6  # a second sentence quoted must cover this share of the best's
