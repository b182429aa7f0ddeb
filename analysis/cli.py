"""Command line: ``python -m analysis SUBCOMMAND [FILE ...]``.

With no FILE the bundled corpus (corpus/*.txt) is read; FILE may be repeated, and a directory means
its .txt files. A usage mistake exits 2; input that cannot be analysed exits 1 with one line on
stderr, ``error: <file>: <what is wrong>``, and no traceback.

Each subcommand is a handler (``set_defaults(handler=...)``) that runs the one pipeline
(``analysis.engine``) and hands its tables to ``analysis.outputs``. This module is the only writer
to standard output.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis.errors import InputError, NotebookError

FORMATS = ("csv", "json", "table")
FIGURE_FORMATS = ("png", "svg", "pdf")


# -- options, each declared once -------------------------------------------------------------------

def _inputs() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="speech text file(s) or directories (default: the bundled corpus/)")
    p.add_argument("--simplified", action="store_true",
                   help="convert traditional characters to simplified ones (OpenCC t2s) before analysis")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="report each file's encoding, length and removed boilerplate on stderr")
    return p


def _table_format() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, csv otherwise)")
    return p


def _lexicon() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--lexicon", type=Path, default=None,
                   help="a slogan lexicon of your own, in the format of analysis/data/slogans.yaml")
    return p


def _charts() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    _out(p, "figures")
    p.add_argument("--formats", type=_formats, default=FIGURE_FORMATS,
                   help="comma-separated figure formats (default: png,svg,pdf)")
    p.add_argument("--lang", choices=("zh", "en", "both"), default="zh",
                   help="chart labels: Chinese, English glosses, or both (default: zh)")
    return p


def _out(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--out", type=Path, default=Path(default), help=f"output directory (default: {default})")


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in FIGURE_FORMATS]
    if not formats or unknown:
        raise argparse.ArgumentTypeError(f"formats are png, svg and pdf, not {','.join(unknown) or value!r}")
    return formats


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Discourse analysis of Chinese political speeches: slogans, action verbs, directives.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    inputs, table_format, lexicon, charts = _inputs(), _table_format(), _lexicon(), _charts()

    p = sub.add_parser("slogans", parents=[inputs, table_format, lexicon],
                       help="count the slogan lexicon's formulations (term,category,count,...)",
                       description="Count slogans (提法) on the cleaned text. CSV columns: term,category,count,"
                                   "gloss,category_zh,category_en; sorted by count, then term.")
    p.add_argument("--all", action="store_true", help="also list lexicon entries that do not occur")
    p.add_argument("--matches", action="store_true",
                   help="list every occurrence with doc, offsets, section, paragraph and sentence instead")
    p.set_defaults(handler=cmd_slogans)

    p = sub.add_parser("verbs", parents=[inputs, table_format], help="count action verbs (verb,count,pos,gloss)",
                       description="Count action verbs (coarse tag VERB; see analysis/measures/verbs.py). "
                                   "CSV columns: verb,count,pos,gloss; sorted by count, then verb.")
    p.add_argument("--top", type=_positive, metavar="N", help="only the N most frequent verbs")
    p.set_defaults(handler=cmd_verbs)

    p = sub.add_parser("modality", parents=[inputs, table_format],
                       help="count directive modality markers (marker,class,count,gloss)",
                       description="Count directive modality markers (要, 必须, 坚决 ...: analysis/data/modality.yaml).")
    p.set_defaults(handler=cmd_modality)

    p = sub.add_parser("tokens", parents=[inputs, table_format],
                       help="list tokens in text order (token,pos,upos,doc,section,...,start,end)",
                       description="One row per token in text order: token,pos,upos,doc,section,section_index,"
                                   "paragraph,sentence,start,end (offsets into the cleaned text).")
    p.set_defaults(handler=cmd_tokens)

    for name, what, handler in (("figures", "the six charts", cmd_figures),
                                ("report", "every table (OUT/tables/*.csv) and the six charts", cmd_report)):
        p = sub.add_parser(name, parents=[inputs, lexicon, charts], help=f"write {what} into OUT",
                           description=f"Analyse the corpus and write {what} into OUT. Charts: "
                                       "slogans, verbs, modality, wordcloud, dispersion, category_heatmap.")
        p.set_defaults(handler=handler)

    p = sub.add_parser("notebooks", help="execute the notebooks and render them as HTML pages into OUT",
                       description="Execute every numbered notebook in notebooks/ from a fresh kernel and render "
                                   "it as a self-contained HTML page into OUT, with OUT/index.html. With FILEs, "
                                   "the notebooks analyse those speeches (papermill parameter `files`).")
    p.add_argument("files", nargs="*", metavar="FILE", help="speech files (default: the bundled corpus/)")
    _out(p, "html")
    p.add_argument("--figures", type=Path, default=None,
                   help="the figures folder the index links to and 05_export writes to (default: the "
                        "project's figures/, or OUT/figures when FILEs are given)")
    p.add_argument("--workers", type=_positive, default=2, help="notebooks run at once (default: 2)")
    p.set_defaults(handler=cmd_notebooks)
    return parser


# -- running the pipeline --------------------------------------------------------------------------

def _report_document(args):
    """Return the callback that prints a document's warnings (and, with -v, what reading it found)."""
    def report(document, reading, row) -> None:
        if not args.simplified:
            for message in reading.warnings():
                print(f"warning: {document.path}: {message}", file=sys.stderr)
        if args.verbose:
            print(f"{document.path}: encoding {document.encoding}, {reading.characters} characters, "
                  f"{reading.sentences} sentences, removed {reading.removed} boilerplate lines", file=sys.stderr)
    return report


