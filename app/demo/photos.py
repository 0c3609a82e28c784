"""Procedural photos of Moroccan crafts for the demo catalogue, deterministic for a (kind, variant).

`photo(kind, variant)` returns JPEG bytes that look like the craft: a tajine glazed with a
zellige band, a Beni Ouarain carpet, a woven basket, babouches, argan oil bottles ... The same
arguments always give the same bytes, so the image pipeline recognises a photo it has seen.
"""
from __future__ import annotations

import io
import random

from PIL import Image

from app.demo import scenes_home, scenes_table

FINAL_SIZE = (1000, 750)

SCENES = {
    "poterie": scenes_table.pottery,
    "tapis": scenes_home.carpet,
    "textiles": scenes_home.textile,
    "cuir": scenes_home.leather,
    "vannerie": scenes_home.basketry,
    "bijoux": scenes_table.jewellery,
    "argan": scenes_table.argan,
    "bois": scenes_table.thuya,
    "epices": scenes_table.spices,
}
KINDS = tuple(SCENES)
# How many different objects a kind's variants cycle through (variant % n): e.g. pottery
# draws a tajine, a plate, then a jar. Products pick the variants that show what they sell.
SUBTYPES = {"poterie": 3, "tapis": 3, "cuir": 2, "vannerie": 2, "bijoux": 2, "bois": 2}
# Kinds whose successive rounds of subtypes change colour: tone = variant // subtypes % TONES[kind].
TONES = {"poterie": 3}


def pool_size(kind: str, variants: int) -> int:
    """How many pictures of `kind` a pool of `variants` per kind holds: at least one of every
    object in every colour, so each product title can find its photo."""
    return max(variants, SUBTYPES.get(kind, 1) * TONES.get(kind, 1))


def render(kind: str, variant: int, size: tuple[int, int] = FINAL_SIZE) -> Image.Image:
    """The picture of one craft `kind` (see KINDS) in one of its variants."""
    from app.demo.painting import SCALE, finish

    rng = random.Random(f"souk-demo:{kind}:{variant}")
    big = SCENES[kind](rng, variant, (size[0] * SCALE, size[1] * SCALE))
    return finish(big, size, rng)


def photo(kind: str, variant: int, size: tuple[int, int] = FINAL_SIZE, quality: int = 88) -> bytes:
    """JPEG bytes of `render(kind, variant)`, as a phone would upload them."""
    buffer = io.BytesIO()
    render(kind, variant, size).save(buffer, "JPEG", quality=quality, optimize=False)
    return buffer.getvalue()
