"""The editors' words: every message of the data check (`make check`), with what to write
instead. The file, key and line come with each Problem; these say what is wrong."""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .money import format_rate, format_tl
from .turkish import date_long

_TYPES: dict[Any, str] = {
    str: "tırnak içinde metin",
    int: "tam sayı",
    bool: "true veya false",
    dt.date: "tarih (YYYY-AA-GG, tırnaksız)",
    dict: "tablo",
    list: "liste ([...])",
}


def closest(name: str, allowed: Sequence[str]) -> str | None:
    """The declared key a misspelt one most resembles, if any does."""
    close = difflib.get_close_matches(name, list(allowed), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_key(name: str, allowed: list[str]) -> str:
    close = closest(name, allowed)
    hint = f" {close!r} mı demek istediniz? Anahtarı düzeltin." if close else ""
    return (
        f"Bilinmeyen anahtar {name!r} (yazım hatası olabilir).{hint} "
        f"Geçerli anahtarlar: {', '.join(allowed)}."
    )


def missing_key(name: str) -> str:
    return f"Eksik anahtar: {name!r} yazılmalı."


def missing_table(header: str, before_next: bool, fix: str) -> str:
    where = "Bu satırdan önce" if before_next else "Dosyanın sonuna"
    return f"Dosyada {header} yok (silinmiş olabilir). {where} {fix}"


def restore_table(header: str, path: str) -> str:
    """How to put back a national table that was deleted: it is shared and long."""
    return (
        f"{header} bölümünü dosyanın kaydedilmiş hâlinden geri yazın (kaydedilmiş hâli: "
        f"git show HEAD:{path}; bütün değişikliklerinizi geri almak için: git checkout -- {path})."
    )


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


def schema_version(value: object, expected: int) -> str:
    return f"Desteklenmeyen veri sürümü (schema = {value!r}); {expected} olmalı: schema = {expected} yazın."


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
    return f"{name!r} listesinde en az bir öğe olmalı."


def unsorted(previous: dt.date, current: dt.date) -> str:
    if previous == current:
        return (
            f"İki dönem aynı tarihte ({date_long(current)}) başlıyor; dönemler çakışmamalı. "
            "Başlangıç tarihlerinden birini düzeltin veya fazla dönemi silin."
        )
    return (
        f"Dönemler başlangıç tarihine göre sıralı olmalı: {date_long(current)} tarihli dönem, "
        f"kendinden önce yazılmış {date_long(previous)} tarihli dönemden önce başlıyor. "
        "Bu dönemi dosyada doğru yere (daha eski dönemlerin arasına) taşıyın veya tarihini düzeltin."
    )


def bad_confidence(value: str, allowed: tuple[str, ...]) -> str:
    return f"Bilinmeyen güvenilirlik {value!r}; şunlardan biri olmalı: {', '.join(allowed)}."


def no_source() -> str:
    return "Tutarı bilinen her dönemin en az bir kaynağı (sources) olmalı."


def verified_before_start(verified: dt.date, start: dt.date) -> str:
    return (
        f"Doğrulama tarihi ({date_long(verified)}) dönem başlangıcından ({date_long(start)}) önce "
        "olamaz: tutarları kaynakta gördüğünüz günü yazın."
    )


def known_but_unknown_confidence() -> str:
    return "Tutarı bilinen dönemin güvenilirliği 'unknown' olamaz."


def unknown_needs_unknown_confidence() -> str:
    return "Tutarı bilinmeyen dönemin (amounts_known = false) güvenilirliği 'unknown' olmalı."


def unknown_with_items() -> str:
    return "Tutarı bilinmeyen dönemde (amounts_known = false) items yazılmaz."


def empty_items() -> str:
    return (
        "Tutarı bilinen dönemde (amounts_known = true) [tariff.items] altında en az bir kalem "
        'yazılmalı, ör. nes-3y = { net = "650.00", quoted_gross = "780.00" }.'
    )


def unknown_item(code: str, allowed: tuple[str, ...]) -> str:
    return (
        f"Bilinmeyen kalem {code!r}; şunlardan biri olmalı: {', '.join(allowed)} (yeni bir kalem önce "
        "ortak dosyada [item.…] olarak tanımlanır)."
    )


def quoted_mismatch(net: Decimal, rate: Decimal, gross: Decimal, quoted: Decimal) -> str:
    return (
        f"Kaynağın KDV dahil tutarı ({format_tl(quoted)}) net tutardan hesaplananla "
        f"({format_tl(net)} + {format_rate(rate)} KDV = {format_tl(gross)}) uyuşmuyor; "
        "net tutarı veya kaynağı kontrol edin."
    )


def vat_after_tariff(vat_start: dt.date, tariff_start: dt.date) -> str:
    return (
        f"KDV verisi ({date_long(vat_start)}) ilk tarife döneminden "
        f"({date_long(tariff_start)}) sonra başlıyor; KDV dönemi tarifeyi kapsamalı: ilk [[vat]] "
        f"dönemine from = {tariff_start.isoformat()} ya da daha eski bir tarih yazın."
    )


def _spellings(tokens: Sequence[Sequence[str]]) -> str:
    return "; ".join(" veya ".join(f"'{s}'" for s in spellings) for spellings in tokens)


def description_pattern(
    value: str, missing: Sequence[Sequence[str]], tokens: dict[str, tuple[str, ...]]
) -> str:
    return (
        f"Açıklama kalıbı kişinin bilgilerinin bir kısmını içeriyor, hepsini değil (yazılan: "
        f"{value!r}); eksik: {_spellings(missing)}. Kalıp okurun bilgileriyle doldurulacaksa adı, "
        "soyadı ve T.C. Kimlik Numarasını yerleştirecek sözcüklerin üçü de ayrı sözcükler "
        f"olarak bulunmalı: {_spellings(list(tokens.values()))}. Kaynaktaki kalıbı olduğu gibi "
        'kopyalayın, ör. "Ad-SOYAD-TC- NES Ücreti". Kaynak kalıp değil bir yönerge veriyorsa '
        "(ör. adı soyadı, kimlik numarası ve “e-imza başvurusu”), onu büyük harfli bu sözcükler "
        "olmadan yazın: okura olduğu gibi gösterilir."
    )


def description_instruction(value: str, tokens: dict[str, tuple[str, ...]]) -> str:
    return (
        f"Açıklama kalıbında kişinin bilgileri için sözcük yok ({_spellings(list(tokens.values()))}; "
        f"yazılan: {value!r}): metin okura olduğu gibi gösterilir ve hesaplayıcı onu okurun "
        "bilgileriyle dolduramaz (okura bunu söyler). Kaynak bir yönerge veriyorsa doğrudur; "
        "kaynak bir kalıp veriyorsa (ör. AD-SOYAD-TC) onu olduğu gibi kopyalayın. Bu uyarı "
        "yayımı durdurmaz."
    )


_OS_REASONS = {
    errno.ENOENT: "böyle bir dosya yok (adını ve klasörünü denetleyin)",
    errno.EACCES: "dosyayı okuma izniniz yok",
    errno.EPERM: "dosyayı okuma izniniz yok",
    errno.EISDIR: "bu bir klasör, dosya değil",
}


def cannot_read(exc: OSError) -> str:
    reason = _OS_REASONS.get(exc.errno or 0, f"işletim sisteminin iletisi: {exc.strerror or exc}")
    return f"Dosya okunamadı: {reason}."


def no_directorate(name: str, known: Sequence[str]) -> str:
    listed = ", ".join(known) or "(hiç il yok)"
    example = f" Örnek: make check IL={known[0]}" if known else ""
    return (
        f"{name!r} diye bir il (müdürlük) yok: klasörü bulunamadı. IL= ile data/iller/ altındaki "
        f"bir klasörün adını yazın; depodaki iller: {listed}.{example}"
    )


def new_directorate(rel: str, rev: str, il: str) -> list[str]:
    """`make diff` on a directorate whose file the compared revision does not have (HEAD:
    the Makefile's choice when the directorate has no published edition)."""
    if rev == "HEAD":
        first = (
            f"Yeni il: {rel} henüz kaydedilmemiş (git commit) ve yayımlanmamış; karşılaştırılacak "
            "yayımlanmış bir baskısı yok."
        )
    else:
        first = (
            f"Yeni il: {rel} dosyası {rev} sürümünde yok (il o sürümden sonra eklenmiş); "
            "karşılaştırılacak bir önceki hâli yok."
        )
    return [
        first,
        f"Okurların bu veriyle göreceği bilgiler aşağıda. Sayfaların tamamı için: make serve IL={il}",
    ]


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
        f"Doğrulama tarihi ({date_long(verified)}) bugünden ({date_long(today)}) sonra olamaz: "
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


# --- both files: lists, sources, ids, `when` --------------------------------------------------

KINDS = {
    "payment": "ödeme kuralı ([[payment]])",
    "step": "adım ([[step]])",
    "note": "not ([[note]])",
    "unknown": "bilinmeyen durum ([[unknown]])",
    "source": "kaynak ([[source]])",
    "situation": "başvuru türü ([[situation]])",
    "role": "görev ([[role]])",
    "option": "seçenek ([[option]])",
    "link": "seçeneğin bağlantı adı (link)",
    "channel": "başvuru şekli ([[channel]])",
}


def not_a_string_list(name: str) -> str:
    return f'{name!r} tırnak içinde metinlerden oluşan bir liste olmalı, ör. {name} = ["...", "..."].'


def repeated_value(name: str) -> str:
    return f"{name!r} listesinde aynı değer iki kez yazılmış; birini silin."


def empty_menu(name: str) -> str:
    return f'{name!r} menü yolu boş; menü adlarını sırayla yazın, ör. ["NES İŞLEMLERİ", "BİREYSEL İŞLEMLER"].'


def bad_id(value: str, option: bool) -> str:
    if option:
        return (
            f"Seçenek kimliği {value!r} yalnızca küçük harf ve alt çizgi içerebilir (ör. with_reader); "
            "Türkçe karakter ve boşluk kullanmayın."
        )
    return (
        f"Kimlik {value!r} yalnızca küçük harf (Türkçe karaktersiz), rakam ve kısa çizgi içerebilir, "
        'ör. "send-receipt".'
    )


def duplicate_id(kind: str, value: str) -> str:
    return (
        f"{KINDS.get(kind, kind)} kimliği {value!r} iki kez yazılmış (iki dosyada birden de "
        "olabilir); her kimlik bir kez kullanılır. Birini yeniden adlandırın veya silin."
    )


def bad_source_id(value: str) -> str:
    return (
        f"Kaynak kimliği {value!r} yalnızca harf (Türkçe karaktersiz), rakam ve kısa çizgi "
        'içerebilir, ör. "mersin-2024-03-12".'
    )


def source_needs_date_or_url(sid: str) -> str:
    return (
        f'{sid!r} kaynağının ya bağlantısı (url = "https://...") ya da belgenin tarihi '
        "(date = YYYY-AA-GG) yazılmalı: okur kaynağı bulabilmeli."
    )


def sources_not_ids() -> str:
    return (
        "'sources' kaynak kimliklerinin listesi olmalı, ör. sources = [\"tekirdag-2024-03-04\"]; "
        "bağlantılar [[source]] tablolarına yazılır."
    )


def unknown_source(sid: str, known: list[str]) -> str:
    names = ", ".join(known) or "(hiç kaynak yok)"
    return (
        f"Bilinmeyen kaynak kimliği {sid!r}. Önce bir [[source]] yazın (id, issuer ve url ya da "
        f"date) veya bilinen bir kimliği kullanın: {names}."
    )


def no_sources() -> str:
    return 'Bu bilginin en az bir kaynağı olmalı: sources = ["kaynak-kimliği"] yazın.'


def bad_page(value: str) -> str:
    return (
        f"'page' docs/ klasöründeki bir sayfanın dosya adı olmalı, ör. \"ilk-basvuru.md\" "
        f"(yazılan: {value!r})."
    )


def bad_diagram_order(found: list[int]) -> str:
    return (
        "Başvuru türlerinin 'diagram' sıraları 1'den başlayıp birer artmalı ve her sıra bir kez "
        f"geçmeli (yazılanlar: {', '.join(map(str, found))})."
    )


def reserved_option(value: str, reserved: tuple[str, ...]) -> str:
    return f"Seçenek kimliği {value!r} olamaz: şu adlar durumun kendi alanlarıdır: {', '.join(reserved)}."


def unknown_value(name: str, value: object, allowed: Sequence[object]) -> str:
    shown = ", ".join(_toml(a) for a in allowed)
    return f"{name!r} için bilinmeyen değer {_toml(value)}; şunlardan biri olmalı: {shown}."


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)


