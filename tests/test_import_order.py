"""Imports run one way: core < territories < accounts < cooperations < workshops < portfolio < governance
< agreements < insights < reflexivity, then the site shell (entente.shell, entente.urls) on top.

Every Python file under entente/ is parsed (migrations excluded: Django writes them), its imports read
at module level AND inside functions, and each import of an entente module is checked against the
order: a module may import its own app and the apps below it, never an app above. A test module
belongs to its app's layer, so a test that needs a higher app lives with that app, in the shell or in
tests/. Import cycles between entente modules are refused too, function-level imports included:
importing inside a function hides a cycle from Python, not from the reader.

What remains to be fixed is named in ALLOWED_UPWARD and ALLOWED_CYCLES below, one line each: the lists
only shrink. Dynamic imports (`importlib`, `apps.is_installed`) pretending an app is optional are
refused outside the allowance as well.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "entente"
ORDER = [
    "core",
    "territories",
    "accounts",
    "cooperations",
    "workshops",
    "portfolio",
    "governance",
    "agreements",
    "insights",
    "reflexivity",
    "shell",
]
# Modules of the `entente` package itself: the root URLconf and wsgi are
# the shell's; settings are configuration every layer may read.
TOP_MODULES = {"entente": "core", "entente.settings": "core", "entente.urls": "shell", "entente.wsgi": "shell"}

# (importing module, imported module) still against the order, to be removed by their apps' owners.
ALLOWED_UPWARD: set[tuple[str, str]] = set()

# Cycles still present, each as the sorted tuple of its modules.
ALLOWED_CYCLES: set[tuple[str, ...]] = set()
# Apps whose sub-APIs (`<subdomain>_api.py`) import the app's router from api.py, which imports them
# to register them: a cycle made only of these modules is allowed while they are split. Each could
# declare its own Router, added by api.py (`router.add_router`), and the cycle would go.
ALLOWED_ROUTER_CYCLES: set[str] = set()

# Modules that may still import modules by name at run time or test whether an app is installed.
ALLOWED_DYNAMIC: set[str] = set()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts and "node_modules" not in path.parts
    }


MODULES = _modules()


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _resolve(module: str, path: Path, node) -> list[str]:
    """The entente modules an import statement reaches."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "entente"]
    base = node.module or ""
    if node.level:
        package = _package_of(module, path).split(".")
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([base] if base else []))
    if base.split(".")[0] != "entente":
        return []
    targets = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        targets.append(candidate if candidate in MODULES else base)
    return targets


def _imports(module: str, path: Path):
    """(target, line) for every import of an entente module, wherever it is written."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for target in _resolve(module, path, node):
                # `import entente.x.y` reaches the deepest module that exists.
                while target not in MODULES and "." in target:
                    target = target.rpartition(".")[0]
                if target in MODULES and target != module:
                    yield target, node.lineno


def _layer(module: str) -> int:
    if module in TOP_MODULES:
        return ORDER.index(TOP_MODULES[module])
    return ORDER.index(module.split(".")[1])


GRAPH = {module: sorted({target for target, _line in _imports(module, path)}) for module, path in MODULES.items()}


def test_every_app_has_a_place_in_the_order():
    apps = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert apps <= set(ORDER), f"Applications hors de l'ordre des couches : {sorted(apps - set(ORDER))}"


def test_imports_run_one_way():
    upward = []
    for module, path in MODULES.items():
        for target, line in _imports(module, path):
            if _layer(target) > _layer(module) and (module, target) not in ALLOWED_UPWARD:
                upward.append(f"{path.relative_to(ROOT)}:{line} importe {target}")
    assert not upward, "Imports à contre-sens de l'ordre des couches :\n" + "\n".join(sorted(set(upward)))


def test_the_allowances_only_name_what_still_exists():
    stale = sorted(pair for pair in ALLOWED_UPWARD if pair[1] not in GRAPH.get(pair[0], ()))
    assert not stale, f"Exceptions devenues inutiles, à retirer de ALLOWED_UPWARD : {stale}"
    cycles = {tuple(sorted(cycle)) for cycle in _cycles()}
    gone = sorted(ALLOWED_CYCLES - cycles)
    assert not gone, f"Cycles disparus, à retirer de ALLOWED_CYCLES : {gone}"
    router_apps = {cycle[0].split(".")[1] for cycle in cycles if _router_cycle(cycle)}
    done = sorted(ALLOWED_ROUTER_CYCLES - router_apps)
    assert not done, f"Applications sans cycle de routeurs, à retirer de ALLOWED_ROUTER_CYCLES : {done}"
    clean = sorted(
        module for module in ALLOWED_DYNAMIC if module not in MODULES or not _dynamic_imports(MODULES[module])
    )
    assert not clean, f"Modules sans import dynamique, à retirer de ALLOWED_DYNAMIC : {clean}"


def _cycles() -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, components = {}, {}, set(), [], []
    counter = 0
    for root in GRAPH:
        if root in index:
            continue
        work = [(root, iter(GRAPH[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(GRAPH.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def _router_cycle(cycle) -> bool:
    apps = {module.split(".")[1] for module in cycle}
    return (
        len(apps) == 1
        and apps <= ALLOWED_ROUTER_CYCLES
        and all(module.rpartition(".")[2] == "api" or module.endswith("_api") for module in cycle)
    )


def test_no_import_cycle_between_entente_modules():
    cycles = [cycle for cycle in _cycles() if tuple(sorted(cycle)) not in ALLOWED_CYCLES and not _router_cycle(cycle)]
    assert not cycles, "Cycles d'imports :\n" + "\n".join(" ↔ ".join(cycle) for cycle in cycles)


def _dynamic_imports(path: Path) -> list[int]:
    """Lines calling `import_module` or `apps.is_installed`; a migration loaded by its file name (its
    name starts with digits, no import statement can name it) is not an app pretended optional."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name == "is_installed":
            lines.append(node.lineno)
        elif name == "import_module":
            argument = node.args[0] if node.args else None
            is_migration = isinstance(argument, ast.Constant) and ".migrations." in str(argument.value)
            if not is_migration:
                lines.append(node.lineno)
    return lines


def test_no_app_is_imported_by_name_or_pretended_optional():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for module, path in MODULES.items()
        if module not in ALLOWED_DYNAMIC
        for line in _dynamic_imports(path)
    ]
    assert not found, "importlib ou apps.is_installed : les applications ne sont pas optionnelles :\n" + "\n".join(
        found
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from entente.governance import body_services\n", ["entente.governance.body_services"]),
        ("from ..cooperations.models import Partnership\n", ["entente.cooperations.models"]),
        ("def f():\n    import entente.insights.health_records\n", ["entente.insights.health_records"]),
        ("from . import rules\n", ["entente.workshops.rules"]),
    ],
)
def test_the_checker_reads_module_and_function_level_imports(tmp_path, source, expected):
    path = PACKAGE / "workshops" / "services.py"
    tree_targets = []
    fake = tmp_path / "services.py"
    fake.write_text(source, encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            tree_targets += _resolve("entente.workshops.services", path, node)
    assert tree_targets == expected
