"""Money is integer centimes of MAD; conversion to and from display lives here only."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.numbers import western_digits

CURRENCY = "MAD"
MAX_AMOUNT = Decimal(10) ** 9


def to_centimes(amount: str | int | Decimal) -> int:
    """Parse a MAD amount as typed by a person ("12", "12.5", "12,50") into centimes."""
    try:
        value = Decimal(western_digits(str(amount)).strip().replace(",", ".").replace(" ", ""))
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    # Past a billion MAD it is a typo or an attack, and quantize() would overflow on 1e40.
    if not value.is_finite() or abs(value) >= MAX_AMOUNT:
        raise ValueError(f"not an amount: {amount!r}")
    return int((value * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def to_decimal(centimes: int) -> Decimal:
    """Centimes to a Decimal amount of MAD, for formatting."""
    return (Decimal(centimes) / 100).quantize(Decimal("0.01"))


def share(centimes: int, basis_points: int) -> int:
    """A rate in basis points of an amount, rounded half up to the centime."""
    return int((Decimal(centimes) * basis_points / 10000).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
