"""Notebooks: execute the numbered notebooks from a fresh kernel and render them as HTML pages.

Execution follows papermill's conventions (the cell tagged ``parameters`` holds the defaults; given
parameters are injected after it), so a researcher can render every chapter for another speech.
The pages are self-contained: figures embedded, no script fetched from the web. ``index.html``
lists the chapters. A failing cell stops the run with the notebook and the cell named.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from analysis.errors import NotebookError
from analysis.outputs.export import write_atomic
from analysis.settings import FIGURES_DIR, NOTEBOOK_DIR, TEMPLATE_DIR
KERNEL = "python3"
CELL_TIMEOUT = 600


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


def execute(path: Path, *, parameters: dict | None = None):
    """Run a notebook in a fresh kernel (working directory: its folder); return the executed notebook."""
    import papermill
    from traitlets.config import Config

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / path.name
        # IPC sockets instead of TCP: faster to start, no "running over TCP without encryption" warning;
        # each kernel's sockets in its own temporary folder, so that notebooks can run side by side.
        config = Config()
        if os.name == "posix":
            config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(tmp) / "kernel")}})
        try:
            papermill.execute_notebook(
                str(path), str(out), parameters=parameters or {}, kernel_name=KERNEL, cwd=str(path.parent),
                progress_bar=False, log_output=False, execution_timeout=CELL_TIMEOUT, config=config,
            )
        except papermill.PapermillExecutionError as err:
            raise NotebookError(f"{path}: cell {err.cell_index} (execution count {err.exec_count}) failed: "
                                f"{err.ename}: {err.evalue}") from None
        import nbformat

        return nbformat.read(out, as_version=4)


def to_html(nb) -> str:
    """Return a notebook as one self-contained HTML page (figures embedded, no CDN scripts)."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    # papermill's injected-parameters cell is an artefact of the run, not part of the chapter
    config.TagRemovePreprocessor.remove_cell_tags = ("injected-parameters",)
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config, template_name="offline", extra_template_basedirs=[str(TEMPLATE_DIR)])
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


def render_notebook(path: Path, out: Path, parameters: dict | None = None) -> Path:
    """Execute one notebook and write ``out/NAME.html``; return the page's path."""
    nb = execute(path, parameters=parameters)
    return write_atomic(out / f"{path.stem}.html", to_html(nb))


def index_html(chapters: list[Chapter], *, figures: str) -> str:
    """Return the index page: one line per chapter, and a link to the figures folder."""
    items = "\n".join(
        f'  <li><a href="{html.escape(c.page)}">{html.escape(c.title)}</a><br>'
        f'<span class="summary">{html.escape(c.summary)}</span></li>'
        for c in chapters
    )
    return f"""<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>中国政治讲话话语分析 Discourse analysis of Chinese political speeches</title>
<style>
  body {{ font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
         max-width: 860px; margin: 2em auto; padding: 0 1em; line-height: 1.6; color: #222; }}
  li {{ margin: 0.9em 0; }}
  .summary {{ color: #555; }}
</style>
</head>
<body>
<h1>中国政治讲话话语分析<br><small>Discourse analysis of Chinese political speeches</small></h1>
<p>每一章是一个 Jupyter 笔记本的运行结果。Each chapter is an executed notebook; figures are embedded.</p>
<ol>
{items}
</ol>
<p><a href="{html.escape(figures)}">图表与数据表 Figures and tables (PNG, SVG, PDF, CSV)</a></p>
</body>
</html>
"""


def _render_one(args: tuple[Path, Path, dict | None]) -> Path:
    return render_notebook(*args)


def render_all(out: Path, *, parameters: dict | None = None, notebooks: list[Path] | None = None,
               figures: Path | None = None, workers: int = 2) -> list[Path]:
    """Execute and render every numbered notebook into ``out``, then write ``out/index.html``.

    Notebooks run ``workers`` at a time, each in its own fresh kernel. Returns the pages written.
    """
    notebooks = notebook_paths() if notebooks is None else notebooks
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # each notebook is given the parameters it declares (papermill warns about the others)
    jobs = [(nb, out, {k: v for k, v in (parameters or {}).items() if k in declared_parameters(nb)})
            for nb in notebooks]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pages = list(pool.map(_render_one, jobs))
    else:
        pages = [_render_one(job) for job in jobs]
    figures = FIGURES_DIR if figures is None else Path(figures)
    link = os.path.relpath(figures.resolve(), out.resolve()) + "/"
    pages.append(write_atomic(out / "index.html", index_html([chapter_of(nb) for nb in notebooks], figures=link)))
    return pages
