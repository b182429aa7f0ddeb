"""Command line: ``python -m analysis SUBCOMMAND [FILE ...]``.

With no FILE the bundled corpus (corpus/*.txt) is read; FILE may be repeated, and a directory means
its .txt files. A usage mistake exits 2; input that cannot be analysed exits 1 with one line on
stderr, ``error: <file>: <what is wrong>``, and no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis.errors import InputError, NotebookError
from analysis.lexicon import SLOGANS

FORMATS = ("csv", "json", "table")


def _add_common(parser: argparse.ArgumentParser, *, files: bool = True) -> None:
    if files:
        parser.add_argument("files", nargs="*", metavar="FILE",
                            help="speech text file(s) or directories (default: the bundled corpus/)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: table on a terminal, csv otherwise)")
    parser.add_argument("--simplified", action="store_true",
                        help="convert traditional characters to simplified ones (OpenCC t2s) before analysis")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="report each file's encoding, length and removed boilerplate on stderr")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Discourse analysis of Chinese political speeches: slogans, action verbs, directives.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("slogans", help="count the slogan lexicon's formulations (term,category,count,...)",
                       description="Count slogans (提法) on the cleaned text. CSV columns: term,category,count,"
                                   "gloss,category_zh,category_en; sorted by count, then term.")
    _add_common(p)
    p.add_argument("--all", action="store_true", help="also list lexicon entries that do not occur")
    p.add_argument("--matches", action="store_true",
                   help="list every occurrence with doc, offsets, section, paragraph and sentence instead")
    p.add_argument("--lexicon", type=Path, default=SLOGANS,
                   help="a slogan lexicon of your own, in the format of analysis/data/slogans.yaml")

    p = sub.add_parser("verbs", help="count action verbs (verb,count,pos)",
                       description="Count action verbs (jieba tags v, vd, vi; see analysis/verbs.py). "
                                   "CSV columns: verb,count,pos; sorted by count, then verb.")
    _add_common(p)
    p.add_argument("--top", type=int, metavar="N", help="only the N most frequent verbs")

    p = sub.add_parser("modality", help="count directive modality markers (marker,class,count,gloss)",
                       description="Count directive modality markers (要, 必须, 坚决 ...: analysis/data/modality.yaml).")
    _add_common(p)

    p = sub.add_parser("tokens", help="list tokens in text order (token,pos,doc,section,...,start,end)",
                       description="One row per token in text order: token,pos,doc,section,paragraph,"
                                   "sentence,start,end (offsets into the cleaned text).")
    _add_common(p)

    for name, what in (("figures", "the six charts"), ("report", "every table (OUT/tables/*.csv) and the six charts")):
        p = sub.add_parser(name, help=f"write {what} into OUT",
                           description=f"Analyse the corpus and write {what} into OUT. Charts: "
                                       "slogans, verbs, modality, wordcloud, dispersion, category_heatmap.")
        p.add_argument("files", nargs="*", metavar="FILE", help="speech files (default: the bundled corpus/)")
        p.add_argument("--out", type=Path, default=Path("figures"), help="output directory (default: figures)")
        p.add_argument("--formats", type=_formats, default=("png", "svg", "pdf"),
                       help="comma-separated figure formats (default: png,svg,pdf)")
        p.add_argument("--lang", choices=("zh", "en", "both"), default="zh",
                       help="chart labels: Chinese, English glosses, or both (default: zh)")
        p.add_argument("--simplified", action="store_true", help="convert traditional characters to simplified")
        p.add_argument("-v", "--verbose", action="store_true", help="report each file on stderr")
    p = sub.add_parser("notebooks", help="execute the notebooks and render them as HTML pages into OUT",
                       description="Execute every numbered notebook in notebooks/ from a fresh kernel and render "
                                   "it as a self-contained HTML page into OUT, with OUT/index.html. With FILEs, "
                                   "the notebooks analyse those speeches (papermill parameter `files`).")
    p.add_argument("files", nargs="*", metavar="FILE", help="speech files (default: the bundled corpus/)")
    p.add_argument("--out", type=Path, default=Path("html"), help="output directory (default: html)")
    p.add_argument("--figures", type=Path, default=None,
                   help="the figures folder the index links to and 05_export writes to (default: the "
                        "project's figures/, or OUT/figures when FILEs are given)")
    p.add_argument("--workers", type=int, default=2, help="notebooks run at once (default: 2)")
    return parser


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in formats if f not in ("png", "svg", "pdf")]
    if not formats or unknown:
        raise argparse.ArgumentTypeError(f"formats are png, svg and pdf, not {','.join(unknown) or value!r}")
    return formats


# The count commands read long files in chunks of this many characters (the tests set it small).
CHUNK_CHARS = int(os.environ.get("ANALYSIS_CHUNK_CHARS", "500000"))


def _warn(path, speech) -> None:
    from analysis.corpus import speech_warnings

    for message in speech_warnings(speech):
        print(f"warning: {path}: {message}", file=sys.stderr)


def _describe(path, encoding: str, chars: int, sentences: int, removed: int) -> None:
    print(f"{path}: encoding {encoding}, {chars} characters, {sentences} sentences, "
          f"removed {removed} boilerplate lines", file=sys.stderr)


def _chunks(args):
    """Yield the speeches named on the command line chunk by chunk, with warnings and -v reports."""
    from analysis.corpus import iter_chunks, resolve_inputs

    for path in resolve_inputs(args.files):
        chars = sentences = removed = 0
        for i, chunk in enumerate(iter_chunks(path, chunk_chars=CHUNK_CHARS, to_simplified=args.simplified)):
            if i == 0 and not args.simplified:
                _warn(path, chunk)
            chars += len(chunk.text)
            sentences += len(chunk.sentences)
            removed += len(chunk.removed)
            yield chunk
        if args.verbose:
            _describe(path, chunk.encoding, chars, sentences, removed)


def _load(args):
    from analysis.corpus import load_corpus

    speeches = load_corpus(args.files, to_simplified=args.simplified)
    for sp in speeches:
        if not args.simplified:
            _warn(sp.path, sp)
        if args.verbose:
            _describe(sp.path, sp.encoding, len(sp.text), len(sp.sentences), len(sp.removed))
    return speeches


def _write_tokens(args, fmt: str) -> None:
    """Tokens are written chunk by chunk as CSV, so that a file of any size streams through."""
    import pandas as pd

    from analysis.export import format_table
    from analysis.tokenize import TOKEN_COLUMNS, tokenize_speech

    if fmt != "csv":
        frames = [tokenize_speech(c) for c in _chunks(args)]
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TOKEN_COLUMNS)
        sys.stdout.write(format_table(frame, fmt))
        return
    header = True
    for chunk in _chunks(args):
        sys.stdout.write(tokenize_speech(chunk).to_csv(index=False, header=header, lineterminator="\n"))
        header = False
    if header:
        sys.stdout.write(",".join(TOKEN_COLUMNS) + "\n")


def _table(args):
    """Count over every chunk of every file; return the table to print."""
    import pandas as pd

    from analysis.tokenize import tokenize_speech
    from analysis.verbs import add_counts, count_modality, count_verbs

    if args.command == "slogans":
        from analysis.slogans import MATCH_COLUMNS, count_slogans, find_slogans

        frames = [find_slogans(c, lexicon=args.lexicon) for c in _chunks(args)]
        matches = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=MATCH_COLUMNS)
        return matches if args.matches else count_slogans(matches, lexicon=args.lexicon, include_zero=args.all)
    if args.command == "verbs":
        counts = add_counts([count_verbs(tokenize_speech(c)) for c in _chunks(args)], key="verb")
        return counts.head(args.top) if args.top else counts
    return add_counts([count_modality(tokenize_speech(c)) for c in _chunks(args)], key="marker")


def run_notebooks(args) -> int:
    from analysis.corpus import resolve_inputs
    from analysis.render import render_all

    parameters, figures = None, args.figures
    if args.files:
        # another speech: 05_export writes its figures beside the pages, not over the project's figures/
        figures = args.figures or args.out / "figures"
        parameters = {"files": [str(p.resolve()) for p in resolve_inputs(args.files)], "out": str(figures.resolve())}
    pages = render_all(args.out, parameters=parameters, figures=figures, workers=args.workers)
    print(f"wrote {len(pages)} pages to {args.out} (open {args.out / 'index.html'})", file=sys.stderr)
    return 0


def run(args) -> int:
    if args.command == "notebooks":
        return run_notebooks(args)
    fmt = getattr(args, "format", None) or ("table" if sys.stdout.isatty() else "csv")
    if args.command == "tokens":
        _write_tokens(args, fmt)
        return 0
    if args.command not in ("report", "figures"):
        from analysis.export import format_table

        sys.stdout.write(format_table(_table(args), fmt))
        return 0
    from analysis.report import build_tables, make_figures, write_tables

    speeches = _load(args)
    tables = build_tables(speeches)
    if args.command == "report":
        paths = write_tables(tables, args.out / "tables")
        print(f"wrote {len(paths)} tables to {args.out / 'tables'}", file=sys.stderr)
    paths = make_figures(speeches, args.out, formats=args.formats, lang=args.lang, tables=tables)
    print(f"wrote {len(paths)} figure files to {args.out}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "top", None) is not None and args.top < 1:
        parser.error("--top must be a positive number")
    try:
        return run(args)
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
