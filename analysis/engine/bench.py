"""``make bench``: how fast the pipeline is, beside the raw tokenizers, on real text. Not a test.

Runs on the 52 Government Work Reports of ``corpus/govreports`` (or the folder given) and
on a corpus of about 20 M characters made from them: copies of every report as separate documents,
each copy marked on its first line so that no two documents are the same (the result cache would
otherwise answer the copies). Repeated text flatters a tokenizer, so the throughputs that matter are
the ones on the 52 reports; the large corpus shows the scaling, the cache and the progress bar.

Prints, in one run: raw ``jieba.posseg`` and raw ``rjieba`` throughput; the pipeline with each backend
on one worker and on every core, and the speedup; the Dask engine; a cached rerun; peak memory; a
100 MB file and a 20 MB file with no line breaks; ``python -m analysis verbs`` on the reports from
start to end. The machines are shared and noisy: compare the ratios, not the absolute figures.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.engine.cache import ResultCache
from analysis.engine.executors import cores
from analysis.engine.pipeline import run_corpus
from analysis.settings import PROJECT_DIR
from analysis.text.corpus import corpus_files, load_corpus

REPORTS = PROJECT_DIR / "corpus" / "govreports"
# What a corpus comparison computes: every count of every document, per document.
CORPUS_TABLES = ("documents", "slogans", "slogan_categories", "verbs", "modality", "compare", "word_counts")


def _tagging_seconds(tag: Callable[[str], object], texts: list[str]) -> float:
    """Tag every text with ``tag``, once warmed up (its dictionary loaded); return the seconds."""
    tag("预热")
    start = time.perf_counter()
    for text in texts:
        tag(text)
    return time.perf_counter() - start


def raw_posseg_seconds(texts: list[str]) -> float:
    """The seconds a plain ``jieba.posseg`` tokenizer (its own dictionary) takes to tag ``texts``."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return _tagging_seconds(jieba.posseg.POSTokenizer(jieba.Tokenizer()).lcut, texts)


def raw_rjieba_seconds(texts: list[str]) -> float:
    """The seconds a plain ``rjieba`` tokenizer (its own dictionary, HMM on) takes to tag ``texts``."""
    import rjieba

    raw = rjieba.Jieba()
    return _tagging_seconds(lambda text: raw.tag(text, True), texts)


def _memory(process) -> int:
    """A process's proportional set size (its pages shared with forked workers counted once among them),
    else its resident size."""
    try:
        return process.memory_full_info().pss
    except AttributeError:  # no PSS outside Linux
        return process.memory_info().rss


class PeakMemory:
    """The largest memory of this process and its children together (PSS), sampled every 0.1 s."""

    def __init__(self, pid: int | None = None):
        self.pid = pid or os.getpid()
        self.peak = 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                total = sum(_memory(p) for p in [root, *root.children(recursive=True)])
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            self._stop.wait(0.1)

    def __enter__(self) -> PeakMemory:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def timed() -> Iterator[dict]:
    """Yield a dict that holds the seconds and the peak memory (bytes) of the block when it ends."""
    figures: dict = {}
    with PeakMemory() as memory:
        start = time.perf_counter()
        yield figures
        figures["seconds"] = time.perf_counter() - start
    figures["peak"] = memory.peak


def make_copies(corpus: Path, target: Path, characters: int) -> int:
    """Write copies of the corpus's documents into ``target`` until they hold ``characters``; return
    the characters written. Each copy's first line names the copy, so no two documents are alike."""
    sources = [(path, path.read_text(encoding="utf-8", errors="replace")) for path in corpus_files(corpus)]
    written, copy = 0, 0
    while written < characters:
        copy += 1
        for path, text in sources:
            (target / f"{path.stem}-copy{copy:02d}.txt").write_text(f"副本{copy}\n{text}", encoding="utf-8")
            written += len(text)
    return written


