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

from analysis.errors import InputError, NotebookError, display_path

FORMATS = ("csv", "json", "table")
SMALL_MULTIPLES_FROM = 4  # a trend chart of more terms than this draws a panel for each
FIGURE_FORMATS = ("png", "svg", "pdf")


# -- options, each declared once -------------------------------------------------------------------

def _inputs(*, files: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    if files:
        p.add_argument("files", nargs="*", metavar="FILE",
                       help="speech text file(s) or directories (default: the bundled corpus/)")
    p.add_argument("--simplified", action="store_true",
                   help="convert traditional characters to simplified ones (OpenCC t2s) before analysis")
    _tokenizer(p)
    p.add_argument("--workers", type=_workers, default=None,
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


def _units() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--by", choices=("auto", "doc", "section", "subsection"), default="auto",
                   help="units of comparison: documents, the sections of each (一、二、), or their sub-sections "
                        "(（一）（二）; a section's lead-in is one too) (default auto: sections when there is "
                        "one document)")
    return p


def _tokenizer(parser: argparse.ArgumentParser) -> None:
    from analysis.text.tokenizers import BACKENDS

    parser.add_argument("--tokenizer", choices=BACKENDS, default="jieba",
                        help="jieba (default: jieba's posseg, the reference) or rjieba (its Rust port, about forty "
                             "times faster at tagging; the README gives how far they agree)")


def _table_format() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: table on a terminal, csv otherwise)")
    return p


def _lexicon() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--lexicon", type=_path, default=None,
                   help="a slogan lexicon of your own, in the format of analysis/data/slogans.yaml")
    return p


def _charts(default: str | None = "figures") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    _out(p, default)
    p.add_argument("--formats", type=_formats, default=FIGURE_FORMATS,
                   help="comma-separated figure formats (default: png,svg,pdf)")
    p.add_argument("--lang", choices=("zh", "en", "both"), default="zh",
                   help="chart labels: Chinese, English glosses, or both (default: zh)")
    p.add_argument("--svg-text", action="store_true",
                   help="keep the text of SVG files as text in the font named (for editing in Inkscape or "
                        "Illustrator with Noto Sans CJK SC installed); default: outlines, the same everywhere")
    return p


def _out(parser: argparse.ArgumentParser, default: str | None) -> None:
    if default is None:
        parser.add_argument("--out", type=_path, default=None, help="also write the charts into this directory")
    else:
        parser.add_argument("--out", type=_path, default=Path(default), help=f"output directory (default: {default})")


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))  # PNG,png: once
    unknown = [f for f in formats if f not in FIGURE_FORMATS]
    if not formats or unknown:
        raise argparse.ArgumentTypeError(f"formats are png, svg and pdf, not {','.join(unknown) or value!r}")
    return formats


def _path(value: str) -> Path:
    """A path option: never empty (Path("") would be the current directory)."""
    if not value:
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return Path(value)


MAX_WORKERS = 256  # processes a run may start (a typo of 1000 would fork a thousand)


