"""The procedure's templates: the Turkish case suffixes on real words (as a reader would write
them), the casing filters, the placeholders' names and the links their values bring."""

from __future__ import annotations

import pytest

from eimza import present, template, turkish
from engine_facts import fixture_data, fixture_il, fixture_national

# word → accusative, dative, locative, ablative, genitive, as written in Turkish
SUFFIXES = [
    (
        "1.080,00 TL",
        "1.080,00 TL'yi",
        "1.080,00 TL'ye",
        "1.080,00 TL'de",
        "1.080,00 TL'den",
        "1.080,00 TL'nin",
    ),
    ("Kamu SM", "Kamu SM'yi", "Kamu SM'ye", "Kamu SM'de", "Kamu SM'den", "Kamu SM'nin"),
    ("NES", "NES'i", "NES'e", "NES'te", "NES'ten", "NES'in"),
    ("KDV", "KDV'yi", "KDV'ye", "KDV'de", "KDV'den", "KDV'nin"),
    ("2024", "2024'ü", "2024'e", "2024'te", "2024'ten", "2024'ün"),
    ("2023", "2023'ü", "2023'e", "2023'te", "2023'ten", "2023'ün"),
    ("2020", "2020'yi", "2020'ye", "2020'de", "2020'den", "2020'nin"),
    ("100", "100'ü", "100'e", "100'de", "100'den", "100'ün"),
    ("Bina No:20", "Bina No:20'yi", "Bina No:20'ye", "Bina No:20'de", "Bina No:20'den", "Bina No:20'nin"),
    ("Tekirdağ", "Tekirdağ'ı", "Tekirdağ'a", "Tekirdağ'da", "Tekirdağ'dan", "Tekirdağ'ın"),
    ("Mersin", "Mersin'i", "Mersin'e", "Mersin'de", "Mersin'den", "Mersin'in"),
    ("Aksaray", "Aksaray'ı", "Aksaray'a", "Aksaray'da", "Aksaray'dan", "Aksaray'ın"),
    ("Halkbank", "Halkbank'ı", "Halkbank'a", "Halkbank'ta", "Halkbank'tan", "Halkbank'ın"),
    (
        "Mersin İl Sağlık Müdürlüğü",
        "Mersin İl Sağlık Müdürlüğünü",
        "Mersin İl Sağlık Müdürlüğüne",
        "Mersin İl Sağlık Müdürlüğünde",
        "Mersin İl Sağlık Müdürlüğünden",
        "Mersin İl Sağlık Müdürlüğünün",
    ),
    (
        "Bilgi İşlem Birimi",
        "Bilgi İşlem Birimini",
        "Bilgi İşlem Birimine",
        "Bilgi İşlem Biriminde",
        "Bilgi İşlem Biriminden",
        "Bilgi İşlem Biriminin",
    ),
    (
        "E-imza Kurum Yetkilisi",
        "E-imza Kurum Yetkilisini",
        "E-imza Kurum Yetkilisine",
        "E-imza Kurum Yetkilisinde",
        "E-imza Kurum Yetkilisinden",
        "E-imza Kurum Yetkilisinin",
    ),
    (
        "mini kart okuyucu ücreti",
        "mini kart okuyucu ücretini",
        "mini kart okuyucu ücretine",
        "mini kart okuyucu ücretinde",
        "mini kart okuyucu ücretinden",
        "mini kart okuyucu ücretinin",
    ),
    (
        "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜ",
        "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜNÜ",
        "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜNE",
        "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜNDE",
        "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜNDEN",
        "TEKİRDAĞ İL SAĞLIK MÜDÜRLÜĞÜNÜN",
    ),
    ("Bilgi İşlem", "Bilgi İşlemi", "Bilgi İşleme", "Bilgi İşlemde", "Bilgi İşlemden", "Bilgi İşlemin"),
    ("kitap", "kitabı", "kitaba", "kitapta", "kitaptan", "kitabın"),
    ("ağaç", "ağacı", "ağaca", "ağaçta", "ağaçtan", "ağacın"),
    ("renk", "rengi", "renge", "renkte", "renkten", "rengin"),
    ("top", "topu", "topa", "topta", "toptan", "topun"),
    ("kapı", "kapıyı", "kapıya", "kapıda", "kapıdan", "kapının"),
    ("okul", "okulu", "okula", "okulda", "okuldan", "okulun"),
    ("ev", "evi", "eve", "evde", "evden", "evin"),
    ("göz", "gözü", "göze", "gözde", "gözden", "gözün"),
]


