"""Where things are, and the environment variables the project reads: here and nowhere else.

Data files are found through the package (``importlib.resources``), so a plain ``pip install .``
outside the repository finds them. The bundled corpus and the notebooks belong to the repository:
they are found beside the package in a checkout, else in the current directory.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PACKAGE_DIR = Path(str(files("analysis")))
DATA_DIR = PACKAGE_DIR / "data"
TEMPLATE_DIR = PACKAGE_DIR / "outputs" / "templates"


def _project_dir() -> Path:
    checkout = PACKAGE_DIR.parent
    return checkout if (checkout / "corpus").is_dir() else Path.cwd()


PROJECT_DIR = _project_dir()
CORPUS_DIR = PROJECT_DIR / "corpus"
NOTEBOOK_DIR = PROJECT_DIR / "notebooks"
FIGURES_DIR = PROJECT_DIR / "figures"

DEFAULT_CHUNK_CHARS = 500_000


def data_file(name: str) -> Path:
    """Return the path of a bundled data file (``analysis/data/NAME``)."""
    return DATA_DIR / name


def chunk_chars() -> int:
    """Characters per chunk of a long document (``ANALYSIS_CHUNK_CHARS``; the tests make it small)."""
    from analysis.errors import InputError

    value = os.environ.get("ANALYSIS_CHUNK_CHARS", "").strip()
    if not value:
        return DEFAULT_CHUNK_CHARS
    if not value.isdigit() or int(value) < 1:
        raise InputError("ANALYSIS_CHUNK_CHARS", f"must be a positive whole number of characters, not {value[:40]!r}")
    return int(value)


def cache_dir() -> Path:
    """Return the folder for derived files such as fonts (under ``ANALYSIS_CACHE_DIR``, else the user cache)."""
    base = os.environ.get("ANALYSIS_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "speech-analysis"


def cache_bytes() -> int:
    """The most the result cache may take on disk (``ANALYSIS_CACHE_BYTES``, default 4 GB); the
    entries used longest ago go first."""
    value = os.environ.get("ANALYSIS_CACHE_BYTES", "")
    try:
        limit = int(value) if value else 4 << 30
    except ValueError:
        limit = 0
    if not 0 < limit <= MAX_CACHE_BYTES:
        from analysis.errors import InputError

        raise InputError("ANALYSIS_CACHE_BYTES", f"must be a whole number of bytes from 1 to {MAX_CACHE_BYTES} "
                                                 f"(1 PB), not {value[:40]!r}")
    return limit


MAX_CACHE_BYTES = 1 << 50  # SQLite, where diskcache keeps the limit, takes no number over 2**63