def _workers(value: str) -> int:
    number = _positive(value)
    if number > MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"at most {MAX_WORKERS}, not {value!r}")
    return number


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
    inputs, table_format, lexicon, charts, units = _inputs(), _table_format(), _lexicon(), _charts(), _units()

    p = sub.add_parser("slogans", parents=[inputs, table_format, lexicon],
                       help="count the slogan lexicon's formulations (term,category,count,...)",
                       description="Count slogans (提法) on the cleaned text. CSV columns: term,category,count,"
                                   "gloss,category_zh,category_en; sorted by count, then term.")
    p.add_argument("--all", action="store_true", help="also list lexicon entries that do not occur")
    p.add_argument("--matches", action="store_true",
                   help="list every occurrence with doc, offsets, section, paragraph and sentence instead")
    p.set_defaults(handler=cmd_slogans)

    p = sub.add_parser("verbs", parents=[inputs, table_format], help="count action verbs (verb,count,pos,gloss,gloss_source)",
                       description="Count action verbs (coarse tag VERB; see analysis/measures/verbs.py). "
                                   "CSV columns: verb,count,pos,gloss,gloss_source; sorted by count, then verb.")
    p.add_argument("--top", type=_positive, metavar="N", help="only the N most frequent verbs")
    p.set_defaults(handler=cmd_verbs)

    p = sub.add_parser("modality", parents=[inputs, table_format],
                       help="count directive modality markers (marker,class,count,gloss)",
                       description="Count directive modality markers (要, 必须, 坚决 ...: analysis/data/modality.yaml).")
    p.set_defaults(handler=cmd_modality)

    p = sub.add_parser("tokens", parents=[inputs, table_format],
                       help="list tokens in text order (token,pos,upos,doc,section,...,start,end)",
                       description="One row per token in text order: token,pos,upos,doc,section,section_index,"
                                   "subsection,subsection_index,paragraph,sentence,start,end (offsets into the "
                                   "cleaned text).")
    p.set_defaults(handler=cmd_tokens)

    for name, what, handler in (("figures", "the six charts", cmd_figures),
                                ("report", "every table (OUT/tables/*.csv) and the six charts", cmd_report)):
        p = sub.add_parser(name, parents=[inputs, lexicon, charts, units], help=f"write {what} into OUT",
                           description=f"Analyse the corpus and write {what} into OUT. Charts: "
                                       "slogans, verbs, modality, wordcloud, dispersion, category_heatmap.")
        p.add_argument("--level", choices=("section", "subsection"), default="section",
                       help="the heatmap's columns: the sections 一、二、 or their sub-sections （一）（二） "
                            "(default: section)")
        p.add_argument("--each", action=argparse.BooleanOptionalAction, default=None,
                       help="a dispersion plot and a heatmap for each speech (default: for a corpus of up to "
                            "five speeches)")
        if name == "report":
            p.add_argument("--term", action="append", default=[], metavar="TERM",
                           help="also count this term: its occurrences in tables/term_matches.csv, its rates in "
                                "tables/compare.csv (repeatable)")
        p.set_defaults(handler=handler)

    p = sub.add_parser("compare", parents=[inputs, table_format, lexicon, units],
                       help="per document (or section) and term: count and rate (doc,date,term,kind,count,per_10k)",
                       description="One row per unit of comparison and term: its slogans and modality markers "
                                   "(zeros included), action verbs (where they occur), with counts and rates per "
                                   "10,000 characters. CSV columns: doc,date,year,characters,term,kind,count,per_10k.")
    p.add_argument("--wide", action="store_true", help="one row per unit, one column per term (kind:term)")
    p.add_argument("--value", choices=("count", "per_10k"), default="count", help="what --wide shows (default count)")
    p.add_argument("--kind", choices=("slogan", "verb", "modality", "term"), action="append",
                   help="only terms of this kind (repeatable; default: slogan, verb, modality, and term with --term)")
    p.add_argument("--term", action="append", default=[], metavar="TERM",
                   help="also count this term on the text (kind term; repeatable)")
    p.set_defaults(handler=cmd_compare)

    p = sub.add_parser("trend", parents=[_inputs(files=False), table_format, lexicon, _charts(None)],
                       help="terms per 10,000 characters by year (term,year,count,per_10k,...)",
                       description="Count each TERM on the text of every document and give its rate per 10,000 "
                                   "characters by year; years without a document are gaps. Arguments that name "
                                   "an existing file or folder are the corpus (default: the bundled corpus/), the "
                                   "others are terms. Documents need dates (NAME.yaml, metadata.csv, or a file "
                                   "name such as 2019.txt).")
    p.add_argument("items", nargs="+", metavar="TERM|FILE", help="terms to follow, and the files or folders to read")
    p.add_argument("--first", action="store_true", help="instead: term,first,last,years")
    p.set_defaults(handler=cmd_trend)

    p = sub.add_parser("keyness", parents=[inputs, table_format, units, _charts(None)],
                       help="key words of a target group against a reference group (term,target_count,...,g2,"
                            "log_ratio)",
                       description="Log-likelihood G2 with Log Ratio as effect size, both directions, on content "
                                   "words. SPEC: a year range (1954-1978, 2013-, 2019), a field=value of the "
                                   "metadata (speaker=李克强, section=一), or a list of files or ids (2019.txt,2018). "
                                   "Without --target and with one document: key words against jieba's IDF table.")
    p.add_argument("--target", metavar="SPEC", help="the units to describe")
    p.add_argument("--reference", metavar="SPEC", help="the units to compare with (default: all the others)")
    p.add_argument("--all", action="store_true", help="keep words under the G2 threshold of 15.13 (p < 0.0001)")
    p.add_argument("--top", type=_positive, metavar="N", help="only the N strongest of each direction")
    p.set_defaults(handler=cmd_keyness)

    p = sub.add_parser("formulations", parents=[inputs, table_format, lexicon],
                       help="numbered formulations, quoted expressions and titles (term,kind,count,in_lexicon,...)",
                       description="Find what the lexicon does not know: numbered formulations (四个意识, 一带一路, "
                                   "三大攻坚战 ...), quoted expressions and 《titles》, with counts, whether the lexicon "
                                   "lists them and the expansion the text gives. CSV columns: term,kind,count,"
                                   "in_lexicon,expansion,quoted,documents,first_doc,first_start.")
    p.add_argument("--kind", choices=("numbered", "quoted", "title"), action="append",
                   help="only formulations of this kind (repeatable)")
    p.add_argument("--candidates", type=_path, metavar="FILE",
                   help="also write the numbered and quoted ones the lexicon lacks into FILE, in the lexicon's YAML "
                        "format, for a person to review")
    p.add_argument("--coverage", type=int, nargs="?", const=2, metavar="N",
                   help="print instead how many of the numbered and quoted formulations found in at least N "
                        "documents (default 2) the lexicon lists, and what share of their occurrences")
    p.set_defaults(handler=cmd_formulations)

    p = sub.add_parser("parallels", parents=[inputs, table_format],
                       help="parallel series (排比): shared part, items, kind (shared,items,kind,...)",
                       description="Find parallel series: items sharing a head (早发现、早报告), a tail (获得感、"
                                   "幸福感), a frame (应检尽检、应收尽收) or only a structure. CSV columns: shared,"
                                   "items (joined by |),kind,n_items,text,level,doc,section,...,start,end.")
    p.add_argument("--kind", choices=("head", "tail", "frame", "structure"), action="append",
                   help="only series of this kind (repeatable)")
    p.set_defaults(handler=cmd_parallels)

    p = sub.add_parser("kwic", parents=[_inputs(files=False), table_format],
                       help="keyword in context of a term or a regular expression (left,match,right,...)",
                       description="Every occurrence of TERM with its context, document, section, sentence and "
                                   "offsets. A term matches as slogans do (a separator inside it matches any or "
                                   "none); --regex takes a regular expression.")
    p.add_argument("term", metavar="TERM", help="the term (or, with --regex, the regular expression)")
    p.add_argument("files", nargs="*", metavar="FILE", help="speech files or directories (default: corpus/)")
    p.add_argument("--window", type=_positive, default=None,
                   help="context on each side: characters (default 20), or tokens with --tokens (default 5)")
    p.add_argument("--tokens", action="store_true", help="count the window in tokens, not characters")
    p.add_argument("--regex", action="store_true", help="TERM is a regular expression")
    p.add_argument("--sort", choices=("position", "left", "right"), default="position",
                   help="by position (default), or by the context nearest the match on the left or right")
    p.set_defaults(handler=cmd_kwic)

    p = sub.add_parser("collocations", parents=[_inputs(files=False), table_format],
                       help="collocates of a term within ±5 tokens (collocate,count,score,...)",
                       description="Words near TERM (±WINDOW tokens, punctuation and stopwords left out, seen at "
                                   "least --min-count times), scored by logDice (default), MI, t-score or log-"
                                   "likelihood. With --pairs instead of a term: adjacent pairs of the whole text.")
    p.add_argument("items", nargs="*", metavar="TERM FILE", help="the term, then speech files or directories")
    p.add_argument("--pairs", action="store_true", help="adjacent pairs of the whole text instead of a term")
    p.add_argument("--measure", choices=("logdice", "mi", "t", "ll"), default="logdice", help="the score to sort by")
    p.add_argument("--window", type=_positive, default=5, help="tokens on each side (default 5)")
    p.add_argument("--min-count", type=_positive, default=2, help="least co-occurrences (default 2)")
    p.set_defaults(handler=cmd_collocations)

    p = sub.add_parser("read", parents=[_inputs()], help="write a reading page for every document: its text, marked",
                       description="Write one self-contained HTML page per document into OUT (and OUT/index.html): "
                                   "the cleaned text with slogans, numbered and quoted formulations, parallel "
                                   "series, action verbs and directive markers marked, and a panel of their counts "
                                   "that steps through each term's places. No server, no network.")
    _out(p, "html/read")
    p.set_defaults(handler=cmd_read)

    p = sub.add_parser("notebooks", help="execute the notebooks and render them as HTML pages into OUT",
                       description="Execute every numbered notebook in notebooks/ from a fresh kernel and render "
                                   "it as a self-contained HTML page into OUT, with OUT/index.html; 05_export writes "
                                   "its figures and tables into OUT/figures, so that OUT holds everything. With "
                                   "FILEs, the notebooks analyse those speeches (papermill parameter `files`).")
    p.add_argument("files", nargs="*", metavar="FILE", help="speech files or folders (default: the bundled corpus/)")
    _out(p, "html")
    p.add_argument("--figures", type=_path, default=None,
                   help="where 05_export writes its figures and tables (default: OUT/figures); a folder "
                        "outside OUT is copied into OUT/figures, which the index links to")
    p.add_argument("--workers", type=_workers, default=2, help="notebooks run at once (default: 2)")
    p.add_argument("--simplified", action="store_true",
                   help="convert traditional characters to simplified ones first (papermill parameter `simplified`)")
    _tokenizer(p)
    p.set_defaults(handler=cmd_notebooks)
    p = sub.add_parser("cache", help="the result cache: how big it is, or clear it",
                       description="Tokens and results are kept in a cache (under ANALYSIS_CACHE_DIR, default "
                                   "~/.cache/speech-analysis/results), so a rerun on an unchanged corpus skips the "
                                   "tokenizer. `info` says where it is and how big; `clear` empties it.")
    p.add_argument("action", choices=("info", "clear"))
    p.set_defaults(handler=cmd_cache)
    parser.commands = sub.choices  # what parse() hands the rest of the arguments to
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse a command line; a subcommand's options may stand among its files (``kwic 下沉 --tokens a.txt``)."""
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in parser.commands:
        command = parser.commands[argv[0]]
        args = command.parse_intermixed_args(argv[1:])
        args.command = argv[0]
        if getattr(args, "scheduler", None) and getattr(args, "engine", "local") != "dask":
            command.error("--scheduler names a Dask cluster: give --engine dask too")
        return args
    return parser.parse_args(argv)


