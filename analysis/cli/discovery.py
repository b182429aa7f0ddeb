"""Commands that discover what the lexicon does not know: numbered formulations and quotations
(``formulations``), parallel series (``parallels``), keywords in context (``kwic``), collocations."""

from __future__ import annotations

import sys

from analysis.cli.common import inputs, lexicon, path, positive, print_table, run, table_format
from analysis.errors import InputError


def add_commands(sub) -> None:
    inputs_, table_format_, lexicon_ = inputs(), table_format(), lexicon()
    p = sub.add_parser("formulations", parents=[inputs_, table_format_, lexicon_],
                       help="numbered formulations, quoted expressions and titles (term,kind,count,in_lexicon,...)",
                       description="Find what the lexicon does not know: numbered formulations (四个意识, 一带一路, "
                                   "三大攻坚战 ...), quoted expressions and 《titles》, with counts, whether the lexicon "
                                   "lists them and the expansion the text gives. CSV columns: term,kind,count,"
                                   "in_lexicon,expansion,quoted,documents,first_doc,first_start.")
    p.add_argument("--kind", choices=("numbered", "quoted", "title"), action="append",
                   help="only formulations of this kind (repeatable)")
    p.add_argument("--candidates", type=path, metavar="FILE",
                   help="also write the numbered and quoted ones the lexicon lacks into FILE, in the lexicon's YAML "
                        "format, for a person to review")
    p.add_argument("--coverage", type=int, nargs="?", const=2, metavar="N",
                   help="print instead how many of the numbered and quoted formulations found in at least N "
                        "documents (default 2) the lexicon lists, and what share of their occurrences")
    p.set_defaults(handler=cmd_formulations)

    p = sub.add_parser("parallels", parents=[inputs_, table_format_],
                       help="parallel series (排比): shared part, items, kind (shared,items,kind,...)",
                       description="Find parallel series: items sharing a head (早发现、早报告), a tail (获得感、"
                                   "幸福感), a frame (应检尽检、应收尽收) or only a structure. CSV columns: shared,"
                                   "items (joined by |),kind,n_items,text,level,doc,section,...,start,end.")
    p.add_argument("--kind", choices=("head", "tail", "frame", "structure"), action="append",
                   help="only series of this kind (repeatable)")
    p.set_defaults(handler=cmd_parallels)

    p = sub.add_parser("kwic", parents=[inputs(files=False), table_format_],
                       help="keyword in context of a term or a regular expression (left,match,right,...)",
                       description="Every occurrence of TERM with its context, document, section, sentence and "
                                   "offsets. A term matches as slogans do (a separator inside it matches any or "
                                   "none); --regex takes a regular expression.")
    p.add_argument("term", metavar="TERM", help="the term (or, with --regex, the regular expression)")
    p.add_argument("files", nargs="*", metavar="FILE", help="speech files or directories (default: corpus/)")
    p.add_argument("--window", type=positive, default=None,
                   help="context on each side: characters (default 20), or tokens with --tokens (default 5)")
    p.add_argument("--tokens", action="store_true", help="count the window in tokens, not characters")
    p.add_argument("--regex", action="store_true", help="TERM is a regular expression")
    p.add_argument("--sort", choices=("position", "left", "right"), default="position",
                   help="by position (default), or by the context nearest the match on the left or right")
    p.set_defaults(handler=cmd_kwic)

    p = sub.add_parser("collocations", parents=[inputs(files=False), table_format_],
                       help="collocates of a term within ±5 tokens (collocate,count,score,...)",
                       description="Words near TERM (±WINDOW tokens, punctuation and stopwords left out, seen at "
                                   "least --min-count times), scored by logDice (default), MI, t-score or log-"
                                   "likelihood. With --pairs instead of a term: adjacent pairs of the whole text.")
    p.add_argument("items", nargs="*", metavar="TERM FILE", help="the term, then speech files or directories")
    p.add_argument("--pairs", action="store_true", help="adjacent pairs of the whole text instead of a term")
    p.add_argument("--measure", choices=("logdice", "mi", "t", "ll"), default="logdice", help="the score to sort by")
    p.add_argument("--window", type=positive, default=5, help="tokens on each side (default 5)")
    p.add_argument("--min-count", type=positive, default=2, help="least co-occurrences (default 2)")
    p.set_defaults(handler=cmd_collocations)