def bad_when() -> str:
    return (
        '\'when\' bir koşul tablosu olmalı, ör. when = { situation = "first", role = "family-doctor" }, '
        "ya da bunların listesi (biri uyarsa yeter): when = [{ ... }, { ... }]."
    )


def unknown_when_key(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f" {close[0]!r} mı demek istediniz?" if close else ""
    return f"'when' içinde bilinmeyen alan {name!r}.{hint} Burada kullanılabilenler: {', '.join(allowed)}."


def channel_count(case: str, found: list[str]) -> str:
    if not found:
        return (
            f"{case}: hiçbir başvuru şekli ([[channel]]) uymuyor. Her duruma tam bir başvuru şekli "
            "uymalı; bir [[channel]] kuralının 'when' koşulunu genişletin."
        )
    return (
        f"{case}: birden çok başvuru şekli uyuyor ({', '.join(found)}). Her duruma tam bir başvuru "
        "şekli uymalı; 'when' koşullarını ayırın."
    )


# --- the directorate's file ---------------------------------------------------------------------


def site_id_not_folder(value: str, folder: str) -> str:
    return f'[site] id klasörün adı olmalı: id = "{folder}" yazın (yazılan: {value!r}).'


def first_facts_from() -> str:
    return (
        "İlk [[facts]] bloğunda 'from' yazılmaz: ilk blok baştan beri geçerlidir. Bir tarihten "
        "itibaren değişen bilgiyi yeni bir [[facts]] bloğuna yazın."
    )


def first_facts_name() -> str:
    return 'İlk [[facts]] bloğunda kurumun adı yazılmalı: name = "… İl Sağlık Müdürlüğü".'


def later_facts_need_from() -> str:
    return (
        "İlkinden sonraki her [[facts]] bloğu bir tarihten itibaren geçerlidir: from = YYYY-AA-GG "
        "yazın ve yalnızca o tarihte değişen bilgileri ekleyin."
    )


def until_before_from(start: dt.date, until: dt.date) -> str:
    return (
        f"'until' ({date_long(until)}) 'from' tarihinden ({date_long(start)}) önce olamaz: kuralın "
        "son gününü ilk gününden sonra yazın."
    )


def payment_needs_items(payee: str) -> str:
    return (
        f'payee = "{payee}" olan ödemede ödenen kalemler yazılmalı, ör. items = ["nes-3y", '
        '"mini-reader"] (kalemler ortak dosyadaki [item.…] kimlikleridir).'
    )


def payment_no_items(payee: str) -> str:
    return f"payee = \"{payee}\" olan ödemede 'items' yazılmaz: kişi bir şey ödemez."


def payment_needs_text(payee: str) -> str:
    what = "ödeme olmadığını" if payee == "none" else "ödemenin bilinmediğini"
    return (
        f'payee = "{payee}" olan ödemede okurun göreceği metin yazılmalı: text = "…" '
        f"(kaynağın {what} nasıl söylediği)."
    )


def payment_text_unused(payee: str) -> str:
    return (
        f'payee = "{payee}" olan ödemede \'text\' kullanılmaz (yalnızca "none" ve "unknown" '
        "içindir); ödeme adımını bir [[step]] olarak yazın."
    )


def only_for_directorate(name: str) -> str:
    return f'{name!r} yalnızca müdürlüğe yapılan ödemede (payee = "directorate") yazılır.'


def stray_brace(text: str) -> str:
    return (
        "Metinde eşi olmayan bir süslü ayraç ({ veya }) var. Yer tutucular {il.iban} biçiminde "
        f"yazılır; ayracı silin veya tamamlayın (metin: {text[:60]!r}…)."
    )


def unknown_placeholder(name: str, sources: list[str]) -> str:
    return (
        f"Bilinmeyen yer tutucu {{{name}}}. Kullanılabilenler: {{il.<bilgi>}} (ör. il.unit, "
        "il.emails, il.iban_grouped), {kamusm.<anahtar>} (ör. kamusm.portal), "
        "{kamusm.menus.<ad>}, {pay.total}, {pay.items}, {pay.description}, {pay.payee_name}, "
        "{date:YYYY-AA-GG}, {source:<kimlik>}" + (f" (kaynaklar: {', '.join(sources)})." if sources else ".")
    )


def unknown_filter(name: str, allowed: list[str]) -> str:
    return f"Bilinmeyen süzgeç |{name}. Kullanılabilenler: {', '.join(allowed)}, ör. {{pay.total|acc}}."


# --- coverage: every case on every date -------------------------------------------------------

WHEN_PRICED = "tutar biliniyorken"
WHEN_UNPRICED = "tutar bilinmiyorken"


def date_range(first: dt.date, last: dt.date) -> str:
    if first == dt.date.min and last == dt.date.max:
        return "her tarihte"
    if first == dt.date.min:
        return f"{date_long(last + dt.timedelta(days=1))} tarihinden önce"
    if last == dt.date.max:
        return f"{date_long(first)} tarihinden itibaren"
    return f"{date_long(first)} – {date_long(last)} arasında"


def coverage(what: str, case: str, when: str) -> str:
    where = f"{case}, {when}" if when else case
    return f"{where}: {what}"


def no_payment() -> str:
    return (
        "hiçbir ödeme kuralı ([[payment]]) ya da [[unknown]] uymuyor. Her duruma tam bir ödeme "
        'kuralı uymalı: bu durum için bir [[payment]] yazın (ödeme yoksa payee = "none" ve '
        "text ile) ya da bir kuralın 'when' koşulunu genişletin."
    )


def two_payments(ids: list[str]) -> str:
    return (
        f"birden çok ödeme kuralı uyuyor ({', '.join(ids)}). Her duruma tam bir ödeme kuralı "
        "uymalı; 'when' koşullarını (ya da from/until tarihlerini) ayırın."
    )


def two_unknowns(ids: list[str]) -> str:
    return f"birden çok [[unknown]] uyuyor ({', '.join(ids)}); 'when' koşullarını ayırın."


def unknown_and_payment(unknown: str, payment: str) -> str:
    return (
        f"hem [[unknown]] {unknown!r} hem ödeme kuralı {payment!r} uyuyor. Yolu bilinmeyen "
        "duruma ödeme kuralı uymamalı: birinin 'when' koşulunu daraltın."
    )


def no_step(priced: str) -> str:
    when = f" ({priced})" if priced else ""
    return (
        f"hiçbir adım ([[step]]) uymuyor{when}. Her durumda okurun izleyeceği en az bir adım "
        "olmalı: bir [[step]] yazın ya da bir adımın 'when' koşulunu genişletin (yol bilinmiyorsa "
        "bir [[unknown]] yazın)."
    )


def same_id_twice(kind: str, rid: str) -> str:
    return (
        f"aynı kimlikli iki {KINDS[kind]} ({rid!r}) birlikte uyuyor. Aynı kimlik yalnızca "
        "birbirinin yerini alan kurallarda (ayrı tarihler ya da ayrı durumlar için) kullanılır."
    )


def missing_value(kind: str, rid: str, name: str) -> str:
    if name.startswith("il."):
        fact = name.removeprefix("il.")
        return (
            f"{KINDS[kind]} {rid!r} {{{name}}} kullanıyor ama müdürlüğün bilgilerinde "
            f"{fact!r} yok. [[facts]] bloğuna {fact} yazın (kaynağıyla) ya da metinden çıkarın."
        )
    if name.startswith("pay."):
        return (
            f"{KINDS[kind]} {rid!r} {{{name}}} kullanıyor ama bu durumda o değer yok (ödeme yok, "
            "ya da tutar bilinmiyor). 'when' koşuluna payee / priced ekleyin ya da metni değiştirin."
        )
    return f"{KINDS[kind]} {rid!r} {{{name}}} kullanıyor ama bu değer yok."


def payment_needs_fact(rid: str, fact: str) -> str:
    return (
        f"{KINDS['payment']} {rid!r} müdürlüğe ödeme istiyor ama müdürlüğün bilgilerinde "
        f"{fact!r} yok. [[facts]] bloğuna {fact} yazın (kaynağıyla)."
    )


def rule_matches_nothing(kind: str, rid: str) -> str:
    return (
        f"{KINDS[kind]} {rid!r} hiçbir duruma, hiçbir tarihte uymuyor. 'when' koşulunu (yazım "
        "hatası olabilir) ve from/until tarihlerini denetleyin ya da kuralı silin."
    )


def data_incomplete() -> str:
    return "Veri eksik: ortak dosya (kamusm.toml) ve müdürlüğün dosyası (il.toml) birlikte geçerli olmalı."
