"""The package's layers: each imports only those below it (an AST walk over every import, also inside functions).

    cli            → engine, outputs, measures, text
    engine         → measures, text         (not outputs)
    outputs        → measures, text         (not engine)
    measures       → text
    text           → nothing above it
    errors, settings, files, processes: the base every layer may use
"""

from __future__ import annotations

import ast
from pathlib import Path

import analysis

PACKAGE = Path(analysis.__file__).parent
BASE = {"analysis.errors", "analysis.settings", "analysis.files", "analysis.processes"}
ALLOWED = {
    "text": {"text"},
    "measures": {"measures", "text"},
    "engine": {"engine", "measures", "text"},
    "outputs": {"outputs", "measures", "text"},
}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def imported(source: str, module: str = "analysis.x", *, package: bool = False) -> set[str]:
    """Return the ``analysis`` modules a source imports, wherever the import stands: ``import``,
    ``from … import`` (relative ones resolved from ``module``) and ``importlib.import_module("…")``."""
    names = set()
    here = module.split(".") if package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[:len(here) - node.level + 1] + ([node.module] if node.module else [])) \
                if node.level else node.module
            # from analysis import settings / from .. import outputs name modules
            names |= {base, *(f"{base}.{a.name}" for a in node.names)}
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module" \
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            names.add(node.args[0].value)
    return {n for n in names if n == "analysis" or n.startswith("analysis.")} - {"analysis"}


def violations(module: str, source: str, *, package: bool = False) -> list[str]:
    layer = layer_of(module)
    if layer is None:
        return []
    bad = []
    for name in sorted(imported(source, module, package=package)):
        if name in BASE or any(name.startswith(b + ".") for b in BASE):
            continue
        target = layer_of(name)
        if target is None and name.count(".") > 1 and name.rsplit(".", 1)[0] in modules():
            continue  # from analysis.text.x import a_function
        if target is None or target not in ALLOWED[layer]:
            bad.append(f"{module} imports {name}")
    return bad


def modules() -> dict[str, str]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        found[name] = path.read_text(encoding="utf-8")
    return found


def packages() -> set[str]:
    return {".".join(p.relative_to(PACKAGE.parent).parent.parts) for p in PACKAGE.rglob("__init__.py")}


def test_every_module_imports_only_the_layers_below_it():
    found = modules()
    assert {layer_of(m) for m in found} >= set(ALLOWED)  # every layer exists
    assert [v for m, s in sorted(found.items()) for v in violations(m, s, package=m in packages())] == []


def test_base_modules_import_only_each_other():
    for module in BASE:
        others = {n for n in imported(modules()[module], module) if n not in BASE
                  and not any(n.startswith(f"{b}.") for b in BASE)}
        assert others == set(), module


def test_the_check_catches_an_upward_import():
    assert violations("analysis.measures.x", "def f():\n    from analysis.outputs import plots\n") == \
        ["analysis.measures.x imports analysis.outputs", "analysis.measures.x imports analysis.outputs.plots"]
    assert violations("analysis.engine.x", "import analysis.outputs.report\n") == \
        ["analysis.engine.x imports analysis.outputs.report"]
    assert violations("analysis.text.x", "from analysis import cli\n") == ["analysis.text.x imports analysis.cli"]
    assert violations("analysis.measures.x", "from ..outputs import plots\n") == \
        ["analysis.measures.x imports analysis.outputs", "analysis.measures.x imports analysis.outputs.plots"]
    assert violations("analysis.measures", "from ..outputs import plots\n", package=True) == \
        ["analysis.measures imports analysis.outputs", "analysis.measures imports analysis.outputs.plots"]
    assert violations("analysis.measures.x", "import importlib\nimportlib.import_module('analysis.engine')\n") == \
        ["analysis.measures.x imports analysis.engine"]
    assert violations("analysis.outputs.x", "from analysis.measures.rates import rate\n") == []
    assert violations("analysis.measures.x", "from .slogans import find_slogans\n") == []
