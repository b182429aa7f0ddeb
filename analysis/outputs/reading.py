"""The reading page: a document's cleaned text with its devices marked, one self-contained HTML file.

Marked in the text, each layer in a style that shows without colour: slogans of the lexicon
(underlined, tinted by category), numbered formulations and quoted terms (a dashed outline), parallel
series (a dotted line under the series, and over its shared part), action verbs (bold) and directive
markers (a ring, by class). Every mark comes from a row of the run's tables (``slogan_matches``,
``formulation_matches``, ``parallels``, ``verb_tokens``, ``modality_tokens``), the same rows the CSV
files hold: the page counts nothing itself.

A side panel lists each layer's terms with their counts; choosing one highlights its places and steps
through them. The page needs no server and makes no network request (its Content-Security-Policy
allows only its own inline style and script, by hash); with JavaScript off the text, its marks, the
legend and the counts still show, and the layers still switch on and off (CSS ``:has``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.files import OutputFolder
from analysis.outputs.export import safe_name
from analysis.outputs.labels import speech_name

if TYPE_CHECKING:
    import pandas as pd

Result = Any  # a run's result: analysis.engine.CorpusResult (tables by name, documents, options); outputs never import the engine
READING_TABLES = ("documents", "texts", "sections", "subsections", "slogans", "slogan_matches",
                  "formulation_matches", "parallels", "verbs", "verb_tokens", "modality", "modality_tokens")
TEMPLATES = Path(__file__).resolve().parent / "templates" / "read"
GENERATOR = "analysis reading page"  # names the pages this module writes


@dataclass(frozen=True)
class Layer:
    """A kind of mark: its prefix in the page (the CSS class and the ids of its marks), its names, and
    the table its marks come from."""

    prefix: str
    zh: str
    en: str
    table: str
    about_zh: str
    about_en: str


LAYERS = (
    Layer("sl", "提法", "Slogans", "slogan_matches", "词表中的提法，按类别着色，加下划线",
          "formulations of the lexicon: underlined, tinted by category"),
    Layer("fm", "数字略语与引号", "Numbered and quoted", "formulation_matches", "数字略语（四个意识）和引号里的说法：虚线框",
          "numbered formulations (四个意识) and quoted terms: a dashed box"),
    Layer("pa", "排比", "Parallel series", "parallels", "排比：整组下加点线，共同部分上加点线",
          "parallel series: dotted line under the series, and over the part its items share"),
    Layer("vb", "行动动词", "Action verbs", "verb_tokens", "行动动词：粗体", "action verbs: bold"),
    Layer("md", "指令性情态词", "Directive markers", "modality_tokens", "指令性情态词：圆框（实线：必须；细线加斜体：力度；双线：禁止）",
          "directive markers: a ring (solid: obligation; thin and italic: intensity; double: prohibition)"),
)
MODALITY_CLASSES = {"obligation": "必须 obligation", "intensity": "力度 intensity", "prohibition": "禁止 prohibition"}
FORMULATION_KINDS = {"numbered": "数字略语 numbered formulation", "quoted": "引号中的说法 quoted term",
                     "title": "书名号中的标题 title in 《》"}
PARALLEL_KINDS = {"head": "句首相同 same opening", "tail": "句尾相同 same ending",
                  "frame": "框架相同 same frame", "structure": "结构相同 same structure"}


@dataclass(frozen=True)
class Mark:
    """One marked place: a row of a table."""

    id: str          # prefix and number: sl3
    key: str         # what the panel lists it under: sl:疫情就是命令
    start: int
    end: int
    classes: str     # its CSS classes: "sl c-mobilisation"
    label: str       # what hovering shows: layer, category and English gloss


# == marks from the tables ================================================================================

def _rows(result: Result, table: str, doc: str) -> pd.DataFrame:
    frame = result.tables.get(table)
    if frame is None or frame.empty:
        return frame.iloc[0:0] if frame is not None else None
    return frame[frame["doc"] == doc].sort_values(["start", "end"], kind="stable")


def _glosses(frame: pd.DataFrame | None, key: str) -> dict[str, str]:
    if frame is None or frame.empty or "gloss" not in frame:
        return {}
    return dict(zip(frame[key], frame["gloss"].fillna("")))


def document_marks(result: Result, doc: str, text: str) -> list[Mark]:
    """Every mark of document ``doc`` (whose cleaned text is ``text``), from the run's tables, in the
    order of the layers and then of the text. A parallel series also marks the part its items share
    (ids ``ps``, not counted as marks of their own)."""
    marks: list[Mark] = []
    slogans = result.tables.get("slogans")
    categories = ({} if slogans is None else
                  dict(zip(slogans["term"], slogans["category_zh"] + " " + slogans["category_en"])))
    slogan_gloss = _glosses(slogans, "term")
    verb_gloss = _glosses(result.tables.get("verbs"), "verb")
    for layer in LAYERS:
        rows = _rows(result, layer.table, doc)
        if rows is None:
            continue
        for n, row in enumerate(rows.to_dict("records")):
            ident, start, end = f"{layer.prefix}{n}", int(row["start"]), int(row["end"])
            if layer.prefix == "sl":
                term = row["term"]
                marks.append(Mark(ident, f"sl:{term}", start, end, f"sl c-{_css(row['category'])}",
                                  _label(layer, categories.get(term, row["category"]), term, slogan_gloss.get(term, ""))))
            elif layer.prefix == "fm":
                extra = f"= {row['expansion']}" if row.get("expansion") else ""
                marks.append(Mark(ident, f"fm:{row['term']}", start, end, f"fm k-{_css(row['kind'])}",
                                  _label(layer, FORMULATION_KINDS.get(row["kind"], row["kind"]), row["term"], extra)))
            elif layer.prefix == "pa":
                shown = _series_name(row["kind"], row["shared"])
                marks.append(Mark(ident, f"pa:{shown}", start, end, "pa",
                                  _label(layer, PARALLEL_KINDS.get(row["kind"], row["kind"]), shown,
                                         f"{row['n_items']} 项 items")))
                marks.extend(Mark(f"ps{n}-{k}", "", s, e, "ps", "")
                             for k, (s, e) in enumerate(shared_spans(text, start, end, row["items"], row["kind"],
                                                                     row["shared"])))
            elif layer.prefix == "vb":
                marks.append(Mark(ident, f"vb:{row['token']}", start, end, "vb",
                                  _label(layer, "", row["token"], verb_gloss.get(row["token"], ""))))
            else:
                cls = row.get("class", "")
                marks.append(Mark(ident, f"md:{row['token']}", start, end, f"md m-{_css(cls)}",
                                  _label(layer, MODALITY_CLASSES.get(cls, cls), row["token"], row.get("gloss") or "")))
    return marks


def _css(name: str) -> str:
    """A category or class of a lexicon (user data) as a safe CSS class name."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", str(name)) or "_"


