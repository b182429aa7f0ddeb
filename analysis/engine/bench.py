"""``make bench``: throughput of the whole count pipeline beside raw ``jieba.posseg`` on the same text.

Prints characters per second of each and their ratio, measured in the same run (the machines are
shared and noisy: compare the ratio, not the absolute figures). Not a test.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from analysis.engine.pipeline import run_corpus
from analysis.settings import CORPUS_DIR
from analysis.text.corpus import corpus_files
from analysis.text.documents import load_speech


def _best_of(repeats: int, fn) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


# What the count commands compute: slogans and their categories, action verbs, modality markers.
COUNT_TABLES = ("slogans", "slogan_categories", "verbs", "modality")


def run_pipeline(path: Path) -> None:
    run_corpus([path], tables=COUNT_TABLES)


def measure_memory(megabytes: int, command: str = "verbs") -> None:
    """Write the seed speech repeated to ``megabytes`` MB and report the peak memory of one CLI run on it."""
    import resource
    import subprocess
    import sys

    seed = corpus_files(CORPUS_DIR)[0]
    body = seed.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.txt"
        with open(path, "wb") as f:
            for _ in range(megabytes * 2**20 // len(body) + 1):
                f.write(body)
        size = path.stat().st_size
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "analysis", command, "--format", "csv", str(path)],
                       check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    print(f"python -m analysis {command} on {size / 2**20:,.0f} MB: peak RSS {peak / 2**20:,.0f} MB "
          f"({peak / size:.2f} x the file), {seconds:,.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.engine.bench", description=__doc__)
    parser.add_argument("--chars", type=int, default=1_000_000, help="size of the benchmark text (default 1 M)")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each; the best is kept (default 2)")
    parser.add_argument("--memory", type=int, metavar="MB",
                        help="instead: peak memory of `python -m analysis verbs` on a file of MB megabytes")
    args = parser.parse_args(argv)
    if args.memory:
        measure_memory(args.memory)
        return 0

    import jieba
    import jieba.posseg

    from analysis.text.tokenizers import get_tokenizer

    jieba.setLogLevel(logging.WARNING)
    seed = corpus_files(CORPUS_DIR)[0]
    body = load_speech(seed).text + "\n"
    text = body * (args.chars // len(body) + 1)
    raw = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    raw.lcut("预热")  # load both dictionaries before timing
    get_tokenizer().tag("预热")
    run_pipeline(seed)  # and the pipeline's imports and lexicons
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.txt"
        path.write_text(text, encoding="utf-8")
        t_raw = _best_of(args.repeats, lambda: raw.lcut(text))
        t_pipe = _best_of(args.repeats, lambda: run_pipeline(path))
    n = len(text)
    print(f"text: {n:,} characters ({seed.name} repeated), best of {args.repeats} runs each")
    print(f"raw jieba.posseg     {n / t_raw:>10,.0f} chars/s  ({t_raw:.1f} s)")
    print(f"analysis pipeline    {n / t_pipe:>10,.0f} chars/s  ({t_pipe:.1f} s)")
    print(f"pipeline / raw time  {t_pipe / t_raw:.3f}  (overhead {100 * (t_pipe / t_raw - 1):+.1f} %; goal < +10 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
