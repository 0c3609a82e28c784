"""Flask commands of this domain (registered by app.cli)."""
commands: list = []
