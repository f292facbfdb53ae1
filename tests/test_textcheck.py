"""The deceiving-text refusals (eimza.textcheck, issue 25 item 5): one case per refusal, its
message asserted (the field, the character, the fix), and the values that must pass."""

from __future__ import annotations

import pytest

from eimza.textcheck import KINDS, LIMITS, problems

TURKISH = "ÇĞIİÖŞÜ çğıiöşü"


def only(field: str, value: str, kind: str) -> str:
    found = problems(field, value, kind)
    assert len(found) == 1, found
    assert f"'{field}'" in found[0]  # every message names the field
    return found[0]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("name", f"ÖRNEK İL SAĞLIK MÜDÜRLÜĞÜ {TURKISH}"),
        ("name", "Türkiye Halk Bankası A.Ş. – Aksaray Şubesi"),
        ("title", "E-İmza Başvuruları Nasıl Yapılır?"),
        ("text", "Başvurudan sonra {pay.total|acc} yatırın; “{pay.description}” yazın."),
        ("text", "İki satırlık\nbir not."),  # a line break is allowed in a text only
        ("text", "π sayısı bir Yunan harfidir."),  # a whole word in another script is not mixed
        ("description", "AD-SOYAD-TC/ AÇIKLAMA = ÖRNEK BAŞVURU (İĞÜŞÖÇ)"),
        ("phone", "444 5 576"),
        ("phone", "0 212 123 45 67"),
        ("phone", "+90 212 123 45 67"),
        ("email", "birim.adi@saglik.gov.tr"),
        ("url", "https://portal.kamusm.gov.tr/bp/ws.go"),
    ],
)
def test_good_values_pass(kind: str, value: str) -> None:
    assert problems("alan", value, kind) == []


@pytest.mark.parametrize(("char", "code"), [("\x00", "U+0000"), ("\x1b", "U+001B"), ("\x7f", "U+007F")])
def test_c0_controls_and_del_are_refused(char: str, code: str) -> None:
    message = only("account_holder", f"ÇİFTÇİLİ{char} İL", "name")
    assert code in message and "denetim karakteri" in message and "9. karakter" in message


def test_c1_controls_are_refused() -> None:
    assert "U+0085" in only("unit", "Sağlık\x85Bilgi", "name")


def test_a_tab_is_refused_with_the_fix() -> None:
    message = only("unit", "Sağlık\tBilgi", "name")
    assert "sekme" in message and "boşluk" in message


def test_a_line_break_is_refused_outside_texts() -> None:
    assert "satır sonu" in only("bank", "Halk\nBankası", "name")
    assert "U+000D" in only("text", "Bir satır.\r\nİkinci satır.", "text")


@pytest.mark.parametrize(
    "char",
    [*"\u202a\u202b\u202c\u202d\u202e", *"\u2066\u2067\u2068\u2069", *"\u200e\u200f\u061c"],
)
def test_bidi_controls_are_refused(char: str) -> None:
    message = only("account_holder", f"ÖRNEK{char} İL", "name")
    assert f"U+{ord(char):04X}" in message and "yönünü" in message and "silin" in message


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_zero_width_and_formatting_characters_are_refused(char: str) -> None:
    message = only("text", f"Dekontu gön{char}derin.", "text")
    assert f"U+{ord(char):04X}" in message and "görünmez" in message and "12. karakter" in message


def test_a_count_is_given_when_there_are_several() -> None:
    assert "toplam 3" in only("title", "\u200bA\u200bB\u200b", "title")


@pytest.mark.parametrize(("char", "code"), [("\u2028", "U+2028"), ("\u2029", "U+2029"), ("\ue000", "U+E000")])
def test_separators_and_private_use_characters_are_refused(char: str, code: str) -> None:
    assert code in only("note", f"Not{char}metni", "text")


def test_a_decomposed_letter_is_refused() -> None:
    message = only("unit", "Sag\u0306lık Bilgi Sistemleri", "name")  # g + combining breve
    assert "birleşen işaret" in message and "yeniden yazın" in message


def test_a_combining_mark_is_refused_in_names() -> None:
    message = only("bank", "Halkbank\u20dd", "name")  # no letter composes with it
    assert "U+20DD" in message and "işaret" in message


