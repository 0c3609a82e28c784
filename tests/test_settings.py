"""Settings are declared once, in config.py, and documented in the README's table."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _environment_variables() -> set[str]:
    """Every variable config.py reads from the environment."""
    tree = ast.parse((ROOT / "config.py").read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str) and re.fullmatch(r"[A-Z][A-Z0-9_]+", node.args[0].value)
            and ast.unparse(node.func) in ("os.environ.get", "os.getenv", "_env_int")}


def test_every_environment_variable_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Configuration"):]
    table = table[:table.index("\n## ", 1)]
    missing = sorted(name for name in _environment_variables() if f"`{name}`" not in table)
    assert missing == []


def test_only_config_reads_the_environment():
    readers = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in sorted((ROOT / "app").rglob("*.py"))
               if path.name != "__init__.py" or path.parent.name != "app"
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "os"
               and node.attr in ("environ", "getenv")]
    assert readers == []
