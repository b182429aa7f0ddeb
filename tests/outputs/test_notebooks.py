"""Notebooks: committed clean and thin; executed from a fresh kernel; rendered as offline HTML pages
that a student can follow, for the bundled speech and for any other.

The notebooks run once per test session (the fixtures in conftest.py), with the missing-glyph
warning turned into an error inside each kernel: ``rendered`` (the bundled corpus, as `make run`),
``own_pages`` (the README's command on a short speech the project has never seen), ``many_pages``
(25 documents) and the README's papermill lines as written.
"""

from __future__ import annotations

import ast
import html
import json
import re

import nbformat
import pytest

from analysis.errors import NotebookError
from analysis.measures.slogans import lexicon_frame
from analysis.outputs.notebooks import notebook_paths, render_all, to_html
from analysis.settings import NOTEBOOK_DIR
from tests.outputs.conftest import (OWN_NAME, OWN_TITLE, README_NOTEBOOKS, README_PAPERMILL_03, README_PAPERMILL_07,
                            readme_commands, run_readme_command)

pytestmark = [pytest.mark.draws, pytest.mark.slow]

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
    assert re.search(r"^files = None$", cells[0].source, re.M)  # one name for the input in every chapter
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
    # no Python printout: every output is a table, a sentence or a figure
    for raw in ('data-mime-type="text/plain"', 'data-mime-type="application/vnd.jupyter.stdout"', "dtype:"):
        assert raw not in page, raw
    images = re.findall(r"<img [^>]*>", page)
    assert images and all(re.search(r'alt="[^"<]{12,}"', img) for img in images)
    assert "No description has been provided" not in page


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


def test_index_lists_the_chapters_and_links_the_figures_inside_the_folder(rendered):
    out, figures = rendered
    index = (out / "index.html").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        assert f'href="{chapter}.html"' in index
    assert "03 提法 Slogans" in index
    assert re.search(r'<a href="figures/">图表', index)
    # 05_export wrote outside the pages' folder: its files were copied in, so the folder is self-contained
    links = re.findall(r'href="([^"#]+)"', index)
    assert "figures/slogans.png" in links and "figures/tables/slogans.csv" in links
    for link in links:
        assert (out / link).exists() and (out / link).resolve().is_relative_to(out.resolve()), link
    assert sorted(p.name for p in (out / "figures").glob("*.png")) == sorted(p.name for p in figures.glob("*.png"))


def test_every_notebook_command_of_the_readme_is_run_as_written():
    """The README's command lines are the ones the tests below run (change one, and this fails until its
    test runs the new line)."""
    assert readme_commands() == [README_NOTEBOOKS, README_PAPERMILL_03, README_PAPERMILL_07]


