"""Validation: the tool's counts scored against hand annotation (the gold files under ``tests/data``).

Two kinds of gold file.

- **Passages** (``tests/data/gold/dev`` and ``…/heldout``): windows of texts of four kinds (a
  Government Work Report, a Party speech, a diplomatic speech, a New Year address), annotated blind
  from ``tests/data/ANNOTATION_GUIDE.md`` by readers who never saw the rules or the tool's output.
  Each row locates its word by an offset into the file's reading text (``engine.passages``) and a
  check sum of the contexts the reader copied, so that the files keep no text of the news speeches;
  every action verb in use is listed, and every marker, series and numbered formulation.
- **Documents** (``tests/data/*.tsv``): older files of the bundled speech and of the 2019 and 2005
  reports, whose rows are found by their contexts in the cleaned text; the rules were written on them.

A passage file is **held out** only while no rule has been changed after seeing its errors; a file is
moved to ``dev`` the day one is, and the table says so. ``validate`` runs the pipeline as a user does
(the texts simplified) and prints one table: a row per text and measure, with the pooled figures.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from analysis import settings
from analysis.engine.passages import kept_positions, reading_text
from analysis.errors import InputError

GOLD_DIR = settings.PROJECT_DIR / "tests" / "data"
SPLITS = {"dev": "development", "heldout": "held out"}
CONTEXT_CHARS = 12  # the characters a reader copied on each side of a word
# the ten verbs read in every use (ANNOTATION_GUIDE.md, 1.1): recall is measured on them
TEN_VERBS = ("发展", "建设", "加强", "推进", "完善", "提高", "坚持", "实施", "推动", "落实")
TOP = 30  # the frequent verbs: precision is given for them and for the others apart
TABLES = ["documents", "sections", "texts", "verb_tokens", "modality_tokens", "parallels", "formulation_matches"]
COLUMNS = ["text", "kind", "split", "measure", "gold", "found", "right", "precision", "recall", "note"]


def source_roots() -> list[Path]:
    """Where the texts a gold file names are looked for: the project's corpus, then ../shared/corpora."""
    return [settings.CORPUS_DIR, settings.PROJECT_DIR.parent / "shared" / "corpora"]


def find_source(name: str, roots: Iterable[Path] | None = None) -> Path:
    """The file a gold file was made on (``govreports/2012.txt``), under the first root that has it."""
    for root in roots or source_roots():
        if (Path(root) / name).is_file():
            return Path(root) / name
    raise InputError(name, f"the text this gold file was made on is not under {', '.join(map(str, roots or source_roots()))}")


def read_tsv(path: Path) -> list[dict]:
    """The rows of a tab-separated gold file (``#`` lines are its header)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE,
                               escapechar="\\"))


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# -- where a gold row stands in the tool's text ------------------------------------------------------------

def offset_map(reading: str, cleaned: str) -> dict[int, int]:
    """Each position of a character of ``reading`` that the cleaned text keeps, mapped to its position
    there. Cleaning drops spaces, line breaks and zero-width characters and changes the rest one for
    one; where it dropped more (a caption, a footer), the characters are matched in order."""
    ours, theirs = kept_positions(reading), kept_positions(cleaned)
    a, b = "".join(reading[i] for i in ours), "".join(cleaned[i] for i in theirs)
    if a == b:
        return dict(zip(ours, theirs))
    pairs: dict[int, int] = {}
    for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            pairs[ours[block.a + k]] = theirs[block.b + k]
    return pairs


def _span(mapping: dict[int, int], start: int, end: int) -> tuple[int, int] | None:
    """The cleaned span of the reading text's ``[start, end)``, or None where cleaning removed it."""
    kept = [mapping[i] for i in range(start, end) if i in mapping]
    return (kept[0], kept[-1] + 1) if kept else None


