"""A one-line progress display on stderr: documents, MB, rate and ETA.

It draws only when its stream is a terminal (and not at all when quiet), at most ten
times a second; lines printed through :meth:`Progress.echo` appear above the bar.

>>> import io
>>> bar = Progress(io.StringIO(), total_bytes=2_000_000, enabled=True)
>>> bar.render(documents=3, done_bytes=1_000_000, position=1_000_000, elapsed=2.0)
'3 docs  1.0 MB  0.5 MB/s  50%  ETA 0:02'
"""

from __future__ import annotations

import time
from typing import TextIO

REFRESH_SECONDS = 0.1
#: No ETA before this much time has passed: the first documents say little about the rate.
ETA_AFTER_SECONDS = 2.0


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class Progress:
    """Counts documents and bytes; ``position`` (bytes of input on disk consumed) drives the ETA."""

    def __init__(self, stream: TextIO, total_bytes: int | None, *, enabled: bool) -> None:
        self.stream = stream
        self.total = total_bytes
        self.enabled = enabled
        self.documents = 0
        self.done_bytes = 0
        self.position = 0
        self._started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def advance(self, documents: int = 0, done_bytes: int = 0, position: int = 0) -> None:
        self.documents += documents
        self.done_bytes += done_bytes
        self.position += position
        now = time.monotonic()
        if self.enabled and now - self._drawn >= REFRESH_SECONDS:
            self._drawn = now
            self._draw(self.render(self.documents, self.done_bytes, self.position, now - self._started))

    def render(self, documents: int, done_bytes: int, position: int, elapsed: float) -> str:
        rate = done_bytes / 1e6 / elapsed if elapsed > 0 else 0.0
        line = f"{documents} docs  {done_bytes / 1e6:.1f} MB  {rate:.1f} MB/s"
        if self.total and position and elapsed >= ETA_AFTER_SECONDS:
            fraction = min(position / self.total, 1.0)
            line += f"  {fraction:.0%}  ETA {_clock(elapsed * (1 - fraction) / fraction)}"
        return line

    def _draw(self, line: str) -> None:
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()
        self._width = len(line)

    def clear(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def echo(self, line: str) -> None:
        """Print ``line`` on the stream without breaking the bar."""
        self.clear()
        self.stream.write(line + "\n")
        self.stream.flush()
