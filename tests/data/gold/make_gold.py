"""How the gold files of this folder were made from the annotators' own files (kept for the record).

The annotators (helper sessions given only tests/data/ANNOTATION_GUIDE.md and the passages, never the
project's rules, code or output) wrote each row with the 12 characters before and after its word.
The news speeches are not the project's to copy, so a gold file here keeps no text: each row's
contexts are replaced by the offset of its word in the source file's reading text
(``analysis.engine.passages.reading_text``) and a check sum of its contexts, which the validation
uses to find each row again and to see that the text is the one annotated. The series' own text is
kept as offsets too (start and end). Run once per round, with the annotators' folders under
/work/annotation (``python make_gold.py round2``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from pathlib import Path

SOURCE = Path("/work/annotation")
TARGET = Path(__file__).resolve().parent


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def item_spans(path: Path, series: str, items: str) -> str:
    """Each item as ``offset:length`` from the start of its series, found in order in the series' text."""
    spans, at = [], 0
    for item in items.split("|"):
        found = series.find(item, at)
        if found < 0:
            sys.exit(f"{path}: item {item!r} not found in its series")
        spans.append(f"{found}:{len(item)}")
        at = found + len(item)
    return "|".join(spans)


ROUNDS = {  # the annotators' folder: (the gold folder here, what the header says of when it was made)
    "dev": ("dev", "development set", "before any rule of issue 20 was written or changed"),
    "heldout": ("heldout", "held out set", "before any rule of issue 20 was written or changed"),
    "round2": ("heldout", "held out set, round 2", "after the rules of round 1 and before any rule of round 2 was measured on it"),
}


def convert(group: str) -> None:
    target, label, when = ROUNDS[group]
    passages = {r["name"]: r for r in csv.DictReader((SOURCE / group / "passages.tsv").open(encoding="utf-8"),
                                                      delimiter="\t")}
    out = TARGET / target
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted((SOURCE / group / "gold").glob("*.tsv")):
        kind, name = path.stem.split("_", 1)
        passage = passages[name]
        text = (SOURCE / group / f"{name}.txt").read_text(encoding="utf-8")
        lines = path.read_text(encoding="utf-8").splitlines()
        header = [line for line in lines if line.startswith("#")]
        rows = list(csv.DictReader(io.StringIO("\n".join(line for line in lines if not line.startswith("#"))),
                                   delimiter="\t", quoting=csv.QUOTE_NONE))
        fields = list(rows[0]) if rows else []
        kept, used, duplicates = [], set(), 0

        def place(key: str) -> int:
            """The first place of ``key`` in the passage that no earlier row took (rows are in text order,
            but a repeated context may be listed out of it)."""
            at = text.find(key)
            while at >= 0 and (key, at) in used:
                at = text.find(key, at + 1)
            used.add((key, at))
            return at

        for row in rows:
            if "left_context" in row:
                key = row["left_context"] + row["match"] + row["right_context"]
                at = place(key)
                if at < 0 and key in text:  # the same place listed twice: kept once
                    duplicates += 1
                    continue
                if at < 0:
                    sys.exit(f"{path}: a row not found")
                start = int(passage["start"]) + at + len(row["left_context"])
                row = {k: v for k, v in row.items() if k not in ("left_context", "right_context")}
                row = {"offset": start, **row, "context": digest(key)}
            elif "series" in row:
                at = place(row["series"])
                if at < 0:
                    sys.exit(f"{path}: a series not found")
                start = int(passage["start"]) + at
                row = {"start": start, "end": start + len(row["series"]),
                       **{k: v for k, v in row.items() if k not in ("series", "items")},
                       "items": item_spans(path, row["series"], row["items"]), "context": digest(row["series"])}
            kept.append(row)
        columns = list(kept[0]) if kept else [c for c in fields if c not in ("left_context", "right_context")]
        preamble = [
            f"# Gold: {kind} of {passage['source']} ({passage['kind']}), the passage of its reading text from offset "
            f"{passage['start']} to {passage['end']} ({label}).",
            f"# Made blind by a helper annotator from tests/data/ANNOTATION_GUIDE.md alone, {when};",
            "# converted by make_gold.py (no text kept: offsets into the reading text of the source file, a",
            "# check sum of the contexts; a series' items as offset:length from its start).",
            "# The annotator's header follows.",
        ] + ([f"# ({duplicates} row listed twice for the same place was kept once.)"] if duplicates else [])
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, delimiter="\t", quoting=csv.QUOTE_NONE,
                                escapechar="\\", lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
        (out / path.name).write_text("\n".join(preamble + header) + "\n" + buffer.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    for group in sys.argv[1:] or ROUNDS:
        convert(group)