def _label(layer: Layer, kind: str, term: str, gloss: str) -> str:
    return " · ".join(dict.fromkeys(part for part in (f"{layer.zh} {layer.en}", kind, term.strip("（）"), gloss)
                                    if part))


def _series_name(kind: str, shared: str) -> str:
    """How the panel names a series: by its shared part where it opens (早…) or closes (…有责)."""
    if not shared:
        return "（结构相同 same structure）"
    if kind == "head":
        return f"{shared}…"
    if kind == "tail":
        return f"…{shared}"
    return shared


def shared_spans(text: str, start: int, end: int, items: str, kind: str, shared: str) -> list[tuple[int, int]]:
    """The places of the part a series' items share: each item's opening (head), ending (tail), or the
    pieces of its frame (…产业…); none for a series alike only in structure."""
    pieces = [p for p in shared.split("…") if p]
    spans: list[tuple[int, int]] = []
    at = start
    for item in items.split("|"):
        where = text.find(item, at, end)
        if where < 0:
            continue
        at = where + len(item)
        if kind == "head" and pieces and item.startswith(pieces[0]):
            spans.append((where, where + len(pieces[0])))
        elif kind == "tail" and pieces and item.endswith(pieces[-1]):
            spans.append((at - len(pieces[-1]), at))
        elif kind == "frame":
            inner = 0
            for piece in pieces:
                found = item.find(piece, inner)
                if found < 0:
                    break
                spans.append((where + found, where + found + len(piece)))
                inner = found + len(piece)
    return spans


# == the page ===============================================================================================

def _piece(text: str, over: Iterable[Mark], opened: set[str]) -> str:
    """One piece of text under the marks ``over``: a span naming the counted ones (``data-m``), with
    their classes and labels; the piece where a mark begins carries its id, as an anchor (#sl3)."""
    over = list(over)
    if not over:
        return html.escape(text)
    counted = [m for m in over if m.key]
    attributes = [f'class="{" ".join(dict.fromkeys(c for m in over for c in m.classes.split()))}"']
    if counted:
        attributes.append(f'data-m="{" ".join(m.id for m in counted)}"')
        attributes.append(f'title="{html.escape(chr(10).join(m.label for m in counted))}"')
        first = [m.id for m in counted if m.id not in opened]
        if first:
            attributes.append(f'id="{first[0]}"')
            opened.update(first)
    return f"<span {' '.join(attributes)}>{html.escape(text)}</span>"