def _options(args, tables):
    from analysis.engine import Options
    from analysis.text.lexicons import Lexicons
    from analysis.settings import chunk_chars

    return Options(lexicons=Lexicons.load(slogans=getattr(args, "lexicon", None)), simplified=args.simplified,
                   chunk_chars=chunk_chars(), tables=tuple(tables))


def _run(args, tables):
    from analysis.engine import run_corpus

    return run_corpus(args.files, options=_options(args, tables), on_document=_report_document(args))


def _print(frame, args) -> None:
    from analysis.outputs.export import format_table

    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    sys.stdout.write(format_table(frame.reset_index(drop=True), fmt))


# -- handlers --------------------------------------------------------------------------------------

def cmd_slogans(args) -> int:
    if args.matches:
        _print(_run(args, ["slogan_matches"])["slogan_matches"], args)
        return 0
    counts = _run(args, ["slogans"])["slogans"]
    _print(counts if args.all else counts[counts["count"] > 0], args)
    return 0


def cmd_verbs(args) -> int:
    verbs = _run(args, ["verbs"])["verbs"]
    _print(verbs.head(args.top) if args.top else verbs, args)
    return 0


def cmd_modality(args) -> int:
    counts = _run(args, ["modality"])["modality"]
    _print(counts[counts["count"] > 0], args)
    return 0


def cmd_tokens(args) -> int:
    """Tokens are written chunk by chunk as CSV, so that a file of any size streams through."""
    if (args.format or ("table" if sys.stdout.isatty() else "csv")) != "csv":
        _print(_run(args, ["tokens"])["tokens"], args)
        return 0
    from analysis.engine import iter_analysed
    from analysis.text.corpus import open_corpus
    from analysis.text.tokens import TOKEN_COLUMNS

    header = True
    for result in iter_analysed(open_corpus(args.files), _options(args, ["tokens"]),
                                on_document=_report_document(args)):
        sys.stdout.write(result.parts["tokens"].to_csv(index=False, header=header, lineterminator="\n"))
        header = False
    if header:
        sys.stdout.write(",".join(TOKEN_COLUMNS) + "\n")
    return 0


def cmd_figures(args) -> int:
    from analysis.outputs.report import make_figures

    result = _run(args, ["sections", "content_words", "slogans", "slogan_matches", "slogan_categories", "verbs",
                         "modality"])
    paths = make_figures(result, args.out, formats=args.formats, lang=args.lang)
    print(f"wrote {len(paths)} figure files to {args.out}", file=sys.stderr)
    return 0


def cmd_report(args) -> int:
    from analysis.outputs.report import make_figures, write_tables

    result = _run(args, _report_tables())
    paths = write_tables(result, args.out / "tables")
    print(f"wrote {len(paths)} tables to {args.out / 'tables'}", file=sys.stderr)
    paths = make_figures(result, args.out, formats=args.formats, lang=args.lang)
    print(f"wrote {len(paths)} figure files to {args.out}", file=sys.stderr)
    return 0


def _report_tables() -> list[str]:
    from analysis.engine import TABLES

    return list(TABLES)


def cmd_notebooks(args) -> int:
    from analysis.outputs.notebooks import render_all
    from analysis.text.corpus import resolve_paths

    parameters, figures = None, args.figures
    if args.files:
        # another speech: 05_export writes its figures beside the pages, not over the project's figures/
        figures = args.figures or args.out / "figures"
        parameters = {"files": [str(p.resolve()) for p in resolve_paths(args.files)], "out": str(figures.resolve())}
    pages = render_all(args.out, parameters=parameters, figures=figures, workers=args.workers)
    print(f"wrote {len(pages)} pages to {args.out} (open {args.out / 'index.html'})", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (InputError, NotebookError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python -m analysis tokens | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # an output folder that cannot be written, a file that cannot be read
        print(f"error: {err.filename or ''}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
