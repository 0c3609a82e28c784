"""Demo scenes of the souk's pantry and small goods: a pyramid of one spice, saffron, honey, amlou,
dates, oils, rose water, hammam soap, zellige tiles, a lantern and a leather pouf.

Each scene shows one product, so a grid of saffron, dates and honey shows saffron, dates and honey.
"""
from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

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
    soft,
    soft_shadow,
    star_points,
    texture,
    tint,
    zellige,
)

WALLS = [hex_rgb(c) for c in ("#efe3cf", "#e9d6bd", "#f3ece0", "#e6ddd2")]
TABLES = [hex_rgb(c) for c in ("#b98a5e", "#a7774c", "#cdb08a", "#8f6a4a")]
BRASS = hex_rgb("#c99a3c")
CLAY = hex_rgb("#9c4f2c")
GLASS = hex_rgb("#e9e4d8")
LABEL = hex_rgb("#f3ead3")
INK = hex_rgb("#6b4423")


def _scene(rng: random.Random, size: tuple[int, int], horizon: float = 0.6) -> Image.Image:
    return backdrop(size, rng.choice(WALLS), rng.choice(TABLES), horizon)


def _label(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], ink: RGB = INK) -> None:
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=LABEL)
    for k in range(3):
        y = y0 + (y1 - y0) * (0.28 + 0.22 * k)
        inset = (x1 - x0) * (0.15 + 0.08 * k)
        draw.line((x0 + inset, y, x1 - inset, y), fill=ink, width=max(2, int((y1 - y0) * 0.06) - k))


def _grains(image: Image.Image, rng: random.Random, color: RGB, box: tuple[float, float, float, float], n: int,
            r: float) -> None:
    draw = ImageDraw.Draw(image)
    for _ in range(n):
        x, y = rng.uniform(box[0], box[2]), rng.uniform(box[1], box[3])
        s = r * rng.uniform(0.5, 1.2)
        draw.ellipse((x - s, y - s * 0.7, x + s, y + s * 0.7), fill=jitter(rng, color, 18))


# -- spices -----------------------------------------------------------------------------------

def spice(rng: random.Random, size: tuple[int, int], color: RGB) -> Image.Image:
    """One spice heaped into the pointed pyramid of the souk stalls, on a brass tray."""
    image = _scene(rng, size, horizon=0.45)
    w, h = image.size
    cx, base = w * 0.5, h * 0.74
    soft_shadow(image, (cx - w * 0.36, base - h * 0.02, cx + w * 0.38, base + h * 0.12), 150, 18)
    tray = ellipse_mask(image.size, (cx - w * 0.34, base - h * 0.07, cx + w * 0.34, base + h * 0.09))
    image.paste(round_shading(Image.new("RGB", image.size, BRASS), (int(cx - w * 0.34), 0, int(cx + w * 0.34), h),
                              0.2, 0.5), (0, 0), tray)
    ImageDraw.Draw(image).ellipse((cx - w * 0.3, base - h * 0.055, cx + w * 0.3, base + h * 0.07),
                                  fill=shade(BRASS, 0.8))
    half = w * 0.26
    cone = [(cx - half, base)] + [(cx + half * math.cos(math.pi - a * math.pi / 24),
                                   base + h * 0.04 * math.sin(a * math.pi / 24)) for a in range(25)]
    cone += [(cx + half, base), (cx + w * 0.012, h * 0.2), (cx - w * 0.012, h * 0.2)]
    pile = texture(Image.new("RGB", image.size, color), rng, opacity=0.25, blur=1)
    image.paste(round_shading(pile, (int(cx - half), int(h * 0.2), int(cx + half), int(base)), 0.15, 0.5), (0, 0),
                polygon_mask(image.size, cone))
    _grains(image, rng, color, (w * 0.12, h * 0.86, w * 0.88, h * 0.97), 40, w * 0.006)
    return texture(image, rng, opacity=0.08)


