"""China's administrative divisions (province, city, county) from jionlp's maintained dataset.

jionlp ships the 民政部 行政区划 codes as `dictionary/china_location.zip` (one division per
line, indented by level: province, city, county, town, village). We read that file
directly from the installed package — importing jionlp itself loads its NLP models and
takes seconds — and keep the three upper levels. Nothing here is typed by hand.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.lexicon.places import NEEDS_SHI

NATIONAL = "全国"
# Issuers and title openings of national documents (laws, State Council and ministry rules).
_NATIONAL = re.compile(r"^(中华人民共和国|全国人民代表大会|国务院|国家)")
_LEVELS = 3  # province, city, county
_BODY_SCAN = 3000  # the body's opening names its own place; later mentions are partners
_MIN_COUNTY = 3  # "城区", "郊区", "矿区": two-character county names are ordinary words
_COUNTY_SUFFIX = re.compile(r"(?<=..)(区|县|自治县)$")


@dataclass(frozen=True)
class Division:
    name: str  # full name: 天河区, 广州市, 广东省
    code: str  # 6-digit administrative code
    level: int  # 0 province, 1 city, 2 county
    parent: Division | None

    @property
    def chain(self) -> tuple[str, ...]:
        """This division and its parents, innermost first; a municipality appears once."""
        names: list[str] = []
        node: Division | None = self
        while node is not None:
            if node.name not in names:
                names.append(node.name)
            node = node.parent
        return tuple(names)


def _data_file() -> Path:
    spec = importlib.util.find_spec("jionlp")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed: pip install jionlp (行政区划 data)")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


_UPPER_LEVELS = re.compile(r"^\t{0,2}[^\t\n][^\n]*", re.MULTILINE)


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """Every province, city and county of the dataset."""
    with zipfile.ZipFile(_data_file()) as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    found: list[Division] = []
    stack: list[Division] = []
    # the province, city and county lines only (indented by at most two tabs): towns and
    # villages are 700,000 lines a Python loop would take 0.2 s to skip, a regex 0.02 s
    for line in _UPPER_LEVELS.findall(text):
        level = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if len(fields) < 2:
            continue
        del stack[level:]
        division = Division(fields[0], fields[1], level, stack[-1] if stack else None)
        stack.append(division)
        found.append(division)
    return tuple(found)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, list[Division]]:
    """Full names, and the short names of provinces and cities (广东, 广州), to divisions."""
    names: dict[str, list[Division]] = {}
    for division in divisions():
        if division.level == 2 and len(division.name) < _MIN_COUNTY:
            continue
        keys = {division.name}
        if division.level < 2:
            short = _short(division.name)
            if len(short) >= 2 and short not in NEEDS_SHI:
                keys.add(short)
        for key in keys:
            bucket = names.setdefault(key, [])
            if division.code not in [d.code for d in bucket]:  # 西湖区 of 杭州 and of 南昌
                bucket.append(division)
    return names


def is_place_name(word: str) -> bool:
    """A division's name, full or short (浙江省, 浙江, 天河区)."""
    return word in _by_name()


def _short(name: str) -> str:
    return re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$", "", name)


def short_name(name: str) -> str:
    """How people name a division without its level word: 广东 for 广东省, 天河 for 天河区."""
    return _COUNTY_SUFFIX.sub("", _short(name))


@lru_cache(maxsize=1)
def _full_names() -> tuple[frozenset[str], tuple[int, ...], re.Pattern[str]]:
    """Full names, their lengths (longest first) and a pattern of their last characters
    (省/市/区/县/旗 …): a name can only end where one of those stands."""
    full = frozenset(d.name for options in _by_name().values() for d in options)
    lengths = tuple(sorted({len(name) for name in full}, reverse=True))
    ends = "".join(sorted({re.escape(name[-1]) for name in full}))
    return full, lengths, re.compile(f"[{ends}]")


