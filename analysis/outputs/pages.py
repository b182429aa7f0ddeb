"""Notebook pages: what a chapter shows besides its charts, so that a student can follow it.

A page names its input at the top (``about``: the parameters used, each document's title, date and
file), shows tables a reader can read (``table``: Chinese left-aligned, no cell cut short, long tables
scrollable, part-of-speech tags explained, section headings beside 一、二、三), and figures with
alternative text, closed once shown (``show``). Parameters typed on papermill's command line arrive
as strings; ``as_list`` reads them.

Nothing here counts: every table comes from the measures. The numbered notebooks call these
functions and define none of their own.
"""

from __future__ import annotations

import ast
import html
import itertools
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.outputs.labels import pos_name, speech_name, statistic_name
from analysis.settings import FIGURES_DIR, PROJECT_DIR

if TYPE_CHECKING:
    import pandas as pd

MAX_ROWS = 1000  # rows a page table shows at most (the CSV files hold them all)
SCROLL_ROWS = 15  # a table longer than this scrolls inside a box of about this many rows
DOCUMENTS_CHARTED = 3  # per-document charts a chapter draws unless told otherwise
PAGE_METADATA = "analysis/page"  # the output metadata key that carries the page's subject to the HTML title
_ids = itertools.count(1)


# == parameters ==========================================================================================

def as_list(value: Any, *, name: str = "files") -> list[str] | None:
    """Return a notebook parameter that names several things (files, terms) as a list of strings.

    ``None`` stays ``None`` (the chapter's default). A list or tuple is taken as it is; a string is
    either a list written as JSON or Python (``'["a.txt", "b.txt"]'``, what ``papermill -p files``
    passes) or a single item (``my_speech.txt``, a folder). Raises ``ValueError`` naming ``name`` for
    anything else, so a mistyped list is never read character by character.
    """
    if value is None:
        return None
    if isinstance(value, (str, os.PathLike)):
        text = str(value).strip()
        if not text:
            raise ValueError(f"{name}: empty; give a path, or a list such as [\"a.txt\", \"b.txt\"]")
        if not text.startswith(("[", "(")):
            return [text]
        value = _literal(text, name)
    if isinstance(value, (str, os.PathLike)):
        return [str(value)]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, (str, os.PathLike)) for v in value):
        raise ValueError(f"{name}: expected a path or a list of paths, not {value!r}")
    return [str(v) for v in value]


