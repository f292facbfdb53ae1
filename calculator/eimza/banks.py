"""A Turkish IBAN's bank code (the 5 digits after "TR" and the check digits) and the bank it
belongs to: does the directorate's `bank` text name the IBAN's bank?

The table (code → names, the official name first) comes from SOURCE: the Banks Association of
Türkiye's list of banks with their EFT codes, as collected in the repository named there. The
common names beside the official ones ("Halkbank", "HALK BANKASI", "Garanti BBVA", …) are how
banks and directorates' pages write them. Participation banks (Kuveyt Türk, Ziraat Katılım, …)
are not in that list, so not here: an IBAN of theirs is reported as a code the table lacks,
never silently passed. Standard library only (runs in Pyodide)."""

from __future__ import annotations

import re
import unicodedata

SOURCE = (
    "Türkiye Bankalar Birliği'nin banka listesi (EFT kodları), https://www.tbb.org.tr; "
    "derlenmiş kopyası: https://github.com/emnsen/bankalar (bankalar.json)"
)

# code → (official name as the source writes it, the common name, other names); five digits as
# in the IBAN
BANKS: dict[str, tuple[str, ...]] = {
    "00004": ("İller Bankası A.Ş.", "İller Bankası", "İLBANK"),
    "00010": (
        "Türkiye Cumhuriyeti Ziraat Bankası A.Ş.",
        "Ziraat Bankası",
        "T.C. Ziraat Bankası A.Ş.",
        "Ziraat",
    ),
    "00012": ("Türkiye Halk Bankası A.Ş.", "Halkbank", "T. Halk Bankası A.Ş.", "Halk Bankası", "Halk Bank"),
    "00014": ("Türkiye Sınai Kalkınma Bankası A.Ş.", "TSKB"),
    "00015": (
        "Türkiye Vakıflar Bankası T.A.O.",
        "VakıfBank",
        "T. Vakıflar Bankası T.A.O.",
        "Vakıflar Bankası",
    ),
    "00016": ("Türk Eximbank", "Eximbank", "Türkiye İhracat Kredi Bankası A.Ş."),
    "00017": ("Türkiye Kalkınma Bankası A.Ş.", "Kalkınma Bankası"),
    "00029": ("Birleşik Fon Bankası A.Ş.", "Fonbank"),
    "00032": ("Türk Ekonomi Bankası A.Ş.", "TEB"),
    "00046": ("Akbank T.A.Ş.", "Akbank"),
    "00059": ("Şekerbank T.A.Ş.", "Şekerbank", "Şeker Bank"),
    "00062": ("Türkiye Garanti Bankası A.Ş.", "Garanti BBVA", "Garanti Bankası", "Garanti"),
    "00064": ("Türkiye İş Bankası A.Ş.", "İş Bankası", "T. İş Bankası A.Ş.", "İşbank"),
    "00067": ("Yapı ve Kredi Bankası A.Ş.", "Yapı Kredi", "Yapı Kredi Bankası"),
    "00091": ("Arap Türk Bankası A.Ş.", "A&T Bank"),
    "00092": ("Citibank A.Ş.", "Citibank"),
    "00096": ("Turkish Bank A.Ş.", "Turkish Bank"),
    "00099": ("ING Bank A.Ş.", "ING Bank", "ING"),
    "00100": ("Adabank A.Ş.", "Adabank"),
    "00103": ("Fibabanka A.Ş.", "Fibabanka"),
    "00108": ("Turkland Bank A.Ş.", "Turkland Bank"),
    # the source's "Finans Bank A.Ş."; its later names QNB Finansbank and QNB Bank (the name in
    # SGK's 2024 list of banks, bitlis.sgk.gov.tr "Banka Listesi" 26 Aralık 2024)
    "00111": ("Finans Bank A.Ş.", "QNB Bank", "QNB Bank A.Ş.", "QNB Finansbank", "Finansbank", "QNB"),
    "00115": ("Deutsche Bank A.Ş.", "Deutsche Bank"),
    "00123": ("HSBC Bank A.Ş.", "HSBC"),
    "00124": ("Alternatifbank A.Ş.", "Alternatifbank", "Alternatif Bank"),
    "00125": ("Burgan Bank A.Ş.", "Burgan Bank"),
    "00134": ("Denizbank A.Ş.", "Denizbank", "Deniz Bank"),
    "00135": ("Anadolubank A.Ş.", "Anadolubank"),
    "00146": ("Odea Bank A.Ş.", "Odeabank", "Odea Bank"),
}

