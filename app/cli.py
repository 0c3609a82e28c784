"""Flask commands: each domain keeps its own in `<domain>/commands.py`; this gathers them."""
from __future__ import annotations

from importlib import import_module

from flask import Flask

COMMAND_MODULES = (
    "app.assets",
    "app.demo.commands",
    "app.accounts.commands",
    "app.verification.commands",
    "app.media.commands",
    "app.orders.commands",
    "app.jobs.commands",
    "app.doctor",
)


def register(app: Flask) -> None:
    for name in COMMAND_MODULES:
        for command in import_module(name).commands:
            app.cli.add_command(command)
