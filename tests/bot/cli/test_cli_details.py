"""Command-line manners: --version, help for every option, quiet broken pipes, a hint
instead of a silent wait, one name per message, a busy port said before anything else,
and commands that run from any folder with the per-user data folder."""

from __future__ import annotations

import argparse
import json
import os
import pty
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import build_parser
from rag.index.build import index_paths
from rag.service import build_answer_service
from tests.conftest import SEEDS_DIR, make_settings
from tests.live_serve import ROOT, policybot_env

RIZHAO = SEEDS_DIR / "003_2fadbbb93aa1902f.txt"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    index_paths([RIZHAO], make_settings(data), progress=False)
    return data


def cli(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, cwd=cwd,
        env=policybot_env(**env), timeout=240, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def test_version_and_help_for_every_option() -> None:
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("policybot ")
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in [("", parser), *commands.choices.items()]:
        for action in sub._actions:
            assert action.help, f"policybot {name} {action.option_strings or action.dest}"
    assert "standard input" in commands.choices["ask"].format_help()


def test_a_closed_pipe_ends_quietly(data: Path, tmp_path: Path) -> None:
    golden = tmp_path / "golden.jsonl"
    question = {"id": "a", "question": "日照市新设创投机构最高奖励多少"}
    golden.write_text(json.dumps(question, ensure_ascii=False) + "\n", encoding="utf-8")
    shown = cli("--data-dir", str(data), "clause", "--json", "若干政策", "14")
    clause_id = json.loads(shown.stdout)["clause_id"]
    for args in (
        ["docs"], ["clause", "若干政策", "14"], ["show", clause_id], ["eval", str(golden)],
        ["ask", "日照市新设创投机构最高奖励多少"],
    ):  # fmt: skip
        command = [sys.executable, "-m", "bot", "--data-dir", str(data), *args]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=policybot_env(), cwd=ROOT
        )
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `| head` that has read what it wanted
        err = process.stderr.read().decode()
        process.wait(timeout=240)
        assert "Traceback" not in err and "BrokenPipe" not in err, (args, err)


def test_ask_on_a_terminal_without_a_question_gives_a_hint(data: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bot", "--data-dir", str(data), "ask"],
            stdin=terminal, capture_output=True, text=True, env=policybot_env(), timeout=60,
        )  # fmt: skip
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2 and "policybot ask < questions.txt" in result.stderr
    example = build_answer_service(make_settings(data), mode="extractive").examples().question
    assert example and f'policybot ask "{example}"' in result.stderr  # built from the index


def test_a_missing_setting_names_the_command_once() -> None:
    result = cli("telegram", TELEGRAM_BOT_TOKEN="")
    assert result.returncode == 2
    assert result.stderr.startswith("policybot telegram needs TELEGRAM_BOT_TOKEN")
    assert "policybot telegram: policybot telegram" not in result.stderr


def test_serve_on_a_busy_port_says_so_first(data: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        started = time.monotonic()
        result = cli("--data-dir", str(data), "serve", "--port", port)
    assert result.returncode == 3 and f"port {port} on 127.0.0.1 is busy" in result.stderr
    assert "http://" not in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - started < 30  # before the index is loaded


def test_runs_from_any_folder_with_the_per_user_data_folder(tmp_path: Path) -> None:
    elsewhere, xdg = tmp_path / "elsewhere", tmp_path / "xdg"
    elsewhere.mkdir()
    empty = cli("docs", cwd=elsewhere, XDG_DATA_HOME=str(xdg))
    assert empty.returncode == 1 and "run `policybot index`" in empty.stderr
    assert "Traceback" not in empty.stderr
    answer = cli("ask", "日照市新设创投机构最高奖励多少", cwd=elsewhere, XDG_DATA_HOME=str(xdg))
    assert answer.returncode == 0 and "200万元" in answer.stdout, answer.stderr
    assert (xdg / "policybot" / "CURRENT").is_file()  # the seeds, indexed on first use
    assert not list(elsewhere.iterdir())  # nothing written to the working folder


def test_a_serving_command_without_an_index_says_what_to_run(tmp_path: Path) -> None:
    nothing = tmp_path / "no-seeds"
    nothing.mkdir()
    result = cli("--data-dir", str(tmp_path / "data"), "serve", "--port", "1",
                 POLICYBOT_SEEDS_DIR=str(nothing))  # fmt: skip
    assert result.returncode != 0 and "Traceback" not in result.stderr
    result = cli("--data-dir", str(tmp_path / "data"), "wecom", WECOM_CORP_ID="x",
                 WECOM_TOKEN="t", WECOM_ENCODING_AES_KEY="a" * 43,
                 POLICYBOT_SEEDS_DIR=str(nothing))  # fmt: skip
    assert result.returncode == 1 and "policybot index" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_make_check_does_not_rewrite_files() -> None:
    makefile = (ROOT / "Makefile").read_text()
    check = next(line for line in makefile.splitlines() if line.startswith("check:"))
    assert "format" not in check.split(":", 1)[1]
    assert "ruff format --check" in makefile


def test_every_package_and_shipped_folder_is_packaged() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for top in ("rag", "bot")
        for p in (ROOT / top).rglob("__init__.py")
    }
    assert on_disk | set(config["package-dir"]) == set(config["packages"])
    for package, folder in config["package-dir"].items():
        patterns = config["package-data"][package]
        assert any(f for pattern in patterns for f in (ROOT / folder).glob(pattern)), package


def test_ci_runs_the_readme_test_command_and_checks_browser_and_driver() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.endswith("-m pytest"))
    assert command.startswith("python3 -m venv .venv && ")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert script.rstrip().splitlines()[-1] == command
    assert "command -v chromium " in script and "command -v chromedriver" in script
    assert "apt-get install -y -qq" in script and "pip install -q" in script


def test_eval_of_a_golden_corpus_takes_the_data_dir_option(tmp_path: Path) -> None:
    from bot.cli import main

    data = tmp_path / "data"
    assert main(["eval", "--corpus", "seeds", "--data-dir", str(data), "--json"]) == 0
    assert (data / "eval" / "seeds").is_dir()
