"""Word's automatic list numbering: the "1." / "(一)" a reader sees but `paragraph.text` lacks.

Without it an auto-numbered policy would lose every item label, and with them its clauses.
Supports numbering set on the paragraph or inherited from its style, decimal and Chinese
counting formats, and multi-level texts such as "%1.%2".
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "一二三四五六七八九"
_CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "ideographTraditional",
    "japaneseCounting",
    "taiwaneseCounting",
    "ideographDigital",
}


class ListNumbering:
    """Counts list items as Word would and renders each item's label."""

    def __init__(self, document: Any) -> None:
        try:
            self._numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            self._numbering = None
        self._counters: dict[str, list[int]] = {}

    def label(self, paragraph: Any) -> str:
        """The label Word shows before `paragraph` ("1.", "(二)"), or "" when none."""
        num_id, level = _num_pr(paragraph)
        if self._numbering is None or num_id is None or num_id == "0":
            return ""
        definition = self._level(num_id, level)
        if definition is None:
            return ""
        fmt, text, start = definition
        if fmt in ("bullet", "none"):
            return ""
        counters = self._counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(0)
        counters[level] += 1
        del counters[level + 1 :]  # a new item restarts the levels below it
        for index, count in enumerate(counters):
            value = count + start - 1 if index == level else count
            text = text.replace(f"%{index + 1}", _format(value, fmt))
        return text

    def _level(self, num_id: str, level: int) -> tuple[str, str, int] | None:
        for num in self._numbering.iter(f"{_W}num"):
            if num.get(f"{_W}numId") != num_id:
                continue
            abstract = num.find(f"{_W}abstractNumId")
            abstract_id = abstract.get(f"{_W}val") if abstract is not None else None
            for definition in self._numbering.iter(f"{_W}abstractNum"):
                if definition.get(f"{_W}abstractNumId") == abstract_id:
                    return _level_format(definition, level)
        return None


def _level_format(definition: Any, level: int) -> tuple[str, str, int] | None:
    for lvl in definition.iter(f"{_W}lvl"):
        if lvl.get(f"{_W}ilvl") == str(level):
            return (
                _val(lvl, "numFmt") or "decimal",
                _val(lvl, "lvlText") or "",
                int(_val(lvl, "start") or 1),
            )
    return None


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}")
    return child.get(f"{_W}val") if child is not None else None


def _num_pr(paragraph: Any) -> tuple[str | None, int]:
    for holder in (paragraph._p, *_style_chain(paragraph.style)):
        p_pr = holder.find(f"{_W}pPr")
        num_pr = p_pr.find(f"{_W}numPr") if p_pr is not None else None
        if num_pr is not None and num_pr.find(f"{_W}numId") is not None:
            level = _val(num_pr, "ilvl")
            return _val(num_pr, "numId"), int(level or 0)
    return None, 0


def _style_chain(style: Any) -> list[Any]:
    chain: list[Any] = []
    while style is not None and len(chain) < 10:
        chain.append(style.element)
        style = style.base_style
    return chain


def _format(value: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return _chinese(value)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    return str(value)


def _chinese(value: int) -> str:
    if value < 10:
        return _CN[value - 1] if value > 0 else "零"
    tens, units = divmod(value, 10)
    return (_CN[tens - 1] if tens > 1 else "") + "十" + (_CN[units - 1] if units else "")
