"""The data check's report in Turkish: problems with their lines, and the yearly-update
warnings. Used by the CLI (`make check`), `diff` and `make publish`; imports no command."""

from __future__ import annotations

import datetime as dt
import os

from . import paths, turkish
from . import wording_editor as say
from .errors import DataError, Problem
from .loader import read_data_text
from .model import Data
from .tomlines import key_name, locate_keys

CHECK_COMMAND = "make check"


def problem_lines(err: DataError, again: str = CHECK_COMMAND) -> list[str]:
    """The check's Turkish report: each problem with its line number (also as file:line).
    `again`: the command that checks again, as the editor types it (its directorate named:
    `make check IL=mersin`)."""
    out = []
    for p in err.problems:
        where = f"(satır {p.line}) " if p.line else ""
        out.append(f"HATA {where}{p}")
    out.append(
        f"{len(err.problems)} hata bulundu; dosya yayımlanamaz. Her hatayı belirtilen satırda "
        f"düzeltip denetimi yeniden çalıştırın: {again}"
    )
    return out


def check_command(il: str | None) -> str:
    """`make check` for the directorate a check was run on (`--il` as given, else EIMZA_IL,
    else the default), so that the command printed is the one to type again."""
    return f"{CHECK_COMMAND} IL={il or os.environ.get(paths.ENV_IL) or paths.DEFAULT_IL}"


def yearly_update_warnings(data: Data, today: dt.date) -> list[str]:
    """Warn when a yearly (1 January) tariff update is probably due."""
    out = []
    jan1 = dt.date(today.year, 1, 1)
    known = data.latest_known()
    if known is not None and known.verified is not None and known.verified < jan1:
        out.append(
            f"Uyarı: tutarı bilinen en yeni dönem ({known.label}) en son "
            f"{turkish.date_long(known.verified)} tarihinde doğrulanmış; {turkish.date_long(jan1)} "
            "sonrası için yıllık tarife güncellemesi gerekiyor olabilir."
        )
    current = data.tariff_for(today) if data.tariffs[0].start <= today else None
    if current is not None and not current.amounts_known:
        out.append(
            f"Uyarı: bugün geçerli dönemin ({current.label}) tutarları veri dosyasında yok; hesaplayıcı "
            "bu dönem için ödeme tutarı veremez. Yeni tutarlar çıktığında dönemi ekleyin."
        )
    return out


def warning_lines(data: Data) -> list[str]:
    """The check's warnings (they do not stop a publish), each with its line."""
    return [f"UYARI {f'(satır {w.line}) ' if w.line else ''}{w}" for w in data.warnings]


def dated_problems(data: Data, today: dt.date) -> list[Problem]:
    """What depends on today, checked when the editor checks (never when a reader's page loads
    the data: a reader's wrong clock must not break the calculator): no `verified` date in the
    future."""
    lines = locate_keys(read_data_text(data.national_path))
    out = []
    for i, period in enumerate(data.tariffs):
        if period.verified is not None and period.verified > today:
            key: tuple[str | int, ...] = ("tariff", i, "verified")
            out.append(
                Problem(
                    data.national_path,
                    key_name(key),
                    lines.get(key),
                    say.verified_in_future(period.verified, today),
                )
            )
    return out
