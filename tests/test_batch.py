"""clean_many and the worker pool: input order, same output for any --jobs, bounded look-ahead, counters."""

from __future__ import annotations

import itertools
import json
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleaners
from cleaners import batch
from cleaners.batch import FileTask, clean_many, clean_tagged
from cleaners.decode import decode
from cleaners.integrations.hf import batch_cleaner
from cleaners.pipeline import Pipeline

DOCS: list[str | bytes] = [
    f"第{i}段文字，内容很好。  \r\n" * (i % 5 + 1) if i % 3 else f"clean line {i}\n" for i in range(300)
]
DOCS[7] = "你好，世界。\r\n".encode("gbk")
DOCS[8] = "你好，世界。\r\n".encode("utf-16")


def test_results_come_in_input_order_and_match_clean() -> None:
    results = list(clean_many(DOCS, jobs=2, profile="generic"))
    assert [r.text for r in results] == [cleaners.clean(d, profile="generic") for d in DOCS]


def test_jobs_two_equals_jobs_one() -> None:
    one = [(r.text, r.metadata) for r in clean_many(DOCS, jobs=1)]
    two = [(r.text, r.metadata) for r in clean_many(DOCS, jobs=2)]
    assert one == two


def test_counters_count_documents_changed_per_rule() -> None:
    pipeline = Pipeline("generic")
    results = list(clean_many(DOCS, jobs=2, pipeline=pipeline))
    crlf = sum("UC101" in r.metadata["changed_by"] for r in results)
    assert crlf == sum("\r\n" in (d if isinstance(d, str) else decode(d)[0]) for d in DOCS)
    assert pipeline.counters["UC101"] == crlf
    assert results[0].metadata["changed_by"] == []


def test_documents_are_read_lazily_a_few_chunks_ahead() -> None:
    pulled = []

    def endless() -> Iterator[str]:
        for i in itertools.count():
            pulled.append(i)
            yield f"doc {i}  \n"

    first = list(itertools.islice(clean_many(endless(), jobs=2, profile="generic"), 10))
    assert [r.text for r in first] == [f"doc {i}\n" for i in range(10)]
    assert len(pulled) <= 2 * batch.CHUNKS_PER_JOB * batch.CHUNK_DOCUMENTS + batch.CHUNK_DOCUMENTS


def test_tagged_markers_pass_through_in_place() -> None:
    items = [("a", "x  \n"), ("marker", None), ("b", "y\r\n")]
    out = list(clean_tagged(items, Pipeline("generic"), jobs=2))
    assert [tag for tag, _ in out] == ["a", "marker", "b"]
    assert out[1][1] is None
    assert [r.text for _, r in (out[0], out[2]) if r is not None] == ["x\n", "y\n"]


def test_a_pipeline_ships_as_its_arguments() -> None:
    pipeline = Pipeline("wechat", ignore=["UC101"], keep_images=True)
    shipped = pickle.dumps(pipeline)
    assert len(shipped) < 1000
    rebuilt = pickle.loads(shipped)
    assert [r.code for r in rebuilt.rules] == [r.code for r in pipeline.rules]
    assert rebuilt.options == pipeline.options


def test_explain_ships_the_change_log_back() -> None:
    (result,) = clean_many(["a  \r\nb\n"], jobs=2, explain=True, profile="generic")
    assert {change.code for change in result.changes} == {"UC101", "UC105"}


def test_hf_batch_cleaner_cleans_one_column_and_pickles() -> None:
    clean_batch = pickle.loads(pickle.dumps(batch_cleaner("text", metadata_column="cleaning", profile="generic")))
    out = clean_batch({"text": ["a  \r\n", None], "id": [1, 2]})
    assert out["text"] == ["a\n", None]
    assert json.loads(out["cleaning"][0])["changed_by"] == ["UC101", "UC105"]
    assert out["cleaning"][1] is None
    assert "id" not in out


def test_hf_dataset_map_batched() -> None:
    datasets = pytest.importorskip("datasets")
    dataset = datasets.Dataset.from_dict({"text": ["a  \r\n", "b\n", "第一行\u200b\n"], "id": [1, 2, 3]})
    cleaned = dataset.map(batch_cleaner("text"), batched=True, batch_size=2)
    assert cleaned["text"] == ["a\n", "b\n", "第一行\n"]
    assert cleaned["id"] == [1, 2, 3]


def test_a_file_task_is_read_cleaned_and_written_by_the_worker(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes("你好，世界。\r\n".encode("gbk"))
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    tasks = [
        FileTask(tmp_path / "in.txt", tmp_path / "out" / "in.txt"),
        FileTask(tmp_path / "missing.txt", tmp_path / "out" / "missing.txt"),
        FileTask(tmp_path / "image.txt", tmp_path / "out" / "image.txt"),
    ]
    written, missing, image = (result for _, result in clean_tagged(enumerate(tasks), Pipeline("generic"), jobs=2))
    assert written is not None and missing is not None and image is not None
    assert (tmp_path / "out" / "in.txt").read_text("utf-8") == "你好，世界。\n"
    assert written.text == "" and written.metadata["written_bytes"] == len("你好，世界。\n".encode())
    assert written.metadata["encoding"] == "gb18030" and "UC101" in written.metadata["changed_by"]
    assert missing.metadata["read_error"] == "No such file or directory"
    assert image.metadata["read_error"] == "binary file (PNG image)"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["in.txt"]
