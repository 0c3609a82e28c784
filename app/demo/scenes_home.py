"""Demo scenes of woven and sewn crafts: carpets, textiles, leather goods, basketry."""
from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from app.demo.painting import (
    RGB,
    backdrop,
    hex_rgb,
    highlight,
    jitter,
    polygon_mask,
    round_shading,
    shade,
    soft,
    soft_shadow,
    star_points,
    stripes,
    texture,
    tint,
)

WOOL = hex_rgb("#efe6d2")
FLOORS = [hex_rgb(c) for c in ("#b9a58a", "#9e8466", "#c9b89c", "#7d6a55")]


# -- carpets ---------------------------------------------------------------------------------

def carpet(rng: random.Random, variant: int, size: tuple[int, int]) -> Image.Image:
    """A carpet seen from above on a floor, slightly turned."""
    w, h = size
    floor = texture(Image.new("RGB", size, FLOORS[variant % len(FLOORS)]), rng, 0.12, 2)
    cw, ch = int(w * 0.78), int(h * 0.8)
    rug = [_beni_ouarain, _kilim, _azilal][variant % 3](rng, (cw, ch))
    rug = _wool(rug, rng)
    fringed = Image.new("RGBA", (cw + 80, ch + 80), (0, 0, 0, 0))
    fringed.paste(rug, (40, 40))
    draw = ImageDraw.Draw(fringed)
    for x in range(48, cw + 32, 14):  # fringes on the two short ends
        draw.line((x, 40, x + rng.randint(-4, 4), 8), fill=(*shade(WOOL, 0.95), 255), width=5)
        draw.line((x, ch + 40, x + rng.randint(-4, 4), ch + 72), fill=(*shade(WOOL, 0.95), 255), width=5)
    turned = fringed.rotate(rng.uniform(-6, 6), resample=Image.Resampling.BILINEAR, expand=True)
    ox, oy = (w - turned.size[0]) // 2, (h - turned.size[1]) // 2
    shadow = Image.new("L", size, 0)
    shadow.paste(turned.getchannel("A").point(lambda a: 110 if a else 0), (ox + 18, oy + 24))
    tint(floor, (40, 30, 20), soft(shadow, 16))
    floor.paste(turned, (ox, oy), turned)
    return floor


def _wool(rug: Image.Image, rng: random.Random) -> Image.Image:
    """Knotted pile: coarse grain and tiny soft irregularities."""
    pile = texture(rug, rng, opacity=0.3, blur=1.2)
    return pile.filter(ImageFilter.GaussianBlur(1.2))


