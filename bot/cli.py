"""`policybot` command line: argument parsing only; each command lives with its adapter.

Command modules are imported lazily so `policybot docs` does not pay for Telegram,
FastAPI or Chroma imports.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NoReturn

from rag.index.generations import IndexDamagedError
from rag.settings import MissingSettingError, Settings

# subcommand -> "module:function"; each function takes (args, settings) and returns an exit code
COMMANDS: dict[str, str] = {
    "index": "bot.corpus_commands:run_index",
    "docs": "bot.corpus_commands:run_docs",
    "clause": "bot.corpus_commands:run_clause",
    "show": "bot.corpus_commands:run_show",
    "ask": "bot.answer_commands:run_ask",
    "eval": "bot.answer_commands:run_eval",
    "telegram": "bot.telegram.runner:run",
    "wecom": "bot.wecom.runner:run",
    "serve": "bot.web.runner:run",
}
# commands that print and end: the console entry point skips the interpreter's teardown after
# them (freeing a loaded index, ~1 GB for a province, took longer than some answers); the
# building commands (index, eval) and the servers exit normally
PRINT_AND_END = frozenset({"ask", "docs", "clause", "show"})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policybot", description="政策问答: policy answers with verified clause citations"
    )
    common = argparse.ArgumentParser(add_help=False)
    # accepted before or after the subcommand; SUPPRESS keeps a later default from erasing it
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, help="data directory (POLICYBOT_DATA_DIR)"
    )
    parser.add_argument(
        "--data-dir",
        help="data directory (default: POLICYBOT_DATA_DIR, else the per-user data folder, "
        "e.g. ~/.local/share/policybot)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True, help="the command to run")
    original_add_parser = sub.add_parser

    def add_parser(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return original_add_parser(name, parents=[common], **kwargs)

    sub.add_parser = add_parser  # type: ignore[method-assign]

    index = sub.add_parser(
        "index",
        help="index policy files (default: the seed documents shipped with policybot)",
        description="Index policy files. Without --add or --remove the index is REPLACED by "
        "exactly the files given (folders are walked recursively); unchanged files are not "
        "parsed again. Every run that changes something is one new generation, switched in "
        "atomically; running servers pick it up on their next request.",
    )
    index.add_argument(
        "paths",
        nargs="*",
        metavar="PATH|DOC",
        help="files or folders (default: the seed documents); with --remove: documents by "
        "id, file name or a unique part of the title",
    )
    mode = index.add_mutually_exclusive_group()
    mode.add_argument(
        "--add", action="store_true", help="add (or update) these files, keep everything else"
    )
    mode.add_argument(
        "--remove", action="store_true", help="remove these documents, keep everything else"
    )
    index.add_argument("--no-progress", action="store_true", help="no progress bar")

    docs = sub.add_parser("docs", help="list indexed documents")
    docs.add_argument("--json", action="store_true", help="one JSON object per document")

    clause = sub.add_parser("clause", help="exact text of a clause by document and number")
    clause.add_argument("doc", help="document id, file name prefix or unique part of the title")
    clause.add_argument("number", help='clause number, e.g. 14 or "(三)"')
    clause.add_argument("--json", action="store_true", help="print the clause as JSON")

    show = sub.add_parser("show", help="exact text of a clause by id")
    show.add_argument("clause_id", help="clause id (a unique prefix of 4+ characters works)")
    show.add_argument("--json", action="store_true", help="print the clause as JSON")

    ask = sub.add_parser(
        "ask",
        help="answer questions (from arguments or one per stdin line)",
        description="Answer the question given as arguments; without arguments, read "
        "questions from standard input, one per line (e.g. policybot ask < questions.txt).",
    )
    ask.add_argument(
        "question", nargs="*", help="the question; omit it to read one question per stdin line"
    )
    ask.add_argument("--json", action="store_true", help="one JSON object per question")
    ask.add_argument("--session", help="session id for follow-up questions")
    ask.add_argument("--top-k", type=int, help="citations to consider (POLICYBOT_TOP_K)")
    ask.add_argument(
        "--mode",
        choices=["llm", "extractive", "auto"],
        default="auto",
        help="auto: the LLM when one is configured, else quotes only (default: auto)",
    )

    evaluate = sub.add_parser("eval", help="score a golden-question file (JSON Lines)")
    evaluate.add_argument("file", nargs="?", help="default: tests/golden/golden.jsonl")
    evaluate.add_argument(
        "--corpus",
        help="score every set of a golden corpus in tests/golden/corpora.json (or 'all'), "
        "each corpus indexed into its own folder under the data directory",
    )
    evaluate.add_argument(
        "--mode",
        choices=["llm", "extractive", "auto"],
        default="extractive",
        help="answering mode to score (default: extractive)",
    )
    evaluate.add_argument("--json", action="store_true", help="print metrics as JSON")
    evaluate.add_argument("--check", action="store_true", help="exit 1 below the thresholds")
    evaluate.add_argument("--failures", action="store_true", help="list failed questions")

    telegram = sub.add_parser("telegram", help="run the Telegram bot")
    telegram.add_argument("--webhook-url", help="public URL: run as a webhook, not polling")
    telegram.add_argument("--listen", default="127.0.0.1", help="webhook listen address")
    telegram.add_argument("--port", type=int, default=8443, help="webhook port")
    telegram.add_argument("--url-path", default="telegram", help="webhook path")
    telegram.add_argument("--secret-token", help="webhook secret (TELEGRAM_WEBHOOK_SECRET)")

    wecom = sub.add_parser("wecom", help="serve the WeCom callback URLs")
    wecom.add_argument("--host", default="127.0.0.1", help="listen address (default: 127.0.0.1)")
    wecom.add_argument("--port", type=int, default=8080, help="listen port (default: 8080)")

    serve = sub.add_parser("serve", help="HTTP API and web page")
    serve.add_argument("--host", default="127.0.0.1", help="listen address (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="listen port (default: 8000)")
    return parser


def load_command(command: str) -> Callable[[argparse.Namespace, Settings], int | None]:
    module_name, function_name = COMMANDS[command].split(":")
    command_function: Callable[[argparse.Namespace, Settings], int | None] = getattr(
        importlib.import_module(module_name), function_name
    )
    return command_function


def package_version() -> str:
    try:
        return version("policybot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def main(argv: Sequence[str] | None = None) -> int:
    return run_command(build_parser().parse_args(argv))


def run() -> NoReturn:
    """The console entry point (`policybot`, `python -m bot`): `main()`, then after a command
    that prints and ends, leave at once. Everything such a command writes is already durable
    when it returns (session turns and saved derived data are committed or renamed into place
    by each call, build clients are closed), so only the output streams need flushing."""
    args = build_parser().parse_args()
    if args.command not in PRINT_AND_END:
        sys.exit(run_command(args))
    # answering leaves no cyclic garbage (none after 30 answers); the collector's passes
    # over the objects loaded at start-up cost a cold ask ~0.1 s
    gc.disable()
    code = run_command(args)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # the reader may have gone (`| head`), or main() pointed stdout at os.devnull
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(code)


def run_command(args: argparse.Namespace) -> int:
    settings = Settings()
    if args.data_dir:
        # model_copy does not validate: the option arrives as a str, the setting is a Path
        settings = settings.model_copy(update={"data_dir": Path(args.data_dir)})
    try:
        code = int(load_command(args.command)(args, settings) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not as a traceback at exit
        return code
    except MissingSettingError as error:
        message = str(error)  # its purpose may already name the command
        prefix = (
            "" if message.startswith(f"policybot {args.command}") else f"policybot {args.command}: "
        )
        print(prefix + message, file=sys.stderr)
        return 2
    except IndexDamagedError as error:  # the message names the file and what to run
        print(f"policybot {args.command}: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `policybot … | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no flush error at exit
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a message, not a traceback (POLICYBOT_DEBUG=1 shows it)
        if os.environ.get("POLICYBOT_DEBUG"):
            raise
        print(f"policybot {args.command}: {error or type(error).__name__}", file=sys.stderr)
        print(f"policybot {args.command}: data directory {settings.data_dir}; "
              "`policybot index` indexes the seed documents, `policybot docs` lists what is "
              "indexed (POLICYBOT_DEBUG=1 shows the traceback)", file=sys.stderr)  # fmt: skip
        return 1


if __name__ == "__main__":
    run()