# -- running the pipeline --------------------------------------------------------------------------

def _report_document(args):
    """Return the callback that prints a document's warnings (and, with -v, what reading it found)."""
    def report(document, reading, row) -> None:
        if not args.simplified:
            for message in reading.warnings():
                print(f"warning: {display_path(document.path)}: {message}", file=sys.stderr)
        if args.verbose:
            print(f"{display_path(document.path)}: encoding {document.encoding}, {reading.characters} characters, "
                  f"{reading.sentences} sentences, removed {reading.removed} boilerplate lines", file=sys.stderr)
    return report


def _options(args, tables, *, unit: str = "doc", terms=(), kinds=None, **more):
    from analysis.engine import Options
    from analysis.settings import chunk_chars
    from analysis.text.lexicons import Lexicons

    if kinds:
        more["kinds"] = tuple(kinds)
    return Options(lexicons=Lexicons.load(slogans=getattr(args, "lexicon", None)), simplified=args.simplified,
                   tokenizer=args.tokenizer,
                   chunk_chars=chunk_chars(), tables=tuple(tables), unit=unit, terms=tuple(terms), **more)


def _run(args, tables, *, files=None, terms=(), kinds=None, report: bool = True, **more):
    from analysis.engine import run_corpus
    from analysis.text.corpus import resolve_paths

    paths = resolve_paths((getattr(args, "files", None) or None) if files is None else files)
    unit = getattr(args, "by", "doc")
    if unit == "auto":
        unit = "doc" if len(paths) > 1 else "section"
    return run_corpus(paths, options=_options(args, tables, unit=unit, terms=terms, kinds=kinds, **more),
                      on_document=_report_document(args) if report else None, workers=args.workers,
                      cache=args.cache, progress=not args.quiet, engine=args.engine, scheduler=args.scheduler)


