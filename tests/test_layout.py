"""The package's layout rules, checked from the source with `ast`: stages import one way
(text <- extract/check/store <- report/publish), no import cycles, no module over 450
lines, and importing a module has no side effects a reader would not expect."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"
TOP_LEVEL = {"__init__.py", "__main__.py", "cli.py", "paths.py"}
STAGES = ("text", "extract", "check", "store", "report", "publish")
# What each stage may import besides itself and analysis.paths.
ALLOWED = {
    "text": set(),
    "extract": {"text", "check", "store"},
    "check": {"text", "store"},
    "store": {"text"},
    "report": {"store", "text.lexicon"},
    "publish": {"report", "store", "text"},
}
MAX_LINES = 450
SIDE_EFFECT_CALLS = {"use", "update", "for_type", "load_lexicon", "read_text", "open", "glue"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def name_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every analysis module a file imports, at any depth (function-level imports count)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("analysis"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            found.add(node.module)
            found.update(
                f"{node.module}.{a.name}"
                for a in node.names
                if (PACKAGE.parent / f"{node.module}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
            )
    return found


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_only_orchestration_stays_at_the_top():
    assert {p.name for p in PACKAGE.glob("*.py")} <= TOP_LEVEL
    assert {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(STAGES) | {"lexicons"}


@pytest.mark.parametrize("path", modules(), ids=lambda p: name_of(p))
def test_stages_import_one_way(path):
    stage = stage_of(name_of(path))
    if stage is None:
        return  # cli, __main__, paths orchestrate: they may import any stage
    for target in imports_of(path):
        other = stage_of(target)
        if other is None:
            assert target in ("analysis", "analysis.paths"), f"{name_of(path)} imports {target}"
            continue
        if other == stage:
            continue
        allowed = ALLOWED[stage]
        sub = ".".join(target.split(".")[1:3])
        assert other in allowed or sub in allowed, f"{name_of(path)} ({stage}) imports {target}"


def test_no_import_cycles():
    graph = {name_of(p): {t for t in imports_of(p) if t != name_of(p)} for p in modules()}
    graph = {m: {t for t in targets if t in graph} for m, targets in graph.items()}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " -> ".join(trail + [module, target]))
            if target not in state:
                visit(target, trail + [module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


@pytest.mark.parametrize("path", modules(), ids=lambda p: name_of(p))
def test_no_module_is_over_the_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name_of(path)} has {lines} lines"


@pytest.mark.parametrize("path", [p for p in modules() if p.name != "__main__.py"], ids=lambda p: name_of(p))
def test_importing_has_no_side_effects(path):
    """Module level holds definitions only: no calls that set global state or read files,
    and every import sits at the top of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    seen_code = False
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            assert not seen_code, f"{name_of(path)}: import at line {node.lineno} below code"
            continue
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):  # the docstring
            seen_code = True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            func = call.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert called not in SIDE_EFFECT_CALLS, f"{name_of(path)}: {called}() at import, line {call.lineno}"
