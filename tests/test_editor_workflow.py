"""An editor adds the 2026 prices: edits the data file's text in a copy of the project,
runs `check` and `diff`, builds the site, and the tariff page, the case pages and the
calculator (the shipped Pyodide, via scripts/parity.mjs) show the new amounts for 2026
dates and the old ones for 2024 dates. Expected amounts come from the engine quoting
the edited file, never from copied output."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest

from calc_helpers import run_parity
from editor_helpers import (
    DATA_REL,
    IL_REL,
    NEW_2026,
    add_2026_amounts,
    build,
    copy_project,
    py,
)
from eimza import EimzaError, format_tl, load_data, quote
from eimza.cases import for_data

DAY_2026 = "2026-02-01"
DAY_2024 = "2024-06-01"


def _total(data: Any, situation: str, role: str, day: str, **opts: Any) -> str:
    q = quote({"situation": situation, "role": role, "date": day, **opts}, data)
    assert q["payment"] is not None
    return format_tl(q["payment"]["total"])


def _text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    return html.unescape(raw).replace("\xa0", " ").replace("\u202f", " ")


def _period_segment(tariff_html: str, label: str) -> str:
    """The tariff table's rows of one period (from its row header to the next one)."""
    table = re.search(r'class="[^"]*\beimza-tariffs\b', tariff_html)
    assert table, "the tariff table is missing"
    start = tariff_html.index(label, table.start())
    nxt = tariff_html.find('scope="rowgroup"', start)
    return tariff_html[start : nxt if nxt != -1 else len(tariff_html)]


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    repo = copy_project(tmp_path_factory.mktemp("editor") / "proje")
    data_file = repo / DATA_REL
    before = data_file.read_text(encoding="utf-8")
    data_file.write_text(add_2026_amounts(before), encoding="utf-8")
    # the data as it was, as a data root of its own (eski/: the national file and the folder)
    old_folder = repo / "eski" / IL_REL.relative_to("data")
    old_folder.mkdir(parents=True)
    (repo / "eski" / "kamusm.toml").write_text(before, encoding="utf-8")
    (old_folder / "il.toml").write_bytes((repo / IL_REL / "il.toml").read_bytes())
    old = load_data(old_folder)
    new = load_data(repo / IL_REL)
    return {"repo": repo, "old": old, "new": new, "old_folder": old_folder}


def test_check_accepts_the_edit(edited: dict[str, Any]) -> None:
    proc = py(edited["repo"], "-m", "eimza", "check", "--today", DAY_2026)
    assert proc.returncode == 0, proc.stderr
    assert "Tamam:" in proc.stdout
    assert "tutarları veri dosyasında yok" not in proc.stdout  # the 2026 warning is gone


def test_diff_reports_new_totals_for_2026(edited: dict[str, Any]) -> None:
    repo, old, new = edited["repo"], edited["old"], edited["new"]
    proc = py(repo, "-m", "eimza", "diff", "--rev", "HEAD", "--today", DAY_2026)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    # the same report for two files
    old_folder = edited["old_folder"].relative_to(repo)
    files = py(repo, "-m", "eimza", "diff", str(old_folder), str(IL_REL), "--today", DAY_2026)
    assert files.returncode == 0 and files.stdout.split("\n", 3)[3] == out.split("\n", 3)[3]
    assert "1 Ocak 2026 dönemi: tutarlar artık biliniyor" in out
    for code, (net, _gross) in NEW_2026.items():
        assert format_tl(net) in out, code
    rows = [line for line in out.splitlines() if "│" in line]
    cases = {
        "İlk başvuru · Aile hekimi": ("first", "family-doctor", {}),
        "Yenileme · Aile hekimi": ("renewal", "family-doctor", {}),
        "Kayıp veya çalıntı · Diğer sağlık çalışanı (kart okuyucu ile)":
            ("lost", "staff", {"with_reader": True}),
        "Yalnızca kart okuyucu · Aile hekimi": ("reader-only", "family-doctor", {}),
    }  # fmt: skip
    for label, (situation, role, opts) in cases.items():
        after = _total(new, situation, role, DAY_2026, **opts)
        hit = [r for r in rows if f"│ {label} " in r and "2026" in r.split("│")[0]]
        assert hit, (label, out)
        assert "bilinmiyor (tariff-unknown)" in hit[0] and after in hit[0], hit
    # 2024 is unchanged: no 2024 row in the table of totals
    table = out.split("Okurun ödeyeceği tutarlar", 1)[1].split("Tutarı aynı kalıp", 1)[0]
    assert not [r for r in table.splitlines() if "2024" in r.split("│")[0]]
    assert _total(old, "first", "family-doctor", DAY_2024) == _total(new, "first", "family-doctor", DAY_2024)


