"""Turkish-aware casing and dates."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
    "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık",
)  # fmt: skip

TURKIYE = dt.timezone(dt.timedelta(hours=3), "TRT")


def today_tr() -> dt.date:
    """Today in Türkiye (UTC+03:00 all year since 2016)."""
    return dt.datetime.now(TURKIYE).date()


def upper(text: str) -> str:
    """'çiftçi' → 'ÇİFTÇİ', 'ışık' → 'IŞIK'."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def lower(text: str) -> str:
    """'IŞIK' → 'ışık', 'İLKER' → 'ilker'."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def title(text: str) -> str:
    """Each word (split on spaces, hyphens, apostrophes) capitalised the Turkish way."""
    out: list[str] = []
    start = True
    for ch in text:
        if ch in " -'’":
            out.append(ch)
            start = True
        elif start:
            out.append(upper(ch))
            start = False
        else:
            out.append(lower(ch))
    return "".join(out)


def date_long(d: dt.date) -> str:
    """4 Mart 2024"""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_short(d: dt.date) -> str:
    """04.03.2024"""
    return f"{d.day:02d}.{d.month:02d}.{d.year}"
