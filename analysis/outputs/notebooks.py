"""Notebooks: execute the numbered notebooks from a fresh kernel and render them as HTML pages.

Execution follows papermill's conventions (the cell tagged ``parameters`` holds the defaults; given
parameters are injected after it, and the page shows them there), so a researcher can render every
chapter for another speech. Each page's ``<title>`` names its chapter and the speech it analyses.
The output folder is self-contained: figures embedded in the pages, no script fetched from the
web, and the figures and tables of 05_export inside it (``figures/``), so that zipping it gives a
reader everything. ``index.html`` lists the chapters and those files. A failing cell stops the run
with the notebook and the cell named; a run that succeeds prints nothing (the kernels' own log
lines go to a file, shown only when a kernel fails).
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import NotebookError
from analysis.files import OutputFolder
from analysis.outputs.pages import PAGE_METADATA
from analysis.processes import process_pool
from analysis.settings import NOTEBOOK_DIR, TEMPLATE_DIR

KERNEL = "python3"
CELL_TIMEOUT = 600
INJECTED_HEADING = "# 本次运行的参数（代替上面的默认值）Parameters of this run, in place of the defaults above"


@dataclass(frozen=True)
class Chapter:
    notebook: Path
    page: str
    title: str
    summary: str


def notebook_paths(directory: Path = NOTEBOOK_DIR) -> list[Path]:
    """Return the numbered notebooks (``01_*.ipynb`` ...) in order."""
    return sorted(p for p in directory.glob("[0-9][0-9]_*.ipynb"))


def chapter_of(path: Path) -> Chapter:
    """Read a notebook's title (its first heading) and summary (the paragraph after it)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    first = next(("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"), path.stem)
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    title = lines[0].lstrip("# ") if lines else path.stem
    summary = lines[1] if len(lines) > 1 else ""
    return Chapter(path, f"{path.stem}.html", title, summary)


def _kernel_manager(log_path: Path):
    """Return a kernel manager class whose kernels write their own log lines (ipykernel's
    "KeyboardInterrupt caught in kernel." when a kernel is stopped, warnings) to ``log_path``, not to
    the terminal. A cell's output and errors travel as messages and are not affected."""
    from jupyter_client.manager import AsyncKernelManager

    class LoggedKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):
            with open(log_path, "ab") as log:
                return await super().start_kernel(stdout=log, stderr=log, **kw)

    return LoggedKernelManager


def execute(path: Path, *, parameters: dict | None = None):
    """Run a notebook in a fresh kernel (working directory: its folder); return the executed notebook."""
    import papermill
    from traitlets.config import Config

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        log = Path(tmp) / "kernel.log"
        # IPC sockets instead of TCP: faster to start, no "running over TCP without encryption" warning;
        # each kernel's sockets in its own temporary folder, so that notebooks can run side by side.
        config = Config({"NotebookClient": {"kernel_manager_class": _kernel_manager(log)}})
        if os.name == "posix":
            config.KernelManager = Config({"transport": "ipc", "ip": str(Path(tmp) / "kernel")})
        try:
            papermill.execute_notebook(
                str(path), str(out), parameters=parameters or {}, kernel_name=KERNEL, cwd=str(path.parent),
                progress_bar=False, log_output=False, execution_timeout=CELL_TIMEOUT, config=config,
            )
        except papermill.PapermillExecutionError as err:
            raise NotebookError(f"{path}: cell {err.cell_index} (execution count {err.exec_count}) failed: "
                                f"{err.ename}: {err.evalue}") from None
        except Exception as err:  # the kernel died or did not start: what it logged says why
            lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-8:] if log.exists() else []
            detail = ("; kernel log: " + " | ".join(lines)) if lines else ""
            raise NotebookError(f"{path}: {type(err).__name__}: {err}{detail}") from None
        import nbformat

        return nbformat.read(out, as_version=4)


