"""Hugging Face ``datasets``: clean a text column with ``Dataset.map(batched=True)``.

:func:`batch_cleaner` returns the function to hand to ``map``; it builds the pipeline
once per process (also with ``num_proc``) and leaves every other column alone::

    from datasets import load_dataset
    from cleaners.integrations.hf import batch_cleaner

    ds = load_dataset("json", data_files="corpus.jsonl", split="train")
    ds = ds.map(batch_cleaner("text"), batched=True, batch_size=256, num_proc=8)
    # with what each row's cleaning extracted and changed, as a JSON string column:
    ds = ds.map(batch_cleaner("text", metadata_column="cleaning"), batched=True)

>>> clean_batch = batch_cleaner("text", profile="generic")
>>> clean_batch({"text": ["a  \\r\\n", None], "id": [1, 2]})
{'text': ['a\\n', None]}
"""

from __future__ import annotations

from typing import Any

from cleaners.integrations import ColumnCleaner


class BatchCleaner(ColumnCleaner):
    """A ``datasets`` batched-map function: ``{column: [...]} -> {column: [cleaned...]}``."""

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        if self.metadata_column is None:
            return {self.column: self.clean_values(batch[self.column])}
        texts, metadata = self.clean_with_metadata(batch[self.column])
        return {self.column: texts, self.metadata_column: metadata}


def batch_cleaner(
    column: str = "text", *, metadata_column: str | None = None, profile: str = "auto", **options: Any
) -> BatchCleaner:
    """The function to pass to ``Dataset.map(..., batched=True)`` to clean ``column``.

    ``profile`` and ``options`` are those of :func:`cleaners.clean` (e.g. ``select``,
    ``ignore``, ``front_matter="strip"``). ``metadata_column`` adds a string column with
    each row's metadata as JSON.
    """
    return BatchCleaner(column, metadata_column=metadata_column, profile=profile, **options)
