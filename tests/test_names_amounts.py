"""Names and amounts at the engine's edges: decomposed letters are the same letters (NFC before
any check); a refusal echoes at most ~40 characters of the input, as typed; the form limits
what can be typed; an amount beyond the engine's range is a Turkish EimzaError, and a build
with one stops with a Turkish message, never a traceback."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

import eimza
from edition_builds import ROOT, copy_root
from eimza import money, web, wording
from engine_facts import with_shipped_national

# the fixture directorate (its family doctors pay it: a payment description to fill) with the
# shipped national file, on the day the 2024 amounts were attested
DATA = with_shipped_national()
CASE = {"situation": "first", "role": "family-doctor", "date": "2024-03-12"}
PERSON = {"name": "Ayşe Gül", "surname": "Çağlar", "tckn": "17291716060"}


def test_decomposed_letters_are_the_same_name() -> None:
    nfd = {k: unicodedata.normalize("NFD", v) for k, v in PERSON.items()}
    assert nfd["name"] != PERSON["name"]  # the test really types decomposed letters
    composed = eimza.quote({**CASE, **PERSON}, DATA)["payment"]["description"]
    assert eimza.quote({**CASE, **nfd}, DATA)["payment"]["description"] == composed
    assert "AYŞE GÜL" in composed.upper() or "Ayşe Gül" in composed
    out = json.loads(web.handle(json.dumps({"case": CASE, "person": nfd}), DATA))
    assert out["personError"] is None and out["answer"]["ok"]


@pytest.mark.parametrize(
    "typed",
    ["Ali\x00Veli", "Ali3", "x" * 100_000, "Ayşe\u202eÇ", "<b>Ali</b>"],
)
def test_refusal_echoes_a_short_input_as_typed(typed: str) -> None:
    with pytest.raises(eimza.EimzaError) as err:
        eimza.quote({**CASE, **PERSON, "name": typed}, DATA)
    message = err.value.message
    assert err.value.code == "name-invalid"
    echoed = re.search(r"“(.*)”", message)
    assert echoed, message
    shown = echoed.group(1)
    assert len(shown) <= 41  # 40 characters and an ellipsis
    assert "\\x" not in message and "\\u" not in message and "'" not in shown
    visible = "".join("�" if unicodedata.category(c)[0] == "C" else c for c in typed)
    assert shown.rstrip("…") == visible[:40]
    assert shown.endswith("…") == (len(typed) > 40)


def test_person_error_in_the_worker_reply_is_short() -> None:
    out = json.loads(
        web.handle(json.dumps({"case": CASE, "person": {**PERSON, "surname": "Ç" * 5000 + "1"}}), DATA)
    )
    assert out["answer"]["ok"] and out["personError"]
    assert len(out["personError"]) < 200


def _huge(data: eimza.Data, net: str) -> eimza.Data:
    """The data with the 3-year NES of the period verified on 2024-03-12 at `net`."""
    tariffs = []
    for period in data.tariffs:
        if period.verified and period.verified.isoformat() == "2024-03-12":
            item = dataclasses.replace(period.items["nes-3y"], net=Decimal(net))
            period = dataclasses.replace(period, items={**period.items, "nes-3y": item})
        tariffs.append(period)
    return dataclasses.replace(data, tariffs=tuple(tariffs))


@pytest.mark.parametrize("net", ["1" * 27, "999999999999.99", "1e30"])
def test_amount_beyond_the_engine_is_a_turkish_error(net: str) -> None:
    data = _huge(DATA, net)
    with pytest.raises(eimza.EimzaError) as err:
        eimza.quote(CASE, data)
    assert err.value.code == "amount-too-large" and err.value.message == wording.AMOUNT_TOO_LARGE
    assert err.value.code in eimza.ERROR_CODES


def test_largest_amount_still_works() -> None:
    assert money.format_tl(Decimal("999999999999.99")) == "999.999.999.999,99 TL"
    with pytest.raises(eimza.EimzaError):
        money.format_tl(Decimal("1000000000000"))


def test_build_with_an_absurd_amount_stops_in_turkish(tmp_path: Path) -> None:
    folder = copy_root(tmp_path / "data")
    national = tmp_path / "data" / "kamusm.toml"
    text = national.read_text("utf-8")
    text, n = re.subn(
        r'nes-3y = \{ net = "650.00", quoted_gross = "780.00" \}',
        f'nes-3y = {{ net = "{"9" * 27}.00", quoted_gross = "{"9" * 27}.00" }}',
        text,
    )
    assert n == 1
    national.write_text(text, "utf-8")
    env = {"EIMZA_IL": str(folder), "EIMZA_NO_SNAPSHOT": "1", "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        env={**__import__("os").environ, **env},
        capture_output=True,
        text=True,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "Traceback" not in out, out[-3000:]
    # the data check refuses it first (an amount of more than 7 digits), with its line
    assert "E-İmza Rehberi" in out and "Tutar akla yatkın değil" in out, out[-3000:]


def test_form_limits_what_can_be_typed(site_dir: Path) -> None:
    page = (site_dir / "ucret-hesaplama" / "index.html").read_text("utf-8")
    for field, limit in (
        ("eimza-name", wording.NAME_MAX),
        ("eimza-surname", wording.NAME_MAX),
        ("eimza-tckn", 11),
    ):
        tag = re.search(rf'<input[^>]*id="{field}"[^>]*>', page)
        assert tag and f'maxlength="{limit}"' in tag.group(0), field
