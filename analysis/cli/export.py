"""The ``export`` command: the tokens of a corpus for other tools (CoNLL-U, CWB vertical text) and
every table as Parquet (``analysis.outputs.formats``)."""

from __future__ import annotations

import sys

from analysis.cli.common import add_out, inputs, run


def add_commands(sub) -> None:
    p = sub.add_parser("export", parents=[inputs()],
                       help="tokens as CoNLL-U or CWB vertical text, or every table as Parquet, into OUT",
                       description="Write a corpus for other tools into OUT: --format conllu (OUT/corpus.conllu: a "
                                   "block a sentence, the coarse tag as UPOS, the tokenizer's tag as XPOS, offsets and "
                                   "document in MISC), vrt (OUT/corpus.vrt for cwb-encode: <text id date title>, <s>, "
                                   "and word, pos, upos, slogan, verb, marker a token), parquet (OUT/NAME.parquet for "
                                   "every table, for pandas and R's arrow).")
    p.add_argument("--format", dest="export_format", choices=("conllu", "vrt", "parquet"), required=True,
                   help="conllu, vrt or parquet")
    add_out(p, "export")
    p.set_defaults(handler=cmd_export)


def cmd_export(args) -> int:
    from analysis.engine import DEFAULT_TABLES
    from analysis.files import OutputFolder
    from analysis.outputs.formats import TOKEN_TABLES, conllu_lines, parquet_tables, vrt_lines

    folder = OutputFolder(args.out, inputs=args.files or ())
    if args.export_format == "parquet":
        result = run(args, [*DEFAULT_TABLES, *(t for t in TOKEN_TABLES if t not in DEFAULT_TABLES)])
        files = parquet_tables(result)
    else:
        result = run(args, TOKEN_TABLES)
        lines = conllu_lines(result) if args.export_format == "conllu" else vrt_lines(result)
        files = {f"corpus.{args.export_format}": "\n".join(lines) + "\n"}
    folder.write_set(files)
    folder.save()
    print(f"wrote {len(files)} file(s) to {args.out}", file=sys.stderr)
    return 0
