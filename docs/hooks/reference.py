"""MkDocs hook: the reference pages, written at build time from the code itself.

- ``reference/commands.md`` from the command line's own parser: it reads nothing of the command line
  but ``analysis.cli.build_parser()`` and what every argparse parser has (its description, usage and
  actions);
- ``reference/tables.md`` from the registry of measures (``analysis.measures.registry``): each
  measure, what it is, its settings, and each of its tables with what one row is and its columns.

The pages are made in memory (``File.generated``): nothing is written into docs/, so there is no
generated file to commit or to forget. ``python docs/hooks/reference.py [tables]`` prints a page.
"""

from __future__ import annotations

import argparse
import os
import re
from contextlib import contextmanager

PAGE = "reference/commands.md"
TABLES_PAGE = "reference/tables.md"
USAGE_WIDTH = "100"  # argparse wraps usage to the terminal's width; the page must not depend on it

INTRODUCTION = """\
# Commands

This page is generated from the command line's parser (`analysis.cli.build_parser()`) each time
the site is built: it says what `python -m analysis COMMAND --help` says. Do not edit it; change the
parser's help texts instead.

Every command is run as `.venv/bin/python -m analysis COMMAND ...` from the project folder. A usage
mistake exits 2; input that cannot be analysed exits 1 with one line, `error: <file>: <what is wrong>`.
"""


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser's subcommands by name: ``parser.commands`` where the CLI keeps them, else the
    ``choices`` of its subparsers action."""
    commands = getattr(parser, "commands", None)
    if commands:
        return dict(commands)
    for action in parser._actions:
        if isinstance(getattr(action, "choices", None), dict):
            return dict(action.choices)
    return {}


def summaries(parser: argparse.ArgumentParser) -> dict[str, str]:
    """The one-line help of each subcommand, as ``python -m analysis --help`` lists it."""
    for action in parser._actions:
        if isinstance(getattr(action, "choices", None), dict):
            return {choice.dest: choice.help or "" for choice in getattr(action, "_choices_actions", [])}
    return {}


@contextmanager
def usage_width():
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = USAGE_WIDTH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def text(value: str) -> str:
    """Help text as Markdown: outside `code spans`, characters that Markdown would read as markup are
    escaped (a table cell's bar too), and angle brackets written as entities."""
    parts = re.split(r"(`[^`]*`)", " ".join(value.split()))
    escaped = [part if part.startswith("`") else
               re.sub(r"([\\*_\[\]|])", r"\\\1", part).replace("<", "&lt;").replace(">", "&gt;")
               for part in parts]
    return "".join(escaped)


def help_text(action: argparse.Action) -> str:
    """An action's help with argparse's %(default)s-style fields filled in, as --help prints it."""
    if not action.help or action.help == argparse.SUPPRESS:
        return ""
    fields = {**vars(action), "prog": "", "default": action.default}
    try:
        return action.help % fields
    except (KeyError, TypeError, ValueError):
        return action.help


def name_of(action: argparse.Action) -> str:
    """How the option is written: ``--lang {zh,en,both}``, ``--top N``, ``FILE ...``."""
    if action.choices is not None and not isinstance(action.choices, dict):
        value = "{" + ",".join(str(c) for c in action.choices) + "}"
    else:
        value = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
    if action.nargs in ("*", "+"):
        value = f"{value} ..."
    elif action.nargs == "?":
        value = f"[{value}]"
    if not action.option_strings:
        return value
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    return ", ".join(action.option_strings) + f" {value}"


def default_of(action: argparse.Action) -> str:
    """The default worth showing: none for flags (their absence is the default) or for no value."""
    default = action.default
    if action.nargs == 0 or default in (None, argparse.SUPPRESS, [], (), ""):
        return ""
    if isinstance(default, (list, tuple)):
        return ",".join(str(d) for d in default)
    return str(default)


def command_section(name: str, command: argparse.ArgumentParser, summary: str) -> str:
    with usage_width():
        usage = command.format_usage().strip()
    lines = [f"## {name}", ""]
    if command.description:
        lines += [text(command.description), ""]
    elif summary:
        lines += [text(summary), ""]
    lines += ["```text", usage, "```", ""]
    rows = [a for a in command._actions if a.help != argparse.SUPPRESS and a.dest != "help"]
    if rows:
        lines += ["| argument | what it does | default |", "| --- | --- | --- |"]
        for action in rows:
            default = default_of(action)
            lines.append(f"| `{name_of(action)}` | {text(help_text(action))} | "
                         f"{f'`{default}`' if default else ''} |")
        lines.append("")
    return "\n".join(lines)


def reference() -> str:
    """The whole page, as Markdown."""
    from analysis.cli import build_parser

    parser = build_parser()
    commands = subcommands(parser)
    helps = summaries(parser)
    lines = [INTRODUCTION]
    if parser.description:
        lines += [text(parser.description), ""]
    lines += ["| command | what it does |", "| --- | --- |"]
    lines += [f"| [`{name}`](#{name}) | {text(helps.get(name, ''))} |" for name in commands]
    lines.append("")
    lines += [command_section(name, command, helps.get(name, "")) for name, command in commands.items()]
    return "\n".join(lines)


TABLES_INTRODUCTION = """\
# Tables

This page is generated from the registry of measures (`analysis/measures/registry.py`) each time the
site is built: every measure declares its tables once, and the pipeline, the cache, the report, the
command line and this page read that declaration. Do not edit it; change the declaration instead.

`report` (and `make run`, and the notebook `05_export`) write every table a run makes by default into
`OUT/tables/` (`figures/tables/` by default), one UTF-8 CSV per table, one row per observation; in
Python, `analysis.run_corpus(files)["NAME"]` is the same table as a pandas DataFrame. Every row that
stands somewhere in a text says where: `doc`, `section` (its label: 引言 for the preamble, 一, 二 ...)
and `section_index` (its number in the document, so that two sections both labelled 一, where a
numbering restarts, stay apart), `subsection` and `subsection_index`, `paragraph`, `sentence`, and
`start`/`end` offsets into the cleaned text (the `texts` table).

To add a measure, add one module to `analysis/measures/` that calls `register(Measure(...))`:
`analysis/measures/pronouns.py` is a small one to copy.
"""


def tables() -> str:
    """The tables page, as Markdown."""
    from analysis.measures.registry import load_measures

    lines = [TABLES_INTRODUCTION]
    for measure in load_measures():
        lines += [f"## {measure.name}", "", text(measure.summary[:1].upper() + measure.summary[1:]) + ".", ""]
        if measure.command is not None:
            lines += [f"Command: `python -m analysis {measure.command.name}`.", ""]
        if not measure.default:
            lines += ["Made only when asked for (it needs a setting of its own).", ""]
        if measure.settings:
            lines += ["| setting | what it says | default |", "| --- | --- | --- |"]
            lines += [f"| `{s.name}` | {text(s.help)} | `{s.default!r}` |" for s in measure.settings]
            lines.append("")
        for table in measure.tables:
            made = "" if table.default else " (in the run's result, not written by `report`)"
            lines += [f"### `{table.name}`{made}", "", f"One row per {text(table.row)}.", "",
                      "Columns: " + ", ".join(f"`{c}`" for c in table.columns) + ".", ""]
    return "\n".join(lines)


def on_files(files, config):
    """Add the generated pages to the site's files (the nav names them like any other page)."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, PAGE, content=reference()))
    files.append(File.generated(config, TABLES_PAGE, content=tables()))
    return files


if __name__ == "__main__":
    import sys

    print(tables() if sys.argv[1:] == ["tables"] else reference())
