"""audit (being built)."""
