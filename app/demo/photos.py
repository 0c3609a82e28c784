"""Procedural photos for the demo catalogue: one scene per kind of product, deterministic by name.

`photo(look)` returns JPEG bytes of what a product sells: a pyramid of cumin, a jar of amlou, a
blue tajine, a Beni Ouarain carpet, babouches, a lantern ... The same look always gives the same
bytes, so the image pipeline recognises a photo it has already stored.
"""
from __future__ import annotations

import io
import random
from collections.abc import Callable
from functools import partial

from PIL import Image

from app.demo import scenes_home as home
from app.demo import scenes_souk as souk
from app.demo import scenes_table as table
from app.demo.painting import SCALE, finish, hex_rgb

FINAL_SIZE = (640, 480)
MIN_CANVAS_WIDTH = 640  # the scenes' strokes and margins are drawn for a canvas at least this wide
Scene = Callable[[random.Random, tuple[int, int]], Image.Image]


def _variant(scene: Callable, variant: int) -> Scene:
    return lambda rng, size: scene(rng, variant, size)


def _rgb(*colors: str) -> list:
    return [hex_rgb(c) for c in colors]


SPICE_COLORS = {
    "cumin": "#8a6a3a", "paprika": "#b8321c", "curcuma": "#e0a21e", "ras-el-hanout": "#a4502a",
    "gingembre": "#d9b56a", "cannelle": "#8a4f2b", "menthe": "#5f7a35", "poivre": "#3b3026",
}
# Pottery scenes: object (tajine 0, plate 1, jar 2) + 3 x glaze (blue 0, earth 1, green 2).
POTTERY = {f"{thing}-{glaze}": 3 * g + o for o, thing in enumerate(("tajine", "plat", "jarre"))
           for g, glaze in enumerate(("bleu", "terre", "vert"))}

LOOKS: dict[str, Scene] = {
    **{f"epice-{name}": partial(souk.spice, color=hex_rgb(color)) for name, color in SPICE_COLORS.items()},
    "epices-coffret": partial(souk.spice_assortment, colors=_rgb(*SPICE_COLORS.values())),
    "safran": souk.saffron,
    "miel": partial(souk.jar, fill=hex_rgb("#d08a1a"), lid=hex_rgb("#b88a2e"), dipper=True),
    "amlou": partial(souk.jar, fill=hex_rgb("#8a5630"), lid=hex_rgb("#6b8a3a"), nuts=hex_rgb("#c79a64")),
    "dattes": souk.dates,
    "huile-argan": partial(souk.bottle, liquid=hex_rgb("#d9a521"), beside="argan"),
    "huile-argan-trio": partial(souk.bottle, liquid=hex_rgb("#d9a521"), count=3, beside="argan"),
    "huile-olive": partial(souk.bottle, liquid=hex_rgb("#9a9a24"), count=2, beside="olive"),
    "eau-de-rose": partial(souk.bottle, liquid=hex_rgb("#f1c4cf"), tall=True, count=2, beside="rose"),
    "savon-noir": partial(souk.soap, kind="black"),
    "ghassoul": partial(souk.soap, kind="ghassoul"),
    "savon-beldi": partial(souk.soap, kind="bars"),
    **{name: _variant(table.pottery, variant) for name, variant in POTTERY.items()},
    "zellige-bleu": partial(souk.zellige_tiles, colors=_rgb("#1f4e9c", "#2a9d8f", "#e3a21a")),
    "zellige-vert": partial(souk.zellige_tiles, colors=_rgb("#2f7d5b", "#1c1c1c", "#c8452f")),
    "lanterne-laiton": partial(souk.lantern, metal=hex_rgb("#b8862e")),
    "lanterne-cuivre": partial(souk.lantern, metal=hex_rgb("#a65a2c")),
    "tapis-beni-ouarain": _variant(home.carpet, 0),
    "tapis-rayures": _variant(home.carpet, 1),
    "tapis-azilal": _variant(home.carpet, 2),
    "foutas": _variant(home.textile, 0),
    "couverture": _variant(home.textile, 1),
    "babouches-jaunes": _variant(home.leather, 0),
    "babouches-fauves": _variant(home.leather, 2),
    "babouches-beiges": _variant(home.leather, 4),
    "sac-fauve": _variant(home.leather, 1),
    "sac-rouge": _variant(home.leather, 3),
    "sac-vert": _variant(home.leather, 5),
    "pouf-fauve": partial(souk.pouf, color=hex_rgb("#a0522d")),
    "pouf-rouge": partial(souk.pouf, color=hex_rgb("#8b2e24")),
    "panier": _variant(home.basketry, 0),
    "panier-violet": _variant(home.basketry, 2),
    "plateau-tresse": _variant(home.basketry, 1),
    "plateau-bleu": _variant(home.basketry, 3),
    "collier": _variant(table.jewellery, 0),
    "bracelets": _variant(table.jewellery, 1),
    "coffret-thuya": _variant(table.thuya, 0),
    "bol-thuya": _variant(table.thuya, 1),
}


def render(look: str, size: tuple[int, int] = FINAL_SIZE) -> Image.Image:
    """The picture of one `look` (a key of LOOKS)."""
    rng = random.Random(f"souk-demo:{look}")
    factor = max(SCALE, -(-MIN_CANVAS_WIDTH // size[0]))  # small pictures are painted larger, then reduced
    big = LOOKS[look](rng, (size[0] * factor, size[1] * factor))
    return finish(big, size, rng)


def photo(look: str, size: tuple[int, int] = FINAL_SIZE, quality: int = 86) -> bytes:
    """JPEG bytes of `render(look)`, as a phone would upload them."""
    buffer = io.BytesIO()
    render(look, size).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()
