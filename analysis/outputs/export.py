"""Export stage: write tables (and, through ``save_figure``, figures) so that no reader ever sees half a file.

Every file is written to a temporary file in the same directory and renamed into place: an
interrupted run leaves the earlier file as it was, never a truncated one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analysis.files import OutputFolder, write_atomic  # noqa: F401 - write_atomic: written here since the first version

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

FIGURE_FORMATS = ("png", "svg", "pdf")
FIGURE_DPI = 300
# No dates, software versions or random ids in the files, so that a rerun writes the same bytes.
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def format_table(frame: pd.DataFrame, fmt: str) -> str:
    """Return a table as ``csv`` (UTF-8, header), ``json`` (a list of records) or ``table`` (aligned text)."""
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        return frame.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    if fmt == "table":
        import pandas as pd

        if frame.empty:
            return "(no rows)\n"
        with pd.option_context("display.unicode.east_asian_width", True, "display.max_rows", None,
                               "display.max_columns", None, "display.width", 200,
                               "display.max_colwidth", 60):
            return frame.to_string(index=False) + "\n"
    raise ValueError(f"unknown format {fmt!r}")


def display_width(text: str) -> int:
    """Return how many columns ``text`` takes in a terminal: two for a wide (CJK) character."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_kwic(lines: pd.DataFrame) -> str:
    """Return keyword-in-context lines for reading: left contexts right-aligned, so that the matches
    stand in one column, whatever the width of the characters; then the document and section."""
    if lines.empty:
        return "(no rows)\n"
    width = max(display_width(left) for left in lines["left"])
    match_width = max(display_width(match) for match in lines["match"])
    rows = []
    for r in lines.itertuples():
        pad = " " * (width - display_width(r.left))
        gap = " " * (match_width - display_width(r.match))
        rows.append(f"{pad}{r.left}  {r.match}{gap}  {r.right}    {r.doc} {r.section}")
    return "\n".join(rows) + "\n"


def lexicon_candidates(candidates: pd.DataFrame, *, category: str = "candidates") -> str:
    """Return formulations (from ``formulations.candidates``) as a slogan lexicon in the format of
    ``data/slogans.yaml``, for a person to review: each has the category ``candidates``, the gloss
    ``TODO`` and a note of where it was found. The text loads as a lexicon as it is."""
    import yaml

    header = (
        "# Lexicon candidates: formulations found in the texts that the lexicon does not list yet.\n"
        "# Written by `python -m analysis formulations --candidates`, for a person to review: keep the\n"
        "# real formulations, give each a category, variants, an English gloss and a note, and move them\n"
        "# into a lexicon of your own (`--lexicon`). Nothing here has been checked by a person.\n\n")
    entries = []
    for r in candidates.itertuples():
        where = f"first in {r.first_doc} at character {r.first_start}"
        note = f"{r.kind}, found {r.count} times in {r.documents} document(s), {r.quoted} quoted; {where}"
        if r.expansion:
            note += f"; expanded there as {r.expansion}"
        entries.append({"term": r.term, "category": category, "variants": [], "gloss": "TODO", "note": note})
    data = {"categories": {category: {"zh": "待审", "en": "to review"}}, "slogans": entries}
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV with a header into its folder (an ``OutputFolder``: a file of the
    user's there is never replaced); return the path."""
    folder = OutputFolder(Path(path).parent)
    written = folder.write(Path(path).name, format_table(frame, "csv"))
    folder.save()
    return written


def save_figure(fig: Figure, name: str, *, out: str | Path | OutputFolder = "figures",
                formats: tuple[str, ...] = FIGURE_FORMATS, svg_text: bool = False) -> list[Path]:
    """Write ``fig`` as ``out/NAME.FORMAT`` for each format (PNG at 300 dpi); return the paths.

    Metadata is stripped and SVG ids are salted with the name, so a rerun writes identical bytes;
    PDFs keep their text as text (searchable). SVG text is drawn as outlines, which look the same
    everywhere; with ``svg_text`` it stays text, in the font named (Noto Sans CJK SC), for a person
    who edits the figure in Inkscape or Illustrator with that font installed. Each file is written
    atomically, inside ``out``, an ``OutputFolder`` (a file of the user's there is never replaced).
    """
    import io

    import matplotlib as mpl

    unknown = [fmt for fmt in formats if fmt not in _METADATA]
    if unknown:  # before anything is written
        raise ValueError(f"unknown figure format {unknown[0]!r} (use {', '.join(FIGURE_FORMATS)})")
    folder = out if isinstance(out, OutputFolder) else OutputFolder(out)
    paths = []
    for fmt in dict.fromkeys(formats):
        buffer = io.BytesIO()
        with mpl.rc_context({"svg.hashsalt": name, "svg.fonttype": "none" if svg_text else "path",
                             "pdf.fonttype": 42}):
            fig.savefig(buffer, format=fmt, dpi=FIGURE_DPI, metadata=_METADATA[fmt], facecolor="white")
        inside(folder.root, f"{name}.{fmt}")  # a name never leads out of the folder
        paths.append(folder.write(f"{name}.{fmt}", buffer.getvalue()))
    if folder is not out:
        folder.save()
    return paths


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_name(name: str) -> str:
    """Return ``name`` (a document id) as one file name: path separators, ``..``, control characters
    and the characters Windows refuses become ``_``; a reserved device name (CON, NUL …) gets a ``_``."""
    import re

    cleaned = re.sub(r'[/\\\x00-\x1f\x7f<>:"|?*]', "_", str(name)).strip(" .") or "_"
    cleaned = cleaned.replace("..", "_")
    if cleaned.split(".")[0].upper() in _RESERVED:
        cleaned = "_" + cleaned
    return cleaned[:150]


def inside(out: str | Path, name: str) -> Path:
    """Return ``out/name``, refusing a name that would lead out of ``out``."""
    folder = Path(out).resolve()
    path = (folder / name).resolve()
    if path.parent != folder:
        raise ValueError(f"{name!r} would be written outside {out}")
    return Path(out) / name
