"""The site's only door to the engine: data, edition date, quotes and item amounts.

Nothing here computes a fee on its own: amounts come from `eimza.quote` and from the
engine's money helpers (`eimza.money.vat_of`, `format_tl`), so pages and calculator agree.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import eimza
from eimza import editions, instant, money, rates, turkish, wording

EDITION_ENV = "EIMZA_EDITION"
DATA_ENV = "EIMZA_DATA"

ROLES = {
    "family-doctor": "Aile hekimi",
    "staff": "Diğer sağlık çalışanları",
}

# (key for tokens, case fields, Turkish title)
CASES: tuple[tuple[str, dict[str, Any], str], ...] = (
    ("first", {"situation": "first"}, "İlk başvuru"),
    ("renewal", {"situation": "renewal", "electronic": True}, "Yenileme (e-imzalı/e-onaylı)"),
    ("renewal-wet", {"situation": "renewal", "electronic": False}, "Yenileme (ıslak imzalı)"),
    ("expired", {"situation": "expired"}, "Süresi dolmuş e-imza"),
    ("lost", {"situation": "lost", "with_reader": True}, "Kayıp/çalıntı (kart okuyucunuz da kaybolduysa)"),
    (
        "lost-no-reader",
        {"situation": "lost", "with_reader": False},
        "Kayıp/çalıntı (kart okuyucunuz elinizdeyse)",
    ),
    ("reader-only", {"situation": "reader-only"}, "Yalnızca kart okuyucu"),
)
CASE_KEYS = {key: (fields, title) for key, fields, title in CASES}

ITEM_NAMES = {
    "nes-3y": "3 yıllık NES",
    "mini-reader": "Mini kart okuyucu",
    "nes-1y": "1 yıllık NES",
    "nes-2y": "2 yıllık NES",
    "desktop-reader": "Masaüstü kart okuyucu",
}

CONFIDENCE_NAMES = wording.CONFIDENCE  # one wording for both the engine and the pages


class SiteError(Exception):
    """A build problem the editor must fix (unknown token, bad case, missing include)."""


def edition_date(value: str | None = None) -> dt.date:
    """The edition date: the given value, else EIMZA_EDITION (YYYY-MM-DD), else today in Türkiye."""
    raw = value if value is not None else os.environ.get(EDITION_ENV, "")
    if not raw:
        return turkish.today_tr()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise SiteError(wording.edition_invalid(EDITION_ENV if value is None else "edition", raw)) from None


def data_path(value: str | None = None) -> Path:
    """The data file of a build: the given path (plugin option `data:`, `publish --data`),
    else EIMZA_DATA, else the engine's packaged tarife.toml."""
    chosen = value or os.environ.get(DATA_ENV) or None
    return Path(chosen).resolve() if chosen else Path(rates.default_path())


def editions_path(data_file: Path) -> Path:
    """The editions file that goes with a data file: baskilar.toml beside it, else the
    packaged one (a lone data copy keeps the shipped editions list)."""
    beside = data_file.with_name(editions.FILE_NAME)
    return beside if beside.is_file() else Path(editions.default_path())


