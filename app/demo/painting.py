"""Drawing helpers for the demo photos: studio backdrops, shading, patterns, soft shadows.

Pillow is imported here only to *paint* demo pictures; decoding and re-encoding of every
photo still happens in the real pipeline (app.media), which the demo feeds like a phone would.
Everything is drawn at twice the final size and reduced at the end, which smooths the edges.
"""
from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

RGB = tuple[int, int, int]
SCALE = 1  # supersampling factor (1: the demo paints at the final size, twice as fast)


def hex_rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def shade(color: RGB, factor: float) -> RGB:
    """Darker (factor < 1) or lighter (factor > 1) version of a colour."""
    if factor <= 1:
        return tuple(max(0, int(c * factor)) for c in color)  # type: ignore[return-value]
    return tuple(min(255, int(c + (255 - c) * (factor - 1))) for c in color)  # type: ignore[return-value]


def jitter(rng: random.Random, color: RGB, amount: int = 12) -> RGB:
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)  # type: ignore[return-value]


def vertical_gradient(size: tuple[int, int], top: RGB, bottom: RGB) -> Image.Image:
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return ImageOps.colorize(ramp, top, bottom)


def soft(mask: Image.Image, radius: float) -> Image.Image:
    """A Gaussian blur of a mask, computed only around what it covers (and at quarter size when wide)."""
    bbox = mask.getbbox()
    if not bbox:
        return mask
    pad = int(radius * 3) + 2
    box = (max(0, bbox[0] - pad), max(0, bbox[1] - pad), min(mask.size[0], bbox[2] + pad),
           min(mask.size[1], bbox[3] + pad))
    region = mask.crop(box)
    if radius >= 8:
        small = region.resize((max(1, region.size[0] // 4), max(1, region.size[1] // 4)), Image.Resampling.BILINEAR)
        region = small.filter(ImageFilter.GaussianBlur(radius / 4)).resize(region.size, Image.Resampling.BILINEAR)
    else:
        region = region.filter(ImageFilter.GaussianBlur(radius))
    out = Image.new("L", mask.size, 0)
    out.paste(region, box[:2])
    return out


def tint(image: Image.Image, color: RGB, mask: Image.Image) -> None:
    """Paint `color` through `mask`, touching only the area the mask covers."""
    bbox = mask.getbbox()
    if bbox:
        image.paste(color, bbox, mask.crop(bbox))


def backdrop(size: tuple[int, int], wall: RGB, table: RGB, horizon: float = 0.62) -> Image.Image:
    """A studio scene: a wall lit from above and a table top fading towards the viewer."""
    w, h = size
    image = vertical_gradient(size, shade(wall, 1.12), shade(wall, 0.9))
    split = int(h * horizon)
    surface = vertical_gradient((w, h - split), shade(table, 0.82), shade(table, 1.08))
    image.paste(surface, (0, split))
    edge = Image.new("L", size, 0)
    ImageDraw.Draw(edge).rectangle((0, split - 3 * SCALE, w, split + 3 * SCALE), fill=70)
    edge = soft(edge, 6 * SCALE)
    tint(image, shade(table, 0.6), edge)
    return image


def soft_shadow(image: Image.Image, box: Sequence[float], strength: int = 120, blur: float = 22) -> None:
    """Darken an elliptical area under an object, blurred like a diffuse light would."""
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).ellipse(list(box), fill=strength)
    mask = soft(mask, blur * SCALE)
    tint(image, (30, 20, 15), mask)


def round_shading(layer: Image.Image, box: Sequence[int], light: float = 0.3, dark: float = 0.55) -> Image.Image:
    """Shade a layer across `box` as if it were round and lit from the upper left (in place)."""
    x0, y0, x1, y1 = (max(0, int(v)) for v in box)
    width, height = max(1, x1 - x0), max(1, y1 - y0)
    ramp = Image.new("L", (width, 1))
    ramp.putdata([_round_profile(i / width, light, dark) for i in range(width)])
    ramp = ramp.resize((width, height), Image.Resampling.NEAREST)  # every row the same
    if layer.mode != "RGB":
        layer = layer.convert("RGB")
    region = layer.crop((x0, y0, x0 + width, y0 + height))
    layer.paste(ImageChops.multiply(region, Image.merge("RGB", (ramp, ramp, ramp))), (x0, y0))
    return layer


def _round_profile(t: float, light: float, dark: float) -> int:
    # Brightest a third of the way across, darkest on the far edge.
    peak = 0.33
    value = 1 - light * ((peak - t) / peak) ** 2 if t < peak else 1 - dark * ((t - peak) / (1 - peak)) ** 1.6
    return max(0, min(255, int(255 * value)))


def highlight(image: Image.Image, box: Sequence[float], opacity: int = 90, blur: float = 10) -> None:
    """A soft white reflection (glaze, glass, metal)."""
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).ellipse(list(box), fill=opacity)
    mask = soft(mask, blur * SCALE)
    tint(image, (255, 252, 245), mask)


def polygon_mask(size: tuple[int, int], points: Sequence[tuple[float, float]]) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).polygon(list(points), fill=255)
    return mask


