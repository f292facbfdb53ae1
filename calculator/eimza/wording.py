"""The reader's words: what the engine says on a page and in the calculator (labels of the
engine's own vocabulary, tariff warnings, the unknown-amount message, the one-line summaries,
the errors for a bad case). Small enough to review alone; it ships to the browser.

The procedure's sentences (steps, notes, payment texts) are not here: they are data
(data/iller/<il>/il.toml). The editors' data-check messages are in `wording_editor`, the
site's words about its edition in `wording_site`. Amounts and links are passed in, never
written here."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Sequence

from .turkish import date_long, suffix

# loss/theft and reader-only orders: the same rule for every health worker
EVERYONE = "Tüm sağlık çalışanları"
CONFIDENCE = {
    "high": "yüksek",
    "medium-high": "orta-yüksek",
    "medium": "orta",
    "low-medium": "düşük-orta",
    "low": "düşük",
    "unknown": "bilinmiyor",
}


def join_or(values: Sequence[str]) -> str:
    """'a', 'a veya b', 'a, b veya c'."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} veya {values[-1]}"


MENU_SEPARATOR = " > "


def period_label(start: dt.date, end: dt.date | None) -> str:
    if end is None:
        return f"{date_long(start)} tarihinden itibaren"
    return f"{date_long(start)} – {date_long(end)}"


def citation(issuer: str, title: str | None, day: str | None, number: str | None, url: str | None) -> str:
    """A source as a sentence names it: an official letter by issuer, date and number (a
    numbered document with a title: that title, quoted); a document by issuer, date and
    title; a web page by issuer, title and address."""
    if number and day:
        what = f"“{title}”" if title else "yazı"
        return f"{issuer}, {day} tarihli ve {number} sayılı {what}"
    parts = [issuer]
    if day:
        parts.append(f"{day} tarihli")
    if title:
        parts.append(f"“{title}”")
    if number:
        parts.append(f"({number})")
    text = " ".join(parts) if day else ", ".join(parts)
    return f"{text} ({url})" if url else text


# --- the answer ----------------------------------------------------------------------------

PAY_AFTER_APPLYING = "Ödeme başvurudan sonra yapılır; adımlar aşağıdadır."
UNPRICED_TOTAL = "Toplam: bu sitede henüz yok; ödemeden önce öğrenin."
KAMUSM_DEBT = "Ödenecek kesin tutar, Kamu SM'nin adınıza çıkardığı borç tutarıdır."
DESCRIPTION_TEMPLATE = (
    "Açıklamayı kendi adınız, SOYADINIZ ve T.C. Kimlik Numaranızla doldurun; hesaplayıcıya "
    "girerseniz sizin için yazılır."
)
# a description the directorate gives as an instruction, not a pattern: shown as it is
DESCRIPTION_INSTRUCTION = (
    "Müdürlük açıklama için hazır bir kalıp değil, bir yönerge veriyor: açıklamayı bu yönergeye "
    "göre kendiniz yazın. Hesaplayıcı bu açıklamayı sizin bilgilerinizle dolduramaz."
)


def the_unit(unit: str | None, name: str) -> str:
    """Whom a reader asks: "Sağlık Bilgi Sistemleri birimi", else the directorate's name."""
    return f"{unit} birimi" if unit else name


def ask_the_unit(whom: str, emails: Sequence[str]) -> str:
    """After an unknown procedure's text: whom to ask (`the_unit`), with its e-mails if any."""
    ask = f"Bu durumda izlenecek yolu {suffix(whom, 'abl')} öğrenin"
    return f"{ask}: {join_or(emails)}." if emails else f"{ask}."


def unverified(verified: dt.date, url: str) -> str:
    return (
        f"Bu tutarlar en son {date_long(verified)} tarihinde doğrulandı; o tarihten bu yana "
        f"değişmiş olabilir. Ödemeden önce Kamu SM ücret tarifesine bakın: {url}"
    )


def start_assumed(start: dt.date, verified: dt.date) -> str:
    return (
        f"Bu tarife döneminin başlangıç tarihi ({date_long(start)}) kesin değildir; tutarlar "
        f"{date_long(verified)} tarihli kaynakta görülmüştür."
    )


def low_confidence(label: str) -> str:
    return f"Bu tutarların kaynağının güvenilirliği {label}: ödemeden önce tutarı doğrulayın."


# --- the calculator's one-line announcement of each new answer (screen readers) -----------


def summary_total(title: str, total: str) -> str:
    return f"{title}: toplam {total}."


def summary_no_payment(title: str) -> str:
    """A case whose payment rule asks nothing of the reader (the rule's text says why): the
    directorate's announcement asks no payment, no more (issue 24: claims.md #3)."""
    return f"{title}: duyuruda sizden ödeme istenmiyor."


def summary_unpriced(title: str) -> str:
    return f"{title}: tutar bu sitede henüz yok; ödemeden önce öğrenin."


def summary_payment_unknown(title: str) -> str:
    return f"{title}: ödeme bilgisi bu sitede yok."


def summary_unknown(title: str) -> str:
    return f"{title}: izlenecek yol bu sitede yok."


def summary_error(message: str) -> str:
    first = message.split(". ")[0].rstrip(".")
    return f"Hesaplanamadı: {first}."


# --- errors for a bad case -----------------------------------------------------------------

TYPED_MAX = 40  # characters of a refused input echoed in its message
NAME_MAX = 60  # longest name or surname the engine accepts (the form's maxlength too)


