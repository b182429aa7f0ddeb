"""MkDocs hook: the command reference page, written at build time from the command line's own parser.

It reads nothing of the command line but ``analysis.cli.build_parser()`` and what every argparse
parser has (its description, usage and actions), so the page follows the CLI wherever its code
moves. The page is made in memory (``File.generated``): nothing is written into docs/, so there is
no generated file to commit or to forget. ``python docs/hooks/reference.py`` prints the page.
"""

from __future__ import annotations

import argparse
import os
import re
from contextlib import contextmanager

PAGE = "reference/commands.md"
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


def on_files(files, config):
    """Add the generated page to the site's files (the nav names it like any other page)."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, PAGE, content=reference()))
    return files


if __name__ == "__main__":
    print(reference())
