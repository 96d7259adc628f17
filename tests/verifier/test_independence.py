"""The verifier must share no code with the model: it may import only the formats."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import solver.verifier

ALLOWED_FROM_SOLVER = {"solver.problem", "solver.roster"}
ALLOWED_THIRD_PARTY = {"pydantic"}
VERIFIER_DIR = Path(solver.verifier.__file__).parent


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = "solver.verifier" if node.level == 1 else "solver"
                names.append(f"{base}.{node.module}" if node.module else base)
            else:
                names.append(node.module or "")
    return names


def _allowed(name: str) -> bool:
    top = name.split(".")[0]
    if name == "solver.verifier" or name.startswith("solver.verifier."):
        return True
    if top == "solver":
        return name in ALLOWED_FROM_SOLVER
    return top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY


def test_verifier_sources_are_found() -> None:
    assert len(list(VERIFIER_DIR.glob("*.py"))) >= 5


def test_verifier_imports_only_formats_stdlib_and_pydantic() -> None:
    offending = [
        f"{path.name}: {name}"
        for path in sorted(VERIFIER_DIR.rglob("*.py"))
        for name in _imports(path)
        if not _allowed(name)
    ]
    assert offending == []


def test_the_check_itself_rejects_model_modules() -> None:
    for name in ("solver.timegrid", "solver.validation", "solver.model", "numpy", "solver"):
        assert not _allowed(name), name
