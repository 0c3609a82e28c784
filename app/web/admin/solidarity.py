"""solidarity (being built)."""
