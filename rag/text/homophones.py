"""Characters that sound alike: the typos of pinyin input.

Most Chinese is typed through a pinyin input method, so a typo usually keeps the syllable and
picks the wrong character (居主证 for 居住证, 社宝 for 社保, 补帖 for 补贴). A question word the
corpus never writes is therefore looked up with one character replaced by another of the
same toneless reading; the words the corpus does write are what the asker meant
(`rag.query.abbreviations.CorpusTerms.respelled`). The readings come from pypinyin's
character table (data shipped inside the package, nothing downloaded).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Homophones:
    readings: dict[str, tuple[str, ...]]  # a character -> its toneless readings
    by_reading: dict[str, tuple[str, ...]]  # a toneless reading -> its characters

    @classmethod
    def load(cls) -> Homophones:
        """From pypinyin's table (importing it takes ≈ 0.5 s: the corpus keeps the result
        with its derived data, see `rag.service`)."""
        from pypinyin.pinyin_dict import pinyin_dict

        readings: dict[str, tuple[str, ...]] = {}
        by_reading: dict[str, list[str]] = {}
        for code, written in pinyin_dict.items():
            character = chr(code)
            if not "\u4e00" <= character <= "\u9fff":
                continue
            toneless = tuple(dict.fromkeys(_toneless(r) for r in written.split(",")))
            readings[character] = toneless
            # an input method offers a character under its usual (first) reading: 声 is
            # typed "sheng", never "qing": a "qing" word is no typo of a "sheng" one
            by_reading.setdefault(toneless[0], []).append(character)
        return cls(readings, {r: tuple(chars) for r, chars in by_reading.items()})

    def respellings(self, word: str) -> list[str]:
        """`word` with one character replaced by another that can be read the same."""
        found: dict[str, None] = {}
        for index, character in enumerate(word):
            for reading in self.readings.get(character, ()):
                for other in self.by_reading.get(reading, ()):
                    if other != character:
                        found[word[:index] + other + word[index + 1 :]] = None
        return list(found)


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
