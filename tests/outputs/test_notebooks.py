"""Notebooks: committed clean and thin; executed from a fresh kernel; rendered as offline HTML pages.

The notebooks run once per test session (the ``rendered`` fixture in conftest.py), with the
missing-glyph warning turned into an error inside each kernel.
"""

from __future__ import annotations

import ast
import json
import re

import nbformat
import pytest

from analysis.errors import NotebookError
from analysis.outputs.notebooks import notebook_paths, render_all
from analysis.settings import NOTEBOOK_DIR

NOTEBOOKS = notebook_paths()
CHAPTERS = ["01_corpus", "02_tokens", "03_slogans", "04_verbs", "05_export", "06_discovery", "07_compare"]


def code_cells(path):
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_the_chapters_are_numbered():
    assert [p.stem for p in NOTEBOOKS] == CHAPTERS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_or_execution_counts(path):
    for cell in code_cells(path):
        assert cell.outputs == [] and cell.execution_count is None, path


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_thin_notebook_with_a_parameters_cell(path):
    cells = code_cells(path)
    assert cells[0].metadata.get("tags") == ["parameters"]
    assert re.search(r"^(files|corpus) = None$", cells[0].source, re.M)
    source = "\n".join(c.source for c in cells)
    assert "import analysis" in source
    # no function or class is defined in a notebook: what is needed twice lives in the package
    python = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("%"))
    defined = [n for n in ast.walk(ast.parse(python))
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))]
    assert defined == []
    markdown = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"]
    assert all(re.search(r"[\u4e00-\u9fff]", m) and re.search(r"[A-Za-z]{4}", m) for m in markdown)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_page_is_self_contained_with_a_figure(rendered, chapter):
    out, _ = rendered
    page = (out / f"{chapter}.html").read_text(encoding="utf-8")
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page), "at least one embedded figure"
    assert not re.search(r'<script[^>]+src="https?:', page), "no script from the web"
    assert not re.search(r'<link[^>]+href="https?:', page)
    for bad in ("Traceback", "missing from font", 'data-mime-type="application/vnd.jupyter.stderr"'):
        assert bad not in page  # no error, no warning, nothing on stderr
    assert 'lang="zh-Hans"' in page
    assert "injected-parameters" not in page


def test_pages_show_the_counts(rendered):
    out, _ = rendered
    slogans = (out / "03_slogans.html").read_text(encoding="utf-8")
    assert "疫情就是命令，防控就是责任" in slogans and "出现次数 Counts" in slogans
    verbs = (out / "04_verbs.html").read_text(encoding="utf-8")
    assert "加强" in verbs and "落实" in verbs


def test_export_notebook_writes_every_figure_and_table(rendered):
    _, figures = rendered
    names = {p.name for p in figures.iterdir()}
    for chart in ("slogans", "verbs", "modality", "wordcloud", "dispersion", "category_heatmap"):
        assert {f"{chart}.png", f"{chart}.svg", f"{chart}.pdf"} <= names
    assert (figures / "tables" / "slogans.csv").is_file()


def test_index_lists_the_chapters_and_links_the_figures(rendered):
    out, figures = rendered
    index = (out / "index.html").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        assert f'href="{chapter}.html"' in index
    assert "03 提法 Slogans" in index
    link = re.search(r'<a href="([^"]+)">图表', index).group(1)
    assert (out / link).resolve() == figures.resolve()


def test_notebooks_run_on_another_speech(tmp_path, write_file):
    speech = write_file("district.txt", "区长在安全生产会议上的讲话\n同志们：\n一、压实责任\n要守土有责，坚决落实联防联控。\n")
    render_all(tmp_path, parameters={"files": [str(speech)]}, notebooks=[NOTEBOOK_DIR / "01_corpus.ipynb"], workers=1)
    page = (tmp_path / "01_corpus.html").read_text(encoding="utf-8")
    assert "区长在安全生产会议上的讲话" in page
    assert "市委书记" not in page


def write_notebook(path, *sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("files = None", metadata={"tags": ["parameters"]}),
                *(nbformat.v4.new_code_cell(s) for s in sources)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_a_missing_glyph_fails_the_notebook_in_tests(tmp_path, monkeypatch):
    # what the `rendered` fixture relies on: the warning filter reaches into the kernel
    monkeypatch.setenv("PYTHONWARNINGS", "error:Glyph:UserWarning")
    path = write_notebook(tmp_path / "98_tofu.ipynb", "import matplotlib.pyplot as plt\n"
                          "fig, ax = plt.subplots()\nax.set_title('疫情', family='DejaVu Sans')\n"
                          "fig.savefig('tofu.png')")
    with pytest.raises(NotebookError, match=r"98_tofu.ipynb: cell 1 .*UserWarning: Glyph"):
        render_all(tmp_path / "out", notebooks=[path], workers=1)


def test_a_failing_cell_names_the_notebook_and_the_cell(tmp_path):
    path = write_notebook(tmp_path / "99_broken.ipynb", "1 / 0")
    with pytest.raises(NotebookError, match=r"99_broken.ipynb: cell 1 .*failed: ZeroDivisionError"):
        render_all(tmp_path / "out", notebooks=[path], workers=1)
    assert not (tmp_path / "out" / "99_broken.html").exists()


def test_the_comparison_chapter_on_the_reports(tmp_path, govreports):
    """07_compare on a folder of real reports: first appearance by year, and the two eras' key words."""
    render_all(tmp_path, notebooks=[NOTEBOOK_DIR / "07_compare.ipynb"], workers=1,
               parameters={"corpus": str(govreports), "simplified": True, "terms": ["四个意识", "两个维护", "三个代表"],
                           "target": "2013-2025", "reference": "1954-1978"})
    page = (tmp_path / "07_compare.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "四个意识 2017 2025 8" in text and "两个维护 2019 2025 6" in text and "三个代表 2001 2018 18" in text
    assert "Traceback" not in page and "missing from font" not in page