def _corpus_name(files) -> str:
    """How an error about the whole corpus names it: its one folder or file, else the bundled corpus."""
    from analysis.settings import CORPUS_DIR

    return str(files[0]) if files and len(files) == 1 else ", ".join(map(str, files)) if files else str(CORPUS_DIR)


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
    for result in iter_analysed(open_corpus(args.files or None), _options(args, ["tokens"]),
                                on_document=_report_document(args)):
        sys.stdout.write(result.parts["tokens"].to_csv(index=False, header=header, lineterminator="\n"))
        header = False
    if header:
        sys.stdout.write(",".join(TOKEN_COLUMNS) + "\n")
    return 0


def cmd_figures(args) -> int:

    result = _run(args, ["documents", "sections", "subsections", "content_words", "slogans", "slogan_matches",
                         "slogan_categories", "verbs", "modality"])
    _draw_figures(result, args)
    return 0


def _draw_figures(result, args) -> None:
    from analysis.outputs.report import PER_DOCUMENT, make_figures

    paths = make_figures(result, args.out, formats=args.formats, lang=args.lang, level=args.level, each=args.each,
                         svg_text=args.svg_text)
    print(f"wrote {len(paths)} figure files to {args.out}", file=sys.stderr)
    documents = len(result["documents"])
    if args.each is None and documents > PER_DOCUMENT:
        print(f"note: no dispersion plot or heatmap per speech for {documents} speeches (--each draws them)",
              file=sys.stderr)
    _warn_pinyin_verbs(result, args)


