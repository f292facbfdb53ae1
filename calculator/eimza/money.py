"""Money: Decimal amounts, VAT rounded half-up to the kuruş, Turkish display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from . import wording
from .errors import EimzaError

KURUS = Decimal("0.01")
# Amounts at or above this (a trillion lira) are refused: far beyond any fee, and well inside
# the default decimal context (28 digits), so no sum or VAT is ever rounded silently.
LIMIT = Decimal("1000000000000")


def _kurus(amount: Decimal) -> Decimal:
    """The amount rounded half-up to the kuruş; EimzaError (Turkish) when it is out of range
    or not a number."""
    try:
        if not amount.is_finite() or abs(amount) >= LIMIT:
            raise InvalidOperation
        return amount.quantize(KURUS, rounding=ROUND_HALF_UP)
    except (InvalidOperation, AttributeError, TypeError):
        raise EimzaError("amount-too-large", wording.AMOUNT_TOO_LARGE) from None


def vat_of(net: Decimal, rate_percent: Decimal) -> Decimal:
    """VAT of one item, rounded half-up to the kuruş."""
    _kurus(net)
    return _kurus(net * rate_percent / Decimal(100))


def plain(amount: Decimal) -> str:
    """For JSON and data files: '1080.00'."""
    return str(_kurus(amount))


def format_number(amount: Decimal) -> str:
    """'1.080,00' (Turkish grouping and decimal comma)."""
    q = _kurus(amount)
    sign = "-" if q < 0 else ""
    whole, frac = f"{abs(q):.2f}".split(".")
    groups: list[str] = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{frac}"


def format_tl(amount: Decimal | str) -> str:
    """'1.080,00 TL'."""
    return f"{format_number(Decimal(amount))} TL"


def format_rate(rate_percent: Decimal | str) -> str:
    """Turkish writes the percent sign first: '%20', '%18'."""
    r = Decimal(rate_percent).normalize()
    text = format(r, "f").replace(".", ",")
    return f"%{text}"