def _literal(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        pass
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise ValueError(f"{name}: {text!r} is not a list; write it as [\"a.txt\", \"b.txt\"]") from None


def as_group(value: Any, *, name: str = "target") -> Any:
    """Return a keyness group parameter: a list written as a string (``'["a.txt", "b.txt"]'``) becomes a
    list; a group spec (``2013-2025``, ``section=一``) or ``None`` stays as it is."""
    if isinstance(value, str) and value.strip().startswith(("[", "(")):
        return as_list(value, name=name)
    return value


def figures_folder(out: str | Path | None) -> Path:
    """Return where 05_export writes: ``out``, or the project's ``figures/`` for ``None``."""
    return FIGURES_DIR if out is None else Path(out)


def term_or_top_word(term: str | None, content_words: pd.DataFrame) -> str | None:
    """Return ``term``, or, when it is ``None`` or empty, the most frequent content word of the text."""
    if term:
        return term
    return str(content_words["token"].iloc[0]) if len(content_words) else None


# == what a page analyses ================================================================================

def _shown_path(path: Path) -> str:
    """A file's path as a reader finds it: relative to the project when inside it."""
    try:
        return str(Path(path).resolve().relative_to(PROJECT_DIR.resolve()))
    except ValueError:
        return str(path)


def _parameter(name: str, value: Any) -> str:
    shown = repr(value)
    if value is None and name in ("files", "corpus"):
        shown += "（本项目自带的 corpus/ the bundled corpus/）"
    return f"<code>{html.escape(name)} = {html.escape(shown)}</code>"


class About:
    """The head of a page: the text analysed (title, date, file, length) and the parameters used.

    Shown in a notebook as HTML; its output metadata carries the page's subject, which the rendered
    page's ``<title>`` repeats.
    """

    def __init__(self, documents: pd.DataFrame, paths: list[Path], parameters: Mapping[str, Any]):
        self.documents = documents
        self.paths = paths
        self.parameters = dict(parameters)
        self.subject = speech_name(documents)

    def _files(self) -> list[str]:
        return [_shown_path(p) for p in self.paths]

    def _repr_html_(self) -> str:
        docs, files = self.documents, self._files()
        rows: list[tuple[str, str]]
        if len(docs) == 1:
            row = docs.iloc[0]
            rows = [("标题 Title", str(row["title"]) or "（无 none）"),
                    ("日期 Date", str(row["date"]) or "（未知 unknown）"),
                    ("文件 File", files[0] if files else str(row["file"])),
                    ("篇幅 Length", f"{row['characters']:,} 字 characters, {row['sections']} 部分 sections, "
                                   f"{row['sentences']} 句 sentences")]
            cell = 'style="text-align: left; padding: 0.2em 1em 0.2em 0;"'
            body = "".join(f"<tr><th {cell}>{html.escape(k)}</th><td {cell}>{html.escape(v)}</td></tr>"
                           for k, v in rows)
            listing = f"<table class=\"analysis-about-table\">{body}</table>"
        else:
            folders = sorted({str(Path(f).parent) for f in files})
            where = f"文件夹 folder: {folders[0]}" if len(folders) == 1 else f"{len(folders)} 个文件夹 folders"
            frame = docs[["doc", "title", "date"]].assign(file=files if len(files) == len(docs) else docs["file"])
            listing = (f"<p>{html.escape(self.subject)} · {html.escape(where)}</p>"
                       + table(frame, height_rows=8)._repr_html_())
        params = "; ".join(_parameter(k, v) for k, v in self.parameters.items())
        return (f'<div class="analysis-about" style="border-left: 4px solid #0072B2; padding: 0.4em 1em; '
                f'margin: 0.5em 0 1em 0; background: #f4f8fb;">'
                f"<p><strong>本页分析 This page analyses</strong></p>{listing}"
                f"<p>参数 Parameters: {params}</p></div>")

    def __repr__(self) -> str:
        params = "; ".join(f"{k} = {v!r}" for k, v in self.parameters.items())
        return f"This page analyses: {self.subject} ({', '.join(self._files())})\nParameters: {params}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"text/html": self._repr_html_(), "text/plain": repr(self)}
        return data, {PAGE_METADATA: {"subject": self.subject}}


class ShutdownNoise(logging.Filter):
    """Drops ipykernel's log line "KeyboardInterrupt caught in kernel.": a kernel being shut down is first
    interrupted (jupyter_client does so), and when the interrupt meets a message being handled the kernel
    logs this line to the terminal, although nothing failed. papermill's command line shows it at random."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "KeyboardInterrupt caught in kernel" not in record.getMessage()


def _quiet_shutdown() -> None:
    """In a kernel, keep ``ShutdownNoise`` out of its log (once); elsewhere, do nothing."""
    from IPython import get_ipython

    kernel = getattr(get_ipython(), "kernel", None)
    log = getattr(kernel, "log", None)
    if isinstance(log, logging.Logger) and not any(isinstance(f, ShutdownNoise) for f in log.filters):
        log.addFilter(ShutdownNoise())


def about(result, **parameters: Any) -> About:
    """Return the head of a page for a corpus result: what it analyses and with which parameters.

    Run in a kernel, it also keeps the kernel's "KeyboardInterrupt caught in kernel." off the terminal
    when papermill stops it (see ``ShutdownNoise``), so that a run that succeeds prints nothing alarming.
    """
    _quiet_shutdown()
    return About(result["documents"], [d.path for d in getattr(result, "documents", [])], parameters)


# == tables ==============================================================================================

def with_tag_names(frame: pd.DataFrame, column: str = "pos") -> pd.DataFrame:
    """Return ``frame`` with a column ``meaning`` after ``column`` saying what each tag means (n: 名词 noun)."""
    frame = frame.copy()
    frame.insert(frame.columns.get_loc(column) + 1, "meaning", [pos_name(str(t)) for t in frame[column]])
    return frame


def tag_counts(tokens: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """Return how many tokens carry each part-of-speech tag, with what the tag means, most frequent first."""
    counts = tokens["pos"].value_counts().rename_axis("pos").reset_index(name="count")
    counts["share"] = (counts["count"] / max(1, len(tokens)) * 100).round(1).astype(str) + " %"
    return with_tag_names(counts.head(top) if top else counts)


def describe(values: pd.Series, *, unit: str = "") -> pd.DataFrame:
    """Return the summary statistics of ``values`` as a table whose rows say what they are."""
    import pandas as pd

    stats = values.describe()
    return pd.DataFrame({"statistic": [statistic_name(str(s)) for s in stats.index],
                     "value": [f"{v:,.1f}".rstrip("0").rstrip(".") + (f" {unit}" if unit and s != "count" else "")
                               for s, v in stats.items()]})


def occurring(rows: pd.DataFrame, *, column: str = "term") -> pd.DataFrame:
    """Return the rows of a counts table (``compare``: one row per unit and term) whose term occurs in
    some unit, so that a table of many units shows no column of zeros for a term the texts never use."""
    if rows.empty:
        return rows
    return rows[rows.groupby(column)["count"].transform("sum") > 0]


def with_headings(frame: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with each section's heading in a column ``heading`` beside its ``section`` label.

    Rows are matched by document and section index where ``frame`` has them (two sections labelled 一
    in one document stay apart), else by the label.
    """
    if "section" not in frame or "heading" in frame or "heading" not in sections:
        return frame
    key = [c for c in ("doc", "section_index") if c in frame and c in sections]
    if "section_index" not in key:
        key = [c for c in ("doc", "section") if c in frame]
    lookup = sections.drop_duplicates(key)[[*key, "heading"]]
    merged = frame.reset_index(drop=True).merge(lookup, on=key, how="left")
    heading = merged.pop("heading").fillna("")
    merged.insert(merged.columns.get_loc("section") + 1, "heading", heading)
    return merged


def by_section(rates: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    """Return a table of ``rates_by_section`` (values in rows, sections in columns) turned round: one row
    per section, with its label and heading first, then one column per value."""
    import pandas as pd

    names = sections[["doc", "section", "heading"] if sections["doc"].nunique() > 1 else ["section", "heading"]]
    values = rates.T.reset_index(drop=True)
    values.columns = [str(c) for c in rates.index]
    return pd.concat([names.reset_index(drop=True), values], axis=1)


class Table:
    """A table for a page: every cell whole (long text wraps), Chinese left-aligned and numbers right,
    long tables in a scrolling box, no row numbers, a sentence instead of an empty grid."""

    def __init__(self, frame: pd.DataFrame, *, empty: str, height_rows: int, max_rows: int, keep_empty: bool = False,
                 links: Mapping[str, Callable[[str], str | None]] | None = None):
        self.total = len(frame)
        self.links = dict(links or {})
        self.frame = frame.head(max_rows)
        if not keep_empty and len(self.frame):  # a column with nothing in it says nothing
            blank = [c for c in self.frame.columns if all(_value(v) == "" for v in self.frame[c])]
            self.frame = self.frame.drop(columns=blank)
        self.empty = empty
        self.height_rows = height_rows

    def _cells(self) -> pd.DataFrame:
        frame = self.frame.copy()
        for column in frame.columns:
            if frame[column].dtype == object:
                frame[column] = [("、".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v)
                                 for v in frame[column]]
        return frame

    def _repr_html_(self) -> str:
        from pandas.api.types import is_bool_dtype, is_integer_dtype, is_numeric_dtype
        from pandas.io.formats.style import Styler

        if self.frame.empty:
            return f'<p class="analysis-empty"><em>{html.escape(self.empty)}</em></p>'
        frame = self._cells()
        row_numbers = frame.index.name is None and is_integer_dtype(frame.index)
        styler = Styler(frame, uuid=f"analysis{next(_ids)}", cell_ids=False)
        styler.format(precision=2, na_rep="", escape="html", thousands=None)
        for column, address in self.links.items():
            if column in frame.columns:
                styler.format(partial(_linked, address=address), subset=[column], escape="html", na_rep="")
        if row_numbers:
            styler.hide(axis="index")
        kwic = {"left", "match", "right"} <= set(frame.columns)
        styles = [{"selector": "td, th", "props": "text-align: left; vertical-align: top; white-space: normal;"
                                                  " padding: 0.25em 0.6em;"},
                  {"selector": "th.col_heading", "props": "position: sticky; top: 0; background: #fff;"}]
        # the key column (the one of longest text: a sentence, a context) gets the room, so that it is
        # never pushed behind a scroll bar by columns of short labels
        lengths = {c: frame[c].astype(str).str.len().mean() for c in frame.columns
                   if not (is_numeric_dtype(frame[c]) and not is_bool_dtype(frame[c]))} if len(frame) else {}
        key = max(lengths, key=lengths.get) if lengths and max(lengths.values()) > 20 and not kwic else None
        for i, column in enumerate(frame.columns):
            values = frame[column]
            align = "left"
            if is_numeric_dtype(values) and not is_bool_dtype(values):
                props, align = "text-align: right; white-space: nowrap;", "right"
            elif column == key:
                props = "text-align: left; min-width: 18em; max-width: 40em;"
            else:
                longest = max((len(str(v)) for v in values), default=0)
                props = f"text-align: left; min-width: {min(max(longest, 2), 14 if key is None else 6)}em; max-width: 40em;"
                if kwic and column == "left":
                    props, align = "text-align: right; white-space: nowrap;", "right"
                elif kwic and column == "match":
                    props += " font-weight: bold; white-space: nowrap;"
                elif kwic and column == "right":
                    props += " white-space: nowrap;"
            styles.append({"selector": f"td.col{i}", "props": props})
            styles.append({"selector": f"th.col{i}", "props": f"text-align: {align};"})
        styler.set_table_styles(styles, overwrite=False)
        box = ""
        if len(frame) > self.height_rows:
            box = f" max-height: {self.height_rows * 2.1 + 2:.0f}em;"
        note = ""
        if self.total > len(frame):
            note = (f"<p><em>显示前 {len(frame):,} 行，共 {self.total:,} 行。The first {len(frame):,} of "
                    f"{self.total:,} rows; the CSV tables of 05_export hold them all.</em></p>")
        return (f'<div class="analysis-table" style="overflow: auto;{box}">{styler.to_html()}</div>{note}')

    def __repr__(self) -> str:
        if self.frame.empty:
            return self.empty
        return self._cells().to_string()


def _linked(escaped: str, *, address: Callable[[str], str | None]) -> str:
    """A cell's text (already escaped) as a link to ``address(text)``, or as it is where there is none."""
    href = address(html.unescape(escaped))
    return f'<a href="{html.escape(href)}">{escaped}</a>' if href else escaped


def reading_links(result, layer: str, folder: str | None = None) -> Callable[[str], str | None]:
    """For a table of ``result`` whose rows are terms of a layer of the reading page (``sl`` slogans,
    ``vb`` action verbs, ``md`` directive markers): the address of a term's places on the reading page
    of the first document it occurs in, the pages being in ``folder`` beside the chapter's page
    (``make run``: ``read``). No folder, no links (a page opened on its own has no reading pages)."""
    from analysis.outputs.reading import LAYERS, page_names, term_link

    table = next(layer_.table for layer_ in LAYERS if layer_.prefix == layer)
    rows = result.tables.get(table)
    if folder is None or rows is None or rows.empty:
        return lambda term: None
    column = "term" if "term" in rows.columns else "token"
    first = dict(zip(rows[column][::-1], rows["doc"][::-1]))
    names = page_names(result.tables["documents"]["doc"])
    return lambda term: term_link(names[first[term]], layer, term, folder=folder) if term in first else None


def table(frame: pd.DataFrame | pd.Series, *, empty: str = "（没有内容 nothing here）", sections: pd.DataFrame | None = None,
          height_rows: int = SCROLL_ROWS, max_rows: int = MAX_ROWS, vertical: bool = False,
          links: Mapping[str, Callable[[str], str | None]] | None = None) -> Table:
    """Return a table to show on a page.

    ``empty`` is the sentence shown when there is no row. ``sections`` (the sections table) puts each
    section's heading beside its label. A one-row frame with ``vertical`` is shown as field and value.
    A Series is shown as a two-column table, never as Python's printout (no ``dtype:`` line). Columns
    with nothing in them are left out (a vertical table keeps its empty fields). ``links`` makes the
    cells of a column links: ``{"term": reading_links(result, "sl", "read")}``.
    """
    import pandas as pd

    if isinstance(frame, pd.Series):
        frame = frame.rename_axis(frame.index.name or "").reset_index(name=frame.name or "value")
    vertical = vertical and len(frame) == 1
    if vertical:
        frame = pd.DataFrame({"field": frame.columns, "value": [_value(v) for v in frame.iloc[0]]})
    if sections is not None:
        frame = with_headings(frame, sections)
    return Table(frame, empty=empty, height_rows=height_rows, max_rows=max_rows, keep_empty=vertical, links=links)


def _value(v: Any) -> str:
    try:
        import pandas as pd

        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v)


def written(paths: Iterable[Path]) -> Table:
    """Return a table of the files written: name, folder and size."""
    import pandas as pd

    paths = sorted(Path(p) for p in paths)
    return table(pd.DataFrame({"file": [p.name for p in paths], "folder": [_shown_path(p.parent) for p in paths],
                           "kB": [round(p.stat().st_size / 1024, 1) for p in paths]}),
                 empty="（没有写出文件 no file written）")


# == notes and figures ===================================================================================

def note(text: str):
    """Return a sentence (Markdown) to show on a page, in place of a printout."""
    from IPython.display import Markdown

    return Markdown(text)


def charted_documents(documents: pd.DataFrame, hits: pd.DataFrame, *, limit: int | None = DOCUMENTS_CHARTED,
                      what: tuple[str, str] = ("提法", "slogans")) -> list[str]:
    """Return the documents to draw a per-document chart of, and show a sentence saying which.

    Only documents with a row in ``hits`` have a chart; of these, the first ``limit`` (``None``: all).
    The sentence says how many are left out, so that a page on 52 reports draws three charts, not 52.
    """
    having = set(hits["doc"]) if len(hits) else set()
    docs = [d for d in documents["doc"] if d in having]
    shown = docs if limit is None else docs[: max(0, limit)]
    zh, en = what
    total = len(documents)
    if not docs:
        text = (f"这篇讲话里没有{zh}，所以没有图。There are no {en} in this speech, so there is no chart."
                if total == 1 else
                f"这 {total} 篇文献里都没有{zh}，所以没有图。None of the {total} documents has {en}, so there is no chart.")
    elif total == 1:
        return shown
    else:
        text = (f"{total} 篇文献中有 {len(docs)} 篇有{zh}；下面是前 {len(shown)} 篇的图"
                + (f"，另有 {len(docs) - len(shown)} 篇没有画出（参数 `per_document` 决定画几篇）" if len(docs) > len(shown) else "")
                + f"。{len(docs)} of the {total} documents have {en}; the charts of the first {len(shown)} follow"
                + (f", {len(docs) - len(shown)} more are not drawn (the parameter `per_document` sets how many)"
                   if len(docs) > len(shown) else "") + ".")
    _say(text)
    return shown


def _say(text: str) -> None:
    """Show a sentence on the page now (in a notebook; elsewhere, print it)."""
    from IPython import get_ipython
    from IPython.display import display

    if get_ipython() is None:
        print(text)
    else:
        display(note(text))


def alt_text(figure) -> str:
    """Return a figure's alternative text, read from what it draws: each chart's title, its kind, and
    its rows (bars with their values), series or columns."""
    parts = []
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        parts.append(suptitle.get_text().replace("\n", " "))
    for ax in figure.axes:
        named = getattr(ax, "_named_speech", None)  # the speech's name as given, not as broken to fit
        right = named[0] if named and named[0] and named[2] != "en" else ax.get_title(loc="right")
        heading = " ".join(t.strip() for t in (ax.get_title(loc="left"), ax.get_title(), right) if t and t.strip())
        if not heading and not ax.get_yticklabels():
            continue
        if not heading and ax.get_label() == "<colorbar>":
            continue
        rows = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        if ax.images:
            kind = "热图 heatmap" if rows else "图像 image"
            columns = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels() if t.get_text()]
            detail = (f"行 rows: {'、'.join(rows[:20])}" + (f"; 列 columns: {'、'.join(columns[:20])}" if columns else "")
                      if rows else "")
        elif ax.patches and rows:
            kind = "条形图 bar chart"
            widths = {round(p.get_y() + p.get_height() / 2, 3): p.get_width() for p in ax.patches
                      if hasattr(p, "get_width") and hasattr(p, "get_y")}
            pairs = []
            for y, label in sorted(zip(ax.get_yticks(), rows), reverse=True):
                width = widths.get(round(y, 3))
                pairs.append(f"{label} {width:g}" if width is not None else label)
            detail = "、".join(pairs[:20]) + ("…" if len(pairs) > 20 else "")
        elif ax.collections and rows:  # before lines: a dispersion plot marks its sections with lines
            kind = "分布图 dispersion plot"
            detail = f"行 rows: {'、'.join(rows[:20])}"
        elif ax.lines and ax.get_legend() is not None:
            kind = "折线图 line chart"
            detail = "、".join(t.get_text() for t in ax.get_legend().get_texts())
        else:
            kind, detail = "图 chart", "、".join(rows[:20])
        parts.append(f"{heading.replace(chr(10), ' ')}（{kind}）" + (f": {detail}" if detail else ""))
    return "; ".join(parts) or "图 chart"


def show(chart, *, alt: str | None = None) -> None:
    """Show a chart (an ``ax`` or a figure) with alternative text, then close it.

    ``alt`` defaults to what ``alt_text`` reads from the chart. Closing each figure once shown keeps
    a page that draws many charts within matplotlib's limit of open figures.
    """
    from IPython.core.pylabtools import retina_figure
    from IPython.display import display

    figure = chart.get_figure() if hasattr(chart, "get_figure") and not hasattr(chart, "savefig") else chart
    text = alt or alt_text(figure)
    drawn = retina_figure(figure, base64=True, bbox_inches="tight")
    if drawn is None:  # a figure with nothing on it
        return
    png, size = drawn
    display({"image/png": png, "text/plain": text}, raw=True, metadata={"image/png": {**size, "alt": text}})
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close(figure)
