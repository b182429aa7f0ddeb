"""The one pipeline: documents → chunks → tokens → measures → tables.

Every entry point (the command line, the report, the notebooks, the benchmark) runs a corpus through
``run_corpus``, or ``iter_analysed`` to stream it. A document is read once (``Document`` holds its
bytes), cleaned and cut in chunks; each chunk is analysed on its own by ``analyse_chunk`` into the
parts the measures of the registry (``analysis.measures.registry``) compute for it; the parts of all
chunks are combined into tables by the same measures. A chunked run gives the same tables as a whole
one. Parallelism plugs in at one place: the executor that maps the work over the chunks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis import settings as project
from analysis.engine.cache import ResultCache, chunk_key, corpus_key, results_key, tokens_key
from analysis.engine.executors import choose_workers, map_ordered
from analysis.measures import registry
from analysis.measures.compare import unit_keys
from analysis.measures.documents import DOCUMENT_COLUMNS, document_row
from analysis.measures.registry import Measure, RunParts, Work
from analysis.text.corpus import open_corpus
from analysis.text.documents import Chunk, Document, ReadReport, iter_chunks
from analysis.text.lexicons import Lexicons
from analysis.text.tokenizers import get_tokenizer
from analysis.text.tokens import pack_tagged, unpack_tagged

if TYPE_CHECKING:
    import pandas as pd



def _tables() -> tuple[str, ...]:
    return tuple(registry.tables())


def _default_tables() -> tuple[str, ...]:
    return registry.default_tables()


TABLES = _tables()  # every table a run can make, in the registry's order
DEFAULT_TABLES = _default_tables()  # what a run makes unless told: every table that needs no query


@dataclass(frozen=True, eq=False)
class Options:
    """Everything that decides a run's results: data files, tokenizer, script conversion, chunk size,
    the tables asked for, the unit of comparison, and the settings of the measures (by name; see
    ``registry.settings()``: terms, kinds, query, regex, query_window, kwic_window …)."""

    lexicons: Lexicons = field(default_factory=Lexicons.load)
    tokenizer: str = "jieba"
    simplified: bool = False
    chunk_chars: int | None = field(default_factory=project.chunk_chars)
    tables: tuple[str, ...] = field(default_factory=_default_tables)
    unit: str = "doc"  # the unit the compare and word_counts tables count in: "doc", "section" or "subsection"
    settings: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        known = registry.settings()
        unknown = set(self.settings) - set(known)
        if unknown:
            raise ValueError(f"unknown settings: {', '.join(sorted(unknown))} (known: {', '.join(known)})")
        full = {name: self.settings.get(name, s.default) for name, s in known.items()}
        for name, value in full.items():
            full[name] = tuple(value) if isinstance(value, list) else value
            if known[name].check is not None:
                known[name].check(full[name])
        object.__setattr__(self, "settings", full)
        object.__setattr__(self, "tables", tuple(self.tables))
        unknown = set(self.tables) - set(_tables())
        if unknown:
            raise ValueError(f"unknown tables: {', '.join(sorted(unknown))} (known: {', '.join(_tables())})")
        if "kwic" in self.tables and not full.get("query"):
            raise ValueError("the kwic table needs a query")
        unit_keys(self.unit)

    @classmethod
    def of(cls, **given: Any) -> Options:
        """Options from keywords: the fields of ``Options`` and the measures' settings, side by side
        (``Options.of(tables=["compare"], terms=["新质生产力"])``); ``userdict`` and ``boilerplate`` name files
        of one's own whose words and patterns are added to the bundled ones."""
        names = {f.name for f in fields(cls)} - {"settings"}
        own = {k: given.pop(k) for k in ("userdict", "boilerplate") if k in given}
        if any(v is not None for v in own.values()):  # words and patterns of one's own, added to the bundled ones
            from analysis.text.lexicons import Lexicons, with_boilerplate, with_userdict

            base = given.get("lexicons") or Lexicons.load()
            given["lexicons"] = replace(
                base, **({"userdict": with_userdict(own["userdict"], base.userdict)} if own.get("userdict") else {}),
                **({"boilerplate": with_boilerplate(own["boilerplate"], base.boilerplate)} if own.get("boilerplate") else {}))
        return cls(**{k: v for k, v in given.items() if k in names},
                   settings={k: v for k, v in given.items() if k not in names})

    def __getattr__(self, name: str) -> Any:
        """A measure's setting as an attribute (``options.terms``)."""
        try:
            return self.__dict__["settings"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def by(self) -> list[str]:
        """The columns a unit of comparison is named by."""
        return unit_keys(self.unit)

    @property
    def scope(self) -> Mapping[str, Any]:
        """The settings with the unit, which decide what a table is made of."""
        return {**self.settings, "unit": self.unit}

    @property
    def parts(self) -> frozenset[str]:
        """The parts of a chunk the tables asked for are made of."""
        tables = registry.tables()
        return frozenset(p for t in self.tables for p in tables[t].parts_for(self.scope))

    def plan(self) -> list[tuple[Measure, frozenset[str]]]:
        """The measures that analyse each chunk, with the parts each computes."""
        parts = self.parts
        return [(m, parts & set(m.parts)) for m in registry.load_measures() if parts & set(m.parts)]


@dataclass
class ChunkResult:
    """What analysing one chunk gives: its parts, and what the document's summary needs."""

    doc: str
    index: int
    last: bool
    title: str
    sections: int  # the document's sections so far (the last section index + 1)
    parts: dict[str, pd.DataFrame]
    seconds: dict[str, float] = field(default_factory=dict)  # time spent tokenizing, and on everything else
    tagged: tuple | None = None  # the tokenizer's output, packed for the cache; None when not run


def analyse_chunk(chunk: Chunk, options: Options, *, tagged: tuple | None = None,
                  keep_tagged: bool = False) -> ChunkResult:
    """Analyse one chunk into the parts ``options`` asks for. Runs in whatever process the executor chooses.

    ``tagged`` is the tokenizer's output for the chunk (packed) when the cache kept it: the tokenizer
    is skipped. ``keep_tagged``: the result carries the tokenizer's output (when it ran), for the cache."""
    started = time.perf_counter()
    lex = options.lexicons
    work = Work(chunk, lex, get_tokenizer(options.tokenizer, userdict=lex.userdict), options.scope, options.by,
                tagged=unpack_tagged(chunk.text, tagged) if tagged is not None else None)
    parts: dict[str, pd.DataFrame] = {}
    for measure, want in options.plan():
        parts.update(measure.analyse(work, frozenset(want)))
    last_section = max((s.index for s in chunk.sections), default=-1)
    seconds = {"tokenize": work.tokenizing, "measures": time.perf_counter() - started - work.tokenizing}
    kept = pack_tagged(work.tagged) if keep_tagged and tagged is None and work.tagged is not None else None
    return ChunkResult(chunk.doc_id, chunk.index, chunk.last, chunk.structure.title, last_section + 1, parts,
                       seconds, kept)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    kept = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(kept, ignore_index=True) if kept else pd.DataFrame()


def documents_frame(rows: list[dict]) -> pd.DataFrame:
    """The documents table of a run, from each document's row."""
    import pandas as pd

    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS).astype({"year": "Int64"})


