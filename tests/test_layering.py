"""The layering of assistant/ (DESIGN.md, Layering): interfaces on top, arrows pointing down.

- Below the interfaces (cli/, web/, slack/) nothing prints, exits or imports typer/rich: those are
  terminal concerns, and the web app and the Slack bot call the same code.
- No two packages import each other (directly or through others).
- conversation/ gets the coach object passed in and never imports assistant.coach.
Read from the source (every import, also the ones inside functions), so a lazy import counts.
"""

from __future__ import annotations

import ast
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "assistant"
INTERFACES = ("cli", "web", "slack")
TERMINAL_MODULES = ("typer", "rich", "click", "prompt_toolkit")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _top(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def _imports(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
    return found


def _below_interfaces() -> list[Path]:
    return [path for path in _modules() if _top(path) not in INTERFACES]


def test_nothing_below_the_interfaces_imports_terminal_libraries():
    offenders = []
    for path in _below_interfaces():
        for module, line in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module.split(".")[0] in TERMINAL_MODULES:
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{line} imports {module}")
    assert not offenders, "\n".join(offenders)


def _terminal_call(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name) and func.id in ("print", "exit", "quit", "input"):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        name = f"{func.value.id}.{func.attr}"
        if name in ("sys.exit", "os._exit", "sys.stdout.write", "sys.stderr.write"):
            return name
    if (isinstance(func, ast.Attribute) and func.attr == "write" and isinstance(func.value, ast.Attribute)
            and isinstance(func.value.value, ast.Name) and func.value.value.id == "sys"):
        return f"sys.{func.value.attr}.write"
    return None


def test_nothing_below_the_interfaces_prints_or_exits():
    offenders = []
    for path in _below_interfaces():
        if path.parent.name == "migrations":  # Alembic's env.py is run by Alembic, not by the coach
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (name := _terminal_call(node)):
                offenders.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} calls {name}()")
    assert not offenders, "\n".join(offenders)


_WATCH_IMPORTS = """
import importlib, sys

class Watch:
    # Records who imports a terminal library: the first frame outside the import machinery.
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in TERMINAL:
            frame = sys._getframe(1)
            while frame and frame.f_globals.get("__name__", "").startswith(("importlib", "_frozen_importlib")):
                frame = frame.f_back
            importer = frame.f_globals.get("__name__", "") if frame else ""
            if importer.startswith("assistant."):
                found.add(f"{importer} imports {name}")
        return None

found = set()
sys.meta_path.insert(0, Watch())
for name in NAMES:
    importlib.import_module(name)
print("\\n".join(sorted(found)))
"""


def test_importing_the_service_layers_loads_no_terminal_library():
    """Import every module below the interfaces in a fresh interpreter: none of ours may pull in
    typer or rich (a third-party library loading them for itself is not ours to judge)."""
    names = []
    for path in _below_interfaces():
        relative = path.relative_to(PROJECT_ROOT).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        if "migrations" in parts:
            continue
        names.append(".".join(parts))
    code = f"TERMINAL = {TERMINAL_MODULES!r}\nNAMES = {names!r}\n" + _WATCH_IMPORTS
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"modules below the interfaces import terminal libraries:\n{done.stdout}"


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in _modules():
        own = _top(path)
        for module, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            parts = module.split(".")
            if parts[0] == "assistant" and len(parts) > 1 and parts[1] != own:
                graph.setdefault(own, set()).add(parts[1])
    return graph


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def test_no_two_packages_import_each_other():
    graph = _package_graph()
    cycles = sorted({f"{min(a, b)} <-> {max(a, b)}" for a, b in itertools.permutations(graph, 2)
                     if b in _reachable(graph, a) and a in _reachable(graph, b)})
    assert not cycles, "packages of assistant/ that import each other: " + ", ".join(cycles)


@pytest.mark.parametrize("package", ["conversation"])
def test_conversation_gets_the_coach_passed_in(package):
    graph = _package_graph()
    assert "coach" not in graph.get(package, set())


def _store_uses(path: Path) -> list[str]:
    """Where a module imports assistant.store or reaches into a coach's `.store`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [f"line {line} imports {module}" for module, line in _imports(tree)
             if module == "assistant.store" or module.startswith("assistant.store.")]
    found += [f"line {node.lineno} uses .store" for node in ast.walk(tree)
              if isinstance(node, ast.Attribute) and node.attr == "store"]
    found += [f"line {node.lineno} reads 'store' through __dict__ or getattr" for node in ast.walk(tree)
              if _names_store_indirectly(node)]
    return found


def _is_store(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and node.value == "store"


def _names_store_indirectly(node: ast.AST) -> bool:
    """coach.__dict__["store"], coach.__dict__.get("store"), getattr(coach, "store")."""
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Attribute) and node.value.attr == "__dict__" and _is_store(node.slice)
    if not isinstance(node, ast.Call) or not node.args:
        return False
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "get" and isinstance(func.value, ast.Attribute):
        return func.value.attr == "__dict__" and _is_store(node.args[0])
    return isinstance(func, ast.Name) and func.id in ("getattr", "hasattr") and len(node.args) > 1 \
        and _is_store(node.args[1])


def test_the_interfaces_reach_the_store_only_through_the_coach():
    """DESIGN.md: interfaces -> coach -> ... -> store. The CLI, the web app and the Slack app call
    the service API (assistant/coach.py) for users, tokens, the audit log and once-marks too."""
    offenders = [f"{path.relative_to(PROJECT_ROOT)}: {use}" for path in _modules() if _top(path) in INTERFACES
                 for use in _store_uses(path)]
    assert not offenders, "\n".join(offenders)
