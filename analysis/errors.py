"""The one exception a user's mistake raises: it names the file and says what is wrong."""

from __future__ import annotations

from pathlib import Path


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
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")


class NotebookError(Exception):
    """A notebook that failed to run: ``str(err)`` is ``<notebook>: cell N failed: <error>``."""
