"""Executors: how the chunks of a corpus are sent through the pipeline.

The one place where parallelism plugs in: ``map_ordered(fn, items, workers=...)`` applies ``fn`` to
every item and yields the results in the order of the items, whatever runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_ordered(fn: Callable[[T], R], items: Iterable[T], *, workers: int = 1) -> Iterator[R]:
    """Yield ``fn(item)`` for each item, in order. ``workers`` > 1 is reserved for a process pool."""
    if workers != 1:
        raise ValueError("only one worker is supported so far")
    return map(fn, items)