def combine(results: list[ChunkResult], options: Options, documents: list[dict]) -> dict[str, pd.DataFrame]:
    """Combine the parts of every chunk into the tables ``options`` asks for, in the registry's order."""
    parts = {name: _concat([r.parts[name] for r in results]) for name in options.parts}
    run = RunParts(parts, documents_frame(documents), options.lexicons, options.scope, options.unit, options.by)
    wanted = set(options.tables)
    tables: dict[str, pd.DataFrame] = {}
    for measure in registry.load_measures():
        want = wanted & set(measure.table_names)
        if want:
            tables.update(measure.combine(run, frozenset(want)))
    return {name: tables[name] for name in registry.tables() if name in wanted}


def _shaped(kept: tuple | None, kinds: tuple[type, ...], item: type | None = None) -> tuple | None:
    """A kept entry if it has the shape written (a tuple of these kinds; the first a list of ``item``),
    else ``None`` with a warning: an entry of another shape is computed again, never read."""
    if kept is None:
        return None
    if len(kept) == len(kinds) and all(isinstance(k, t) for k, t in zip(kept, kinds)) \
            and (item is None or all(isinstance(r, item) for r in kept[0])):
        return kept
    import warnings

    warnings.warn("a cached result had an unexpected shape; computing it again", stacklevel=2)
    return None


