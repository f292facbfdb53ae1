"""One Turkish-aware slug for every anchor of the site: headings (mkdocs.yml's toc
`slugify`) and the ids of the engine's answers on the pages.

"Kayıp veya çalıntı" → "kayip-veya-calinti", "İlk başvuru" → "ilk-basvuru": the Turkish
letters become their ASCII base letters (ı→i, İ→i, ğ→g, ş→s, ç→c, ö→o, ü→u) before anything
else, so no letter is dropped; then any other accent is removed and every run of other
characters becomes one hyphen."""

from __future__ import annotations

import re
import unicodedata

TURKISH = str.maketrans({"ı": "i", "İ": "i", "ğ": "g", "Ğ": "g", "ş": "s", "Ş": "s",
                         "ç": "c", "Ç": "c", "ö": "o", "Ö": "o", "ü": "u", "Ü": "u"})  # fmt: skip


def fold(text: str) -> str:
    """Lower-case ASCII letters for Turkish text: 'Kartım çalındı' → 'kartim calindi'."""
    text = text.translate(TURKISH)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def slugify(value: str, separator: str = "-") -> str:
    """The anchor of a heading or an answer: ASCII letters, digits and `separator`."""
    ascii_text = fold(value).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", separator, ascii_text).strip(separator)


def toc_slugify(value: str, separator: str) -> str:
    """The signature Python-Markdown's toc extension calls (mkdocs.yml: `slugify`)."""
    return slugify(value, separator)
