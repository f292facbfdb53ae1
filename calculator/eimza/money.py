"""Money: Decimal amounts, VAT rounded half-up to the kuruş, Turkish display."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

KURUS = Decimal("0.01")


def vat_of(net: Decimal, rate_percent: Decimal) -> Decimal:
    """VAT of one item, rounded half-up to the kuruş."""
    return (net * rate_percent / Decimal(100)).quantize(KURUS, rounding=ROUND_HALF_UP)


def plain(amount: Decimal) -> str:
    """For JSON and data files: '1080.00'."""
    return str(amount.quantize(KURUS, rounding=ROUND_HALF_UP))


def format_number(amount: Decimal) -> str:
    """'1.080,00' (Turkish grouping and decimal comma)."""
    q = amount.quantize(KURUS, rounding=ROUND_HALF_UP)
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
