"""Cleaning a corpus: files, folders, globs, JSONL and Parquet in; a mirrored tree, a summary out.

One stream runs through the run: a reader side walks the inputs and yields each
document (a text file, a JSONL record's field, a Parquet row's column) with a tag
saying where it came from, plus markers (a file is done, something failed); the
documents are cleaned in worker processes (:func:`cleaners.batch.clean_tagged`) and
come back in order, and the writer side puts each one where it belongs. Outputs go
through temporary files renamed when complete; an error in one input is reported as
``name: reason`` (``file:line`` for a JSONL line) and the run goes on.
"""

from __future__ import annotations

import difflib
import gzip
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from cleaners.batch import READ_ERROR, WRITE_ERROR, WRITTEN_BYTES, Document, FileTask, clean_tagged
from cleaners.formats import (
    JSONL,
    PARQUET,
    BrokenLine,
    ParquetReader,
    ParquetWriter,
    dump_record,
    format_of,
    is_gzip,
    open_binary,
    parse_jsonl,
    text_column,
    with_column,
)
from cleaners.io import SNIFF_BYTES, AtomicFile, Source, binary_reason, iter_sources, same_file
from cleaners.model import Change, Result
from cleaners.pipeline import CHANGED_BY, Input, Pipeline
from cleaners.progress import Progress
from cleaners.report import Summary, format_changes

WRITE, DIFF, CHECK = "write", "diff", "check"
STDOUT = Path("-")


@dataclass(frozen=True)
class RunOptions:
    """What a run does with its inputs (the ``clean`` command's options)."""

    output: str | None = None
    single: bool = False
    mode: str = WRITE
    explain: bool = False
    field: str = "text"
    metadata_field: str | None = None
    resume: bool = False
    jobs: int | None = None
    quiet: bool = False
    verbose: bool = False


class InputError(Exception):
    """An input that cannot be read as its format says; it fails alone."""


class Job:
    """One input file's output, opened before its first document and finished after its last."""

    def __init__(self, source: Source, destination: Path | None, options: RunOptions) -> None:
        self.source = source
        self.destination = destination
        self.options = options
        self.failed = False
        self._file: AtomicFile | None = None

    def _open_target(self) -> AtomicFile | None:
        if self.destination is None or self.destination == STDOUT:
            return None
        self._file = AtomicFile(self.destination)
        return self._file

    def accept(self, record: Any, text: str | None, metadata: dict[str, Any] | None) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        if self._file is not None:
            self._file.commit()

    def abort(self) -> None:
        self.failed = True
        if self._file is not None:
            self._file.abort()


class TextJob(Job):
    """A text file: its whole content is one document."""

    def accept(self, record: Any, text: str | None, metadata: dict[str, Any] | None) -> None:
        if text is None or self.destination is None:
            return
        if self.destination == STDOUT:  # a file destination was written by the worker (FileTask)
            sys.stdout.buffer.write(text.encode("utf-8"))
            sys.stdout.buffer.flush()


class JsonlJob(Job):
    """A JSONL file: one document per record, the other fields kept as they are."""

    def start(self) -> None:
        target = self._open_target()
        self._raw: IO[bytes] | None = None
        self._handle: IO[bytes] | None = None
        if target is not None:
            assert self.destination is not None
            self._raw = self._handle = target.handle("wb")
            if is_gzip(self.destination):
                self._handle = cast(IO[bytes], gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=6))
        elif self.destination == STDOUT:
            self._handle = sys.stdout.buffer

    def accept(self, record: Any, text: str | None, metadata: dict[str, Any] | None) -> None:
        if self._handle is None:
            return
        if text is not None:
            record[self.options.field] = text
            if self.options.metadata_field:
                record[self.options.metadata_field] = metadata
        self._handle.write(dump_record(record))

    def _close(self) -> None:
        handle, raw, self._handle, self._raw = self._handle, self._raw, None, None
        try:
            if handle is not None and handle is not raw and handle is not sys.stdout.buffer:
                handle.close()  # the gzip stream: writes its trailer
        finally:
            if raw is not None:
                raw.close()

    def finish(self) -> None:
        self._close()
        super().finish()

    def abort(self) -> None:
        try:
            self._close()
        finally:
            super().abort()


class ParquetJob(Job):
    """A Parquet file: one document per row of the text column, written back row group by row group."""

    def start(self, schema: Any) -> None:
        self.schema = schema
        target = self._open_target()
        self._writer = ParquetWriter(target.tmp) if target is not None else None
        self._texts: list[str | None] = []
        self._metadata: list[dict[str, Any] | None] = []

    def accept(self, record: Any, text: str | None, metadata: dict[str, Any] | None) -> None:
        self._texts.append(text if text is not None else record)
        self._metadata.append(metadata)

    def group_done(self, table: Any) -> None:
        texts, metadata = self._texts, self._metadata
        self._texts, self._metadata = [], []
        if self._writer is None:
            return
        table = with_column(table, self.options.field, texts)
        if self.options.metadata_field:
            table = with_column(table, self.options.metadata_field, metadata, as_json=True)
        self._writer.write(table)

    def finish(self) -> None:
        if self._writer is not None:
            schema = self.schema
            if self.options.metadata_field and self.options.metadata_field not in schema.names:
                import pyarrow as pa

                schema = schema.append(pa.field(self.options.metadata_field, pa.string()))
            self._writer.close(schema)
        super().finish()


