"""Shared fixtures: the seed speech, loaded and analysed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.corpus import CORPUS_DIR, load_speech
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
