"""One compact form for comparing 文号 and titles as people write them: no spaces, and the
brackets a 文号's year stands in (〔〕 [] ［］ () （） 【】) all written 〔〕."""

from __future__ import annotations

_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "(": "〔", ")": "〕",
                           "（": "〔", "）": "〕", "【": "〔", "】": "〕"})  # fmt: skip


def compact_form(text: str) -> str:
    return "".join(text.split()).translate(_BRACKETS)