@dataclass
class Doc:
    """A document of ``job``: ``record`` is what the text goes back into (a JSONL record; a Parquet value)."""

    job: Job
    name: str
    record: Any = None
    size: int = 0
    position: int = 0
    original: Input | None = None


@dataclass
class GroupEnd:
    """The last row of a Parquet row group has been handed out."""

    job: ParquetJob
    table: Any
    position: int


@dataclass
class End:
    """The last document of ``job`` has been handed out."""

    job: Job


@dataclass
class Failed:
    """``name`` could not be read (a file, or ``file:line``); ``job`` is dropped when given."""

    name: str
    reason: str
    job: Job | None = None


@dataclass
class Skipped:
    """``--resume``: the output of ``source`` is already complete."""

    destination: Path


Tag = Doc | GroupEnd | End | Failed | Skipped
Item = tuple[Tag, Document | None]


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", errors="surrogatepass"))


@dataclass
class CorpusRun:
    """One run of ``cleaners clean`` over ``inputs``; :meth:`run` returns the summary."""

    inputs: Sequence[str]
    pipeline: Pipeline
    options: RunOptions
    progress: Progress = field(default_factory=lambda: Progress(sys.stderr, None, enabled=False))
    summary: Summary = field(init=False)
    would_clean: int = field(default=0, init=False)
    _open: set[Job] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        self.summary = Summary(jobs=self.options.jobs or 1)
        self._output_folder = Path(self.options.output or "")

    # reader side -----------------------------------------------------------------------------

    def destination(self, source: Source) -> Path | None:
        output, options = self.options.output, self.options
        if options.mode != WRITE:
            return None
        if output is None:
            return STDOUT
        out = self._output_folder
        if options.single and not out.is_dir() and not output.endswith(("/", "\\")):
            return out
        return out / source.relative

    def _items(self) -> Iterator[Item]:
        exclude = Path(self.options.output) if self.options.output and not self.options.single else None
        for found in iter_sources(self.inputs, exclude=exclude):
            if isinstance(found, tuple):
                yield Failed(*found), None
                continue
            destination = self.destination(found)
            if destination not in (None, STDOUT) and found.path is not None:
                assert destination is not None
                if same_file(destination, found.path):
                    yield Failed(found.name, "the output would overwrite the input"), None
                    continue
                if self.options.resume and destination.exists():
                    yield Skipped(destination), None
                    continue
            kind = format_of(found.path) if found.path is not None else "text"
            reader: Callable[[Source, Path | None], Iterator[Item]] = {
                JSONL: self._jsonl,
                PARQUET: self._parquet,
            }.get(kind, self._text)
            yield from self._guarded(found, reader(found, destination))

    def _guarded(self, source: Source, items: Iterator[Item]) -> Iterator[Item]:
        """``items``, ending in a :class:`Failed` for ``source`` if reading it raises."""
        try:
            yield from items
        except (InputError, OSError, EOFError, ValueError, RuntimeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            job = next((job for job in self._open if job.source is source), None)
            yield Failed(source.name, reason, job), None

    def _keep(self, data: Input) -> Input | None:
        return data if self.options.mode in (DIFF, CHECK) else None

    def _text(self, source: Source, destination: Path | None) -> Iterator[Item]:
        job = TextJob(source, destination, self.options)
        if destination not in (None, STDOUT) and source.path is not None:
            assert destination is not None
            size = source.size()  # the worker reads the file (FileTask)
            yield Doc(job, source.name, size=size, position=size), FileTask(source.path, destination, size)
        else:
            data = source.read()
            reason = binary_reason(data[:SNIFF_BYTES])
            if reason:
                raise InputError(reason)
            yield Doc(job, source.name, size=len(data), position=len(data), original=self._keep(data)), data
        yield End(job), None

    def _start(self, job: Job) -> None:
        self._open.add(job)

    def _jsonl(self, source: Source, destination: Path | None) -> Iterator[Item]:
        assert source.path is not None
        gz = is_gzip(source.path)
        with open_binary(source.path, "rb", gz=gz) as head:
            reason = binary_reason(head.read(SNIFF_BYTES))
        if reason:
            raise InputError(reason)
        if destination == STDOUT and not self.options.single:
            raise InputError("JSONL output needs -o")
        job = JsonlJob(source, destination, self.options)
        field_name = self.options.field
        with open(source.path, "rb") as raw:
            stream: Iterable[bytes] = gzip.GzipFile(fileobj=raw) if gz else raw
            job.start()
            self._start(job)
            last = 0
            for number, record in parse_jsonl(stream):
                offset = raw.tell()
                position, last = offset - last, offset
                name = f"{source.name}:{number}"
                if isinstance(record, BrokenLine):
                    yield Failed(name, record.reason), None
                    continue
                value = record.get(field_name)
                if value is not None and not isinstance(value, str):
                    yield Failed(name, f"field {field_name!r} is {type(value).__name__}, not a string; kept"), None
                    value = None
                if value is None:
                    yield Doc(job, name, record, position=position), None
                    continue
                yield Doc(job, name, record, _utf8_size(value), position, self._keep(value)), value
        yield End(job), None

    def _parquet(self, source: Source, destination: Path | None) -> Iterator[Item]:
        assert source.path is not None
        if destination == STDOUT:
            raise InputError("Parquet output needs -o")
        reader = ParquetReader(source.path)
        try:
            job = ParquetJob(source, destination, self.options)
            job.start(reader.schema)
            self._start(job)
            size, rows, row = source.size(), max(reader.num_rows, 1), 0
            for table in reader.row_groups():
                for value in text_column(table, self.options.field):
                    row += 1
                    name = f"{source.name}:row {row}"
                    if value is None:
                        yield Doc(job, name, None), None
                    else:
                        yield Doc(job, name, value, _utf8_size(value), 0, self._keep(value)), value
                yield GroupEnd(job, table, size * table.num_rows // rows), None
            yield End(job), None
        finally:
            reader.close()

    # writer side -----------------------------------------------------------------------------

    def _error(self, name: str, reason: str) -> None:
        self.summary.error(name, reason)
        self.progress.echo(f"cleaners: {name}: {reason}")

    def _fail(self, job: Job, reason: str) -> None:
        self._open.discard(job)
        job.abort()
        self._error(job.source.name, reason)

    def _original(self, doc: Doc, result: Result) -> str:
        data = doc.original
        if isinstance(data, str):
            return data
        if not data:
            return ""
        return bytes(data).decode(result.metadata.get("encoding", "utf-8"), errors="replace")

    def _document(self, doc: Doc, result: Result | None) -> None:
        if doc.job.failed:
            return
        if result is None:  # nothing to clean: the record goes out as it came
            if self.options.mode == WRITE:
                doc.job.accept(doc.record, None, None)
            self.progress.advance(position=doc.position)
            return
        read_error = result.metadata.pop(READ_ERROR, None)
        if read_error:
            self._fail(doc.job, read_error)
            return
        write_error = result.metadata.pop(WRITE_ERROR, None)
        if write_error:
            self._fail(doc.job, f"cannot write output: {write_error}")
            return
        text = result.text
        written = result.metadata.pop(WRITTEN_BYTES, None)
        self.summary.document(doc.size, _utf8_size(text) if written is None else written, result.metadata[CHANGED_BY])
        self.progress.advance(1, doc.size, doc.position)
        if self.options.explain:
            self._explain(doc.name, result.changes)
        if self.options.mode == CHECK:
            if text != self._original(doc, result):
                self.would_clean += 1
                print(f"would clean: {doc.name}", flush=True)
        elif self.options.mode == DIFF:
            original = self._original(doc, result)
            sys.stdout.writelines(
                difflib.unified_diff(
                    original.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    f"a/{doc.name}",
                    f"b/{doc.name}",
                )
            )
        else:
            doc.job.accept(doc.record, text, result.metadata)

    def _explain(self, name: str, changes: list[Change]) -> None:
        log = format_changes(name, changes)
        if log:
            self.progress.clear()
            sys.stderr.write(log)

    def _handle(self, tag: Tag, result: Result | None) -> None:
        if isinstance(tag, Doc):
            self._document(tag, result)
        elif isinstance(tag, GroupEnd):
            if not tag.job.failed:
                tag.job.group_done(tag.table)
            self.progress.advance(position=tag.position)
        elif isinstance(tag, End):
            self._open.discard(tag.job)
            if not tag.job.failed:
                tag.job.finish()
                self.summary.files += 1
                if self.options.verbose and tag.job.destination not in (None, STDOUT):
                    self.progress.echo(f"wrote {tag.job.destination}")
        elif isinstance(tag, Skipped):
            self.summary.skipped += 1
            if self.options.verbose:
                self.progress.echo(f"skipped {tag.destination}: already complete")
        elif tag.job is not None:
            self._fail(tag.job, tag.reason)
        else:
            self._error(tag.name, tag.reason)

    def run(self) -> Summary:
        """Clean every input; returns the summary. Ctrl-C leaves no partial output."""
        stream = clean_tagged(self._items(), self.pipeline, jobs=self.options.jobs, explain=self.options.explain)
        try:
            for tag, result in stream:
                try:
                    self._handle(tag, result)
                except OSError as exc:  # a write failed: that output fails alone
                    job = getattr(tag, "job", None)
                    if job is None:
                        raise
                    self._fail(job, f"cannot write output: {exc.strerror or exc}")
        finally:
            stream.close()
            for job in list(self._open):
                job.abort()
            self._open.clear()
            self.progress.clear()
        return self.summary


def total_bytes(inputs: Sequence[str]) -> int:
    """The bytes on disk of every input file (a second, cheap walk, for the progress bar's ETA)."""
    return sum(found.size() for found in iter_sources(inputs) if isinstance(found, Source))