@lru_cache(maxsize=1)
def _short_names() -> re.Pattern[str]:
    """Short names of provinces and cities (广东, 广州): a few hundred, one small regex."""
    full, _, _ = _full_names()
    short = sorted((name for name in _by_name() if name not in full), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, short)))


def _names_in(text: str) -> list[str]:
    """Division names in `text`, left to right, the longest where two overlap."""
    full, lengths, ends = _full_names()
    spans: list[tuple[int, int]] = []
    for match in ends.finditer(text):
        end = match.end()
        for n in lengths:
            if n <= end and text[end - n : end] in full:
                spans.append((end - n, end))
                break
    spans.extend(match.span() for match in _short_names().finditer(text))
    found: list[str] = []
    reached = 0
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start >= reached:
            found.append(text[start:end])
            reached = end
    return found


def mentions(text: str) -> list[Division]:
    """Divisions named in `text`, in order; an ambiguous name takes the reading whose parent
    is also named (朝阳区 of 北京 when 北京 is mentioned), else the first."""
    raw = [_by_name()[name] for name in _names_in(text)]
    named = {d.name for options in raw if len(options) == 1 for d in options}
    picked = []
    for options in raw:
        fitting = [d for d in options if set(d.chain[1:]) & named]
        picked.append((fitting or options)[0])
    return picked


def is_national(title: str, issuer: str | None) -> bool:
    """A title or issuer of the country (a 中华人民共和国… law, a 国务院 or 国家… body)."""
    return bool(_NATIONAL.match(title) or _NATIONAL.match(issuer or ""))


def place_of(head: str, body: str = "") -> Division | str | None:
    """A document's jurisdiction: the most specific division its title or issuer names, the
    country for a national issuer, else the division its body names most often."""
    named = mentions(head)
    if named:
        return _most_specific(named)
    if _NATIONAL.search(head.split("\n")[-1]) or _NATIONAL.match(head):
        return NATIONAL
    counted = Counter(mentions(body[:_BODY_SCAN]))
    return counted.most_common(1)[0][0] if counted else None


def _most_specific(named: list[Division]) -> Division:
    """The innermost division whose parents agree with the others named."""
    names = {d.name for d in named}
    consistent = [d for d in named if all(p in names or p == d.name for p in d.chain[1:2])]
    return max(consistent or named, key=lambda d: d.level)


_COUNTY_LIKE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:区|县|旗)")


@lru_cache(maxsize=1)
def _counties_by_city() -> dict[str, tuple[tuple[str, Division], ...]]:
    """Each city's (and municipality's) counties by short name (鄞州 for 鄞州区), longest
    first; a one-character short name names nothing."""
    found: dict[str, list[tuple[str, Division]]] = {}
    for division in divisions():
        short = short_name(division.name)
        if division.level != 2 or division.parent is None or len(short) < 2:
            continue
        found.setdefault(division.parent.name, []).append((short, division))
    return {
        city: tuple(sorted(counties, key=lambda c: -len(c[0]))) for city, counties in found.items()
    }


def counties_named(text: str) -> list[Division]:
    """Counties and districts `text` names by their full names (the dataset is read only when
    the text holds a word ending like one)."""
    if not _COUNTY_LIKE.search(text):
        return []
    return [d for d in mentions(text) if d.level == 2 and d.name in text]


def counties_after_their_city(text: str) -> list[tuple[Division, str]]:
    """Counties and districts written by their short name right after their city's name
    ("某市甲乙" for 甲乙区): how people name a district; the short name alone is too often a
    word to be read as one. Each with the name as written."""
    found: list[tuple[Division, str]] = []
    for city in mentions(text):
        counties = _counties_by_city().get(city.name, ())
        for written in {city.name, _short(city.name)}:
            for start in [m.end() for m in re.finditer(re.escape(written), text)]:
                after = text[start:]
                county = next((c for c in counties if after.startswith(c[0])), None)
                if county is not None and county[1].name not in text:
                    found.append((county[1], county[0]))
    return found
