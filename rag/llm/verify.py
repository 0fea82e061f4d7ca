"""Checks an LLM answer against the numbered sources it was given (pure functions).

The model may phrase; the evidence decides. An answer passes only when every `[n]` marker
names a source that exists, every number / amount / percentage / date it states appears in a
cited source, every quoted span is verbatim in a cited source, it cites at least one source
(unless it is a refusal) and it does not echo the system prompt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.text.numerals import Fact, numeric_mentions, supported_facts

REFUSAL_SENTINEL = "NOT_COVERED"
_MARKER = re.compile(r"[\[［【]\s*(\d+(?:\s*[,，、\-–]\s*\d+)*)\s*[\]］】]")
_MARKER_JOIN = re.compile(r"[\s,，、和及与]*")  # between markers of one group: "[1]、[2]"
_QUOTE_PAIRS = {"「": "」", "“": "”", "『": "』"}
_REFUSAL_PHRASES = (
    "没有找到",
    "未找到",
    "未涉及",
    "没有涉及",
    "未提及",
    "没有提及",
    "无法回答",
    "无法根据",
    "不包含",
    "没有相关",
    "not covered",
    "don't cover",
    "do not cover",
    "does not cover",
    "doesn't cover",
    "no information",
)
ECHO_WINDOW = 20  # characters of the system prompt, white space removed, that count as an echo


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one answer; `violations` are short, human-readable reasons."""

    cited: tuple[int, ...]  # source numbers in order of first citation
    violations: tuple[str, ...]
    refusal: bool

    @property
    def ok(self) -> bool:
        return not self.violations


def citation_markers(text: str) -> list[int]:
    """Source numbers cited with [n], [n, m], [n-m], ［n］ or 【n】, in order, without repeats."""
    numbers: list[int] = []
    for match in _MARKER.finditer(text):
        for number in _marker_numbers(match.group(1)):
            if number not in numbers:
                numbers.append(number)
    return numbers


def _marker_numbers(group: str) -> list[int]:
    parts = [int(p) for p in re.findall(r"\d+", group)]
    if re.search(r"[\-–]", group) and len(parts) == 2 and 0 < parts[1] - parts[0] < 20:
        return list(range(parts[0], parts[1] + 1))
    return parts


def renumber_markers(text: str, numbers: dict[int, int]) -> str:
    """Rewrite citation markers through `numbers` (old -> new), one [n] per source."""

    def rewrite(match: re.Match[str]) -> str:
        cited = [numbers[n] for n in _marker_numbers(match.group(1)) if n in numbers]
        return "".join(f"[{n}]" for n in dict.fromkeys(cited))

    return _MARKER.sub(rewrite, text)


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text)


def quoted_spans(text: str) -> list[str]:
    """Outermost spans inside 「」, “”, 『』 or "" quotes (nesting allowed: “…“十四五”…”),
    citation markers removed. An opening quote that never closes quotes nothing."""
    return [span for span, _ in located_quotes(text)]


def located_quotes(text: str, offset: int = 0) -> list[tuple[str, int]]:
    """Quoted spans with the offset just past their closing quote."""
    spans: list[tuple[str, int]] = []
    stack: list[tuple[str, int]] = []  # (closing character expected, start offset)
    for index, char in enumerate(text):
        if stack and char == stack[-1][0]:
            _, start = stack.pop()
            if not stack:
                spans.append((text[start:index], offset + index + 1))
        elif char in _QUOTE_PAIRS:
            stack.append((_QUOTE_PAIRS[char], index + 1))
        elif char == '"' and not stack:
            stack.append(('"', index + 1))
        elif char == "\n" and stack and stack[0][0] == '"':
            break  # a straight quote does not run across lines
    if stack:  # an unclosed opening quote quotes nothing: read on after it
        rest = stack[0][1]
        return _clean(spans) + located_quotes(text[rest:], offset + rest)
    return _clean(spans)


def _clean(spans: list[tuple[str, int]]) -> list[tuple[str, int]]:
    cleaned = ((strip_markers(span).strip(), end) for span, end in spans)
    return [(span, end) for span, end in cleaned if span]


def is_refusal(text: str) -> bool:
    """The model said the sources don't cover the question (and made no cited claim)."""
    if REFUSAL_SENTINEL in text:
        return True
    lowered = text.lower()
    no_claims = not citation_markers(text) and not numeric_mentions(text)
    return no_claims and any(phrase in lowered for phrase in _REFUSAL_PHRASES)


