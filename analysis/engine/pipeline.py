"""The one pipeline: documents → chunks → tokens → measures → tables.

Every entry point (the command line, the report, the notebooks, the benchmark) runs a corpus through
``run_corpus``, or ``iter_analysed`` to stream it. A document is read in chunks; each chunk is
analysed on its own by ``analyse_chunk`` into parts (its tokens, slogan matches, verb counts ...);
the parts of all chunks are combined into tables. A chunked run gives the same tables as a whole
one. Parallelism plugs in at one place: the executor that maps ``analyse_chunk`` over the chunks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import settings
from analysis.engine.cache import ResultCache, chunk_key, corpus_key, results_key, tokens_key
from analysis.engine.executors import choose_workers, map_ordered
from analysis.measures.context import find_query, kwic_rows, query_pattern
from analysis.measures.formulations import count_formulations, find_formulations
from analysis.measures.parallels import find_parallels
from analysis.measures.documents import (DOCUMENT_COLUMNS, document_row, merge_sections, removed_frame, sections_frame,
                                        sentences_frame, subsections_frame)
from analysis.measures.compare import compare_units, unit_counts, unit_keys, units_frame
from analysis.measures.slogans import MATCH_COLUMNS, count_categories, count_slogans, find_slogans, find_terms
from analysis.measures.verbs import (complete_marker_counts, complete_verb_counts, marker_counts, marker_mask,
                                     verb_counts, verb_mask, _marker_columns)
from analysis.measures.words import content_mask, sort_token_counts, tally
from analysis.text.corpus import open_corpus
from analysis.text.documents import MARGIN_CHARS, Chunk, Document, ReadReport, iter_chunks
from analysis.text.lexicons import Lexicons
from analysis.text.compounds import formulation_forms
from analysis.text.tokenizers import get_tokenizer
from analysis.text.tokens import token_table

if TYPE_CHECKING:
    import pandas as pd

# Each table, and the parts of a chunk it is made of.
TABLE_PARTS: dict[str, tuple[str, ...]] = {
    "documents": (),
    "removed": ("removed",),
    "sections": ("sections",),
    "subsections": ("subsections",),
    "sentences": ("sentences",),
    "tokens": ("tokens",),
    "content_words": ("word_counts",),
    "slogans": ("slogan_matches",),
    "slogan_matches": ("slogan_matches",),
    "slogan_categories": ("slogan_matches",),
    "slogan_contexts": ("slogan_contexts",),
    "verbs": ("verb_counts",),
    "verb_tokens": ("verb_tokens",),
    "modality": ("modality_counts",),
    "modality_tokens": ("modality_tokens",),
    "compare": ("slogan_matches", "verb_counts", "modality_counts", "term_matches", "sections"),
    "word_counts": ("word_counts",),
    "term_matches": ("term_matches",),
    "formulation_matches": ("formulation_matches",),
    "formulations": ("formulation_matches",),
    "parallels": ("parallels",),
    "kwic": ("kwic",),
}
TABLES = tuple(TABLE_PARTS)
# what a run computes unless told: every table that needs no query
DEFAULT_TABLES = tuple(t for t in TABLES if t != "kwic")
_KIND_PARTS = {"slogan": "slogan_matches", "formulation": "formulation_matches", "verb": "verb_counts",
               "modality": "modality_counts", "term": "term_matches"}
_TOKEN_PARTS = frozenset({"tokens", "word_counts", "verb_counts", "verb_tokens", "modality_counts", "modality_tokens",
                          "parallels"})


@dataclass(frozen=True)
class Options:
    """Everything that decides a run's results: data files, tokenizer, script conversion, chunk size."""

    lexicons: Lexicons = field(default_factory=Lexicons.load)
    tokenizer: str = "jieba"
    simplified: bool = False
    chunk_chars: int | None = field(default_factory=settings.chunk_chars)
    tables: tuple[str, ...] = DEFAULT_TABLES
    kwic_window: int = 15
    unit: str = "doc"  # the unit the compare and word_counts tables count in: "doc", "section" or "subsection"
    terms: tuple[str, ...] = ()  # more terms to count on the text (the compare table, kind "term")
    kinds: tuple[str, ...] = ("slogan", "formulation", "verb", "modality", "term")  # what compare counts
    query: str | None = None  # the term (or, with ``regex``, the pattern) of the kwic table
    regex: bool = False
    query_window: int = 20  # characters on each side in the kwic table

    def __post_init__(self) -> None:
        for name in ("kwic_window", "query_window"):
            if not 0 < getattr(self, name) <= MARGIN_CHARS:
                raise ValueError(f"{name} must be from 1 to {MARGIN_CHARS} characters, not {getattr(self, name)}")
        if "kwic" in self.tables and not self.query:
            raise ValueError("the kwic table needs a query")
        if set(self.kinds) - set(_KIND_PARTS):
            raise ValueError(f"unknown kinds: {', '.join(sorted(set(self.kinds) - set(_KIND_PARTS)))}")
        unknown = set(self.tables) - set(TABLES)
        if unknown:
            raise ValueError(f"unknown tables: {', '.join(sorted(unknown))} (known: {', '.join(TABLES)})")
        unit_keys(self.unit)

    @property
    def by(self) -> list[str]:
        """The columns a unit of comparison is named by."""
        return unit_keys(self.unit)

    @property
    def parts(self) -> frozenset[str]:
        parts = {p for t in self.tables if t != "compare" for p in TABLE_PARTS[t]}
        if "compare" in self.tables:  # only what the kinds counted need (terms alone need no tokens)
            parts |= {"sections", *(["subsections"] if self.unit == "subsection" else []),
                      *(_KIND_PARTS[k] for k in self.kinds)}
        return frozenset(parts)


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
    tagged: list[tuple[str, str]] | None = None  # the tokenizer's output, for the cache; None when not run