def spice_assortment(rng: random.Random, size: tuple[int, int], colors: list[RGB]) -> Image.Image:
    """A gift box of small glass jars, each of one spice."""
    image = _scene(rng, size, horizon=0.4)
    w, h = image.size
    soft_shadow(image, (w * 0.12, h * 0.36, w * 0.92, h * 0.92), 150, 18)
    draw = ImageDraw.Draw(image)
    draw.rectangle((w * 0.12, h * 0.3, w * 0.88, h * 0.86), fill=hex_rgb("#7a4b2a"))
    draw.rectangle((w * 0.14, h * 0.32, w * 0.86, h * 0.84), fill=hex_rgb("#5c3820"))
    cols, rows = 3, 2
    for k, color in enumerate(colors[: cols * rows]):
        x = w * (0.24 + 0.26 * (k % cols))
        y = h * (0.44 + 0.25 * (k // cols))
        r = w * 0.1
        draw.ellipse((x - r, y - r * 0.8, x + r, y + r * 0.8), fill=GLASS)
        draw.ellipse((x - r * 0.86, y - r * 0.68, x + r * 0.86, y + r * 0.68), fill=color)
        highlight(image, (x - r * 0.6, y - r * 0.6, x - r * 0.1, y - r * 0.3), 100, 4)
    return texture(image, rng, opacity=0.1)


def saffron(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A small glass jar of red threads with a pinch spilled on a saucer and a crocus flower."""
    image = _scene(rng, size, horizon=0.5)
    w, h = image.size
    # saucer with threads
    sx, sy = w * 0.66, h * 0.8
    soft_shadow(image, (sx - w * 0.2, sy - h * 0.02, sx + w * 0.22, sy + h * 0.1), 130, 12)
    draw = ImageDraw.Draw(image)
    draw.ellipse((sx - w * 0.19, sy - h * 0.07, sx + w * 0.19, sy + h * 0.07), fill=hex_rgb("#f4efe6"))
    draw.ellipse((sx - w * 0.13, sy - h * 0.045, sx + w * 0.13, sy + h * 0.045), fill=hex_rgb("#e6dfd2"))
    for _ in range(70):
        x, y = rng.uniform(sx - w * 0.1, sx + w * 0.1), rng.uniform(sy - h * 0.035, sy + h * 0.035)
        a, length = rng.uniform(0, math.pi), rng.uniform(w * 0.012, w * 0.03)
        draw.line((x, y, x + length * math.cos(a), y + length * math.sin(a) * 0.5),
                  fill=jitter(rng, hex_rgb("#b3121c"), 20), width=max(2, w // 400))
    # jar
    jx, bottom, half = w * 0.36, h * 0.84, w * 0.12
    soft_shadow(image, (jx - half * 1.2, bottom - h * 0.03, jx + half * 1.4, bottom + h * 0.05), 140, 10)
    body = profile_polygon(jx, h * 0.42, bottom, lambda t: half * (0.92 + 0.08 * math.sin(t * math.pi)))
    threads = Image.new("RGB", image.size, hex_rgb("#a8141b"))
    tdraw = ImageDraw.Draw(threads)
    for _ in range(160):
        x, y = rng.uniform(jx - half, jx + half), rng.uniform(h * 0.5, bottom)
        a, length = rng.uniform(0, math.pi), rng.uniform(w * 0.01, w * 0.025)
        tdraw.line((x, y, x + length * math.cos(a), y + length * math.sin(a)),
                   fill=jitter(rng, hex_rgb("#c8281c"), 25), width=max(2, w // 450))
    tdraw.rectangle((0, h * 0.42, w, h * 0.5), fill=shade(GLASS, 0.95))
    image.paste(round_shading(threads, (int(jx - half), int(h * 0.42), int(jx + half), int(bottom)), 0.1, 0.35),
                (0, 0), polygon_mask(image.size, body))
    draw = ImageDraw.Draw(image)
    draw.rectangle((jx - half * 0.95, h * 0.36, jx + half * 0.95, h * 0.43), fill=shade(BRASS, 0.9))
    highlight(image, (jx - half * 0.75, h * 0.47, jx - half * 0.5, bottom - h * 0.05), 120, 4)
    # a crocus flower lying on the table
    fx, fy = w * 0.16, h * 0.7
    draw.line((fx, fy, fx + w * 0.12, fy + h * 0.16), fill=hex_rgb("#5b7a2e"), width=max(3, w // 250))
    for k in range(6):
        a = k * math.pi / 3 + 0.3
        px, py = fx + w * 0.035 * math.cos(a), fy + h * 0.035 * math.sin(a)
        draw.ellipse((px - w * 0.028, py - h * 0.028, px + w * 0.028, py + h * 0.028),
                     fill=jitter(rng, hex_rgb("#8e5ba8"), 10))
    for k in range(3):
        a = k * 2 * math.pi / 3
        draw.line((fx, fy, fx + w * 0.04 * math.cos(a), fy + h * 0.04 * math.sin(a)), fill=hex_rgb("#d0201a"),
                  width=max(3, w // 300))
    return texture(image, rng, opacity=0.05)


# -- jars and bottles -------------------------------------------------------------------------

def jar(rng: random.Random, size: tuple[int, int], fill: RGB, lid: RGB, *, dipper: bool = False,
        nuts: RGB | None = None) -> Image.Image:
    """A glass jar (honey, amlou, black soap): the content's colour, a lid, a label; honey gets its
    wooden dipper, amlou the almonds it is made of."""
    image = _scene(rng, size, horizon=0.52)
    w, h = image.size
    cx, bottom, half, top = w * 0.45, h * 0.86, w * 0.17, h * 0.34
    soft_shadow(image, (cx - half * 1.2, bottom - h * 0.04, cx + half * 1.5, bottom + h * 0.06), 150, 14)
    outline = profile_polygon(cx, top, bottom, lambda t: half * (0.86 if t < 0.06 else 1.0))
    content = texture(Image.new("RGB", image.size, fill), rng, opacity=0.12, blur=2)
    image.paste(round_shading(content, (int(cx - half), int(top), int(cx + half), int(bottom)), 0.2, 0.45), (0, 0),
                polygon_mask(image.size, outline))
    draw = ImageDraw.Draw(image)
    draw.rectangle((cx - half * 0.95, top - h * 0.07, cx + half * 0.95, top + h * 0.01), fill=lid)
    draw.rectangle((cx - half * 0.95, top - h * 0.07, cx + half * 0.95, top - h * 0.055), fill=shade(lid, 1.25))
    _label(draw, (cx - half * 0.8, top + h * 0.17, cx + half * 0.8, top + h * 0.34))
    highlight(image, (cx - half * 0.8, top + h * 0.05, cx - half * 0.55, bottom - h * 0.06), 110, 5)
    if dipper:
        dx, dy = w * 0.78, h * 0.8
        draw.line((dx - w * 0.12, dy - h * 0.2, dx, dy), fill=hex_rgb("#8a5a32"), width=max(6, w // 90))
        for k in range(4):
            r = w * (0.035 - 0.004 * abs(k - 1.5))
            y = dy + k * h * 0.018
            draw.ellipse((dx - r, y - r * 0.5, dx + r, y + r * 0.5), fill=shade(hex_rgb("#9c6b3c"), 1 - 0.06 * k))
        draw.ellipse((dx - w * 0.05, dy + h * 0.06, dx + w * 0.06, dy + h * 0.09), fill=fill)
    if nuts:
        for _ in range(9):
            x, y = rng.uniform(w * 0.66, w * 0.92), rng.uniform(h * 0.78, h * 0.95)
            r = w * 0.022
            draw.ellipse((x - r * 1.5, y - r, x + r * 1.5, y + r), fill=jitter(rng, nuts, 14))
            draw.ellipse((x - r, y - r * 0.7, x, y - r * 0.1), fill=shade(nuts, 1.3))
    return texture(image, rng, opacity=0.05)


def bottle(rng: random.Random, size: tuple[int, int], liquid: RGB, *, count: int = 1, tall: bool = False,
           beside: str = "") -> Image.Image:
    """Glass bottles of an oil or a flower water, with what it is made of beside them
    ("argan" nuts, "olive" olives and leaves, "rose" petals)."""
    image = _scene(rng, size, horizon=0.58)
    w, h = image.size
    for i in range(count):
        x = w * (0.5 + (i - (count - 1) / 2) * 0.24)
        scale = 1.0 - 0.14 * (i % 2)
        _one_bottle(image, x, h * 0.84, w * (0.07 if tall else 0.09) * scale, h * (0.66 if tall else 0.56) * scale,
                    liquid)
    draw = ImageDraw.Draw(image)
    if beside == "argan":
        _grains(image, rng, hex_rgb("#7a4b24"), (w * 0.06, h * 0.86, w * 0.94, h * 0.97), 16, w * 0.02)
    elif beside == "olive":
        for _ in range(12):
            x, y = rng.uniform(w * 0.06, w * 0.94), rng.uniform(h * 0.86, h * 0.97)
            r = w * 0.018
            draw.ellipse((x - r * 1.3, y - r, x + r * 1.3, y + r), fill=jitter(rng, hex_rgb("#4f5a1e"), 14))
        for k in range(5):
            x = w * (0.08 + 0.05 * k)
            draw.ellipse((x, h * 0.9 - k * h * 0.01, x + w * 0.06, h * 0.92 - k * h * 0.01), fill=hex_rgb("#6f8a4a"))
    elif beside == "rose":
        for _ in range(22):
            x, y = rng.uniform(w * 0.05, w * 0.95), rng.uniform(h * 0.86, h * 0.98)
            r = w * rng.uniform(0.01, 0.018)
            draw.ellipse((x - r * 1.4, y - r, x + r * 1.4, y + r), fill=jitter(rng, hex_rgb("#d24a6e"), 18))
    return texture(image, rng, opacity=0.04)


def _one_bottle(image: Image.Image, cx: float, bottom: float, half: float, height: float, liquid: RGB) -> None:
    top = bottom - height
    soft_shadow(image, (cx - half * 1.3, bottom - 30, cx + half * 1.6, bottom + 40), 130, 12)

    def radius(t: float) -> float:
        if t < 0.25:
            return half * 0.32
        if t < 0.4:
            return half * (0.32 + 0.68 * math.sin((t - 0.25) / 0.15 * math.pi / 2))
        return half

    layer = Image.new("RGB", image.size, liquid)
    ImageDraw.Draw(layer).rectangle((0, top, image.size[0], top + height * 0.3), fill=shade(GLASS, 0.97))
    image.paste(round_shading(layer, (int(cx - half), int(top), int(cx + half), int(bottom)), 0.1, 0.45), (0, 0),
                polygon_mask(image.size, profile_polygon(cx, top, bottom, radius)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((cx - half * 0.36, top - height * 0.08, cx + half * 0.36, top + 4), fill=hex_rgb("#8a5a32"))
    _label(draw, (cx - half * 0.85, top + height * 0.52, cx + half * 0.85, top + height * 0.78))
    highlight(image, (cx - half * 0.7, top + height * 0.38, cx - half * 0.45, bottom - height * 0.08), 110, 4)


# -- dates, soap ------------------------------------------------------------------------------

def dates(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A dish heaped with glossy dates."""
    image = _scene(rng, size, horizon=0.4)
    w, h = image.size
    cx, cy = w * 0.5, h * 0.66
    soft_shadow(image, (cx - w * 0.4, cy - h * 0.1, cx + w * 0.42, cy + h * 0.22), 150, 16)
    draw = ImageDraw.Draw(image)
    draw.ellipse((cx - w * 0.4, cy - h * 0.2, cx + w * 0.4, cy + h * 0.2), fill=hex_rgb("#e8e0d0"))
    draw.ellipse((cx - w * 0.34, cy - h * 0.16, cx + w * 0.34, cy + h * 0.16), fill=hex_rgb("#d8cdb8"))
    for layer in range(3):
        for _ in range(22 - 6 * layer):
            a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, 0.85) ** 0.7
            x = cx + math.cos(a) * d * w * (0.29 - 0.06 * layer)
            y = cy + math.sin(a) * d * h * (0.13 - 0.03 * layer) - layer * h * 0.045
            _date(draw, image, x, y, w * 0.05, rng.uniform(-0.6, 0.6), jitter(rng, hex_rgb("#5a2a14"), 14))
    return texture(image, rng, opacity=0.05)


def _date(draw: ImageDraw.ImageDraw, image: Image.Image, x: float, y: float, length: float, angle: float,
          color: RGB) -> None:
    points = [(x + length * math.cos(t) * math.cos(angle) - length * 0.45 * math.sin(t) * math.sin(angle),
               y + length * math.cos(t) * math.sin(angle) + length * 0.45 * math.sin(t) * math.cos(angle))
              for t in (i * math.pi / 12 for i in range(24))]
    draw.polygon(points, fill=color, outline=shade(color, 0.7))
    draw.line((points[20], points[16]), fill=shade(color, 1.6), width=max(2, int(length * 0.12)))


def soap(rng: random.Random, size: tuple[int, int], kind: str) -> Image.Image:
    """Hammam goods: black soap in a clay bowl, ghassoul clay in tablets, or bars of olive-oil soap."""
    image = _scene(rng, size, horizon=0.45)
    w, h = image.size
    draw = ImageDraw.Draw(image)
    if kind == "black":
        cx, cy, r = w * 0.5, h * 0.68, w * 0.3
        soft_shadow(image, (cx - r * 1.1, cy - r * 0.1, cx + r * 1.2, cy + r * 0.55), 150, 16)
        bowl = [(cx - r, cy - r * 0.1)] + [(cx + r * math.cos(math.pi - a * math.pi / 20),
                                            cy - r * 0.1 + r * 0.6 * math.sin(a * math.pi / 20)) for a in range(21)]
        image.paste(round_shading(Image.new("RGB", image.size, CLAY), (int(cx - r), int(cy), int(cx + r),
                                                                      int(cy + r * 0.6))),
                    (0, 0), polygon_mask(image.size, bowl))
        draw = ImageDraw.Draw(image)
        draw.ellipse((cx - r, cy - r * 0.28, cx + r, cy + r * 0.08), fill=hex_rgb("#3a2a12"))
        draw.ellipse((cx - r * 0.6, cy - r * 0.22, cx + r * 0.1, cy - r * 0.05), fill=hex_rgb("#5a4320"))
        highlight(image, (cx - r * 0.5, cy - r * 0.2, cx - r * 0.1, cy - r * 0.1), 120, 4)
        return texture(image, rng, opacity=0.05)
    color = hex_rgb("#8d7a66") if kind == "ghassoul" else hex_rgb("#b9a15a")
    count = 4 if kind == "ghassoul" else 3
    for k in range(count):
        x, y = w * (0.5 + (k - (count - 1) / 2) * (0.2 if kind == "ghassoul" else 0.26)), h * (0.66 + 0.08 * (k % 2))
        bw, bh = w * (0.16 if kind == "ghassoul" else 0.22), h * 0.18
        soft_shadow(image, (x - bw * 0.6, y + bh * 0.2, x + bw * 0.7, y + bh * 0.8), 140, 8)
        c = jitter(rng, color, 10)
        if kind == "ghassoul":  # flat irregular tablets
            pts = [(x + bw * 0.6 * math.cos(a) * rng.uniform(0.8, 1.1), y + bh * 0.45 * math.sin(a) *
                    rng.uniform(0.8, 1.1)) for a in (i * math.pi / 7 for i in range(14))]
            draw.polygon(pts, fill=c)
            draw.polygon([(px, py - bh * 0.12) for px, py in pts], fill=shade(c, 1.15))
        else:  # bars with a stamped star
            draw.rectangle((x - bw / 2, y - bh / 2, x + bw / 2, y + bh / 2), fill=shade(c, 0.85))
            draw.rectangle((x - bw / 2, y - bh / 2 - bh * 0.25, x + bw / 2, y - bh / 2 + bh * 0.25), fill=c)
            draw.polygon(star_points(x, y - bh / 2, bh * 0.18, bh * 0.08), fill=shade(c, 0.8))
    return texture(image, rng, opacity=0.08)


# -- zellige, lantern, pouf -------------------------------------------------------------------

def zellige_tiles(rng: random.Random, size: tuple[int, int], colors: list[RGB]) -> Image.Image:
    """A panel of zellige leaning on the wall, with a few loose tiles in front."""
    image = _scene(rng, size, horizon=0.78)
    w, h = image.size
    x0, y0, x1, y1 = w * 0.2, h * 0.12, w * 0.8, h * 0.8
    soft_shadow(image, (x0, y1 - h * 0.03, x1 + w * 0.04, y1 + h * 0.05), 150, 12)
    panel = zellige((int(x1 - x0), int(y1 - y0)), int(w * 0.09), hex_rgb("#f1ebe0"), colors)
    image.paste(round_shading(panel, (0, 0, panel.size[0], panel.size[1]), 0.08, 0.25), (int(x0), int(y0)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((x0, y0, x1, y1), outline=shade(colors[0], 0.6), width=max(4, w // 150))
    for k in range(4):
        cx, cy, s = w * (0.1 + 0.26 * k), h * (0.9 + 0.03 * (k % 2)), w * 0.035
        draw.polygon(star_points(cx, cy, s, s * 0.7, 8, 0.2 * k), fill=colors[k % len(colors)])
    return texture(image, rng, opacity=0.05)


def lantern(rng: random.Random, size: tuple[int, int], metal: RGB) -> Image.Image:
    """A pierced metal lantern glowing in a dim room."""
    image = backdrop(size, hex_rgb("#4a3a2e"), hex_rgb("#3a2c22"), 0.8)
    w, h = image.size
    cx = w * 0.5
    glow = ellipse_mask(image.size, (cx - w * 0.35, h * 0.05, cx + w * 0.35, h * 0.95))
    tint(image, hex_rgb("#d9903a"), soft(glow.point(lambda v: v // 3), w * 0.06))
    top, bottom, half = h * 0.2, h * 0.8, w * 0.16
    body = profile_polygon(cx, top, bottom, lambda t: half * (0.35 + 0.65 * math.sin(min(1.0, t * 1.25) * math.pi
                                                                                      * 0.5)) if t < 0.85
                           else half * (1 - (t - 0.85) * 2.5))
    layer = Image.new("RGB", image.size, metal)
    ldraw = ImageDraw.Draw(layer)
    for row in range(14):
        for col in range(10):
            x, y = cx - half + (col + 0.5 * (row % 2)) * half / 5, top + h * 0.06 + row * (bottom - top) / 15
            ldraw.polygon(star_points(x, y, w * 0.012, w * 0.006, 4), fill=hex_rgb("#ffd98a"))
    image.paste(round_shading(layer, (int(cx - half), int(top), int(cx + half), int(bottom)), 0.2, 0.5), (0, 0),
                polygon_mask(image.size, body))
    draw = ImageDraw.Draw(image)
    draw.polygon([(cx - w * 0.04, top), (cx + w * 0.04, top), (cx, top - h * 0.1)], fill=shade(metal, 0.9))
    draw.line((cx, top - h * 0.1, cx, 0), fill=shade(metal, 0.7), width=max(3, w // 300))
    draw.ellipse((cx - w * 0.02, top - h * 0.14, cx + w * 0.02, top - h * 0.09), outline=metal, width=max(3, w // 300))
    return texture(image, rng, opacity=0.06)


def pouf(rng: random.Random, size: tuple[int, int], color: RGB) -> Image.Image:
    """A round leather pouf with its embroidered star."""
    image = _scene(rng, size, horizon=0.42)
    w, h = image.size
    cx, top, bottom, r = w * 0.5, h * 0.38, h * 0.8, w * 0.3
    soft_shadow(image, (cx - r * 1.1, bottom - h * 0.06, cx + r * 1.2, bottom + h * 0.08), 150, 16)
    side = [(cx - r, top)] + [(cx + r * math.cos(math.pi - a * math.pi / 24), bottom + h * 0.08 *
                               math.sin(a * math.pi / 24)) for a in range(25)] + [(cx + r, top)]
    image.paste(round_shading(Image.new("RGB", image.size, shade(color, 0.85)), (int(cx - r), int(top), int(cx + r),
                                                                                  int(bottom))),
                (0, 0), polygon_mask(image.size, side))
    draw = ImageDraw.Draw(image)
    for k in range(12):  # the stitched side panels
        a = math.pi - (k + 0.5) * math.pi / 12
        x = cx + r * math.cos(a)
        draw.line((x, top + h * 0.02, x, bottom + h * 0.08 * math.sin(math.pi - a) - h * 0.02),
                  fill=shade(color, 0.6), width=max(2, w // 400))
    draw.ellipse((cx - r, top - h * 0.09, cx + r, top + h * 0.09), fill=color)
    draw.polygon([(x, top + (y - top) * 0.3) for x, y in star_points(cx, top, r * 0.5, r * 0.3, 8)],
                 fill=hex_rgb("#f0e2b6"))
    draw.ellipse((cx - r * 0.15, top - h * 0.02, cx + r * 0.15, top + h * 0.02), fill=shade(color, 0.7))
    return texture(image, rng, opacity=0.1, blur=1)