@pytest.fixture(scope="module")
def sites(edited: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("siteler")
    repo = edited["repo"]
    return {
        DAY_2026: build(repo, out / "s2026", DAY_2026, snapshot=True),
        DAY_2024: build(repo, out / "s2024", DAY_2024),
    }


def test_tariff_page_shows_both_periods(edited: dict[str, Any], sites: dict[str, Path]) -> None:
    new = edited["new"]
    p26 = next(p for p in new.tariffs if p.start == dt.date(2026, 1, 1))
    p24 = next(p for p in new.tariffs if p.start == dt.date(2024, 1, 1))
    for site in sites.values():
        page = _text(site / "ucret-tarifesi" / "index.html")
        seg26 = _period_segment(page, p26.label)
        assert "bilinmiyor" not in seg26.lower()
        for code, (_net, gross) in NEW_2026.items():  # the VAT-inclusive figures the editor typed
            assert format_tl(gross) in seg26, (code, seg26[:400])
        seg24 = _period_segment(page, p24.label)
        for gross in ("780,00 TL", "300,00 TL"):  # attested: Mersin, 12.03.2024
            assert gross in seg24, gross


@pytest.mark.parametrize(
    ("page", "situation", "opts"),
    [
        ("ilk-basvuru", "first", {}),
        ("yenileme", "renewal", {}),
        ("kart-okuyucu", "reader-only", {}),
    ],
)
def test_case_pages_follow_the_date(
    edited: dict[str, Any], sites: dict[str, Path], page: str, situation: str, opts: dict[str, Any]
) -> None:
    old, new = edited["old"], edited["new"]
    role = "family-doctor"
    new_2026 = _total(new, situation, role, DAY_2026, **opts)
    new_2024 = _total(new, situation, role, DAY_2024, **opts)
    assert new_2026 != new_2024
    with pytest.raises(Exception, match="tarife"):
        _total(old, situation, role, DAY_2026, **opts)  # before the edit: unknown
    text26 = _text(sites[DAY_2026] / page / "index.html")
    text24 = _text(sites[DAY_2024] / page / "index.html")
    assert new_2026 in text26 and new_2024 not in text26
    assert new_2024 in text24 and new_2026 not in text24


def test_calculator_answers_in_pyodide(edited: dict[str, Any], sites: dict[str, Path]) -> None:
    repo, new = edited["repo"], edited["new"]
    shipped = run_parity(sites[DAY_2026], root=repo, timeout=180)
    # both ways the worker can start: restoring the snapshot made from the edited data (the
    # usual one) and booting plainly
    assert shipped["snapshot"], "the 2026 site was built with its snapshot"
    for mode in ("snapshot_answers", "plain"):
        runs = [r for r in shipped[mode] if r["message"]["person"] is None]
        assert [r["message"]["case"] for r in runs] == for_data(new)
        checked = set()
        for run in runs:
            case, answer = run["message"]["case"], run["out"]["answer"]
            day = case.get("date", "")
            if case.get("tckn") or not re.fullmatch(r"(2024|2026)-\d\d-\d\d", day):
                continue
            try:
                native = quote(case, new)
            except EimzaError as err:
                assert not answer["ok"] and answer["error"]["code"] == err.code
                continue
            if native["payment"] is None:
                assert answer["quote"]["payment"] is None
                continue
            assert answer["ok"], answer
            assert answer["quote"]["payment"]["total"] == native["payment"]["total"]
            assert format_tl(native["payment"]["total"]) in html.unescape(answer["html"]).replace("\xa0", " ")
            checked.add(day[:4])
        assert checked == {"2024", "2026"}, mode