def _warn_pinyin_verbs(result, args, *, top: int = 15) -> None:
    """Name the charted verbs that have no English gloss anywhere (labelled with their pinyin)."""
    if args.lang == "zh":
        return
    verbs = result["verbs"].head(top)
    bare = verbs[verbs["gloss_source"] == "pinyin"]
    if len(bare):
        print("warning: no English gloss for " + ", ".join(f"{v} ({g})" for v, g in zip(bare["verb"], bare["gloss"]))
              + ": labelled with pinyin (add them to analysis/data/glossary.yaml)", file=sys.stderr)


def _english(terms, args) -> dict[str, str] | None:
    """The English labels of terms for a chart (slogan lexicon, glossary, CC-CEDICT, else pinyin with a
    warning), or ``None`` for Chinese labels."""
    if args.lang == "zh":
        return None
    from analysis.text.glosses import glosses, unglossed
    from analysis.text.lexicons import load_slogans

    lexicon = {s.term: s.gloss for s in load_slogans(getattr(args, "lexicon", None)).slogans}
    found = glosses(terms, lexicon=lexicon)
    bare = unglossed(found)
    if bare:
        print("warning: no English gloss for " + ", ".join(f"{w} ({found[w].text})" for w in bare)
              + ": labelled with pinyin", file=sys.stderr)
    return {w: g.text for w, g in found.items()}


