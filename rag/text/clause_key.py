"""One clause key: how a clause reference a reader types ("3", "三", "第三条", "第3条", "(三)")
is compared with a clause's own label, on every channel (ask, CLI, HTTP, Telegram, WeCom).

Numerals are compared by value, never by script: "第3条" and "第三条" are the same article.
A reference's marks name the label family it means (第N条 an article, "N、" a heading, "(N)" an
item, "N." a numbered point); a bare numeral names the family written in that script in 公文
numbering (一、 headings use Chinese numerals, 1. points use Arabic ones). When a document has
no clause of the named family, the reference falls back to articles, then to the top-level
numbering (points and headings); a parenthesised sub-item is only ever named as one. So every
form finds 第三条 in a document numbered by articles, "3" still means "3." where both "三、" and
"3." exist, and "第3条" never lands on a "(三)" inside some section.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rag.records import Clause
from rag.text.numerals import chinese_numeral_value

_CN_NUMERAL = "〇零一二两三四五六七八九十百千"
_ARTICLE = re.compile(rf"^第(\d+|[{_CN_NUMERAL}]+)[条项款点]$")
_ITEM = re.compile(rf"^\((\d+|[{_CN_NUMERAL}]+)\)$")
_BARE = re.compile(rf"^(\d+|[{_CN_NUMERAL}]+)[、.]?$")
# Tried in order after the reference's own family (see the module docstring).
_FALLBACK = (("article",), ("point", "heading"))


@dataclass(frozen=True)
class ClauseKey:
    """A label as (family, value); labels without an ordinal ("一是", "专栏3", "第二章") keep
    their normalised text as the whole key."""

    family: str  # article | heading | item | point | other
    value: int | None
    text: str


def clause_key(label: str) -> ClauseKey:
    """ "第三条"/"第3条" -> article 3; "(三)"/"（3）" -> item 3; "三"/"三、" -> heading 3;
    "3"/"3."/"3、" -> point 3; anything else -> other, compared by its normalised text."""
    text = "".join(unicodedata.normalize("NFKC", label).split()).rstrip(":：")
    for family, pattern in (("article", _ARTICLE), ("item", _ITEM)):
        if (match := pattern.match(text)) and (value := numeral_value(match[1])) is not None:
            return ClauseKey(family, value, text)
    match = _BARE.match(text)
    if match and (value := numeral_value(match[1])) is not None:
        return ClauseKey("point" if match[1].isdigit() else "heading", value, text)
    return ClauseKey("other", None, text.rstrip("、.．"))


def numeral_value(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else chinese_numeral_value(numeral)


def numbered(reference: str, clauses: Sequence[Clause]) -> list[Clause]:
    """The clauses of ONE document that `reference` names (several only when it is ambiguous)."""
    return [clauses[i] for i in numbered_positions(reference, [c.number for c in clauses])]


def numbered_positions(reference: str, labels: Sequence[str | None]) -> list[int]:
    """Positions of the labels (of ONE document's clauses) that `reference` names. Only
    labels of the same value (or, for labels without one, the same text) can be named, so
    the labels an index returns for that value decide exactly as the whole document would."""
    wanted = clause_key(reference)
    keyed = [(clause_key(label), i) for i, label in enumerate(labels) if label]
    if wanted.family == "other":
        return [i for key, i in keyed if key.family == "other" and key.text == wanted.text]
    same_value = [(key, i) for key, i in keyed if key.value == wanted.value]
    for families in ((wanted.family,), *_FALLBACK):
        found = [i for key, i in same_value if key.family in families]
        if found:
            return found
    return []


# the label families a bare "第N条"-style reference reads naturally for, most natural first
REFERABLE_FAMILIES = ("article", "point", "heading")


def referable_clause(clauses: Sequence[Clause]) -> Clause | None:
    """The first clause of ONE document that its own label finds alone, articles before
    points before headings: a clause number a help text can show and the reader can type."""
    labelled = [(clause_key(c.number).family, c) for c in clauses if c.number]
    for family in REFERABLE_FAMILIES:
        for own, clause in labelled:
            if own == family and numbered(clause.number or "", clauses) == [clause]:
                return clause
    return None
