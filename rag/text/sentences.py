"""Sentences, leading titles and responsible departments of a clause, as verbatim spans.

The one sentence splitter: every stage that cuts text into sentences uses these patterns.
"""

from __future__ import annotations

import re

from rag.lexicon.figures import LEADS_IN
from rag.records import Clause, Sentence

SENTENCE_ENDS = "。！？!?；;"
QUESTION_ENDS = "？?"
_SENTENCE_END = re.compile(rf"[{SENTENCE_ENDS}\n]")
# a colon ending a line leads in the items below it: the lead-in is a sentence of its own
LEAD_IN_ENDS = "".join(sorted(LEADS_IN))
_SENTENCE = re.compile(
    rf"(?:[^{SENTENCE_ENDS}{LEAD_IN_ENDS}]|[{LEAD_IN_ENDS}](?![ \t]*\n))+"
    rf"(?:[{SENTENCE_ENDS}]+[”’」』)]*|[{LEAD_IN_ENDS}](?=[ \t]*\n))?"
)
# where a line break also ends a sentence (a model's reply, a clause split without its record)
_LINE_SENTENCE = re.compile(rf"[^{SENTENCE_ENDS}\n]+[{SENTENCE_ENDS}]?")
_FINISHED = re.compile(rf"[^{SENTENCE_ENDS}\n]*[{SENTENCE_ENDS}\n]")
TITLE_CHARS = 20  # a sentence shorter than this is a clause title ("完善科研人员激励机制。")
_TITLE = re.compile(rf"([^{SENTENCE_ENDS}\n]{{2,32}})。")
# "(市科技局、市财政局按职责分工负责)" / "(市科技局牵头,市工信局配合)" / "(责任单位:市科技局)"
_DEPARTMENTS = re.compile(r"\(([^()]{2,200})\)[。;；]?\s*$")
_DEPARTMENT_CUE = re.compile(r"负责|牵头|配合|分工|责任单位")
_DEPARTMENT_NOISE = re.compile(
    r"^(责任单位|牵头单位|配合单位)[:：]|按照?职责分工负责|按照?职责分工|负责$|牵头$|配合$|等部门$"
)
_SPLIT_DEPARTMENTS = re.compile(r"[、,，;；]")


def split_sentences(text: str, offset: int, *, lines: bool = False) -> tuple[Sentence, ...]:
    """Sentences ending in 。！？; (closing quotes kept), each a verbatim span from `offset`;
    with `lines`, a line break ends a sentence too."""
    sentences = []
    for match in (_LINE_SENTENCE if lines else _SENTENCE).finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = offset + match.start() + (len(raw) - len(raw.lstrip()))
        sentences.append(Sentence(stripped, start, start + len(stripped)))
    return tuple(sentences)


def within_a_question(text: str, position: int) -> bool:
    """Whether the sentence holding `position` ends in a question mark: a Q&A page's question
    ("…“连续缴费满3年”从哪个月算起？") names a figure, it does not state it."""
    end = _SENTENCE_END.search(text, position)
    return end is not None and end.group() in QUESTION_ENDS


def finished_sentences(text: str) -> list[tuple[str, int]]:
    """The sentences of a text still being written that are finished (a terminator or a line
    break ends them), each with the offset just after it; the unfinished tail is left out."""
    return [(match.group(), match.end()) for match in _FINISHED.finditer(text)]


def leading_title(body: str) -> str | None:
    """The short title a clause starts with ("完善风险投资体系和机制。放宽…"), if it has one."""
    match = _TITLE.match(body)
    if not match or not body[match.end() :].strip():
        return None  # a one-sentence clause has no title, it is all body
    if len(re.findall("[,，]", match.group(1))) > 1:
        return None
    return match.group(1).strip()


def quote_span(clause: Clause, sentence: Sentence | None) -> tuple[int, int]:
    """What is quoted for a clause's best sentence: the sentence, a bare title sentence
    together with the next one (a short listed item is no title), the whole clause when no
    sentence was picked."""
    if sentence is None:
        return clause.start, clause.end
    following = [s for s in clause.sentences if s.start >= sentence.end]
    if len(sentence.text) < TITLE_CHARS and following and item_label(sentence.text) is None:
        return sentence.start, following[0].end
    return sentence.start, sentence.end


def departments(text: str) -> tuple[str, ...]:
    """Departments named in a trailing responsibility note, in order."""
    match = _DEPARTMENTS.search(text.rstrip())
    if not match or not _DEPARTMENT_CUE.search(match.group(1)):
        return ()
    names: list[str] = []
    for part in _SPLIT_DEPARTMENTS.split(match.group(1)):
        name = part.strip()
        while (cleaned := _DEPARTMENT_NOISE.sub("", name).strip()) != name:
            name = cleaned
        if name and name not in names:
            names.append(name)
    return tuple(names)


def clause_title(clause: Clause) -> str:
    """A clause's short title sentence ("7.实施重大科技攻关项目。"): it names the subject of
    every sentence under it; a long opening sentence does not."""
    first = clause.sentences[0] if clause.sentences else None
    return first.text if first and len(first.text) < TITLE_CHARS else ""


_LEAD_IN = re.compile(r"[^。；;！!？?\n]*[:：]")
_ITEM = re.compile(
    r"[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|[一二三四五六七八九十]{1,2}、"
)


def lead_in_sentence(clause: Clause, sentence: Sentence) -> Sentence | None:
    """The clause sentence a listed item stands under ("有下列行为之一的，处…罚款："), when
    `sentence` is such an item."""
    if not _ITEM.match(sentence.text):
        return None
    before = [s for s in clause.sentences if s.end <= sentence.start]
    return next((s for s in reversed(before) if _LEAD_IN.search(s.text)), None)


def item_label(text: str) -> str | None:
    """The listed item's own label a text opens with ("(五)", "3."), if it opens with one."""
    found = _ITEM.match(text.lstrip())
    return found.group(0) if found else None


_ITEM_AT_LINE = re.compile(r"(?:^|\n)\s*(?:" + _ITEM.pattern + ")")


def first_item_start(clause: Clause) -> int:
    """Where the clause's first listed item begins (its length when it lists none)."""
    found = _ITEM_AT_LINE.search(clause.text)
    return found.start() if found else len(clause.text)


def lead_in(clause: Clause, sentence: Sentence) -> str:
    """The lead-in a listed item stands under ("…应当具备下列条件：", in the clause or as
    its heading): it names the subject of every item after it, which the items do not repeat."""
    before = [s for s in clause.sentences if s.end <= sentence.start]
    for earlier in reversed(before):
        found = _LEAD_IN.findall(earlier.text)
        if found:
            return found[-1]
    if clause.path and _ITEM.match(clause.text):  # an item split into a clause of its own
        return clause.path[-1]
    return ""
