"""Photo pipeline benchmark: our pipeline against plain Pillow and pyvips, in one run.

Generates realistic 12-megapixel phone photos (4000x3000 JPEG, textured, EXIF orientation,
GPS, an sRGB profile), then reports per photo, for every rendition the shop serves
(240/320/480/640/960/1280 px wide plus a 240 px square, each in AVIF, WebP and JPEG: 21 files):
  - milliseconds: ours, a plain Pillow open-transpose-resize-save pipeline, pyvips;
  - peak memory (resident set growth, measured in a fresh subprocess per pipeline);
  - bytes out per rendition.

    .venv/bin/python bench/images.py [--photos 6] [--rounds 3]

pyvips needs libvips (Debian: `apt-get install -y libvips42`); without it the reference
column is skipped. Timings are the median over rounds of the per-photo time; the machine
is shared, so look at the ratios more than at the absolute figures.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import ExifTags, Image, ImageCms, ImageDraw, ImageFilter, ImageOps  # noqa: E402

from app.media import encoding, images  # noqa: E402

WIDTHS = images.WIDTHS
THUMB = images.THUMB_SIZE
QUALITY = encoding.QUALITY
MAX_PIXELS = 50_000_000
VIPS_AVIF_QUALITY = 53


# -- realistic photos ----------------------------------------------------------------------

def phone_photo(seed: int, size: tuple[int, int] = (4000, 3000)) -> bytes:
    """A 12-megapixel photo as a phone writes it: sensor grain, soft shapes, fine detail, EXIF."""
    rng = random.Random(seed)
    width, height = size
    channels = []
    for _ in range(3):
        gradient = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize(size, Image.Resampling.BILINEAR)
        channels.append(gradient.point(lambda v, a=rng.uniform(.3, .8), b=rng.randint(20, 90): int(v * a + b)))
    picture = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(picture)
    for _ in range(40):  # objects on a market table: pots, fabric, baskets
        x, y = rng.randrange(width), rng.randrange(height)
        w, h = rng.randint(150, 1200), rng.randint(150, 900)
        colour = tuple(rng.randint(30, 235) for _ in range(3))
        shape = draw.ellipse if rng.random() < .5 else draw.rectangle
        shape((x, y, x + w, y + h), fill=colour, outline=tuple(c // 2 for c in colour), width=rng.randint(2, 12))
    for _ in range(400):  # weave, patterns: fine detail the encoder has to keep
        x, y = rng.randrange(width), rng.randrange(height)
        draw.line((x, y, x + rng.randint(-300, 300), y + rng.randint(-300, 300)),
                  fill=tuple(rng.randint(0, 255) for _ in range(3)), width=rng.randint(1, 4))
    picture = picture.filter(ImageFilter.GaussianBlur(1.2))  # lens softness
    detail = Image.effect_mandelbrot((width // 2, height // 2), (-0.75, 0.05, -0.72, 0.08), 200).resize(size)
    picture = Image.blend(picture, Image.merge("RGB", (detail, detail, detail)), 0.12)
    grain = Image.effect_noise(size, 40).convert("RGB")
    picture = Image.blend(picture, grain, 0.14)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Bench"
    exif[ExifTags.Base.Model] = "Phone 12MP"
    exif[ExifTags.Base.Orientation] = 6 if seed % 2 == 0 else 1  # half were taken upright
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (34.0, 1.0, 12.0), 3: "W", 4: (6.0, 50.0, 3.0)})
    buffer = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    picture.save(buffer, "JPEG", quality=92, exif=exif, icc_profile=srgb, subsampling="4:2:0")
    return buffer.getvalue()


def cached_photo(seed: int) -> bytes:
    """Generating takes seconds; keep the photos between runs (they are deterministic)."""
    path = Path(tempfile.gettempdir()) / "souk-bench-photos" / f"phone-{seed}.jpg"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(phone_photo(seed))
    return path.read_bytes()


# -- the three pipelines: bytes in, {rendition label: bytes} out ---------------------------

def ours(data: bytes) -> dict[str, int]:
    result = images.process(data, max_pixels=MAX_PIXELS)
    return {_label(r.kind, r.width, r.format): len(r.data) for r in result.renditions}


def plain_pillow(data: bytes) -> dict[str, int]:
    """What most tutorials write: open, transpose, resize the full image for each size, save."""
    im = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
    out = {}
    for width in WIDTHS:
        resized = im.resize((width, round(im.height * width / im.width)), Image.Resampling.LANCZOS)
        out |= _save_both_pillow(resized, "w")
    out |= _save_both_pillow(ImageOps.fit(im, (THUMB, THUMB), Image.Resampling.LANCZOS), "thumb")
    return out


def _save_both_pillow(im: Image.Image, kind: str) -> dict[str, int]:
    """The same encoder settings as ours, so the comparison is about the pipeline, not the codecs."""
    return {_label(kind, im.width, fmt): len(encoding.encode(im, fmt)) for fmt in encoding.OUTPUT_FORMATS}


def vips_each(data: bytes) -> dict[str, int]:
    """pyvips as its docs advise: thumbnail_buffer (shrink-on-load, autorotate) per output."""
    import pyvips

    out = {}
    for width in WIDTHS:
        resized = pyvips.Image.thumbnail_buffer(data, width, height=100000, size="down")
        out |= _save_both_vips(resized.copy_memory(), "w")  # two encoders read it: decode once
    thumb = pyvips.Image.thumbnail_buffer(data, THUMB, height=THUMB, crop="centre", size="down")
    return out | _save_both_vips(thumb.copy_memory(), "thumb")


def vips_chain(data: bytes) -> dict[str, int]:
    """pyvips decoding once at the largest size, each smaller size made from the previous one."""
    import pyvips

    current = pyvips.Image.thumbnail_buffer(data, WIDTHS[0], height=100000, size="down").copy_memory()
    out = _save_both_vips(current, "w")
    for width in WIDTHS[1:]:
        current = current.thumbnail_image(width, height=100000).copy_memory()
        out |= _save_both_vips(current, "w")
    return out | _save_both_vips(current.thumbnail_image(THUMB, height=THUMB, crop="centre"), "thumb")


def _save_both_vips(im, kind: str) -> dict[str, int]:
    """The same encoder settings as ours: libaom at the same speed (libvips says 9 - effort) and
    the quality giving the same bytes (libheif and libavif map quality to the quantizer
    differently: its 53 is our 45); WebP quality and effort per width; baseline JPEG."""
    avif = im.heifsave_buffer(compression="av1", Q=VIPS_AVIF_QUALITY, effort=9 - encoding.AVIF_SPEED, strip=True)
    webp = im.webpsave_buffer(Q=QUALITY, effort=encoding.webp_method(im.width), strip=True)
    jpeg = im.jpegsave_buffer(Q=QUALITY, strip=True)
    return {_label(kind, im.width, "avif"): len(avif), _label(kind, im.width, "webp"): len(webp),
            _label(kind, im.width, "jpeg"): len(jpeg)}


def _label(kind: str, width: int, fmt: str) -> str:
    return f"{'thumb' if kind == 'thumb' else width}.{fmt}"


PIPELINES: dict[str, Callable[[bytes], dict[str, int]]] = {
    "ours": ours,
    "plain Pillow": plain_pillow,
    "pyvips (per rendition)": vips_each,
    "pyvips (one decode, chain)": vips_chain,
}


def vips_available() -> bool:
    try:
        import pyvips  # noqa: F401
    except OSError:
        return False
    return True


# -- measuring -----------------------------------------------------------------------------

def time_pipelines(names: list[str], photos: list[bytes], rounds: int) -> dict[str, tuple[float, float]]:
    """Milliseconds per photo for each pipeline, wall clock and CPU (all threads), best round.

    Rounds are interleaved (ours, plain, pyvips, ours, ...) so that a busy neighbour slows
    every pipeline alike, and the best round is kept: the slow ones measure the neighbours.
    CPU time is what a busy server pays; wall time is what one uploader waits.
    """
    for name in names:
        PIPELINES[name](photos[0])  # warm up: imports, codec tables, thread pools
    wall: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float]] = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:
            start, start_cpu = time.perf_counter(), time.process_time()
            for data in photos:
                PIPELINES[name](data)
            wall[name].append((time.perf_counter() - start) * 1000 / len(photos))
            cpu[name].append((time.process_time() - start_cpu) * 1000 / len(photos))
    return {name: (min(wall[name]), min(cpu[name])) for name in names}


def peak_memory(name: str, photo: Path) -> float:
    """Resident-set growth in MiB while one photo goes through `name`, in a fresh process."""
    done = subprocess.run([sys.executable, __file__, "--memory", name, str(photo)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["mib"]


def _memory_child(name: str, path: str) -> None:
    data = Path(path).read_bytes()
    if name.startswith("pyvips"):
        import pyvips

        pyvips.cache_set_max(0)
    PIPELINES[name](photo_small := phone_photo(1, (400, 300)))  # load codecs before the baseline
    del photo_small
    before = _high_water_kib()
    PIPELINES[name](data)
    print(json.dumps({"mib": (_high_water_kib() - before) / 1024}))


def _high_water_kib() -> int:
    """Peak resident set of this process. VmHWM rather than ru_maxrss: ru_maxrss survives exec,
    so a child started by a big parent would report the parent's peak."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--photos", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory", nargs=2, metavar=("PIPELINE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        _memory_child(*args.memory)
        return

    names = [n for n in PIPELINES if vips_available() or not n.startswith("pyvips")]
    if len(names) < len(PIPELINES):
        print("pyvips: libvips not found, reference skipped (Debian: apt-get install -y libvips42)")
    else:
        import pyvips

        pyvips.cache_set_max(0)  # no cheating on repeated inputs
        print(f"pyvips {pyvips.__version__} on libvips {pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}")
    print(f"Pillow {Image.__version__}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"photos: {args.photos} of 4000x3000, {args.rounds} rounds ...", flush=True)
    photos = [cached_photo(seed) for seed in range(args.photos)]
    print(f"average photo: {statistics.mean(map(len, photos)) / 1e6:.2f} MB JPEG, half with orientation 6\n")

    timings = time_pipelines(names, photos, args.rounds)
    with tempfile.NamedTemporaryFile(suffix=".jpg") as sample:
        sample.write(photos[0])
        sample.flush()
        memory = {name: peak_memory(name, Path(sample.name)) for name in names}
    sizes = {name: PIPELINES[name](photos[0]) for name in names}
    print(f"load average after: {os.getloadavg()[0]:.1f}\n")

    plain_wall, plain_cpu = timings["plain Pillow"]
    print(f"{'pipeline':30} {'wall ms':>8} {'vs plain':>9} {'CPU ms':>8} {'vs plain':>9} {'peak MiB':>9}")
    for name in names:
        wall, cpu = timings[name]
        print(f"{name:30} {wall:8.0f} {plain_wall / wall:8.1f}x {cpu:8.0f} {plain_cpu / cpu:8.1f}x {memory[name]:9.0f}")
    print()
    ours_wall, ours_cpu = timings["ours"]
    vips = [timings[n] for n in names if n.startswith("pyvips")]
    if vips:
        best_wall, best_cpu = min(w for w, _ in vips), min(c for _, c in vips)
        print(f"ours vs pyvips best: {best_wall / ours_wall:.2f}x wall, {best_cpu / ours_cpu:.2f}x CPU"
              " (above 1: ours is faster)")
    print(f"ours vs plain Pillow: {plain_wall / ours_wall:.2f}x wall, {plain_cpu / ours_cpu:.2f}x CPU"
          " (target: at least 3x)\n")
    labels = list(sizes["ours"])
    print(f"{'bytes out':14}" + "".join(f"{name[:22]:>24}" for name in names))
    for label in labels:
        print(f"{label:14}" + "".join(f"{sizes[n].get(label, 0):>24,}" for n in names))
    print(f"{'total':14}" + "".join(f"{sum(sizes[n].values()):>24,}" for n in names))


if __name__ == "__main__":
    main()
