"""Prompts from `prompts/` as LangChain templates, and the numbered sources they carry.

Sources and questions are data, not instructions: they sit inside <sources>/<question>
delimiters, and any delimiter-like text inside them is neutralised so it cannot close the
block early and smuggle in "instructions".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate, PromptTemplate

from rag.records import Clause, Document, Hit
from rag.settings import package_folder

PROMPTS_DIR = package_folder("prompts")  # shipped with the package (pyproject.toml)
DocumentLookup = Callable[[str], Document | None]
MAX_QUESTION_CHARS = 2000
MAX_SOURCES = 8
MAX_SOURCE_CHARS = 1500
HISTORY_TURNS = 3
HISTORY_ANSWER_CHARS = 300
_DELIMITER = re.compile(r"</?\s*(?:sources|source|question|history)\s*>|<<<|>>>", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One numbered source: the hit it came from, its header line and its clause text."""

    number: int
    hit: Hit
    document: Document
    header: str

    @property
    def clause(self) -> Clause:
        return self.hit.clause

    @property
    def evidence(self) -> str:
        """What the answer may rely on when it cites [number]: header and clause text."""
        return f"{self.header}\n{self.clause.text}"

    def render(self) -> str:
        text = self.clause.text
        if len(text) > MAX_SOURCE_CHARS:  # a runaway clause must not crowd out the others
            text = text[:MAX_SOURCE_CHARS] + "……(节选)"
        return f"{self.header}\n<<<\n{neutralise(text)}\n>>>"


def neutralise(text: str) -> str:
    """Make delimiter look-alikes inert (‹question› instead of <question>)."""
    return _DELIMITER.sub(lambda m: m.group().replace("<", "‹").replace(">", "›"), text)


def source_header(number: int, document: Document, clause: Clause) -> str:
    def shown(value: str | None) -> str:
        return value or "未注明"

    fields = [
        f"[{number}] 《{neutralise(document.title)}》",
        f"城市：{shown(document.city)}",
        f"发布机构：{shown(document.issuer)}",
        f"日期：{shown(document.date)}",
        f"条款：{neutralise(clause.label) or '未注明'}",
    ]
    if document.status != "正式":
        fields.append(f"状态：{document.status}")
    if clause.columns:  # a table row: which column each cell is
        fields.append(f"表头：{neutralise('、'.join(clause.columns))}")
    return " | ".join(fields)


def number_sources(hits: Sequence[Hit], lookup: DocumentLookup) -> list[Source]:
    """Hits whose document is known, numbered [1]…[n] in retrieval order (one per clause,
    at most MAX_SOURCES)."""
    sources: list[Source] = []
    seen: set[str] = set()
    for hit in hits:
        if len(sources) == MAX_SOURCES:
            break
        document = lookup(hit.clause.doc_id)
        if document is None or hit.clause.clause_id in seen:
            continue
        seen.add(hit.clause.clause_id)
        number = len(sources) + 1
        sources.append(Source(number, hit, document, source_header(number, document, hit.clause)))
    return sources


@dataclass(frozen=True)
class Prompts:
    """The prompt files, loaded once."""

    system: str
    answer: PromptTemplate
    retry: PromptTemplate
    condense: PromptTemplate

    @classmethod
    def load(cls, directory: Path = PROMPTS_DIR) -> Prompts:
        def template(name: str) -> PromptTemplate:
            return PromptTemplate.from_file(directory / name, encoding="utf-8")

        if not (directory / "system.md").is_file():
            raise FileNotFoundError(
                f"LLM prompts not found in {directory}: install from a source checkout "
                "(pip install -e .) so prompts/ is next to the rag package"
            )
        system = (directory / "system.md").read_text(encoding="utf-8").strip()
        return cls(system, template("answer.md"), template("retry.md"), template("condense.md"))

    def answer_messages(self, question: str, sources: Sequence[Source]) -> list[BaseMessage]:
        chat = ChatPromptTemplate.from_messages(
            [SystemMessage(content=self.system), ("human", self.answer.template)]
        )
        rendered = "\n\n".join(source.render() for source in sources)
        return chat.format_messages(sources=rendered, question=delimited_question(question))

    def retry_messages(
        self,
        question: str,
        sources: Sequence[Source],
        previous: str,
        violations: Sequence[str],
    ) -> list[BaseMessage]:
        listed = "\n".join(f"- {v}" for v in violations)
        return [
            *self.answer_messages(question, sources),
            AIMessage(content=previous),
            HumanMessage(content=self.retry.format(violations=listed)),
        ]

    def condense_messages(
        self, question: str, history: Sequence[tuple[str, str]]
    ) -> list[BaseMessage]:
        text = self.condense.format(
            history=format_history(history), question=delimited_question(question)
        )
        return [HumanMessage(content=text)]


def delimited_question(question: str) -> str:
    return neutralise(question.strip()[:MAX_QUESTION_CHARS])


def format_history(history: Sequence[tuple[str, str]]) -> str:
    lines = []
    for asked, answered in history[-HISTORY_TURNS:]:
        lines.append(f"用户：{neutralise(asked.strip())}")
        lines.append(f"助手：{neutralise(answered.strip()[:HISTORY_ANSWER_CHARS])}")
    return "\n".join(lines) or "（无）"
