"""Dependencies run one way (web -> domains -> base), read from the source with `ast`.

A cycle between packages, an import tucked into a function to hide one, or the request
machinery inside a domain fails here, with the file and line to look at.
"""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
# Composition roots: they wire everything together, so they may import anything.
ROOTS = {"app", "app.cli", "app.models", "app.security"}
# The base every domain builds on; it imports no domain.
BASE = {"app.db", "app.extensions", "app.errors", "app.money", "app.numbers", "app.slugs", "app.validators",
        "app.i18n", "app.mail", "app.csv_export", "app.jobs"}
EDGES = {"app.web", "app.demo"}  # the web layer, and the demo seeder run by `flask seed-demo`
REQUEST_MACHINERY = {
    "flask": {"request", "session", "g", "flash", "redirect", "url_for", "render_template", "make_response",
              "abort"},
    "flask_login": {"current_user", "login_user", "logout_user"},
}


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(APP.rglob("*.py")):
        dotted = ".".join(path.relative_to(APP.parent).with_suffix("").parts).removesuffix(".__init__")
        found[dotted] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return found


def _node(dotted: str) -> str | None:
    """app.orders.services -> app.orders; app.db -> app.db; the factory and outside modules -> None."""
    parts = dotted.split(".")
    return ".".join(parts[:2]) if parts[0] == "app" and len(parts) > 1 else None


def _is_module(name: str) -> bool:
    return (APP / name).is_dir() or (APP / f"{name}.py").is_file()


def _imports(module: str, tree: ast.Module):
    """(line, imported module, inside a function?) for every import, wherever it sits."""
    package = module.split(".") if (APP.parent / module.replace(".", "/") / "__init__.py").exists() \
        else module.split(".")[:-1]
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def in_function(node) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                return True
        return False

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            names = [f"app.{alias.name}" if base == "app" and _is_module(alias.name) else base for alias in node.names]
        else:
            continue
        for name in names:
            yield node.lineno, name, in_function(node)


def _graph() -> dict[tuple[str, str], list[str]]:
    """(from package, to package) -> ["app/x.py:12", ...], type-only and function-level imports included."""
    sites: dict[tuple[str, str], list[str]] = defaultdict(list)
    for module, tree in _modules().items():
        src = _node(module)
        for line, name, _ in _imports(module, tree):
            dst = _node(name)
            if src and dst and src != dst and src not in ROOTS and dst not in ROOTS:
                sites[src, dst].append(f"{module}:{line}")
    return sites


def _cycles(sites) -> list[str]:
    graph = defaultdict(set)
    for src, dst in sites:
        graph[src].add(dst)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = {start}, [start]
        while todo:
            for nxt in graph[todo.pop()] - seen:
                if nxt == goal:
                    return True
                seen.add(nxt)
                todo.append(nxt)
        return False

    return [f"{a} -> {b} ({', '.join(where[:3])}) and back" for (a, b), where in sorted(sites.items())
            if reaches(b, a)]


def test_no_import_cycle_between_packages():
    assert _cycles(_graph()) == []


def test_the_cycle_check_sees_a_cycle():
    sites = {("app.orders", "app.payments"): ["app.orders.x:1"], ("app.payments", "app.orders"): ["app.payments.y:2"]}
    assert len(_cycles(sites)) == 2


def test_the_base_imports_no_domain():
    wrong = [f"{src} imports {dst} ({', '.join(where)})" for (src, dst), where in _graph().items()
             if src in BASE and dst not in BASE]
    assert wrong == []


def test_no_domain_imports_the_web_layer():
    wrong = [f"{src} imports {dst} ({', '.join(where)})" for (src, dst), where in _graph().items()
             if dst in EDGES and src not in EDGES]
    assert wrong == []


def test_no_import_inside_a_function_reaches_another_package():
    """An import hidden in a function is how a cycle hides; only the factory may be imported late."""
    wrong = []
    for module, tree in _modules().items():
        src = _node(module)
        if src is None or src in ROOTS or src in EDGES:  # nothing imports an edge, so it hides no cycle
            continue
        for line, name, late in _imports(module, tree):
            dst = _node(name)
            if late and dst and dst != src and dst not in ROOTS:
                wrong.append(f"{module}:{line} imports {name} inside a function")
    assert wrong == []


def test_domains_use_no_request_machinery():
    """Domain packages take ids and values; flashing, redirecting and reading the request is the edge's job."""
    wrong = []
    for module, tree in _modules().items():
        src = _node(module)
        if src is None or src in EDGES or src in BASE or not (APP / src.split(".")[1]).is_dir():
            continue  # top-level modules (security, assets ...) sit at the edge with the factory
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module in REQUEST_MACHINERY:
                used = sorted(a.name for a in node.names if a.name in REQUEST_MACHINERY[node.module])
                if used:
                    wrong.append(f"{module}:{node.lineno} {node.module}: {', '.join(used)}")
            elif isinstance(node, ast.Attribute) and node.attr in REQUEST_MACHINERY.get(
                    getattr(node.value, "id", ""), ()):
                wrong.append(f"{module}:{node.lineno} {node.value.id}.{node.attr}")
    assert wrong == []
