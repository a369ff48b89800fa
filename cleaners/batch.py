"""Cleaning many documents: in worker processes, in input order, in bounded memory.

Documents are grouped into chunks (a few hundred documents or about a megabyte) and
handed to ``jobs`` worker processes, each holding its own copy of the pipeline (a
:class:`~cleaners.pipeline.Pipeline` pickles as its arguments, so shipping it is cheap
and each worker builds it once). At most a few chunks per worker are in flight, so
memory does not grow with the corpus, and results come back in input order, so the
output of ``jobs=N`` is the output of ``jobs=1``.

>>> [r.text for r in clean_many(["a  \\n", "b\\r\\n"], profile="generic")]
['a\\n', 'b\\n']
"""

from __future__ import annotations

import os
import pickle
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from cleaners.io import SNIFF_BYTES, binary_reason, write_atomic
from cleaners.model import Result
from cleaners.pipeline import CHANGED_BY, Input, Pipeline

T = TypeVar("T")

#: Metadata keys of a :class:`FileTask`'s result: the UTF-8 bytes written, why the input could
#: not be read (unreadable, or not text) and why the output could not be written.
WRITTEN_BYTES = "written_bytes"
READ_ERROR = "read_error"
WRITE_ERROR = "write_error"
CHUNK_DOCUMENTS = 256
CHUNK_BYTES = 1 << 20
CHUNKS_PER_JOB = 3

#: The pipeline of this worker process, set once by :func:`_init_worker`.
_worker: list[Pipeline] = []


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class FileTask:
    """A text file that the worker itself reads, cleans and writes to ``destination`` (atomically).

    Reading and creating files is slow on some file systems; done in the workers it runs in
    parallel, and the text never passes through the parent. The result's text is empty:
    ``metadata["written_bytes"]`` holds the size written, ``metadata["read_error"]`` or
    ``metadata["write_error"]`` what failed. ``size`` (bytes on disk) only balances the chunks.
    """

    source: Path
    destination: Path
    size: int = 0


Document = Input | FileTask


def _read_text_file(path: Path) -> bytes | str:
    """The bytes of ``path``, or why they are not text (a ``str``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return exc.strerror or str(exc)
    return binary_reason(data[:SNIFF_BYTES]) or data


def _run_file_task(pipeline: Pipeline, task: FileTask, explain: bool) -> Result:
    data = _read_text_file(task.source)
    if isinstance(data, str):
        return Result("", metadata={READ_ERROR: data, CHANGED_BY: []})
    result = pipeline.run(data, explain=explain)
    try:
        result.metadata[WRITTEN_BYTES] = write_atomic(task.destination, result.text)
    except OSError as exc:
        result.metadata[WRITE_ERROR] = exc.strerror or str(exc)
    result.text = ""
    return result


def _clean_item(pipeline: Pipeline, item: Document, explain: bool) -> Result:
    if isinstance(item, FileTask):
        return _run_file_task(pipeline, item, explain)
    return pipeline.run(item, explain=explain)


def _init_worker(pipeline: Pipeline) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker[:] = [pipeline]


def _clean_chunk(documents: list[Document], explain: bool) -> list[Result]:
    (pipeline,) = _worker
    return [_clean_item(pipeline, item, explain) for item in documents]


def _size(data: Document | None) -> int:
    if isinstance(data, FileTask):
        return data.size
    if data is None:
        return 0
    return len(data) if not isinstance(data, memoryview) else data.nbytes


def _chunks(items: Iterable[tuple[T, Document | None]]) -> Iterator[list[tuple[T, Document | None]]]:
    chunk: list[tuple[T, Document | None]] = []
    size = 0
    for tag, data in items:
        chunk.append((tag, data))
        size += _size(data)
        if len(chunk) >= CHUNK_DOCUMENTS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _merge(chunk: list[tuple[T, Document | None]], results: list[Result]) -> Iterator[tuple[T, Result | None]]:
    cleaned = iter(results)
    for tag, data in chunk:
        yield tag, (next(cleaned) if data is not None else None)


def clean_tagged(
    items: Iterable[tuple[T, Document | None]],
    pipeline: Pipeline,
    *,
    jobs: int | None = 1,
    explain: bool = False,
) -> Generator[tuple[T, Result | None]]:
    """``(tag, result)`` for each ``(tag, document)`` of ``items``, in their order.

    Tags never leave this process (they may hold open files or records); a document of
    ``None`` is not cleaned and comes back as ``(tag, None)`` in its place, which lets a
    caller put markers (end of a file, an error) in the stream. A :class:`FileTask` is read
    and written by the worker that cleans it. ``items`` is read lazily,
    a few chunks ahead of the results. ``pipeline.counters`` is updated as results arrive;
    each result's ``metadata["changed_by"]`` lists the rules that changed its document.
    """
    jobs = jobs or default_jobs()
    if jobs == 1:
        local = pickle.loads(pickle.dumps(pipeline))
        for chunk in _chunks(items):
            documents = [data for _, data in chunk if data is not None]
            yield from _counted(pipeline, _merge(chunk, [_clean_item(local, d, explain) for d in documents]))
        return
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(pipeline,)) as pool:
        pending: deque[tuple[list[tuple[T, Document | None]], Future[list[Result]]]] = deque()
        try:
            for chunk in _chunks(items):
                documents = [data for _, data in chunk if data is not None]
                pending.append((chunk, pool.submit(_clean_chunk, documents, explain)))
                if len(pending) >= jobs * CHUNKS_PER_JOB:
                    done, future = pending.popleft()
                    yield from _counted(pipeline, _merge(done, future.result()))
            while pending:
                done, future = pending.popleft()
                yield from _counted(pipeline, _merge(done, future.result()))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _counted(pipeline: Pipeline, pairs: Iterator[tuple[T, Result | None]]) -> Iterator[tuple[T, Result | None]]:
    for tag, result in pairs:
        if result is not None:
            pipeline.counters.update(result.metadata[CHANGED_BY])
        yield tag, result


def clean_many(
    documents: Iterable[Input],
    *,
    jobs: int | None = 1,
    pipeline: Pipeline | None = None,
    explain: bool = False,
    profile: str = "auto",
    **options: Any,
) -> Iterator[Result]:
    """A :class:`~cleaners.model.Result` for each document (str or bytes), in input order.

    ``jobs`` worker processes clean them (``None`` or 0: one per core; 1: in this
    process). Pass a built ``pipeline``, or ``profile`` and options as for
    :func:`cleaners.clean`; the pipeline's ``counters`` then count, per rule code, the
    documents it changed. ``metadata["changed_by"]`` lists each document's rules.
    Memory stays bounded: documents are read a few chunks ahead of the results.
    """
    if pipeline is None:
        pipeline = Pipeline(profile, **options)
    for _, result in clean_tagged(((None, data) for data in documents), pipeline, jobs=jobs, explain=explain):
        assert result is not None
        yield result