def cmd_report(args) -> int:
    from analysis.outputs.report import write_tables

    result = _run(args, _report_tables(), terms=args.term)
    paths = write_tables(result, args.out / "tables")
    print(f"wrote {len(paths)} tables to {args.out / 'tables'}", file=sys.stderr)
    _draw_figures(result, args)
    return 0


def _report_tables() -> list[str]:
    from analysis.engine import DEFAULT_TABLES

    return list(DEFAULT_TABLES)


def cmd_compare(args) -> int:
    from analysis.measures.compare import wide

    kinds = args.kind or ["slogan", "verb", "modality", *(["term"] if args.term else [])]
    table = _run(args, ["documents", "compare"], kinds=kinds, terms=args.term)["compare"]
    _print(wide(table, value=args.value) if args.wide else table, args)
    return 0


def cmd_trend(args) -> int:
    from analysis.measures.compare import first_appearance, trend
    from analysis.outputs import plots

    files = [i for i in args.items if Path(i).exists() or _looks_like_a_path(i)]
    terms = [i for i in args.items if i not in files]
    if not terms:
        raise InputError(_corpus_name(files), "no term to follow: name at least one that is not a file")
    result = _run(args, ["documents", "compare"], files=files or None, terms=terms, kinds=["term"])
    try:
        table = trend(result["compare"], result["documents"], terms=terms)
    except ValueError as err:
        raise InputError(_corpus_name(files), str(err)) from None
    if args.out is not None:
        english = _english(terms, args)
        if len(terms) > SMALL_MULTIPLES_FROM:  # one panel a term, else lines on one chart
            trend_chart = lambda ax: plots.plot_trend_grid(table, figure=ax.figure, lang=args.lang,
                                                           glosses=english).axes[0]
        else:
            trend_chart = lambda ax: plots.plot_trend(table, ax=ax, lang=args.lang, glosses=english)
        _save_charts({"trend": trend_chart,
                      "trend_heatmap": lambda ax: plots.plot_term_heatmap(table, ax=ax, lang=args.lang,
                                                                          glosses=english)}, args)
    _print(first_appearance(table) if args.first else table, args)
    return 0


def _looks_like_a_path(item: str) -> bool:
    """A term never has a slash or a .txt ending: such an argument is a file or folder (perhaps missing)."""
    return "/" in item or os.sep in item or item.endswith((".txt", ".csv"))


def cmd_keyness(args) -> int:
    import pandas as pd

    from analysis.measures.compare import group_keyness, jieba_idf, keyness_against_idf, select_units, units_frame
    from analysis.outputs import plots

    def fail(message: str):
        raise InputError(_corpus_name(args.files), message)

    # the groups are checked on the documents and sections (a cheap read) before anything is tokenized
    layout = _run(args, ["documents", "sections"])
    units = units_frame(layout["documents"], layout["sections"], unit=layout.options.unit)
    if args.target is None and (len(layout["documents"]) > 1 or args.reference is not None):
        fail("several documents: say which are the target (--target SPEC)")
    try:
        chosen = [select_units(units, spec) for spec in (args.target, args.reference) if spec is not None]
    except ValueError as err:
        fail(str(err))
    if len(chosen) == 2 and (chosen[0] & chosen[1]).any():
        fail(f"the target ({args.target!r}) and the reference ({args.reference!r}) share units")
    counts = _run(args, ["word_counts"], report=False)["word_counts"]
    if args.target is None:
        table = keyness_against_idf(counts.groupby("token")["count"].sum(), jieba_idf(), top=args.top)
    else:
        try:
            table = group_keyness(counts, units, target=args.target, reference=args.reference,
                                  threshold=None if args.all else 15.13)
        except ValueError as err:
            fail(str(err))
        if args.top and len(table):
            table = pd.concat([g.head(args.top) for _, g in table.groupby("direction", sort=False)],
                              ignore_index=True)
        if table.empty:
            print("no word reaches G2 15.13 (p < 0.0001) between these groups; --all lists every word",
                  file=sys.stderr)
        if args.out is not None and len(table):
            english = _english(table["term"], args)
            _save_charts({"keyness": lambda ax: plots.plot_keyness(table, ax=ax, lang=args.lang, glosses=english)},
                         args)
    _print(table, args)
    return 0


