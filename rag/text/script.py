"""Traditional → simplified characters, for matching only (quotes stay as the source wrote).

A resident in Hong Kong or Taiwan types 廣州老年人優待辦法; the documents write 广州老年人优待
办法. OpenCC's phrase-aware t2s conversion (a C++ library with its own dictionaries, loaded
once in ~40 ms) maps the question onto the documents' script.
"""

from __future__ import annotations

from functools import cache

import opencc


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`text` in simplified characters; simplified text comes back unchanged."""
    return _converter().convert(text) if text else text
