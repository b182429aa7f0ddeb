"""Tables of the documents and their parts: one row per document, section, sub-section and sentence.

Each function reads one chunk (or one document's summary), so that a long speech gives its tables
chunk by chunk; ``merge_sections`` joins the parts of a section that a chunk edge cut in two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.measures.registry import Measure, RunParts, Table, Work, register
from analysis.text.textio import printable

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk, Document, ReadReport

SECTION_COLUMNS = ["doc", "section", "section_index", "heading", "start", "end", "chars", "sentences"]
SUBSECTION_COLUMNS = ["doc", "subsection", "subsection_index", "section", "section_index", "heading", "start", "end",
                      "chars", "sentences"]
SENTENCE_COLUMNS = ["doc", "section", "section_index", "subsection", "subsection_index", "paragraph", "sentence", "start", "end", "chars", "text"]
DOCUMENT_COLUMNS = ["doc", "file", "title", "speaker", "speaker_role", "occasion", "group", "date", "year",
                    "date_precision", "date_source", "source_site", "language", "encoding", "sha256", "characters",
                    "sections", "sentences", "removed_lines"]


def sentences_frame(chunk: Chunk) -> pd.DataFrame:
    """Return one row per sentence: doc, section, section index, paragraph, sentence, offsets, text."""
    import pandas as pd

    labels, sublabels = chunk.structure.labels(), chunk.structure.subsection_labels()
    rows = [(chunk.doc_id, labels[s.section], s.section, sublabels[s.subsection], s.subsection, s.paragraph, s.index,
             chunk.offset + s.start, chunk.offset + s.end, s.end - s.start, s.text) for s in chunk.sentences]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def sections_frame(chunk: Chunk) -> pd.DataFrame:
    """Return one row per section of a chunk: heading, offsets, length and sentences (see ``merge_sections``)."""
    import pandas as pd

    sentences: dict[int, int] = {}
    for s in chunk.sentences:
        sentences[s.section] = sentences.get(s.section, 0) + 1
    rows = [(chunk.doc_id, s.label, s.index, s.heading, chunk.offset + s.start, chunk.offset + s.end,
             s.end - s.start, sentences.get(s.index, 0)) for s in chunk.sections]
    return pd.DataFrame(rows, columns=SECTION_COLUMNS)


def subsections_frame(chunk: Chunk) -> pd.DataFrame:
    """Return one row per sub-section of a chunk (``（一）`` ..., and each section's lead-in): its section,
    heading, offsets, length and sentences (see ``merge_sections``)."""
    import pandas as pd

    sentences: dict[int, int] = {}
    for s in chunk.sentences:
        sentences[s.subsection] = sentences.get(s.subsection, 0) + 1
    rows = [(chunk.doc_id, s.label, s.index, s.section_label, s.section, s.heading, chunk.offset + s.start,
             chunk.offset + s.end, s.end - s.start, sentences.get(s.index, 0)) for s in chunk.structure.subsections]
    return pd.DataFrame(rows, columns=SUBSECTION_COLUMNS)


def merge_sections(parts: pd.DataFrame, *, level: str = "section") -> pd.DataFrame:
    """Join the rows of one section (or sub-section) read in several chunks: first start, last end,
    sentences added up."""
    key = f"{level}_index"
    if parts.duplicated(["doc", key]).sum() == 0:
        return parts.reset_index(drop=True)
    keep = [c for c in parts.columns if c not in ("doc", key, "start", "end", "chars", "sentences")]
    merged = parts.groupby(["doc", key], sort=False).agg(
        **{c: (c, "first") for c in keep}, start=("start", "min"), end=("end", "max"),
        sentences=("sentences", "sum")).reset_index()
    merged["chars"] = merged["end"] - merged["start"]
    return merged[list(parts.columns)]


def document_row(document: Document, report: ReadReport, *, title: str, sections: int) -> dict:
    """Return a document's row: provenance from its metadata, its date, and what reading it found."""
    meta = document.metadata
    row = {f: str(meta.get(f, "")) for f in ("speaker", "speaker_role", "occasion", "group", "source_site", "language")}
    return {
        "doc": document.id, "file": printable(document.path.name), "title": str(meta.get("title") or title), **row,
        "date": str(document.date), "year": document.date.year, "date_precision": document.date.precision,
        "date_source": document.date_source, "encoding": document.encoding, "sha256": document.sha256,
        "characters": report.characters, "sections": sections, "sentences": report.sentences,
        "removed_lines": report.removed,
    }


def removed_frame(chunk: Chunk) -> pd.DataFrame:
    """Return what cleaning removed from a chunk: doc, reason (footer, page chrome, template, caption,
    dateline), line."""
    import pandas as pd

    return pd.DataFrame({"doc": chunk.doc_id, "reason": [r for r, _ in chunk.removed],
                         "line": [line for _, line in chunk.removed]}, columns=REMOVED_COLUMNS)


def text_frame(chunk: Chunk) -> pd.DataFrame:
    """Return a chunk's cleaned text: doc, text (the chunks of a document join to its whole text)."""
    import pandas as pd

    return pd.DataFrame({"doc": [chunk.doc_id], "text": [chunk.text]})


def join_texts(parts: pd.DataFrame) -> pd.DataFrame:
    """Join the texts of each document's chunks: one row per document, doc and text."""
    if parts.empty:
        return parts.reindex(columns=TEXT_COLUMNS)
    return parts.groupby("doc", sort=False)["text"].agg("".join).reset_index()[TEXT_COLUMNS]


TEXT_COLUMNS = ["doc", "text"]
REMOVED_COLUMNS = ["doc", "reason", "line"]
_PARTS = {"sentences": sentences_frame, "sections": sections_frame, "subsections": subsections_frame,
          "removed": removed_frame, "text": text_frame}


def _analyse(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    return {part: _PARTS[part](work.chunk) for part in want}


def _combine(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    build = {"documents": lambda: run.documents, "removed": lambda: run.parts["removed"],
             "sections": lambda: merge_sections(run.parts["sections"]),
             "subsections": lambda: merge_sections(run.parts["subsections"], level="subsection"),
             "sentences": lambda: run.parts["sentences"], "texts": lambda: join_texts(run.parts["text"])}
    return {name: build[name]() for name in want}


register(Measure(
    name="documents", position=10,
    summary="the documents, what cleaning removed, their sections, sub-sections and sentences, their cleaned texts",
    tables=(Table("documents", "document: id, file, title, date and its precision, provenance, encoding, SHA-256, length",
                  tuple(DOCUMENT_COLUMNS)),
            Table("removed", "what cleaning removed, and why: a footer, page chrome, a template (lines that close "
                             "most of the corpus's documents), a photo caption, an agency dateline",
                  tuple(REMOVED_COLUMNS), ("removed",)),
            Table("sections", "section of a document (一、二、…; the preamble before them is 引言), with offsets",
                  tuple(SECTION_COLUMNS), ("sections",)),
            Table("subsections", "sub-section （一）（二）… of a section (and each section's lead-in before its first "
                                 "one), with offsets", tuple(SUBSECTION_COLUMNS), ("subsections",)),
            Table("sentences", "sentence, with its place and offsets", tuple(SENTENCE_COLUMNS), ("sentences",)),
            Table("texts", "document: its cleaned text, which every offset of every table indexes",
                  tuple(TEXT_COLUMNS), ("text",), default=False)),
    parts=tuple(_PARTS), analyse=_analyse, combine=_combine,
))