def _body(text: str, marks: list[Mark], headings: dict[int, str]) -> str:
    """The text as paragraphs, one per line (a line that opens a section is a heading), cut at every
    mark's edge in one sweep over the text."""
    starts: dict[int, list[Mark]] = defaultdict(list)
    ends: dict[int, list[Mark]] = defaultdict(list)
    for m in marks:
        if 0 <= m.start < m.end <= len(text):
            starts[m.start].append(m)
            ends[m.end].append(m)
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    edges = sorted({0, len(text), *starts, *ends, *breaks, *(i + 1 for i in breaks)})
    active: dict[str, Mark] = {}
    opened: set[str] = set()
    out: list[str] = []
    line: list[str] = []
    line_start = 0

    def close() -> None:
        if "".join(line).strip():
            tag = headings.get(line_start, "p")
            out.append(f"<{tag}>{''.join(line)}</{tag}>")
        line.clear()

    for a, b in zip(edges, edges[1:]):
        for m in ends.get(a, ()):
            active.pop(m.id, None)
        for m in starts.get(a, ()):
            active[m.id] = m
        if text[a:b] == "\n":
            close()
            line_start = b
            continue
        line.append(_piece(text[a:b], active.values(), opened))
    close()
    return "\n".join(out)


def _panel(marks: list[Mark]) -> str:
    """The side panel: per layer a switch, and its terms with their counts (buttons)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    style: dict[str, str] = {}  # a term's sample: its layer's style, and a slogan's category tint
    for m in marks:
        if m.key:
            counts[m.key[:2]][m.key] += 1
            style.setdefault(m.key, " ".join(c for c in m.classes.split() if "-" in c))
    parts = []
    for layer in LAYERS:
        terms = sorted(counts[layer.prefix].items(), key=lambda kv: (-kv[1], kv[0]))
        total = sum(n for _, n in terms)
        buttons = "\n".join(
            f'<li><button type="button" class="term" data-key="{html.escape(key)}" aria-pressed="false">'
            f'<span class="{layer.prefix}-sample {style.get(key, "")}">{html.escape(key[3:])}</span> '
            f'<span class="n">{n}</span></button></li>'
            for key, n in terms) or '<li class="none">（没有 none）</li>'
        parts.append(
            f'<section class="layer" data-layer="{layer.prefix}">\n'
            f'<h3><label><input type="checkbox" id="show-{layer.prefix}" checked> '
            f'<span class="{layer.prefix}-sample">{layer.zh}</span> {layer.en}</label> '
            f'<span class="total" data-total="{layer.prefix}">{total}</span></h3>\n'
            f'<details{" open" if len(terms) <= 40 else ""}><summary>{len(terms)} 个词语 terms</summary>'
            f'<ul class="terms">\n{buttons}\n</ul></details>\n</section>')
    return "\n".join(parts)


def _legend(categories: dict[str, str], kind: str = "") -> str:
    """The key: each layer's style, and the tint of each slogan category the text holds."""
    items = "\n".join(f'<li><span class="{layer.prefix}-sample">{layer.zh}</span> {layer.en}: '
                      f'{layer.about_zh}；{layer.about_en}</li>' for layer in LAYERS)
    tints = " ".join(f'<span class="sl-sample c-{_css(key)}">{html.escape(name)}</span>'
                     for key, name in categories.items())
    tints = f"<p>提法类别 Slogan categories: {tints}</p>" if tints else ""
    return f'<ul class="legend{kind}">\n{items}\n</ul>\n{tints}'


def _metadata(row: pd.Series) -> str:
    fields = (("日期 Date", row.get("date")), ("讲话人 Speaker", row.get("speaker") or row.get("speaker_role")),
              ("场合 Occasion", row.get("occasion")), ("来源 Source", row.get("source_site")),
              ("文件 File", row.get("file")), ("字数 Characters", f"{int(row['characters']):,}"))
    return "\n".join(f"<dt>{name}</dt><dd>{html.escape(str(value))}</dd>" for name, value in fields
                     if value is not None and str(value) and str(value) != "nan")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode() + "'"


