"""What a photo looks like, as plain numbers: exposure, sharpness and framing of a rendition.

Measured by the pipeline (app/media/images.py) on its ~640 px rendition; app/media/advice.py
judges the numbers. Pillow only, nothing of Flask or the database.
"""
from __future__ import annotations

from PIL import Image, ImageChops, ImageFilter, ImageOps, ImageStat

MEASURE_SIZE = 700  # measured on the rendition nearest this: enough detail to see blur, ~12 ms of CPU
BORDER = 0.06  # the outer ring, as a share of the short side, taken as the background
SUBJECT_DIFFERENCE = 40  # how far from the background colour a pixel must be to count as the product
EDGE_LEVEL = 3  # grey levels per pixel that a re-blurred photo still changes by: an edge, not grain


def measure(im: Image.Image) -> dict[str, float]:
    """Exposure, sharpness and framing of a rendition, as plain numbers (app/media/advice.py judges them)."""
    rgb = im.convert("RGB")
    grey = rgb.convert("L")
    histogram = grey.histogram()
    background, spread = _border(rgb)
    share, offset_x, offset_y = _subject(rgb, background)
    means = ImageStat.Stat(rgb).mean
    return {
        "mean": round(ImageStat.Stat(grey).mean[0], 1),
        "p5": _percentile(histogram, 0.05), "p95": _percentile(histogram, 0.95),
        "clipped": round(sum(histogram[250:]) / max(sum(histogram), 1), 3),
        "blur": round(_blur(ImageOps.autocontrast(grey, cutoff=1)), 3),  # as sharp in the dark as in the light
        "background_spread": round(spread, 1), "subject_share": round(share, 3),
        "offset_x": round(offset_x, 3), "offset_y": round(offset_y, 3),
        "colour_cast": round((max(means) - min(means)) / max(sum(means) / 3, 1), 3),
    }


def _percentile(histogram: list[int], share: float) -> int:
    """The grey level below which `share` of the pixels lie."""
    wanted, seen = share * sum(histogram), 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= wanted:
            return level
    return len(histogram) - 1


def _blur(grey: Image.Image) -> float:
    """Crete et al.'s blur effect (0 sharp .. 1 blurred): how little of the photo's fine variation
    survives blurring it again. A sharp photo loses much; a blurred one has little left to lose.
    Measured on edges only: the sensor's grain on flat areas would pass for sharpness."""
    blurred = grey.filter(ImageFilter.BoxBlur(4))
    worst = 0.0
    for dx, dy in ((1, 0), (0, 1)):
        here = ImageChops.difference(grey, ImageChops.offset(grey, dx, dy))
        again = ImageChops.difference(blurred, ImageChops.offset(blurred, dx, dy))
        edges = again.point(lambda v: 255 if v > EDGE_LEVEL else 0)
        total = ImageStat.Stat(here, edges).sum[0]
        lost = ImageStat.Stat(ImageChops.subtract(here, again), edges).sum[0]
        worst = max(worst, (total - lost) / total if total else 1.0)
    return worst


def _border(rgb: Image.Image) -> tuple[tuple[int, ...], float]:
    """The background's colour and how much it varies, from the photo's outer ring. The two calmest
    sides decide: a product that reaches one or two edges of the frame does not make it busy."""
    width, height = rgb.size
    band = max(2, round(min(width, height) * BORDER))
    strips = [rgb.crop(box) for box in ((0, 0, width, band), (0, height - band, width, height),
                                        (0, band, band, height - band), (width - band, band, width, height - band))]
    calmest = sorted((sum(s.stddev) / 3, s.mean) for s in map(ImageStat.Stat, strips))[:2]
    colour = tuple(round(sum(mean[c] for _, mean in calmest) / 2) for c in range(3))
    return colour, calmest[1][0]


def _subject(rgb: Image.Image, background: tuple[int, ...]) -> tuple[float, float, float]:
    """Share of the frame the product fills and how far its centre sits from the frame's (-0.5..0.5)."""
    difference = ImageChops.difference(rgb, Image.new("RGB", rgb.size, background)).convert("L")
    mask = difference.point(lambda v: 255 if v > SUBJECT_DIFFERENCE else 0)
    share = ImageStat.Stat(mask).mean[0] / 255
    if share == 0:
        return 0.0, 0.0, 0.0
    return share, _centre(mask.resize((mask.width, 1), Image.Resampling.BOX)), \
        _centre(mask.resize((1, mask.height), Image.Resampling.BOX))


def _centre(profile: Image.Image) -> float:
    """The weighted centre of a one-pixel-thin projection of the mask, from -0.5 to 0.5."""
    weights = profile.tobytes()
    total = sum(weights) or 1
    return sum((i + 0.5) * w for i, w in enumerate(weights)) / total / len(weights) - 0.5


