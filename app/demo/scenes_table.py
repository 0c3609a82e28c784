"""Demo scenes of objects standing on a table: pottery, jewellery, thuya wood."""
from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from app.demo.painting import (
    RGB,
    backdrop,
    ellipse_mask,
    hex_rgb,
    highlight,
    jitter,
    polygon_mask,
    profile_polygon,
    round_shading,
    shade,
    soft_shadow,
    star_points,
    stripes,
    texture,
    zellige,
)

WALLS = [hex_rgb(c) for c in ("#efe3cf", "#e9d6bd", "#f3ece0", "#dcc7a8", "#e6ddd2")]
TABLES = [hex_rgb(c) for c in ("#b98a5e", "#a7774c", "#cdb08a", "#8f6a4a", "#d8c3a5")]
# Glaze by tone (variant // 3 % 3) and object (variant % 3: tajine, plate, jar): blue glazes,
# earth tones, then Tamegroute green, so a product can pick a photo in the colour its title says.
GLAZES = [
    [hex_rgb(c) for c in ("#1f4e9c", "#1f4e9c", "#2a6f8f")],
    [hex_rgb(c) for c in ("#b5562a", "#7a2f2a", "#c0652d")],
    [hex_rgb(c) for c in ("#2f7d5b", "#2f7d5b", "#3c6e47")],
]
CREAM = hex_rgb("#f4ead6")


def _scene(rng: random.Random, size: tuple[int, int], horizon: float = 0.62) -> Image.Image:
    return backdrop(size, rng.choice(WALLS), rng.choice(TABLES), horizon)


# -- pottery ---------------------------------------------------------------------------------

