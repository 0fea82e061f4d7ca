"""Heading and item labels (第X章 … 一、 (一) 1. 一是 专栏N), found at line starts AND inside
lines, and the reflow that puts each accepted label at the start of its own line.

Inside a line a label counts only when the sequence expects it: "一、" right after a full
stop, "(一)" right after its parent's title, "4." continuing 1–3 across sections. That is
what keeps "2.8%", "1200家" or "第一、" in running text from becoming structure.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from rag.text.numerals import chinese_numeral_value

_CN = "[一二三四五六七八九十]+"

# kind -> (level, pattern); a lower level is an outer heading.
LEVELS = {
    "chapter": 0,
    "section": 1,
    "box": 2,
    "article": 3,
    "cn": 4,
    "paren": 5,
    "num": 6,
    "shi": 7,
}
# Leaf items are cited whole: what is numbered inside "第十条" or "3." stays in its text.
LEAF_KINDS = frozenset({"article", "num"})
_CONTINUOUS_KINDS = frozenset({"article", "num"})  # numbered throughout, across sections
_LABEL = re.compile(
    rf"(?P<chapter>第(?P<chapter_v>{_CN})章)"
    rf"|(?P<section>第(?P<section_v>{_CN})节)"
    r"|(?P<box>专栏\s*(?P<box_v>\d{1,2})\s*[:：]?)"
    r"|(?P<article>第(?P<article_v>[一二三四五六七八九十百千零]+|\d{1,4})条)"
    rf"|(?P<cn>(?<![第\d一二三四五六七八九十])(?P<cn_v>{_CN})、)"
    rf"|(?P<paren>\((?P<paren_v>{_CN})\))"
    # "3." not "3.5"; but "4.2025年度…" is item 4 opening with a year
    r"|(?P<num>(?<![0-9A-Za-z.%])(?P<num_v>\d{1,3}) ?[.、](?:(?![\d%])|(?=(?:19|20)\d{2}年)))"
    rf"|(?P<shi>(?<![第\w])(?P<shi_v>{_CN})是(?=[\u4e00-\u9fff“]))"
)
_TERMINATORS = "。；;！!？?)”:："
_PART_TITLE_MAX = 30
_PART_TITLE_STOP = re.compile(r"[。；;，,：:！!？?]")
# Section titles a run-together text glues to its body ("一、总体要求以习近平…").
HEADING_WORDS = (
    "总体要求",
    "工作目标",
    "主要目标",
    "发展目标",
    "重点任务",
    "主要任务",
    "工作任务",
    "组织实施",
    "保障措施",
    "组织保障",
    "指导思想",
    "基本原则",
    "工作要求",
    "实施步骤",
    "政策措施",
    "支持政策",
    "适用范围",
    "附则",
)
_HEADING_WORD = re.compile("|".join(HEADING_WORDS))


@dataclass(frozen=True)
class Label:
    kind: str
    value: int
    start: int  # offset of the label in the text
    end: int  # offset just after the label ("14." / "(四)" / "一是" …)
    text: str

    @property
    def level(self) -> int:
        return LEVELS[self.kind]

    @property
    def number(self) -> str:
        """The clause number as cited: "14", "(四)", "一", "一是", "专栏3", "第二章"."""
        if self.kind == "num":
            return str(self.value)
        if self.kind == "cn":
            return self.text.rstrip("、")
        return re.sub(r"\s+|[:：]$", "", self.text)


def find_labels(text: str) -> list[Label]:
    """Every label the numbering sequence accepts, in text order."""
    candidates = [c for match in _LABEL.finditer(text) if (c := _candidate(match))]
    accepted: list[Label] = []
    last: dict[str, int] = {}
    for index, label in enumerate(candidates):
        if _accept(text, label, accepted, last, (candidates, index + 1)):
            accepted.append(label)
            last[label.kind] = label.value
            for kind, level in LEVELS.items():  # a new parent restarts what is under it …
                if level > label.level and kind not in _CONTINUOUS_KINDS:
                    last.pop(kind, None)  # … except items numbered throughout
    return _drop_inside_leaves(_drop_inline_only_runs(text, accepted))


def _drop_inside_leaves(labels: list[Label]) -> list[Label]:
    kept: list[Label] = []
    leaf_level: int | None = None
    for label in labels:
        if leaf_level is not None and label.level > leaf_level:
            continue
        kept.append(label)
        leaf_level = label.level if label.kind in LEAF_KINDS else None
    return kept


def _candidate(match: re.Match[str]) -> Label | None:
    """The label a match stands for; None for a run that is no numeral ("十十")."""
    kind = next(k for k in LEVELS if match.group(k))
    raw = match.group(f"{kind}_v")
    value = int(raw) if raw.isdigit() else chinese_numeral_value(raw)
    if value is None:
        return None
    return Label(kind, value, match.start(), match.end(), match.group(kind))


def _accept(
    text: str,
    label: Label,
    accepted: list[Label],
    last: dict[str, int],
    rest: tuple[list[Label], int],  # the candidates after this one, without copying them
) -> bool:
    at_line_start = label.start == 0 or text[label.start - 1] == "\n"
    previous = last.get(label.kind, 0)
    if label.kind in ("chapter", "section", "box"):
        return at_line_start
    in_sequence = label.value == previous + 1 or (label.value == 1 and previous == 0)
    if label.kind in _CONTINUOUS_KINDS and label.value == 1 and previous:
        in_sequence = _parent_since(accepted, label.kind)  # numbering restarts under a new parent
    if at_line_start:  # a text that starts mid-way may open with "(三)"
        if label.value == 1 and _under_part_title(text, label):
            return True
        return in_sequence or previous < label.value <= previous + 2 or previous == 0
    after_stop = text[label.start - 1] in _TERMINATORS
    if after_stop and (in_sequence or label.value == previous + 2):
        return True
    if after_stop and label.value == previous and _introduces_next(text, label, rest, last):
        return True  # a heading label repeated by mistake, e.g. two "(六)"
    return in_sequence and _ends_parent_title(text, label, accepted)


def _under_part_title(text: str, label: Label) -> bool:
    """A list numbered again from one under a short unnumbered title line: a page grouping
    its items under plain part titles restarts the numbering in each part."""
    before = text[: label.start].rstrip("\n")
    line = before[before.rfind("\n") + 1 :].strip()
    return (
        2 <= len(line) <= _PART_TITLE_MAX
        and not _PART_TITLE_STOP.search(line)
        and not (_LABEL.match(line))
    )


def _parent_since(accepted: list[Label], kind: str) -> bool:
    for label in reversed(accepted):
        if label.kind == kind:
            return False
        if label.level < LEVELS[kind]:
            return True
    return True


def _ends_parent_title(text: str, label: Label, accepted: list[Label]) -> bool:
    """'…行动1.绘制': the label follows its parent's title with no full stop in between."""
    if not accepted or accepted[-1].level >= label.level:
        return False
    between = text[accepted[-1].end : label.start]
    return 0 < len(between) <= 40 and not re.search("[。；\n]", between)


