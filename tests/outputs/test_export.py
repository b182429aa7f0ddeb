"""Export: atomic writes; figures in three formats, identical on rerun, PDF text searchable."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pytest

from analysis.files import MANIFEST
from PIL import Image
from pypdf import PdfReader

from analysis.outputs.export import format_table, save_figure, write_atomic
from analysis.outputs.fonts import use_chinese_font

pytestmark = pytest.mark.draws


def _figure():
    use_chinese_font()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["加强", "落实"], [10, 8])
    ax.set_title("行动动词 −5")
    return fig


def test_save_figure_writes_three_formats_with_stable_names(tmp_path):
    fig = _figure()
    paths = save_figure(fig, "verbs", out=tmp_path)
    assert [p.name for p in paths] == ["verbs.png", "verbs.svg", "verbs.pdf"]
    assert Image.open(paths[0]).info.get("dpi", (0, 0))[0] == pytest.approx(300, abs=1)
    assert "Software" not in Image.open(paths[0]).info
    assert "<dc:date>" not in paths[1].read_text(encoding="utf-8")
    plt.close(fig)


def test_a_rerun_writes_identical_bytes(tmp_path):
    first = [p.read_bytes() for p in save_figure(_figure(), "a", out=tmp_path / "1")]
    second = [p.read_bytes() for p in save_figure(_figure(), "a", out=tmp_path / "2")]
    assert first == second
    plt.close("all")


def test_pdf_text_is_searchable(tmp_path):
    pdf = save_figure(_figure(), "t", out=tmp_path, formats=("pdf",))[0]
    text = PdfReader(pdf).pages[0].extract_text()
    assert "行动动词" in text and "加强" in text and "落实" in text
    plt.close("all")


def test_no_missing_glyph_warning_for_chinese_minus_and_digits(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        save_figure(_figure(), "w", out=tmp_path, formats=("png",))
    plt.close("all")


def test_failed_save_leaves_the_earlier_file_intact(tmp_path):
    fig = _figure()
    path = save_figure(fig, "keep", out=tmp_path, formats=("png",))[0]
    before = path.read_bytes()
    with pytest.raises(ValueError):
        save_figure(fig, "keep", out=tmp_path, formats=("png", "bmp-nope"))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "keep.png"]  # and the record of what was written
    plt.close(fig)


def test_write_atomic_replaces_whole_files_only(tmp_path, monkeypatch):
    target = write_atomic(tmp_path / "t.csv", "a,b\n")
    import os

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "c,d\n" * 1000)
    assert target.read_text() == "a,b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


def test_format_table_csv_json_table():
    import pandas as pd

    frame = pd.DataFrame({"term": ["四个意识"], "count": [1]})
    assert format_table(frame, "csv") == "term,count\n四个意识,1\n"
    assert '"term":"四个意识"' in format_table(frame, "json")
    assert "四个意识" in format_table(frame, "table")
