"""The report: every table as CSV and the six charts, drawn from the tables alone."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from analysis.outputs.report import CHARTS, chart_drawers, make_figures
from tests.expected import REPORT_TABLES

import pytest

from analysis.files import MANIFEST

pytestmark = pytest.mark.draws


def test_the_report_writes_every_table_and_chart(report, result):
    tables = sorted(p.name for p in (report / "tables").iterdir())
    assert tables == sorted([MANIFEST, *(f"{n}.csv" for n in REPORT_TABLES)])
    for name in ("slogans", "verbs", "sections"):
        written = pd.read_csv(report / "tables" / f"{name}.csv", keep_default_na=False)
        assert written.astype(str).values.tolist() == result[name].astype(str).values.tolist()
    assert sorted(p.name for p in report.glob("*.png")) == sorted(f"{c}.png" for c in CHARTS)


def test_charts_per_document_with_several_documents(result, tmp_path):
    two = {name: pd.concat([t, t.assign(doc="copy")], ignore_index=True) if "doc" in t else t
           for name, t in result.items()}
    names = list(chart_drawers(two))
    assert names == ["slogans", "verbs", "modality", "wordcloud", f"dispersion-{result['documents']['doc'][0]}",
                     f"category_heatmap-{result['documents']['doc'][0]}", "dispersion-copy", "category_heatmap-copy"]
    paths = make_figures(two, tmp_path, formats=("svg",))
    assert len(paths) == 8


def test_importing_the_outputs_draws_nothing_and_derives_no_font():
    code = ("import sys\nimport analysis.outputs.plots, analysis.outputs.report\n"
            "import analysis.outputs.fonts as f\n"
            "print('matplotlib.pyplot' in sys.modules, f.sc_font_path.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "0"]