@lru_cache(maxsize=None)
def _template(name: str) -> str:
    """The text of a file of ``templates/read`` (read once, not once a page)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def category_tints(result: Result) -> str:
    """The style rules that tint each slogan category of the run's lexicon: a light shade of the colour
    its charts give it (``plots.category_colours``, in the lexicon's order), so that a category reads
    the same on the page and in the charts, for any lexicon of one's own."""
    from analysis.outputs.plots import category_colours

    keys = [c.key for c in result.options.lexicons.slogans.categories]
    return "\n".join(f".c-{_css(key)} {{ background: {_tint(colour)}; }}" for key, colour in category_colours(keys).items())


def _tint(colour: str, share: float = 0.32) -> str:
    """``colour`` (#rrggbb) mixed with white, ``share`` of it kept: a background text stays readable on."""
    channels = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in channels)


def _head(title: str, *, script: str | None = None, style_extra: str = "") -> str:
    """A page's <head>: its Content-Security-Policy (nothing but the page's own style and ``script``,
    allowed by their hashes), its title, the generator line that says this module wrote it, the style."""
    style = _template("read.css") + ("\n" + style_extra if style_extra else "")
    allowed = f"style-src {_csp_hash(style)}; " + (f"script-src {_csp_hash(script)}; " if script else "")
    csp = (f"default-src 'none'; {allowed}img-src 'none'; connect-src 'none'; font-src 'none'; base-uri 'none'; "
           "form-action 'none'")
    return f"""<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="generator" content="{GENERATOR}">
<title>阅读 Read · {html.escape(title)}</title>
<style>{style}</style>
</head>"""


def _how(result: Result) -> str:
    """How the counts were made: the tokenizer and its version, and whether the text was converted."""
    from analysis.text.tokenizers import get_tokenizer

    options = result.options
    tokenizer = get_tokenizer(options.tokenizer, userdict=options.lexicons.userdict)
    converted = "是：繁体已转为简体 yes: traditional characters converted" if options.simplified else "否 no"
    return (f"<dt>分词 Tokenizer</dt><dd>{html.escape(tokenizer.name)} {html.escape(tokenizer.version)}</dd>\n"
            f"<dt>繁转简 Simplified</dt><dd>{converted}</dd>")


