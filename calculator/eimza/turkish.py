"""Turkish-aware casing and dates."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran",
    "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık",
)  # fmt: skip

TURKIYE = dt.timezone(dt.timedelta(hours=3), "TRT")


def today_tr() -> dt.date:
    """Today in Türkiye (UTC+03:00 all year since 2016)."""
    return dt.datetime.now(TURKIYE).date()


def upper(text: str) -> str:
    """'çiftçi' → 'ÇİFTÇİ', 'ışık' → 'IŞIK'."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def lower(text: str) -> str:
    """'IŞIK' → 'ışık', 'İLKER' → 'ilker'."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def title(text: str) -> str:
    """Each word (split on spaces, hyphens, apostrophes) capitalised the Turkish way."""
    out: list[str] = []
    start = True
    for ch in text:
        if ch in " -'’":
            out.append(ch)
            start = True
        elif start:
            out.append(upper(ch))
            start = False
        else:
            out.append(lower(ch))
    return "".join(out)


def date_long(d: dt.date) -> str:
    """4 Mart 2024"""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_short(d: dt.date) -> str:
    """04.03.2024"""
    return f"{d.day:02d}.{d.month:02d}.{d.year}"


# --- case suffixes (the template filters acc, dat, loc, abl, gen) ------------------------------
# Kept simple: vowel harmony, the buffer consonants, d/t after a voiceless consonant and the
# softening of p, ç, t, k. Numbers and abbreviations are suffixed as read aloud, after an
# apostrophe ("1.080,00 TL'yi", "Kamu SM'ye", "2024'te"); so is a single capitalised word (a
# proper name: "Tekirdağ'a", no softening). A phrase of several words whose last word ends in
# ı/i/u/ü after a consonant is taken as a possessive compound ("İl Sağlık Müdürlüğü" →
# "Müdürlüğüne", "… ücreti" → "… ücretini"); where that guess is wrong, write the suffix out.

_VOWELS = "aeıioöuü"
_VOICELESS = "fstkçşhp"
_SOFT = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}
_LETTER_NAMES = {
    "a": "a", "b": "be", "c": "ce", "ç": "çe", "d": "de", "e": "e", "f": "fe", "g": "ge",
    "ğ": "ge", "h": "he", "ı": "ı", "i": "i", "j": "je", "k": "ke", "l": "le", "m": "me",
    "n": "ne", "o": "o", "ö": "ö", "p": "pe", "q": "kü", "r": "re", "s": "se", "ş": "şe",
    "t": "te", "u": "u", "ü": "ü", "v": "ve", "w": "ve", "x": "iks", "y": "ye", "z": "ze",
}  # fmt: skip
_ONES = ("", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz")
_TENS = ("", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan")
SUFFIX_CASES = ("acc", "dat", "loc", "abl", "gen")


def _number_word(digits: str) -> str:
    """The last word said when reading the whole number (or a kuruş part) aloud (a word that
    only ends in digits, "No:20", is read by its digits)."""
    n = int("".join(ch for ch in digits if ch.isdigit()) or "0")
    if n == 0:
        return "sıfır"
    for unit, word in ((10**9, "milyar"), (10**6, "milyon"), (1000, "bin"), (100, "yüz")):
        if n % unit == 0:
            return word
    return _ONES[n % 10] or _TENS[(n // 10) % 10]


def _spoken(word: str) -> tuple[str, bool]:
    """(how the end of `word` sounds, whether the suffix takes an apostrophe)."""
    if word[-1].isdigit():
        whole, _, frac = word.replace(".", "").partition(",")
        return _number_word(frac if frac.strip("0") else whole), True
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) > 1 and word == upper(word) and len(letters) <= 5:  # an abbreviation
        low = lower("".join(letters))
        if any(ch in _VOWELS for ch in low) and low[-1] not in _VOWELS and low[-2] in _VOWELS:
            return low, True  # said as a word: NES → "nes"
        return _LETTER_NAMES.get(low[-1], low[-1]), True
    return lower(word), False


def suffix(text: str, case: str) -> str:
    """`text` with the case suffix: acc (-I), dat (-A), loc (-DA), abl (-DAn), gen (-In)."""
    if case not in SUFFIX_CASES:
        raise ValueError(case)
    stripped = text.rstrip()
    if not stripped:
        return text
    words = stripped.split()
    last = words[-1]
    sound, apostrophe = _spoken(last)
    if not apostrophe and len(words) == 1 and last[0] == upper(last[0]) and last != upper(last):
        apostrophe = True  # a proper name
    vowels = [ch for ch in sound if ch in _VOWELS]
    v = vowels[-1] if vowels else "e"
    a = "a" if v in "aıou" else "e"
    i = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[v]
    ends_vowel = sound[-1] in _VOWELS
    possessive = (
        not apostrophe
        and len(words) > 1
        and sound[-1] in "ıiuü"
        and len(sound) > 1
        and sound[-2] not in _VOWELS
    )
    hard = "t" if sound[-1] in _VOICELESS else "d"
    if ends_vowel:
        buffer_n = "n" if possessive else ""
        ending = {
            "acc": (buffer_n or "y") + i,
            "dat": (buffer_n or "y") + a,
            "loc": buffer_n + "d" + a,
            "abl": buffer_n + "d" + a + "n",
            "gen": "n" + i + "n",
        }[case]
    else:
        ending = {"acc": i, "dat": a, "loc": hard + a, "abl": hard + a + "n", "gen": i + "n"}[case]
    stem = stripped
    softens = len(vowels) > 1 or sound.endswith("nk")  # monosyllables keep theirs: top → topu
    if not apostrophe and ending[0] in _VOWELS and softens and sound[-1] in _SOFT:
        soft = "g" if sound.endswith("nk") else _SOFT[sound[-1]]
        if stem[-1] == upper(stem[-1]) and stem[-1].isalpha() and stem[-1] != lower(stem[-1]):
            soft = upper(soft)
        stem = stem[:-1] + soft
    if last == upper(last) and any(ch.isalpha() for ch in last) and not apostrophe:
        ending = upper(ending)
    return stem + ("'" if apostrophe else "") + ending + text[len(stripped) :]