@dataclass
class Passage:
    """A window of a text read by hand, with its gold rows, placed in the tool's cleaned text."""

    name: str
    kind: str
    split: str
    source: Path
    start: int  # in the reading text
    end: int
    gold: dict[str, list[dict]] = field(default_factory=dict)  # by measure
    doc: str = ""
    span: tuple[int, int] = (0, 0)  # in the cleaned text

    def label(self) -> str:
        return f"{self.name} ({self.kind})"


def passages(gold_dir: Path = GOLD_DIR / "gold", roots: Iterable[Path] | None = None) -> list[Passage]:
    """Every annotated passage of ``gold_dir`` (its ``dev`` and ``heldout`` folders), its rows read."""
    found = []
    for folder, split in SPLITS.items():
        listing = gold_dir / folder / "passages.tsv"
        if not listing.is_file():
            continue
        for row in read_tsv(listing):
            passage = Passage(row["name"], row["kind"], split, find_source(row["source"], roots),
                              int(row["start"]), int(row["end"]))
            for measure in ("verbs", "markers", "parallels", "formulations"):
                path = gold_dir / folder / f"{measure}_{passage.name}.tsv"
                passage.gold[measure] = read_tsv(path) if path.is_file() else []
            found.append(passage)
    return found


def _context(text: str, start: int, end: int, lo: int, hi: int) -> str:
    """A row's word with the (up to) 12 characters either side that a reader copied: never across a
    line break or out of the passage ``[lo, hi)``."""
    left = text[max(lo, start - CONTEXT_CHARS):start].rsplit("\n", 1)[-1]
    right = text[end:min(hi, end + CONTEXT_CHARS)].split("\n", 1)[0]
    return left + text[start:end] + right


def place(passage: Passage, reading: str, cleaned: str, doc: str) -> None:
    """Give each gold row of a passage its span in the cleaned text (``span``; None where cleaning
    removed it), after checking that the text is the one annotated (the contexts' check sums)."""
    mapping = offset_map(reading, cleaned)
    passage.doc = doc
    passage.span = _span(mapping, passage.start, passage.end) or (0, 0)
    for measure, rows in passage.gold.items():
        for n, row in enumerate(rows, 2):
            if "offset" in row:
                start = int(row["offset"])
                end = start + len(row["match"])
                seen = _context(reading, start, end, passage.start, passage.end)
            else:
                start, end = int(row["start"]), int(row["end"])
                seen = reading[start:end]
            if digest(seen) != row["context"]:
                raise InputError(f"{measure}_{passage.name}.tsv", f"row {n}: the text {passage.source} is not the "
                                                                  "one annotated (its context differs)")
            row["span"] = _span(mapping, start, end)
            if "items" in row:
                row["item_spans"] = tuple(
                    _span(mapping, start + int(o), start + int(o) + int(n_)) for o, n_ in
                    (item.split(":") for item in row["items"].split("|")))


# -- scores ------------------------------------------------------------------------------------------------

@dataclass
class Score:
    measure: str
    gold: int
    found: int
    right: int
    precision: float | None = None
    recall: float | None = None
    note: str = ""


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def judge_verbs(gold: list[dict], found: list[tuple[int, int, str]]) -> tuple[list[bool | None], list[bool]]:
    """Each verb the tool counted judged against reading (right, wrong, or None where reading was
    borderline), and each verbal use read (not borderline) whether the tool counted it."""
    sure = [g for g in gold if g["span"] is not None and g["borderline"] == "no"]
    yes = [g["span"] for g in sure if g["verbal"] == "yes"]
    unsure = [g["span"] for g in gold if g["span"] is not None and g["borderline"] == "yes"]
    judged = []
    for start, end, _ in found:
        if any(_overlaps((start, end), y) for y in yes):
            judged.append(True)
        elif any(_overlaps((start, end), u) for u in unsure):
            judged.append(None)
        else:
            judged.append(False)
    recalled = [any(_overlaps((s, e), y) for s, e, _ in found) for y in yes]
    return judged, recalled


