"""users (being built)."""
