"""Writing files: a run replaces only what it wrote, and no reader sees half a file.

Every file goes through a temporary file renamed into place (``write_atomic``). An output folder is an
``OutputFolder``: it keeps a record of the files the tool wrote there and their hashes (the manifest,
``.analysis-written.json``), and a later run replaces or removes only those, and only while they are
as it wrote them. A file of the user's where the tool would write (not in the record, or changed
since), a symbolic link, or a folder is never replaced: the run stops with one line, ``InputError``.
An output folder may neither be nor lie inside a folder being read, the bundled corpus or the
package's data, nor hold one of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

MANIFEST = ".analysis-written.json"
TEMPORARY = ".analysis-tmp-"  # how the tool's temporary files and folders begin (and nobody else's)


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        import errno

        raise IsADirectoryError(errno.EISDIR, "is a folder, where a file should be written", str(path))
    payload = data.encode("utf-8", errors="backslashreplace") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f"{TEMPORARY}{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename is None:  # a full disk: name the file, not "standard output"
            raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None
        raise
    return path


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def check_output(target: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse (``InputError``) an output that is one of the files being read, or is inside or holds a
    folder that is only ever read: the bundled corpus, the package's data, a folder being read (a
    symbolic link or ``..`` do not get round it: paths are compared resolved)."""
    from analysis import settings
    from analysis.errors import InputError, display_path

    where = Path(target).resolve()
    read = [Path(item).resolve() for item in inputs if item and str(item) != "-" and Path(item).exists()]
    if where in read:
        raise InputError(target, "is one of the files being read: write the output elsewhere")
    folders = [(settings.CORPUS_DIR.resolve(), "the corpus folder"), (settings.DATA_DIR.resolve(), "the data folder"),
               *((p, "the corpus folder") for p in read if p.is_dir())]
    for folder, what in folders:
        if where == folder or folder in where.parents:
            raise InputError(target, f"is inside {what} {display_path(folder)}, which is only ever read: "
                                     "write the output elsewhere")
        if where in folder.parents:
            raise InputError(target, f"holds {what} {display_path(folder)}, which is only ever read: write the "
                                     "output elsewhere")


class OutputFolder:
    """A folder the tool writes into, with the record of what it wrote there (see the module docstring).

    ``write(name, data)`` writes one file (``name`` relative to the folder, ``/`` between parts);
    ``remove_unwritten(under)`` removes, of the files the record lists under a sub-folder, those this run
    did not write (and the user did not change); ``save()`` keeps the record. ``inputs``: what the run
    reads, which the folder may not be in or hold (``None``: the caller has checked the one file it writes
    here, ``check_output``)."""

    def __init__(self, root: str | Path, *, inputs: Iterable[str | Path] | None = ()):
        from analysis.errors import InputError

        self.root = Path(root)
        if inputs is not None:
            check_output(self.root, inputs)
        if self.root.is_symlink():
            raise InputError(self.root, "is a symbolic link: the tool never writes through one; give the folder itself")
        if self.root.exists() and not self.root.is_dir():
            raise InputError(self.root, "is a file, where a folder should be written")
        self.record: dict[str, str] = self._load()
        self.written: dict[str, str] = {}

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
            files = data.get("files", {}) if isinstance(data, dict) else {}
            return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
        except (OSError, ValueError):
            return {}

    def path(self, name: str) -> Path:
        """Where ``name`` goes, once it is clear the tool may write there (else ``InputError``)."""
        from analysis.errors import InputError

        parts = Path(name).parts
        if not parts or any(p in ("", ".", "..") for p in parts) or Path(name).is_absolute():
            raise ValueError(f"not a name inside the folder: {name!r}")
        target = self.root.joinpath(*parts)
        for folder in [self.root.joinpath(*parts[:k]) for k in range(1, len(parts))]:
            if folder.is_symlink():
                raise InputError(folder, "is a symbolic link: the tool never writes through one")
            if folder.exists() and not folder.is_dir():
                raise InputError(folder, "is a file, where a folder should be")
        if target.is_symlink():
            raise InputError(target, "is a symbolic link: not replaced")
        if target.is_dir():
            raise InputError(target, "is a folder, where a file should be written: not replaced")
        if target.exists() and not self.owns(name):
            raise InputError(target, "exists and is not a file this tool wrote here (or was changed since): "
                                     "not replaced; move it, or write elsewhere")
        return target

    def owns(self, name: str) -> bool:
        """Whether the file ``name`` is one this tool wrote here, as it wrote it."""
        if name in self.written:
            return True
        kept = self.record.get(name)
        return kept is not None and _digest(self.root / name) == kept

    def check(self, names: Iterable[str]) -> None:
        """Say before any writing (``InputError``) if one of ``names`` cannot be written."""
        for name in names:
            self.path(name)

    def write(self, name: str, data: bytes | str) -> Path:
        """Write the file ``name`` (replacing only a file this tool wrote) and record it."""
        target = self.path(name)
        payload = data.encode("utf-8", errors="backslashreplace") if isinstance(data, str) else data
        write_atomic(target, payload)
        self.written[name] = hashlib.sha256(payload).hexdigest()
        return target

    def write_set(self, files: dict[str, bytes | str]) -> list[Path]:
        """Write several files as one set: each is checked first, written into a temporary folder, and
        then all are moved into place together (a run killed while writing leaves the earlier set)."""
        targets = {name: self.path(name) for name in files}
        self.root.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=TEMPORARY, dir=self.root))
        try:
            staged = {}
            for n, (name, data) in enumerate(files.items()):
                payload = data.encode("utf-8", errors="backslashreplace") if isinstance(data, str) else data
                staged[name] = write_atomic(stage / f"{n}", payload), hashlib.sha256(payload).hexdigest()
            for name, (path, digest) in staged.items():
                targets[name].parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, targets[name])
                self.written[name] = digest
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        return list(targets.values())

    def adopt(self, name: str) -> None:
        """Record a file written in the folder by other means as this run's (a page a kernel wrote)."""
        digest = _digest(self.root / name)
        if digest is not None:
            self.written[name] = digest

    def remove_unwritten(self, under: str = "") -> list[Path]:
        """Remove the files the record lists (under ``under``) that this run did not write, where they
        are still as the tool wrote them; return them."""
        removed = []
        prefix = f"{under.rstrip('/')}/" if under else ""
        for name, digest in list(self.record.items()):
            if not name.startswith(prefix) or name in self.written:
                continue
            path = self.root / name
            if not path.is_symlink() and _digest(path) == digest:
                path.unlink()
                removed.append(path)
        return removed

    def remove_leftovers(self) -> None:
        """Remove what the tool's runs killed half-way left here (its temporary files, older than a
        minute, so that a run going on at the same time keeps its own); nothing else."""
        for folder in [self.root, *(p for p in self.root.rglob("*") if p.is_dir() and not p.is_symlink())]:
            for path in folder.glob(f"{TEMPORARY}*"):
                if time.time() - path.lstat().st_mtime > 60:
                    shutil.rmtree(path, ignore_errors=True) if path.is_dir() and not path.is_symlink() \
                        else path.unlink(missing_ok=True)

    def save(self) -> None:
        """Keep the record: the files this run wrote, and those of earlier runs that are still as written."""
        kept = {name: digest for name, digest in self.record.items()
                if name not in self.written and _digest(self.root / name) == digest}
        files = dict(sorted({**kept, **self.written}.items()))
        write_atomic(self.root / MANIFEST, json.dumps({"written_by": "analysis", "files": files}, indent=1,
                                                      ensure_ascii=False) + "\n")
        self.record, self.written = files, {}
