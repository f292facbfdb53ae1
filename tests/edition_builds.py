"""Site builds from data copies, for the "one edition, one truth" tests (issue 10).

A copy of the data (a data root: a national kamusm.toml and one directorate's folder with
il.toml and baskilar.toml) is edited the way an editor would: the 3-year NES of the tariff
period attested on 12 March 2024 gets another VAT-inclusive price, and the editions file gets
fixture editions. Expected totals are computed here from
that edit and the attested facts (tests/engine_facts.py), never by the engine.

Two kinds of copy:
- `copy_root`, `with_national`: the session's directorate (EIMZA_IL, default tekirdag) with its
  own national file: tests that must hold for every directorate;
- `data_copy`: the frozen fixture directorate (tests/data/iller/tekirdag/ with
  tests/data/kamusm.toml), whose procedure the expected totals assume (a family doctor's first
  application pays the 3-year NES and the mini reader to the directorate): never a shipped
  directorate's present state."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from eimza_site.pages.facts import data_files
from engine_facts import ATTESTED, net_of, vat_rate

ROOT = Path(__file__).resolve().parent.parent
SESSION = data_files()  # the session's directorate (EIMZA_IL, default tekirdag) and its national file
IL = SESSION.folder.name
FIXTURE = data_files(str(ROOT / "tests" / "data" / "iller" / "tekirdag"))  # frozen, with its national file
ATTESTED_DAY = dt.date(2024, 3, 12)  # the day the 2024 amounts were seen (attested)


def manifest_of(site: Path) -> dict[str, Any]:
    """The calculator page's runtime manifest, as its boot script carries it (`var cfgAll`)."""
    html = (site / "ucret-hesaplama" / "index.html").read_text("utf-8")
    m = re.search(r"var cfgAll = (\{.*?\});\n", html)
    assert m, "calculator page has no runtime manifest"
    out: dict[str, Any] = json.loads(m.group(1))
    return out


def first_family_doctor_total(nes_3y_gross: Decimal) -> Decimal:
    """A family doctor's first application on ATTESTED_DAY: the 3-year NES and the mini
    reader, both paid to the directorate (seed page); the reader at its attested price."""
    return nes_3y_gross + ATTESTED[ATTESTED_DAY]["mini-reader"]


def copy_root(dest: Path, source: Any = SESSION) -> Path:
    """dest as a data root: the national file and the directorate's folder of `source` (a
    paths.DataFiles: default the session's directorate) copied (only that directorate's);
    returns the folder (what EIMZA_IL names)."""
    folder = dest / "iller" / source.folder.name
    folder.mkdir(parents=True, exist_ok=True)
    (dest / "kamusm.toml").write_bytes(source.national.read_bytes())
    for name in ("il.toml", "baskilar.toml"):
        (folder / name).write_bytes((source.folder / name).read_bytes())
    return folder


def with_national(dest: Path, national_text: str, source: Any = SESSION) -> Path:
    """A data root in dest whose national file is `national_text`; the directorate's folder."""
    folder = copy_root(dest, source)
    (dest / "kamusm.toml").write_text(national_text, "utf-8")
    return folder


def data_copy(dest: Path, nes_3y_gross: Decimal, editions: tuple[tuple[str, str], ...] = ()) -> Path:
    """A data root in dest, a copy of the frozen fixture, whose national file's period verified
    on ATTESTED_DAY prices the 3-year NES at `nes_3y_gross` (VAT-inclusive), and whose
    directorate's baskilar.toml has `editions` (date, note) added; returns the directorate's
    folder."""
    folder = copy_root(dest, FIXTURE)
    text = (dest / "kamusm.toml").read_text("utf-8")
    at = text.index(f"verified = {ATTESTED_DAY.isoformat()}")
    net = net_of(nes_3y_gross, vat_rate(ATTESTED_DAY))
    tail, n = re.subn(
        r'nes-3y = \{ net = "[\d.]+", quoted_gross = "[\d.]+" \}',
        f'nes-3y = {{ net = "{net}", quoted_gross = "{nes_3y_gross}" }}',
        text[at:],
        count=1,
    )
    assert n == 1, "the attested 2024 period has no nes-3y line"
    (dest / "kamusm.toml").write_text(text[:at] + tail, "utf-8")
    eds = (folder / "baskilar.toml").read_text("utf-8").rstrip("\n")
    for day, note in editions:
        eds += f'\n\n[[edition]]\ndate = {day}\nnote = "{note}"\n'
    (folder / "baskilar.toml").write_text(eds + "\n", "utf-8")
    return folder


def build(dest: Path, *, data: Path | None = None, edition: str | None = None, snapshot: bool = True) -> Path:
    """mkdocs build --strict of this checkout into dest with EIMZA_IL (`data`: a directorate
    folder) / EIMZA_EDITION."""
    unset = ("EIMZA_IL", "EIMZA_DATA_ROOT", "EIMZA_EDITION", "EIMZA_NO_SNAPSHOT")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if data is not None:
        env["EIMZA_IL"] = str(data)
    if edition is not None:
        env["EIMZA_EDITION"] = edition
    if not snapshot:
        env["EIMZA_NO_SNAPSHOT"] = "1"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    return dest
