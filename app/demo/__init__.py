"""The demo shop behind `flask seed-demo`.

commands (the CLI) -> services (orchestration: idempotent, one transaction) -> stands, products,
places, sales (each part, found by slug or e-mail before it is made); content in data and
catalogue; pictures painted by photos (scenes_*, painting) and stored through app.media by pool.
"""
