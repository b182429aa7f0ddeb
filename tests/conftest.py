"""Shared fixtures: the seed speech, read, tokenized and run through the pipeline once per session."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from analysis.engine import run_corpus
from analysis.measures.slogans import find_slogans
from analysis.outputs.notebooks import render_all
from analysis.text.documents import load_speech
from analysis.text.tokens import tokenize_chunk
from tests.expected import SEED

def pytest_configure(config):
    """Give the session a cache folder of its own, so no result kept by an earlier run (or by the
    user's) is read: the parsed dictionary, slow to make and checked by hash, is made once in the usual
    cache and linked in (the fonts too, when a test that draws is selected: see below)."""
    import tempfile

    from analysis import settings
    from analysis.text.glosses import cedict_gloss

    config.addinivalue_line("markers", "draws: the test draws charts (the derived fonts are made first)")
    config.addinivalue_line("markers", "slow: renders notebooks, drives a browser, builds the docs or installs "
                                       "the package, or runs the command line in processes of its own (make test-fast leaves it out)")
    # pytest-xdist's workers inherit the controller's environment: they take the usual cache it found
    config.usual_cache = Path(os.environ.setdefault("ANALYSIS_TESTS_USUAL_CACHE", str(settings.cache_dir())))
    os.environ["ANALYSIS_CACHE_DIR"] = str(config.usual_cache.parent)
    cedict_gloss("加强")
    if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("ANALYSIS_TESTS_SESSION_CACHE"):
        # a worker shares the session cache of its controller (diskcache is safe for several processes)
        os.environ["ANALYSIS_CACHE_DIR"] = os.environ["ANALYSIS_TESTS_SESSION_CACHE"]
        return
    os.environ["ANALYSIS_CACHE_DIR"] = os.environ["ANALYSIS_TESTS_SESSION_CACHE"] = \
        tempfile.mkdtemp(prefix="analysis-tests-")
    session = settings.cache_dir()
    session.mkdir(parents=True)
    _link_made_files(config.usual_cache, session)


def _link_made_files(usual: Path, session: Path) -> None:
    for made in usual.iterdir():
        if made.is_file() and not (session / made.name).exists():
            try:
                (session / made.name).symlink_to(made)
            except FileExistsError:  # another worker linked it
                pass


def pytest_collection_finish(session):
    """Derive the fonts (about 20 s on a new machine, then kept) only when a selected test draws, in
    the usual cache, and link them into the session's."""
    if not any(item.get_closest_marker("draws") for item in session.items):
        return
    from analysis import settings
    from analysis.outputs.fonts import sc_font_path, sc_truetype_path

    usual = session.config.usual_cache
    here = os.environ["ANALYSIS_CACHE_DIR"]
    os.environ["ANALYSIS_CACHE_DIR"] = str(usual.parent)
    try:
        sc_font_path.cache_clear(), sc_truetype_path.cache_clear()
        sc_font_path(), sc_truetype_path()
    finally:
        os.environ["ANALYSIS_CACHE_DIR"] = here
        sc_font_path.cache_clear(), sc_truetype_path.cache_clear()
    _link_made_files(usual, settings.cache_dir())


def pytest_unconfigure(config):
    import shutil

    folder = os.environ.get("ANALYSIS_CACHE_DIR", "")
    if "analysis-tests-" in folder and not os.environ.get("PYTEST_XDIST_WORKER"):
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def made_once(name: str):
    """A folder of the session's that one process makes, once: yields the folder and whether it was
    made already (by another pytest-xdist worker, which the caller then waits for)."""
    from analysis import settings

    folder = settings.cache_dir() / "made-once" / name
    with one_at_a_time(f"made-once-{name}"):
        if (folder / ".made").exists():
            yield folder, True
            return
        folder.mkdir(parents=True, exist_ok=True)
        yield folder, False
        (folder / ".made").touch()


@contextmanager
def one_at_a_time(name: str):
    """Let one process of the session (one pytest-xdist worker) make an expensive fixture while the
    others wait: they then find its results in the session's shared cache."""
    import fcntl

    from analysis import settings

    with open(settings.cache_dir() / f".{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


GOVREPORTS = Path(__file__).resolve().parents[1] / "corpus" / "govreports"  # shipped with the project
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"  # development data beside it (CI has it)
# terms whose first and last years the reports are tested on (issue facts, checked with grep on the files)
FOLLOWED = ["四个意识", "两个维护", "三个代表"]


@pytest.fixture(scope="session")
def govreports():
    """The 52 Government Work Reports the project ships (corpus/govreports): never skipped."""
    return GOVREPORTS


@pytest.fixture(scope="session")
def news_speeches():
    """The 39 news-site speeches of ../shared (development data, never copied here); skipped only outside CI."""
    folder = SHARED / "speeches-news"
    if not folder.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError(f"CI needs the shared corpus at {folder}")
        pytest.skip("../shared/corpora/speeches-news is not here")
    return folder


@pytest.fixture(scope="session")
def reports(govreports):
    """The reports tokenized once per session (traditional 1954 converted): documents, sections, the
    compare table with the followed terms, and content-word counts per document."""
    with one_at_a_time("reports"):
        return run_corpus([govreports], simplified=True, terms=FOLLOWED,
                          tables=["documents", "sections", "compare", "word_counts", "verbs", "modality",
                                  "formulations"])


@pytest.fixture(scope="session")
def speech():
    """The seed speech read whole: its one chunk."""
    return load_speech(SEED)


@pytest.fixture(scope="session")
def tokens(speech):
    return tokenize_chunk(speech)


@pytest.fixture(scope="session")
def matches(speech):
    return find_slogans(speech)


@pytest.fixture(scope="session")
def result():
    """Every table of the seed speech, read whole."""
    return run_corpus([SEED], chunk_chars=None)


@pytest.fixture(scope="session")
def chunked(result):
    """Every table of the seed speech, read in chunks of 300 characters."""
    return run_corpus([SEED], chunk_chars=300)


@pytest.fixture(scope="session")
def report():
    """One `report` run of the command line on the bundled corpus (PNG only), shared by the tests that read it."""
    from analysis.cli import main

    with made_once("report") as (out, made):
        if not made:
            assert main(["report", "--out", str(out / "report"), "--formats", "png"]) == 0
    return out / "report"


@pytest.fixture
def write_file(tmp_path):
    """Write bytes or text to a file under tmp_path and return its path."""

    def write(name: str, content: bytes | str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


@pytest.fixture
def run_cli(capsys):
    """Run the command line in this process: return (exit status, standard output, standard error)."""
    from analysis.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse: usage errors and --help
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="session")
def rendered():
    """Render every notebook once, as `make run` does; figures of 05_export go to a temporary folder."""
    with made_once("rendered") as (base, made):
        out, figures = base / "html", base / "figures"
        if not made:
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
