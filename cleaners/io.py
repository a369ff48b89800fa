"""Readers and writers: where documents come from and where cleaned text goes.

Cleaners never see a file; this module never cleans. Outputs are written
atomically (a temporary file in the same folder, then a rename), so an
interrupted run leaves either the old file or the new one, never half of one.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "a" / "b.txt"
>>> write_atomic(out, "你好\\n")
>>> out.read_text(encoding="utf-8")
'你好\\n'
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input document: a file (with its path relative to the folder it was found in) or stdin."""

    path: Path | None
    relative: Path

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else "<stdin>"

    def read(self) -> bytes:
        if self.path is None:
            return sys.stdin.buffer.read()
        return self.path.read_bytes()


def iter_sources(inputs: Sequence[str]) -> Iterator[Source | tuple[str, str]]:
    """The documents named by ``inputs`` (files, folders walked recursively, ``-``).

    A name that does not exist yields ``(name, problem)`` instead, so the caller can
    report it and go on. Hidden files and folders inside a walked folder are skipped.
    """
    for name in inputs:
        if name == STDIN:
            yield Source(None, Path("stdin.txt"))
            continue
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    if not file.startswith("."):
                        found = Path(root) / file
                        yield Source(found, found.relative_to(path))
        elif path.is_file():
            yield Source(path, Path(path.name))
        else:
            yield name, "no such file or folder"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