def ellipse_mask(size: tuple[int, int], box: Sequence[float]) -> Image.Image:
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(list(box), fill=255)
    return mask


def profile_polygon(cx: float, top: float, bottom: float, radius: Callable[[float], float],
                    steps: int = 60) -> list[tuple[float, float]]:
    """Outline of a turned object (jar, lid, bottle): radius(t) for t from top (0) to bottom (1)."""
    ts = [i / steps for i in range(steps + 1)]
    right = [(cx + radius(t), top + (bottom - top) * t) for t in ts]
    left = [(cx - radius(t), top + (bottom - top) * t) for t in reversed(ts)]
    return right + left


def star_points(cx: float, cy: float, outer: float, inner: float, tips: int = 8,
                rotation: float = 0.0) -> list[tuple[float, float]]:
    points = []
    for i in range(tips * 2):
        r = outer if i % 2 == 0 else inner
        a = rotation + math.pi * i / tips
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return points


def zellige(size: tuple[int, int], cell: int, ground: RGB, colors: Sequence[RGB]) -> Image.Image:
    """A zellige-like tiling: eight-pointed stars with small crosses between them."""
    layer = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(layer)
    w, h = size
    for row in range(-1, h // cell + 2):
        for col in range(-1, w // cell + 2):
            cx, cy = col * cell + cell / 2, row * cell + cell / 2
            color = colors[(row + col) % len(colors)]
            draw.polygon(star_points(cx, cy, cell * 0.42, cell * 0.3), fill=color)
            draw.polygon(star_points(cx, cy, cell * 0.2, cell * 0.13), fill=ground)
            # a small cross-shaped tile where four stars meet
            qx, qy, s = cx + cell / 2, cy + cell / 2, cell * 0.12
            draw.polygon([(qx - s, qy), (qx, qy - s), (qx + s, qy), (qx, qy + s)], fill=colors[-1])
    return layer


def stripes(size: tuple[int, int], bands: Sequence[tuple[RGB, int]], vertical: bool = False) -> Image.Image:
    """Repeating bands of (colour, thickness) across the layer."""
    layer = Image.new("RGB", size)
    draw = ImageDraw.Draw(layer)
    extent = size[0] if vertical else size[1]
    pos = 0
    while pos < extent:
        for color, thickness in bands:
            box = (pos, 0, pos + thickness, size[1]) if vertical else (0, pos, size[0], pos + thickness)
            draw.rectangle(box, fill=color)
            pos += thickness
    return layer


def noise(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """Uniform grey noise from our own seeded generator (Pillow's effect_noise is not seeded)."""
    return Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))


def texture(image: Image.Image, rng: random.Random, opacity: float = 0.08, blur: float = 0.0) -> Image.Image:
    """Grain (wool, clay, paper): seeded noise added around zero, so photos are reproducible."""
    if blur:  # coarser grain: drawn smaller and enlarged, which is also much cheaper than a blur
        step = max(1.0, blur * 1.5)
        small = (max(1, int(image.size[0] / step)), max(1, int(image.size[1] / step)))
        grain = noise(rng, small).resize(image.size, Image.Resampling.BILINEAR)
    else:
        grain = noise(rng, image.size)
    amplitude = opacity * 2
    grain = grain.point(lambda v: int(128 + (v - 128) * amplitude))
    return ImageChops.add(image, Image.merge("RGB", (grain, grain, grain)), 1.0, -128)


def finish(image: Image.Image, size: tuple[int, int], rng: random.Random) -> Image.Image:
    """Reduce to the final size, add a light vignette and sensor grain."""
    factor = image.size[0] // size[0]
    small = image.reduce(factor) if image.size == (size[0] * factor, size[1] * factor) else image.resize(size)
    vignette = Image.radial_gradient("L").resize(size, Image.Resampling.BILINEAR).point(lambda v: 255 - int(v * 0.35))
    small = ImageChops.multiply(small, Image.merge("RGB", (vignette, vignette, vignette)).point(
        lambda v: min(255, v + 40)))
    return texture(small, rng, opacity=0.06, blur=0.6)
