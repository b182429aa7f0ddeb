"""The package's layers: each imports only those below it (an AST walk over every import, also inside functions).

    cli            → engine, outputs, measures, text
    engine         → measures, text         (not outputs)
    outputs        → measures, text         (not engine)
    measures       → text
    text           → nothing above it
    errors, settings: the base every layer may use
"""

from __future__ import annotations

import ast
from pathlib import Path

import analysis

PACKAGE = Path(analysis.__file__).parent
BASE = {"analysis.errors", "analysis.settings"}
ALLOWED = {
    "text": {"text"},
    "measures": {"measures", "text"},
    "engine": {"engine", "measures", "text"},
    "outputs": {"outputs", "measures", "text"},
}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def imported(source: str) -> set[str]:
    """Return the ``analysis`` modules a source imports, wherever the import stands."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "analysis":
            names |= {f"analysis.{a.name}" for a in node.names}  # from analysis import settings
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n for n in names if n == "analysis" or n.startswith("analysis.")}


def violations(module: str, source: str) -> list[str]:
    layer = layer_of(module)
    if layer is None:
        return []
    bad = []
    for name in imported(source):
        if name in BASE or any(name.startswith(b + ".") for b in BASE):
            continue
        target = layer_of(name)
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


def test_every_module_imports_only_the_layers_below_it():
    found = modules()
    assert {layer_of(m) for m in found} >= set(ALLOWED)  # every layer exists
    assert [v for m, s in sorted(found.items()) for v in violations(m, s)] == []


def test_base_modules_import_no_layer():
    for module in BASE:
        assert imported(modules()[module]) == set(), module


def test_the_check_catches_an_upward_import():
    assert violations("analysis.measures.x", "def f():\n    from analysis.outputs import plots\n") == \
        ["analysis.measures.x imports analysis.outputs"]
    assert violations("analysis.engine.x", "import analysis.outputs.report\n") == \
        ["analysis.engine.x imports analysis.outputs.report"]
    assert violations("analysis.text.x", "from analysis import cli\n") == ["analysis.text.x imports analysis.cli"]
    assert violations("analysis.outputs.x", "from analysis.measures.rates import rate\n") == []