def _save_charts(charts, args) -> None:
    from analysis.outputs import plots
    from analysis.outputs.export import save_figure

    paths = []
    for name, draw in charts.items():
        ax = draw(plots.new_axes())
        paths.extend(save_figure(ax.figure, name, out=args.out, formats=args.formats, svg_text=args.svg_text))
    print(f"wrote {len(paths)} figure files to {args.out}", file=sys.stderr)


def cmd_formulations(args) -> int:
    from analysis.measures.formulations import candidates, lexicon_coverage
    from analysis.outputs.export import lexicon_candidates, write_atomic

    table = _run(args, ["formulations"])["formulations"]
    if args.candidates is not None:
        chosen = candidates(table)
        chosen = chosen[~chosen["term"].str.contains(r"\s") & (chosen["term"].str.len() >= 2)
                        & ~chosen["term"].duplicated()]
        if chosen.empty:
            print(f"no candidates: the lexicon lists every formulation found; {args.candidates} not written",
                  file=sys.stderr)
        else:
            write_atomic(args.candidates, lexicon_candidates(chosen))
            print(f"wrote {len(chosen)} candidates to {args.candidates}", file=sys.stderr)
    if args.coverage is not None:
        _print(lexicon_coverage(table, min_documents=args.coverage), args)
        return 0
    _print(table[table["kind"].isin(args.kind)] if args.kind else table, args)
    return 0


def cmd_parallels(args) -> int:
    table = _run(args, ["parallels"])["parallels"]
    _print(table[table["kind"].isin(args.kind)] if args.kind else table, args)
    return 0


def cmd_kwic(args) -> int:
    from analysis.measures.context import kwic_tokens, query_pattern, sort_kwic
    from analysis.outputs.export import format_kwic

    try:
        pattern = query_pattern(args.term, regex=args.regex)
    except ValueError as err:
        raise InputError(args.term, str(err)) from None
    if args.tokens:
        lines = kwic_tokens(_run(args, ["tokens"])["tokens"], pattern, window=args.window or 5, in_tokens=True)
    else:
        window = args.window or 20
        if window > 200:
            raise InputError(args.term, f"a window of {window} characters: at most 200")
        lines = _run(args, ["kwic"], query=args.term, regex=args.regex, query_window=window)["kwic"]
    lines = sort_kwic(lines, args.sort)
    if (args.format or ("table" if sys.stdout.isatty() else "csv")) == "table":
        sys.stdout.write(format_kwic(lines))
        return 0
    _print(lines, args)
    return 0


def cmd_collocations(args) -> int:
    from analysis.measures.context import collocates

    items = list(args.items)
    term = None if args.pairs else (items.pop(0) if items else None)
    if term is None and not args.pairs:
        raise InputError("collocations", "name a TERM, or ask for --pairs")
    result = _run(args, ["tokens"], files=items or None)
    _print(collocates(result["tokens"], term, stopwords=result.options.lexicons.stopwords, window=args.window,
                      min_count=args.min_count, measure=args.measure), args)
    return 0


def cmd_read(args) -> int:
    from analysis.outputs.reading import READING_TABLES, write_reading_pages

    pages = write_reading_pages(_run(args, list(READING_TABLES)), args.out)
    count = len(pages) - 1
    print(f"wrote {count} reading page{'s' if count != 1 else ''} to {display_path(args.out)} "
          f"(open {display_path(args.out / 'index.html')})", file=sys.stderr)
    return 0