def score_verbs(gold: list[dict], found: list[tuple[int, int, str]], top: set[str]) -> list[Score]:
    """Precision over every verb counted (and for the ``top`` verbs and the others apart), recall of
    the verbal uses read, and of the ten verbs read in every use."""
    judged, _ = judge_verbs(gold, found)
    scores = []
    for measure, keep in (("verbs: precision", lambda w: True), (f"verbs: precision, top {TOP}", lambda w: w in top),
                          (f"verbs: precision, outside the top {TOP}", lambda w: w not in top)):
        decided = [j for j, (_, _, w) in zip(judged, found) if keep(w) and j is not None]
        wrong = Counter(w for j, (_, _, w) in zip(judged, found) if keep(w) and j is False)
        scores.append(Score(measure, 0, len(decided), sum(decided), precision=_ratio(sum(decided), len(decided)),
                            note=_most(wrong, "wrong")))
    for measure, words in (("verbs: recall", None), ("verbs: recall, ten verbs", TEN_VERBS)):
        rows = [g for g in gold if g["span"] is not None and g["borderline"] == "no" and g["verbal"] == "yes"
                and (words is None or g["word"] in words)]
        _, recalled = judge_verbs(rows, found)
        missed = Counter(g["word"] for g, r in zip(rows, recalled) if not r)
        scores.append(Score(measure, len(rows), sum(recalled), sum(recalled), recall=_ratio(sum(recalled), len(rows)),
                            note=_most(missed, "missed")))
    return scores


def _most(counts: Counter, what: str, n: int = 6) -> str:
    return f"{what}: " + " ".join(f"{w} {c}" for w, c in counts.most_common(n)) if counts else ""


def score_markers(gold: list[dict], found: list[tuple[int, int, str]], *, use: str = "marker_use") -> Score:
    """Each marker's count against reading: the largest difference (the goal: within 1 of reading)."""
    read = Counter(g["marker"] for g in gold if g[use] == "yes" and g.get("span", True) is not None)
    counted = Counter(f[2] for f in found)
    differences = {m: counted[m] - read[m] for m in set(read) | set(counted) if counted[m] != read[m]}
    largest = max((abs(d) for d in differences.values()), default=0)
    note = " ".join(f"{m} {d:+d}" for m, d in sorted(differences.items(), key=lambda x: (-abs(x[1]), x[0])))
    return Score("markers: largest difference from reading", sum(read.values()), sum(counted.values()),
                 sum(min(read[m], counted[m]) for m in read), precision=None, recall=None,
                 note=f"largest {largest}" + (f"; {note}" if note else ""))


def score_marker_time(gold: list[dict], found: list[tuple[int, int, str, str]]) -> Score:
    """Whether a marker's sentence directs future work or reviews past work, against reading: of the
    markers both count, how many the tool gives the reader's time (a reader's ``general``, a rule with no
    time, is scored as ``future``, which is what the tool calls every sentence without a cue of the past)."""
    times = {f[:2]: f[3] for f in found}
    pairs = [("future" if g["time"] == "general" else g["time"], times[g["span"]]) for g in gold
             if g["marker_use"] == "yes" and g["span"] in times and g["time"] in ("future", "past", "general")]
    right = sum(1 for read, tool in pairs if read == tool)
    missed = Counter(f"{read} read as {tool}" for read, tool in pairs if read != tool)
    return Score("markers: time (future or past)", len(pairs), len(pairs), right, recall=_ratio(right, len(pairs)),
                 note=", ".join(f"{n} {what}" for what, n in sorted(missed.items())))


