"""Commands that count: slogans, verbs, modality markers, tokens, and every measure of the registry
that declares a command of its own (``analysis.measures.registry.Command``)."""

from __future__ import annotations

import sys

from analysis.cli.common import inputs, lexicon, output_format, positive, print_table, run, stream, table_format


def add_commands(sub) -> None:
    inputs_, table_format_, lexicon_ = inputs(), table_format(), lexicon()
    p = sub.add_parser("slogans", parents=[inputs_, table_format_, lexicon_],
                       help="count the slogan lexicon's formulations (term,category,count,...)",
                       description="Count slogans (提法) on the cleaned text. CSV columns: term,category,count,"
                                   "gloss,category_zh,category_en; sorted by count, then term.")
    p.add_argument("--all", action="store_true", help="also list lexicon entries that do not occur")
    p.add_argument("--matches", action="store_true",
                   help="list every occurrence with doc, offsets, section, paragraph and sentence instead")
    p.set_defaults(handler=cmd_slogans)

    p = sub.add_parser("verbs", parents=[inputs_, table_format_], help="count action verbs (verb,count,pos,gloss,gloss_source)",
                       description="Count action verbs (coarse tag VERB; see analysis/measures/verbs.py). "
                                   "CSV columns: verb,count,pos,gloss,gloss_source; sorted by count, then verb.")
    p.add_argument("--top", type=positive, metavar="N", help="only the N most frequent verbs")
    p.set_defaults(handler=cmd_verbs)

    p = sub.add_parser("modality", parents=[inputs_, table_format_],
                       help="count directive modality markers (marker,class,count,future,past,gloss)",
                       description="Count directive modality markers (要, 必须, 坚决 ...: analysis/data/modality.yaml) "
                                   "in their marker use; future and past: how many stand in sentences directing "
                                   "work to come and reviewing work done (analysis/measures/markers.py).")
    p.set_defaults(handler=cmd_modality)

    p = sub.add_parser("tokens", parents=[inputs_, table_format_],
                       help="list tokens in text order (token,pos,upos,doc,section,...,start,end)",
                       description="One row per token in text order: token,pos,upos,doc,section,section_index,"
                                   "subsection,subsection_index,paragraph,sentence,start,end (offsets into the "
                                   "cleaned text).")
    p.set_defaults(handler=cmd_tokens)

    from analysis.measures.registry import load_measures

    for measure in load_measures():
        if measure.command is not None:
            command = measure.command
            p = sub.add_parser(command.name, parents=[inputs_, table_format_], help=command.help,
                               description=f"{measure.summary[:1].upper()}{measure.summary[1:]}. One row per "
                                           f"{registry_row(command.table)}.")
            p.set_defaults(handler=cmd_measure, table=command.table)


def registry_row(table: str) -> str:
    from analysis.measures.registry import tables

    return tables()[table].row


def cmd_slogans(args) -> int:
    if args.matches:
        print_table(run(args, ["slogan_matches"])["slogan_matches"], args)
        return 0
    counts = run(args, ["slogans"])["slogans"]
    print_table(counts if args.all else counts[counts["count"] > 0], args)
    return 0


def cmd_verbs(args) -> int:
    verbs = run(args, ["verbs"])["verbs"]
    print_table(verbs.head(args.top) if args.top else verbs, args)
    return 0


def cmd_modality(args) -> int:
    counts = run(args, ["modality"])["modality"]
    print_table(counts[counts["count"] > 0], args)
    return 0


def cmd_tokens(args) -> int:
    """Tokens are written chunk by chunk as CSV, so that a file of any size streams through."""
    if output_format(args) != "csv":
        print_table(run(args, ["tokens"])["tokens"], args)
        return 0
    from analysis.text.tokens import TOKEN_COLUMNS

    header = True
    for result in stream(args, ["tokens"]):
        sys.stdout.write(result.parts["tokens"].to_csv(index=False, header=header, lineterminator="\n"))
        header = False
    if header:
        sys.stdout.write(",".join(TOKEN_COLUMNS) + "\n")
    return 0


def cmd_measure(args) -> int:
    """The table of a measure of the registry (rows with a zero count left out)."""
    table = run(args, [args.table])[args.table]
    print_table(table[table["count"] > 0] if "count" in table else table, args)
    return 0
