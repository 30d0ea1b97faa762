"""The two lock files stay what `make lock` makes, and the application never needs a development package.

requirements.in (runtime) and requirements-dev.in (tests, tools) are compiled by pip-tools into
requirements.txt and requirements-dev.txt, every line pinned with its hashes (README, « Dépendances »).
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
# Imported by tests, factories and tools only; a server installs none of them.
DEV_ONLY_MODULES = {
    "axe_playwright_python",
    "factory",
    "faker",
    "frictionless",
    "hypothesis",
    "playwright",
    "pypdf",
    "pytest",
    "pytest_django",
    "schemathesis",
}
# Modules that only tests and the test data builders import.
TEST_SUPPORT = ("tests", "factories.py", "testing.py", "conftest.py")


def _name(raw: str) -> str:
    return re.sub(r"[-_.]+", "-", raw).lower()


def _locked(filename: str) -> dict[str, str]:
    """{package: version} of a lock file, after checking that every requirement carries its hashes."""
    pins, current = {}, None
    for line in (ROOT / filename).read_text().splitlines():
        match = PIN.match(line)
        if match:
            assert line.rstrip().endswith("\\"), f"{filename} : « {line} » n'a pas d'empreinte (make lock)"
            current = _name(match.group(1))
            pins[current] = match.group(2)
        elif line.strip().startswith("--hash=sha256:"):
            assert current, f"{filename} : empreinte sans paquet"
        elif line.strip() and not line.lstrip().startswith("#"):
            raise AssertionError(f"{filename} : ligne inattendue « {line} » : ce fichier est produit par make lock")
    return pins


def _wanted(filename: str) -> set[str]:
    names = set()
    for line in (ROOT / filename).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(_name(re.split(r"[\[<>=~!; ]", line, maxsplit=1)[0]))
    return names


def test_every_locked_package_is_pinned_with_its_hashes_and_both_locks_agree():
    runtime, development = _locked("requirements.txt"), _locked("requirements-dev.txt")
    assert _wanted("requirements.in") <= set(runtime), "requirements.in a changé : lancez make lock"
    assert _wanted("requirements-dev.in") <= set(development), "requirements-dev.in a changé : lancez make lock"
    differing = {
        name: (version, development.get(name)) for name, version in runtime.items() if development.get(name) != version
    }
    assert not differing, f"Versions différentes entre les deux fichiers verrouillés : {differing} (make lock)"


def test_no_development_package_is_installed_on_a_server():
    runtime = set(_locked("requirements.txt"))
    assert not {"pytest", "ruff", "playwright", "hypothesis", "schemathesis", "factory-boy", "pip-tools"} & runtime


def test_the_application_imports_no_development_package():
    offending = []
    for path in sorted((ROOT / "entente").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts or any(part in TEST_SUPPORT for part in relative.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                continue
            offending += [f"{relative}: {module}" for module in modules if module.split(".")[0] in DEV_ONLY_MODULES]
    assert not offending, f"Paquets de développement importés par l'application : {offending}"
