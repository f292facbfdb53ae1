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
from eimza import (
    dated,
    editions,
    instant,
    loader,
    money,
    paths,
    turkish,
    wording,
    wording_editor,
    wording_site,
)

EDITION_ENV = "EIMZA_EDITION"
IL_ENV = paths.ENV_IL  # the directorate: an id under data/iller/ or a folder (default tekirdag)

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
        raise SiteError(
            wording_site.edition_invalid(EDITION_ENV if value is None else "edition", raw)
        ) from None


def data_files(il: str | None = None, national: str | None = None) -> paths.DataFiles:
    """The data files of a build (eimza.paths): the directorate `il` (plugin option `il:`, an
    id or a folder), else EIMZA_IL, else tekirdag; its national file (`national`, else the
    data root's kamusm.toml) and its editions file (baskilar.toml in its folder)."""
    files = paths.files(il or None, national or None)
    if files.packaged:  # a build never renders the engine's own packaged copy
        files = paths.files(paths.DEFAULT_IL, national or None)
    return paths.DataFiles(files.national.resolve(), files.directorate.resolve())


def _read(path: Path) -> tuple[bytes, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise eimza.DataError([eimza.Problem(str(path), "", None, wording_editor.cannot_read(exc))]) from None
    try:
        return raw, raw.decode("utf-8")
    except UnicodeDecodeError:
        raise eimza.DataError([eimza.Problem(str(path), "", None, wording_editor.not_utf8())]) from None


@dataclass(frozen=True)
class Choice:
    """The data of one build, chosen once (``choose``) and handed to every consumer: the pages
    (``data``, ``editions``), the calculator's wheel and so its snapshot (``wheel_files``: the
    very bytes the pages were rendered from), the service worker and publish.

    ``published``: the edition date was given explicitly (plugin option `edition:` or
    EIMZA_EDITION, as `make publish` does) and is listed in the editions file; every other
    build (`make build`, the `make serve` preview, a test build) is a preview."""

    files: paths.DataFiles
    national_bytes: bytes
    directorate_bytes: bytes
    editions_bytes: bytes
    data: Any
    editions: tuple[editions.Edition, ...]
    edition: dt.date
    published: bool

    @property
    def data_bytes(self) -> bytes:
        """Both data files' bytes (the build id hashes them)."""
        return self.national_bytes + b"\0" + self.directorate_bytes

    @property
    def editions_file(self) -> Path:
        return self.files.editions

    def wheel_files(self) -> dict[str, bytes]:
        """The engine package's data/ files as this build renders them: the national file,
        the chosen directorate's il.toml and its editions (never another directorate's)."""
        return {
            paths.NATIONAL: self.national_bytes,
            paths.DIRECTORATE: self.directorate_bytes,
            paths.EDITIONS: self.editions_bytes,
        }


def choose(il: str | None = None, edition: str | None = None, national: str | None = None) -> Choice:
    """The one door for a build's data and edition (see Choice). Raises SiteError (bad
    edition date) or the engine's DataError (Turkish, with file and line)."""
    files = data_files(il, national)
    national_bytes, national_text = _read(files.national)
    il_bytes, il_text = _read(files.directorate)
    eds_bytes, eds_text = _read(files.editions)
    parsed = loader.parse(
        national_text, str(files.national), il_text, str(files.directorate), files.expected_id
    )
    eds = editions.parse_editions(eds_text, str(files.editions))
    explicit = bool(edition or os.environ.get(EDITION_ENV))
    day = edition_date(edition or None)
    published = explicit and any(e.date == day for e in eds)
    return Choice(files, national_bytes, il_bytes, eds_bytes, parsed, eds, day, published)


def edition_stamp(choice: Choice) -> str:
    """Under every page: the edition's date, or the preview label with the date it computes for."""
    if choice.published:
        return wording_site.edition_stamp(choice.edition)
    return wording_site.preview_stamp(choice.edition)


def instant_json(choice: Choice) -> str:
    """The calculator's instant answers for the build (eimza.instant, from the chosen data:
    per form case, the interval that contains the edition's date, with the worker's HTML), as
    JSON for a `<script type="application/json">`: `</` and `<!--` are escaped so the text can
    neither end the element nor change how it is parsed."""
    table = instant.for_day(instant.table(choice.data, choice.edition), choice.edition)
    return _json_block(table)


def dates_json() -> str:
    """What the calculator page needs to write an answer's date and the notice for another
    day than today without Python (eimza.dated: month names, the head's templates), as JSON
    for a `<script type="application/json">`."""
    return _json_block(dated.vocabulary())


def _json_block(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")


def form_choices(data: Any) -> dict[str, list[dict[str, str]]]:
    """The calculator form's choices, in the national file's order (overrides/partials/
    eimza-calculator.html writes them; its inline script and calculator.mjs read them back
    from the form): situations and roles by id and label; each option with its situation,
    its box's label, the value a ticked box gives ("true"/"false") and its name in the link."""
    return {
        "situations": [{"id": s.id, "label": s.label} for s in data.situations],
        "roles": [{"id": r.id, "label": r.label} for r in data.roles],
        "options": [
            {
                "id": o.id,
                "situation": o.situation,
                "label": o.form_label,
                "means": "true" if o.form_checked_means else "false",
                "link": o.link_name,
            }
            for o in data.options
        ],
    }


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


def number(amount: Decimal | str) -> str:
    """'1.080,00' (no currency): chart labels."""
    return str(money.format_number(Decimal(amount)))
