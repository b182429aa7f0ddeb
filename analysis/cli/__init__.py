"""Command line: ``python -m analysis COMMAND [FILE ...]``.

With no FILE the bundled corpus (corpus/*.txt) is read; FILE may be repeated, and a directory means
its .txt files. A usage mistake exits 2; input that cannot be analysed exits 1 with one line on
stderr, ``error: <file>: <what is wrong>``, and no traceback.

Each command is a handler in one of the modules below, which adds its parser (``add_commands``);
every handler runs the one pipeline (``analysis.engine``) through ``analysis.cli.common`` and hands
its tables to ``analysis.outputs``. A measure of the registry that declares a command gets one
without a module here. This package is the only writer to standard output.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from analysis.errors import InputError, NotebookError, display_path

COMMAND_MODULES = ("counts", "charts", "corpus", "discovery", "pages", "export", "validation", "cache")
OUTPUT_OPTIONS = ("out", "figures", "candidates", "record")  # the options that name where a command writes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Discourse analysis of Chinese political speeches: slogans, action verbs, directives.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"analysis.cli.{name}").add_commands(sub)
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

def check_outputs(args) -> None:
    """Refuse, before any work, an output that is a file being read, or is inside or holds a folder that
    is only ever read (``analysis.files.check_output``), and a cache folder inside a corpus."""
    from analysis.files import check_output
    from analysis.settings import CORPUS_DIR, cache_dir

    files = getattr(args, "files", None) or getattr(args, "items", None) or []
    inputs = [*files, *(getattr(args, name) for name in ("lexicon", "userdict", "boilerplate") if getattr(args, name, None))]
    for name in OUTPUT_OPTIONS:
        if getattr(args, name, None) is not None:
            check_output(getattr(args, name), inputs)
    cache = cache_dir().resolve()
    for corpus in [CORPUS_DIR.resolve(), *(Path(f).resolve() for f in files if f and f != "-" and _is_dir(f))]:
        if cache == corpus or corpus in cache.parents:
            raise InputError("ANALYSIS_CACHE_DIR", f"{display_path(cache)} is inside the corpus folder "
                                                   f"{display_path(corpus)}, which is only ever read")


def _is_dir(name: str) -> bool:
    """Whether an argument is a folder (a term longer than a file name may be is not)."""
    try:
        return Path(name).is_dir()
    except OSError:
        return False


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a Python warning as the command line prints its own: one line, ``warning: <what>``."""
    print(f"warning: {message}", file=sys.stderr)

def main(argv: list[str] | None = None) -> int:
    import warnings

    warnings.showwarning = _show_warning
    if sys.stdout is None:  # started with standard output closed (`>&-`): its output goes nowhere
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
    if sys.stderr is None:  # standard error closed (`2>&-`): warnings go nowhere, never into the output
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
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
        import threading

        # what a client's threads raise while the run is torn down (a future cancelled under them) is the
        # interruption's doing, said in the one line below
        threading.excepthook = lambda args: None
        sys.unraisablehook = lambda unraisable: None
        print("error: interrupted", file=sys.stderr)
        return 130
