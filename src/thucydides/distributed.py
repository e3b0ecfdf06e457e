"""Coding on a Dask distributed cluster (the optional ``dask`` extra).

Each worker process builds one :class:`~thucydides.pipeline.Pipeline` per configuration
the first time it is asked (and up front, when the coder connects, on the workers already
there) and keeps it: the spaCy model and the knowledge base load once per worker, not once
per task. Tasks are the batches :func:`~thucydides.coding.code_in_order` makes, so the
records are the ones a single process makes, and they come back in input order.

``--dask local:N`` starts a local cluster of N single-threaded worker processes;
anything else is the address of a running scheduler (``tcp://host:8786``), whose workers
must have thucydides installed.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from thucydides.coding import BATCH, Coded
from thucydides.errors import ClusterError, ConfigError, Msg, ThucydidesError
from thucydides.model import Document
from thucydides.pipeline import Config, Pipeline

LOCAL_PREFIX = "local:"
# Batches in flight per worker: enough to keep every worker busy while results stream back
# in order, few enough that a large input is not shipped to the cluster all at once.
_IN_FLIGHT_PER_WORKER = 3

_PIPELINES: dict[Config, Pipeline] = {}
# A worker may run several tasks at once in threads; a spaCy pipeline is not meant to be
# shared between threads, so they take turns.
_LOCK = threading.Lock()


def worker_pipeline(config: Config) -> Pipeline:
    """This process's pipeline for ``config``, built on first use."""
    with _LOCK:
        if config not in _PIPELINES:
            _PIPELINES[config] = Pipeline(config)
        return _PIPELINES[config]


def code_batch(config: Config, documents: Sequence[Document]) -> list[Coded]:
    """The task a worker runs: code one batch with the worker's pipeline."""
    pipeline = worker_pipeline(config)
    with _LOCK:
        return list(pipeline.pipe(documents, batch_size=BATCH))


def load_pipeline(config: Config) -> None:
    worker_pipeline(config)


def loaded_pipelines() -> int:
    """How many pipelines this process has built (one per configuration used)."""
    return len(_PIPELINES)


def parse_address(value: str) -> tuple[str | None, int]:
    """``local:N`` gives (None, N); anything else is a scheduler address."""
    if value.startswith(LOCAL_PREFIX):
        count = value[len(LOCAL_PREFIX) :]
        if not count.isdigit() or int(count) < 1:
            raise ConfigError(Msg.E044, value=value)
        return None, int(count)
    if not value.strip():
        raise ConfigError(Msg.E044, value=value)
    return value, 0


class DaskCoder:
    """A :class:`~thucydides.coding.BatchCoder` running on a Dask cluster."""

    def __init__(self, address: str, config: Config, timeout: float = 30.0) -> None:
        scheduler, workers = parse_address(address)
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise ConfigError(Msg.E043, extra="dask") from exc
        self.address = address
        self.config = config
        self._cluster: Any = None
        try:
            if scheduler is None:
                self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self.client: Any = Client(self._cluster)  # type: ignore[no-untyped-call]
            else:
                self.client = Client(scheduler, timeout=f"{timeout}s")  # type: ignore[no-untyped-call]
            self.client.run(load_pipeline, config)
        except ThucydidesError:
            self.close()
            raise
        except Exception as exc:  # OSError, TimeoutError, a worker's failure: all mean "no cluster"
            self.close()
            raise ClusterError(Msg.E045, address=address, detail=exc) from exc

    @property
    def workers(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, batches: Iterable[Sequence[Document]]) -> Iterator[list[Coded]]:
        window = _IN_FLIGHT_PER_WORKER * self.workers
        futures: deque[Any] = deque()
        for batch in batches:
            futures.append(self.client.submit(code_batch, self.config, list(batch), pure=False))
            if len(futures) >= window:
                yield self._result(futures.popleft())
        while futures:
            yield self._result(futures.popleft())

    def _result(self, future: Any) -> list[Coded]:
        try:
            result: list[Coded] = future.result()
        except ThucydidesError:
            raise
        except Exception as exc:  # a worker died or the scheduler went away
            raise ClusterError(Msg.E045, address=self.address, detail=exc) from exc
        return result

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskCoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