def page_subject(nb) -> str | None:
    """Return what an executed notebook analyses, as its About head (``outputs.pages.about``) said."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            subject = output.get("metadata", {}).get(PAGE_METADATA, {}).get("subject")
            if subject:
                return str(subject)
    return None


def _first_heading(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.strip():
                    return line.strip().lstrip("# ").strip()
    return ""


def to_html(nb) -> str:
    """Return a notebook as one self-contained HTML page (figures embedded, no CDN scripts).

    The page's ``<title>`` is the chapter's heading and the speech it analyses. Parameters papermill
    injected are shown, in their own cell after the defaults, headed as this run's.
    """
    import copy

    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            lines = cell.source.splitlines()
            body = lines[1:] if lines and lines[0].strip() == "# Parameters" else lines
            cell.source = "\n".join([INJECTED_HEADING, *body])
            cell.metadata["tags"] = ["parameters-of-this-run"]
    heading, subject = _first_heading(nb), page_subject(nb)
    nb.metadata["title"] = " · ".join(t for t in (heading, subject) if t) or "Notebook"
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.language_code = "zh-Hans"
    body, _ = exporter.from_notebook_node(nb)
    return body


def declared_parameters(path: Path) -> set[str]:
    """Return the names the cell tagged ``parameters`` of a notebook assigns."""
    import ast

    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next((c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if cell is None:
        return set()
    tree = ast.parse("".join(cell["source"]))
    return {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}


def _figure_links(figures: Path, out: Path) -> str:
    """Return the index's list of the figures and tables in ``figures`` (inside ``out``): one line per
    chart with a link to each of its formats, one link per table."""
    if not figures.is_dir():
        return ""
    charts: dict[str, list[Path]] = {}
    for path in sorted(figures.iterdir()):
        if path.is_file() and path.suffix in (".png", ".svg", ".pdf"):
            charts.setdefault(path.stem, []).append(path)
    tables = sorted((figures / "tables").glob("*.csv")) if (figures / "tables").is_dir() else []

    def link(path: Path, text: str) -> str:
        return f'<a href="{html.escape(Path(os.path.relpath(path, out)).as_posix())}">{html.escape(text)}</a>'

    chart_items = "\n".join(
        f"  <li>{html.escape(stem)}: " + " · ".join(link(p, p.suffix[1:].upper()) for p in paths) + "</li>"
        for stem, paths in charts.items())
    table_items = "\n".join(f"  <li>{link(p, p.name)}</li>" for p in tables)
    parts = []
    if chart_items:
        parts.append(f"<details{' open' if len(charts) <= 12 else ''}><summary>图表 Charts ({len(charts)})</summary>"
                     f"<ul>\n{chart_items}\n</ul></details>")
    if table_items:
        parts.append(f"<details><summary>数据表 Tables, CSV ({len(tables)})</summary><ul>\n{table_items}\n</ul></details>")
    return "\n".join(parts)


def _reading_part(reading: list[Path], out: Path, *, shown: int = 10) -> str:
    """The index's first part: a link to each document's reading page (the first ``shown``), and to their list."""
    if not reading:
        return ""
    documents = [p for p in reading if p.name != "index.html"]
    listing = next((p for p in reading if p.name == "index.html"), None)
    items = "\n".join(f'  <li><a href="{html.escape(p.relative_to(out).as_posix())}">{html.escape(_page_title(p))}</a></li>'
                      for p in documents[:shown])
    more = (f'<p><a href="{html.escape(listing.relative_to(out).as_posix())}">全部 {len(documents)} 篇 '
            f'All {len(documents)} documents</a></p>') if listing is not None and len(documents) > 1 else ""
    return ("<h2>阅读讲话 Read the speech</h2>\n"
            "<p>全文，标出提法、排比、行动动词和指令性情态词；点击右侧的词语逐个查看。The text with its formulations, "
            "parallel series, action verbs and directive markers marked; choose a term to step through its places.</p>\n"
            f"<ul>\n{items}\n</ul>\n{more}")


def _page_title(path: Path) -> str:
    """A reading page's title, without its 阅读 Read · prefix."""
    import re

    found = re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S)
    return html.unescape(found.group(1)).split(" · ", 1)[-1] if found else path.stem


