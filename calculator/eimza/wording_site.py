"""The site's words about its edition (every page, the calculator) and the build's messages.
Used only by the site build (sitebuild/eimza_site) and `editions`; they do not reach the
reader's browser through the engine."""

from __future__ import annotations

import datetime as dt

from .turkish import date_long


def site_description(name: str) -> str:
    """mkdocs.yml's site_description (the pages' description meta), from the directorate's name."""
    return f"{name} sağlık çalışanları için e-imza (NES) başvuru ve ücret rehberi"


def site_footer(name: str) -> str:
    """Every page's footer (mkdocs.yml's copyright): whose announcements the guide is based on."""
    return f"Kaynak: {name} duyuruları"


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


def wheel_data_differs(name: str) -> str:
    return (
        f"hesaplayıcının paketindeki {name} sayfaların üretildiği veri dosyasıyla bayt bayt aynı "
        "değil; sayfalar ve hesaplayıcı farklı tutarlar gösterirdi. Derleme durduruldu."
    )


def edition_invalid(name: str, raw: str) -> str:
    return f"{name}={raw!r} geçerli bir tarih değil (YYYY-AA-GG, ör. 2026-01-20)."
