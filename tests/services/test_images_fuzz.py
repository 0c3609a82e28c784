"""Mutated photos: the pipeline either renders them or refuses them with its own error, nothing else."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.media import images
from tests.factories import photo_bytes

SEEDS = [
    photo_bytes(96, 64, seed=1),
    photo_bytes(96, 64, seed=2, fmt="PNG"),
    photo_bytes(96, 64, seed=3, fmt="WEBP"),
    photo_bytes(80, 60, seed=4, progressive=True),
    photo_bytes(64, 64, seed=5, fmt="HEIF"),
]


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "set", "cut", "insert", "duplicate"]))
        if action == "flip":
            data[position] ^= 1 << draw(st.integers(0, 7))
        elif action == "set":
            data[position] = draw(st.sampled_from([0x00, 0xFF, 0x7F, 0x80, draw(st.integers(0, 255))]))
        elif action == "cut":
            del data[position:position + draw(st.integers(1, 64))]
        elif action == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16))
        else:
            data[position:position] = data[position:position + draw(st.integers(1, 64))]
        if not data:
            break
    return bytes(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(mutated())
def test_mutated_images_never_raise_anything_but_the_pipelines_refusal(data):
    try:
        result = images.process(data, max_pixels=4_000_000)
    except images.ImageRejected:
        return
    assert result.renditions and all(r.data for r in result.renditions)
