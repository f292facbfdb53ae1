"""The IBAN bank-code check (eimza.banks): a directorate's `bank` text against the bank its IBAN's
code belongs to, Turkish-aware; an unknown code is reported, never passed. IBANs here are made up
from a bank code (check digits computed below, independently of the engine)."""

from __future__ import annotations

import pytest

from eimza import banks


def iban_for(code: str, account: str = "0" + "1234567890123456") -> str:
    """A valid Turkish IBAN with this 5-digit bank code (ISO 7064 MOD 97-10)."""
    bban = code + account
    number = int(bban + "2927" + "00")  # T=29, R=27, check digits 00
    return f"TR{98 - number % 97:02d}{bban}"


def test_made_up_ibans_are_valid() -> None:
    from eimza.checks import is_valid_iban

    assert is_valid_iban(iban_for("00012"))
    assert banks.code_of(iban_for("00064")) == "00064"


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("00012", "TÜRKİYE HALK BANKASI A.Ş. – AKSARAY ŞUBESİ"),
        ("00012", "Türkiye Halk Bankası A.Ş."),
        ("00012", "HALK BANKASI"),
        ("00012", "Halkbank"),
        ("00012", "HALKBANK"),
        ("00012", "Halk Bankası Köprübaşı Şubesi"),
        ("00012", "turkiye halk bankasi"),
        ("00010", "T.C.ZİRAAT BANKASI"),
        ("00010", "ZİRAAT BANKASI STAD ŞUBESİ-ADANA"),
        ("00015", "VAKIFBANK"),
        ("00015", "Türkiye Vakıflar Bankası T.A.O."),
        ("00064", "İŞ BANKASI"),
        ("00064", "Turkiye Is Bankasi"),
        ("00062", "Garanti BBVA"),
        ("00067", "YAPI KREDİ"),
        ("00046", "Akbank T.A.Ş."),
        ("00111", "QNB Bank A.Ş."),
    ],
)
def test_the_banks_own_names_pass(code: str, text: str) -> None:
    assert banks.bank_code_problem(iban_for(code), text) is None


def test_every_name_in_the_table_names_its_own_bank_only() -> None:
    for code, names in banks.BANKS.items():
        assert len(code) == 5 and code.isdigit(), code
        assert len(names) >= 2, code  # the official name and the common one
        for name in names:
            assert banks.banks_named(name) == {code}, (code, name)


def test_the_table_has_the_banks_directorates_use() -> None:
    for code in ("00010", "00012", "00015", "00046", "00062", "00064", "00067"):
        assert code in banks.BANKS


def test_another_banks_name_is_refused_with_both_banks_and_the_source() -> None:
    message = banks.bank_code_problem(iban_for("00012"), "Ziraat Bankası")
    assert message is not None
    assert "00012" in message
    assert "Türkiye Halk Bankası A.Ş." in message  # what the code belongs to
    assert "Türkiye Cumhuriyeti Ziraat Bankası A.Ş." in message  # what the text names
    assert "“Halkbank”" in message  # what to write
    assert "tbb.org.tr" in message and banks.SOURCE in message


def test_an_unknown_code_is_a_problem_that_names_the_code() -> None:
    message = banks.bank_code_problem(iban_for("00205"), "Kuveyt Türk Katılım Bankası A.Ş.")
    assert message is not None
    assert "00205" in message and "bu banka kodu tabloda yok" in message
    assert "calculator/eimza/banks.py" in message  # how it gets added
    assert banks.SOURCE in message


def test_a_name_the_table_does_not_know_is_a_problem() -> None:
    message = banks.bank_code_problem(iban_for("00012"), "Merkez Şube")
    assert message is not None
    assert "00012" in message and "“Merkez Şube”" in message and "tanınmadı" in message


def test_a_participation_bank_of_the_same_group_is_another_bank() -> None:
    assert banks.bank_code_problem(iban_for("00010"), "Ziraat Katılım Bankası A.Ş.") is not None
    assert banks.bank_code_problem(iban_for("00015"), "Vakıf Katılım Bankası A.Ş.") is not None


def test_a_name_inside_another_banks_longer_name_does_not_count() -> None:
    # "Kalkınma Bankası" (00017) is inside "Türkiye Sınai Kalkınma Bankası" (00014)
    assert banks.bank_code_problem(iban_for("00014"), "Türkiye Sınai Kalkınma Bankası A.Ş.") is None
    message = banks.bank_code_problem(iban_for("00017"), "Türkiye Sınai Kalkınma Bankası A.Ş.")
    assert message is not None and "Türkiye Sınai Kalkınma Bankası A.Ş." in message


def test_two_banks_in_one_text_are_refused() -> None:
    message = banks.bank_code_problem(iban_for("00012"), "Halkbank veya Ziraat Bankası")
    assert message is not None and "birden çok" in message


def test_fold_is_turkish_aware() -> None:
    assert banks.fold("TÜRKİYE İŞ BANKASI A.Ş.") == banks.fold("türkiye iş bankası a.ş.")
    assert banks.fold("IŞIK") == banks.fold("ışık") == "isik"
    assert banks.fold("Société Générale") == "societe generale"
