"""Text as it arrives from a user, made safe to process, store and send back.

JSON (`"\\ud800"`), Telegram and WeCom can all carry a lone UTF-16 surrogate or control
characters. A surrogate cannot be encoded as UTF-8, so it breaks the JSON response, the
SQLite write and the Bot API call that echo the question; control characters (NUL, ESC,
bidi overrides of C1) mean nothing in a question. Every adapter calls `clean_user_text`
on what the user typed before anything else sees it.
"""

from __future__ import annotations

import re
import unicodedata

# surrogates, C0 and C1 controls except tab and newline, DEL, and the noncharacters
_UNSAFE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")


def clean_nested(value: object) -> object:
    """`clean_user_text` on every string in a decoded JSON value (for request validators,
    which would otherwise refuse a lone surrogate as "not a valid string")."""
    if isinstance(value, str):
        return clean_user_text(value)
    if isinstance(value, list):
        return [clean_nested(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_nested(item) for key, item in value.items()}
    return value


def clean_user_text(text: str) -> str:
    """`text` without the characters no question needs; \\r\\n and \\r become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: " " if unicodedata.category(m.group()) == "Cc" else "", text)
