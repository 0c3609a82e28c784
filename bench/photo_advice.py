"""How often the photo advice is right, per advice, on the calibration set (tests/media_advice_cases.py).

Run: .venv/bin/python bench/photo_advice.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.media import images  # noqa: E402
from app.media.advice import Advice, advise  # noqa: E402
from tests.media_advice_cases import cases  # noqa: E402


def main() -> None:
    rows, seconds = [], []
    for name, data, expected in cases():
        start = time.perf_counter()
        processed = images.process(data, max_pixels=50_000_000)
        seconds.append(time.perf_counter() - start)
        rows.append((name, expected, set(advise(processed.measures, processed.width, processed.height))))
    right = sum(1 for _, expected, given in rows if expected == given)
    print(f"photos: {len(rows)}, advice exactly right: {right} ({right / len(rows):.0%})")
    print(f"{'advice':18} {'cases':>5} {'found':>5} {'false alarms':>12}")
    for advice in Advice:
        cases_of_it = [given for _, expected, given in rows if advice in expected]
        found = sum(1 for given in cases_of_it if advice in given)
        false = sum(1 for _, expected, given in rows if advice in given and advice not in expected)
        print(f"{advice.value:18} {len(cases_of_it):5} {found:5} {false:12}")
    for name, expected, given in rows:
        if expected != given:
            print(f"wrong: {name}: expected {sorted(expected)}, gave {sorted(given)}")
    print(f"pipeline incl. measuring: median {sorted(seconds)[len(seconds) // 2] * 1000:.0f} ms per 1600x1200 photo")


if __name__ == "__main__":
    main()