def _beni_ouarain(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    cw, ch = size
    rug = Image.new("RGB", size, WOOL)
    draw = ImageDraw.Draw(rug)
    ink = rng.choice([hex_rgb("#2b2320"), hex_rgb("#4a3426"), hex_rgb("#3b3a3f")])
    cols = rng.choice([3, 4])
    dw = cw / cols
    dh = dw * 1.5
    for row in range(-1, int(ch / dh) + 2):
        for col in range(cols + 1):
            cx, cy = col * dw, row * dh + (dh / 2 if col % 2 else 0)
            pts = [(cx, cy - dh / 2), (cx + dw / 2, cy), (cx, cy + dh / 2), (cx - dw / 2, cy)]
            draw.line(pts + [pts[0]], fill=ink, width=14, joint="curve")
            if (row + col) % 2 == 0:
                draw.line((cx - dw * 0.15, cy, cx + dw * 0.15, cy), fill=ink, width=10)
    return rug


def _kilim(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    cw, ch = size
    palette = [hex_rgb(c) for c in ("#a8322a", "#e0a43a", "#2d4f7c", "#efe6d2", "#3c6e47", "#6b2a4a")]
    rng.shuffle(palette)
    rug = Image.new("RGB", size, palette[0])
    draw = ImageDraw.Draw(rug)
    y = 0
    i = 0
    while y < ch:
        band = rng.choice([24, 40, 70, 110])
        color = palette[i % len(palette)]
        draw.rectangle((0, y, cw, y + band), fill=color)
        if band >= 70:  # a row of triangles (teeth) inside wide bands
            tooth = band * 0.8
            other = palette[(i + 2) % len(palette)]
            for x in range(0, cw, int(tooth)):
                draw.polygon([(x, y + band), (x + tooth / 2, y + band * 0.2), (x + tooth, y + band)], fill=other)
        y += band
        i += 1
    return rug


def _azilal(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    cw, ch = size
    rug = Image.new("RGB", size, WOOL)
    draw = ImageDraw.Draw(rug)
    colors = [hex_rgb(c) for c in ("#d0452f", "#2f6fa8", "#e6a82b", "#7b3f8c", "#3f8f5a", "#e07aa0")]
    for _ in range(18):
        x, y = rng.uniform(0, cw), rng.uniform(0, ch)
        s = rng.uniform(cw * 0.05, cw * 0.12)
        color = rng.choice(colors)
        if rng.random() < 0.5:
            draw.polygon([(x, y - s), (x + s * 0.6, y), (x, y + s), (x - s * 0.6, y)], fill=color)
            draw.polygon([(x, y - s * 0.5), (x + s * 0.3, y), (x, y + s * 0.5), (x - s * 0.3, y)], fill=WOOL)
        else:
            draw.line([(x - s, y + s * 0.3), (x - s / 2, y - s * 0.3), (x, y + s * 0.3), (x + s / 2, y - s * 0.3),
                       (x + s, y + s * 0.3)], fill=color, width=18, joint="curve")
    draw.rectangle((0, 0, cw - 1, ch - 1), outline=hex_rgb("#2b2320"), width=12)
    return rug


# -- textiles --------------------------------------------------------------------------------

TEXTILE_PALETTES = [
    [("#f1e7d3", 40), ("#c0392b", 10), ("#f1e7d3", 18), ("#1f3a5f", 6)],
    [("#2a6f8f", 34), ("#f4ead6", 8), ("#e2b23c", 12), ("#f4ead6", 8)],
    [("#7a2f2a", 30), ("#e6c17a", 6), ("#3c6e47", 16), ("#e6c17a", 6)],
    [("#e8dcc4", 24), ("#333333", 4), ("#e8dcc4", 24), ("#b5651d", 10)],
]


def textile(rng: random.Random, variant: int, size: tuple[int, int]) -> Image.Image:
    """A stack of folded striped cloths (foutas), or a blanket hanging from a rod (hendira)."""
    image = backdrop(size, hex_rgb("#ece2d2"), hex_rgb("#c2a68a"), horizon=0.55)
    (_stack if variant % 2 == 0 else _hanging)(image, rng, variant)
    return texture(image, rng, opacity=0.22, blur=1)


def _stack(image: Image.Image, rng: random.Random, variant: int) -> None:
    w, h = image.size
    count = 4 + variant % 3
    fold_h = h * 0.12
    bottom = h * 0.88
    soft_shadow(image, (w * 0.12, bottom - fold_h * 0.5, w * 0.92, bottom + fold_h * 0.8), 140, 14)
    for i in range(count):
        palette = TEXTILE_PALETTES[(variant + i) % len(TEXTILE_PALETTES)]
        bands = [(hex_rgb(c), t * 3) for c, t in palette]
        x0 = w * 0.14 + rng.uniform(-25, 25)
        x1 = w * 0.86 + rng.uniform(-25, 25)
        y1 = bottom - i * fold_h
        y0 = y1 - fold_h
        folded = Image.new("L", image.size, 0)
        ImageDraw.Draw(folded).rounded_rectangle((x0, y0, x1, y1), radius=fold_h * 0.45, fill=255)
        image.paste(_fold_shading(stripes(image.size, bands, vertical=True), y0, y1), (0, 0), folded)


def _hanging(image: Image.Image, rng: random.Random, variant: int) -> None:
    """A hendira hanging in soft folds, horizontal bands, fringes at the bottom."""
    w, h = image.size
    x0, x1, y0, y1 = w * 0.24, w * 0.76, h * 0.1, h * 0.84
    palette = TEXTILE_PALETTES[variant % len(TEXTILE_PALETTES)]
    layer = stripes(image.size, [(hex_rgb(c), t * 4) for c, t in palette])
    region = layer.crop((int(x0), int(y0), int(x1), int(y1)))
    folds = Image.new("L", (region.size[0], 1))
    folds.putdata([int(200 + 55 * math.cos(i / region.size[0] * math.pi * 7)) for i in range(region.size[0])])
    folds = folds.resize(region.size, Image.Resampling.NEAREST)
    shaded = Image.composite(region, Image.new("RGB", region.size, (20, 15, 10)), folds)
    soft_shadow(image, (x0 + 30, y0 + 40, x1 + 50, y1 + 40), 90, 18)
    image.paste(shaded, (int(x0), int(y0)))
    draw = ImageDraw.Draw(image)
    fringe = shade(hex_rgb(palette[0][0]), 0.95)
    for x in range(int(x0) + 6, int(x1) - 4, 12):
        draw.line((x, y1, x + rng.randint(-5, 5), y1 + h * 0.06), fill=fringe, width=5)
    draw.line((x0 - w * 0.04, y0, x1 + w * 0.04, y0), fill=hex_rgb("#6b4a2b"), width=22)


def _fold_shading(layer: Image.Image, y0: float, y1: float) -> Image.Image:
    shaded = layer.copy()
    dark = Image.new("RGB", layer.size, (0, 0, 0))
    mask = Image.new("L", layer.size, 0)
    draw = ImageDraw.Draw(mask)
    draw.rectangle((0, y1 - (y1 - y0) * 0.35, layer.size[0], y1), fill=90)
    draw.rectangle((0, y0, layer.size[0], y0 + (y1 - y0) * 0.15), fill=30)
    shaded.paste(dark, (0, 0), soft(mask, 8))
    return shaded


# -- leather ---------------------------------------------------------------------------------

LEATHERS = [hex_rgb(c) for c in ("#e0a526", "#a0522d", "#b5651d", "#8b2e24", "#d8b07a", "#4b5d2e")]


def leather(rng: random.Random, variant: int, size: tuple[int, int]) -> Image.Image:
    image = backdrop(size, hex_rgb("#efe6d8"), hex_rgb("#cbb8a0"), horizon=0.45)
    color = LEATHERS[variant % len(LEATHERS)]
    if variant % 2 == 0:
        _babouches(image, rng, color)
    else:
        _bag(image, rng, color)
    return texture(image, rng, opacity=0.14, blur=1.5)


def _babouches(image: Image.Image, rng: random.Random, color: RGB) -> None:
    """A pair of pointed babouches seen from above, toes away from the viewer, slightly splayed."""
    w, h = image.size
    lining = hex_rgb("#e9d3a8")
    for cx, angle in ((w * 0.39, 0.1), (w * 0.61, -0.1)):
        top, bottom, half = h * 0.1, h * 0.9, w * 0.095
        cy = (top + bottom) / 2

        def turn(x: float, y: float, cx: float = cx, cy: float = cy, angle: float = angle) -> tuple[float, float]:
            dx, dy = x - cx, y - cy
            return cx + dx * math.cos(angle) - dy * math.sin(angle), cy + dx * math.sin(angle) + dy * math.cos(angle)

        right = []
        for k in range(61):
            t = k / 60
            if t < 0.38:
                r = half * (t / 0.38) ** 0.55
            elif t < 0.86:
                r = half
            else:
                r = half * math.sqrt(max(0.0, 1 - ((t - 0.86) / 0.14) ** 2))
            right.append((cx + r, top + (bottom - top) * t))
        outline = [turn(x, y) for x, y in right + [(2 * cx - x, y) for x, y in reversed(right)]]
        soft_shadow(image, (cx - half * 1.1, top + 60, cx + half * 1.5, bottom + 30), 120, 14)
        layer = Image.new("RGB", image.size, color)
        image.paste(round_shading(layer, (int(cx - half * 1.3), int(top), int(cx + half * 1.3), int(bottom)),
                                  0.15, 0.35), (0, 0), polygon_mask(image.size, outline))
        draw = ImageDraw.Draw(image)
        opening = [turn(cx + half * 0.74 * math.cos(a / 30 * 2 * math.pi),
                        top + (bottom - top) * (0.77 + 0.19 * math.sin(a / 30 * 2 * math.pi))) for a in range(31)]
        draw.polygon(opening, fill=shade(color, 0.5))
        inner = [turn(cx + half * 0.62 * math.cos(a / 30 * 2 * math.pi),
                      top + (bottom - top) * (0.78 + 0.165 * math.sin(a / 30 * 2 * math.pi))) for a in range(31)]
        draw.polygon(inner, fill=lining)
        for k in range(14):  # saddle stitching along the vamp
            t = 0.12 + k * 0.024
            a = turn(cx - 4, top + (bottom - top) * t)
            b = turn(cx + 4, top + (bottom - top) * t + 12)
            draw.line((a, b), fill=shade(color, 1.55), width=4)
        star = [turn(x, y) for x, y in star_points(cx, top + (bottom - top) * 0.36, half * 0.3, half * 0.14, 8)]
        draw.polygon(star, outline=shade(color, 1.55), width=5)


def _bag(image: Image.Image, rng: random.Random, color: RGB) -> None:
    w, h = image.size
    x0, x1, y0, y1 = w * 0.28, w * 0.72, h * 0.36, h * 0.86
    soft_shadow(image, (x0 - 20, y1 - 40, x1 + 60, y1 + 40), 140, 14)
    draw = ImageDraw.Draw(image)
    draw.arc((x0 + (x1 - x0) * 0.12, y0 - h * 0.3, x1 - (x1 - x0) * 0.12, y0 + h * 0.2), 180, 360,
             fill=shade(color, 0.7), width=28)
    body = Image.new("L", image.size, 0)
    ImageDraw.Draw(body).rounded_rectangle((x0, y0, x1, y1), radius=60, fill=255)
    layer = Image.new("RGB", image.size, color)
    image.paste(round_shading(layer, (int(x0), int(y0), int(x1), int(y1)), 0.15, 0.35), (0, 0), body)
    flap = [(x0, y0), (x1, y0), (x1, y0 + (y1 - y0) * 0.35), ((x0 + x1) / 2, y0 + (y1 - y0) * 0.55),
            (x0, y0 + (y1 - y0) * 0.35)]
    image.paste(round_shading(Image.new("RGB", image.size, shade(color, 0.88)), (int(x0), int(y0), int(x1), int(y1))),
                (0, 0), polygon_mask(image.size, flap))
    draw = ImageDraw.Draw(image)
    for a, b in zip(flap, flap[1:], strict=False):
        draw.line((a, b), fill=shade(color, 1.45), width=3)
    bx, by = (x0 + x1) / 2, y0 + (y1 - y0) * 0.5
    draw.rounded_rectangle((bx - 30, by - 22, bx + 30, by + 22), radius=8, fill=hex_rgb("#c9a13b"),
                           outline=hex_rgb("#7a5a1a"), width=4)
    for k in range(int((x1 - x0) / 26)):  # stitching along the bottom
        x = x0 + 30 + k * 26
        draw.line((x, y1 - 28, x + 12, y1 - 28), fill=shade(color, 1.45), width=4)
    highlight(image, (x0 + 40, y0 + 30, x0 + (x1 - x0) * 0.35, y0 + 90), 50, 12)


# -- basketry --------------------------------------------------------------------------------

STRAW = hex_rgb("#d8b878")
DYES = [hex_rgb(c) for c in ("#b03a2e", "#2e6b4f", "#6b2f7a", "#1f4e9c", "#e08a1e")]


def basketry(rng: random.Random, variant: int, size: tuple[int, int]) -> Image.Image:
    image = backdrop(size, hex_rgb("#f0e8da"), hex_rgb("#b59a78"), horizon=0.6)
    if variant % 2 == 0:
        _basket(image, rng, DYES[variant % len(DYES)])
    else:
        _tray(image, rng, DYES[variant % len(DYES)])
    return texture(image, rng, opacity=0.05)


def _weave(size: tuple[int, int], rng: random.Random, cell: int, dye: RGB, dyed_rows: set[int]) -> Image.Image:
    """Over-under weave: alternating short strands, some rows dyed."""
    layer = Image.new("RGB", size, shade(STRAW, 0.6))
    draw = ImageDraw.Draw(layer)
    for row in range(size[1] // cell + 1):
        base = dye if row in dyed_rows else STRAW
        for col in range(size[0] // cell + 1):
            x, y = col * cell + (cell // 2 if row % 2 else 0), row * cell
            color = jitter(rng, base, 14)
            draw.rounded_rectangle((x + 2, y + 2, x + cell - 2, y + cell - 3), radius=cell // 3, fill=color)
            draw.line((x + 6, y + cell * 0.3, x + cell - 8, y + cell * 0.3), fill=shade(color, 1.25), width=3)
    return layer


def _basket(image: Image.Image, rng: random.Random, dye: RGB) -> None:
    w, h = image.size
    u = w / 1280  # lengths below are in pixels of a 1280 px canvas
    cx, top, bottom = w * 0.5, h * 0.32, h * 0.84
    top_half, bottom_half = w * 0.26, w * 0.19
    soft_shadow(image, (cx - top_half, bottom - 40 * u, cx + top_half * 1.2, bottom + 50 * u), 140, 14)
    draw = ImageDraw.Draw(image)
    for side in (-1, 1):  # handles
        x = cx + side * top_half * 0.55
        draw.arc((x - 90 * u, top - 130 * u, x + 90 * u, top + 60 * u), 190, 350, fill=shade(STRAW, 0.7),
                 width=max(3, int(26 * u)))
    cell = max(8, int(36 * u))
    rows = (bottom - top) / cell
    dyed = {int(rows * 0.35), int(rows * 0.35) + 1, int(rows * 0.7)}
    layer = _weave(image.size, rng, cell, dye, {r + int(top / cell) for r in dyed})
    body = [(cx - top_half, top), (cx + top_half, top), (cx + bottom_half, bottom), (cx - bottom_half, bottom)]
    image.paste(round_shading(layer, (int(cx - top_half), int(top), int(cx + top_half), int(bottom)), 0.15, 0.5),
                (0, 0), polygon_mask(image.size, body))
    draw = ImageDraw.Draw(image)
    draw.ellipse((cx - top_half, top - 40 * u, cx + top_half, top + 40 * u), fill=shade(STRAW, 0.75))
    draw.ellipse((cx - top_half + 24 * u, top - 26 * u, cx + top_half - 24 * u, top + 30 * u), fill=shade(STRAW, 0.35))


def _tray(image: Image.Image, rng: random.Random, dye: RGB) -> None:
    """A round coiled tray (tbak) seen from above at an angle, with dyed bands and triangles."""
    w, h = image.size
    d = int(min(w, h) * 0.95)
    flat = Image.new("RGB", (d, d), STRAW)
    draw = ImageDraw.Draw(flat)
    c = d / 2
    ring = 16
    for k, radius in enumerate(range(int(c), 0, -ring)):
        color = jitter(rng, dye if k in (4, 5, 11, 12) else STRAW, 10)
        draw.ellipse((c - radius, c - radius, c + radius, c + radius), fill=color, outline=shade(color, 0.7), width=3)
    for i in range(16):
        a = 2 * math.pi * i / 16
        r1, r2 = c * 0.4, c * 0.6
        draw.polygon([(c + r1 * math.cos(a - 0.12), c + r1 * math.sin(a - 0.12)),
                      (c + r1 * math.cos(a + 0.12), c + r1 * math.sin(a + 0.12)),
                      (c + r2 * math.cos(a), c + r2 * math.sin(a))], fill=shade(dye, 0.85))
    flat = texture(flat, rng, 0.25, 1)
    sw, sh = int(d * 1.0), int(d * 0.55)
    squashed = flat.resize((sw, sh), Image.Resampling.BILINEAR)
    x0, y0 = int(w / 2 - sw / 2), int(h * 0.6 - sh / 2)
    soft_shadow(image, (x0, y0 + sh * 0.3, x0 + sw, y0 + sh * 1.1), 150, 16)
    ImageDraw.Draw(image).ellipse((x0, y0 + 24, x0 + sw, y0 + sh + 24), fill=shade(STRAW, 0.55))
    mask = Image.new("L", (sw, sh), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, sw, sh), fill=255)
    image.paste(squashed, (x0, y0), mask)
