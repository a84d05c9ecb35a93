"""The import rules of docs/architecture.md, checked on the source (no database).

Dependencies point one way: core ← authors ← articles ← ads, magazine ← newsroom (the
project). A module may import its own package and the packages its package may use,
nothing else of ours. Migrations import no application code at all.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("core", "authors", "articles", "ads", "magazine", "searchlog", "newsroom")

# Which of our packages each package may import (besides itself).
MAY_IMPORT = {
    "core": set(),
    "authors": {"core"},
    "articles": {"core", "authors"},
    "ads": {"core", "articles"},
    "magazine": {"core", "articles"},
    "searchlog": {"core", "articles"},
    "newsroom": {"core", "authors", "articles", "ads", "magazine", "searchlog"},
}


def imported_packages(path: Path) -> set[str]:
    """Our top-level packages that a module imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found |= {name.split(".")[0] for name in names if name.split(".")[0] in OURS}
    return found


def modules(package: str, *, migrations: bool):
    for path in sorted((ROOT / package).rglob("*.py")):
        if ("migrations" in path.parts) == migrations:
            yield path


@pytest.mark.parametrize("package", OURS)
def test_a_package_imports_only_what_it_may(package):
    wrong = {}
    for path in modules(package, migrations=False):
        extra = imported_packages(path) - MAY_IMPORT[package] - {package}
        if extra:
            wrong[str(path.relative_to(ROOT))] = sorted(extra)
    assert wrong == {}


def test_the_rules_have_no_cycle():
    """A package never reaches itself through the packages it may import."""
    for start in MAY_IMPORT:
        seen, todo = set(), list(MAY_IMPORT[start])
        while todo:
            package = todo.pop()
            assert package != start, f"{start} can reach itself"
            if package not in seen:
                seen.add(package)
                todo.extend(MAY_IMPORT[package])


@pytest.mark.parametrize("package", [p for p in OURS if (ROOT / p / "migrations").is_dir()])
def test_migrations_import_no_application_code(package):
    """Data migrations (RunPython) import nothing of ours: they work on historical models
    and carry their own frozen data. Schema migrations name only what Django serialized
    (the app's own default callables, core's fields and validators)."""
    wrong = {}
    for path in modules(package, migrations=True):
        allowed = set() if "RunPython" in path.read_text(encoding="utf-8") else {package, "core"}
        extra = imported_packages(path) - allowed
        if extra:
            wrong[str(path.relative_to(ROOT))] = sorted(extra)
    assert wrong == {}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    """The check itself can fail: an import of articles in core is found."""
    module = tmp_path / "bad.py"
    module.write_text("from articles.models import Article\nimport ads.banners\n")
    assert imported_packages(module) == {"articles", "ads"}
