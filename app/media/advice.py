"""Advice on a product photo, from the numbers the pipeline measured (app/media/quality.py `measure`).

A beneficiary learns that a photo is too dark or blurred here, beside the photo, before a moderator
rejects the listing for it. The thresholds were calibrated on the cases in tests/media_advice_cases.py
(tests/services/test_media_advice.py prints how often each verdict is right).
"""
from __future__ import annotations

import enum
from collections.abc import Mapping

from flask_babel import lazy_gettext as _l


class Advice(enum.StrEnum):
    DARK = "dark"
    BRIGHT = "bright"
    BLURRED = "blurred"
    SMALL = "small"
    OFF_CENTRE = "off_centre"
    BUSY_BACKGROUND = "busy_background"


# Calibrated thresholds (see the module docstring).
DARK_MEAN, DARK_HIGHLIGHTS = 85, 150  # mean grey level, and the 95th percentile, below which it is dark
BRIGHT_MEAN, BRIGHT_CLIPPED = 215, 0.25  # washed out: light on average, or a quarter burnt to white
BLUR = 0.62  # Crete's blur effect above this (on edges, levels stretched): nothing in the photo is sharp
SMALL_SIDE = 800  # short side in pixels: below, the product page's large picture gets soft
BUSY_SPREAD = 22  # how much the outer ring varies: above, the background is not plain
OFF_CENTRE = 0.16  # how far the product's centre sits from the frame's, as a share of the side

# What an automatic correction (levels and white balance) can mend.
CORRECTABLE = frozenset({Advice.DARK, Advice.BRIGHT})

TIPS: Mapping[Advice, tuple[str, str]] = {
    Advice.DARK: (_l("Too dark"), _l("Take it near a window in daylight, or try the automatic correction.")),
    Advice.BRIGHT: (_l("Too bright"), _l("Move out of direct sun, or try the automatic correction.")),
    Advice.BLURRED: (_l("Blurred"), _l("Hold the phone still with both hands and tap the product on the screen "
                                       "to focus before you take the photo.")),
    Advice.SMALL: (_l("Too small"), _l("Send the photo as the camera took it, not a screenshot or a WhatsApp copy.")),
    Advice.OFF_CENTRE: (_l("Not centred"), _l("Put the product in the middle of the frame.")),
    Advice.BUSY_BACKGROUND: (_l("Busy background"), _l("Place the product on a plain cloth, a wall or a sheet "
                                                       "of paper.")),
}


def advise(measures: Mapping[str, float], width: int, height: int) -> list[Advice]:
    """What to improve in a photo, most important first; an empty list for a good photo (or one
    measured before advice existed: `flask reprocess-images` measures those)."""
    if not measures:
        return []
    found = []
    if measures["mean"] < DARK_MEAN and measures["p95"] < DARK_HIGHLIGHTS:
        found.append(Advice.DARK)
    elif measures["mean"] > BRIGHT_MEAN or measures["clipped"] > BRIGHT_CLIPPED:
        found.append(Advice.BRIGHT)
    if measures["blur"] > BLUR:
        found.append(Advice.BLURRED)
    if min(width, height) < SMALL_SIDE:
        found.append(Advice.SMALL)
    if measures["background_spread"] > BUSY_SPREAD:
        found.append(Advice.BUSY_BACKGROUND)
    elif max(abs(measures["offset_x"]), abs(measures["offset_y"])) > OFF_CENTRE:
        found.append(Advice.OFF_CENTRE)  # only meaningful where a plain background shows the product
    return found