def score_series(gold: list[dict], found: list[tuple]) -> Score:
    """A series found is right when its items are exactly a (not debatable) series read; one that
    shares an item with a debatable series is not scored."""
    scored = {g["item_spans"] for g in gold if g["debatable"] == "no" and g["kind"] != "none"
              and None not in g["item_spans"]}
    debatable = [set(g["item_spans"]) for g in gold if g["debatable"] == "yes" and g["kind"] != "none"]
    right = [f for f in found if f in scored]
    wrong = [f for f in found if f not in scored and not any(set(f) & d for d in debatable)]
    return Score("series", len(scored), len(right) + len(wrong), len(right),
                 precision=_ratio(len(right), len(right) + len(wrong)), recall=_ratio(len(set(right)), len(scored)))


def score_formulations(gold: list[dict], found: list[tuple[int, int, str, str]]) -> list[Score]:
    """Numbered formulations found where reading finds them, and their expansions where the text gives one."""
    rows = [g for g in gold if g["span"] is not None]
    right = [f for f in found if any(_overlaps(f[:2], g["span"]) for g in rows)]
    recalled = [g for g in rows if any(_overlaps(f[:2], g["span"]) for f in found)]
    expansions = [(g, next((f[3] for f in found if _overlaps(f[:2], g["span"])), "")) for g in rows]
    given = [(g, e) for g, e in expansions if g["expansion"]]
    invented = [(g, e) for g, e in expansions if e and not g["expansion"]]
    wrong = [f"{g['term']}→{e or '∅'}" for g, e in given if e != g["expansion"]] + [f"{g['term']}→{e}" for g, e in invented]
    return [Score("formulations", len(rows), len(found), len(right), precision=_ratio(len(right), len(found)),
                  recall=_ratio(len(recalled), len(rows))),
            Score("expansions", len(given), sum(1 for _, e in expansions if e), sum(1 for g, e in given if e == g["expansion"]),
                  recall=_ratio(sum(1 for g, e in given if e == g["expansion"]), len(given)),
                  note=(f"{len(invented)} given where the text gives none; " if invented else "") + " ".join(wrong[:6]))]


# -- the tool's side ---------------------------------------------------------------------------------------

def _in(frame: pd.DataFrame, doc: str, span: tuple[int, int]) -> pd.DataFrame:
    return frame[(frame["doc"] == doc) & (frame["start"] >= span[0]) & (frame["start"] < span[1])]


def item_spans(text: str, start: int, items: str) -> tuple[tuple[int, int], ...]:
    """The spans of a series' items (joined by ``|``), found in order in ``text`` from ``start``."""
    spans, cursor = [], start
    for item in items.split("|"):
        cursor = text.index(item, cursor)
        spans.append((cursor, cursor + len(item)))
        cursor += len(item)
    return tuple(spans)


def tool_rows(tables, doc: str, span: tuple[int, int], text: str) -> dict[str, list]:
    """What the tool found in ``span`` of a document, in the shapes the scores take."""
    verbs = _in(tables["verb_tokens"], doc, span)
    markers = _in(tables["modality_tokens"], doc, span)
    series = _in(tables["parallels"], doc, span)
    formulations = _in(tables["formulation_matches"], doc, span)
    formulations = formulations[formulations["kind"] == "numbered"]
    return {"verbs": list(zip(verbs["start"], verbs["end"], verbs["token"])),
            "markers": list(zip(markers["start"], markers["end"], markers["token"], markers["time"])),
            "parallels": [item_spans(text, s, i) for s, i in zip(series["start"], series["items"])],
            "formulations": list(zip(formulations["start"], formulations["end"], formulations["term"],
                                     formulations["expansion"].fillna("")))}


def top_verbs(tables, n: int = TOP) -> set[str]:
    """The ``n`` verbs the tool counts most over the texts validated (whole texts): the frequent ones."""
    return set(tables["verb_tokens"]["token"].value_counts().index[:n])


def run_texts(files: list[Path]):
    """The tool's tables of the texts, as ``python -m analysis … --simplified`` makes them."""
    from analysis.engine.pipeline import run_corpus

    return run_corpus(sorted(set(files)), tables=TABLES, simplified=True, workers=1)