def _read(path: Path) -> tuple[bytes, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise eimza.DataError([eimza.Problem(str(path), "", None, wording.cannot_read(exc))]) from None
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        raise eimza.DataError([eimza.Problem(str(path), "", None, wording.not_utf8())]) from None


@dataclass(frozen=True)
class Choice:
    """The data of one build, chosen once (``choose``) and handed to every consumer: the pages
    (``data``, ``editions``), the calculator's wheel and so its snapshot (``wheel_files``: the
    very bytes the pages were rendered from), the service worker and publish.

    ``published``: the edition date was given explicitly (plugin option `edition:` or
    EIMZA_EDITION, as `make publish` does) and is listed in the editions file; every other
    build (`make build`, the `make serve` preview, a test build) is a preview."""

    data_file: Path
    data_bytes: bytes
    editions_file: Path
    editions_bytes: bytes
    data: Any
    editions: tuple[editions.Edition, ...]
    edition: dt.date
    published: bool

    def wheel_files(self) -> dict[str, bytes]:
        """The engine package's data/ files as this build renders them."""
        return {rates_file(): self.data_bytes, editions.FILE_NAME: self.editions_bytes}


def rates_file() -> str:
    return Path(rates.default_path()).name


def choose(data: str | None = None, edition: str | None = None) -> Choice:
    """The one door for a build's data and edition (see Choice). Raises SiteError (bad
    edition date) or the engine's DataError (Turkish, with file and line)."""
    data_file = data_path(data)
    eds_file = editions_path(data_file)
    data_bytes, data_text = _read(data_file)
    eds_bytes, eds_text = _read(eds_file)
    parsed = rates.parse(data_text, str(data_file))
    eds = editions.parse_editions(eds_text, str(eds_file))
    explicit = bool(edition or os.environ.get(EDITION_ENV))
    day = edition_date(edition or None)
    published = explicit and any(e.date == day for e in eds)
    return Choice(data_file, data_bytes, eds_file, eds_bytes, parsed, eds, day, published)


def edition_stamp(choice: Choice) -> str:
    """Under every page: the edition's date, or the preview label with the date it computes for."""
    if choice.published:
        return wording.edition_stamp(choice.edition)
    return wording.preview_stamp(choice.edition)


def instant_json(choice: Choice) -> str:
    """The calculator's instant answers for the build (eimza.instant, from the chosen data:
    per form case, the interval that contains the edition's date, with the worker's HTML), as
    JSON for a `<script type="application/json">`: `</` and `<!--` are escaped so the text can
    neither end the element nor change how it is parsed."""
    table = instant.for_day(instant.table(choice.data, choice.edition), choice.edition)
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")


def load(path: str | None = None) -> Any:
    """The engine's validated data; path from the plugin option or EIMZA_DATA."""
    return rates.parse(_read(data_path(path))[1], str(data_path(path)))


def tl(amount: Decimal | str) -> str:
    return str(money.format_tl(amount))


def date_long(day: dt.date) -> str:
    return str(turkish.date_long(day))


def item_amounts(data: Any, period: Any, code: str) -> tuple[Decimal, Decimal, Decimal]:
    """Net, VAT and gross of one tariff item on the period's verified date (engine's rule)."""
    item = period.items[code]
    rate = data.vat_rate_for(period.verified)
    vat = money.vat_of(item.net, rate)
    return item.net, vat, item.net + vat


@dataclass(frozen=True)
class Answer:
    """One static answer: the quote at the edition date. When that date's amounts are not
    in the data, it is the calculator's answer too: the engine's unknown-amount message
    (`error`) and the quote without amounts (steps, account, description; no sum). No
    other date's amount stands in for it."""

    key: str
    role: str
    title: str
    quote: dict[str, Any]
    error: Any = None  # eimza.EimzaError "tariff-unknown", or None


def answer(data: Any, key: str, role: str, on: dt.date) -> Answer:
    if key not in CASE_KEYS:
        raise SiteError(f"bilinmeyen durum {key!r}; geçerli olanlar: {', '.join(CASE_KEYS)}")
    if role not in ROLES:
        raise SiteError(f"bilinmeyen rol {role!r}; geçerli olanlar: {', '.join(ROLES)}")
    fields, title = CASE_KEYS[key]
    case = {**fields, "role": role, "date": on.isoformat()}
    try:
        return Answer(key, role, title, eimza.quote(case, data))
    except eimza.EimzaError as exc:
        if getattr(exc, "code", None) != "tariff-unknown":
            raise SiteError(f"motor {case} için hata verdi: {exc.code}: {exc.message}") from exc
        return Answer(key, role, title, eimza.quote(case, data, require_amounts=False), exc)


def total(quote: dict[str, Any]) -> str | None:
    """The amount to pay as '1.080,00 TL', or None when nothing is owed personally (or the
    amount is not in the data: then `payment.total` is None)."""
    payment = quote.get("payment")
    return tl(payment["total"]) if payment and payment["total"] is not None else None


def render_answer(ans: Answer, heading_level: int = 3, prefix: str = "", with_error: bool = True) -> str:
    """The engine's HTML, the same as the calculator's for this case and date; ids get
    `prefix` so that two answers can share a page. `with_error=False` leaves out the
    unknown-amount message (the page says it once, above its answers)."""
    error = ans.error if with_error else None
    return str(eimza.render_answer_html(ans.quote, error, heading_level, id_prefix=prefix))


def number(amount: Decimal | str) -> str:
    """'1.080,00' (no currency): chart labels."""
    return str(money.format_number(Decimal(amount)))
