"""Ray Data: clean a column of a ``ray.data.Dataset`` with ``map_batches`` (needs ``cleaners-cjk[ray]``).

Each Ray worker is an actor that builds the pipeline once, then cleans batches of rows
in Arrow format; the other columns pass through untouched::

    import ray
    from cleaners.integrations.ray import clean_column

    ray.init()  # or ray.init(address="auto") on a cluster
    ds = ray.data.read_parquet("s3://bucket/corpus/")
    ds = clean_column(ds, "text", concurrency=16)
    ds.write_parquet("s3://bucket/corpus-clean/")
"""

from __future__ import annotations

from typing import Any

from cleaners.formats import text_column, with_column
from cleaners.integrations import ColumnCleaner


class ArrowBatchCleaner:
    """The ``map_batches`` callable class: one instance per Ray actor, so one pipeline per worker."""

    def __init__(self, column: str, metadata_column: str | None, profile: str, options: dict[str, Any]) -> None:
        self.cleaner = ColumnCleaner(column, metadata_column=metadata_column, profile=profile, **options)
        self.cleaner.pipeline  # noqa: B018 - build it now, once per worker

    def __call__(self, batch: Any) -> Any:
        column, metadata_column = self.cleaner.column, self.cleaner.metadata_column
        values = text_column(batch, column)
        if metadata_column is None:
            return with_column(batch, column, self.cleaner.clean_values(values))
        texts, metadata = self.cleaner.clean_with_metadata(values)
        return with_column(with_column(batch, column, texts), metadata_column, metadata)


def clean_column(
    dataset: Any,
    column: str = "text",
    *,
    metadata_column: str | None = None,
    profile: str = "auto",
    concurrency: int | tuple[int, int] | None = None,
    batch_size: int = 256,
    num_cpus: float = 1,
    **options: Any,
) -> Any:
    """``dataset`` (a ``ray.data.Dataset``) with its string column ``column`` cleaned.

    ``concurrency`` is the number of cleaning actors (an ``(min, max)`` pair autoscales;
    default: as many as the cluster's CPUs allow). ``profile`` and ``options`` are those of
    :func:`cleaners.clean`; ``metadata_column`` adds each row's metadata as a JSON string.
    Lazy like every Ray Data transform: nothing runs until the dataset is consumed.
    """
    if concurrency is None:
        import ray

        cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call,unused-ignore]
        concurrency = (1, max(1, int(cpus // num_cpus)))
    return dataset.map_batches(
        ArrowBatchCleaner,
        fn_constructor_kwargs={
            "column": column,
            "metadata_column": metadata_column,
            "profile": profile,
            "options": options,
        },
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
        num_cpus=num_cpus,
    )