def pottery(rng: random.Random, variant: int, size: tuple[int, int]) -> Image.Image:
    image = _scene(rng, size)
    glaze = GLAZES[variant // 3 % len(GLAZES)][variant % 3]
    accents = [CREAM, jitter(rng, hex_rgb("#e2b23c")), shade(glaze, 0.6)]
    [_tajine, _plate, _jar][variant % 3](image, rng, glaze, accents)
    return texture(image, rng, opacity=0.05)


def _tajine(image: Image.Image, rng: random.Random, glaze: RGB, accents: list[RGB]) -> None:
    w, h = image.size
    cx, base_y, half = w * 0.5, h * 0.78, w * 0.3
    soft_shadow(image, (cx - half * 1.1, base_y - h * 0.03, cx + half * 1.15, base_y + h * 0.07))
    # the dish: a wide shallow bowl under the lid
    dish = profile_polygon(cx, base_y - h * 0.07, base_y, lambda t: half * (1 - 0.22 * t ** 2))
    _glazed(image, dish, glaze, rng, band=True)
    # the conical lid, concave like a real tajine, with its knob
    lid_top, lid_bottom = h * 0.2, base_y - h * 0.06
    lid = profile_polygon(cx, lid_top, lid_bottom, lambda t: half * 0.93 * (0.06 + 0.94 * t ** 1.7))
    layer = zellige(image.size, int(w * 0.05), glaze, accents)
    draw = ImageDraw.Draw(layer)
    band_top = lid_top + (lid_bottom - lid_top) * 0.45
    draw.rectangle((0, lid_top, w, band_top), fill=glaze)
    draw.rectangle((0, band_top, w, band_top + h * 0.012), fill=accents[1])
    draw.rectangle((0, lid_bottom - h * 0.05, w, lid_bottom), fill=glaze)
    draw.rectangle((0, lid_bottom - h * 0.06, w, lid_bottom - h * 0.05), fill=accents[1])
    box = (int(cx - half), int(lid_top), int(cx + half), int(lid_bottom))
    image.paste(round_shading(layer, box), (0, 0), polygon_mask(image.size, lid))
    knob = (cx - w * 0.03, lid_top - h * 0.05, cx + w * 0.03, lid_top + h * 0.02)
    ImageDraw.Draw(image).ellipse(knob, fill=shade(glaze, 0.85))
    highlight(image, (cx - half * 0.45, lid_top + h * 0.12, cx - half * 0.3, lid_bottom - h * 0.1), 70, 8)


def _glazed(image: Image.Image, outline: list, glaze: RGB, rng: random.Random, band: bool = False) -> None:
    layer = Image.new("RGB", image.size, glaze)
    if band:
        ys = [p[1] for p in outline]
        mid = (min(ys) + max(ys)) / 2
        ImageDraw.Draw(layer).rectangle((0, mid - 6, image.size[0], mid + 6), fill=hex_rgb("#e2b23c"))
    xs = [p[0] for p in outline]
    ys = [p[1] for p in outline]
    box = (int(min(xs)), int(min(ys)), int(max(xs)), int(max(ys)))
    image.paste(round_shading(layer, box), (0, 0), polygon_mask(image.size, outline))


def _plate(image: Image.Image, rng: random.Random, glaze: RGB, accents: list[RGB]) -> None:
    """A decorated plate seen from above at an angle: a rosette drawn flat, then squashed."""
    w, h = image.size
    d = int(min(w, h) * 0.95)
    flat = Image.new("RGB", (d, d), CREAM)
    draw = ImageDraw.Draw(flat)
    c = d / 2
    rings = [(0.5, shade(glaze, 0.7)), (0.47, CREAM), (0.44, glaze), (0.36, CREAM), (0.2, glaze)]
    for radius, color in rings:
        draw.ellipse((c - d * radius, c - d * radius, c + d * radius, c + d * radius), fill=color)
    petals = 12 + 4 * rng.randint(0, 2)
    for i in range(petals):
        a = 2 * math.pi * i / petals
        px, py = c + d * 0.28 * math.cos(a), c + d * 0.28 * math.sin(a)
        draw.polygon(star_points(px, py, d * 0.055, d * 0.025, 4, a), fill=accents[i % 2])
    draw.polygon(star_points(c, c, d * 0.17, d * 0.11, 8), fill=accents[1])
    draw.polygon(star_points(c, c, d * 0.08, d * 0.05, 8), fill=CREAM)
    for i in range(48):
        a = 2 * math.pi * i / 48
        draw.line((c + d * 0.37 * math.cos(a), c + d * 0.37 * math.sin(a),
                   c + d * 0.435 * math.cos(a), c + d * 0.435 * math.sin(a)), fill=shade(glaze, 0.6), width=4)
    squashed = flat.resize((int(d * 0.95), int(d * 0.55)), Image.Resampling.BILINEAR)
    x0, y0 = int(w / 2 - squashed.size[0] / 2), int(h * 0.58 - squashed.size[1] / 2)
    sw, sh = squashed.size
    soft_shadow(image, (x0, y0 + sh * 0.2, x0 + sw, y0 + sh * 1.1), 150, 18)
    ImageDraw.Draw(image).ellipse((x0, y0 + sh * 0.04, x0 + sw, y0 + sh * 1.04), fill=shade(glaze, 0.45))
    image.paste(squashed, (x0, y0), ellipse_mask(squashed.size, (0, 0, sw, sh)))
    highlight(image, (x0 + sw * 0.2, y0 + sh * 0.1, x0 + sw * 0.45, y0 + sh * 0.3), 60, 14)


def _jar(image: Image.Image, rng: random.Random, glaze: RGB, accents: list[RGB]) -> None:
    w, h = image.size
    cx, top, bottom = w * 0.5, h * 0.14, h * 0.8
    half = w * 0.17

    def radius(t: float) -> float:
        if t < 0.12:
            return half * 0.42
        return half * (0.45 + 0.55 * math.sin(math.pi * min(1.0, (t - 0.05) / 1.02)) ** 0.8)

    soft_shadow(image, (cx - half * 1.2, bottom - h * 0.03, cx + half * 1.3, bottom + h * 0.05))
    outline = profile_polygon(cx, top, bottom, radius)
    layer = stripes(image.size, [(glaze, int(h * 0.13)), (accents[1], int(h * 0.012)), (CREAM, int(h * 0.05)),
                                 (accents[1], int(h * 0.012))])
    band = zellige((w, int(h * 0.16)), int(w * 0.045), glaze, accents)
    layer.paste(band, (0, int(h * 0.42)))
    box = (int(cx - half), int(top), int(cx + half), int(bottom))
    image.paste(round_shading(layer, box), (0, 0), polygon_mask(image.size, outline))
    ImageDraw.Draw(image).ellipse((cx - half * 0.42, top - h * 0.015, cx + half * 0.42, top + h * 0.025),
                                  fill=shade(glaze, 0.4))
    highlight(image, (cx - half * 0.6, top + h * 0.15, cx - half * 0.4, bottom - h * 0.2), 60, 8)


# -- jewellery -------------------------------------------------------------------------------

VELVETS = [hex_rgb(c) for c in ("#2b1d3a", "#1d2b3a", "#4a1c24", "#1f3329")]
SILVER = hex_rgb("#cfd3d6")
BEADS = [hex_rgb(c) for c in ("#c8452f", "#e3a21a", "#2a9d8f", "#d4d7da", "#1c1c1c")]


def jewellery(rng: random.Random, variant: int, size: tuple[int, int]) -> Image.Image:
    velvet = VELVETS[variant % len(VELVETS)]
    image = backdrop(size, shade(velvet, 1.1), velvet, horizon=0.15)
    image = texture(image, rng, opacity=0.18, blur=1.5)
    w, h = image.size
    if variant % 2 == 0:
        _necklace(image, rng, w, h)
    else:
        for i in range(3):
            _bangle(image, rng, w * (0.28 + 0.22 * i), h * (0.48 + 0.08 * (i % 2)), w * 0.13, i)
    return image


def _necklace(image: Image.Image, rng: random.Random, w: int, h: int) -> None:
    draw = ImageDraw.Draw(image)
    palette = rng.sample(BEADS, 3)
    count = 31
    for i in range(count):
        t = i / (count - 1)
        x = w * (0.18 + 0.64 * t)
        y = h * 0.18 + h * 0.42 * math.sin(math.pi * t)
        r = w * (0.014 + 0.012 * math.sin(math.pi * t))
        color = SILVER if i % 2 else palette[(i // 2) % 3]
        _bead(image, draw, x, y, r, color)
    # a tizerzai-like pendant: silver triangle with an enamelled stone
    px, py = w * 0.5, h * 0.66
    tri = [(px - w * 0.08, py), (px + w * 0.08, py), (px, py + h * 0.22)]
    soft_shadow(image, (px - w * 0.08, py + h * 0.02, px + w * 0.1, py + h * 0.26), 140, 10)
    draw.polygon(tri, fill=SILVER, outline=shade(SILVER, 0.5))
    draw.polygon(star_points(px, py + h * 0.07, w * 0.03, w * 0.015, 6), fill=palette[0])
    for k in range(-3, 4):
        draw.ellipse((px + k * w * 0.02 - 6, py + 4, px + k * w * 0.02 + 6, py + 16), fill=shade(SILVER, 0.7))
    highlight(image, (px - w * 0.05, py + h * 0.02, px - w * 0.01, py + h * 0.08), 120, 4)


def _bead(image: Image.Image, draw: ImageDraw.ImageDraw, x: float, y: float, r: float, color: RGB) -> None:
    draw.ellipse((x - r + 4, y - r + 10, x + r + 4, y + r + 10), fill=shade(color, 0.2))
    draw.ellipse((x - r, y - r, x + r, y + r), fill=color)
    draw.ellipse((x - r * 0.75, y - r * 0.75, x + r * 0.55, y + r * 0.55), fill=shade(color, 1.15))
    draw.ellipse((x - r * 0.5, y - r * 0.55, x - r * 0.1, y - r * 0.15), fill=shade(color, 1.6))


def _bangle(image: Image.Image, rng: random.Random, cx: float, cy: float, r: float, index: int) -> None:
    """A bangle lying flat: a metal ring (the velvet shows through it), engraved, with a highlight."""
    metal = SILVER if index != 1 else hex_rgb("#d9b45a")
    ry, thick = r * 0.6, r * 0.22
    soft_shadow(image, (cx - r, cy - ry * 0.3, cx + r * 1.1, cy + ry * 1.5), 150, 12)
    for offset, color in ((8, shade(metal, 0.5)), (0, metal)):  # the ring's edge, then its face
        ring = Image.new("L", image.size, 0)
        draw = ImageDraw.Draw(ring)
        draw.ellipse((cx - r, cy - ry + offset, cx + r, cy + ry + offset), fill=255)
        draw.ellipse((cx - r + thick, cy - ry + thick * 0.6 + offset, cx + r - thick, cy + ry - thick * 0.6 + offset),
                     fill=0)
        layer = round_shading(Image.new("RGB", image.size, color), (int(cx - r), int(cy - ry), int(cx + r),
                                                                      int(cy + ry)), 0.1, 0.45)
        image.paste(layer, (0, 0), ring)
    draw = ImageDraw.Draw(image)
    for k in range(36):  # engraved chevrons
        a = 2 * math.pi * k / 36
        x = cx + (r - thick / 2) * math.cos(a)
        y = cy + (ry - thick * 0.3) * math.sin(a)
        draw.line((x - 6, y - 6, x + 6, y + 6), fill=shade(metal, 0.6), width=3)
    highlight(image, (cx - r * 0.7, cy - ry * 1.03, cx - r * 0.1, cy - ry * 0.75), 140, 5)


# -- thuya wood ------------------------------------------------------------------------------

def _burl(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Thuya burl: warm red-brown wood, wavy grain and the dark 'eyes' of the root."""
    w, h = size
    half = (w // 2, h // 2)
    layer = Image.new("RGB", half, hex_rgb("#9a5226"))
    draw = ImageDraw.Draw(layer)
    for k in range(70):  # wavy grain
        y0 = k * half[1] / 70
        amp, freq, phase = rng.uniform(6, 20), rng.uniform(2, 5), rng.uniform(0, 6.3)
        pts = [(x, y0 + amp * math.sin(freq * x / half[0] * 6.3 + phase)) for x in range(0, half[0] + 20, 20)]
        draw.line(pts, fill=rng.choice([hex_rgb("#7a3d18"), hex_rgb("#b8692f"), hex_rgb("#6a3010")]), width=3)
    for _ in range(60):
        x, y = rng.uniform(0, half[0]), rng.uniform(0, half[1])
        r = rng.uniform(half[0] * 0.006, half[0] * 0.025)
        draw.ellipse((x - r, y - r * 0.7, x + r, y + r * 0.7), outline=hex_rgb("#5a2a0c"), width=2)
        draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=hex_rgb("#2e1405"))
    return layer.filter(ImageFilter.GaussianBlur(1.5)).resize(size, Image.Resampling.BILINEAR)


def thuya(rng: random.Random, variant: int, size: tuple[int, int]) -> Image.Image:
    image = _scene(rng, size)
    wood = _burl(size, rng)
    (_box if variant % 2 == 0 else _bowl)(image, wood, variant)
    return texture(image, rng, opacity=0.05)


def _box(image: Image.Image, wood: Image.Image, variant: int) -> None:
    """A box: front face, lid in perspective with a lemon-wood inlay, and its side in shadow."""
    w, h = image.size
    bw, bh, depth = w * (0.42 + 0.04 * (variant % 3)), h * 0.17, h * 0.26
    x0, y1 = w / 2 - bw * 0.56, h * 0.84
    y0 = y1 - bh
    soft_shadow(image, (x0 - 30, y1 - 60, x0 + bw * 1.2 + 60, y1 + 50), 150, 16)
    front = [(x0, y0), (x0 + bw, y0), (x0 + bw, y1), (x0, y1)]
    top = [(x0, y0), (x0 + bw * 0.12, y0 - depth), (x0 + bw * 1.12, y0 - depth), (x0 + bw, y0)]
    side = [(x0 + bw, y0), (x0 + bw * 1.12, y0 - depth), (x0 + bw * 1.12, y1 - depth), (x0 + bw, y1)]
    image.paste(wood.point(lambda v: int(v * 0.78)), (0, 0), polygon_mask(image.size, front))
    image.paste(wood.point(lambda v: int(v * 0.55)), (0, 0), polygon_mask(image.size, side))
    image.paste(wood.point(lambda v: min(255, int(v * 1.1))), (0, 0), polygon_mask(image.size, top))
    draw = ImageDraw.Draw(image)
    lemon = hex_rgb("#ead391")
    for k in (0.12, 0.88):
        draw.line((x0 + bw * 0.12 * k + bw * 0.06, y0 - depth * k, x0 + bw * (1 + 0.12 * k) - bw * 0.06,
                   y0 - depth * k), fill=lemon, width=8)
    draw.line((x0, y0 + bh * 0.25, x0 + bw, y0 + bh * 0.25), fill=hex_rgb("#3e1c08"), width=5)
    cx, cy = x0 + bw * 0.56, y0 - depth * 0.5
    draw.polygon(star_points(cx, cy, depth * 0.3, depth * 0.17, 8), outline=lemon, width=7)
    draw.polygon([(cx - bw * 0.05, cy), (cx, cy - depth * 0.09), (cx + bw * 0.05, cy), (cx, cy + depth * 0.09)],
                 fill=lemon)
    highlight(image, (x0 + bw * 0.2, y0 - depth * 0.9, x0 + bw * 0.6, y0 - depth * 0.7), 50, 12)


def _bowl(image: Image.Image, wood: Image.Image, variant: int) -> None:
    w, h = image.size
    cx, rim_y, r = w * 0.5, h * 0.45, w * (0.26 + 0.03 * (variant % 3))
    depth = r * 0.75
    soft_shadow(image, (cx - r * 0.9, rim_y + depth * 0.7, cx + r * 1.1, rim_y + depth * 1.25), 150, 16)
    body = [(cx + r * math.cos(math.pi * k / 40), rim_y + depth * math.sin(math.pi * k / 40) ** 0.8)
            for k in range(41)]
    image.paste(round_shading(wood.copy(), (int(cx - r), int(rim_y), int(cx + r), int(rim_y + depth)), 0.2, 0.6),
                (0, 0), polygon_mask(image.size, body))
    ImageDraw.Draw(image).ellipse((cx - r, rim_y - r * 0.25, cx + r, rim_y + r * 0.25), fill=hex_rgb("#6b3212"))
    inner = ellipse_mask(image.size, (cx - r * 0.93, rim_y - r * 0.21, cx + r * 0.93, rim_y + r * 0.23))
    image.paste(wood.point(lambda v: int(v * 0.7)), (0, 0), inner)
    highlight(image, (cx - r * 0.75, rim_y + depth * 0.15, cx - r * 0.4, rim_y + depth * 0.45), 60, 10)
