"""文号 and titles compare in one compact form, whatever brackets and spaces they are typed with."""

from __future__ import annotations

from rag.text.forms import compact_form


def test_brackets_and_spaces_do_not_matter() -> None:
    written = compact_form("某府规〔2020〕3号")
    for typed in ("某府规[2020]3号", "某府规（2020）3号", "某府规 (2020) 3号", "某府规【2020】3号"):
        assert compact_form(typed) == written