def analyse_chunk(chunk: Chunk, options: Options, *, tagged: list[tuple[str, str]] | None = None,
                  keep_tagged: bool = False) -> ChunkResult:
    """Analyse one chunk into the parts ``options`` asks for. Runs in whatever process the executor chooses.

    ``tagged`` is the tokenizer's output for the chunk when the cache kept it: the tokenizer is skipped.
    ``keep_tagged``: the result carries the tokenizer's output (when it ran), for the cache to keep."""
    started = time.perf_counter()
    tokenizing = 0.0
    want = options.parts
    lex = options.lexicons
    tokenizer = get_tokenizer(options.tokenizer, userdict=lex.userdict)
    parts: dict[str, pd.DataFrame] = {}
    if "sentences" in want:
        parts["sentences"] = sentences_frame(chunk)
    if "sections" in want:
        parts["sections"] = sections_frame(chunk)
    if "subsections" in want:
        parts["subsections"] = subsections_frame(chunk)
    if "removed" in want:
        parts["removed"] = removed_frame(chunk)
    if "term_matches" in want:
        parts["term_matches"] = find_terms(chunk, options.terms)
    if "formulation_matches" in want:
        parts["formulation_matches"] = find_formulations(chunk, lex.slogans, tokenizer)
    if "kwic" in want:
        parts["kwic"] = find_query(chunk, query_pattern(options.query, regex=options.regex),
                                   window=options.query_window)
    if want & {"slogan_matches", "slogan_contexts"}:
        matches = find_slogans(chunk, lex.slogans)
        if "slogan_matches" in want:
            parts["slogan_matches"] = matches
        if "slogan_contexts" in want:
            parts["slogan_contexts"] = kwic_rows(chunk, matches, window=options.kwic_window)
    raw = None
    if want & _TOKEN_PARTS:
        before = time.perf_counter()
        raw = tokenizer.tag_raw(chunk.text) if tagged is None else tagged
        tokenizing = time.perf_counter() - before
        table = token_table(chunk, tokenizer, markers=lex.modality.words, grammar=lex.grammar,
                            forms=formulation_forms(lex.slogans), tagged=raw)
        if "parallels" in want:
            parts["parallels"] = find_parallels(chunk, tokenizer, tokens=table)
        if "tokens" in want:
            parts["tokens"] = table.frame()
        if "word_counts" in want:
            parts["word_counts"] = tally(table, content_mask(table, stopwords=lex.stopwords), by=options.by)
        if want & {"verb_tokens", "verb_counts"}:
            verbs = verb_mask(table, nonaction=lex.nonaction, modality=lex.modality, grammar=lex.grammar)
            if "verb_tokens" in want:
                parts["verb_tokens"] = table.frame(verbs)
            if "verb_counts" in want:
                parts["verb_counts"] = verb_counts(table, verbs, by=options.by)
        if want & {"modality_tokens", "modality_counts"}:
            markers = marker_mask(table, modality=lex.modality)
            if "modality_tokens" in want:
                parts["modality_tokens"] = _marker_columns(table.frame(markers), lex.modality)
            if "modality_counts" in want:
                parts["modality_counts"] = marker_counts(table, markers, by=options.by)
    last_section = max((s.index for s in chunk.sections), default=-1)
    seconds = {"tokenize": tokenizing, "measures": time.perf_counter() - started - tokenizing}
    return ChunkResult(chunk.doc_id, chunk.index, chunk.last, chunk.structure.title, last_section + 1, parts,
                       seconds, raw if keep_tagged and tagged is None else None)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    kept = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(kept, ignore_index=True) if kept else pd.DataFrame()


