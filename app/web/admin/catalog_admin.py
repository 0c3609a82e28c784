"""catalog_admin (being built)."""
