"""The ``validate`` command: the tool's counts scored against the hand annotation of ``tests/data``."""

from __future__ import annotations

import sys

from analysis.cli.common import path, print_table, table_format
from analysis.errors import InputError, display_path

CHOICES = {"development": ["development"], "held-out": ["held out"], "all": ["development", "held out"]}


def add_commands(sub) -> None:
    p = sub.add_parser("validate", parents=[table_format()],
                       help="score verbs, markers, series and formulations against hand annotation",
                       description="Run the tool on the texts annotated by hand (tests/data/gold: passages of four "
                                   "kinds of text, annotated blind from tests/data/ANNOTATION_GUIDE.md; tests/data: "
                                   "the older files) and print precision and recall by text and measure, with the "
                                   "pooled figures of the development and the held-out passages. The texts are "
                                   "looked for under corpus/ and ../shared/corpora. docs/accuracy.md explains the "
                                   "table.")
    p.add_argument("--split", choices=tuple(CHOICES), default="all",
                   help="only the passages of one set, with the older files among development (default: all)")
    p.add_argument("--summary", action="store_true",
                   help="print only the pooled figures, development and held out side by side")
    p.add_argument("--record", type=path, metavar="FILE",
                   help="also write the whole table to FILE as CSV (make validate writes docs/validation.csv)")
    p.add_argument("--check", type=path, metavar="FILE",
                   help="exit 1 if a pooled precision or recall is below the one FILE records")
    p.set_defaults(handler=cmd_validate)


def cmd_validate(args) -> int:
    from analysis.engine import validation
    from analysis.files import OutputFolder

    record = validation.read_record(args.check) if args.check is not None and _readable(args.check) else None
    table = validation.validate()
    if args.record is not None:
        folder = OutputFolder(args.record.parent, inputs=None)  # the file is checked (OUTPUT_OPTIONS), not its folder
        folder.write(args.record.name, table.to_csv(index=False))
        folder.save()
        print(f"wrote {len(table)} rows to {display_path(args.record)}", file=sys.stderr)
    shown = table[table["split"].isin(CHOICES[args.split])]  # the older files' rows are development
    print_table(validation.summary(shown) if args.summary else shown, args)
    if record is not None:
        fallen = validation.fallen(table, record)
        for line in fallen:
            print(f"fallen: {line}", file=sys.stderr)
        if fallen:
            raise InputError(args.check, f"{len(fallen)} figure(s) below the record")
    return 0


def _readable(file) -> bool:
    if not file.is_file():
        raise InputError(file, "no such file: write the record first (make validate)")
    return True