def index_html(chapters: list[Chapter], *, figures: str, files: str = "", subject: str | None = None,
               reading: str = "", lead: str = "") -> str:
    """Return the index page: ``lead`` (HTML: what the page opens on), the reading pages (``reading``,
    its HTML), then one line per chapter, a link to the figures folder and its files."""
    items = "\n".join(
        f'  <li><a href="{html.escape(c.page)}">{html.escape(c.title)}</a><br>'
        f'<span class="summary">{html.escape(c.summary)}</span></li>'
        for c in chapters
    )
    about = f"<p>本页分析 These pages analyse: <strong>{html.escape(subject)}</strong></p>" if subject else ""
    title = "中国政治讲话话语分析 Discourse analysis of Chinese political speeches"
    figures_part = (f'<h2><a href="{html.escape(figures)}">图表与数据表 Figures and tables</a></h2>\n'
                    "<p>PNG、SVG、PDF 和 CSV，由 05_export 写入这个文件夹，可以直接用于论文和幻灯片。\n"
                    "PNG, SVG, PDF and CSV files, written into this folder by 05_export, ready for papers and "
                    f"slides.</p>\n{files}") if figures else ""
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(title + (" · " + subject if subject else ""))}</title>
<style>
  body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
         max-width: 860px; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #222; }}
  li {{ margin: 0.9em 0; }}
  details li {{ margin: 0.2em 0; }}
  .summary {{ color: #555; }}
</style>
</head>
<body>
<h1>中国政治讲话话语分析<br><small>Discourse analysis of Chinese political speeches</small></h1>
{lead}
{about}
{reading}
<h2>章节 Chapters</h2>
<p>每一章是一个 Jupyter 笔记本的运行结果。Each chapter is an executed notebook; figures are embedded.</p>
<ol>
{items}
</ol>
{figures_part}
</body>
</html>
"""


def _render_one(args: tuple[Path, dict | None]) -> tuple[str, str | None]:
    """Execute one notebook: its page's HTML, and what it analyses."""
    path, parameters = args
    nb = execute(path, parameters=parameters)
    return to_html(nb), page_subject(nb)


def render_all(out: Path, *, parameters: dict | None = None, notebooks: list[Path] | None = None,
               figures: Path | None = None, workers: int = 2, reading: list[Path] | None = None,
               per_notebook: dict[str, dict] | None = None, lead: str = "") -> list[Path]:
    """Execute and render every numbered notebook into ``out``, then write ``out/index.html``.

    Notebooks run ``workers`` at a time, each in its own fresh kernel. ``figures`` is where 05_export
    wrote (its parameter ``out``; default ``out/figures``): when it is outside ``out``, its files are
    copied into ``out/figures``, so that ``out`` holds everything its pages link to. ``reading``: the
    reading pages written inside ``out`` (``analysis.outputs.reading``), which the index links first.
    ``per_notebook``: parameters of one notebook by its name (``{"07_compare": {"files": […]}}``), over
    the common ones; ``lead``: HTML the index opens on. Returns the pages written.
    """
    notebooks = notebook_paths() if notebooks is None else notebooks
    out = Path(out)
    folder = OutputFolder(out)
    folder.remove_leftovers()
    folder.check([*(f"{nb.stem}.html" for nb in notebooks), "index.html"])  # before any kernel starts
    # each notebook is given the parameters it declares (papermill warns about the others)
    jobs = [(nb, {k: v for k, v in {**(parameters or {}), **(per_notebook or {}).get(nb.stem, {})}.items()
                  if k in declared_parameters(nb)}) for nb in notebooks]
    if workers > 1 and len(jobs) > 1:
        with process_pool(min(workers, len(jobs))) as pool:  # Ctrl-C ends the workers, and their kernels, at once
            done = list(pool.map(_render_one, jobs))
    else:
        done = [_render_one(job) for job in jobs]
    pages = [folder.write(f"{nb.stem}.html", page) for nb, (page, _) in zip(notebooks, done)]
    subject = next((s for _, s in done if s), None)
    inside = out / "figures"
    figures = inside if figures is None else Path(figures)
    if figures.is_dir() and figures.resolve() != inside.resolve() and not out.resolve().is_relative_to(figures.resolve()):
        for path in sorted(p for p in figures.rglob("*") if p.is_file() and not p.name.startswith(".")):
            folder.write(f"figures/{path.relative_to(figures).as_posix()}", path.read_bytes())
    pages.append(folder.write("index.html", index_html(
        [chapter_of(nb) for nb in notebooks], figures="figures/" if inside.is_dir() else "",
        files=_figure_links(inside, out), subject=subject, reading=_reading_part(reading or [], out), lead=lead)))
    folder.save()
    return pages