@dataclass
class _Job:
    """Work for one process: a whole document to read and analyse, a chunk of a long one, or results
    the cache kept; ``tagged``, the tokenizer's output for the (first) chunk if the cache kept it."""

    document: Document | None = None
    chunk: Chunk | None = None
    tagged: list[tuple[str, str]] | None = None
    ready: tuple[list[ChunkResult], ReadReport] | None = None


def _run_job(job: _Job, options: Options, keep: bool = False) -> tuple[list[ChunkResult], ReadReport | None]:
    """Do a job: a document's results and what reading it found, or a chunk's result alone (``keep``:
    with the tokenizer's output, for the cache)."""
    if job.ready is not None:
        return job.ready
    if job.chunk is not None:
        return [analyse_chunk(job.chunk, options, tagged=job.tagged, keep_tagged=keep)], None
    report = ReadReport()
    results = [analyse_chunk(chunk, options, tagged=job.tagged if chunk.index == 0 else None, keep_tagged=keep)
               for chunk in iter_chunks(job.document, chunk_chars=options.chunk_chars, simplified=options.simplified,
                                        boilerplate=options.lexicons.boilerplate, report=report)]
    return results, report


def iter_analysed(documents: Iterable[Document], options: Options, *, workers: int = 1,
                  on_document: Callable[[Document, ReadReport, dict], None] | None = None,
                  cache: ResultCache | None = None, engine: str = "local",
                  scheduler: str | None = None) -> Iterator[ChunkResult]:
    """Yield the analysis of every chunk of every document, in order.

    When a document's last chunk has been analysed, ``on_document(document, report, row)`` is called
    with what reading it found (for warnings and ``-v``) and its row of the documents table. With a
    ``cache``, a document analysed before under the same options is not read again, and a chunk
    tokenized before is not tokenized again (see ``analysis.engine.cache``); what is computed is kept,
    the tokens chunk by chunk as they come (memory never holds a long document's tokens).
    ``workers`` processes (or a Dask cluster, ``engine="dask"``) share the work: a document of one
    chunk goes to a local worker whole (read, cleaned and analysed there); a longer one, and every one
    sent to Dask, is read here and its chunks shared out.
    """
    reading: dict[str, tuple[Document, ReadReport | None, str | None, str | None]] = {}
    whole = options.chunk_chars is None

    def kept_tokens(tokens_at: str | None, index: int) -> tuple | None:
        return cache.get(chunk_key(tokens_at, index), tuple) if cache is not None else None

    def jobs() -> Iterator[_Job]:
        for document in documents:
            keys = (results_key(document, options), tokens_key(document, options)) if cache is not None else (None, None)
            kept = _shaped(cache.get(keys[0], tuple), (list, ReadReport), ChunkResult) if cache is not None else None
            if kept is not None:
                reading[document.id] = (document, kept[1], None, None)
                yield _Job(ready=kept)
                continue
            # one chunk (its text is at most its bytes long), read where it is analysed; a Dask worker
            # may be another machine, without the file or this process's standard input: it gets text
            if engine == "local" and (whole or document.size <= options.chunk_chars):
                reading[document.id] = (document, None, *keys)
                yield _Job(document=document, tagged=kept_tokens(keys[1], 0))
                continue
            report = ReadReport()
            reading[document.id] = (document, report, *keys)
            for chunk in iter_chunks(document, chunk_chars=options.chunk_chars, simplified=options.simplified,
                                     boilerplate=options.lexicons.boilerplate, report=report):
                yield _Job(chunk=chunk, tagged=kept_tokens(keys[1], chunk.index))

    title = ""
    done: list[ChunkResult] = []  # a document's results so far, for the cache
    for results, found in map_ordered(partial(_run_job, options=options, keep=cache is not None), jobs(),
                                      workers=workers, inline=lambda job: job.ready is not None, engine=engine,
                                      scheduler=scheduler):
        for result in results:
            if result.index == 0:
                title = result.title
            document, report, results_at, tokens_at = reading[result.doc]
            if result.tagged is not None:
                cache.set(chunk_key(tokens_at, result.index), result.tagged)
                result = replace(result, tagged=None)
            yield result
            if results_at is not None:
                done.append(result)
            if not result.last:
                continue
            del reading[result.doc]
            report = found if found is not None else report
            if results_at is not None:
                cache.set(results_at, (done, report))
            done = []
            if on_document is not None:
                on_document(document, report, document_row(document, report, title=title, sections=result.sections))