def cmd_formulations(args) -> int:
    from analysis.measures.formulations import candidates, lexicon_coverage
    from analysis.files import OutputFolder, check_output
    from analysis.outputs.export import lexicon_candidates

    table = run(args, ["formulations"])["formulations"]
    if args.candidates is not None:
        chosen = candidates(table)
        chosen = chosen[~chosen["term"].str.contains(r"\s") & (chosen["term"].str.len() >= 2)
                        & ~chosen["term"].duplicated()]
        if chosen.empty:
            print(f"no candidates: the lexicon lists every formulation found; {args.candidates} not written",
                  file=sys.stderr)
        else:
            check_output(args.candidates, [*(args.files or []), *([args.lexicon] if args.lexicon else [])])
            folder = OutputFolder(args.candidates.parent, inputs=None)  # the file is checked, not its folder
            folder.write(args.candidates.name, lexicon_candidates(chosen))
            folder.save()
            print(f"wrote {len(chosen)} candidates to {args.candidates}", file=sys.stderr)
    if args.coverage is not None:
        print_table(lexicon_coverage(table, min_documents=args.coverage), args)
        return 0
    print_table(table[table["kind"].isin(args.kind)] if args.kind else table, args)
    return 0


def cmd_parallels(args) -> int:
    table = run(args, ["parallels"])["parallels"]
    print_table(table[table["kind"].isin(args.kind)] if args.kind else table, args)
    return 0


def cmd_kwic(args) -> int:
    from analysis.measures.context import MAX_WINDOW_TOKENS, kwic_tokens, query_pattern, sort_kwic
    from analysis.outputs.export import format_kwic

    try:
        pattern = query_pattern(args.term, regex=args.regex)
    except ValueError as err:
        raise InputError(args.term, str(err)) from None
    if args.tokens:
        if (args.window or 5) > MAX_WINDOW_TOKENS:  # said before the text is read
            raise InputError(args.term, f"a window of {args.window} tokens: at most {MAX_WINDOW_TOKENS}")
        try:
            lines = kwic_tokens(run(args, ["tokens"])["tokens"], pattern, window=args.window or 5, in_tokens=True)
        except ValueError as err:
            raise InputError(args.term, str(err)) from None
    else:
        window = args.window or 20
        if window > 200:
            raise InputError(args.term, f"a window of {window} characters: at most 200")
        try:
            lines = run(args, ["kwic"], query=args.term, regex=args.regex, query_window=window)["kwic"]
        except ValueError as err:  # a regular expression that searched too long
            raise InputError(args.term, str(err)) from None
    lines = sort_kwic(lines, args.sort)
    if (args.format or ("table" if sys.stdout.isatty() else "csv")) == "table":
        sys.stdout.write(format_kwic(lines))
        return 0
    print_table(lines, args)
    return 0


def cmd_collocations(args) -> int:
    from analysis.measures.context import MAX_WINDOW_TOKENS, collocates

    items = list(args.items)
    term = None if args.pairs else (items.pop(0) if items else None)
    if term is None and not args.pairs:
        raise InputError("collocations", "name a TERM, or ask for --pairs")
    if args.window > MAX_WINDOW_TOKENS:  # said before the text is read
        raise InputError("collocations", f"a window of {args.window} tokens: at most {MAX_WINDOW_TOKENS}")
    result = run(args, ["tokens"], files=items or None)
    print_table(collocates(result["tokens"], term, stopwords=result.options.lexicons.stopwords, window=args.window,
                      min_count=args.min_count, measure=args.measure), args)
    return 0
