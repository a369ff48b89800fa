"""Cleaning a text column inside other data tools: Ray Data (:mod:`.ray`) and Hugging Face datasets (:mod:`.hf`).

Both wrap a :class:`ColumnCleaner`: a small picklable object that carries the pipeline's
arguments, builds the pipeline once in the process that first uses it, and cleans a
batch of values (``None`` passes through).

>>> cleaner = ColumnCleaner("text", profile="generic")
>>> cleaner.clean_values(["a  \\r\\n", None])
['a\\n', None]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cleaners.pipeline import Pipeline


class ColumnCleaner:
    """Cleans the values of one column; ``metadata_column`` (optional) receives each row's metadata as JSON.

    ``profile`` and ``options`` are those of :class:`~cleaners.pipeline.Pipeline`. Pickling
    ships only these arguments; the pipeline is built on first use, once per process.
    """

    def __init__(
        self, column: str = "text", *, metadata_column: str | None = None, profile: str = "auto", **options: Any
    ) -> None:
        self.column = column
        self.metadata_column = metadata_column
        self.profile = profile
        self.options = options
        self._pipeline: Pipeline | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_pipeline": None}

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.profile, **self.options)
        return self._pipeline

    def clean_values(self, values: Sequence[str | None]) -> list[str | None]:
        """The cleaned values (``None`` stays ``None``)."""
        pipeline = self.pipeline
        return [None if value is None else pipeline.clean(value) for value in values]

    def clean_with_metadata(self, values: Sequence[str | None]) -> tuple[list[str | None], list[str | None]]:
        """The cleaned values, and each one's metadata (what was extracted and the rules that changed it) as JSON."""
        pipeline = self.pipeline
        texts: list[str | None] = []
        metadata: list[str | None] = []
        for value in values:
            if value is None:
                texts.append(None)
                metadata.append(None)
                continue
            result = pipeline.run(value, explain=False)
            texts.append(result.text)
            metadata.append(json.dumps(result.metadata, ensure_ascii=False, default=str))
        return texts, metadata