def reading_html(result: Result, doc: str, text: str, *, index: str | None = "index.html",
                 home: str | None = None) -> str:
    """Return the reading page of document ``doc`` of ``result`` (its cleaned text ``text``); ``index``
    is the address of the list of pages, ``home`` that of the chapters' index, if any."""
    documents = result.tables["documents"]
    row = documents[documents["doc"] == doc].iloc[0]
    marks = document_marks(result, doc, text)
    slogans = result.tables.get("slogans")
    matches = _rows(result, "slogan_matches", doc)
    present = set() if matches is None else set(matches["category"])  # the categories the text holds
    categories = ({} if slogans is None else
                  {k: f"{zh} {en}" for k, zh, en in zip(slogans["category"], slogans["category_zh"],
                                                        slogans["category_en"]) if k in present})
    headings: dict[int, str] = {}
    for table, tag in (("subsections", "h3"), ("sections", "h2")):
        frame = result.tables.get(table)
        if frame is not None and not frame.empty:
            for s in frame[(frame["doc"] == doc) & (frame["heading"] != "")].itertuples():
                headings[int(s.start)] = tag
    data = defaultdict(lambda: {"ids": [], "labels": []})  # per term: its places, and what each is
    for m in marks:
        if m.key:
            data[m.key]["ids"].append(m.id)
            data[m.key]["labels"].append(m.label)
    script = _template("read.js")
    name = speech_name(documents, doc if len(documents) > 1 else None)
    links = [f'<a href="{html.escape(home)}">← 章节 Chapters</a>' if home else "",
             f'<a href="{html.escape(index)}">全部文献 All documents</a>' if index else ""]
    back = f'<p class="back">{" · ".join(a for a in links if a)}</p>' if any(links) else ""
    # inside <script>, no <, > or & at all (<!--<script> would swallow the next script), as JSON escapes
    marks_json = (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
{_head(name, script=script, style_extra=category_tints(result))}
<body>
<a class="skip" href="#text">跳到正文 Skip to the text</a>
<header>
{back}
<p class="to-terms"><a href="#terms">↓ 词语列表 The terms</a></p>
<h1>{html.escape(str(row["title"]) or name)}</h1>
<dl class="meta">
{_metadata(row)}
{_how(result)}
</dl>
<details class="about"><summary>图例 Legend</summary>
{_legend(categories)}
<p>把鼠标移到标记上可看到类别和英文释义；在右侧选择一个词语可逐个查看它出现的地方。
Hover over a mark for its category and English gloss; choose a term on the right to step through its places.</p>
</details>
<div class="print-legend">{_legend(categories)}</div>
</header>
<div class="page">
<main id="text" lang="zh-Hans">
{_body(text, marks, headings)}
</main>
<aside id="terms" aria-label="标记 Marks">
<div class="nav" role="group" aria-label="逐个查看 Step through" hidden>
<button type="button" id="prev">← 上一个 Previous</button>
<button type="button" id="next">下一个 Next →</button>
<button type="button" id="clear">清除 Clear</button>
<p id="status" aria-live="polite">选择一个词语 Choose a term</p>
</div>
<div class="layers">
{_panel(marks)}
</div>
</aside>
</div>
<script type="application/json" id="marks">{marks_json}</script>
<script>{script}</script>
</body>
</html>
"""


# == pages for a corpus ======================================================================================

def document_text(result: Result, doc: str) -> str:
    """The cleaned text of a document of ``result`` (its ``texts`` table: the text the run read, which
    the offsets of its tables index; the file is not read again)."""
    texts = result.tables["texts"]
    return texts.loc[texts["doc"] == doc, "text"].iloc[0]


def page_names(ids: Iterable[str]) -> dict[str, str]:
    """The file name of each document's reading page: its id made safe (``safe_name``), or, where that
    changed the id, would clash with another page (also in a case-insensitive file system) or with
    ``index.html``, the id with a short hash of itself."""
    names: dict[str, str] = {}
    taken = {"index.html"}
    for doc in ids:
        name = f"{safe_name(doc)}.html"
        if safe_name(doc) != doc or name.lower() in taken:
            name = f"{safe_name(doc)[:120]}-{hashlib.sha256(doc.encode('utf-8', 'surrogateescape')).hexdigest()[:8]}.html"
        taken.add(name.lower())
        names[doc] = name
    return names


def _href(name: str) -> str:
    """A file name as a relative link (# and % in it are not a fragment or an escape)."""
    from urllib.parse import quote

    return html.escape(quote(name))


def index_html(result: Result, *, home: str | None = None) -> str:
    """The list of the reading pages: one line per document, with its date and the counts of each layer."""
    documents = result.tables["documents"]
    names = page_names(documents["doc"])
    counts = {layer.prefix: (result.tables[layer.table]["doc"].value_counts()
                             if layer.table in result.tables and not result.tables[layer.table].empty else {})
              for layer in LAYERS}
    head = "".join(f"<th>{layer.zh}<br>{layer.en}</th>" for layer in LAYERS)
    rows = "\n".join(
        f'<tr><td><a href="{_href(names[d.doc])}">{html.escape(str(d.title) or str(d.file))}</a>'
        f'<br><small>{html.escape(str(d.doc))}</small></td><td>{html.escape(str(d.date or ""))}</td>'
        + "".join(f'<td class="n">{int(counts[layer.prefix].get(d.doc, 0))}</td>' for layer in LAYERS) + "</tr>"
        for d in documents.itertuples())
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
{_head(speech_name(documents))}
<body class="index">
{f'<p class="back"><a href="{html.escape(home)}">← 章节 Chapters</a></p>' if home else ""}
<h1>阅读讲话 Read the speeches</h1>
<p>每篇文献一页：全文，标出提法、排比、行动动词和指令性情态词。
One page per document: its text with formulations, parallel series, action verbs and directive markers marked.</p>
<table>
<thead><tr><th>文献 Document</th><th>日期 Date</th>{head}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


def write_reading_pages(result: Result, out: str | Path, *, home: str | None = None) -> list[Path]:
    """Write a reading page for every document of ``result`` into ``out``, and ``out/index.html``;
    return the pages written (the index last).

    ``out`` is an ``OutputFolder``: a file there that this tool did not write (an input, a page of the
    user's own, a page the user edited) is never replaced (``InputError``, before anything is written);
    the pages are moved into place together, the index with them; reading pages of an earlier run that
    this run did not write are removed. ``home``: the address of the chapters' index, linked from
    every page."""
    folder = OutputFolder(out, inputs=[d.path for d in result.documents])
    folder.remove_leftovers()
    names = page_names(d.id for d in result.documents)
    pages = {names[d.id]: reading_html(result, d.id, document_text(result, d.id), home=home) for d in result.documents}
    written = folder.write_set({**pages, "index.html": index_html(result, home=home)})
    folder.remove_unwritten()
    folder.save()
    return written


def term_link(page: str, layer: str, term: str, *, folder: str = "read") -> str:
    """The address of a term's places on a reading page (its file name ``page``), from beside ``folder``."""
    from urllib.parse import quote

    return f"{quote(folder)}/{quote(page)}#t={quote(f'{layer}:{term}')}"