def _add_counts(frame: pd.DataFrame, keys: list[str], firsts: tuple[str, ...] = ()) -> pd.DataFrame:
    """Add up the ``count`` of rows with the same keys (over documents and chunks), in first-seen order."""
    agg = {"count": ("count", "sum"), **{c: (c, "first") for c in firsts}}
    return frame.groupby(keys, sort=False).agg(**agg).reset_index()


def _countable(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows a comparison counts: of formulations, the numbered and quoted ones (not titles)."""
    return rows[rows["kind"] != "title"] if "kind" in rows and "quoted" in rows else rows


def combine(results: list[ChunkResult], options: Options, documents: list[dict]) -> dict[str, pd.DataFrame]:
    """Combine the parts of every chunk into the tables ``options`` asks for, in the order of ``TABLES``."""
    import pandas as pd

    lex = options.lexicons
    parts: dict[str, pd.DataFrame] = {
        name: _concat([r.parts[name] for r in results]) for name in options.parts
    }
    if "slogan_matches" in parts and parts["slogan_matches"].empty:
        parts["slogan_matches"] = parts["slogan_matches"].reindex(columns=MATCH_COLUMNS)
    build: dict[str, Callable[[], pd.DataFrame]] = {
        "documents": lambda: pd.DataFrame(documents, columns=DOCUMENT_COLUMNS).astype({"year": "Int64"}),
        "removed": lambda: parts["removed"],
        "sections": lambda: merge_sections(parts["sections"]),
        "subsections": lambda: merge_sections(parts["subsections"], level="subsection"),
        "sentences": lambda: parts["sentences"],
        "tokens": lambda: parts["tokens"],
        "content_words": lambda: sort_token_counts(_add_counts(parts["word_counts"], ["token", "pos"])),
        "slogans": lambda: count_slogans(parts["slogan_matches"], lex.slogans, include_zero=True),
        "slogan_matches": lambda: parts["slogan_matches"],
        "slogan_categories": lambda: count_categories(parts["slogan_matches"], lex.slogans),
        "slogan_contexts": lambda: parts["slogan_contexts"],
        "verbs": lambda: complete_verb_counts(_add_counts(parts["verb_counts"], ["verb"], ("pos",)), glossary=lex.glossary),
        "verb_tokens": lambda: parts["verb_tokens"],
        "modality": lambda: complete_marker_counts(_add_counts(parts["modality_counts"], ["marker"]),
                                               modality=lex.modality, include_zero=True),
        "modality_tokens": lambda: parts["modality_tokens"],
        "compare": lambda: compare_units(
            unit_counts({k: _countable(parts[_KIND_PARTS[k]]) for k in options.kinds}, by=options.by),
            units_frame(pd.DataFrame(documents, columns=DOCUMENT_COLUMNS),
                        merge_sections(parts["subsections"], level="subsection") if options.unit == "subsection"
                        else merge_sections(parts["sections"]), unit=options.unit),
            unit=options.unit, terms={k: v for k, v in {"slogan": [s.term for s in lex.slogans.slogans],
                                                          "modality": [m.word for m in lex.modality.markers],
                                                          "term": list(options.terms)}.items()
                                      if k in options.kinds}),
        "word_counts": lambda: sort_token_counts(_add_counts(parts["word_counts"], [*options.by, "token", "pos"]),
                                                 by=options.by),
        "term_matches": lambda: parts["term_matches"],
        "formulation_matches": lambda: parts["formulation_matches"],
        "formulations": lambda: count_formulations(parts["formulation_matches"], lex.slogans),
        "parallels": lambda: parts["parallels"],
        "kwic": lambda: parts["kwic"],
    }
    return {name: build[name]() for name in TABLES if name in options.tables}


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

    def kept_tokens(tokens_at: str | None, index: int) -> list[tuple[str, str]] | None:
        return cache.get(chunk_key(tokens_at, index), list) if cache is not None else None

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


def run_corpus(files: list[str | Path] | str | Path | None = None, *, tables: Iterable[str] | None = None,
               lexicons: Lexicons | None = None, tokenizer: str = "jieba", simplified: bool = False,
               chunk_chars: int | None | bool = True, unit: str = "doc", terms: Iterable[str] = (),
               workers: int | None = None, on_document: Callable[[Document, ReadReport, dict], None] | None = None,
               options: Options | None = None, cache: ResultCache | bool = True, progress: bool = False,
               engine: str = "local", scheduler: str | None = None) -> CorpusResult:
    """Analyse the speeches named (files or folders; the bundled corpus by default) into tables.

    ``tables`` picks the tables to compute (by default all but ``kwic``, see ``TABLES``); ``chunk_chars`` the chunk
    size (``True``: the default, ``ANALYSIS_CHUNK_CHARS`` or 500,000; ``None`` or ``False``: whole documents);
    ``unit`` what the comparison tables count in (``"doc"``, ``"section"``, ``"subsection"``, or
    ``"auto"``: sections when there is one document); ``terms`` more terms to count. ``workers``
    processes analyse the chunks (``None``: all cores for a large corpus, one for a small one);
    ``engine="dask"`` hands them to a Dask cluster instead (``scheduler``: its address; none: a local
    one). ``cache`` (``True``: the one under ``ANALYSIS_CACHE_DIR``) keeps and reuses tokens and results;
    ``progress`` shows a progress bar on a terminal for a large corpus. The tables are the same
    whatever runs them. Raises ``InputError`` for input that cannot be analysed.
    """
    documents = open_corpus(files)
    if options is None:
        if unit == "auto":
            unit = "doc" if len(documents) > 1 else "section"
        options = Options(lexicons=lexicons or Lexicons.load(), tokenizer=tokenizer, simplified=simplified,
                          chunk_chars=settings.chunk_chars() if chunk_chars is True else chunk_chars or None,
                          tables=tuple(DEFAULT_TABLES if tables is None else tables), unit=unit,
                          terms=tuple(terms))
    rows: list[dict] = []
    reports: dict[str, ReadReport] = {}

    def finished(document: Document, report: ReadReport, row: dict) -> None:
        rows.append(row)
        reports[document.id] = report
        if on_document is not None:
            on_document(document, report, row)

    if workers is None:
        workers = choose_workers(sum(d.size for d in documents) // 3, options.tokenizer,
                                 chunks=sum(max(1, d.size // 3 // (options.chunk_chars or d.size or 1)) for d in documents))
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
    analysed = iter_analysed(documents, options, workers=workers, on_document=finished, cache=store, engine=engine,
                             scheduler=scheduler)
    if progress:
        analysed = with_progress(analysed, documents)
    results = list(analysed)
    combining = time.perf_counter()
    tables = combine(results, options, rows)
    seconds = {stage: sum(r.seconds.get(stage, 0.0) for r in results) for stage in ("tokenize", "measures")}
    seconds["combine"] = time.perf_counter() - combining
    seconds["total"] = time.perf_counter() - started
    if key is not None:
        store.set(key, (tables, rows, [reports[d.id] for d in documents]))
    return CorpusResult(tables, documents, reports, options, seconds)
