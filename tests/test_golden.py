"""Golden files: each sample's cleaned text and change log, reviewed line by line.

Regenerate with ``pytest tests/test_golden.py --force-regen`` and read the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaners
from cleaners.cli import format_changes

SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))
GOLDEN = Path(__file__).parent / "golden"
#: Each sample under the default profile, plus the choices a user makes that change a sample.
RUNS = [pytest.param(sample, "", {}, id=sample.stem[:3]) for sample in SAMPLES] + [
    pytest.param(sample, ".publisher-footer", {"select": ["ALL", "publisher-footer"]}, id=f"{sample.stem[:3]}-footer")
    for sample in SAMPLES
    if sample.name.startswith("002_")
]


@pytest.mark.parametrize(("sample", "variant", "options"), RUNS)
def test_sample(sample: Path, variant: str, options: dict[str, list[str]], file_regression) -> None:  # type: ignore[no-untyped-def]
    result = cleaners.clean_and_explain(sample.read_bytes(), **options)
    assert not result.metadata.get("errors")
    name = f"{sample.stem}{variant}"
    file_regression.check(result.text, fullpath=GOLDEN / f"{name}.clean.txt", encoding="utf-8", newline="")
    log = format_changes(sample.name, result.changes)
    file_regression.check(log, fullpath=GOLDEN / f"{name}.changes.txt", encoding="utf-8", newline="")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem[:3])
def test_sample_is_idempotent(sample: Path) -> None:
    once = cleaners.clean(sample.read_bytes())
    assert cleaners.clean(once) == once


def test_samples_are_the_seeds_unchanged() -> None:
    seeds = Path(__file__).parent.parent.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("no ../shared/seeds beside this checkout")
    assert sorted(p.name for p in seeds.glob("*.txt")) == [p.name for p in SAMPLES]
    for sample in SAMPLES:
        assert (seeds / sample.name).read_bytes() == sample.read_bytes()
