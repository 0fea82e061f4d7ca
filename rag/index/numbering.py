"""Clause-number keys: the one place the index turns a clause label into a look-up key.

"第14条", "14", "１４" and "第十四条" all mean article 14, so they share the key "14";
other labels keep their own form ("（三）" -> "(三)"). Stored keys are computed at build
time; the code hash in each generation's manifest re-parses a corpus when this changes.
"""

from __future__ import annotations

import re
import unicodedata

from rag.text.numerals import chinese_numeral_value

CLAUSE_WORD = re.compile(r"^第(.+?)[条项款点]?$")
CHINESE_NUMERAL = re.compile(r"^[〇零一二两三四五六七八九十百千]+$")


def clause_number_key(number: str) -> str:
    """ "第14条" / "14" / "１４" → "14"; "（三）" / "(三)" → "(三)"; "三、" → "三"."""
    text = "".join(unicodedata.normalize("NFKC", number).split()).rstrip("、.．:：")
    match = CLAUSE_WORD.match(text)
    return match.group(1) if match else text


def clause_lookup_key(number: str) -> str:
    """`clause_number_key` with a Chinese numeral read as digits: "第十四条" → "14"."""
    key = clause_number_key(number)
    if CHINESE_NUMERAL.match(key):
        value = chinese_numeral_value(key)
        if value is not None:
            return str(value)
    return key
