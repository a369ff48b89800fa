"""Record formats: JSONL (plain or gzipped) and Parquet, read and written in a stream.

Readers and writers only move records; they never clean. A JSONL reader yields each
line's record or what is wrong with the line; a Parquet reader yields one row group at
a time, so neither ever holds a whole file. Writers write to a temporary path that the
caller renames (see :class:`cleaners.io.AtomicFile`).

>>> import io
>>> list(parse_jsonl(io.BytesIO(b'{"text": "a"}\\n\\nnot json\\n')))  # doctest: +ELLIPSIS
[(1, {'text': 'a'}), (3, BrokenLine(reason='invalid JSON: Expecting value at column 1'))]
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

TEXT, JSONL, PARQUET = "text", "jsonl", "parquet"
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
PARQUET_MISSING = "reading Parquet needs pyarrow: pip install 'cleaners-cjk[parquet]'"


def format_of(path: Path) -> str:
    """``jsonl``, ``parquet`` or ``text``, from the file name.

    >>> format_of(Path("a/b.jsonl.gz")), format_of(Path("c.parquet")), format_of(Path("d.md"))
    ('jsonl', 'parquet', 'text')
    """
    name = path.name.lower()
    if name.endswith(_JSONL_SUFFIXES):
        return JSONL
    if name.endswith(".parquet"):
        return PARQUET
    return TEXT


@dataclass(frozen=True)
class BrokenLine:
    """Why a JSONL line could not be read as a record."""

    reason: str


def _record(line: bytes) -> dict[str, Any] | BrokenLine:
    try:
        record = json.loads(line.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        return BrokenLine(f"not UTF-8 (byte {exc.start + 1})")
    except json.JSONDecodeError as exc:
        return BrokenLine(f"invalid JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return BrokenLine("invalid JSON: nested too deeply")
    if not isinstance(record, dict):
        return BrokenLine(f"not a JSON object but {type(record).__name__}")
    return record


def parse_jsonl(stream: Iterable[bytes]) -> Iterator[tuple[int, dict[str, Any] | BrokenLine]]:
    """``(line number, record)`` for each non-blank line of ``stream``; a bad line gives a :class:`BrokenLine`."""
    for number, line in enumerate(stream, 1):
        if line.strip():
            yield number, _record(line)


def is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def open_binary(path: Path, mode: str, *, gz: bool) -> IO[bytes]:
    """``path`` opened in binary ``mode`` ("rb" or "wb"), through gzip when ``gz``; the caller closes it."""
    if gz:
        return cast(IO[bytes], gzip.open(path, mode, compresslevel=6))
    return cast(IO[bytes], open(path, mode))


def dump_record(record: dict[str, Any]) -> bytes:
    r"""One JSONL line: UTF-8, non-ASCII kept as is, a lone surrogate escaped.

    >>> dump_record({"text": "你好", "n": 1})
    b'{"text": "\xe4\xbd\xa0\xe5\xa5\xbd", "n": 1}\n'
    """
    line = json.dumps(record, ensure_ascii=False, default=str) + "\n"
    return line.encode("utf-8", errors="backslashreplace")


class ParquetReader:
    """A Parquet file read one row group at a time (needs pyarrow)."""

    def __init__(self, path: Path) -> None:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise RuntimeError(PARQUET_MISSING) from None
        self.file = pq.ParquetFile(path)
        self.schema = self.file.schema_arrow
        self.num_rows: int = self.file.metadata.num_rows

    def row_groups(self) -> Iterator[Any]:
        """Each row group as a ``pyarrow.Table``."""
        for index in range(self.file.num_row_groups):
            yield self.file.read_row_group(index)

    def close(self) -> None:
        self.file.close()


def text_column(table: Any, field: str) -> list[str | None]:
    """The values of the string column ``field`` of ``table``; ``ValueError`` if it has none."""
    import pyarrow as pa

    if field not in table.column_names:
        raise ValueError(f"no column {field!r} (columns: {', '.join(table.column_names)})")
    column = table.column(field)
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        raise ValueError(f"column {field!r} holds {column.type}, not strings")
    values: list[str | None] = column.to_pylist()
    return values


def with_column(table: Any, field: str, values: list[Any], *, as_json: bool = False) -> Any:
    """``table`` with column ``field`` replaced by (or, if new, appended as) ``values``.

    ``as_json`` stores each value as a JSON string (for metadata dicts).
    """
    import pyarrow as pa

    if as_json:
        values = [None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in values]
    if field in table.column_names:
        index = table.column_names.index(field)
        kind = table.schema.field(index).type if not as_json else pa.string()
        return table.set_column(index, pa.field(field, kind), pa.array(values, type=kind))
    return table.append_column(pa.field(field, pa.string()), pa.array(values, type=pa.string()))


class ParquetWriter:
    """Row groups written to ``path`` (a temporary path the caller renames), schema from the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer: Any = None

    def write(self, table: Any) -> None:
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema)
        self._writer.write_table(table, row_group_size=max(table.num_rows, 1))

    def close(self, schema: Any) -> None:
        """Finish the file; ``schema`` is used when no row group was written (an empty file)."""
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, schema)
        self._writer.close()