@dataclass
class CorpusResult(Mapping):
    """The tables of a corpus by name (a mapping), with the documents and what reading each found."""

    tables: dict[str, pd.DataFrame]
    documents: list[Document]
    reports: dict[str, ReadReport]
    options: Options
    seconds: dict[str, float] = field(default_factory=dict)  # tokenize, measures, combine, total

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)


def with_progress(results: Iterator[ChunkResult], documents: list[Document]) -> Iterator[ChunkResult]:
    """Show a progress bar on standard error while the results come, for a corpus of more than a few
    documents or a long file, and only on a terminal."""
    import sys

    size = sum(d.size for d in documents)
    if not (sys.stderr is not None and sys.stderr.isatty() and (len(documents) > 3 or size > 2_000_000)):
        yield from results
        return
    from tqdm import tqdm

    with tqdm(total=len(documents), unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True) as bar:
        for result in results:
            if result.last:
                bar.update(1)
            bar.set_postfix_str(result.doc[:30], refresh=False)
            yield result


TEMPLATE_TAIL_BYTES = 6000  # the end of each file read for the template lines that close a corpus's documents


def with_templates(options: Options, documents: list[Document]) -> Options:
    """The options with the template lines that close most of the corpus's documents (a site's licence
    or navigation block, found by recurring, whatever its wording: ``cleaning.closing_templates``)."""
    from analysis.text.cleaning import closing_templates
    from analysis.text.lexicons import with_closing

    boilerplate = options.lexicons.boilerplate
    if boilerplate.closing or len(documents) < 3:
        return options
    tails = [d.data[-TEMPLATE_TAIL_BYTES:].decode(d.encoding, errors="ignore") for d in documents if d.data]
    lines = closing_templates(tails)
    if not lines:
        return options
    return replace(options, lexicons=replace(options.lexicons, boilerplate=with_closing(boilerplate, lines)))


def stream_corpus(documents: list[Document], options: Options, *, workers: int | None = None,
                  on_document: Callable[[Document, ReadReport, dict], None] | None = None,
                  cache: ResultCache | bool = True, progress: bool = False, engine: str = "local",
                  scheduler: str | None = None) -> Iterator[ChunkResult]:
    """Yield the analysis of every chunk of ``documents`` as it comes, run as ``run_corpus`` runs it (the
    same workers, engine, cache and progress bar): for output that streams, such as the tokens of a
    file of any size."""
    return _stream(documents, with_templates(options, documents), workers=workers, on_document=on_document,
                   cache=cache, progress=progress, engine=engine, scheduler=scheduler)


