"""What a person sees: labels, fonts, charts, exported files, the report and the rendered notebooks.

Everything here reads tables; nothing counts (measures) or runs a corpus (engine).
"""

from analysis.outputs.export import format_table, save_figure, write_atomic, write_table
from analysis.outputs.report import make_figures, write_tables

__all__ = ["format_table", "make_figures", "save_figure", "write_atomic", "write_table", "write_tables"]
