"""Ray Data: a column cleaned with map_batches on a local two-CPU Ray, other columns untouched."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest

import cleaners

ray = pytest.importorskip("ray")

from cleaners.integrations.ray import clean_column  # noqa: E402


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        _node_ip_address="127.0.0.1",  # all of the local cluster on loopback
    )
    yield
    ray.shutdown()


ROWS = [
    {"id": i, "text": text, "lang": "zh"}
    for i, text in enumerate(
        ["第一行\r\n第二行\u200b\r\n", "clean prose stays.\n", "trailing   \n\n\n\n\nend\n", None] * 6
    )
]


def test_clean_column_matches_clean_row_by_row(local_ray: None) -> None:
    dataset = ray.data.from_items(ROWS, override_num_blocks=4)
    rows = sorted(clean_column(dataset, "text", profile="generic", concurrency=2).take_all(), key=lambda r: r["id"])
    assert [row["id"] for row in rows] == [row["id"] for row in ROWS]
    for row, original in zip(rows, ROWS, strict=True):
        expected = None if original["text"] is None else cleaners.clean(original["text"], profile="generic")
        assert row["text"] == expected
        assert row["lang"] == "zh"
    assert rows[0]["text"] == "第一行\n第二行\n"


def test_metadata_column_holds_the_rules_that_changed_the_row(local_ray: None) -> None:
    dataset = ray.data.from_items(ROWS[:4])
    rows = sorted(
        clean_column(dataset, "text", metadata_column="cleaning", profile="generic").take_all(), key=lambda r: r["id"]
    )
    first = json.loads(rows[0]["cleaning"])
    assert "UC101" in first["changed_by"] and first["profile"] == "generic"
    assert json.loads(rows[1]["cleaning"])["changed_by"] == []
    assert rows[3]["cleaning"] is None
