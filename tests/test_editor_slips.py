"""The slips editors make in the data files (issue 15, item 5), one edit of the frozen fixture
files each: `make check` (here `eimza.cli.main(["check", "--il", FOLDER])`, what the target
runs) names the line and the fix in Turkish; a warning names both amounts and does not fail
the check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor_helpers import FIXTURE_DATA, FIXTURE_EDITIONS, FIXTURE_IL, IL, NEW_2026, add_2026_amounts
from eimza.cli import main

DATA = FIXTURE_DATA.read_text(encoding="utf-8")  # the national file
IL_TEXT = (FIXTURE_IL / "il.toml").read_text(encoding="utf-8")
EDITIONS = FIXTURE_EDITIONS.read_text(encoding="utf-8")
ITEM_2024 = 'nes-3y = { net = "650.00", quoted_gross = "780.00" }'


def line_of(text: str, needle: str) -> int:
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, (needle, hits)
    return hits[0]


def check(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data: str,
    editions: str = EDITIONS,
    today: str = "2026-12-01",
    il: str = IL_TEXT,
) -> tuple[int, str]:
    """`data`: the national file's text; `il`: the directorate's (a data root in tmp_path)."""
    folder = tmp_path / "iller" / IL
    folder.mkdir(parents=True, exist_ok=True)
    (tmp_path / "kamusm.toml").write_text(data, encoding="utf-8")
    (folder / "il.toml").write_text(il, encoding="utf-8")
    (folder / "baskilar.toml").write_text(editions, encoding="utf-8")
    code = main(["check", "--il", str(folder), "--today", today])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


def refused(code: int, out: str, line: int, *phrases: str) -> None:
    assert code == 1, out
    errors = [x for x in out.splitlines() if x.startswith("HATA")]
    assert any(f"(satır {line})" in x for x in errors), (line, out)
    for phrase in phrases:
        assert phrase in out, (phrase, out)
    assert "make check" in out  # the footer's command works on a fresh clone


# --- amounts ------------------------------------------------------------------------------------


def test_quoted_gross_is_required(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DATA.replace(ITEM_2024, 'nes-3y = { net = "650.00" }')
    code, out = check(tmp_path, capsys, text)
    refused(
        code,
        out,
        line_of(text, 'nes-3y = { net = "650.00" }'),
        "quoted_gross",
        "KDV dahil",
        'quoted_gross = "780.00"',
    )


def test_gross_typed_as_net(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DATA.replace(ITEM_2024, 'nes-3y = { net = "780.00", quoted_gross = "780.00" }')
    code, out = check(tmp_path, capsys, text)
    refused(code, out, line_of(text, 'net = "780.00", quoted_gross'), "uyuşmuyor", "936,00 TL", "net tutarı")


def test_more_than_seven_digits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DATA.replace(ITEM_2024, 'nes-3y = { net = "65000000.00", quoted_gross = "78000000.00" }')
    code, out = check(tmp_path, capsys, text)
    refused(code, out, line_of(text, '"65000000.00"'), "7 basamaktan fazla", "kaynaktan yeniden kopyalayın")


def test_thousands_separator(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DATA.replace(ITEM_2024, 'nes-3y = { net = "1.080", quoted_gross = "780.00" }')
    code, out = check(tmp_path, capsys, text)
    refused(code, out, line_of(text, '"1.080"'), "binlik ayırıcı", '"1080.00" yazın')


@pytest.mark.parametrize(("net", "gross"), [("3000.00", "3600.00"), ("200.00", "240.00")])
def test_implausible_change_is_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], net: str, gross: str
) -> None:
    text = add_2026_amounts(DATA).replace(
        f'nes-3y = {{ net = "{NEW_2026["nes-3y"][0]}", quoted_gross = "{NEW_2026["nes-3y"][1]}" }}',
        f'nes-3y = {{ net = "{net}", quoted_gross = "{gross}" }}',
    )
    code, out = check(tmp_path, capsys, text)
    assert code == 0, out  # a warning: a real large change can be published
    (warning,) = [x for x in out.splitlines() if x.startswith("UYARI")]
    number = line_of(text, f'net = "{net}"')
    assert f"(satır {number})" in warning
    shown = f"{int(net.split('.')[0]):,}".replace(",", ".") + ",00 TL"
    assert shown in warning and "650,00 TL" in warning and "3 kattan fazla" in warning
    assert "Kaynaktaki tutarla karşılaştırın" in warning


# --- dates -------------------------------------------------------------------------------------


def test_turkish_date_unquoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DATA.replace("verified = 2024-03-12", "verified = 12.03.2024")
    code, out = check(tmp_path, capsys, text)
    refused(code, out, line_of(text, "verified = 12.03.2024"), "12.03.2024 yerine 2024-03-12 yazın")


def test_turkish_date_quoted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DATA.replace("from = 2025-01-01", 'from = "01.01.2025"')
    code, out = check(tmp_path, capsys, text)
    refused(code, out, line_of(text, 'from = "01.01.2025"'), "01.01.2025 yerine 2025-01-01 yazın")


def test_turkish_date_in_the_editions_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    editions = EDITIONS.replace("date = 2024-03-04", "date = 04.03.2024")
    code, out = check(tmp_path, capsys, DATA, editions)
    refused(code, out, line_of(editions, "date = 04.03.2024"), "04.03.2024 yerine 2024-03-04 yazın")


def test_verified_in_the_future(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = add_2026_amounts(DATA)
    code, out = check(tmp_path, capsys, text, today="2026-01-10")
    refused(
        code,
        out,
        line_of(text, "verified = 2026-01-20"),
        "bugünden (10 Ocak 2026) sonra olamaz",
        "gördüğünüz günü",
    )


# --- the file itself ----------------------------------------------------------------------------


def test_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(tmp_path, capsys, "\ufeff" + DATA, "\ufeff" + EDITIONS)
    assert code == 0 and "Tamam:" in out, out


def test_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = check(tmp_path, capsys, "\n")
    refused(code, out, 1, "Dosya boş", f"git checkout -- {tmp_path / 'kamusm.toml'}")


def test_misspelt_table_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start = DATA.index("[[tariff]]\nfrom = 2025-01-01")
    text = DATA[:start] + "[[tarif]]" + DATA[start + len("[[tariff]]") :]
    code, out = check(tmp_path, capsys, text)
    refused(
        code, out, line_of(text, "[[tarif]]"), "Bilinmeyen anahtar 'tarif'", "'tariff' mı demek istediniz"
    )


def test_a_source_written_instead_of_its_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    m = re.search(r'^sources = \["mersin[^"]*"\]$', DATA, re.M)
    assert m
    text = DATA.replace(m.group(0), 'sources = ["Mersin İl Sağlık Müdürlüğü sitesi"]')
    code, out = check(tmp_path, capsys, text)
    refused(
        code,
        out,
        line_of(text, "Mersin İl Sağlık Müdürlüğü sitesi"),
        "Bilinmeyen kaynak kimliği",
        "[[source]]",
    )


# --- text and links -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        (
            'account_holder = "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ"',
            'account_holder = "[TEKİRDAĞ](javascript:alert(1))"',
            "']('",
        ),
        ('bank = "Halkbank"', 'bank = "<b>Halkbank</b>"', "'<'"),
        ('note = "2025 tutarları', 'note = "2025 > 2024 tutarları', "'>'"),
    ],
)
def test_markup_in_text_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, found: str
) -> None:
    national, il = DATA.replace(old, new, 1), IL_TEXT.replace(old, new, 1)
    assert (national, il) != (DATA, IL_TEXT)
    code, out = check(tmp_path, capsys, national, il=il)
    edited = national if national != DATA else il
    refused(code, out, line_of(edited, new), f"{found} yazılmaz", "düz metin")


def test_markup_in_an_edition_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    editions = (
        EDITIONS.rstrip("\n")
        + '\n\n[[edition]]\ndate = 2026-02-01\nnote = "[Tıklayın](https://ornek.gov.tr)"\n'
    )
    code, out = check(tmp_path, capsys, DATA, editions)
    refused(code, out, line_of(editions, "[Tıklayın]"), "'](' yazılmaz")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://portal.kamusm.gov.tr/",
        "https://portal.kamusm.gov.tr/başvuru",
        "https://portal.kamusm.gov.tr/a b",
    ],
)
def test_urls_are_http_and_rfc3986(tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str) -> None:
    text = DATA.replace('portal = "https://portal.kamusm.gov.tr/bp/ws.go"', f'portal = "{url}"')
    assert text != DATA
    code, out = check(tmp_path, capsys, text)
    refused(code, out, line_of(text, f'portal = "{url}"'), "https:// ile başlamalı")
