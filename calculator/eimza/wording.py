"""Every Turkish sentence the engine says: labels, steps, warnings, errors.

Rules (rules.py) decide *what* applies; this module says it. Amounts and links are passed
in from the data, never written here."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from decimal import Decimal
from typing import Any

from .money import format_rate, format_tl
from .turkish import date_long

SITUATIONS = {
    "first": "İlk başvuru",
    "renewal": "Yenileme",
    "expired": "Süresi dolmuş",
    "lost": "Kayıp veya çalıntı",
    "reader-only": "Yalnızca kart okuyucu",
}
ROLES = {"family-doctor": "Aile hekimi", "staff": "Diğer sağlık çalışanı"}
# who a case's answer is for, as a heading names them (pages and calculator)
ROLES_PLURAL = {"family-doctor": "Aile hekimleri", "staff": "Diğer sağlık çalışanları"}
# loss/theft and reader-only orders: the same rule for every health worker (source page)
EVERYONE = "Tüm sağlık çalışanları"
CHANNELS = {
    "wet-signed": "Islak imzalı başvuru (çıktı alınır, imzalanır, gönderilir)",
    "electronic": "E-imzalı veya e-onaylı başvuru (çıktı gerekmez)",
    "online": "Kamu SM üzerinden çevrim içi başvuru",
}
ITEMS = {
    "nes-3y": "3 yıllık Nitelikli Elektronik Sertifika (NES) ücreti",
    "mini-reader": "Mini kart okuyucu ücreti",
    "nes-1y": "1 yıllık NES ücreti",
    "nes-2y": "2 yıllık NES ücreti",
    "desktop-reader": "Masaüstü kart okuyucu ücreti",
}
# the same labels inside a sentence (after "ve", in parentheses): acronyms keep their case
ITEMS_IN_SENTENCE = {
    "nes-3y": "3 yıllık Nitelikli Elektronik Sertifika (NES) ücreti",
    "mini-reader": "mini kart okuyucu ücreti",
    "nes-1y": "1 yıllık NES ücreti",
    "nes-2y": "2 yıllık NES ücreti",
    "desktop-reader": "masaüstü kart okuyucu ücreti",
}
CONFIDENCE = {
    "high": "yüksek",
    "medium-high": "orta-yüksek",
    "medium": "orta",
    "low-medium": "düşük-orta",
    "low": "düşük",
    "unknown": "bilinmiyor",
}
KAMUSM_NAME = "Kamu SM"  # the directorate's own name comes from the data file
LOST_MENU = "NES İŞLEMLERİ > BİREYSEL İŞLEMLER > BAŞVURU İŞLEMLERİ > KİŞİ ÖDEMELİ BAŞVURU"
# the source page's sentence, with the genitive it lacks ("hiçbir aile hekiminin … başvurusu")
RECEIPT_WARNING = "Dekontu gönderilmeyen hiçbir aile hekiminin e-imza başvurusu onaylanmayacaktır."


def period_label(start: dt.date, end: dt.date | None) -> str:
    if end is None:
        return f"{date_long(start)} tarihinden itibaren"
    return f"{date_long(start)} – {date_long(end)}"


# --- steps ---------------------------------------------------------------------------------


def step_portal(portal: str, years: int) -> str:
    return (
        f"{portal} adresinden Kamu SM başvuru portalına giriş yapın ve başvuru formunda "
        f"istenen bilgileri doldurun. Sertifika {years} yıllık olarak verilir."
    )


def step_print_wet(directorate: str, unit: str) -> str:
    return (
        "Başvuru formunun çıktısını alın ve ıslak imzalayın; ıslak imzalı formu "
        f"{directorate} {unit} birimine gönderin."
    )


STEP_ELECTRONIC = (
    "Başvuruyu mevcut e-imzanızla (e-imzalı) veya e-onay ile tamamlayın. E-imzalı/e-onaylı "
    "başvurularda çıktı alınmadığı için e-imza temin süreci kısalır."
)


def step_pay_directorate(total: str, items: str, bank: str, holder: str, iban: str, description: str) -> str:
    return (
        f"Başvurudan sonra toplam {total}'yi ({items}) {holder} adına açılmış {bank} hesabına "
        f"(IBAN: {iban}) yatırın. Açıklama kısmına \u201c{description}\u201d yazın."
    )


def _as_object(items: str) -> str:
    """'… ücreti ve … ücreti' as the object of 'yatırın': '… ücretini ve … ücretini'."""
    return re.sub(r"ücreti\b", "ücretini", items)


def step_pay_directorate_unpriced(items: str, bank: str, holder: str, iban: str, description: str) -> str:
    return (
        f"Başvurudan sonra {_as_object(items)} {holder} adına açılmış {bank} hesabına "
        f"(IBAN: {iban}) yatırın; tutar bu sitede henüz yok, ödemeden önce öğrenin. Açıklama "
        f"kısmına \u201c{description}\u201d yazın."
    )


PAY_AFTER_APPLYING = "Ödeme başvurudan sonra yapılır; adımlar aşağıdadır."
UNPRICED_TOTAL = "Toplam: bu sitede henüz yok; ödemeden önce öğrenin."


def step_send_receipt(email: str) -> str:
    return (
        f"Dekontu (ödeme belgesini) {email} adresine e-postayla gönderin; dekontu gelmeyen "
        "aile hekiminin başvurusu onaylanmaz."
    )


def step_revoke(online: str, phone: str) -> str:
    return (
        f"Önce {online} adresinden mevcut sertifikanızı mutlaka iptal ettirin "
        f"(yardım için Kamu SM çağrı merkezi: {phone})."
    )


def step_lost_apply(online: str) -> str:
    return f"Ardından {online} adresinden başvuru yapın: {LOST_MENU}."


def step_pay_kamusm(sanalpos: str) -> str:
    return (
        "Başvurudan sonra adınıza borç çıkarılır. Ücret Sağlık Müdürlüğü hesabına değil, "
        f"Kamu SM'ye ödenir: borcunuzu {sanalpos} adresinden sorgulayıp ödeyin."
    )


def step_reader_apply(reader: str) -> str:
    return f"{reader} adresinden kart okuyucu başvurusu yapın."


STEP_READER_DELIVERY = "Ödemenizden sonra Kamu SM adınıza mini kart okuyucu temin eder."


def family_doctor_basis(authority: str, date: dt.date, number: str) -> str:
    return (
        f"Aile hekimleri e-imza ücretini kendileri öder ({authority}, {date_long(date)} "
        f"tarihli ve {number} sayılı yazı)."
    )


# the source page names only family doctors as paying (and everyone for loss/theft and readers)
NO_PAYMENT_STAFF = (
    "Sizin yapacağınız bir ödeme yok: kaynak duyuru bu durumda ödemeyi yalnızca aile hekimlerinden ister."
)

# --- warnings ------------------------------------------------------------------------------


def expired_note() -> str:
    return (
        "E-imzanızın süresi dolduğu için e-imzalı/e-onaylı başvuru yapılamaz; ıslak imzalı başvuru yapılır."
    )


def renewal_wet_note() -> str:
    return "E-imzalı/e-onaylı başvuru yapılamadığı için (ör. teknik nedenlerle) ıslak imzalı başvuru yapılır."


def lost_method_note(changed: dt.date, day: dt.date | None = None) -> str:
    note = f"Kayıp veya çalıntı durumunda başvuru şekli {date_long(changed)} tarihinde değişmiştir."
    if day is not None and day < changed:
        note += (
            f" Burada anlatılan yol {date_long(changed)} tarihinden itibaren geçerlidir; "
            "daha önceki başvuruların yolu bu rehberde yoktur."
        )
    return note


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
    return f"{title}: sizin yapacağınız bir ödeme yok."


def summary_unpriced(title: str) -> str:
    return f"{title}: tutar bu sitede henüz yok; ödemeden önce öğrenin."


def summary_error(message: str) -> str:
    first = message.split(". ")[0].rstrip(".")
    return f"Hesaplanamadı: {first}."


KAMUSM_DEBT = "Ödenecek kesin tutar, Kamu SM'nin adınıza çıkardığı borç tutarıdır."
DESCRIPTION_TEMPLATE = (
    "Açıklamayı kendi adınız, SOYADINIZ ve T.C. Kimlik Numaranızla doldurun; hesaplayıcıya "
    "girerseniz sizin için yazılır."
)

# --- errors --------------------------------------------------------------------------------

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


def bad_situation(value: object) -> str:
    names = ", ".join(f"{k} ({v})" for k, v in SITUATIONS.items())
    return f"Bilinmeyen başvuru türü: {typed(value)}. Geçerli olanlar: {names}."


def bad_role(value: object) -> str:
    names = ", ".join(f"{k} ({v})" for k, v in ROLES.items())
    return f"Bilinmeyen görev: {typed(value)}. Geçerli olanlar: {names}."


def bad_date(value: object) -> str:
    return f"Tarih YYYY-AA-GG biçiminde geçerli bir tarih olmalı (ör. 2024-03-12): {typed(value)}."


def option_not_applicable(option: str, situation: str) -> str:
    labels = {
        "electronic": "E-imzalı/e-onaylı başvuru seçeneği yalnızca Yenileme için geçerlidir",
        "with_reader": "Kart okuyucu seçeneği yalnızca Kayıp veya çalıntı için geçerlidir",
    }
    return f"{labels[option]}; seçilen başvuru türü: {SITUATIONS.get(situation, situation)}."


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


DO_NOT_PAY_OLD = "Eski tutarları yatırmayın."
TARIFF_PAGE_NAME = "Kamu SM'nin ücret tarifesi sayfası"


def fees_unknown(day: dt.date, whole_year: bool) -> str:
    """The head of the unknown-amount message: the year's (or this date's) fee is not here.
    It never names the day itself: the date is beside it (the calculator's date field, the
    page's edition label), and one text over a date interval can be shown instantly."""
    if whole_year:
        return f"{day.year} yılının e-imza ücretleri bu sitede henüz yok."
    return "Bu tarihte geçerli e-imza ücretleri bu sitede henüz yok."


def item_unknown_head(item: str) -> str:
    return f"Bu tarihte geçerli {ITEMS_IN_SENTENCE[item]} bu sitede henüz yok."


def before_first_head(first: dt.date) -> str:
    """Before the data's first period: where the site's fees start (day-free, see above)."""
    return f"Bu sitede {date_long(first)} tarihinden önceki e-imza ücretleri yok."


def how_to_learn_the_fee(head: str, tariff_url: str, phone: str, unit: str, email: str) -> str:
    """The unknown-amount message: what is missing, three ways to learn the fee, and not to
    pay an old amount."""
    return (
        f"{head} Ödemeden önce tutarı öğrenin: {TARIFF_PAGE_NAME} ({tariff_url}), "
        f"Kamu SM çağrı merkezi ({phone}) veya {unit} birimi ({email}). {DO_NOT_PAY_OLD}"
    )


def tariff_before_first(first: dt.date, url: str) -> str:
    return f"{before_first_head(first)} {TARIFF_PAGE_NAME}: {url}"


def vat_unknown(first: dt.date) -> str:
    return f"Bu sitede {date_long(first)} tarihinden önceki KDV oranı yok."


# --- data file problems (editors read these) -----------------------------------------------

_TYPES: dict[Any, str] = {
    str: "tırnak içinde metin",
    int: "tam sayı",
    bool: "true veya false",
    dt.date: "tarih (YYYY-AA-GG, tırnaksız)",
    dict: "tablo",
    list: "liste ([...])",
}


def unknown_key(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f" {close[0]!r} mı demek istediniz? Anahtarı düzeltin." if close else ""
    return (
        f"Bilinmeyen anahtar {name!r} (yazım hatası olabilir).{hint} "
        f"Geçerli anahtarlar: {', '.join(allowed)}."
    )


def missing_key(name: str) -> str:
    return f"Eksik anahtar: {name!r} yazılmalı."


def wrong_type(name: str, kind: Any) -> str:
    return f"{name!r} değeri {_TYPES.get(kind, str(kind))} olmalı."


def amount_not_string(value: object) -> str:
    return f'Tutar tırnak içinde ve iki ondalıkla yazılmalı, ör. "650.00" (yazılan: {value!r}).'


def amount_comma(value: str) -> str:
    text = value.strip()
    if text.rfind(",") > text.rfind("."):  # Turkish style: 1.080,00 or 95,5
        fixed = text.replace(".", "").replace(",", ".")
    else:  # English grouping: 1,080.00
        fixed = text.replace(",", "")
    try:
        fixed = f"{Decimal(fixed):.2f}"
    except ArithmeticError:
        pass
    return f'Tutarda ondalık ayırıcı virgül değil nokta olmalı: "{fixed}" yazın (yazılan: "{value}").'


def amount_format(value: str) -> str:
    return f'Tutar nokta ve iki ondalıkla yazılmalı, ör. "650.00" (yazılan: "{value}").'


def amount_not_positive(value: str) -> str:
    return f'Tutar sıfırdan büyük olmalı (yazılan: "{value}").'


def schema_version(value: object) -> str:
    return f"Desteklenmeyen veri sürümü (schema = {value!r}); 1 olmalı."


def bad_email(value: str) -> str:
    return f"Geçersiz e-posta adresi: {value!r}."


def bad_iban(value: str) -> str:
    return (
        f"IBAN geçersiz: {value!r}. TR ile başlayan 26 karakter olmalı ve kontrol basamakları "
        "(mod 97) tutmalı; rakamları bankanın yazısıyla karşılaştırın."
    )


def bad_url(value: str) -> str:
    return f"Geçersiz bağlantı (http:// veya https:// ile başlamalı): {value!r}."


def not_positive_int() -> str:
    return "Sıfırdan büyük bir tam sayı olmalı."


def bad_rate(value: str) -> str:
    return f'KDV oranı yüzde olarak yazılmalı, ör. "20" (yazılan: "{value}").'


def empty_list(name: str) -> str:
    return f"{name!r} listesinde en az bir dönem olmalı."


def unsorted(previous: dt.date, current: dt.date) -> str:
    if previous == current:
        return (
            f"İki dönem aynı tarihte ({current.isoformat()}) başlıyor; dönemler çakışmamalı. "
            "Başlangıç tarihlerinden birini düzeltin veya fazla dönemi silin."
        )
    return (
        f"Dönemler başlangıç tarihine göre sıralı olmalı: {current.isoformat()} tarihli dönem, "
        f"kendinden önce yazılmış {previous.isoformat()} tarihli dönemden önce başlıyor. "
        "Bu dönemi dosyada doğru yere (daha eski dönemlerin arasına) taşıyın veya tarihini düzeltin."
    )


def bad_confidence(value: str, allowed: tuple[str, ...]) -> str:
    return f"Bilinmeyen güvenilirlik {value!r}; şunlardan biri olmalı: {', '.join(allowed)}."


def bad_source(index: int, value: object) -> str:
    return f"{index}. kaynak geçerli bir bağlantı değil: {value!r}."


def no_source() -> str:
    return "Tutarı bilinen her dönemin en az bir kaynağı (sources) olmalı."


def verified_before_start(verified: dt.date, start: dt.date) -> str:
    return (
        f"Doğrulama tarihi ({verified.isoformat()}) dönem başlangıcından ({start.isoformat()}) önce olamaz."
    )


def known_but_unknown_confidence() -> str:
    return "Tutarı bilinen dönemin güvenilirliği 'unknown' olamaz."


def unknown_needs_unknown_confidence() -> str:
    return "Tutarı bilinmeyen dönemin (amounts_known = false) güvenilirliği 'unknown' olmalı."


def unknown_with_items() -> str:
    return "Tutarı bilinmeyen dönemde (amounts_known = false) items yazılmaz."


def unknown_item(code: str, allowed: tuple[str, ...]) -> str:
    return f"Bilinmeyen kalem {code!r}; şunlardan biri olmalı: {', '.join(allowed)}."


def quoted_mismatch(net: Decimal, rate: Decimal, gross: Decimal, quoted: Decimal) -> str:
    return (
        f"Kaynağın KDV dahil tutarı ({format_tl(quoted)}) net tutardan hesaplananla "
        f"({format_tl(net)} + {format_rate(rate)} KDV = {format_tl(gross)}) uyuşmuyor; "
        "net tutarı veya kaynağı kontrol edin."
    )


def vat_after_tariff(vat_start: dt.date, tariff_start: dt.date) -> str:
    return (
        f"KDV verisi ({vat_start.isoformat()}) ilk tarife döneminden "
        f"({tariff_start.isoformat()}) sonra başlıyor; KDV dönemi tarifeyi kapsamalı."
    )


def description_pattern(value: str) -> str:
    return f"Açıklama kalıbı 'Ad', 'SOYAD' ve 'TC' sözcüklerini içermeli: {value!r}."


def cannot_read(exc: OSError) -> str:
    return f"Dosya okunamadı: {exc.strerror or exc}."


def not_utf8() -> str:
    return "Dosya UTF-8 kodlamasında değil; UTF-8 olarak kaydedin."


_TOML_HINTS = (
    ("Cannot overwrite a value", "Aynı anahtar iki kez yazılmış; birini silin."),
    ("Cannot declare", "Aynı tablo iki kez yazılmış; birini silin."),
    (
        "Expected newline or end of document",
        'Satırda beklenmeyen karakter var. Tutarları tırnak içinde ve nokta ile yazın, ör. net = "650.00".',
    ),
    (
        "Unclosed inline table",
        'Satır içi tablo kapanmamış; tutarları tırnak içinde yazın, ör. { net = "650.00" }.',
    ),
    ("Invalid value", 'Geçersiz değer. Metin ve tutarlar tırnak içinde yazılır: "650.00".'),
    ("Invalid date", "Geçersiz tarih; YYYY-AA-GG biçiminde yazın, ör. 2026-01-01."),
    ("Expected '=' after a key", "Anahtardan sonra '=' bekleniyordu."),
    ("Unterminated string", "Tırnak kapanmamış."),
    ("Illegal character", "Satırda geçersiz bir karakter var; kapanmamış bir tırnak olabilir."),
)
_COMMA_NUMBER = re.compile(r"=\s*-?\d+,\d")


def toml_syntax(original: str, line_text: str = "") -> str:
    """tomllib's English message in Turkish; the line helps to spot a decimal comma or a date
    written the Turkish way."""
    turkish_date = _TR_DATE.search(line_text)
    if turkish_date:
        return date_advice(turkish_date.group(1))
    if _COMMA_NUMBER.search(line_text):
        return (
            "TOML söz dizimi hatası: tutarda ondalık ayırıcı virgül değil nokta olmalı ve tutar "
            'tırnak içinde yazılmalı, ör. net = "650.00".'
        )
    for needle, hint in _TOML_HINTS:
        if needle in original:
            return f"TOML söz dizimi hatası: {hint}"
    return f"TOML söz dizimi hatası ({original})."


# --- data check: the slips editors make (issue 15) ---------------------------------------------
# Each message names what is wrong and what to write instead; the line comes with the Problem.

_TR_DATE = re.compile(r"=\s*\"?(\d{1,2}[./]\d{1,2}[./]\d{4})\"?\s*(?:#.*)?$")
_TR_DATE_PARTS = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def date_advice(value: str) -> str:
    """A date written as 01.01.2026 (or quoted, or any other way): the exact ISO form."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return f'Tarih tırnaksız yazılmalı: "{value.strip()}" yerine {value.strip()} yazın.'
    m = _TR_DATE_PARTS.match(value.strip())
    if m:
        day, month, year = (int(x) for x in m.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            return f"Tarih takvimde yok: {value} (gün.ay.yıl olarak okundu; günü ve ayı kontrol edin)."
        return (
            f"Tarih YYYY-AA-GG biçiminde ve tırnaksız yazılmalı: {value} yerine {iso} yazın "
            f"(ör. from = {iso})."
        )
    return f"Tarih YYYY-AA-GG biçiminde ve tırnaksız yazılmalı, ör. 2026-01-01 (yazılan: {value!r})."


def amount_thousands(value: str) -> str:
    fixed = f"{Decimal(value.replace('.', '')):.2f}"
    return (
        f'Tutarda binlik ayırıcı kullanılmaz; ondalık ayırıcı noktadır: "{fixed}" yazın (yazılan: "{value}").'
    )


def amount_too_large(value: str) -> str:
    return (
        f'Tutar akla yatkın değil: noktadan önce 7 basamaktan fazla (yazılan: "{value}"). Tutarı '
        'kaynaktan yeniden kopyalayın; iki ondalıkla yazılır, ör. "1080.00".'
    )


def quoted_gross_missing(code: str) -> str:
    return (
        f"{code}: kaynağın KDV dahil tutarı (quoted_gross) yazılmalı; denetim net × (1 + KDV) ile "
        "karşılaştırarak KDV dahil bir tutarın net diye yazılmasını yakalar. Örnek: "
        f'{code} = {{ net = "650.00", quoted_gross = "780.00" }}'
    )


def amount_jump(code: str, old: Decimal, old_label: str, new: Decimal) -> str:
    return (
        f"{code}: net tutar {format_tl(new)}, önceki bilinen dönemde ({old_label}) {format_tl(old)}; "
        "3 kattan fazla ya da üçte birden az bir değişiklik. Kaynaktaki tutarla karşılaştırın "
        "(KDV dahil tutar net diye, ya da bir basamak fazla yazılmış olabilir). Doğruysa bu uyarı "
        "yayımı durdurmaz."
    )


def verified_in_future(verified: dt.date, today: dt.date) -> str:
    return (
        f"Doğrulama tarihi ({verified.isoformat()}) bugünden ({today.isoformat()}) sonra olamaz: "
        "tutarı kaynakta gördüğünüz günü yazın."
    )


def empty_file(path: str) -> str:
    return (
        f"Dosya boş. Kaydedilmiş son hâlini geri almak için: git checkout -- {path} "
        "(sonra değişikliğinizi yeniden yapın)."
    )


def markup_in_text(name: str, value: str) -> str:
    found = next(m for m in ("](", "<", ">") if m in value)
    return (
        f"{name!r} düz metin olmalı: {found!r} yazılmaz (sayfada bağlantı ya da HTML olurdu). "
        "Bağlantıları kendi alanlarına (ör. sources, kamusm) yazın, metinden çıkarın."
    )


def bad_source_url(index: int, value: object) -> str:
    return (
        f"{index}. kaynak tam bir bağlantı olmalı: tarayıcının adres çubuğundaki https:// ile "
        f"başlayan adresi olduğu gibi kopyalayıp tırnak içinde yapıştırın (yazılan: {value!r})."
    )


# --- the site's own words about its edition (eimza_site: every page, the calculator) ---


def edition_stamp(day: dt.date) -> str:
    """Under every page of a published edition."""
    return f"Bu baskının tarihi: {date_long(day)}"


PREVIEW_STAMP = "Önizleme — yayımlanmamış baskı"


def preview_stamp(day: dt.date) -> str:
    """Under every page of a build that is not a published edition."""
    return f"{PREVIEW_STAMP} (tutarlar {date_long(day)} tarihine göre)"


def preview_banner(day: dt.date) -> str:
    """At the top of every page of a build that is not a published edition."""
    return (
        f"{PREVIEW_STAMP}: bu sayfalar yayımlanmış bir baskı değildir; tutarlar ve tarihler "
        f"{date_long(day)} tarihine göre hesaplandı."
    )


def preview_editions_note(newest: str) -> str:
    return (
        f"Bu sayfa bir önizlemedir: aşağıdaki baskılardan biri değildir. Listedeki en yeni "
        f"baskı {newest} baskısıdır."
    )


def edition_basis(day: dt.date, published: bool) -> str:
    """'… göre üretilmiştir': the date the page's answers are computed for."""
    if published:
        return f"bu baskının tarihine ({date_long(day)})"
    return f"bu önizlemenin hesap tarihine ({date_long(day)})"


def edition_statement(day: dt.date, published: bool) -> str:
    if published:
        return f"{edition_stamp(day)}."
    return f"Bu sayfa bir önizlemedir (yayımlanmamış baskı); tutarlar {date_long(day)} tarihine göre."


def offline_notice(day: dt.date, published: bool) -> str:
    """Shown when the calculator page comes from the browser's offline copy."""
    what = f"{date_long(day)} baskısı" if published else f"{date_long(day)} tarihli önizleme"
    return f"Çevrim dışı kopya: {what}; tutarlar güncel olmayabilir."


def fee_notice_title(day: dt.date, published: bool) -> str:
    """The title of a page's note on the fee, above its answers."""
    return f"Ücretler: {edition_basis(day, published)} göre"


PAST_AMOUNTS_ONLY_HISTORY = "Geçmiş yılların tutarları yalnızca bilgi içindir"


def as_of(day: dt.date, published: bool) -> str:
    """The edition's reference date in a sentence, instead of 'bugün'."""
    if published:
        return f"Bu baskının tarihinde ({date_long(day)})"
    return f"Önizlemenin hesap tarihinde ({date_long(day)})"


def wheel_data_differs(name: str) -> str:
    return (
        f"hesaplayıcının paketindeki {name} sayfaların üretildiği veri dosyasıyla bayt bayt aynı "
        "değil; sayfalar ve hesaplayıcı farklı tutarlar gösterirdi. Derleme durduruldu."
    )


def probe_differs() -> str:
    return (
        "tarayıcıdaki motorun (Pyodide anlık görüntüsü) örnek yanıtı yerel motorun yanıtıyla "
        "aynı değil; hesaplayıcı sayfalardan farklı yanıt verirdi. Derleme durduruldu."
    )


def edition_invalid(name: str, raw: str) -> str:
    return f"{name}={raw!r} geçerli bir tarih değil (YYYY-AA-GG, ör. 2026-01-20)."