def _introduces_next(
    text: str, label: Label, rest: tuple[list[Label], int], last: dict[str, int]
) -> bool:
    candidates, first = rest
    for following in itertools.islice(candidates, first, None):
        between = text[label.end : following.start]
        if len(between) > 40 or re.search("[。\n]", between):
            return False
        if following.level > label.level:
            return following.value == last.get(following.kind, 0) + 1
    return False


def _drop_inline_only_runs(text: str, labels: list[Label]) -> list[Label]:
    """一是/二是 stay running text unless one of the run starts a line (then it is structure)."""
    runs: list[list[Label]] = []
    for label in labels:
        if label.kind == "shi":
            if label.value == 1 or not runs:
                runs.append([])
            runs[-1].append(label)
    inline = {
        id(label)
        for run in runs
        if not any(lab.start == 0 or text[lab.start - 1] == "\n" for lab in run)
        for label in run
    }
    return [label for label in labels if id(label) not in inline]


def reflow(text: str, labels: list[Label], extra: tuple[int, ...] = ()) -> tuple[str, list[Label]]:
    """Start a line at every label (and after a glued title); labels re-offset to match."""
    candidates = {lab.start for lab in labels} | set(_glued_title_ends(text, labels)) | set(extra)
    breaks = sorted(cut for cut in candidates if 0 < cut < len(text) and text[cut - 1] != "\n")
    pieces: list[str] = []
    shifted: list[Label] = []
    previous = 0
    for cut in breaks:
        pieces.append(text[previous:cut])
        previous = cut
    pieces.append(text[previous:])
    new_text = "\n".join(pieces)
    for label in labels:
        shift = bisect.bisect_right(breaks, label.start)  # breaks inserted before the label
        moved = label.start + shift
        shifted.append(
            Label(label.kind, label.value, moved, moved + label.end - label.start, label.text)
        )
    return new_text, shifted


def _glued_title_ends(text: str, labels: list[Label]) -> list[int]:
    ends = []
    for label in labels:
        if label.kind not in ("cn", "chapter", "section"):
            continue
        match = _HEADING_WORD.match(text, label.end)
        if match and match.end() < len(text) and text[match.end()] not in "。,,:：;；\n(":
            ends.append(match.end())
    return ends
