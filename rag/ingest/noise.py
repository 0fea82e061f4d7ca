"""Noise rules on lines: what scrapers, doc-sharing sites and portals add around a policy.

Each rule takes and returns a list of stripped lines, so each can be tested alone.
"""

from __future__ import annotations

import re

from rag.ingest.tables import CELL_SEPARATOR
from rag.lexicon.portal import label_index, label_pattern

# 《…》由会员分享,可在线阅读,更多相关《…(13页珍藏版)》请在课桌文档上搜索。
_SHARING_BANNER = re.compile(r"^《.*》由.{0,10}分享.*(在线阅读|请在.{0,20}搜索)")
_PAGE_PREFIX = re.compile(r"^(\d{1,3})、")
_SENTENCE_END = "。;；!！?？:：)”"

_CONTENT_FARM = [
    re.compile(r"下面是小编为大家.{0,200}?供大家(参考|借鉴|阅读)[。.!！]?"),
    re.compile(r"以下是.{0,20}(小编|本站|网友).{0,200}?(仅供参考|供大家参考)[。.!！]?"),
    re.compile(r"【(优秀|精选|推荐|最新|热门)?范文】"),
    re.compile(r"(本文|文章)(仅供参考|来源于网络|来自网络)[^。\n]{0,40}[。.]?"),
    re.compile(r"(下载后可编辑|文档可编辑|word版可编辑|可编辑word版)"),
]

# Any label before a colon; a specific label (索引号, 文号 …) also before a space.
_KEY = rf"(?P<key>{label_pattern()})\s*[:：]|(?P<loose>{label_pattern(generic=False)})"
_PORTAL_FIELD = re.compile(rf"(?:{_KEY})\s*[:：]?\s*")
_PORTAL_LINE = re.compile(rf"^(?:(?:{label_pattern()})\s*[:：]|(?:{label_pattern(False)})(\s+|$))")
_MAX_PORTAL_LINE = 160

_CHROME_LINE = re.compile(
    r"^([|｜\s]+|字号[:：]?\s*[大中小\s]+|【?(打印本页|关闭窗口|打印|关闭|返回顶部)】?"
    r"|分享到[:：]?.*|浏览次数[:：]?\s*\d*|[(（]此件.{0,8}[)）])$"
)
_FOOTER_LINE = re.compile(
    r"^(附件下载|扫一扫在手机打开当前页|相关文章|相关链接|相关文件|相关阅读)[:：]?$"
)

_TOC_HEADING = re.compile(r"^目\s*录$")
_TOC_ENTRY = re.compile(r"^[^。；;]{1,60}?[\s·•…．.\-_]*\d{1,3}$")
_TOC_LEADER = re.compile(r"[·•…．.\-_]{4,}\s*\d{1,3}$")
_OUTLINE = re.compile(r"^【(提纲|内容提要|目录)】")


def extract_portal_metadata(lines: list[str]) -> tuple[list[str], dict[str, str]]:
    """Remove portal metadata lines (索引号 文号 发布机构 …) and return their fields."""
    kept: list[str] = []
    fields: dict[str, str] = {}
    for line in lines:
        if len(line) <= _MAX_PORTAL_LINE and _PORTAL_LINE.match(line):
            for key, value in _portal_fields(line.replace(CELL_SEPARATOR, " ")):
                if value and not fields.get(key):
                    fields[key] = value
        else:
            kept.append(line)
    return kept, {key: value for key, value in fields.items() if value}


def _portal_fields(line: str) -> list[tuple[str, str]]:
    matches = list(_PORTAL_FIELD.finditer(line))
    fields = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        key = label_index()[re.sub(r"\s+", "", match.group("key") or match.group("loose"))]
        fields.append((key, line[match.end() : end].strip()))
    return fields


def drop_chrome_lines(lines: list[str]) -> list[str]:
    """Drop portal chrome lines; cut the footer (附件下载, 相关文章 …) at the end of a page."""
    total = sum(len(line) for line in lines) or 1
    seen = 0
    kept: list[str] = []
    for line in lines:
        seen += len(line)
        if _FOOTER_LINE.match(line) and seen > total / 2:
            break  # everything after the footer marker is portal chrome
        if not (_FOOTER_LINE.match(line) or (line and _CHROME_LINE.match(line))):
            kept.append(line)
    return kept


def drop_content_farm(lines: list[str]) -> list[str]:
    """Remove content-farm fragments, and a line that was only their garbled duplicate."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        rest = line
        for pattern in _CONTENT_FARM:
            rest = pattern.sub("", rest)
        if rest != line and _duplicates_following(rest, lines[index + 1 :]):
            continue
        if _SHARING_BANNER.match(rest):
            continue
        kept.append(rest.strip())
    return kept


def _duplicates_following(fragment: str, following: list[str]) -> bool:
    compact = re.sub(r"[\s。,，]+$", "", re.sub(r"\s+", "", fragment))
    if len(compact) < 4:
        return True
    return compact in re.sub(r"\s+", "", "".join(following[:40]))


def drop_table_of_contents(lines: list[str]) -> list[str]:
    """Remove "目 录", the entries after it (title + page number) and leader-dot lines."""
    kept: list[str] = []
    in_toc = False
    for line in lines:
        if _TOC_HEADING.match(line):
            in_toc = True
            continue
        if in_toc and (not line or _TOC_ENTRY.match(line)):
            continue
        in_toc = False
        if not _TOC_LEADER.search(line):
            kept.append(line)
    return kept


def drop_outline(lines: list[str]) -> tuple[list[str], str | None]:
    """Remove an outline block (【提纲】…) that repeats the headings; return it."""
    for index, line in enumerate(lines):
        if _OUTLINE.match(line):
            return lines[:index] + lines[index + 1 :], _OUTLINE.sub("", line).strip()
    return lines, None


def join_doc_sharing_pages(lines: list[str]) -> list[str]:
    """Join pages a doc-sharing site prefixed with 1、 2、 3、 … and cut mid-word.

    Only a run of consecutive numbers where most pages break mid-sentence counts: a
    genuine list "1、… 2、…" ends its items with punctuation and stays as it is.
    """
    run = _page_run(lines)
    if not run:
        return lines
    joined: list[str] = []
    for index, line in enumerate(lines):
        if index in run:
            body = _PAGE_PREFIX.sub("", line, count=1)
            if joined and index != min(run):
                joined[-1] += body
            else:
                joined.append(body)
        else:
            joined.append(line)
    return joined


def _page_run(lines: list[str]) -> set[int]:
    numbered = [
        (i, int(m.group(1))) for i, line in enumerate(lines) if (m := _PAGE_PREFIX.match(line))
    ]
    best: list[int] = []
    current: list[int] = []
    for position, (index, number) in enumerate(numbered):
        previous = numbered[position - 1][1] if position else None
        current = [*current, index] if previous is not None and number == previous + 1 else [index]
        if len(current) > len(best) and numbered[position - len(current) + 1][1] <= 2:
            best = current
    if len(best) < 3:
        return set()
    cut = sum(1 for index in best[:-1] if not lines[index].endswith(tuple(_SENTENCE_END)))
    return set(best) if cut * 2 >= len(best) - 1 else set()
