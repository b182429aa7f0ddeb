"""Commands that write pages: a reading page per document (``read``), and the notebooks rendered as
HTML (``notebooks``)."""

from __future__ import annotations

import sys
from pathlib import Path

from analysis.cli.common import add_out, add_tokenizer, inputs, path, run, workers
from analysis.errors import InputError, display_path


def add_commands(sub) -> None:
    p = sub.add_parser("read", parents=[inputs()], help="write a reading page for every document: its text, marked",
                       description="Write one self-contained HTML page per document into OUT (and OUT/index.html): "
                                   "the cleaned text with slogans, numbered and quoted formulations, parallel "
                                   "series, action verbs and directive markers marked, and a panel of their counts "
                                   "that steps through each term's places. No server, no network.")
    add_out(p, "html/read")
    p.set_defaults(handler=cmd_read)

    p = sub.add_parser("notebooks", help="execute the notebooks and render them as HTML pages into OUT",
                       description="Execute every numbered notebook in notebooks/ from a fresh kernel and render "
                                   "it as a self-contained HTML page into OUT, with OUT/index.html; 05_export writes "
                                   "its figures and tables into OUT/figures, so that OUT holds everything. With "
                                   "FILEs, the notebooks analyse those speeches (papermill parameter `files`); "
                                   "without, the bundled speech, and 07_compare the 52 Government Work Reports "
                                   "of corpus/govreports (a corpus over time, 1954-2025).")
    p.add_argument("files", nargs="*", metavar="FILE", help="speech files or folders (default: the bundled corpus/)")
    add_out(p, "html")
    p.add_argument("--figures", type=path, default=None,
                   help="where 05_export writes its figures and tables (default: OUT/figures); a folder "
                        "outside OUT is copied into OUT/figures, which the index links to")
    p.add_argument("--workers", type=workers, default=2, help="notebooks run at once (default: 2)")
    p.add_argument("--simplified", action="store_true",
                   help="convert traditional characters to simplified ones first (papermill parameter `simplified`)")
    add_tokenizer(p)
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                   help="set a notebook parameter, as papermill's -p does (-p terms '[\"四个意识\"]' -p target "
                        "2013-2025); a number, True, False or None is read as one, anything else as text; a "
                        "notebook gets only the parameters it declares")
    p.set_defaults(handler=cmd_notebooks)


def cmd_read(args) -> int:
    from analysis.outputs.reading import READING_TABLES, write_reading_pages

    pages = write_reading_pages(run(args, list(READING_TABLES)), args.out)
    count = len(pages) - 1
    print(f"wrote {count} reading page{'s' if count != 1 else ''} to {display_path(args.out)} "
          f"(open {display_path(args.out / 'index.html')})", file=sys.stderr)
    return 0


def notebook_parameters(pairs: list[list[str]]) -> list[tuple[str, object]]:
    """``-p NAME VALUE`` pairs as papermill reads them: an integer, a float, True, False or None as such,
    anything else as text (a list is text the notebook reads: '["四个意识"]')."""
    out = []
    for name, value in pairs:
        if not name.isidentifier():
            raise InputError(f"-p {name}", "a parameter name is a Python name (files, terms, target …)")
        out.append((name, _value(value)))
    return out


def _value(text: str) -> object:
    constants = {"True": True, "False": False, "None": None}
    if text in constants:
        return constants[text]
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


FOLLOWED_TERMS = ("四个意识", "两个维护", "三个代表", "一带一路", "阶级斗争")  # 提法 that rise and fall over 1954-2025


def cmd_notebooks(args) -> int:
    from analysis.outputs.notebooks import render_all
    from analysis.settings import CORPUS_DIR
    from analysis.text.corpus import resolve_paths

    given = dict(notebook_parameters(args.parameter))
    if "out" in given:  # where 05_export writes: the same checks as --figures (never into a corpus)
        from analysis.files import check_output

        check_output(Path(str(given["out"])), args.files or ())
    if "files" in given:
        raise InputError("-p files", "give the speeches as FILE arguments, so that the reading pages read them too")
    figures = args.figures or (Path(str(given.pop("out"))) if "out" in given else args.out / "figures")
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
    parameters.update(given)
    # with the bundled corpus, the chapter on a corpus over time reads the 52 reports the project ships
    over_time = {} if args.files or given else {"07_compare": {
        "files": [str(CORPUS_DIR / "govreports")], "simplified": True, "terms": list(FOLLOWED_TERMS),
        "target": "2013-2025", "reference": "1954-1978"}}
    lead = ('<h2><a href="07_compare.html">提法的兴衰，1954–2025 · The rise and fall of formulations, 1954–2025</a></h2>\n'
            "<p>52 份政府工作报告（corpus/govreports）里的 " + "、".join(FOLLOWED_TERMS) + "：哪一年出现，哪一年消失。"
            "How often the 52 Government Work Reports name them, year by year, and the words that set "
            "2013–2025 apart from 1954–1978.</p>") if over_time else ""
    pages = render_all(args.out, parameters=parameters, figures=figures, workers=args.workers, reading=read,
                       per_notebook=over_time, lead=lead)
    print(f"wrote {len(pages) + len(read)} pages to {args.out} (open {args.out / 'index.html'})", file=sys.stderr)
    return 0
