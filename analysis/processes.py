"""Worker processes that end with the run: the one home of how a pool is started and stopped.

A worker leaves Ctrl-C to the main process (which stops the pool and prints one line) and ends when
the main process ends, however that ends (SIGTERM, kill -9). When the main process is interrupted or
fails, its workers are ended at once, not waited for: a notebook or a chunk half done is of no use.
Used by the engine's executors (chunks) and by the notebooks' renderer (one notebook a worker).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager


def context():
    """fork starts a worker in milliseconds with the parent's dictionaries loaded; elsewhere, spawn."""
    if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def leave_interrupts() -> None:
    """In a worker: Ctrl-C is the main process's to handle (it stops the pool); a worker that took it
    would print its own traceback. And the worker ends with the main process (``end_with_parent``)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    end_with_parent()


def end_with_parent() -> None:
    """Ask the kernel to end this process when its parent ends (Linux's parent-death signal; nothing
    elsewhere)."""
    import signal

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent had already gone
            os._exit(1)
    except (OSError, AttributeError):
        pass


@contextmanager
def process_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` processes that leave Ctrl-C to this one and end with it. On an exception
    here (Ctrl-C, an error, a caller that stopped reading) its workers are ended at once; else what
    was submitted is finished."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context(), initializer=leave_interrupts)
    try:
        yield pool
    except BaseException:
        for process in list((getattr(pool, "_processes", None) or {}).values()):  # no public way to end them
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
