"""Progress per step: a line redrawn in place on a terminal (rows, rate, ETA), plain log lines
otherwise (at most one per ``every`` seconds, and one when the step ends). Counts only: no row
content ever goes here."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, every: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.every = every

    def start(self, step: str, total: int) -> None:
        self.step, self.total, self.done = step, total, 0
        self.began = self.last = time.monotonic()

    def advance(self, rows: int) -> None:
        self.done += rows
        now = time.monotonic()
        if self.tty:
            self.stream.write("\r" + self._line(now) + "\x1b[K")
            self.stream.flush()
        elif now - self.last >= self.every:
            self.stream.write(self._line(now) + "\n")
            self.last = now

    def end(self) -> None:
        line = self._line(time.monotonic(), finished=True)
        self.stream.write(("\r" + line + "\x1b[K\n") if self.tty else line + "\n")
        self.stream.flush()

    def _line(self, now: float, finished: bool = False) -> str:
        seconds = max(now - self.began, 1e-6)
        rate = self.done / seconds
        line = f"{self.step}: {self.done}/{self.total} rows, {rate:.0f} rows/s"
        if finished:
            return f"{line}, {seconds:.1f} s"
        left = max(self.total - self.done, 0)
        eta = f"{left / rate:.0f} s" if rate > 0 else "?"
        return f"{line}, ETA {eta}"