def page_text(page: str, *, joined: bool = False) -> str:
    """The text a reader sees on a page (styles and scripts left out): cells and elements apart by a
    space, or, ``joined``, run together as code reads."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "" if joined else " ", page)))


def test_the_readme_notebooks_command_prints_no_error_looking_line(own_pages):
    out, done = own_pages
    # ipykernel's "KeyboardInterrupt caught in kernel", papermill's "Passed unknown parameter", a
    # missing glyph ... would all be lines here
    assert done.stderr.splitlines() == ["wrote 10 pages to html-mine (open html-mine/index.html)"]
    assert done.stdout == ""
    assert sorted(p.name for p in out.glob("*.html")) == sorted([f"{c}.html" for c in CHAPTERS] + ["index.html"])


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_page_names_its_speech_and_the_parameters_used(own_pages, chapter):
    out, _ = own_pages
    page = (out / f"{chapter}.html").read_text(encoding="utf-8")
    heading = nbformat.read(NOTEBOOK_DIR / f"{chapter}.ipynb", as_version=4).cells[0].source.splitlines()[0][2:]
    assert re.search(r"<title>(.*?)</title>", page).group(1) == html.escape(f"{heading} · {OWN_NAME}")
    text = page_text(page)
    # the head of the page: the title, date and file of the speech (HAND: from its first two lines)
    assert f"标题 Title {OWN_TITLE}" in text and "日期 Date 2023-10-18" in text
    assert re.search(r"文件 File \S*/readme\d*/pages/my_speech\.txt", text)
    # the defaults, then the parameters of this run, which replace them
    defaults, given = text.index("files = None"), text.index("Parameters of this run")
    assert defaults < given < text.index("本页分析 This page analyses")
    for raw in ('data-mime-type="text/plain"', 'data-mime-type="application/vnd.jupyter.stdout"', "dtype:",
                'data-mime-type="application/vnd.jupyter.stderr"'):
        assert raw not in page, raw  # no Python printout, no warning
    code = page_text(page, joined=True)
    injected = code[code.index("Parameters of this run"):code.index("import analysis")]
    assert re.search(r'files = \["/\S+/pages/my_speech\.txt"\]', injected), injected
    assert "Traceback" not in text and "Error" not in text


def test_keywords_in_context_show_the_speechs_own_slogans(own_pages):
    out, _ = own_pages
    text = page_text((out / "03_slogans.html").read_text(encoding="utf-8"))
    kwic = text[text.index("上下文 Keywords in context"):]
    # HAND: the three most frequent slogans are 守土有责 (3), 四个意识 (2) and, of those that occur once,
    # 两个维护 (first in code-point order); each line shows its section's heading
    # a line reads: left context, match, right context, document, term, section, heading ...
    assert kwic.count(" my_speech 守土有责 ") == 3
    assert kwic.count(" my_speech 四个意识 ") == 2
    assert kwic.count(" my_speech 两个维护 ") == 1
    assert "my_speech 四个自信" not in kwic
    for seed in ("疫情就是命令", "集中救治", "第一时间"):  # what the chapter looked up before, for any speech
        assert seed not in kwic
    assert "一 一、提高政治站位，充分认识森林防火工作的重要性" in kwic and "二 二、压实各方责任，抓好关键环节" in kwic


def test_tables_a_student_can_read(own_pages):
    out, _ = own_pages
    slogans = (out / "03_slogans.html").read_text(encoding="utf-8")
    # the whole lexicon, each note whole (nothing cut with "…"), in a scrolling box
    lexicon = lexicon_frame()
    for note in lexicon["note"]:
        assert note in html.unescape(slogans)
    lexicon_table = slogans[slogans.index("The lexicon"):slogans.index("出现次数 Counts")]
    assert lexicon_table.count("<tr>") == len(lexicon) + 1 and "max-height" in lexicon_table
    tokens = page_text((out / "02_tokens.html").read_text(encoding="utf-8"))
    assert "n 名词 noun" in tokens and "vn 名动词 verb used as a noun" in tokens
    verbs = page_text((out / "04_verbs.html").read_text(encoding="utf-8"))
    by_section = verbs[verbs.index("按部分 By section"):]
    assert "一 一、提高政治站位，充分认识森林防火工作的重要性" in by_section
    corpus = page_text((out / "01_corpus.html").read_text(encoding="utf-8"))
    assert "清洗没有删除任何行。Cleaning removed no line." in corpus  # a sentence, not an empty grid
    # HAND: 15 sentences (three in the last paragraph, two in the first of 一); the whole SHA-256 of the
    # file, not cut short
    assert "个数 count 15" in corpus
    import hashlib

    from tests.outputs.conftest import OWN_SPEECH

    assert hashlib.sha256(OWN_SPEECH.encode("utf-8")).hexdigest() in corpus


def test_figures_have_alternative_text_and_name_their_speech(own_pages):
    out, _ = own_pages
    page = (out / "03_slogans.html").read_text(encoding="utf-8")
    alts = [html.unescape(a) for a in re.findall(r'<img [^>]*alt="([^"]*)"', page)]
    assert len(alts) == 3  # the counts, where they occur, by section
    counts, dispersion, heatmap = alts
    # HAND counts, in the order of the chart; the speech named beside the title
    assert counts.startswith(f"提法出现次数 {OWN_NAME}（条形图 bar chart）: 守土有责 3、四个意识 2、两个维护 1")
    assert dispersion.startswith(f"提法在讲话中的分布 {OWN_NAME}（分布图 dispersion plot）")
    # the heatmap draws the two categories of the speech, not rows of zeros for the two it lacks
    assert "行 rows: 政治忠诚提法、防控政策提法、干部责任提法、理论与意识形态提法;" in heatmap and "动员口号" not in heatmap


def test_the_readme_papermill_line_runs_one_chapter_on_ones_own_speech(readme_root):
    done = run_readme_command(README_PAPERMILL_03, readme_root)
    assert done.returncode == 0, done.stderr
    # papermill's own lines and ipykernel's warning about TCP (README says so), nothing else that looks wrong
    noisy = [line for line in done.stderr.splitlines()
             if re.search(r"error|warn|traceback|exception|interrupt|unknown parameter", line, re.I)
             and "Kernel is running over TCP without encryption" not in line]
    assert noisy == []
    nb = nbformat.read(readme_root / "out.ipynb", as_version=4)
    text = page_text(to_html(nb))
    assert f"标题 Title {OWN_TITLE}" in text and "files = [&#x27;my_speech.txt&#x27;]" not in text
    assert "files = ['my_speech.txt']" in text  # the string papermill passed, read as the list it spells
    assert text.count(" my_speech 守土有责 ") == 3


def test_the_comparison_chapter_on_the_reports_from_the_readme(readme_root, govreports):
    """The README's 07 line on the 52 reports: first appearance by year, and the two eras' key words."""
    done = run_readme_command(README_PAPERMILL_07, readme_root)
    assert done.returncode == 0, done.stderr
    text = page_text(to_html(nbformat.read(readme_root / "out-07.ipynb", as_version=4)))
    # issue facts, checked with grep on the files
    assert "四个意识 2017 2025 8" in text and "两个维护 2019 2025 6" in text and "三个代表 2001 2018 18" in text
    assert "52 篇文献 52 documents, 1954–2025" in text
    assert "target = '2013-2025'" in text and "terms = ['四个意识', '两个维护', '三个代表']" in text


def test_many_documents_draw_a_few_charts_and_say_how_many_more(many_pages):
    for chapter, charts, what in (("01_corpus", 3, "部分"), ("03_slogans", 1 + 3 + 3, "提法"),
                                  ("06_discovery", 3, "数字略语或引号里的说法")):
        page = (many_pages / f"{chapter}.html").read_text(encoding="utf-8")
        assert "More than 20 figures" not in page and 'data-mime-type="application/vnd.jupyter.stderr"' not in page
        assert len(re.findall(r"<img ", page)) == charts, chapter
        assert f"25 篇文献中有 25 篇有{what}；下面是前 3 篇的图，另有 22 篇没有画出" in page_text(page), chapter
    slogans = html.unescape((many_pages / "03_slogans.html").read_text(encoding="utf-8"))
    alts = re.findall(r'<img [^>]*alt="([^"]*)"', slogans)
    # a per-document chart names its document (its id and title: these have no date)
    assert [a.split("（")[0] for a in alts[1:4]] == [f"提法在讲话中的分布 d0{i} · 第{i}次工作会议上的讲话" for i in (1, 2, 3)]


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




def test_notebook_parameters_from_the_command_line(run_cli, tmp_path):
    """-p NAME VALUE as papermill reads it; only the notebooks that declare a parameter get it."""
    from analysis.cli.pages import notebook_parameters

    assert notebook_parameters([["per_document", "2"], ["simplified", "True"], ["terms", '["四个意识"]'],
                                ["target", "2013-2025"], ["ratio", "0.5"], ["terms2", "None"]]) == [
        ("per_document", 2), ("simplified", True), ("terms", '["四个意识"]'), ("target", "2013-2025"),
        ("ratio", 0.5), ("terms2", None)]
    assert run_cli("notebooks", "-p", "1x", "2", "--out", tmp_path / "h") == (
        1, "", "error: -p 1x: a parameter name is a Python name (files, terms, target …)\n")
    assert run_cli("notebooks", "-p", "out", "corpus", "--out", tmp_path / "h")[0] == 1  # never into a corpus
