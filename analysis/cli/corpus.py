"""Commands that compare: documents or sections side by side (``compare``), terms over time
(``trend``), and key words of one group against another (``keyness``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from analysis.cli.charts import english_labels, save_charts
from analysis.cli.common import charts, corpus_name, inputs, lexicon, positive, print_table, run, table_format, units
from analysis.errors import InputError

SMALL_MULTIPLES_FROM = 4  # a trend chart of more terms than this draws a panel for each


def add_commands(sub) -> None:
    inputs_, table_format_, lexicon_, units_ = inputs(), table_format(), lexicon(), units()
    p = sub.add_parser("compare", parents=[inputs_, table_format_, lexicon_, units_],
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

    p = sub.add_parser("trend", parents=[inputs(files=False), table_format_, lexicon_, charts(None)],
                       help="terms per 10,000 characters by year (term,year,count,per_10k,...)",
                       description="Count each TERM on the text of every document and give its rate per 10,000 "
                                   "characters by year; years without a document are gaps. Arguments that name "
                                   "an existing file or folder are the corpus (default: the bundled corpus/), the "
                                   "others are terms. Documents need dates (NAME.yaml, metadata.csv, or a file "
                                   "name such as 2019.txt).")
    p.add_argument("items", nargs="+", metavar="TERM|FILE", help="terms to follow, and the files or folders to read")
    p.add_argument("--first", action="store_true", help="instead: term,first,last,years")
    p.set_defaults(handler=cmd_trend)

    p = sub.add_parser("keyness", parents=[inputs_, table_format_, units_, charts(None)],
                       help="key words of a target group against a reference group (term,target_count,...,g2,"
                            "log_ratio)",
                       description="Log-likelihood G2 with Log Ratio as effect size, both directions, on content "
                                   "words. SPEC: a year range (1954-1978, 2013-, 2019), a field=value of the "
                                   "metadata (speaker=李克强, section=一), or a list of files or ids (2019.txt,2018). "
                                   "Without --target and with one document: key words against jieba's IDF table.")
    p.add_argument("--target", metavar="SPEC", help="the units to describe")
    p.add_argument("--reference", metavar="SPEC", help="the units to compare with (default: all the others)")
    p.add_argument("--all", action="store_true", help="keep words under the G2 threshold of 15.13 (p < 0.0001)")
    p.add_argument("--top", type=positive, metavar="N", help="only the N strongest of each direction")
    p.set_defaults(handler=cmd_keyness)


def cmd_compare(args) -> int:
    from analysis.measures.compare import wide

    kinds = args.kind or ["slogan", "verb", "modality", *(["term"] if args.term else [])]
    table = run(args, ["documents", "compare"], kinds=kinds, terms=args.term)["compare"]
    print_table(wide(table, value=args.value) if args.wide else table, args)
    return 0


def cmd_trend(args) -> int:
    from analysis.measures.compare import first_appearance, trend, undated_counts
    from analysis.outputs import plots

    files = [i for i in args.items if _exists(i) or _looks_like_a_path(i)]
    terms = [i for i in args.items if i not in files]
    if not terms:
        raise InputError(corpus_name(files), "no term to follow: name at least one that is not a file")
    result = run(args, ["documents", "compare"], files=files or None, terms=terms, kinds=["term"])
    try:
        table = trend(result["compare"], result["documents"], terms=terms)
    except ValueError as err:
        raise InputError(corpus_name(files), str(err)) from None
    if args.out is not None:
        english = english_labels(terms, args)
        if len(terms) > SMALL_MULTIPLES_FROM:  # one panel a term, else lines on one chart
            trend_chart = lambda ax: plots.plot_trend_grid(table, figure=ax.figure, lang=args.lang,
                                                           glosses=english).axes[0]
        else:
            trend_chart = lambda ax: plots.plot_trend(table, ax=ax, lang=args.lang, glosses=english)
        save_charts({"trend": trend_chart,
                      "trend_heatmap": lambda ax: plots.plot_term_heatmap(table, ax=ax, lang=args.lang,
                                                                          glosses=english)}, args)
    undated = undated_counts(result["compare"], result["documents"]) if args.first else None
    print_table(first_appearance(table, undated) if args.first else table, args)
    return 0


def _exists(item: str) -> bool:
    """Whether an argument names a file or folder (a term too long to be a file name does not)."""
    try:
        return Path(item).exists()
    except OSError:
        return False


def _looks_like_a_path(item: str) -> bool:
    """A term never has a slash or a .txt ending: such an argument is a file or folder (perhaps missing)."""
    return "/" in item or os.sep in item or item.endswith((".txt", ".csv"))


def cmd_keyness(args) -> int:
    import pandas as pd

    from analysis.measures.compare import group_keyness, jieba_idf, keyness_against_idf, select_units, units_frame
    from analysis.outputs import plots

    def fail(message: str):
        raise InputError(corpus_name(args.files), message)

    # the groups are checked on the documents and sections (a cheap read) before anything is tokenized
    layout = run(args, ["documents", "sections"])
    units = units_frame(layout["documents"], layout["sections"], unit=layout.options.unit)
    if args.target is None and (len(layout["documents"]) > 1 or args.reference is not None):
        fail("several documents: say which are the target (--target SPEC)")
    try:
        chosen = [select_units(units, spec) for spec in (args.target, args.reference) if spec is not None]
    except ValueError as err:
        fail(str(err))
    if len(chosen) == 2 and (chosen[0] & chosen[1]).any():
        fail(f"the target ({args.target!r}) and the reference ({args.reference!r}) share units")
    counts = run(args, ["word_counts"], report=False)["word_counts"]
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
            english = english_labels(table["term"], args)
            save_charts({"keyness": lambda ax: plots.plot_keyness(table, ax=ax, lang=args.lang, glosses=english,
                                                                          groups=(args.target, args.reference))},
                         args)
    print_table(table, args)
    return 0
