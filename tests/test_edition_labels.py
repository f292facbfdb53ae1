"""Honest dates (issue 10, item 4) and the plugin's data/edition options (review §5.8).

Every page of a published edition says "Bu baskının tarihi: …"; every page of any other build
(the session's plain build, a test build, the preview) says "Önizleme — yayımlanmamış baskı";
no page says "bugün" about a date fixed at build time, and the editions list does not
contradict the pages. A build is a published edition when its edition date is given
explicitly (EIMZA_EDITION or the plugin option `edition:`, as `make publish` does) and is
listed in the editions file that goes with its data (a fixture copy here, never the shipped
list)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from edition_builds import ROOT, build, data_copy, first_family_doctor_total
from eimza import money
from site_helpers import pages, text_of

PREVIEW = "Önizleme — yayımlanmamış baskı"
STAMP = "Bu baskının tarihi"
MONTHS = "Ocak|Şubat|Mart|Nisan|Mayıs|Haziran|Temmuz|Ağustos|Eylül|Ekim|Kasım|Aralık"
A_DATE = "13 Mart 2024"  # the fixture edition, 2024-03-13 (tariff period attested on ATTESTED_DAY)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A published edition: EIMZA_EDITION=2024-03-13, listed in a fixture copy's baskilar.toml."""
    tmp = tmp_path_factory.mktemp("published")
    data = data_copy(tmp / "data", Decimal("840.00"), (("2024-03-13", "Deneme baskısı."),))
    return build(tmp / "site", data=data, edition="2024-03-13", snapshot=False)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build that is not a published edition: no edition date given (make build, make serve)."""
    tmp = tmp_path_factory.mktemp("preview")
    data = data_copy(tmp / "data", Decimal("840.00"), (("2024-03-13", "Deneme baskısı."),))
    return build(tmp / "site", data=data, snapshot=False)


def _texts(site: Path) -> dict[str, str]:
    out = {p.relative_to(site).as_posix(): text_of(p.read_text("utf-8")) for p in pages(site)}
    assert len(out) >= 10 and "404.html" in out
    return out


def _no_today_about_a_fixed_date(name: str, text: str) -> None:
    """No "bugün (1 Aralık 2026)": the word for today right beside a date the build wrote."""
    date = rf"(?:\d{{1,2}} (?:{MONTHS}) \d{{4}}|\d{{2}}\.\d{{2}}\.\d{{4}})"
    found = re.search(rf"(?i)bugün\w*\W{{0,3}}{date}|{date}\W{{0,3}}bugün", text)
    assert not found, (name, found.group(0) if found else "")


def test_preview_build_says_preview_on_every_page(preview: Path) -> None:
    for name, text in _texts(preview).items():
        assert text.count(PREVIEW) >= 2, name  # the banner on top and the stamp below
        assert STAMP not in text and "Son güncelleme" not in text, name
        _no_today_about_a_fixed_date(name, text)
    changes = _texts(preview)["degisiklik-gecmisi/index.html"]
    assert "Bu sayfa bir önizlemedir" in changes
    assert "(bu baskı)" not in changes and "(güncel baskı)" not in changes
    assert "Listedeki en yeni baskı 13 Mart 2024 baskısıdır." in changes
    assert "Bu sayfa bir önizlemedir (yayımlanmamış baskı)" in _texts(preview)["iletisim/index.html"]


def test_published_edition_says_its_date_on_every_page(published: Path) -> None:
    texts = _texts(published)
    for name, text in texts.items():
        assert f"{STAMP}: {A_DATE}" in text, name
        assert PREVIEW not in text and "önizlemedir" not in text and "Son güncelleme" not in text, name
        _no_today_about_a_fixed_date(name, text)
    assert f"{STAMP}: {A_DATE}." in texts["iletisim/index.html"]
    changes = texts["degisiklik-gecmisi/index.html"]
    assert f"{A_DATE} baskısı (bu baskı)" in changes and "Deneme baskısı." in changes
    assert "(güncel baskı)" not in changes
    headings = re.findall(
        r"<h3[^>]*>(.*?)</h3>", (published / "degisiklik-gecmisi" / "index.html").read_text("utf-8")
    )
    assert [h for h in headings if "(bu baskı)" in h] == [h for h in headings if A_DATE in h]
    assert len([h for h in headings if "(bu baskı)" in h]) == 1
    calc = texts["ucret-hesaplama/index.html"]
    assert f"bu baskının tarihine ({A_DATE}) göre üretilmiştir" in calc
    # the offline notice is in the page (hidden until sw.js serves the offline copy)
    html = (published / "ucret-hesaplama" / "index.html").read_text("utf-8")
    notice = re.search(r"<div [^>]*data-eimza-offline hidden>(.*?)</div>\s*</div>", html, re.S)
    assert notice and f"Çevrim dışı kopya: {A_DATE} baskısı; tutarlar güncel olmayabilir." in notice.group(1)


def test_an_edition_date_not_in_the_editions_file_is_a_preview(tmp_path: Path) -> None:
    data = data_copy(tmp_path / "data", Decimal("840.00"))  # no fixture edition listed
    site = build(tmp_path / "site", data=data, edition="2024-03-13", snapshot=False)
    text = text_of((site / "iletisim" / "index.html").read_text("utf-8"))
    assert f"{PREVIEW} (tutarlar {A_DATE} tarihine göre)" in text and STAMP not in text


# --- §5.8: the plugin options, through -f, and a bad edition date ---


def _mkdocs(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("EIMZA_IL", "EIMZA_DATA_ROOT", "EIMZA_EDITION")}
    full = {**clean, "NO_MKDOCS_2_WARNING": "1", "EIMZA_NO_SNAPSHOT": "1", **env}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", *args]
    return subprocess.run(cmd, cwd=cwd, env=full, capture_output=True, text=True)


def test_plugin_options_il_and_edition_through_f(tmp_path: Path) -> None:
    """A config of its own (-f) sets `il:` and `edition:`; no environment variable."""
    data = data_copy(tmp_path / "data", Decimal("900.00"), (("2024-03-14", "Seçenek baskısı."),))
    proj = tmp_path / "proj"
    proj.mkdir()
    for name in (
        "data",
        "docs",
        "docs_fragments",
        "overrides",
        "scripts",
        "node_modules",
        "pyproject.toml",
        "build",
    ):
        (proj / name).symlink_to(ROOT / name)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "\n  - eimza\n" in config
    config = config.replace("\n  - eimza\n", f"\n  - eimza:\n      il: {data}\n      edition: '2024-03-14'\n")
    (proj / "mkdocs.yml").write_text(config, "utf-8")
    proc = _mkdocs(["-f", str(proj / "mkdocs.yml"), "-d", str(tmp_path / "site")], proj)
    assert proc.returncode == 0, proc.stderr
    site = tmp_path / "site"
    family = text_of((site / "aile-hekimleri" / "index.html").read_text("utf-8"))
    assert money.format_tl(first_family_doctor_total(Decimal("900.00"))) in family
    assert f"{STAMP}: 14 Mart 2024" in family
    wheel = next((site / "assets" / "calculator").rglob("*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("eimza/data/il.toml") == (data / "il.toml").read_bytes()
        assert zf.read("eimza/data/kamusm.toml") == (data.parent.parent / "kamusm.toml").read_bytes()


@pytest.mark.parametrize(
    ("env", "option", "name"),
    [({"EIMZA_EDITION": "2024-13-01"}, None, "EIMZA_EDITION"), ({}, "2024-02-30", "edition")],
)
def test_invalid_edition_date_stops_the_build_in_turkish(
    tmp_path: Path, env: dict[str, str], option: str | None, name: str
) -> None:
    args = ["-d", str(tmp_path / "site")]
    cwd = ROOT
    raw = env.get("EIMZA_EDITION") or option
    if option is not None:
        proj = tmp_path / "proj"
        proj.mkdir()
        for item in (
            "data",
            "docs",
            "docs_fragments",
            "overrides",
            "scripts",
            "node_modules",
            "pyproject.toml",
        ):
            (proj / item).symlink_to(ROOT / item)
        config = (
            (ROOT / "mkdocs.yml")
            .read_text("utf-8")
            .replace("\n  - eimza\n", f"\n  - eimza:\n      edition: '{option}'\n")
        )
        (proj / "mkdocs.yml").write_text(config, "utf-8")
        args += ["-f", str(proj / "mkdocs.yml")]
        cwd = proj
    proc = _mkdocs(args, cwd, **env)
    assert proc.returncode != 0
    assert (
        f"E-İmza Rehberi: {name}='{raw}' geçerli bir tarih değil (YYYY-AA-GG, ör. 2026-01-20)." in proc.stderr
    )
    assert "Traceback" not in proc.stderr