@pytest.mark.parametrize("forms", SUFFIXES, ids=[f[0] for f in SUFFIXES])
def test_case_suffixes_on_real_words(forms: tuple[str, ...]) -> None:
    word, *expected = forms
    assert [turkish.suffix(word, case) for case in turkish.SUFFIX_CASES] == expected


def test_casing_filters_are_turkish() -> None:
    assert template.FILTERS["upper"]("ilker ışık") == "İLKER IŞIK"
    assert template.FILTERS["lower"]("İLKER IŞIK") == "ilker ışık"
    assert template.FILTERS["title"]("ayşe nur ışık-çiftçi") == "Ayşe Nur Işık-Çiftçi"


def test_parse_finds_placeholders_filters_and_stray_braces() -> None:
    found, balanced = template.parse("A {il.unit|dat} B {pay.total | acc|upper} C")
    assert found == [("il.unit", ("dat",)), ("pay.total", ("acc", "upper"))] and balanced
    assert template.parse("A {il.unit")[1] is False and template.parse("A } B")[1] is False


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("il.unit", True), ("il.emails", True), ("il.iban_grouped", True), ("il.unti", False),
        ("kamusm.portal", True), ("kamusm.sources", False), ("kamusm.menus.lost_apply", True),
        ("kamusm.menus.nothing", False), ("pay.total", True), ("pay.amount", False),
        ("date:2024-03-04", True), ("date:2024-02-30", False), ("date:4.3.2024", False),
        ("source:sinama-yazi", True), ("source:nothing", False), ("iban", False), ("", False),
    ],
)  # fmt: skip
def test_placeholder_names(name: str, known: bool) -> None:
    data = fixture_data()
    assert template.name_known(name, data.kamusm.menus, data.sources) is known


def test_fill_joins_lists_links_values_and_says_what_is_missing() -> None:
    data = fixture_data()
    facts = data.facts_on(data.facts_blocks[1].start)
    raw, kamusm = fixture_il()["facts"], fixture_national()["kamusm"]
    ctx = template.Context(
        facts, data.kamusm, data.sources, {"items": ("a ücreti", "b ücreti"), "total": "5,00 TL"}
    )
    text, links = template.fill(
        "{il.emails} {kamusm.phone} {kamusm.portal} {pay.items|acc} {pay.total|acc} {il.iban_grouped} "
        "{source:sinama-yazi} {date:2027-02-01} {kamusm.menus.lost_apply}",
        ctx,
    )
    emails = raw[0]["emails"]
    later = raw[1]["iban"]
    assert text.startswith(f"{emails[0]} veya {emails[1]} {kamusm['phone']} {kamusm['portal']} ")
    assert "a ücretini ve b ücretini 5,00 TL'yi" in text
    assert " ".join(later[i : i + 4] for i in range(0, 26, 4)) in text and "1 Şubat 2027" in text
    assert "sayılı yazı" in text and " > ".join(kamusm["menus"]["lost_apply"]) in text
    assert links == [
        *(f"mailto:{e}" for e in emails),
        "tel:" + kamusm["phone"].replace(" ", ""),
        kamusm["portal"],
    ]
    # a filtered address is no link (its text no longer shows the address)
    assert template.fill("{kamusm.portal|upper}", ctx)[1] == []
    without = template.Context(facts, data.kamusm, data.sources)
    assert template.missing("{pay.total} {il.unit} {il.address} {pay.items}", without) == [
        "pay.total", "il.address", "pay.items"
    ]  # fmt: skip
    with pytest.raises(template.Missing):
        template.fill("{il.address}", without)


def test_an_address_written_in_the_text_is_a_link() -> None:
    """As a placeholder's address is: where the text shows it, once, in order; a sentence's
    closing mark and a suffix after an apostrophe are not part of it."""
    data = fixture_data()
    ctx = template.Context(data.facts_on(data.facts_blocks[1].start), data.kamusm, data.sources)
    portal = data.kamusm.portal
    text, links = template.fill(
        "Bkz. https://ornek.gov.tr/a/b.html sayfası, {kamusm.portal} ve http://ornek.gov.tr/c?d=1. "
        "Yine https://ornek.gov.tr/a/b.html'deki konu (https://ornek.gov.tr/e).",
        ctx,
    )
    assert portal in text
    assert links == [
        "https://ornek.gov.tr/a/b.html", portal, "http://ornek.gov.tr/c?d=1", "https://ornek.gov.tr/e"
    ]  # fmt: skip
    html = present.linked({"text": text, "links": links})
    assert '<a href="https://ornek.gov.tr/a/b.html">https://ornek.gov.tr/a/b.html</a> sayfası' in html
    assert '<a href="http://ornek.gov.tr/c?d=1">http://ornek.gov.tr/c?d=1</a>. ' in html
