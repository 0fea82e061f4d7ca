"""A message that asks two things gets both answers in one reply: the first as it stands,
then each later ask's own lines under its words, citations numbered on from the first's.

A clause the reply already quotes is quoted once: a later quote of it widens the earlier
quote to cover both (still one verbatim span, as two quotes of one clause in one answer
are), and the later lines cite that quote's number."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rag.answer import wording
from rag.answer.citations import DocumentLookup, QuoteMismatch, checked_answer
from rag.answer.context import AnswerContext, Outcome
from rag.answer.router import answer_plan
from rag.query.analysis import QueryPlan
from rag.query.intent import Intent, intent_of
from rag.query.terms import subject_groups
from rag.records import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")
_ENTRY = re.compile(r"“.*?” \[\d+\]|[^\n]+", re.DOTALL)

# a later ask is answered only as a question about the policies' content
LATER_INTENTS = (Intent.FACT,)
# an ask naming this many subject words of its own is a question in its own right
SELF_CONTAINED_TERMS = 2


def with_later_asks(
    context: AnswerContext, first: Outcome, later: Sequence[tuple[str, Sequence[QueryPlan]]]
) -> Outcome:
    """`first` answered the whole message; `later`: each later ask's words, and the plans it
    is searched by in turn (the first whose answer adds to the reply is taken)."""
    answer, hits = first
    if answer.refused:
        return first
    for words, plans in later:
        for plan in plans:
            if intent_of(plan) not in LATER_INTENTS:
                continue
            reply, more = answer_plan(context, plan)
            if reply.refused or not _on_the_message(context, plan, reply):
                continue
            try:
                merged = with_reply(answer, words, reply, context.corpus.document)
            except QuoteMismatch:  # the answer stands on its own
                continue
            if merged != answer:
                answer, hits = merged, [*hits, *(h for h in more if h not in hits)]
                break
    return answer, hits


def _on_the_message(context: AnswerContext, ask: QueryPlan, reply: Answer) -> bool:
    """A later ask's answer is of the place asked, and quotes a clause on the message's
    subject (the ask's `context`: "什么时候起算" is asked of what the message is about)
    unless the ask names a subject of its own in more than one word ("砍伐申请多久能批")."""
    cited = reply.citations[0]
    if ask.cities and cited.city not in ask.cities:
        return False
    if not ask.context or len(subject_groups(ask.terms)) >= SELF_CONTAINED_TERMS:
        return True
    clause = context.corpus.clause(cited.clause_id)
    text = clause.text if clause is not None else cited.quote
    return any(v in text for g in ask.context for v in g.variants)


def with_reply(answer: Answer, words: str, reply: Answer, lookup: DocumentLookup) -> Answer:
    """`answer` with `reply`'s lines under the ask's words (quotes the answer already shows
    left out) when the reply states the asked figure (a quote alone may be on the message's
    subject, not on the ask); else `answer` with the quotes the reply widened."""
    merged = _Merged(answer.answer, list(answer.citations))
    numbers = {i: merged.number_of(c, lookup) for i, c in enumerate(reply.citations, start=1)}
    shown = set(_entries(merged.text))
    entries = [_renumbered(e, numbers) for e in _entries(reply.answer) if not _shown(e, numbers)]
    fresh = [e for e in entries if e not in shown]
    direct = _renumbered(f"{reply.direct} [1]", numbers) if reply.direct else None
    if direct is not None and direct in fresh and not _states(merged.text, reply.direct or ""):
        text = "\n".join([merged.text, wording.later_ask(words), *fresh])
        citations = merged.citations
    else:  # the answer already states the asked fact, or the reply states none
        text, citations = merged.text, merged.citations[: len(answer.citations)]
    return checked_answer(answer.question, text, citations, answer.direct)


def _states(text: str, fact: str) -> bool:
    """Whether an answer's own lines (not its quotes) state `fact` already."""
    return any(fact in entry for entry in _entries(text) if not _is_quote(entry))


def _shown(entry: str, numbers: dict[int, tuple[int, bool]]) -> bool:
    """A quote whose words the merged answer already shows."""
    cited = [numbers[int(n)] for n in _MARKER.findall(entry) if int(n) in numbers]
    return _is_quote(entry) and bool(cited) and all(was_shown for _, was_shown in cited)


def _renumbered(entry: str, numbers: dict[int, tuple[int, bool]]) -> str:
    def number(marker: re.Match[str]) -> str:
        old = int(marker.group(1))
        return f"[{numbers[old][0]}]" if old in numbers else marker.group(0)

    return _MARKER.sub(number, entry)


def _entries(text: str) -> list[str]:
    """An answer's entries: its lines, a quote of several lines being one entry."""
    return [m.group(0) for m in _ENTRY.finditer(text)]


class _Merged:
    """The reply's text and citations as the later answers are merged into them."""

    def __init__(self, text: str, citations: list[Citation]) -> None:
        self.text = text
        self.citations = citations

    def number_of(self, citation: Citation, lookup: DocumentLookup) -> tuple[int, bool]:
        """The citation's number in the reply, and whether the reply shows its words: a quote
        of a clause already quoted is that quote, widened to cover it; any other is added."""
        for number, shown in enumerate(self.citations, start=1):
            if shown.clause_id != citation.clause_id:
                continue
            if shown.start <= citation.start and citation.end <= shown.end:
                return number, True
            if self._widened(number, shown, citation, lookup):
                return number, True
        self.citations.append(citation)
        return len(self.citations), False

    def _widened(
        self, number: int, shown: Citation, citation: Citation, lookup: DocumentLookup
    ) -> bool:
        document = lookup(shown.doc_id)
        old_entry = f"“{shown.quote}” [{number}]"
        if document is None or old_entry not in _entries(self.text):
            return False
        start, end = min(shown.start, citation.start), max(shown.end, citation.end)
        wider = replace(shown, start=start, end=end, quote=document.text[start:end])
        self.citations[number - 1] = wider
        self.text = "\n".join(
            f"“{wider.quote}” [{number}]" if entry == old_entry else entry
            for entry in _entries(self.text)
        )
        return True


def _is_quote(entry: str) -> bool:
    return entry.startswith("“")
