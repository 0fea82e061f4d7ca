"""The clause-number look-up key: the value of the one clause key (`rag.text.clause_key`).

Every label with the same ordinal value ("第14条", "14", "十四、", "(十四)") shares the key
"14", so the index returns all of them and `rag.text.clause_key.numbered` picks the family a
reference means; labels without an ordinal ("一是", "专栏3") keep their normalised text.
"""

from __future__ import annotations

from rag.text.clause_key import clause_key


def clause_lookup_key(number: str) -> str:
    key = clause_key(number)
    return str(key.value) if key.value is not None else key.text