# -- the table ---------------------------------------------------------------------------------------------

def validate(gold_dir: Path = GOLD_DIR, roots: Iterable[Path] | None = None) -> pd.DataFrame:
    """Score every measure against every gold file under ``gold_dir``: one row per text and measure,
    then the pooled rows of each split (``all development``, ``all held out``)."""
    found = passages(gold_dir / "gold", roots)
    older = older_gold(gold_dir, roots)
    tables = run_texts([p.source for p in found] + [o.source for o in older])
    docs = {str(Path(d.path).resolve()): d.id for d in tables.documents}
    texts = dict(zip(tables["texts"]["doc"], tables["texts"]["text"]))
    top = top_verbs(tables)
    rows, pooled = [], {}
    for passage in found:
        doc = docs[str(passage.source.resolve())]
        place(passage, reading_text(passage.source), texts[doc], doc)
        tool = tool_rows(tables, doc, passage.span, texts[doc])
        scores = [*score_verbs(passage.gold["verbs"], tool["verbs"], top),
                  score_markers(passage.gold["markers"], tool["markers"]),
                  score_marker_time(passage.gold["markers"], tool["markers"]),
                  score_series(passage.gold["parallels"], tool["parallels"]),
                  *score_formulations(passage.gold["formulations"], tool["formulations"])]
        rows += [_row(passage.label(), passage.kind, passage.split, s) for s in scores]
        bucket = pooled.setdefault(passage.split, {"verbs": [], "markers": [], "parallels": [], "formulations": []})
        for measure in bucket:
            bucket[measure].append((passage.gold[measure], tool[measure]))
    for split, bucket in pooled.items():
        rows += [_row(f"all {split}", "all", split, s) for s in _pooled(bucket, top)]
    rows += [_row(o.label, o.kind, "development", s) for o in older for s in o.score(tables, docs, texts, top)]
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(text: str, kind: str, split: str, score: Score) -> dict:
    return {"text": text, "kind": kind, "split": split, "measure": score.measure, "gold": score.gold,
            "found": score.found, "right": score.right, "precision": score.precision, "recall": score.recall,
            "note": score.note}


def _pooled(bucket: dict[str, list], top: set[str]) -> list[Score]:
    """The scores of a split's passages together (offsets differ between texts: each is judged in its own)."""
    def joined(pairs: list, shift: int = 10**8):
        gold, found = [], []
        for k, (g, f) in enumerate(pairs):
            moved = k * shift
            for row in g:
                row = dict(row)
                if row.get("span") is not None:
                    row["span"] = (row["span"][0] + moved, row["span"][1] + moved)
                if row.get("item_spans") is not None:
                    row["item_spans"] = tuple(None if s is None else (s[0] + moved, s[1] + moved)
                                              for s in row["item_spans"])
                gold.append(row)
            for item in f:
                if item and isinstance(item[0], tuple):  # a series: its item spans
                    found.append(tuple((s + moved, e + moved) for s, e in item))
                else:
                    found.append((item[0] + moved, item[1] + moved, *item[2:]))
        return gold, found

    markers = score_markers(*joined(bucket["markers"]))
    per_text = [score_markers(g, f) for g, f in bucket["markers"]]
    largest = max((int(s.note.split(";")[0].split()[-1]) for s in per_text), default=0)
    markers.measure, markers.note = "markers: largest difference from reading", f"largest {largest} in one text; " \
                                                                                f"pooled {markers.note.split('; ', 1)[-1] if ';' in markers.note else 'none'}"
    return [*score_verbs(*joined(bucket["verbs"]), top), markers, score_marker_time(*joined(bucket["markers"])),
            score_series(*joined(bucket["parallels"])),
            *score_formulations(*joined(bucket["formulations"]))]


# -- the older gold files: whole documents, rows found by their contexts -----------------------------------