def typed(value: object) -> str:
    """What the reader typed, quoted as typed (not a Python repr): at most TYPED_MAX
    characters, control and other invisible characters shown as �."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    cut = len(text) > TYPED_MAX
    text = "".join("�" if unicodedata.category(ch)[0] == "C" else ch for ch in text[:TYPED_MAX])
    return f"“{text}{'…' if cut else ''}”"


AMOUNT_TOO_LARGE = (
    "Bir tutar hesaplayıcının işleyebileceğinden büyük (en çok 999.999.999.999,99 TL); "
    "veri dosyasındaki tutarları denetleyin."
)


def _choices(pairs: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{k} ({v})" for k, v in pairs)


def bad_situation(value: object, known: Sequence[tuple[str, str]]) -> str:
    return f"Bilinmeyen başvuru türü: {typed(value)}. Geçerli olanlar: {_choices(known)}."


def bad_role(value: object, known: Sequence[tuple[str, str]]) -> str:
    return f"Bilinmeyen görev: {typed(value)}. Geçerli olanlar: {_choices(known)}."


def bad_date(value: object) -> str:
    return f"Tarih YYYY-AA-GG biçiminde geçerli bir tarih olmalı (ör. 2024-03-12): {typed(value)}."


def option_not_applicable(name: str, applies_to: str, chosen: str) -> str:
    return f"{name} seçeneği yalnızca {applies_to} için geçerlidir; seçilen başvuru türü: {chosen}."


def bad_option_value(option: str, value: object) -> str:
    return f"{option} seçeneği evet/hayır (true/false) olmalı: {typed(value)}."


def unknown_case_key(key: str) -> str:
    return f"Bilinmeyen alan: {typed(key)}."


CASE_NOT_OBJECT = "Hesaplayıcıya gönderilen veri bir alan/değer tablosu (JSON nesnesi) olmalı."
CASE_UNREADABLE = "Hesaplayıcıya gönderilen veri okunamadı."
INTERNAL_ERROR = "Beklenmeyen bir hata oluştu; lütfen sayfayı yenileyip yeniden deneyin."
IDENTITY_INCOMPLETE = "Ödeme açıklaması için Ad, Soyad ve T.C. Kimlik No birlikte girilmelidir."


def bad_name(field: str, value: str) -> str:
    return (
        f"{field} yalnızca harf, boşluk, kesme işareti ve kısa çizgi içerebilir "
        f"(en çok {NAME_MAX} karakter): {typed(value)}."
    )


def bad_tckn(value: str) -> str:
    return (
        "T.C. Kimlik No geçersiz: 11 haneli olmalı, 0 ile başlamamalı ve kontrol haneleri "
        f"tutmalı ({typed(value)})."
    )


# --- the fee is not on the site ------------------------------------------------------------

DO_NOT_PAY_OLD = "Eski tutarları yatırmayın."
TARIFF_PAGE_NAME = "Kamu SM'nin ücret tarifesi sayfası"


def fees_unknown(day: dt.date, whole_year: bool) -> str:
    """The head of the unknown-amount message: the year's (or this date's) fee is not here.
    It never names the day itself: the date is beside it (the calculator's date field, the
    page's edition label), and one text over a date interval can be shown instantly."""
    if whole_year:
        return f"{day.year} yılının e-imza ücretleri bu sitede henüz yok."
    return "Bu tarihte geçerli e-imza ücretleri bu sitede henüz yok."


def item_unknown_head(item_in_sentence: str) -> str:
    return f"Bu tarihte geçerli {item_in_sentence} bu sitede henüz yok."


def before_first_head(first: dt.date) -> str:
    """Before the data's first period: where the site's fees start (day-free, see above)."""
    return f"Bu sitede {date_long(first)} tarihinden önceki e-imza ücretleri yok."


def how_to_learn_the_fee(head: str, tariff_url: str, phone: str, whom: str, emails: Sequence[str]) -> str:
    """The unknown-amount message: what is missing, the ways to learn the fee, and not to
    pay an old amount. `whom`: `the_unit`."""
    ask = f"{whom} ({join_or(emails)})" if emails else whom
    return (
        f"{head} Ödemeden önce tutarı öğrenin: {TARIFF_PAGE_NAME} ({tariff_url}), "
        f"Kamu SM çağrı merkezi ({phone}) veya {ask}. {DO_NOT_PAY_OLD}"
    )


def tariff_before_first(first: dt.date, url: str) -> str:
    return f"{before_first_head(first)} {TARIFF_PAGE_NAME}: {url}"


def vat_unknown(first: dt.date) -> str:
    return f"Bu sitede {date_long(first)} tarihinden önceki KDV oranı yok."


# --- an answer's date (eimza.dated): the date in words, and an answer for another day -----
# `day`, `today`: dates already in words (date_long), or the page's placeholders for them

DATE_LABEL = "Ödeme tarihi"  # the form's field has the same label
TODAY_MARK = "(bugün)"
SHOW_TODAY = "Bugünün yanıtını göster"


def not_today(day: str) -> str:
    """The first thing an answer for another day than today says."""
    return f"Bu yanıt bugün için değil: {day} tarihi içindir."


def today_is(today: str) -> str:
    """Before what holds today (`holds_total`, the unknown-amount message's head, …)."""
    return f"Bugün ({today}):"


def holds_total(total: str) -> str:
    """What holds today when its amounts are known: its total, as its answer says it."""
    return f"Toplam {total}."


def link_date(day: str) -> str:
    """A shared link's date that is not today: the page opens on today (ARCHITECTURE.md)."""
    return f"Bu bağlantı {day} tarihi için paylaşılmış; aşağıdaki yanıt bugünün tarihine göredir."


def show_link_date(day: str) -> str:
    return f"{day} tarihinin yanıtını göster"
