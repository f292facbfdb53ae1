"""Deceiving or malformed text in a data value (issue 25 item 5), refused with a Turkish message
that says what to write instead. Pure functions, standard library only (runs in Pyodide); the
validator adds the file, the line and the key.

Kinds of value (`KINDS`) and what each refuses beyond every kind's refusals:
- every kind: control characters (C0, DEL, C1; a line break only in `text`), bidi controls,
  zero-width and other invisible formatting characters (Unicode category Cf, the soft hyphen
  included), line/paragraph separators, private-use characters, a value not in NFC (a letter
  written as letter + combining mark), leading or trailing spaces, over `LIMITS[kind]` characters;
- `name`, `description`: every letter Latin (Turkish letters are Latin), digits only 0–9;
- `name`, `description`: also no combining mark (Turkish letters are single characters);
- `title`, `text`: no word (a run without spaces) mixing Latin and another script's letters
  ("е-imza" with a Cyrillic "е");
- `phone`: what a `tel:` link dials is what is shown: an optional leading "+", digits 0–9 in groups
  separated by single spaces, 3 to 15 digits ("444 5 576", "0 212 123 45 67"; no parentheses,
  hyphens, letters or extensions);
- `email`, `url`: ASCII only (an address with "ı" or Cyrillic "а" is another address)."""

from __future__ import annotations

import unicodedata

KINDS = ("name", "title", "text", "description", "phone", "email", "url")
LIMITS = {"name": 120, "title": 300, "text": 1000, "description": 100, "phone": 25, "email": 254, "url": 500}

# the invisible characters most often met, by their Turkish names (others: Unicode's name)
_NAMES = {
    "\u00ad": "yumuşak tire (soft hyphen)",
    "\u061c": "Arap harfi işareti",
    "\u200b": "sıfır genişlikli boşluk",
    "\u200c": "sıfır genişlikli birleştirmeyen",
    "\u200d": "sıfır genişlikli birleştiren",
    "\u200e": "soldan sağa işareti",
    "\u200f": "sağdan sola işareti",
    "\u202a": "soldan sağa gömme",
    "\u202b": "sağdan sola gömme",
    "\u202c": "yön biçimlendirmesini kaldır",
    "\u202d": "soldan sağa zorla",
    "\u202e": "sağdan sola zorla",
    "\u2060": "sözcük birleştirici",
    "\u2066": "soldan sağa yalıt",
    "\u2067": "sağdan sola yalıt",
    "\u2068": "ilk güçlü yalıt",
    "\u2069": "yön yalıtımını kaldır",
    "\ufeff": "bayt sırası işareti / sıfır genişlikli bölünmez boşluk",
    "\u2028": "satır ayırıcı",
    "\u2029": "paragraf ayırıcı",
}
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SCRIPTS = {"CYRILLIC": "Kiril", "GREEK": "Yunan", "ARMENIAN": "Ermeni", "ARABIC": "Arap", "HEBREW": "İbrani"}
_PHONE_SEPARATORS = "()-./"


