"""What every command shares: its options, each declared once, and the one way to run the pipeline
and print a table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.errors import display_path

FORMATS = ("csv", "json", "table")
FIGURE_FORMATS = ("png", "svg", "pdf")
MAX_WORKERS = 256  # processes a run may start (a typo of 1000 would fork a thousand)


# -- options, each declared once -------------------------------------------------------------------

def inputs(*, files: bool = True) -> argparse.ArgumentParser:
    """The files read and how: script conversion, tokenizer, workers, engine, cache, progress."""
    p = argparse.ArgumentParser(add_help=False)
    if files:
        p.add_argument("files", nargs="*", metavar="FILE",
                       help="speech text file(s) or directories (default: the bundled corpus/)")
    p.add_argument("--simplified", action="store_true",
                   help="convert traditional characters to simplified ones (OpenCC t2s) before analysis")
    add_tokenizer(p)
    p.add_argument("--userdict", type=path, default=None, metavar="FILE",
                   help="words of your own for the tokenizer (one a line: word [freq] tag, as analysis/data/userdict.txt), "
                        "added to the bundled ones, for every command and both tokenizers")
    p.add_argument("--boilerplate", type=path, default=None, metavar="FILE",
                   help="patterns of your own for what cleaning removes (footers, lines of page chrome: the format of "
                        "analysis/data/boilerplate.yaml), added to the bundled ones; the removed table lists what went")
    p.add_argument("--workers", type=workers, default=None,
                   help="processes that analyse the texts (default: every core for a large corpus, one for a small one)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local (default), or dask: hand the documents to a Dask cluster (pip install '.[dask]')")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask, the cluster's scheduler (tcp://host:8786); default: a local cluster")
    p.add_argument("--no-cache", dest="cache", action="store_false",
                   help="neither use nor keep results in the cache (ANALYSIS_CACHE_DIR)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="report each file's encoding, length and removed boilerplate on stderr")
    return p


def units() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--by", choices=("auto", "doc", "section", "subsection"), default="auto",
                   help="units of comparison: documents, the sections of each (一、二、), or their sub-sections "
                        "(（一）（二）; a section's lead-in is one too) (default auto: sections when there is "
                        "one document)")
    return p


def add_tokenizer(parser: argparse.ArgumentParser) -> None:
    from analysis.text.tokenizers import BACKENDS

    parser.add_argument("--tokenizer", choices=BACKENDS, default="jieba",
                        help="jieba (default: jieba's posseg, the reference) or rjieba (its Rust port, about forty "
                             "times faster at tagging; the docs give how far they agree)")


def table_format() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, csv otherwise)")
    return p


def lexicon() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--lexicon", type=path, default=None,
                   help="a slogan lexicon of your own, in the format of analysis/data/slogans.yaml")
    return p


def charts(default: str | None = "figures") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    add_out(p, default)
    p.add_argument("--formats", type=figure_formats, default=FIGURE_FORMATS,
                   help="comma-separated figure formats (default: png,svg,pdf)")
    p.add_argument("--lang", choices=("zh", "en", "both"), default="zh",
                   help="chart labels: Chinese, English glosses, or both (default: zh)")
    p.add_argument("--svg-text", action="store_true",
                   help="keep the text of SVG files as text in the font named (for editing in Inkscape or "
                        "Illustrator with Noto Sans CJK SC installed); default: outlines, the same everywhere")
    return p


def add_out(parser: argparse.ArgumentParser, default: str | None) -> None:
    if default is None:
        parser.add_argument("--out", type=path, default=None, help="also write the charts into this directory")
    else:
        parser.add_argument("--out", type=path, default=Path(default), help=f"output directory (default: {default})")


def figure_formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))  # PNG,png: once
    unknown = [f for f in formats if f not in FIGURE_FORMATS]
    if not formats or unknown:
        raise argparse.ArgumentTypeError(f"formats are png, svg and pdf, not {','.join(unknown) or value!r}")
    return formats


def path(value: str) -> Path:
    """A path option: never empty (Path("") would be the current directory)."""
    if not value:
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return Path(value)


def workers(value: str) -> int:
    number = positive(value)
    if number > MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"at most {MAX_WORKERS}, not {value!r}")
    return number


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {value!r}")
    return number


# -- running the pipeline --------------------------------------------------------------------------

def document_reporter(args):
    """Return the callback that prints a document's warnings (and, with -v, what reading it found)."""
    def report(document, reading, row) -> None:
        if not args.simplified:
            for message in reading.warnings():
                print(f"warning: {display_path(document.path)}: {message}", file=sys.stderr)
        if args.verbose:
            print(f"{display_path(document.path)}: encoding {document.encoding}, {reading.characters} characters, "
                  f"{reading.sentences} sentences, removed {reading.removed} boilerplate lines", file=sys.stderr)
    return report


def options(args, tables, *, unit: str = "doc", **settings):
    """The run's ``Options``: the command line's data files, tokenizer and conversion, the tables asked
    for, the unit of comparison and the measures' settings (terms, kinds, query ...)."""
    from analysis.engine import Options
    from analysis.errors import InputError
    from analysis.settings import chunk_chars
    from analysis.text.lexicons import Lexicons

    lexicons = Lexicons.load(slogans=getattr(args, "lexicon", None))
    try:
        return Options.of(lexicons=lexicons, userdict=args.userdict, boilerplate=args.boilerplate,
                          simplified=args.simplified, tokenizer=args.tokenizer,
                          chunk_chars=chunk_chars(), tables=tuple(tables), unit=unit,
                          **{k: v for k, v in settings.items() if v is not None})
    except ValueError as err:  # a term of separators alone, a window too wide ...
        raise InputError(args.command, str(err)) from None


def _documents(args, files):
    from analysis.text.corpus import open_corpus, resolve_paths

    return open_corpus(resolve_paths((getattr(args, "files", None) or None) if files is None else files))


def run(args, tables, *, files=None, report: bool = True, **settings):
    """Run the pipeline on the command's files (or ``files``) for ``tables``: its ``CorpusResult``."""
    from analysis.engine import run_corpus

    documents = _documents(args, files)
    unit = getattr(args, "by", "doc")
    if unit == "auto":
        unit = "doc" if len(documents) > 1 else "section"
    return run_corpus(documents, options(args, tables, unit=unit, **settings),
                      on_document=document_reporter(args) if report else None, workers=args.workers,
                      cache=args.cache, progress=not args.quiet, engine=args.engine, scheduler=args.scheduler)


def stream(args, tables, **settings):
    """Run the pipeline as ``run`` does, yielding each chunk's result as it comes (for output that streams:
    no result cache, which would keep a whole document's parts in memory)."""
    from analysis.engine import stream_corpus

    documents = _documents(args, None)
    return stream_corpus(documents, options(args, tables, **settings), on_document=document_reporter(args),
                         workers=args.workers, cache=False, progress=not args.quiet, engine=args.engine,
                         scheduler=args.scheduler)


def corpus_name(files) -> str:
    """How an error about the whole corpus names it: its one folder or file, else the bundled corpus."""
    from analysis.settings import CORPUS_DIR

    return str(files[0]) if files and len(files) == 1 else ", ".join(map(str, files)) if files else str(CORPUS_DIR)


def output_format(args) -> str:
    return args.format or ("table" if sys.stdout.isatty() else "csv")


def print_table(frame, args) -> None:
    """Write a table to standard output in the format asked (a table on a terminal, CSV otherwise)."""
    from analysis.outputs.export import format_table

    sys.stdout.write(format_table(frame.reset_index(drop=True), output_format(args)))