def make_big_file(corpus: Path, path: Path, megabytes: int, *, one_line: bool) -> int:
    """Write the corpus's text repeated into one file of about ``megabytes`` MB (with its line breaks,
    or as one line); return its size in bytes."""
    body = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in corpus_files(corpus))
    if one_line:
        body = "".join(body.split())
    data = body.encode("utf-8")
    with open(path, "wb") as f:
        for _ in range(megabytes * 2**20 // len(data) + 1):
            f.write(data)
    return path.stat().st_size


def cli_run(args: list[str], env: dict | None = None) -> tuple[float, int]:
    """Run ``python -m analysis ARGS`` (output discarded); return its seconds and the peak memory of its
    process tree."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "analysis", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    with PeakMemory(process.pid) as memory:
        _, err = process.communicate()
    if process.returncode:
        raise SystemExit(f"python -m analysis {' '.join(args)} failed: {err.decode(errors='replace')}")
    return time.perf_counter() - start, memory.peak


def _rate(characters: int, seconds: float) -> str:
    return f"{characters / seconds / 1e3:>8,.0f}k chars/s"


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def pipeline_rows(label: str, files: list[Path], characters: int, tokenizer: str,
                  **kwargs) -> dict[int, tuple[float, float]]:
    """Time the pipeline on one worker and on every core, after start-up (a first run on the bundled
    speech loads the tokenizer's dictionary, the lexicons and the glossary); print a line each; return,
    by workers, the run's seconds from start to end and the seconds of the work on its chunks (the
    tokenizer, the token stage and the measures, which is what more cores share)."""
    from analysis.settings import CORPUS_DIR

    run_corpus([CORPUS_DIR], simplified=True, tables=CORPUS_TABLES, tokenizer=tokenizer, workers=1, cache=False)
    seconds = {}
    for workers in sorted({1, cores()}):
        with timed() as t:
            result = run_corpus(files, simplified=True, tables=CORPUS_TABLES, tokenizer=tokenizer, workers=workers,
                                cache=False, **kwargs)
        work = result.seconds["tokenize"] + result.seconds["measures"]
        seconds[workers] = (t["seconds"], work)
        print(f"{label:<30} {workers} worker{'s' if workers > 1 else ' '} {_rate(characters, t['seconds'])} "
              f"({t['seconds']:6.1f} s; per core after start-up {_rate(characters, work).strip()}; "
              f"peak {_mb(t['peak'])})")
    if len(seconds) > 1:
        print(f"{'':<30} speedup on {cores()} cores: {seconds[1][0] / seconds[cores()][0]:.2f}x")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.engine.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=REPORTS,
                        help="a folder of real text (default: corpus/govreports)")
    parser.add_argument("--large", type=float, default=20, metavar="M",
                        help="millions of characters in the corpus of copies (default 20; 0 skips it)")
    parser.add_argument("--file-mb", type=int, default=100, metavar="MB",
                        help="size of the one large file (default 100; 0 skips the large files)")
    parser.add_argument("--line-mb", type=int, default=20, metavar="MB",
                        help="size of the file with no line breaks (default 20)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"error: {args.corpus}: no such folder; give a folder of real speeches", file=sys.stderr)
        return 1
    logging.getLogger("distributed").setLevel(logging.ERROR)
    files = [args.corpus]
    texts = [chunk.text for chunk in load_corpus(files, simplified=True)]
    chars = sum(map(len, texts))
    print(f"text: {len(texts)} documents of {args.corpus}, {chars:,} characters (cleaned); {cores()} cores\n")

    raw_jieba, raw_rjieba = raw_posseg_seconds(texts), raw_rjieba_seconds(texts)
    print(f"{'raw jieba.posseg':<30}           {_rate(chars, raw_jieba)} ({raw_jieba:6.1f} s)")
    print(f"{'raw rjieba':<30}           {_rate(chars, raw_rjieba)} ({raw_rjieba:6.1f} s; "
          f"{raw_jieba / raw_rjieba:.0f}x jieba)\n")

    for label, tokenizer, raw, goal in (("jieba", "jieba", raw_jieba, 1.3), ("rjieba", "rjieba", raw_rjieba, 6)):
        (whole, work), *_ = pipeline_rows(f"pipeline, {label}", files, chars, tokenizer).values()
        print(f"{'':<30} 1 worker, against raw {label}: the work on the chunks {work / raw:.2f}x (goal: within "
              f"{goal}x), the whole run with reading and combining {whole / raw:.2f}x")
    print(f"\n{'where the time goes (rjieba)':<30} " + "; ".join(
        f"{stage} {seconds:.2f} s" for stage, seconds in stage_seconds(args.corpus, "rjieba").items()) + "\n")

    formulations, parallels = discovery_seconds(args.corpus)
    print(f"{'discovery':<30} formulations, quotations and titles {_rate(chars, formulations).strip()} "
          f"({formulations:.1f} s); parallel series {_rate(chars, parallels).strip()} ({parallels:.1f} s; "
          "tokens given)\n")

    with tempfile.TemporaryDirectory() as tmp:
        verbs = ["verbs", str(args.corpus), "--simplified", "--no-cache", "-q"]
        cli_run([*verbs, "--tokenizer", "rjieba"])  # once per machine: CC-CEDICT is parsed into the cache folder
        seconds, peak = cli_run([*verbs, "--tokenizer", "rjieba"])
        print(f"{'verbs on the reports (CLI)':<30} rjieba, end to end {seconds:.1f} s (start-up included, no result "
              f"cache; peak {_mb(peak)}); goal under 3 s")
        seconds, _ = cli_run(verbs)
        print(f"{'':<30} jieba, end to end {seconds:.1f} s\n")

        if args.large:
            large = Path(tmp) / "large"
            large.mkdir()
            written = make_copies(args.corpus, large, int(args.large * 1e6))
            print(f"large corpus: {len(list(large.iterdir()))} documents, {written:,} characters (copies)")
            pipeline_rows("pipeline, rjieba", [large], written, "rjieba")
            with timed() as t:
                run_corpus([large], simplified=True, tables=CORPUS_TABLES, tokenizer="rjieba", workers=cores(),
                           cache=False, engine="dask")
            print(f"{'Dask, local cluster':<30} {cores()} workers {_rate(written, t['seconds'])} "
                  f"({t['seconds']:6.1f} s; peak {_mb(t['peak'])})")
            cache = ResultCache(Path(tmp) / "results")
            with timed() as first:
                run_corpus([large], simplified=True, tables=CORPUS_TABLES, tokenizer="rjieba", cache=cache)
            with timed() as again:
                run_corpus([large], simplified=True, tables=CORPUS_TABLES, tokenizer="rjieba", cache=cache)
            print(f"{'cache':<30} first run {first['seconds']:.1f} s, rerun {again['seconds']:.1f} s: "
                  f"{first['seconds'] / again['seconds']:.0f}x faster (goal 20x); {_mb(cache.volume())} kept\n")
            cache.close()

        for megabytes, one_line in ((args.file_mb, False), (args.line_mb, True)):
            if not megabytes:
                continue
            path = Path(tmp) / ("one-line.txt" if one_line else "large.txt")
            size = make_big_file(args.corpus, path, megabytes, one_line=one_line)
            seconds, peak = cli_run(["verbs", str(path), "--simplified", "--tokenizer", "rjieba", "--no-cache", "-q"])
            kind = "one line, no line break" if one_line else "with its line breaks"
            print(f"{'file of ' + _mb(size) + ',':<30} {kind}: verbs (rjieba, {cores()} workers) {seconds:.0f} s, "
                  f"peak memory {_mb(peak)} (goal under 1 GB)")
            path.unlink()
    return 0


def stage_seconds(corpus: Path, tokenizer: str) -> dict[str, float]:
    """Where the time of a run on one worker goes, after start-up: reading (decoding, cleaning, parsing),
    the tokenizer, the token stage (codes, formulations merged, compounds split, places), each
    measure's work on the chunks, and combining the tables (the profile of ``make bench``)."""
    from analysis.engine.pipeline import Options, analyse_chunk, combine
    from analysis.measures import registry
    from analysis.measures.registry import Work
    from analysis.text.corpus import open_corpus
    from analysis.text.documents import iter_chunks

    options = Options.of(tables=CORPUS_TABLES, tokenizer=tokenizer, simplified=True)
    documents = open_corpus([corpus])
    seconds: dict[str, float] = {}
    inner: list[float] = []  # the time of the timed calls inside the one running (a measure tokenizes)

    def timer(name: str, fn: Callable) -> Callable:
        def timed_fn(*args, **kwargs):
            start = time.perf_counter()
            inner.append(0.0)
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                seconds[name] = seconds.get(name, 0.0) + elapsed - inner.pop()
                if inner:
                    inner[-1] += elapsed
        return timed_fn

    results = [analyse_chunk(c, options) for c in iter_chunks(documents[0], simplified=True)]  # start-up
    start = time.perf_counter()
    chunks = [c for d in documents for c in iter_chunks(d, simplified=True)]
    seconds["reading"] = time.perf_counter() - start
    original_tokens, measures = Work.tokens, registry.load_measures()
    originals = [m.analyse for m in measures]
    try:
        Work.tokens = timer("token stage", original_tokens)
        for m in measures:
            object.__setattr__(m, "analyse", timer(f"measure: {m.name}", m.analyse))
        results = [analyse_chunk(c, options) for c in chunks]
    finally:
        Work.tokens = original_tokens
        for m, analyse in zip(measures, originals):
            object.__setattr__(m, "analyse", analyse)
    tagging = sum(r.seconds["tokenize"] for r in results)
    seconds["tokenizer"] = tagging
    seconds["token stage"] -= tagging  # the tokenizer runs inside the token stage
    start = time.perf_counter()
    combine(results, options, [])
    seconds["combining"] = time.perf_counter() - start
    return seconds


def discovery_seconds(corpus: Path) -> tuple[float, float]:
    """Return the seconds the formulation finder and the series finder take on a corpus (tokens given)."""
    from analysis.measures.formulations import find_formulations
    from analysis.measures.parallels import find_parallels
    from analysis.text.corpus import open_corpus
    from analysis.text.documents import iter_chunks
    from analysis.text.tokenizers import get_tokenizer
    from analysis.text.tokens import token_table

    tokenizer = get_tokenizer("rjieba")
    chunks = [c for d in open_corpus([corpus]) for c in iter_chunks(d, simplified=True)]
    tokens = [token_table(c, tokenizer) for c in chunks]
    start = time.perf_counter()
    for chunk in chunks:
        find_formulations(chunk, tokenizer=tokenizer)
    middle = time.perf_counter()
    for chunk, words in zip(chunks, tokens):
        find_parallels(chunk, tokenizer, tokens=words)
    return middle - start, time.perf_counter() - middle


if __name__ == "__main__":
    raise SystemExit(main())
