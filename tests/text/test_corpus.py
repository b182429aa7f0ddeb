"""The corpus: the bundled one by default, folders, and one id per document."""

from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.settings import CORPUS_DIR
from analysis.text.corpus import open_corpus, resolve_paths
from tests.expected import SEED


def test_no_files_means_the_bundled_corpus():
    assert resolve_paths(None) == [SEED] == resolve_paths([CORPUS_DIR]) == resolve_paths(str(SEED))
    assert [d.id for d in open_corpus()] == ["000_891b73dabb0c5904"]


def test_the_same_document_twice_is_refused():
    with pytest.raises(InputError, match="same document id '000_891b73dabb0c5904'"):
        resolve_paths([SEED, SEED])


def test_a_directory_without_text_files(tmp_path):
    (tmp_path / "notes.md").write_text("# not a speech")
    with pytest.raises(InputError, match="directory holds no .txt speech files"):
        resolve_paths([tmp_path])
