"""Executors: how the chunks of a corpus are sent through the pipeline.

The one place where parallelism plugs in: ``map_ordered(fn, items, workers=...)`` applies ``fn`` to
every item and yields the results in the order of the items, whatever runs them: this process, a
pool of worker processes (one per core), or a Dask cluster (``engine="dask"``, the optional extra
``pip install '.[dask]'``). Results are the same either way, in content and order. At
most two items per worker are in flight, so memory follows the chunk size times the workers, not the
corpus. jieba's own parallel mode is not used (it forks jieba's global tokenizer, not the project's).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import TypeVar

from analysis.errors import InputError, display_path
from analysis.processes import leave_interrupts, process_pool

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT = 2  # items per worker handed out ahead of the results read back
# below this much text a pool costs more than it saves (its workers start and load a dictionary)
PARALLEL_FROM = {"jieba": 300_000, "rjieba": 600_000}


def cores() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def choose_workers(characters: int, tokenizer: str = "jieba", *, chunks: int | None = None) -> int:
    """How many processes a corpus of about ``characters`` is worth: every core for a large one,
    this process alone for a small one (see ``PARALLEL_FROM``), never more than its chunks."""
    if characters < PARALLEL_FROM.get(tokenizer, 300_000):
        return 1
    return max(1, min(cores(), chunks or cores()))


def map_ordered(fn: Callable[[T], R], items: Iterable[T], *, workers: int = 1,
                inline: Callable[[T], bool] | None = None, engine: str = "local",
                scheduler: str | None = None) -> Iterator[R]:
    """Yield ``fn(item)`` for each item, in order: in this process (``workers`` 1), in a pool of
    ``workers`` processes, or on a Dask cluster (``engine="dask"``: the one at ``scheduler``, else a
    local one of ``workers`` processes). Items for which ``inline(item)`` is true (results a cache
    kept) are computed here, never sent away."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if engine == "local" and workers <= 1:
        yield from map(fn, items)
        return
    from concurrent.futures.process import BrokenProcessPool

    with _submitter(engine, workers, scheduler) as submit:
        pending: deque = deque()
        try:
            for item in items:
                pending.append(_done(fn(item)) if inline is not None and inline(item) else submit(fn, item))
                if len(pending) >= max(workers, 1) * IN_FLIGHT:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool:
            raise InputError("a worker process", "ended without finishing its work (killed: out of memory?); "
                                                 "try --workers 1, or a smaller ANALYSIS_CHUNK_CHARS") from None


ENGINES = ("local", "dask")
SCHEDULER_SECONDS = 20  # how long a scheduler has to answer Dask's protocol


def _connect(client_class, scheduler: str):
    """A client of the Dask scheduler at ``scheduler``, or ``InputError`` where nothing answers Dask's
    protocol there within ``SCHEDULER_SECONDS`` (a bad address, a closed port, a web server's port)."""
    import threading

    found: dict = {}

    def connect() -> None:
        try:
            found["client"] = client_class(scheduler, timeout=f"{SCHEDULER_SECONDS}s")
        except Exception as exc:  # noqa: BLE001 - reported below as one line
            found["error"] = exc

    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    thread.join(SCHEDULER_SECONDS + 5)
    if "client" in found:
        return found["client"]
    exc = found.get("error")
    reason = (str(exc).splitlines()[0] if exc is not None and str(exc) else type(exc).__name__) if exc is not None \
        else f"no answer in {SCHEDULER_SECONDS} s"
    raise InputError("--scheduler", f"cannot reach the Dask scheduler {display_path(scheduler)!r}: "
                                    f"{display_path(reason)[:160]}")


def dask_setup(worker) -> None:
    """Run by Dask in each worker of a local cluster as it starts (the module is its ``preload``): Ctrl-C
    is the main process's, and so is every message (a worker that loses the scheduler when the run is
    stopped logs it; what fails in a task reaches the main process, which says it in one line)."""
    import logging

    leave_interrupts()
    logging.getLogger("distributed").setLevel(logging.CRITICAL)


def _done(value) -> Future:
    """A result already there, standing in the queue as a finished future."""
    future = Future()
    future.set_result(value)
    return future


@contextmanager
def _submitter(engine: str, workers: int, scheduler: str | None):
    """Yield a ``submit(fn, item)`` that returns a future: of a process pool, or of a Dask client."""
    if engine == "local":
        with process_pool(workers) as pool:
            yield pool.submit
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine dask", "Dask is not installed: pip install '.[dask]'") from None
    if scheduler:
        client = _connect(Client, scheduler)
        with client:
            yield lambda fn, item: client.submit(fn, item, pure=False)
        return
    import logging

    logging.getLogger("distributed").setLevel(logging.ERROR)  # its start-up notes are not the user's business
    with _interrupts_ignored():  # the workers start ignoring Ctrl-C: the main process stops them
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address="127.0.0.1:0", silence_logs=logging.CRITICAL, preload=[__name__])
        # dashboard_address=None does not turn the dashboard off (dask/distributed#8136): a free port on
        # loopback, so that two runs at once never meet on 8787
    with cluster, Client(cluster) as client:
        yield lambda fn, item: client.submit(fn, item, pure=False)


@contextmanager
def _interrupts_ignored():
    """Ignore Ctrl-C (SIGINT) while a local cluster starts its workers (a second or two): they inherit
    the ignoring, where a caught or held signal is reset when a process starts, and so never take it
    (the preload, ``dask_setup``, keeps it so in a worker Dask starts again). A Ctrl-C in that moment
    is lost; the next one stops the run."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)
