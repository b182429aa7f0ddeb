"""The one exception a user's mistake raises: it names the file and says what is wrong."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input (a speech file or a data file) that cannot be analysed.

    ``str(err)`` is the one line the command line prints: ``<file>: <what>``; with a line number
    for data files: ``<file>:<line>: <what>``.
    """

    def __init__(self, path: str | Path, message: str, *, line: int | None = None):
        self.path = Path(path)
        self.message = message
        self.line = line
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")


class NotebookError(Exception):
    """A notebook that failed to run: ``str(err)`` is ``<notebook>: cell N failed: <error>``."""