def _stream(documents: list[Document], options: Options, *, workers: int | None,
            on_document: Callable[[Document, ReadReport, dict], None] | None, cache: ResultCache | bool,
            progress: bool, engine: str, scheduler: str | None) -> Iterator[ChunkResult]:
    """``stream_corpus`` with the options as given (the corpus's templates already found)."""
    if workers is None:
        workers = choose_workers(sum(d.size for d in documents) // 3, options.tokenizer,
                                 chunks=sum(max(1, d.size // 3 // (options.chunk_chars or d.size or 1)) for d in documents))
    store = ResultCache() if cache is True else (cache if isinstance(cache, ResultCache) else None)
    analysed = iter_analysed(documents, options, workers=workers, on_document=on_document, cache=store, engine=engine,
                             scheduler=scheduler)
    return with_progress(analysed, documents) if progress else analysed


def run_corpus(files: Iterable[str | Path | Document] | str | Path | None = None, options: Options | None = None,
               *, workers: int | None = None, on_document: Callable[[Document, ReadReport, dict], None] | None = None,
               cache: ResultCache | bool = True, progress: bool = False, engine: str = "local",
               scheduler: str | None = None, **given: Any) -> CorpusResult:
    """Analyse the speeches named (files or folders, or documents already opened; the bundled corpus
    by default) into tables.

    ``options`` says what to compute and how (see ``Options``); instead of it, its fields and the
    measures' settings may be given as keywords (``tables=["verbs"], tokenizer="rjieba", terms=[…]``;
    ``unit="auto"``: sections when there is one document; ``chunk_chars=None``: whole documents).
    The rest says how to run, never what comes out: ``workers`` processes analyse the chunks (``None``:
    all cores for a large corpus, one for a small one); ``engine="dask"`` hands them to a Dask cluster
    instead (``scheduler``: its address; none: a local one). ``cache`` (``True``: the one under
    ``ANALYSIS_CACHE_DIR``) keeps and reuses tokens and results; ``progress`` shows a progress bar on a
    terminal for a large corpus. Raises ``InputError`` for input that cannot be analysed.
    """
    if options is not None and given:
        raise TypeError(f"run_corpus: give options or their fields ({', '.join(given)}), not both")
    items = [files] if isinstance(files, (str, Path, Document)) else list(files) if files is not None else None
    opened = [f for f in items or () if isinstance(f, Document)]
    documents = opened if items and len(opened) == len(items) else open_corpus(items)
    if options is None:
        if given.get("unit") == "auto":
            given["unit"] = "doc" if len(documents) > 1 else "section"
        given = {k: v for k, v in given.items() if not (v is None and k in ("tables", "lexicons"))}
        if given.get("chunk_chars") is True:
            del given["chunk_chars"]  # the default size
        elif given.get("chunk_chars") is False:
            given["chunk_chars"] = None  # whole documents
        options = Options.of(**given)
    options = with_templates(options, documents)
    rows: list[dict] = []
    reports: dict[str, ReadReport] = {}

    def finished(document: Document, report: ReadReport, row: dict) -> None:
        rows.append(row)
        reports[document.id] = report
        if on_document is not None:
            on_document(document, report, row)

    store = ResultCache() if cache is True else (cache if isinstance(cache, ResultCache) else None)
    started = time.perf_counter()
    key = corpus_key(documents, options) if store is not None else None
    kept = _shaped(store.get(key, tuple), (dict, list, list)) if key is not None else None
    if kept is not None:  # the same corpus, analysed the same way before: its tables, and what reading found
        tables, kept_rows, kept_reports = kept
        for document, row, report in zip(documents, kept_rows, kept_reports):
            finished(document, report, row)
        return CorpusResult(tables, documents, reports, options,
                            {"tokenize": 0.0, "measures": 0.0, "combine": 0.0, "total": time.perf_counter() - started})
    analysed = _stream(documents, options, workers=workers, on_document=finished,
                       cache=store if store is not None else False, progress=progress, engine=engine,
                       scheduler=scheduler)
    results = list(analysed)
    combining = time.perf_counter()
    tables = combine(results, options, rows)
    seconds = {stage: sum(r.seconds.get(stage, 0.0) for r in results) for stage in ("tokenize", "measures")}
    seconds["combine"] = time.perf_counter() - combining
    seconds["total"] = time.perf_counter() - started
    if key is not None:
        store.set(key, (tables, rows, [reports[d.id] for d in documents]))
    return CorpusResult(tables, documents, reports, options, seconds)