@pytest.mark.parametrize(
    ("value", "letter", "script"),
    [("Halkbаnk", "U+0430", "Kiril"), ("ΗALKBANK", "U+0397", "Yunan"), ("НАLКВАNК", "U+041D", "Kiril")],
)
def test_names_are_latin_letters_only(value: str, letter: str, script: str) -> None:
    message = only("bank", value, "name")
    assert letter in message and f"{script} harfi" in message and "Türkçe klavyeyle" in message


def test_a_description_is_latin_letters_only() -> None:
    assert "U+0415" in only("description", "AD-SOYAD-TC- NЕS Ücreti", "description")


def test_names_take_digits_0_to_9_only() -> None:
    message = only("account_holder", "Sağlık Müdürlüğü ٣", "name")
    assert "U+0663" in message and "0–9" in message


@pytest.mark.parametrize("kind", ["text", "title"])
def test_a_word_mixing_scripts_is_refused_in_texts(kind: str) -> None:
    message = only("text", "Yeni bir е-imza alın.", kind)  # Cyrillic е
    assert "“е-imza”" in message and "U+0435" in message and "Kiril" in message


@pytest.mark.parametrize(
    ("value", "fix"),
    [
        ("0 (212) 123 45 67", "“0 212 123 45 67”"),
        ("444-5-576", "“444 5 576”"),
        ("444.5.576", "“444 5 576”"),
        ("444  5 576", "“444 5 576”"),
        ("+90 (212) 123 45 67", "“+90 212 123 45 67”"),
    ],
)
def test_a_phone_with_other_signs_is_refused_with_the_fix(value: str, fix: str) -> None:
    message = only("phone", value, "phone")
    assert "tel:" in message and f"“{value}”" in message and f"Şöyle yazın: {fix}" in message


@pytest.mark.parametrize(
    "value",
    ["444 5 576 Dahili 12", "Kamu SM", "12", "1234567890123456", "90+212 123", "４４４ ５ ５７６", "+"],
)
def test_what_is_no_phone_number_is_refused(value: str) -> None:
    message = only("phone", value, "phone")
    assert "bir telefon numarası değil" in message and "3 ile 15" in message


def test_a_phone_extension_is_said_to_belong_in_the_text() -> None:
    assert "Dahili numara" in only("phone", "444 5 576 Dahili 12", "phone")


@pytest.mark.parametrize(
    ("kind", "value", "char"),
    [
        ("email", "birim@saglık.gov.tr", "U+0131"),
        ("url", "https://portal.kamusm.gоv.tr/", "U+043E"),  # Cyrillic о
    ],
)
def test_addresses_are_ascii_only(kind: str, value: str, char: str) -> None:
    message = only("adres", value, kind)
    assert char in message and "ASCII" in message and "ı→i" in message


@pytest.mark.parametrize("kind", KINDS)
def test_length_limits(kind: str) -> None:
    limit = LIMITS[kind]
    fill = "1" if kind == "phone" else "a"
    if kind == "phone":  # the longest number, grouped, fits its limit
        assert len("+90 212 123 45 67 123") <= limit
    else:
        assert problems("f", fill * limit, kind) == []
    message = problems("f", fill * (limit + 1), kind)[0]
    assert f"{limit + 1} karakter" in message and f"en çok {limit}" in message


def test_the_limits_are_sensible() -> None:
    assert LIMITS["name"] == 120 and LIMITS["title"] == 300 and LIMITS["text"] == 1000
    assert LIMITS["url"] == 500


@pytest.mark.parametrize("value", [" Halkbank", "Halkbank ", "Halkbank\u00a0"])
def test_leading_or_trailing_spaces_are_refused(value: str) -> None:
    assert "baştaki ve sondaki boşlukları silin" in only("bank", value, "name")


def test_several_problems_come_at_once() -> None:
    found = problems("bank", " Halkbаnk\u202e", "name")
    assert len(found) == 3  # the bidi character, the space, the Cyrillic letter


def test_an_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown text kind"):
        problems("f", "x", "isim")
