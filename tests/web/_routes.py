"""Route enumeration shared by the security tests: every rule, with dummy values for its arguments."""
from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, Rule


def dummy_url(rule: Rule) -> str:
    """The rule's path with 1 for integers and "x" for anything else."""
    values = {name: 1 if isinstance(conv, IntegerConverter) else "x" for name, conv in rule._converters.items()}
    path = "".join(str(values.get(part, part)) if is_dynamic else part
                   for is_dynamic, part in _parts(rule))
    return str(path)


def _parts(rule: Rule):
    # Rule.rule is e.g. "/admin/products/<int:product_id>/photos"; swap each <...> for its name.
    import re

    for chunk in re.split(r"(<[^>]+>)", rule.rule):
        if chunk.startswith("<") and chunk.endswith(">"):
            yield True, chunk[1:-1].split(":")[-1]
        else:
            yield False, chunk


def rules(app: Flask, method: str, prefixes: tuple[str, ...] = ("/",), exclude: tuple[str, ...] = ()) -> list[Rule]:
    """Rules accepting `method` whose path starts with one of `prefixes` and none of `exclude`."""
    found = [r for r in app.url_map.iter_rules()
             if method in (r.methods or ()) and r.rule.startswith(prefixes) and not r.rule.startswith(exclude)
             and r.endpoint != "static"]
    return sorted(found, key=lambda r: r.rule)
