"""The registry of measures: each measure declares itself once, and the engine, the cache, the report,
the command line and the docs read the declaration instead of naming the measure.

A measure is a module of ``analysis.measures`` that calls ``register(Measure(...))``: its name, the
tables it makes (with their columns and what one row is), the parts it computes for each chunk of a
document, the settings it reads, and two functions:

- ``analyse(work, want)``: the parts named in ``want`` for one chunk (``work.chunk``, its tokens
  ``work.tokens()``, the lexicons and settings), each a table;
- ``combine(run, want)``: the tables named in ``want``, from the parts of every chunk of every
  document joined in order (``run.parts``) and the documents table (``run.documents``).

A chunked run gives the tables of a whole one: parts must be such that joining them in order is what
the whole text would give (offsets into the document, counts to add up). Every module of this
package is imported by ``load_measures``, so adding a measure is adding one module
(``analysis/measures/pronouns.py`` is a small one to copy).
"""

from __future__ import annotations

import importlib
import pkgutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk
    from analysis.text.lexicons import Lexicons
    from analysis.text.tokenizers import Tokenizer
    from analysis.text.tokens import TokenTable


@dataclass(frozen=True)
class Setting:
    """An option of a measure: its name, its default, what it means, and a check that raises
    ``ValueError`` for a value it cannot take."""

    name: str
    default: Any
    help: str
    check: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class Table:
    """A table a measure makes: its name (the CSV file's), what one row is, its columns, and the
    parts of a chunk it is made of (a function of the run's settings where that depends on them)."""

    name: str
    row: str
    columns: tuple[str, ...]
    parts: tuple[str, ...] | Callable[[Mapping[str, Any]], tuple[str, ...]] = ()
    default: bool = True  # whether a run makes it unless told (the cleaned texts are not written as a table)

    def parts_for(self, settings: Mapping[str, Any]) -> tuple[str, ...]:
        return self.parts(settings) if callable(self.parts) else self.parts


@dataclass(frozen=True)
class Command:
    """A command line of its own for a measure that needs nothing more than its table printed:
    ``python -m analysis NAME [FILE ...]`` prints ``table`` (rows with a zero ``count`` left out)."""

    name: str
    table: str
    help: str


@dataclass(frozen=True)
class Measure:
    name: str
    summary: str
    tables: tuple[Table, ...]
    parts: tuple[str, ...]  # what ``analyse`` computes for a chunk
    analyse: Callable[[Work, frozenset[str]], dict[str, pd.DataFrame]]
    combine: Callable[[RunParts, frozenset[str]], dict[str, pd.DataFrame]]
    tokens: tuple[str, ...] = ()  # the parts that need the chunk's tokens
    settings: tuple[Setting, ...] = ()
    default: bool = True  # whether a run computes its tables unless told (kwic needs a query)
    command: Command | None = None
    position: int = 100  # where its tables come in a run's result (the measures of this package: 10 to 90)

    @property
    def table_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tables)


_MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    """Add a measure to the registry (a module calls this once, at import)."""
    taken = {t for m in _MEASURES.values() if m.name != measure.name for t in (*m.table_names, *m.parts)}
    clash = taken & {*measure.table_names, *measure.parts}
    if clash:
        raise ValueError(f"measure {measure.name!r}: {', '.join(sorted(clash))} already belong to another measure")
    _MEASURES[measure.name] = measure
    return measure


@lru_cache(maxsize=1)
def load_measures() -> tuple[Measure, ...]:
    """Every measure, in the order their modules register them (each module of this package is
    imported, so a new module is found without naming it anywhere)."""
    import analysis.measures as package

    for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
        importlib.import_module(f"analysis.measures.{module}")
    return tuple(sorted(_MEASURES.values(), key=lambda m: m.position))


def tables() -> dict[str, Table]:
    """Every table by name, in the order of the measures."""
    return {t.name: t for m in load_measures() for t in m.tables}


def default_tables() -> tuple[str, ...]:
    """The tables a run computes unless told otherwise."""
    return tuple(t.name for m in load_measures() if m.default for t in m.tables if t.default)


def settings() -> dict[str, Setting]:
    """Every measure's settings by name."""
    found: dict[str, Setting] = {}
    for m in load_measures():
        for s in m.settings:
            found.setdefault(s.name, s)
    return found


@dataclass
class Work:
    """What analysing one chunk has at hand: the chunk, the lexicons, the tokenizer, the run's
    settings and unit, and its tokens, made on first use (and timed apart)."""

    chunk: Chunk
    lexicons: Lexicons
    tokenizer: Tokenizer
    settings: Mapping[str, Any]
    by: list[str]  # the columns a unit of comparison is named by (doc, and a section's index)
    tagged: Any = None  # the tokenizer's raw output for the chunk, when a cache kept it
    tokenizing: float = 0.0  # seconds the tokenizer took
    _tokens: TokenTable | None = field(default=None, repr=False)
    _shared: dict[str, Any] = field(default_factory=dict, repr=False)

    def shared(self, name: str, make: Callable[[], Any]) -> Any:
        """What ``make`` gives, made once for the chunk however many measures ask (its slogan matches)."""
        if name not in self._shared:
            self._shared[name] = make()
        return self._shared[name]

    def tokens(self) -> TokenTable:
        if self._tokens is None:
            from analysis.text.compounds import formulation_forms
            from analysis.text.search import lexicon_literals
            from analysis.text.tokens import token_table

            if self.tagged is None:
                started = time.perf_counter()
                self.tagged = self.tokenizer.tag_raw(self.chunk.text)
                self.tokenizing = time.perf_counter() - started
            lex = self.lexicons
            self._tokens = token_table(self.chunk, self.tokenizer, markers=lex.modality.words, grammar=lex.grammar,
                                       forms=formulation_forms(lex.slogans), tagged=self.tagged,
                                       search=lexicon_literals(lex.slogans))
        return self._tokens


@dataclass
class RunParts:
    """What combining has at hand: the parts of every chunk joined in order, the documents table,
    the lexicons, the run's settings and unit."""

    parts: dict[str, pd.DataFrame]
    documents: pd.DataFrame
    lexicons: Lexicons
    settings: Mapping[str, Any]
    unit: str
    by: list[str]
