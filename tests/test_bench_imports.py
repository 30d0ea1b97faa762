"""The benchmarks import the application inside their functions, so a moved module breaks `make bench`
without breaking any test: every `entente` name a benchmark imports must exist."""

import ast
import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _imported_names(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("entente"):
            for alias in node.names:
                yield node.module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("entente"):
                    yield alias.name, None


def _exists(module_name: str, name: str | None) -> bool:
    module = importlib.import_module(module_name)
    if name is None or hasattr(module, name):
        return True
    try:
        importlib.import_module(f"{module_name}.{name}")
    except ModuleNotFoundError:
        return False
    return True


@pytest.mark.parametrize("script", sorted(BENCH.glob("bench_*.py")), ids=lambda path: path.stem)
def test_every_name_a_benchmark_imports_exists(script):
    missing = [f"{module}.{name}" for module, name in _imported_names(script) if not _exists(module, name)]
    assert missing == []