# "Ziraat Katılım", "Vakıf Katılım": a participation bank of the same group, another bank
_PARTICIPATION = "katilim"
_FOLD = str.maketrans("çğıöşüâîû", "cgiosuaiu")


def fold(text: str) -> str:
    """Turkish-aware, case- and accent-insensitive words: 'TÜRKİYE HALK BANKASI A.Ş.' →
    'turkiye halk bankasi a s'; 'Işık' → 'isik'. Punctuation separates words."""
    # every letter ends up ASCII, so plain lower() is Turkish-safe here: "İ" → "i̇" → "i",
    # "I" → "i", "ı" → "i"
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[a-z0-9&]+", text))


def _variants(name: str) -> set[str]:
    """A name as words, and joined ('VakıfBank' ~ 'Vakıf Bank'); the legal form (A.Ş., T.A.O.)
    is not needed to name a bank."""
    words = fold(name).split()
    while words and words[-1] in ("a", "s", "t", "o"):  # A.Ş., T.A.Ş., T.A.O. at the end
        words.pop()
    out = {" ".join(words)} if words else set()
    if len(words) > 1 and words[-1] == "bank":
        out.add(" ".join([*words[:-2], words[-2] + "bank"]))
    if words and words[-1].endswith("bank") and len(words[-1]) > 4:
        out.add(" ".join([*words[:-1], words[-1][:-4], "bank"]))
    return out


_ALIASES: dict[str, set[str]] = {code: set().union(*map(_variants, names)) for code, names in BANKS.items()}


def code_of(iban: str) -> str:
    """The bank code of a normalized Turkish IBAN: 'TR640001200930400005000016' → '00012'."""
    return iban[4:9]


def banks_named(text: str) -> set[str]:
    """The codes of every bank the text names (a name inside a longer name of another bank,
    or followed by 'Katılım', does not count)."""
    words = fold(text).split()
    hits: list[tuple[int, int, str]] = []
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            a = alias.split()
            for i in range(len(words) - len(a) + 1):
                end = i + len(a)
                if words[i:end] == a and (end == len(words) or words[end] != _PARTICIPATION):
                    hits.append((i, end, code))
    named = set()
    for start, end, code in hits:
        covered = any(s <= start and end <= e and (e - s) > (end - start) and c != code for s, e, c in hits)
        if not covered:
            named.add(code)
    return named


def names_bank(text: str, code: str) -> bool:
    """Whether `text` names the bank with this code (and no other bank)."""
    return banks_named(text) == {code}


def _quoted(names: tuple[str, ...]) -> str:
    return ", ".join(f"“{n}”" for n in names)


def bank_code_problem(iban: str, bank: str) -> str | None:
    """None when the IBAN's bank code (`iban` normalized and mod-97 valid) belongs to the bank
    `bank` names; else one Turkish message: the code, the bank the table gives for it, what the
    text names instead, what to do, and where the table comes from."""
    code = code_of(iban)
    if code not in BANKS:
        return (
            f"IBAN'daki banka kodu {code}: bu banka kodu tabloda yok, bu yüzden IBAN'ın 'bank' "
            f"alanındaki “{bank}” bankasının olduğu denetlenemedi. IBAN'ı kaynaktan yeniden "
            "kopyalayın (rakamları tek tek karşılaştırın); IBAN doğruysa bu banka kodunun tabloya "
            "(calculator/eimza/banks.py) eklenmesi için geliştiricilere bildirin. Banka kodlarının "
            f"kaynağı: {SOURCE}."
        )
    named = banks_named(bank)
    if named == {code}:
        return None
    official = _quoted(tuple(BANKS[c][0] for c in sorted(named)))
    if code in named:
        what = f"“{bank}” birden çok bankanın adını taşıyor: {official}"
    elif named:
        what = f"“{bank}” başka bir bankayı gösteriyor: {official}"
    else:
        what = f"“{bank}” tablodaki bankalardan hiçbirinin adı olarak tanınmadı"
    return (
        f"IBAN ile banka adı uyuşmuyor: IBAN'daki banka kodu {code} şu bankanındır: "
        f"{_quoted(BANKS[code])}; oysa {what}. IBAN'ı ve banka adını kaynaktan yeniden "
        "karşılaştırın: ya IBAN ya banka adı yanlış yazılmış. IBAN doğruysa 'bank' alanına bu "
        f"bankanın adını yazın, ör. “{BANKS[code][1]}”. Banka kodlarının kaynağı: {SOURCE}."
    )