def _code(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _described(ch: str) -> str:
    if ch in _NAMES:
        return f"{_code(ch)} “{_NAMES[ch]}”"
    return f"{_code(ch)} (Unicode adı: {unicodedata.name(ch, 'yok')})"


def _is_latin_letter(ch: str) -> bool:
    """Letters of the Latin blocks (Basic Latin, Latin-1, Extended-A/B, Extended Additional):
    Turkish ç ğ ı İ ö ş ü are in them. Fixed ranges, so every Python's answer is the same."""
    o = ord(ch)
    return ch.isascii() or 0xC0 <= o <= 0x24F or 0x1E00 <= o <= 0x1EFF


def _script(ch: str) -> str:
    first = unicodedata.name(ch, "").split(" ")[0]
    return _SCRIPTS.get(first, f"Latin olmayan ({first.lower() or _code(ch)})")


def _letter_named(ch: str) -> str:
    return f"“{ch}” ({_code(ch)}, {_script(ch)} harfi)"


def _invisible(field: str, value: str, kind: str) -> list[str]:
    out = []
    controls = [
        (i, ch)
        for i, ch in enumerate(value, 1)
        if unicodedata.category(ch) == "Cc" and not (ch == "\n" and kind == "text")
    ]
    if controls:
        i, ch = controls[0]
        what = "satır sonu" if ch in "\n\r" else "sekme" if ch == "\t" else "denetim karakteri"
        out.append(
            f"'{field}' içinde bir {what} var ({_code(ch)}, {i}. karakter"
            f"{f'; toplam {len(controls)}' if len(controls) > 1 else ''}): görünmez, sayfada ve "
            "bankada başka türlü görünebilir. Değeri tek satır olarak yeniden yazın; sekme ve satır "
            "sonu yerine boşluk bırakın."
        )
    hidden = [
        (i, ch) for i, ch in enumerate(value, 1) if unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Co", "Cs")
    ]
    if hidden:
        i, ch = hidden[0]
        bidi = any(c in _BIDI for _, c in hidden)
        why = (
            "bir yön denetim karakteridir: yazının yönünü değiştirir (ör. bir IBAN'ı ters gösterir)"
            if bidi
            else "görünmez ama metnin parçasıdır (kopyalanan IBAN, ad veya adres başka olur)"
        )
        out.append(
            f"'{field}' içinde görünmeyen bir biçimlendirme karakteri var: {_described(ch)}, "
            f"{i}. karakter{f', toplam {len(hidden)} tane' if len(hidden) > 1 else ''}. Bu karakter {why}. "
            "Değeri kaynaktan değil, klavyeden yeniden yazın ya da bu karakteri silin."
        )
    if not unicodedata.is_normalized("NFC", value):
        out.append(
            f"'{field}' içinde bir harf, harf ve ayrı bir işaret olarak yazılmış (ör. “ğ” yerine "
            "“g” + birleşen işaret): görünüşü aynı, metni farklıdır. Değeri klavyeden yeniden yazın."
        )
    return out


def _scripts(field: str, value: str, kind: str) -> list[str]:
    if kind in ("name", "description"):
        foreign = [ch for ch in value if ch.isalpha() and not _is_latin_letter(ch)]
        marks = [ch for ch in value if unicodedata.category(ch).startswith("M")]
        if not unicodedata.is_normalized("NFC", value):
            marks = []  # reported above: the letter is one character once written again
        digits = [ch for ch in value if ch.isdigit() and not ch.isascii()]
        out = []
        if foreign:
            out.append(
                f"'{field}' içinde Latin alfabesinden olmayan bir harf var: {_letter_named(foreign[0])}"
                f"{f', toplam {len(foreign)} harf' if len(foreign) > 1 else ''}. Benzer görünen harfler "
                "(Kiril “а”, Latin “a”) bir adı başka bir ad yapar. Değeri Türkçe klavyeyle yeniden yazın."
            )
        if marks:
            out.append(
                f"'{field}' içinde harfe eklenmiş bir işaret var: {_described(marks[0])}. Türkçe "
                "harfler tek karakterdir (ğ, ş, ı, İ …); değeri Türkçe klavyeyle yeniden yazın."
            )
        if digits:
            out.append(
                f"'{field}' içinde 0–9 dışında bir rakam var: “{digits[0]}” ({_code(digits[0])}). "
                "Rakamları klavyeyle yeniden yazın."
            )
        return out
    if kind in ("title", "text"):
        for word in value.split():
            letters = [ch for ch in word if ch.isalpha()]
            other = [ch for ch in letters if not _is_latin_letter(ch)]
            if other and len(other) < len(letters):
                return [
                    f"'{field}' içinde “{word}” sözcüğü iki alfabeden harf karıştırıyor: "
                    f"{_letter_named(other[0])} Latin harflerin arasında. Benzer görünen harfler "
                    "bir sözcüğü başka bir sözcük yapar. Sözcüğü Türkçe klavyeyle yeniden yazın."
                ]
    return []


def _phone(field: str, value: str) -> list[str]:
    groups = value[1:].split(" ") if value.startswith("+") else value.split(" ")
    digits = "".join(groups)
    if all(g.isascii() and g.isdigit() for g in groups) and 3 <= len(digits) <= 15:
        return []
    fix = " ".join("".join(" " if c in _PHONE_SEPARATORS else c for c in value).split())
    fixed_groups = fix[1:].split(" ") if fix.startswith("+") else fix.split(" ")
    if fix and all(g.isascii() and g.isdigit() for g in fixed_groups):
        hint = f" Şöyle yazın: “{fix}”."
    else:
        hint = " Dahili numara veya açıklama metne yazılır, telefon alanına yazılmaz."
    return [
        f"'{field}' bir telefon numarası değil: “{value}”. Telefon bağlantısı (tel:) gösterilen "
        "numarayı aynen arar; bu yüzden yalnızca rakamlar (0–9), rakam grupları arasında tek "
        "boşluk ve isterseniz baştaki “+” yazılır; 3 ile 15 arasında rakam olmalı (ör. “444 5 576”, "
        f"“0 212 123 45 67”). Parantez, tire, nokta ve harf yazılmaz.{hint}"
    ]


def problems(field: str, value: str, kind: str) -> list[str]:
    """Every deceiving or malformed thing in one text value, each a complete Turkish message
    naming `field` and saying what to write instead; [] when the value is fine."""
    if kind not in KINDS:
        raise ValueError(f"unknown text kind {kind!r}; one of {KINDS}")
    out = _invisible(field, value, kind)
    if value != value.strip():
        out.append(f"'{field}' boşlukla başlıyor veya bitiyor: baştaki ve sondaki boşlukları silin.")
    if len(value) > LIMITS[kind]:
        out.append(
            f"'{field}' çok uzun: {len(value)} karakter; en çok {LIMITS[kind]} karakter olabilir. "
            "Kısaltın (uzun bir alıntı yerine kaynağa bağlantı verin)."
        )
    if kind in ("email", "url"):
        foreign = [ch for ch in value if not ch.isascii() and unicodedata.category(ch)[0] not in "CZ"]
        if foreign:
            what = "e-posta adresinde" if kind == "email" else "bağlantıda"
            out.append(
                f"'{field}' {what} ASCII dışı bir karakter var: “{foreign[0]}” ({_code(foreign[0])}). "
                "Türkçe harfli veya benzer görünen harfli bir adres başka bir adrestir. Adresi "
                "ı→i, ğ→g, ü→u, ş→s, ö→o, ç→c karşılıklarıyla, kaynaktaki gibi yeniden yazın."
            )
    elif kind == "phone":
        if not out:  # an invisible character is reported once, above
            out.extend(_phone(field, value))
    else:
        out.extend(_scripts(field, value, kind))
    return out
