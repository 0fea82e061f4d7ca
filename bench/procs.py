"""Child processes for benchmarks: how to start `policybot`, and their memory over time."""

from __future__ import annotations

import sys
import threading
from pathlib import Path


def policybot_command() -> list[str]:
    """`policybot` of the running interpreter's environment, whether or not it is on PATH."""
    script = Path(sys.executable).with_name("policybot")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "bot"]


def children(pid: int) -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc."""
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def tree_rss_mib(pid: int) -> float:
    """Resident memory of `pid` and all its descendants, in MiB (Linux /proc)."""
    tree, total, todo = children(pid), 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(tree.get(current, []))
        try:
            status = Path(f"/proc/{current}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines()
                       if line.startswith("VmRSS:")), 0)  # fmt: skip
    return total / 1024


class TreeMemory:
    """Samples a process tree's total RSS every `interval` seconds; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.5) -> None:
        self.pid, self.interval, self.peak_mib = pid, interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_mib = max(self.peak_mib, tree_rss_mib(self.pid))
