"""What a run reports: each document's change log, and the summary of the whole run.

The summary counts documents, bytes, documents changed per rule, errors and time; it is
printed as text or written as JSON (``--report``).

>>> summary = Summary(jobs=1)
>>> summary.document(120, 100, ["UC101"])
>>> summary.error("a.bin", "binary file (PNG image)")
>>> summary.as_dict()["rules"], summary.as_dict()["errors"]
({'UC101': 1}, [{'source': 'a.bin', 'reason': 'binary file (PNG image)'}])
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaners.model import Change


def visible(line: str) -> str:
    r"""``line`` with invisible characters (other than plain spaces) written as escapes.

    >>> visible("a\u00a0b\tc")
    'a\\u00a0b\\u0009c'
    """
    return "".join(c if c == " " or c.isprintable() else f"\\u{ord(c):04x}" for c in line)


def format_changes(name: str, changes: Sequence[Change]) -> str:
    """The change log as text: ``name:line CODE rule-name`` then ``-``/``+`` lines."""
    out = []
    for change in changes:
        out.append(f"{name}:{change.line} {change.code} {change.name}")
        out.extend(f"  - {visible(line)}" for line in change.before.split("\n"))
        out.extend(f"  + {visible(line)}" for line in change.after.split("\n") if change.after)
    return "\n".join(out) + ("\n" if out else "")


#: Errors kept for the report; past this only their number grows (memory must not grow with the corpus).
MAX_LISTED_ERRORS = 1000


@dataclass
class Summary:
    """Counts gathered while a run goes on."""

    jobs: int
    files: int = 0
    documents: int = 0
    changed: int = 0
    skipped: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    rules: Counter[str] = field(default_factory=Counter)
    error_count: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def document(self, bytes_in: int, bytes_out: int, changed_by: Iterable[str]) -> None:
        """Count one cleaned document, its sizes and the rules that changed it."""
        codes = list(changed_by)
        self.documents += 1
        self.changed += bool(codes)
        self.bytes_in += bytes_in
        self.bytes_out += bytes_out
        self.rules.update(codes)

    def error(self, source: str, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append({"source": source, "reason": reason})

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def as_dict(self, rule_names: dict[str, str] | None = None) -> dict[str, Any]:
        names = rule_names or {}
        return {
            "files": self.files,
            "documents": self.documents,
            "changed": self.changed,
            "skipped_complete": self.skipped,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "seconds": round(self.seconds, 3),
            "jobs": self.jobs,
            "rules": dict(sorted(self.rules.items())),
            "rule_names": {code: names[code] for code in sorted(self.rules) if code in names},
            "error_count": self.error_count,
            "errors": self.errors,
        }

    def write_json(self, path: Path, rule_names: dict[str, str] | None = None) -> None:
        from cleaners.io import write_atomic

        write_atomic(path, json.dumps(self.as_dict(rule_names), ensure_ascii=False, indent=2) + "\n")

    def format(self, rule_names: dict[str, str] | None = None) -> str:
        """A few lines for a person: totals, then the rules by how many documents they changed."""
        names = rule_names or {}
        seconds = self.seconds
        rate = self.bytes_in / 1e6 / seconds if seconds > 0 else 0.0
        lines = [
            f"{self.documents} documents in {self.files} files, {self.changed} changed"
            + (f", {self.skipped} files already complete" if self.skipped else ""),
            f"{self.bytes_in / 1e6:.1f} MB in, {self.bytes_out / 1e6:.1f} MB out, "
            f"{seconds:.1f} s ({rate:.1f} MB/s, {self.jobs} jobs)",
        ]
        lines.extend(f"  {code:<7} {names.get(code, ''):<28} {count}" for code, count in self.rules.most_common())
        lines.append(f"{self.error_count} errors" if self.error_count != 1 else "1 error")
        return "\n".join(lines) + "\n"
