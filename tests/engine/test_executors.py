"""Executors: a process pool and a Dask cluster give the serial run's tables, in content and order."""

from __future__ import annotations

import io
import os
import sys

import pytest

from analysis.engine import run_corpus
from analysis.engine.executors import PARALLEL_FROM, choose_workers, map_ordered
from analysis.engine.pipeline import Options, iter_analysed, with_progress
from analysis.text.corpus import open_corpus
from tests.expected import SEED

TABLES = ["documents", "sections", "verbs", "verb_tokens", "modality", "slogans", "slogan_matches", "formulations",
          "compare", "word_counts", "tokens"]


def _square(n: int) -> int:
    return n * n


def test_map_ordered_keeps_the_order_of_the_items_in_a_pool():
    assert list(map_ordered(_square, range(50), workers=2)) == [n * n for n in range(50)]
    # items the cache already answered are done here, in their place
    assert list(map_ordered(_square, range(6), workers=2, inline=lambda n: n % 2 == 0)) == [0, 1, 4, 9, 16, 25]


def test_the_number_of_workers_follows_the_size_of_the_corpus(monkeypatch):
    monkeypatch.setattr("analysis.engine.executors.cores", lambda: 4)
    assert choose_workers(10_000) == 1  # one speech: a pool would only add its start-up
    assert choose_workers(PARALLEL_FROM["jieba"]) == 4
    assert choose_workers(PARALLEL_FROM["jieba"], chunks=2) == 2  # never more processes than chunks
    assert choose_workers(PARALLEL_FROM["jieba"], "rjieba") == 1  # rjieba is fast enough alone up to 8 M


@pytest.fixture(scope="module")
def small_corpus(govreports):
    """The speech and three short reports, as separate documents."""
    return [SEED, *(govreports / f"{year}.txt" for year in (1979, 1985, 2005))]


@pytest.fixture(scope="module")
def serial(small_corpus):
    return run_corpus(small_corpus, tables=TABLES, chunk_chars=6000, workers=1, cache=False)


def test_a_process_pool_gives_the_serial_tables(small_corpus, serial):
    pooled = run_corpus(small_corpus, tables=TABLES, chunk_chars=6000, workers=2, cache=False)
    for name in TABLES:
        assert pooled[name].equals(serial[name]), name
    # HAND: the speech's sections, then the reports' (in the order given), whoever analysed them
    assert list(pooled["documents"]["doc"]) == ["000_891b73dabb0c5904", "1979", "1985", "2005"]


@pytest.mark.slow
def test_a_dask_cluster_gives_the_serial_tables(small_corpus, serial):
    # the dask extra is in requirements.lock, so this never skips: it runs a local cluster on loopback
    on_dask = run_corpus(small_corpus, tables=TABLES, chunk_chars=6000, workers=2, cache=False, engine="dask")
    for name in TABLES:
        assert on_dask[name].equals(serial[name]), name


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_only_on_a_terminal_and_only_for_a_corpus(monkeypatch, small_corpus):
    documents = open_corpus(small_corpus)
    results = list(iter_analysed(documents, Options(tables=("sections",))))
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert list(with_progress(iter(results), documents)) == results
    assert "0/4 [" in terminal.getvalue()  # a bar of four documents
    terminal.truncate(0)
    list(with_progress(iter(results), documents[:1]))  # one short speech: no bar
    assert terminal.getvalue() == ""
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    list(with_progress(iter(results), documents))  # stderr is no terminal: no bar
    assert pipe.getvalue() == ""


@pytest.mark.slow
def test_dask_is_given_text_not_paths_so_standard_input_works(tmp_path):
    import subprocess

    env = {"ANALYSIS_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "analysis", "verbs", "-", "--no-cache", "--top", "3"]
    local = subprocess.run(command, input=SEED.read_bytes(), capture_output=True, env=env)
    on_dask = subprocess.run([*command, "--engine", "dask", "--workers", "2"], input=SEED.read_bytes(),
                             capture_output=True, env=env)
    assert on_dask.returncode == 0 and on_dask.stderr == b""  # no worker error, no start-up chatter
    # HAND (tests/expected.py): 加强 10, 落实 8, 做好 6
    assert on_dask.stdout == local.stdout and on_dask.stdout.decode().splitlines()[1].startswith("加强,10,")


def test_a_scheduler_without_the_dask_engine_is_a_usage_mistake(run_cli):
    code, _, err = run_cli("verbs", SEED, "--scheduler", "tcp://127.0.0.1:8786")
    assert code == 2 and "give --engine dask too" in err


def _die(item):
    if item == 2:
        os._exit(9)  # as the OOM killer would end a worker
    return item


def test_a_killed_worker_is_one_line_not_a_broken_pool():
    from analysis.errors import InputError
    from analysis.engine.executors import map_ordered

    with pytest.raises(InputError, match="ended without finishing its work"):
        list(map_ordered(_die, range(6), workers=2))


@pytest.mark.slow
def test_workers_end_with_the_main_process_however_it_ends(govreports, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    import psutil

    run = subprocess.Popen([sys.executable, "-m", "analysis", "verbs", str(govreports), "--workers", "2", "--no-cache",
                            "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(psutil.Process(run.pid).children()) < 2 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = psutil.Process(run.pid).children()
    assert workers, "the pool never started"
    run.send_signal(signal.SIGKILL)
    run.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, f"{len(alive)} workers outlived the main process"


@pytest.mark.slow
def test_a_scheduler_that_does_not_speak_dask_is_one_line(run_cli, monkeypatch):
    import http.server
    import threading

    from analysis.engine import executors

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # a web server that answers Dask's greeting with a 400, quietly
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(executors, "SCHEDULER_SECONDS", 2)
    try:
        code, _, err = run_cli("verbs", SEED, "--no-cache", "--engine", "dask", "--scheduler",
                               f"tcp://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
    assert code == 1 and err.startswith("error: --scheduler: cannot reach the Dask scheduler") and err.count("\n") == 1
