"""Blocks rendered at build time from the engine: tariff table, fee chart, decision
diagram, change history and the static answers. HTML is returned as one string (stashed
by the token preprocessor); Markdown blocks are returned as lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape
from typing import Any

from eimza.model import FACT_KEYS

from . import facts
from .citations import cite_html, own_sources, sources_attr
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
            f'<td class="eimza-cite" rowspan="{max(1, len(period.items))}">{_sources_html(data, period)}'
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
                f"<td>{escape(data.items[code].short)}</td>"
                f'<td class="eimza-num">{facts.tl(net)}</td>'
                f'<td class="eimza-num">{facts.tl(vat)} <small>(%{escape(_rate(rate))})</small></td>'
                f'<td class="eimza-num"><strong>{facts.tl(gross)}</strong></td>'
                f"<td>{facts.date_long(period.verified)}</td>"
            )
            rows.append(f"<tr>{head if i == 0 else ''}{cells}{tail if i == 0 else ''}</tr>")
    return (
        f'<div class="eimza-tariffs md-typeset__scrollwrap"{_all_sources(data)}>'
        '<div class="md-typeset__table">'
        "<table>"
        "<caption>Kamu SM ücret tarifesi dönemleri (yeniden eskiye)</caption>"
        "<thead><tr>"
        '<th scope="col">Dönem</th><th scope="col">Kalem</th>'
        '<th scope="col">Net (KDV hariç)</th><th scope="col">KDV</th>'
        '<th scope="col">KDV dahil</th><th scope="col">Tutarın görüldüğü tarih</th>'
        '<th scope="col">Kaynak ve güvenilirlik</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div></div>"
    )


def _all_sources(data: Any) -> str:
    """The `data-sources` of a block drawn from every tariff period (pages/claims.py)."""
    return sources_attr(i for p in data.tariffs for i in p.sources)


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
        # its labels are not words to find
        f'<figure class="eimza-figure" data-search-exclude="true"{_all_sources(data)}>'
        + svg
        + f"<figcaption>{title} (grafiğin metin karşılığı):"
        + '<ul class="eimza-chart-alt">'
        + "".join(alt)
        + "</ul></figcaption></figure>"
    )


# --- price updates ----------------------------------------------------------------------------


def price_updates(data: Any) -> str:
    """The tariff periods whose start is certain (not assumed) and sourced: the announced price
    updates, each with its sources."""
    items = []
    for p in data.tariffs:
        if p.start_assumed or not p.sources:  # an update no source announces is not said
            continue
        known = "." if p.amounts_known else " (tutarlar bu sitede yok)."
        cited = f" Kaynak: {cite_html(data, list(p.sources))}" if p.sources else ""
        items.append(
            f"<li{sources_attr(p.sources)}>{facts.date_long(p.start)} tarihinden itibaren fiyat listesi "
            f"güncellenmiştir{known}{cited}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


# --- change history ------------------------------------------------------------------------


def changelog(data: Any, edition: dt.date) -> str:
    """Every dated fact of the data, newest first, as a list whose lines name their sources:
    the directorate's dated sources, the days its procedure or its facts changed, VAT and
    tariff periods (a period's note is the editors' account of where its amounts were seen;
    a period without a source says so as the site's own words)."""
    events: list[tuple[dt.date, str, tuple[str, ...]]] = []
    for sid in own_sources(data, edition):
        source = data.sources[sid]
        if source.date is not None:
            events.append((source.date, f"{cite_html(data, [sid])}: bu rehberin dayandığı kaynak.", (sid,)))
    events += _procedure_changes(data)
    for block in data.facts_blocks[1:]:
        names = ", ".join(FACT_KEYS[k][1] for k in block.values if k in FACT_KEYS)
        events.append((block.start, f"Müdürlüğün bilgileri değişti: {escape(names)}.", block.sources))
    for vat in data.vat:
        line = f"KDV genel oranı %{_rate(vat.rate)} ({cite_html(data, list(vat.sources))})."
        events.append((vat.start, line, vat.sources))
    for period in data.tariffs:
        assumed = " (başlangıç tarihi kesin değil)" if period.start_assumed else ""
        label = escape(period.label)
        if period.amounts_known and "nes-3y" in period.items:
            gross = facts.item_amounts(data, period, "nes-3y")[2]
            line = (
                f"Kamu SM tarife dönemi {label}{assumed}: {escape(data.items['nes-3y'].short)} "
                f'<span class="eimza-amount">{facts.tl(gross)}</span> (KDV dahil, '
                f"{facts.date_long(period.verified)} tarihli kaynağa göre)."
            )
        else:
            line = f"Kamu SM tarife dönemi {label}{assumed}: tutarlar bu sitede yok."
        if period.note:  # where the amounts were seen: a citation of the tariff's sources
            line += f' <span class="eimza-cite">{escape(period.note)}</span>'

        events.append((period.start, line, period.sources))
    events.sort(key=lambda e: e[0], reverse=True)
    site = ' class="eimza-site"'  # a period without a source: the site says what it lacks
    items = [
        f"<li{sources_attr(ids) if ids else site}><strong>{facts.date_long(day)}</strong>: {line}</li>"
        for day, line, ids in events
    ]
    return '<ul class="eimza-changelog">' + "".join(items) + "</ul>"


def _procedure_changes(data: Any) -> list[tuple[dt.date, str, tuple[str, ...]]]:
    """The days a rule of the procedure starts or ends: a note's own text says what changed;
    any other rule, which situations' way changed."""
    from eimza.template import Context, fill

    by_day: dict[dt.date, tuple[list[str], list[str]]] = {}
    notes: dict[dt.date, str] = {}
    for rule in data.procedure.rules:
        for day in (d for d in (rule.start, rule.until and rule.until + dt.timedelta(days=1)) if d):
            if rule.kind == "note" and rule.text and rule.start == day:
                notes[day] = rule.text
            labels, ids = by_day.setdefault(day, ([], []))
            ids += [i for i in rule.sources if i not in ids]
            for table in rule.when:
                for sid in table.get("situation", tuple(s.id for s in data.situations)):
                    if data.situation(sid).label not in labels:
                        labels.append(data.situation(sid).label)
    out = []
    for day, (labels, ids) in by_day.items():
        if day in notes:
            filled, _ = fill(notes[day], Context(data.facts_on(day), data.kamusm, data.sources))
            out.append((day, escape(filled), tuple(ids)))
        else:
            out.append((day, f"Başvuru yolu değişti: {escape(', '.join(labels))}.", tuple(ids)))
    return out
