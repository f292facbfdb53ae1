"""Blocks rendered at build time from the engine: tariff table, fee chart, decision
diagram, change history and the static answers. HTML is returned as one string (stashed
by the token preprocessor); Markdown blocks are returned as lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from html import escape
from typing import Any

from . import facts, slug
from .escaping import safe_url

# --- tariff table ---------------------------------------------------------------------------


def _period_name(period: Any) -> str:
    return str(period.label)


def _sources_html(data: Any, period: Any) -> str:
    if not period.sources:
        return "kaynak bulunamadı"
    links = [
        f'<a href="{escape(safe_url(src) or "#")}">{escape(src.split("//", 1)[-1].split("/", 1)[0])}</a>'
        if src.startswith(("https://", "http://"))
        else escape(src)  # a cited document: its citation
        for src in data.source_texts(period.sources)
    ]
    return ", ".join(links)


def tariff_table(data: Any) -> str:
    rows: list[str] = []
    for period in reversed(data.tariffs):
        conf = facts.CONFIDENCE_NAMES.get(period.confidence, period.confidence)
        head = (
            f'<th scope="rowgroup" rowspan="{max(1, len(period.items))}">'
            f"{escape(_period_name(period))}"
            + (" <small>(başlangıcı kesin değil)</small>" if period.start_assumed else "")
            + "</th>"
        )
        tail = (
            f'<td rowspan="{max(1, len(period.items))}">{_sources_html(data, period)}'
            f"<br><small>Güvenilirlik: {escape(conf)}</small></td>"
        )
        if not period.amounts_known or not period.items:
            rows.append(
                f"<tr>{head}<td>Tüm kalemler</td>"
                '<td colspan="4" class="eimza-unknown">Tutarlar bilinmiyor (bu sitede yok)</td>'
                f"{tail}</tr>"
            )
            continue
        rate = data.vat_rate_for(period.verified)
        for i, code in enumerate(period.items):
            net, vat, gross = facts.item_amounts(data, period, code)
            cells = (
                f"<td>{escape(facts.ITEM_NAMES.get(code, code))}</td>"
                f'<td class="eimza-num">{facts.tl(net)}</td>'
                f'<td class="eimza-num">{facts.tl(vat)} <small>(%{escape(_rate(rate))})</small></td>'
                f'<td class="eimza-num"><strong>{facts.tl(gross)}</strong></td>'
                f"<td>{facts.date_long(period.verified)}</td>"
            )
            rows.append(f"<tr>{head if i == 0 else ''}{cells}{tail if i == 0 else ''}</tr>")
    return (
        '<div class="eimza-tariffs md-typeset__scrollwrap"><div class="md-typeset__table">'
        "<table>"
        "<caption>Kamu SM ücret tarifesi dönemleri (yeniden eskiye)</caption>"
        "<thead><tr>"
        '<th scope="col">Dönem</th><th scope="col">Kalem</th>'
        '<th scope="col">Net (KDV hariç)</th><th scope="col">KDV</th>'
        '<th scope="col">KDV dahil</th><th scope="col">Tutarın görüldüğü tarih</th>'
        '<th scope="col">Kaynak ve güvenilirlik</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div></div>"
    )


def _rate(rate: Decimal) -> str:
    return format(rate.normalize(), "f").replace(".", ",")


# --- chart of the 3-year NES fee -----------------------------------------------------------


def nes_chart(data: Any, edition: dt.date) -> str:
    """An inline SVG bar chart of the 3-year NES gross fee per tariff period; unknown
    periods are drawn as empty dashed bars with a question mark. No script."""
    periods = [p for p in data.tariffs if p.start <= edition]
    points: list[tuple[Any, Decimal | None]] = []
    for p in periods:
        if p.amounts_known and "nes-3y" in p.items:
            points.append((p, facts.item_amounts(data, p, "nes-3y")[2]))
        else:
            points.append((p, None))
    known = [v for _, v in points if v is not None]
    top = max(known) if known else Decimal(1)
    width, height, left, bottom, top_pad = 640, 300, 56, 48, 28
    plot_h = height - bottom - top_pad
    slot = (width - left - 16) / max(1, len(points))
    bar_w = slot * 0.6
    parts: list[str] = []
    # axis and grid (four lines)
    for i in range(5):
        y = top_pad + plot_h - plot_h * i / 4
        value = top * i / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" class="eimza-grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="eimza-axis">'
            f"{int(value)}</text>"
        )
    alt: list[str] = []
    for i, (p, value) in enumerate(points):
        x = left + slot * i + (slot - bar_w) / 2
        cx = x + bar_w / 2
        year = str(p.start.year)
        parts.append(
            f'<text x="{cx:.1f}" y="{height - bottom + 18}" text-anchor="middle" '
            f'class="eimza-axis">{year}</text>'
        )
        if value is None:
            h = plot_h * 0.25
            parts.append(
                f'<rect x="{x:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" class="eimza-bar-unknown"/>'
                f'<text x="{cx:.1f}" y="{top_pad + plot_h - h - 6:.1f}" text-anchor="middle" '
                f'class="eimza-label">?</text>'
            )
            alt.append(f"<li>{escape(p.label)}: tutar bilinmiyor</li>")
        else:
            h = float(plot_h * value / top)
            parts.append(
                f'<rect x="{x:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bar_w:.1f}" '
                f'height="{h:.1f}" class="eimza-bar"/>'
                f'<text x="{cx:.1f}" y="{top_pad + plot_h - h - 6:.1f}" text-anchor="middle" '
                f'class="eimza-label">{facts.number(value)}</text>'
            )
            alt.append(f"<li>{escape(p.label)}: {facts.tl(value)} (KDV dahil)</li>")
    parts.append(f'<text x="{left - 40}" y="{top_pad - 10}" class="eimza-axis">TL (KDV dahil)</text>')
    title = "3 yıllık NES ücretinin dönemlere göre değişimi"
    desc = (
        "Çubuk grafik: her tarife döneminde 3 yıllık nitelikli elektronik sertifikanın "
        "KDV dahil ücreti. Tutarı bilinmeyen dönemler kesikli çizgili boş çubuk ve soru "
        "işaretiyle gösterilir. Değerler grafiğin altındaki listededir."
    )
    svg = (
        f'<svg class="eimza-chart" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="eimza-chart-title eimza-chart-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="eimza-chart-title">{title}</title>'
        f'<desc id="eimza-chart-desc">{desc}</desc>' + "".join(parts) + "</svg>"
    )
    return (
        '<figure class="eimza-figure" data-search-exclude="true">'  # its labels are not words to find
        + svg
        + f"<figcaption>{title} (grafiğin metin karşılığı):"
        + '<ul class="eimza-chart-alt">'
        + "".join(alt)
        + "</ul></figcaption></figure>"
    )


# --- decision diagram -----------------------------------------------------------------------


def decision_diagram() -> list[str]:
    """ "Hangi yol benim?" as an HTML/CSS flow (Markdown inside md_in_html, so MkDocs checks
    and rewrites the links): questions in order, each with its "yes" answer."""
    steps = [
        (
            "Kartınız kayboldu veya çalındı mı?",
            "önce sertifikanızı iptal ettirin, sonra yeniden başvurun: "
            "[Kayıp veya çalıntı](kayip-calinti.md)",
        ),
        ("Yalnızca kart okuyucu mu istiyorsunuz?", "[Yalnızca kart okuyucu](kart-okuyucu.md)"),
        ("İlk defa mı e-imza alıyorsunuz?", "[İlk başvuru](ilk-basvuru.md)"),
        (
            "E-imzanızın süresi doldu mu?",
            "[Süresi dolmuş e-imza](suresi-dolmus.md) (ıslak imzalı başvuru)",
        ),
        (
            "Süresi bitmek üzere mi?",
            "[Yenileme](yenileme.md) (mümkünse e-imzalı/e-onaylı)",
        ),
    ]
    lines = ['<nav class="eimza-flow" aria-label="Hangi yol benim? Karar şeması" markdown>', ""]
    for i, (question, yes) in enumerate(steps, start=1):
        lines.append(f"{i}. **{question}**  ")
        lines.append(f"    Evet → {yes}  ")
        no = "sonraki soru ↓" if i < len(steps) else "e-imzanız geçerli: şimdilik bir şey gerekmez"
        lines.append(f"    Hayır → {no}")
        lines.append("")
    lines += [
        "</nav>",
        "",
        "Aile hekimiyseniz ilk başvuruda, yenilemede ve süresi dolmuş e-imzada ücreti de siz "
        "ödersiniz: [Aile hekimleri: ücret ve ödeme](aile-hekimleri.md).",
        "",
    ]
    return lines


# --- change history ------------------------------------------------------------------------


def changelog(data: Any, text: Callable[[str], str] = str) -> list[str]:
    """Markdown lines: every dated fact of the data file, newest first (data text through
    `text`: escaping.Values.put on the pages)."""
    kamusm, t = data.kamusm, text
    events: list[tuple[dt.date, str]] = []
    letter, lost, source = facts.letter(data), facts.lost_changed(data), facts.procedure_source(data)
    if letter is not None:
        events.append(
            (
                letter.date,
                f"{t(letter.issuer)}, {facts.date_long(letter.date)} tarihli ve {t(letter.number)} "
                "sayılı yazı: aile hekimleri e-imza başvurusundan sonra ayrıca e-imza ücretini öder.",
            )
        )
    if lost is not None:
        events.append(
            (
                lost,
                "Kayıp veya çalıntı e-imzalar için başvuru şekli değişti: iptal ve yeni başvuru "
                f"Kamu SM Online İşlemler ({t(kamusm.online)}) üzerinden, ödeme Kamu SM'ye.",
            )
        )
    if source.date is not None:
        events.append(
            (
                source.date,
                f'İl Sağlık Müdürlüğü duyurusu "{t(source.title or "")}" '
                f"({facts.date_long(source.date)}): bu sitenin dayandığı kaynak.",
            )
        )
    for vat in data.vat:
        cited = "; ".join(data.sources[s].citation for s in vat.sources)
        events.append((vat.start, f"KDV genel oranı %{_rate(vat.rate)} ({t(cited)})."))
    for period in data.tariffs:
        assumed = " (başlangıç tarihi kesin değil)" if period.start_assumed else ""
        if period.amounts_known and "nes-3y" in period.items:
            gross = facts.item_amounts(data, period, "nes-3y")[2]
            line = (
                f"Kamu SM tarife dönemi {t(period.label)}{assumed}: 3 yıllık NES "
                f"{facts.tl(gross)} (KDV dahil, {facts.date_long(period.verified)} "
                "tarihli kaynağa göre)."
            )
        else:
            line = f"Kamu SM tarife dönemi {t(period.label)}{assumed}: tutarlar bu sitede yok."
        if period.note:
            line += f" {t(period.note)}"
        events.append((period.start, line))
    events.sort(key=lambda e: e[0], reverse=True)
    return [f"- **{facts.date_long(day)}**: {line}" for day, line in events]


# --- static answers ------------------------------------------------------------------------


def answer_block(ans: facts.Answer, heading_level: int = 3, with_error: bool = True) -> str:
    """The calculator's answer for the case on the edition date (unknown amounts included;
    `with_error=False`: without the unknown-amount message, said once above on the page)."""
    prefix = slug.slugify(f"{ans.title} {facts.ROLES[ans.role]}")
    case = ans.quote["case"]
    attrs = f'data-case="{escape(ans.key)}" data-role="{escape(ans.role)}" data-date="{escape(case["date"])}"'
    html = facts.render_answer(ans, heading_level, prefix, with_error)
    return f'<div class="eimza-static-answer" {attrs}>{html}</div>'
