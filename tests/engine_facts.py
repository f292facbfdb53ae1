"""Expected facts for the engine and site tests, written from the sources, never from the engine,
and the data the engine tests start from.

- SOURCE: tests/data/kaynak_sayfa.toml, the facts of the directorate's page "E-İmza
  Başvuruları Nasıl Yapılır?" (04 Mart 2024), written out for the tests.
- ATTESTED: the VAT-inclusive figures the tariff sources quote (the project's research note on
  the tariff, 2019–2024). Nets are derived here (gross / (1 + VAT)), as that note does.
- The fixture data root tests/data/: a frozen national file (kamusm.toml) and a directorate
  that does not exist (iller/sinama/). Engine tests read a directorate's values from that
  fixture (`fixture_il()`), never from a shipped directorate; the shipped national file is
  held only to its past, attested amounts (`with_shipped_national()`)."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "kamusm.toml"  # the shipped national file (tariff periods, VAT)
FIXTURE_ROOT = ROOT / "tests" / "data"
FIXTURE_NATIONAL = FIXTURE_ROOT / "kamusm.toml"
FIXTURE_IL = FIXTURE_ROOT / "iller" / "sinama"
SOURCE_FILE = Path(__file__).resolve().parent / "data" / "kaynak_sayfa.toml"
SOURCE: dict[str, Any] = tomllib.loads(SOURCE_FILE.read_text(encoding="utf-8"))

# --- the source page ---
PORTAL: str = SOURCE["urls"]["portal"]
ONLINE: str = SOURCE["urls"]["online"]
SANALPOS: str = SOURCE["urls"]["sanalpos"]
READER: str = SOURCE["urls"]["reader"]
TARIFF_PAGE: str = SOURCE["urls"]["tariff"]
IBAN: str = SOURCE["account"]["iban"]
IBAN_GROUPED = " ".join(IBAN[i : i + 4] for i in range(0, len(IBAN), 4))
DESCRIPTION: str = SOURCE["account"]["description"]
RECEIPT_EMAIL: str = SOURCE["receipt"]["email"]
LOST_MENU = " > ".join(SOURCE["lost"]["menu"])
LOST_CHANGED = f"{SOURCE['lost']['changed']:%d.%m.%Y}"  # as the page writes it: 08.03.2022
PHONE_TEL = "tel:4445576"  # Kamu SM's call centre, 444 5 576 (research note), as a phone dials it
LETTER_NUMBER: str = SOURCE["family_doctor_letter"]["number"]
SBS_UNIT = f"{SOURCE['directorate']['name']} {SOURCE['directorate']['unit']}"
TR_MONTHS = (
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
)


def says_receipt_rule(text: str) -> bool:
    """Some sentence of text states the page's rule (no receipt, no approval for a family
    doctor): it holds every rule word, case-folded the Turkish way."""
    words = SOURCE["receipt"]["rule_words"]
    for sentence in text.replace("İ", "i").replace("I", "ı").lower().split("."):
        if all(w in sentence for w in words):
            return True
    return False


# --- VAT: 18 % until 2023-07-09, 20 % from 2023-07-10 (Presidential Decision 7346) ---
VAT_CHANGE = dt.date(2023, 7, 10)


def vat_rate(day: dt.date) -> Decimal:
    return Decimal(20) if day >= VAT_CHANGE else Decimal(18)


# --- amounts attested by the sources (VAT-inclusive, TL), the day each was seen ---
# 2020 and 2021: the reader is the first-application total minus the 3-year NES.
ATTESTED: dict[dt.date, dict[str, Decimal]] = {
    dt.date(2019, 2, 4): {"nes-3y": Decimal("112.10")},
    dt.date(2020, 3, 10): {"nes-3y": Decimal("116.82"), "mini-reader": Decimal("158.12") - Decimal("116.82")},
    dt.date(2021, 10, 6): {"nes-3y": Decimal("147.50"), "mini-reader": Decimal("218.30") - Decimal("147.50")},
    dt.date(2023, 7, 10): {"nes-3y": Decimal("600.00"), "mini-reader": Decimal("300.00")},
    dt.date(2024, 3, 12): {"nes-3y": Decimal("780.00"), "mini-reader": Decimal("300.00")},
}
# the first-application totals quoted as such by the sources
FIRST_TOTALS = {
    dt.date(2020, 3, 10): Decimal("158.12"),
    dt.date(2021, 10, 6): Decimal("218.30"),
    dt.date(2024, 3, 12): Decimal("1080.00"),
}
# periods whose amounts nobody found: the engine must refuse (tariff-unknown)
UNKNOWN_DAYS = (
    dt.date(2018, 12, 31),  # before the data
    dt.date(2022, 6, 1),  # 2022: "fiyat listesi güncellenmiştir", amounts not found
    dt.date(2025, 6, 1),  # 2025: not found
    dt.date(2026, 1, 15),  # 2026: changed, amounts not found
)

CENT = Decimal("0.01")


def half_up(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def net_of(gross: Decimal, rate: Decimal) -> Decimal:
    """The net a VAT-inclusive figure implies; the sources' figures are exact."""
    net = half_up(gross / (1 + rate / 100))
    assert net + half_up(net * rate / 100) == gross, (gross, rate)
    return net


