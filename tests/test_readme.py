"""What a newcomer reads first: the README stands on its own and says how to change the port."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_no_file_outside_the_repository():
    paths = re.findall(r"\]\(([^)#]+)\)|`([^`\s]*\.\./[^`\s]*)`", README)
    for link, quoted in paths:
        target = link or quoted
        if re.match(r"[a-z]+://", target):
            continue
        assert (ROOT / target).resolve().is_relative_to(ROOT), target
        assert (ROOT / target).exists(), target


def test_the_readme_holds_the_url_contract_and_how_to_change_the_port():
    assert "## URL contract" in README and "`GET /products/<id>`" in README
    assert "PORT=" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PORT \?= 5000$", makefile, re.M) and "$(HOST):$(PORT)" in makefile


def test_pytest_reports_why_tests_were_skipped():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "-rs" in config["tool"]["pytest"]["ini_options"]["addopts"].split()
