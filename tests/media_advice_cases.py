"""The calibration set of the photo advice: product photos as a phone in a workshop takes them,
generated (reproducibly) since no camera reaches this machine: a product on a cloth or a wall with
uneven light and sensor noise, then the faults beneficiaries' photos show: too dark, too bright,
blurred (shake or missed focus), too small (a WhatsApp copy), off-centre, on a busy background.

Each case is (name, JPEG bytes, the advice expected). Used by tests/services/test_media_advice.py.
"""
from __future__ import annotations

import io
import random
from functools import cache

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter

from app.media.advice import Advice

SIZE = (1600, 1200)
BACKGROUNDS = ["#f2efe9", "#e9dfcf", "#d8d8d6", "#c9d4dc", "#efe6da", "#f7f4ee"]
PRODUCTS = ["#b24d27", "#2f5f8a", "#7a4b2a", "#c99a2e", "#3d6b4f", "#8c2f39"]


def _backdrop(rng: random.Random, colour: str, size=SIZE) -> Image.Image:
    """A plain cloth or wall, lit from one side."""
    base = Image.new("RGB", size, colour)
    light = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270])).resize(size)
    shade = Image.new("RGB", size, "#000000")
    return Image.composite(base, Image.blend(base, shade, 0.12), light)


def _busy(rng: random.Random, size=SIZE) -> Image.Image:
    """A market stall behind the product: other goods, patterns, light and shade."""
    im = Image.new("RGB", size)
    draw = ImageDraw.Draw(im)
    for _ in range(160):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randrange(60, 320), rng.randrange(60, 320)
        draw.rectangle((x, y, x + w, y + h), fill=tuple(rng.randrange(30, 230) for _ in range(3)))
    return im


def _product(draw: ImageDraw.ImageDraw, rng: random.Random, centre: tuple[int, int], scale: float) -> None:
    """A pot, a box or a rug: a shape with a painted pattern (what gives a sharp photo its edges)."""
    cx, cy = centre
    w, h = int(380 * scale), int(300 * scale)
    colour = rng.choice(PRODUCTS)
    shape = rng.choice(["pot", "box", "rug"])
    if shape == "pot":
        draw.ellipse((cx - w, cy - h, cx + w, cy + h), fill=colour, outline="#2b2118", width=6)
    elif shape == "box":
        draw.rectangle((cx - w, cy - h, cx + w, cy + h), fill=colour, outline="#2b2118", width=6)
    else:
        draw.rectangle((cx - w, cy - h, cx + w, cy + h), fill=colour)
    for k in range(-4, 5):
        y = cy + k * h // 6
        draw.line((cx - w * 2 // 3, y, cx + w * 2 // 3, y), fill="#f6e7c8", width=5)
    for k in range(-3, 4):
        draw.ellipse((cx + k * w // 4 - 14, cy - 14, cx + k * w // 4 + 14, cy + 14), fill="#1f4e8c")


def _scene(rng: random.Random, *, busy: bool = False, centre=None) -> Image.Image:
    """What is in front of the lens."""
    im = _busy(rng) if busy else _backdrop(rng, rng.choice(BACKGROUNDS))
    centre = centre or (SIZE[0] // 2 + rng.randrange(-60, 60), SIZE[1] // 2 + rng.randrange(-50, 50))
    _product(ImageDraw.Draw(im), rng, centre, rng.uniform(0.8, 1.15))
    return im


@cache
def _grain() -> Image.Image:
    return Image.effect_noise(SIZE, 64).convert("RGB")


def _sensor(im: Image.Image, rng: random.Random) -> Image.Image:
    """The sensor's grain, added after the lens (a blurred photo is still grainy), stronger in the dark."""
    grain = ImageChops.offset(_grain(), rng.randrange(SIZE[0]), rng.randrange(SIZE[1]))
    return Image.blend(im, grain, rng.uniform(0.04, 0.08))


def _photo(rng: random.Random, **scene) -> Image.Image:
    return _sensor(_scene(rng, **scene), rng)


def _jpeg(im: Image.Image) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@cache
def cases() -> tuple[tuple[str, bytes, frozenset[Advice]], ...]:
    """48 photos with the advice each should get (made once per process: about ten seconds)."""
    rng = random.Random(20261207)
    made: list[tuple[str, bytes, set[Advice]]] = []
    for i in range(12):
        made.append((f"good-{i}", _jpeg(_photo(rng)), set()))
    for i in range(7):
        dim = _sensor(ImageEnhance.Brightness(_scene(rng)).enhance(rng.uniform(0.22, 0.4)), rng)
        made.append((f"dark-{i}", _jpeg(dim), {Advice.DARK}))
    for i in range(6):
        burnt = _sensor(ImageEnhance.Brightness(_scene(rng)).enhance(rng.uniform(1.9, 2.6)), rng)
        made.append((f"bright-{i}", _jpeg(burnt), {Advice.BRIGHT}))
    for i in range(7):
        scene = _scene(rng)
        if i % 2:  # shake: a smear
            blurred = scene.filter(ImageFilter.BoxBlur(rng.randrange(6, 12)))
        else:  # missed focus
            blurred = scene.filter(ImageFilter.GaussianBlur(rng.uniform(4, 9)))
        made.append((f"blurred-{i}", _jpeg(_sensor(blurred, rng)), {Advice.BLURRED}))
    for i in range(5):
        small = _photo(rng).resize((rng.choice([480, 560, 640]), 480), Image.Resampling.LANCZOS)
        made.append((f"small-{i}", _jpeg(small), {Advice.SMALL}))
    corners = [(420, 330), (1180, 330), (420, 870), (1180, 870), (400, 600)]
    for i, corner in enumerate(corners):
        made.append((f"off-centre-{i}", _jpeg(_photo(rng, centre=corner)), {Advice.OFF_CENTRE}))
    for i in range(6):
        made.append((f"busy-{i}", _jpeg(_photo(rng, busy=True)), {Advice.BUSY_BACKGROUND}))
    return tuple((name, data, frozenset(expected)) for name, data, expected in made)
