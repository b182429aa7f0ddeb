"""``make bench``: throughput of the pipeline beside raw ``jieba.posseg`` on the same real text.

Runs on the 52 Government Work Reports of ``../shared/corpora/govreports`` (real text: repeated text
flatters jieba three times), or on the folder given. Prints characters per second of raw jieba and
of the pipeline, measured in the same run, their ratio, and where the pipeline's time goes
(tokenizing against everything else). The machines are shared and noisy: compare the ratios, not
the absolute figures. Not a test.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from analysis.engine.pipeline import run_corpus
from analysis.settings import CORPUS_DIR, PROJECT_DIR
from analysis.text.corpus import corpus_files, load_corpus

REPORTS = PROJECT_DIR.parent / "shared" / "corpora" / "govreports"
# What a corpus comparison computes: every count of every document, per document.
CORPUS_TABLES = ("documents", "slogans", "slogan_categories", "verbs", "modality", "compare", "word_counts")


def raw_posseg_seconds(texts: list[str]) -> float:
    """Tag every text with a plain ``jieba.posseg`` tokenizer (its own dictionary); return the seconds."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    raw = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    raw.lcut("预热")  # load the dictionary before timing
    start = time.perf_counter()
    for text in texts:
        raw.lcut(text)
    return time.perf_counter() - start


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
    parser.add_argument("corpus", nargs="?", type=Path, default=REPORTS,
                        help="a folder of real text (default: ../shared/corpora/govreports)")
    parser.add_argument("--memory", type=int, metavar="MB",
                        help="instead: peak memory of `python -m analysis verbs` on a file of MB megabytes")
    args = parser.parse_args(argv)
    if args.memory:
        measure_memory(args.memory)
        return 0
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such folder; give a folder of real speeches")
        return 1

    from analysis.text.tokenizers import get_tokenizer

    get_tokenizer().tag("预热")  # the pipeline's dictionary, loaded before timing
    texts = [chunk.text for chunk in load_corpus([args.corpus], simplified=True)]
    chars = sum(map(len, texts))
    t_raw = raw_posseg_seconds(texts)
    result = run_corpus([args.corpus], simplified=True, tables=CORPUS_TABLES)
    seconds = result.seconds
    total = seconds["total"]
    after = seconds["measures"] + seconds["combine"]
    reading = total - seconds["tokenize"] - after
    print(f"text: {len(texts)} documents of {args.corpus}, {chars:,} characters (cleaned)")
    print(f"raw jieba.posseg     {chars / t_raw:>10,.0f} chars/s  ({t_raw:.1f} s)")
    print(f"analysis pipeline    {chars / total:>10,.0f} chars/s  ({total:.1f} s: read, clean, tokenize, count, "
          f"compare)")
    print(f"pipeline / raw time  {total / t_raw:.3f}")
    print(f"where the time goes  reading and cleaning {reading:.1f} s ({reading / total:.0%}), tokenizing "
          f"{seconds['tokenize']:.1f} s ({seconds['tokenize'] / total:.0%}), everything after tokenization "
          f"{after:.1f} s ({after / total:.0%}; goal: at most 10 %)")
    formulations, parallels = discovery_seconds(args.corpus)
    print(f"discovery            formulations, quotations and titles {chars / formulations:,.0f} chars/s "
          f"({formulations:.1f} s); parallel series {chars / parallels:,.0f} chars/s ({parallels:.1f} s, the "
          f"chunks' tokens given)")
    return 0


def discovery_seconds(corpus: Path) -> tuple[float, float]:
    """Return the seconds the formulation finder and the series finder take on a corpus (tokens given)."""
    from analysis.measures.formulations import find_formulations
    from analysis.measures.parallels import find_parallels
    from analysis.text.corpus import open_corpus
    from analysis.text.documents import iter_chunks
    from analysis.text.tokenizers import get_tokenizer
    from analysis.text.tokens import tokenize_chunk

    tokenizer = get_tokenizer()
    chunks = [c for d in open_corpus([corpus]) for c in iter_chunks(d, simplified=True)]
    tokens = [tokenize_chunk(c, tokenizer) for c in chunks]
    start = time.perf_counter()
    for chunk in chunks:
        find_formulations(chunk, tokenizer=tokenizer)
    middle = time.perf_counter()
    for chunk, words in zip(chunks, tokens):
        find_parallels(chunk, tokenizer, tokens=words)
    return middle - start, time.perf_counter() - middle


if __name__ == "__main__":
    raise SystemExit(main())
