"""Corpus stage: the documents named on the command line or in a notebook, or the bundled corpus."""

from __future__ import annotations

from pathlib import Path

from analysis.errors import InputError
from analysis.settings import CORPUS_DIR
from analysis.text.documents import Chunk, Document, load_speech, open_document, read_metadata
from analysis.text.textio import STDIN, printable


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    """Return the speech files of a corpus directory, sorted by name."""
    if not directory.is_dir():
        raise InputError(directory, "no such directory")
    files = sorted(p for p in directory.iterdir() if p.suffix == ".txt" and p.is_file())
    if not files:
        raise InputError(directory, "directory holds no .txt speech files")
    return files


def resolve_paths(paths: list[str | Path] | str | Path | None) -> list[Path]:
    """Expand FILE arguments: ``None`` means the bundled corpus, a directory its .txt files.

    Every speech needs its own document id (its metadata ``id``, or its file name): counts, category
    totals and figure names are kept per document, so two files with one id are refused.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if paths is not None and not list(paths):
        raise InputError("files", "none named (None means the bundled corpus)")
    resolved: list[Path] = []
    for given in [CORPUS_DIR] if paths is None else paths:
        if str(given) == "":  # Path("") would be the current directory
            raise InputError("''", "an empty path names no file")
        p = Path(given)
        if str(given) == STDIN:
            resolved.append(p)
        elif p.is_dir():
            resolved.extend(corpus_files(p))
        elif not p.exists():
            raise InputError(p, "symbolic link loop" if _loops(p) else "no such file")
        else:
            resolved.append(p)
    seen: dict[str, Path] = {}
    for p in resolved:
        doc_id = "stdin" if str(p) == STDIN else str(read_metadata(p).get("id", printable(p.stem)))
        if doc_id in seen:
            raise InputError(p, f"same document id {doc_id!r} as {seen[doc_id]} (rename one, or give it an "
                                "`id` in a NAME.yaml beside it)")
        seen[doc_id] = p
    return resolved


def _loops(path: Path) -> bool:
    """Whether ``path`` is a symbolic link that leads back to itself."""
    try:
        path.resolve(strict=True)
    except RuntimeError:
        return True
    except OSError as exc:
        import errno

        return exc.errno == errno.ELOOP
    return False


def open_corpus(paths: list[str | Path] | str | Path | None = None) -> list[Document]:
    """Return the documents named (or the bundled corpus), checked and hashed, in order."""
    return [open_document(p) for p in resolve_paths(paths)]


def load_corpus(paths: list[str | Path] | str | Path | None = None, *, simplified: bool = False) -> list[Chunk]:
    """Read every speech named (or the bundled corpus) whole: one chunk each."""
    return [load_speech(p, simplified=simplified) for p in resolve_paths(paths)]