@dataclass
class Older:
    """A gold file of ``tests/data`` made before the passages: rows found by their contexts."""

    label: str
    kind: str
    source: Path
    files: dict[str, Path]  # measure → gold file
    section: str | None = None  # only this section of the text was read

    def score(self, tables, docs: dict[str, str], texts: dict[str, str], top: set[str]) -> list[Score]:
        doc = docs[str(self.source.resolve())]
        text = texts[doc]
        begin, end = 0, len(text)
        if self.section is not None:
            begin, end = tables_section(tables, doc, self.section)
        tool = tool_rows(tables, doc, (begin, end), text)
        scores = []
        if "verbs" in self.files:
            gold = rows_by_context(self.files["verbs"], text, "word")
            top30 = set(pd.Series([w for _, _, w in tool["verbs"]]).value_counts().index[:TOP])
            decided = [gold[(w, s)]["verb"] == "yes" for s, _, w in tool["verbs"] if w in top30 and (w, s) in gold]
            scores.append(Score(f"verbs: precision, top {TOP} of the text", 0, len(decided), sum(decided),
                                precision=_ratio(sum(decided), len(decided)),
                                note="the words annotated are the top verbs only: no recall"))
        if "markers" in self.files:
            gold = rows_by_context(self.files["markers"], text, "marker")
            rows = [{"marker": _marker(m), "marker_word": r["marker_word"]} for (m, _), r in gold.items()]
            scores.append(score_markers([r for r in rows if r["marker"] != "需要"], tool["markers"], use="marker_word"))
        if "parallels" in self.files:
            gold = series_by_context(self.files["parallels"], text, begin)
            scores.append(score_series(gold, tool["parallels"]))
        return scores


def _marker(word: str) -> str:
    """也要, 都要, 还要 … are 也, 都, 还 and the marker 要 (the older files list the whole word)."""
    return "要" if word.endswith("要") and word not in ("一定要", "不要", "需要") else word


def tables_section(tables, doc: str, number: str) -> tuple[int, int]:
    """The offsets of a section of a document, by its number (二)."""
    sections = tables["sections"]
    row = sections[(sections["doc"] == doc) & (sections["section"] == number)].iloc[0]
    return int(row["start"]), int(row["end"])


def older_gold(gold_dir: Path, roots: Iterable[Path] | None = None) -> list[Older]:
    """The older gold files, by the text they were made on."""
    found = []
    speech = gold_dir / "parallels_speech.tsv"
    named = re.search(r"corpus/(\S+\.txt)", speech.read_text(encoding="utf-8")) if speech.is_file() else None
    if named and (settings.CORPUS_DIR / named[1]).is_file():  # the bundled speech, named in the file's header
        found.append(Older("the bundled speech", "speech", settings.CORPUS_DIR / named[1], {"parallels": speech}))
    for year in ("2019", "2005"):
        files = {m: gold_dir / f"{m}_gwr{year}.tsv" for m in ("verbs", "markers")
                 if (gold_dir / f"{m}_gwr{year}.tsv").is_file()}
        if files:
            found.append(Older(f"report_{year}", "report", find_source(f"govreports/{year}.txt", roots), files))
    if (gold_dir / "parallels_gwr2019_s2.tsv").is_file():
        found.append(Older("report_2019, section 二", "report", find_source("govreports/2019.txt", roots),
                           {"parallels": gold_dir / "parallels_gwr2019_s2.tsv"}, section="二"))
    return found


def rows_by_context(path: Path, text: str, word: str) -> dict[tuple[str, int], dict]:
    """The rows of an older gold file by (word, offset in ``text``), found by their contexts (¶ or ⏎
    marks a paragraph break; the same context twice is the next place)."""
    flat, gold = text.replace("\n", "¶"), {}
    for row in read_tsv(path):
        left = row["left_context"].replace("⏎", "¶").lstrip("¶")
        key = left + row["match"] + row["right_context"].replace("⏎", "¶").rstrip("¶")
        at = flat.find(key)
        while at >= 0 and (row[word], at + len(left)) in gold:
            at = flat.find(key, at + 1)
        if at < 0:
            raise InputError(path, f"{key!r} is not in the text")
        gold[(row[word], at + len(left))] = row
    return gold


