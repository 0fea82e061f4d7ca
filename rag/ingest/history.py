"""A regulation's head: the 通过/批准/修正/修订/公布/施行 lines, and its effective dates.

Regulations print their legislative history under the title ("2021年3月30日 某市第十五届
人民代表大会常务委员会第四十三次会议通过"). The body that passed or last revised the text
is the issuer (not the one that 批准 it); the latest 通过/修正/修订 date is its date; a
令 number in the 公布 line is its 文号. Pure functions on lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_EVENT_WORDS = "通过|批准|修正|修订|公布|施行|发布"
# "2007年7月27日 某省…批准2007年7月27日某市…公告公布": one line may hold two events.
# "…修订 根据2019年9月9日…决定修正": a revision by a decision is dated after its 根据.
_EVENT = re.compile(rf"\s*(?:根据\s*)?(?:{_DATE})?\s*([^()（）]*?)({_EVENT_WORDS})")
# "某市第十五届人民代表大会常务委员会第五次会议修订": a history line without its date.
_UNDATED_LINE = re.compile(
    r"^[^。，,；;\d]{4,80}(会议|人民代表大会|委员会)(通过|批准|修正|修订)[)）]?$"
)
_DATED_START = re.compile(rf"^[(（]?\s*{_DATE}\s*\S")
_HISTORY_LINE = re.compile(rf"^[(（]?\s*{_DATE}.*({_EVENT_WORDS})\S{{0,30}}[)）]?\s*$")
_CONTINUATION = re.compile(rf"^[^。；\n]{{0,60}}({_EVENT_WORDS})[)）]?$")
_CONGRESS = re.compile(
    r"^经?(.+?)(?:第[一二三四五六七八九十百零\d]+届)?(人民代表大会(?:常务委员会)?)"
)
_ARTICLE_OR_CHAPTER = re.compile(r"^第.{1,6}[章条]")
_DECREE = re.compile(r"((?:中华人民共和国)?(.{2,20}?)令)\s*第\s*(\d+)\s*号")
_COUNCIL = re.compile(r"^(国务院)第")
_PASSED = frozenset({"通过", "修正", "修订"})
_HEAD_LINES = 16
_EFFECTIVE = re.compile(rf"自\s*{_DATE}\s*起\s*(?:施行|实施|执行|生效)")
_FROM_PUBLICATION = re.compile(r"自公布之日起\s*(?:施行|实施)")
_FROM_ISSUE = re.compile(r"自印发之日起\s*(?:施行|实施|执行)")
_ISSUED_ON = re.compile(rf"{_DATE}\s*印发")
_TERM = re.compile(r"有效期\s*(\d{1,2}|[一二三四五六七八九十])\s*年")
_OWN_SENTENCE = re.compile(r"[^。；;\n]+")
_OWN_TERM_CONTEXT = re.compile(
    r"施行|实施|执行|生效|印发之日|本(?:办法|规定|通知|意见|措施|细则|方案|政策|决定|规则|条例)"
)


@dataclass(frozen=True)
class Event:
    date: str | None  # ISO
    body: str  # who acted, as printed ("某市第十五届人民代表大会常务委员会第二十一次会议")
    action: str  # 通过 / 批准 / 修正 / 修订 / 公布 / 施行


@dataclass(frozen=True)
class History:
    events: tuple[Event, ...]

    @property
    def issuer(self) -> str | None:
        """The body that passed or last revised the text (a 批准 body only approves it)."""
        for event in reversed(self.events):
            if event.action in _PASSED and (name := issuing_body(event.body)):
                return name
        return next((n for e in self.events if (n := issuing_body(e.body))), None)

    @property
    def date(self) -> str | None:
        """The latest 通过/修正/修订 date; unknown when the latest such line has none."""
        passed_events = [e for e in self.events if e.action in _PASSED]
        if passed_events and not passed_events[-1].date and any(e.date for e in passed_events):
            return None
        passed = [e.date for e in passed_events if e.date]
        published = [e.date for e in self.events if e.action in ("公布", "发布") and e.date]
        return max(passed) if passed else (max(published) if published else None)

    @property
    def published(self) -> str | None:
        return next((e.date for e in reversed(self.events) if e.action == "公布" and e.date), None)

    @property
    def decree(self) -> str | None:
        return next((m.group(0) for e in self.events if (m := _DECREE.search(e.body))), None)


NO_HISTORY = History(())


def read_history(lines: list[str]) -> History:
    """The events of the history lines at the head of `lines` (right after the title).

    The lines stay in the text: "which meeting passed it" is answered by quoting them.
    """
    events: list[Event] = []
    pending = ""  # a dated history line whose event word is on the next line
    for line in lines[:_HEAD_LINES]:
        if _HISTORY_LINE.match(pending + line):
            events.extend(_events(pending + line))
            pending = ""
        elif events and _UNDATED_LINE.match(line):
            events.extend(_events(line))
        elif _DATED_START.match(line) and not pending:
            pending = line
        elif not (events and _CONTINUATION.match(line) and not _ARTICLE_OR_CHAPTER.match(line)):
            pending = ""
    return History(tuple(events))


def _events(line: str) -> list[Event]:
    found: list[Event] = []
    for match in _EVENT.finditer(line):
        year, month, day, body, action = match.groups()
        date = f"{int(year):04d}-{int(month):02d}-{int(day):02d}" if year else None
        if date is None and found and body.startswith("的"):
            # "…会议通过的《…决定》修正": the decision passed that day is the revision's date
            date = found[-1].date
        if body.strip() or date:
            found.append(Event(date, body.strip(), action))
    return found


def issuing_body(text: str) -> str | None:
    """人民代表大会(常务委员会) of a place, 国务院, or the body a 令 is named after."""
    text = re.sub(r"\s+", "", text)
    if match := _CONGRESS.match(text):
        place = re.sub(r"第[一二三四五六七八九十百零\d]+届", "", match.group(1))
        return re.split(r"[《〈的]", place)[-1] + match.group(2)
    if _COUNCIL.match(text):
        return "国务院"
    if match := _DECREE.search(text):
        return match.group(2)
    return None


def effective_date(text: str, published: str | None) -> str | None:
    """The date the text says it takes effect: "自2024年4月1日起施行", or its 公布/印发 date."""
    dates = _EFFECTIVE.findall(text)
    if dates:
        year, month, day = dates[-1]
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    if _FROM_PUBLICATION.search(text) and published:
        return published
    if _FROM_ISSUE.search(text) and (issued := _ISSUED_ON.findall(text)):
        year, month, day = issued[-1]
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return None


def term_years(text: str) -> int | None:
    """The 有效期 in years the text gives itself ("本通知自…起实施，有效期5年"), if any: the
    sentence names the text or its taking effect; a 有效期 of something the text regulates
    ("船员证书有效期满一年未换证的") is not the text's own."""
    for sentence in _OWN_SENTENCE.findall(text):
        match = _TERM.search(sentence)
        if match and _OWN_TERM_CONTEXT.search(sentence):
            value = match.group(1)
            return int(value) if value.isdigit() else "一二三四五六七八九十".index(value) + 1
    return None


def is_history_line(line: str) -> bool:
    """A dated 通过/批准/公布/修正 line of a regulation's head ("(某年某月某日…令第N号公布)")."""
    return bool(_HISTORY_LINE.match(line.strip()))
