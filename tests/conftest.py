"""Shared fixtures: the seed speech, loaded and analysed once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.corpus import CORPUS_DIR, load_speech
from analysis.render import render_all
from analysis.slogans import find_slogans
from analysis.tokenize import tokenize_speech

SEED = CORPUS_DIR / "000_891b73dabb0c5904.txt"


@pytest.fixture(scope="session")
def speech():
    return load_speech(SEED)


@pytest.fixture(scope="session")
def tokens(speech):
    return tokenize_speech(speech)


@pytest.fixture(scope="session")
def matches(speech):
    return find_slogans(speech)


@pytest.fixture
def write_file(tmp_path):
    """Write bytes or text to a file under tmp_path and return its path."""

    def write(name: str, content: bytes | str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Render every notebook once, as `make run` does; figures of 05_export go to a temporary folder."""
    out = tmp_path_factory.mktemp("html")
    figures = tmp_path_factory.mktemp("figures")
    previous = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = "error:Glyph:UserWarning"  # inherited by the kernels
    try:
        render_all(out, parameters={"out": str(figures)}, figures=figures)
    finally:
        if previous is None:
            del os.environ["PYTHONWARNINGS"]
        else:
            os.environ["PYTHONWARNINGS"] = previous
    return out, figures
