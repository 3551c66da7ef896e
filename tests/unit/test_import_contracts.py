"""Code shape that review alone would not keep: the import contracts of DESIGN.md 7b (import-linter), settings
read in one place, short functions."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_import_contract_is_kept():
    result = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_only_config_reads_the_environment():
    """Every setting is read in app/config.py, so one file lists what an operator can set (issue 12)."""
    readers = [str(path.relative_to(ROOT)) for path in (ROOT / "app").rglob("*.py")
               if path.name != "config.py" and any(word in path.read_text(encoding="utf-8")
                                                   for word in ("os.environ", "getenv("))]
    assert readers == []


def test_no_function_is_longer_than_60_lines():
    """Long functions hide several jobs; split them by what they do (issue 12)."""
    import ast
    long = []
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1})")
    assert long == []


def test_no_two_features_use_one_name_for_different_things():
    """A form class or a service function means one thing in the whole app (there were two ActionForms and
    three city_shops); a reader who greps a name finds the one they mean."""
    import ast
    seen: dict[str, list[str]] = {}
    modules = [p for p in (ROOT / "app").rglob("*.py")
               if (p.name in ("forms.py", "services.py", "review.py", "public.py") or p.parent.name == "services")
               and p.parent.name != "views"]  # views/public.py holds view functions, not services
    for path in modules:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                seen.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    clashes = {name: places for name, places in seen.items() if len(places) > 1}
    assert clashes == {}