def series_by_context(path: Path, text: str, begin: int = 0) -> list[dict]:
    """The rows of an older series file, each with the spans of its items in ``text`` (found from
    ``begin``; a series that occurs several times has a row per occurrence, in order)."""
    rows, seen = [], Counter()
    for row in read_tsv(path):
        seen[row["series"]] += 1
        position = begin - 1
        for _ in range(seen[row["series"]]):
            position = text.index(row["series"], position + 1)
        rows.append({**row, "item_spans": item_spans(text, position, row["items"])})
    return rows



# -- the record and the documentation ----------------------------------------------------------------------

RECORD = settings.PROJECT_DIR / "docs" / "validation.csv"  # the figures as last measured (make validate)
ROUND1 = settings.PROJECT_DIR / "docs" / "validation-round1.csv"  # round 1's, its held-out passages now development
POOLED = {"development": "all development", "held out": "all held out"}


def read_record(path: Path = RECORD) -> pd.DataFrame:
    """The table ``validate`` wrote to ``path`` (``make validate``)."""
    return pd.read_csv(path, keep_default_na=False, na_values={"precision": [""], "recall": [""]},
                       dtype={"note": str})


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """The pooled figures of each split side by side: one row per measure, the development and the held-out
    precision and recall (with what they are counted from: right of found, right of gold)."""
    rows = []
    pooled = table[table["text"].isin(POOLED.values())]
    for measure in dict.fromkeys(pooled["measure"]):
        row = {"measure": measure}
        for split, text in POOLED.items():
            found = pooled[(pooled["text"] == text) & (pooled["measure"] == measure)]
            row[split] = _figure(found.iloc[0]) if len(found) else "–"
        rows.append(row)
    return pd.DataFrame(rows, columns=["measure", *POOLED])


def _figure(row: pd.Series) -> str:
    """A pooled row as a reader checks it: the ratio with what it is a ratio of."""
    if row["measure"].startswith("markers: largest"):
        return row["note"].split(";")[0]
    if row["measure"].startswith("markers: time"):
        return f"{float(row['recall']):.2f} agree ({int(row['right'])}/{int(row['gold'])})"
    parts = []
    if pd.notna(row["precision"]) and row["precision"] != "":
        parts.append(f"P {float(row['precision']):.2f} ({int(row['right'])}/{int(row['found'])})")
    if pd.notna(row["recall"]) and row["recall"] != "":
        parts.append(f"R {float(row['recall']):.2f} ({int(row['right'])}/{int(row['gold'])})")
    return ", ".join(parts) or "–"


def markdown(frame: pd.DataFrame) -> str:
    """A table as Markdown (the docs' form)."""
    lines = ["| " + " | ".join(frame.columns) + " |", "| " + " | ".join("---" for _ in frame.columns) + " |"]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def fallen(now: pd.DataFrame, record: pd.DataFrame) -> list[str]:
    """Each pooled precision or recall of ``now`` below the one recorded, as ``measure (split): was → is``."""
    keys = ["text", "measure"]
    both = now.merge(record, on=keys, suffixes=("", "_recorded"))
    both = both[both["text"].isin(POOLED.values())]
    out = []
    for row in both.itertuples(index=False):
        for name in ("precision", "recall"):
            was, is_ = getattr(row, f"{name}_recorded"), getattr(row, name)
            if pd.notna(was) and was != "" and (pd.isna(is_) or float(is_) < float(was)):
                out.append(f"{row.measure} ({row.text}): {name} {float(was):.3f} -> {is_}")
    return out