def expected_item(code: str, on: dt.date, attested_on: dt.date) -> tuple[Decimal, Decimal, Decimal]:
    """(net, vat, gross) of an item on `on`, from the figure attested on `attested_on`."""
    net = net_of(ATTESTED[attested_on][code], vat_rate(attested_on))
    vat = half_up(net * vat_rate(on) / 100)
    return net, vat, net + vat


def valid_tckn(first9: str) -> str:
    """Complete 9 digits to a T.C. Kimlik No, with the (7·odd + 9·even) form of the rule."""
    d = [int(c) for c in first9]
    odd, even = sum(d[0:9:2]), sum(d[1:8:2])
    d10 = (odd * 7 + even * 9) % 10
    d11 = (sum(d) + d10) % 10
    return f"{first9}{d10}{d11}"


def tr_iban(bban: str) -> str:
    """'TR' + check digits computed here (ISO 7064 MOD 97-10) + bban."""
    numeric = "".join(str(ord(c) - 55) if c.isalpha() else c for c in bban + "TR00")
    return f"TR{98 - int(numeric) % 97:02d}{bban}"


# --- data states: chosen from the data, or built on a copy (never today's contents pinned) ---


def tr_date(day: dt.date) -> str:
    """A date as the site writes it ("1 Ocak 2024"), written here, not with eimza.turkish."""
    return f"{day.day} {TR_MONTHS[day.month - 1]} {day.year}"


def shipped_text() -> str:
    return DATA_FILE.read_text(encoding="utf-8")


def raw_periods(text: str | None = None) -> list[dict[str, Any]]:
    """The tariff periods as the TOML says (read with tomllib, not with the engine)."""
    periods: list[dict[str, Any]] = tomllib.loads(text or shipped_text())["tariff"]
    return periods


def pre_data_day(text: str | None = None) -> dt.date:
    """The day before the data's first period: unknown until someone adds older data."""
    return min(p["from"] for p in raw_periods(text)) - dt.timedelta(days=1)


def unknown_days(text: str | None = None) -> list[dt.date]:
    """One day inside each period whose amounts are unknown (mid-year, or its last day)."""
    periods = sorted(raw_periods(text), key=lambda p: p["from"])
    out = []
    for i, p in enumerate(periods):
        if p["amounts_known"]:
            continue
        day = p["from"] + dt.timedelta(days=151)
        if i + 1 < len(periods):
            day = min(day, periods[i + 1]["from"] - dt.timedelta(days=1))
        out.append(day)
    return out


def known_days(text: str | None = None) -> list[tuple[dt.date, tuple[str, ...]]]:
    """(verified day, item codes) of every period with known amounts."""
    return [(p["verified"], tuple(p["items"])) for p in raw_periods(text) if p["amounts_known"]]


def with_unknown_period(text: str | None = None) -> tuple[str, dt.date]:
    """The data text with one more period, amounts unknown, starting 1 January of the year
    after the last period starts; and that start date."""
    text = text or shipped_text()
    start = dt.date(max(p["from"] for p in raw_periods(text)).year + 1, 1, 1)
    block = (
        f"\n[[tariff]]\nfrom = {start.isoformat()}\nfrom_assumed = false\namounts_known = false\n"
        'confidence = "unknown"\nsources = []\nnote = "Sınama dönemi: tutarlar bilinmiyor."\n'
    )
    return text.rstrip("\n") + "\n" + block, start


def fixture_data() -> Any:
    """The fixture directorate with the fixture national file."""
    from eimza import load_data

    return load_data(FIXTURE_IL)


def with_shipped_national() -> Any:
    """The fixture directorate with the shipped national file (its tariff and VAT)."""
    from eimza import load_data

    return load_data(FIXTURE_IL, DATA_FILE)


def fixture_il() -> dict[str, Any]:
    """The fixture directorate's il.toml as the TOML says (read with tomllib)."""
    return tomllib.loads((FIXTURE_IL / "il.toml").read_text(encoding="utf-8"))


def fixture_national() -> dict[str, Any]:
    return tomllib.loads(FIXTURE_NATIONAL.read_text(encoding="utf-8"))


def parse_pair(national_text: str, il_text: str | None = None) -> Any:
    """Data from a national text (and the fixture directorate's, or another il.toml text)."""
    from eimza.loader import parse

    il = il_text if il_text is not None else (FIXTURE_IL / "il.toml").read_text(encoding="utf-8")
    return parse(national_text, "kamusm.toml", il, "il.toml")


def unknown_states() -> list[tuple[str, Any, dt.date, dt.date | None]]:
    """(id, data, day, start of the period the day is in, or None before the data) for every
    day the engine must refuse to price: before the data, inside each unknown period of the
    shipped national file (if any is left), and inside an unknown period added to a copy
    (always); the directorate is the fixture's."""
    shipped = with_shipped_national()
    starts = sorted(p["from"] for p in raw_periods())
    out: list[tuple[str, Any, dt.date, dt.date | None]] = [("before-data", shipped, pre_data_day(), None)]
    for day in unknown_days():
        out.append((f"shipped-{day}", shipped, day, max(s for s in starts if s <= day)))
    text, start = with_unknown_period()
    out.append((f"copy-{start.year}", parse_pair(text), start + dt.timedelta(days=40), start))
    return out
