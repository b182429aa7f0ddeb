"""The one exception a user's mistake raises: it names the file and says what is wrong."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: str | Path) -> str:
    """A file name as one printable line: bytes that are not UTF-8 and control characters (a newline in
    a name) as escapes."""
    name = str(path)
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # a file name from another system: its bytes as \xff escapes
        name = os.fsencode(name).decode("utf-8", errors="backslashreplace")
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
                   for c in name)


MAX_MESSAGE = 300  # what an error message quotes of a file is cut here (a YAML alias bomb is not printed)


class InputError(Exception):
    """Input (a speech file or a data file) that cannot be analysed.

    ``str(err)`` is the one line the command line prints: ``<file>: <what>``; with a line number
    for data files: ``<file>:<line>: <what>``.
    """

    def __init__(self, path: str | Path, message: str, *, line: int | None = None):
        self.path = Path(path)
        message = " ".join(str(message).split())  # one line, whatever it quotes
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + " …"
        self.message = message
        self.line = line
        name = display_path(path)
        where = f"{name}:{line}" if line is not None else name
        super().__init__(f"{where}: {message}")


class NotebookError(Exception):
    """A notebook that failed to run: ``str(err)`` is ``<notebook>: cell N failed: <error>``."""