def cmd_notebooks(args) -> int:
    from analysis.outputs.notebooks import render_all
    from analysis.text.corpus import resolve_paths

    figures = args.figures or args.out / "figures"
    parameters: dict = {"out": str(figures.resolve())}
    if args.files:
        resolve_paths(args.files)  # a missing file fails here, with one line, before any kernel starts
        parameters["files"] = [str(Path(f).resolve()) for f in args.files]  # folders stay folders
    if args.simplified:
        parameters["simplified"] = True
    if args.tokenizer != "jieba":
        parameters["tokenizer"] = args.tokenizer
    from analysis.engine import run_corpus
    from analysis.outputs.reading import READING_TABLES, write_reading_pages

    read = write_reading_pages(run_corpus(parameters.get("files"), tables=READING_TABLES, simplified=args.simplified,
                                          tokenizer=args.tokenizer, progress=True), args.out / "read",
                               home="../index.html")
    parameters["reading"] = "read"  # chapters 03 and 04 link their counts to these pages
    parameters["reading"] = "read"  # chapters 03 and 04 link their counts to these pages
    pages = render_all(args.out, parameters=parameters, figures=figures, workers=args.workers, reading=read)
    print(f"wrote {len(pages) + len(read)} pages to {args.out} (open {args.out / 'index.html'})", file=sys.stderr)
    return 0


def cmd_cache(args) -> int:
    from analysis.engine.cache import ResultCache

    cache = ResultCache()
    where = display_path(cache.directory)
    if args.action == "clear":
        removed = cache.clear()
        print(f"removed {removed} entries from {where}", file=sys.stderr)
        return 0
    try:
        entries, volume = len(cache), cache.volume()
    except Exception as exc:  # noqa: BLE001 - a folder that is a file, a database that is not one
        raise InputError(cache.directory, f"the cache cannot be read ({display_path(str(exc))[:120]}): "
                                          "python -m analysis cache clear") from None
    finally:
        cache.close()
    print(f"{where}: {entries} entries, {volume / 1e6:.1f} MB")
    return 0


OUTPUT_OPTIONS = ("out", "figures", "candidates")  # the options that name where a command writes


def check_outputs(args) -> None:
    """Refuse to write into a corpus: the bundled ``corpus/``, a folder being read, or onto a file being
    read (a symbolic link or ``..`` do not get round it: paths are compared resolved)."""
    from analysis.settings import CORPUS_DIR

    files = getattr(args, "files", None) or getattr(args, "items", None) or []
    read = [Path(f).resolve() for f in files if f and f != "-" and Path(f).exists()]
    corpora = [CORPUS_DIR.resolve(), *(p for p in read if p.is_dir())]
    for name in OUTPUT_OPTIONS:
        out = getattr(args, name, None)
        if out is None:
            continue
        target = Path(out).resolve()
        for corpus in corpora:
            if target == corpus or corpus in target.parents:
                raise InputError(out, f"is inside the corpus folder {corpus}, which is only ever read: "
                                      "write the output elsewhere")
        if target in read:
            raise InputError(out, "is one of the files being read: write the output elsewhere")
    from analysis.settings import cache_dir

    cache = cache_dir().resolve()
    for corpus in corpora:
        if cache == corpus or corpus in cache.parents:
            raise InputError("ANALYSIS_CACHE_DIR", f"{display_path(cache)} is inside the corpus folder "
                                                   f"{display_path(corpus)}, which is only ever read")


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a Python warning as the command line prints its own: one line, ``warning: <what>``."""
    print(f"warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    import warnings

    warnings.showwarning = _show_warning
    if sys.stdout is None:  # started with standard output closed (`>&-`): its output goes nowhere
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 is still printed
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parse(argv)
    try:
        check_outputs(args)
        return args.handler(args)
    except (InputError, NotebookError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python -m analysis tokens | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # an output folder that cannot be written, a file that cannot be read
        where = display_path(err.filename) if err.filename is not None else "standard output"
        print(f"error: {where}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