def echoes(text: str, secret: str, window: int = ECHO_WINDOW) -> bool:
    """True when `text` repeats any `window`-character run of `secret` (white space ignored)."""
    compact_text, compact_secret = _compact(text), _compact(secret)
    if len(compact_secret) < window:
        return bool(compact_secret) and compact_secret in compact_text
    grams = {compact_secret[i : i + window] for i in range(len(compact_secret) - window + 1)}
    return any(compact_text[i : i + window] in grams for i in range(len(compact_text) - window + 1))


def _compact(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class Segment:
    """A run of answer text and the sources its closing marker group cites (none: trailing)."""

    start: int
    end: int
    cites: tuple[int, ...]


def cited_segments(text: str) -> list[Segment]:
    """The answer cut after each group of adjacent markers ("…200万元[1][2]。" is one group)."""
    segments, start = [], 0
    groups: list[tuple[int, int, list[int]]] = []  # (start, end, numbers) of marker groups
    for match in _MARKER.finditer(text):
        numbers = _marker_numbers(match.group(1))
        if groups and _MARKER_JOIN.fullmatch(text[groups[-1][1] : match.start()]):
            groups[-1] = (groups[-1][0], match.end(), groups[-1][2] + numbers)
        else:
            groups.append((match.start(), match.end(), numbers))
    for group_start, group_end, numbers in groups:
        segments.append(Segment(start, group_start, tuple(numbers)))
        start = group_end
    segments.append(Segment(start, len(text), ()))
    return segments


def verify_answer(text: str, sources: Sequence[str], system_prompt: str) -> Verdict:
    """Check `text` against `sources` (source n is `sources[n - 1]`, header and clause text)."""
    cited = tuple(citation_markers(text))
    if not text.strip():
        return Verdict((), ("the reply was empty",), refusal=False)
    if echoes(text, system_prompt):
        return Verdict(cited, ("the answer repeats the system prompt",), refusal=False)
    if is_refusal(text):
        return Verdict((), (), refusal=True)
    violations = [
        f"citation [{n}] is out of range (sources are [1]–[{len(sources)}])"
        for n in cited
        if not 1 <= n <= len(sources)
    ]
    if not cited:
        violations.append("the answer cites no source with [n]")
    segments = cited_segments(text)
    violations += unsupported_number_violations(text, segments, sources)
    violations += unquoted_span_violations(text, segments, sources)
    return Verdict(cited, tuple(dict.fromkeys(violations)), refusal=False)


def _evidence(sources: Sequence[str], numbers: Sequence[int]) -> list[str]:
    return [sources[n - 1] for n in numbers if 1 <= n <= len(sources)]


def _own_sources(segment: Segment, cited: Sequence[int]) -> Sequence[int]:
    """A segment answers to the markers that close it; trailing text to every cited source."""
    return segment.cites or cited


def unsupported_number_violations(
    text: str, segments: Sequence[Segment], sources: Sequence[str]
) -> list[str]:
    """Each number must be in a source its own markers cite ("…200万元[2]": in source 2)."""
    cited = citation_markers(text)
    anywhere = _facts(_evidence(sources, cited))
    violations = []
    for segment in segments:
        own = _own_sources(segment, cited)
        supported = _facts(_evidence(sources, own))
        claim = text[segment.start : segment.end]
        for fact, surface in numeric_mentions(claim, ignore_list_ordinals=True):
            if fact in supported:
                continue
            what = f"{_kind_name(fact, surface)} {surface}"
            if fact in anywhere:
                marks = "".join(f"[{n}]" for n in own)
                violations.append(f"{what} is not in {marks}, the source cited for it")
            else:
                violations.append(f"unverified {what}")
    return violations


def _facts(texts: Sequence[str]) -> set[Fact]:
    return set().union(*(supported_facts(t) for t in texts)) if texts else set()


def _kind_name(fact: Fact, surface: str) -> str:
    if fact[0] in ("date", "ym", "md"):
        return "date"
    if fact[0] == "pct":
        return "percentage"
    return "amount" if surface.endswith("元") else "number"


def unquoted_span_violations(
    text: str, segments: Sequence[Segment], sources: Sequence[str]
) -> list[str]:
    """Each quoted span must be verbatim in a source that the markers after it cite."""
    cited = citation_markers(text)
    violations = []
    for span, end in located_quotes(text):
        segment = next(s for s in segments if end <= s.end or s is segments[-1])
        haystacks = [_compact(t) for t in _evidence(sources, _own_sources(segment, cited))]
        if not any(_compact(span) in h for h in haystacks):
            violations.append(f"quote 「{span}」 is not verbatim in a cited source")
    return violations
