"""Commands that draw: the six charts (``figures``), and every table with them (``report``)."""

from __future__ import annotations

import argparse
import sys

from analysis.cli.common import charts, inputs, lexicon, run, units


def add_commands(sub) -> None:
    inputs_, lexicon_, charts_, units_ = inputs(), lexicon(), charts(), units()
    for name, what, handler in (("figures", "the six charts", cmd_figures),
                                ("report", "every table (OUT/tables/*.csv) and the six charts", cmd_report)):
        p = sub.add_parser(name, parents=[inputs_, lexicon_, charts_, units_], help=f"write {what} into OUT",
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


def cmd_figures(args) -> int:
    result = run(args, ["documents", "sections", "subsections", "content_words", "slogans", "slogan_matches",
                         "slogan_categories", "verbs", "modality"])
    _draw_figures(result, args)
    return 0


def _draw_figures(result, args) -> None:
    from analysis.outputs.report import EACH_UP_TO, make_figures

    paths = make_figures(result, args.out, formats=args.formats, lang=args.lang, level=args.level, each=args.each,
                         svg_text=args.svg_text)
    print(f"wrote {len(paths)} figure files to {args.out}", file=sys.stderr)
    documents = len(result["documents"])
    if args.each is None and documents > EACH_UP_TO:
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


def english_labels(terms, args) -> dict[str, str] | None:
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

    from analysis.engine import DEFAULT_TABLES

    result = run(args, DEFAULT_TABLES, terms=args.term)
    paths = write_tables(result, args.out / "tables")
    print(f"wrote {len(paths)} tables to {args.out / 'tables'}", file=sys.stderr)
    _draw_figures(result, args)
    return 0


def save_charts(charts, args) -> None:
    from analysis.outputs import plots
    from analysis.outputs.export import save_figure

    paths = []
    for name, draw in charts.items():
        ax = draw(plots.new_axes())
        paths.extend(save_figure(ax.figure, name, out=args.out, formats=args.formats, svg_text=args.svg_text))
    print(f"wrote {len(paths)} figure files to {args.out}", file=sys.stderr)
