"""Quote → Turkish text (CLI) and HTML (site pages and the in-browser calculator).

One renderer for both the build and the worker, so the static answers and the live ones
can never disagree."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any

from . import wording
from .dated import date_line
from .errors import EimzaError
from .money import format_rate, format_tl
from .turkish import date_long


def _d(iso: str) -> str:
    return date_long(dt.date.fromisoformat(iso))


# an amount with its unit ("1.080,00 TL", as money.format_tl writes it) and a grouped IBAN
# ("TR64 0001 2009 3040 0005 0000 16", as checks.group_iban writes it) in a text: each is
# marked so that a phone never breaks it inside (site.css: .eimza-amount, .eimza-iban)
_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})*,\d{2} TL\b")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: [0-9A-Z]{4})+(?: [0-9A-Z]{1,3})?\b")


def amount_html(text: str) -> str:
    """An amount (already formatted) as HTML: one unit that is never broken inside."""
    return f'<span class="eimza-amount">{escape(text, quote=False)}</span>'


def _mark(escaped: str) -> str:
    """Amounts and grouped IBANs of an escaped text (outside its tags) in their spans."""
    parts = re.split(r"(<[^>]*>)", escaped)
    for i in range(0, len(parts), 2):
        part = _AMOUNT.sub(lambda m: f'<span class="eimza-amount">{m.group(0)}</span>', parts[i])
        parts[i] = _IBAN.sub(lambda m: f'<span class="eimza-iban">{m.group(0)}</span>', part)
    return "".join(parts)


def _linkify(text: str, links: list[str] | tuple[str, ...]) -> str:
    """The text escaped, each address of `links` made a link where the text shows it
    (a `tel:` number as it is written, e.g. "444 5 576"); amounts and grouped IBANs marked."""
    return _mark(_linked_text(text, links))


def _linked_text(text: str, links: list[str] | tuple[str, ...]) -> str:
    out = escape(text, quote=False)
    for url in links:
        if url.startswith("tel:"):
            digits = url.removeprefix("tel:")
            found = re.search(r" ?".join(re.escape(ch) for ch in digits), out)
            if found:
                a = f'<a href="{escape(url)}">{found.group(0)}</a>'
                out = out[: found.start()] + a + out[found.end() :]
            continue
        shown = url.removeprefix("mailto:")
        target = escape(shown, quote=False)
        out = out.replace(target, f'<a href="{escape(url)}">{target}</a>', 1)
    return out


def linked(part: dict[str, Any]) -> str:
    """A filled text ({"text", "links"}) as HTML."""
    return _linkify(part["text"], part["links"])


_linked = linked


def render_steps_html(steps: list[dict[str, Any]], start: int = 1) -> str:
    """An answer's steps (or some of them, numbered from `start`) as the answer shows them."""
    first = f' start="{start}"' if start != 1 else ""
    items = [f'<li data-step="{escape(s["id"])}">{_linkify(s["text"], s["links"])}</li>' for s in steps]
    return f'<ol class="eimza-steps"{first}>' + "".join(items) + "</ol>"


def _tariff_line(t: dict[str, Any]) -> str:
    assumed = " (başlangıcı kesin değil)" if t["from_assumed"] else ""
    verified = f", son doğrulama {_d(t['verified'])}" if t["verified"] else ""
    return f"Tarife dönemi: {t['label']}{assumed}{verified}; güvenilirlik: {t['confidence_label']}."


def render_html(q: dict[str, Any], heading_level: int = 2, id_prefix: str = "") -> str:
    """The answer as HTML. Its element ids start with `id_prefix` (with a hyphen after it),
    so that several answers for the same case can share a page. The ids are Turkish and carry
    no date (a shared link survives a new edition; the calculator's HTML depends on the date
    only where the answer does, so one answer serves a whole interval, see eimza.instant)."""
    h = max(1, min(heading_level, 5))
    out = [f'<article class="eimza-answer" data-channel="{escape(q["channel"])}">']
    out.append(f'<h{h} class="eimza-answer__title">{escape(q["title"])}</h{h}>')
    out.append(f'<p class="eimza-channel"><strong>Başvuru şekli:</strong> {escape(q["channel_label"])}</p>')
    steps = [f"<h{h + 1}>Adımlar</h{h + 1}>", '<ol class="eimza-steps">']
    for step in q["steps"]:
        steps.append(f'<li data-step="{escape(step["id"])}">{_linkify(step["text"], step["links"])}</li>')
    steps.append("</ol>")
    pay = q["payment"]
    if q.get("unknown"):  # the directorate's procedure for this case is not known
        out.append(f'<p class="eimza-unknown">{_linked(q["unknown"])}</p>')
        out.append("</article>")
        return "\n".join(out)
    # paying the directorate (family doctors): the amount, IBAN and description come first
    # (what a phone reader looks for); otherwise the steps (a lost card: revoke it first)
    pay_first = pay is not None and pay["payee"] == "directorate"
    if not pay_first:
        out += steps
    if pay is None:
        kind = "eimza-no-payment" + (" eimza-payment-unknown" if q.get("payee") == "unknown" else "")
        reason = _linkify(q["no_payment_reason"], q.get("no_payment_links", []))
        out.append(f'<p class="{kind}">{reason}</p>')
    else:
        anchor = "odeme"  # stable and date-free: a shared link survives a new edition
        if id_prefix:
            anchor = f"{id_prefix}-{anchor}"
        out.append(f'<section class="eimza-payment" aria-labelledby="{anchor}">')
        out.append(f'<h{h + 1} id="{anchor}">Ödeme</h{h + 1}>')
        if pay_first:
            out.append(f'<p class="eimza-pay-when">{escape(wording.PAY_AFTER_APPLYING)}</p>')
        out.append(f"<p><strong>Ödenecek yer:</strong> {escape(pay['payee_name'])}</p>")
        if pay["total"] is None:  # amounts unknown for this date: name the items, no sums
            out.append('<ul class="eimza-items eimza-unpriced">')
            for item in pay["items"]:
                out.append(f'<li data-item="{escape(item["code"])}">{escape(item["label"])}</li>')
            out.append("</ul>")
            out.append(f'<p class="eimza-total">{escape(wording.UNPRICED_TOTAL)}</p>')
        else:
            out.append('<table class="eimza-items"><caption>Ödeme kalemleri</caption><thead><tr>')
            out.append(
                '<th scope="col">Kalem</th><th scope="col">Net</th><th scope="col">KDV</th>'
                '<th scope="col">KDV dahil</th></tr></thead><tbody>'
            )
            for item in pay["items"]:
                out.append(
                    f'<tr data-item="{escape(item["code"])}"><th scope="row">{escape(item["label"])}</th>'
                    f"<td>{amount_html(format_tl(item['net']))}</td>"
                    f"<td>{amount_html(format_tl(item['vat']))} ({format_rate(item['vat_rate'])})</td>"
                    f"<td>{amount_html(format_tl(item['gross']))}</td></tr>"
                )
            out.append("</tbody></table>")
            out.append(
                f'<p class="eimza-total">Toplam: <strong data-total="{escape(pay["total"])}">'
                f"{amount_html(format_tl(pay['total']))}</strong></p>"
            )
        if pay["payee"] == "directorate":
            out.append('<dl class="eimza-bank">')
            out.append(f"<dt>Banka</dt><dd>{escape(pay['bank'])}</dd>")
            if pay.get("branch"):
                out.append(f"<dt>Şube</dt><dd>{escape(pay['branch'])}</dd>")
            out.append(f"<dt>Hesap sahibi</dt><dd>{escape(pay['account_holder'])}</dd>")
            out.append(
                f'<dt>IBAN</dt><dd><code class="eimza-copyable" data-copy="{escape(pay["iban"])}">'
                f"{escape(pay['iban_grouped'])}</code></dd>"
            )
            out.append(
                f'<dt>Açıklama</dt><dd><code class="eimza-copyable" data-copy="'
                f'{escape(pay["description"])}">{escape(pay["description"])}</code></dd>'
            )
            if pay["receipt_emails"]:
                mails = [f'<a href="mailto:{escape(e)}">{escape(e)}</a>' for e in pay["receipt_emails"]]
                out.append(f"<dt>Dekont e-postası</dt><dd>{wording.join_or(mails)}</dd>")
            if pay.get("receipt"):
                out.append(f"<dt>Dekont</dt><dd>{_linked(pay['receipt'])}</dd>")
            out.append("</dl>")
            if pay.get("basis"):
                out.append(f'<p class="eimza-basis">{_linked(pay["basis"])}</p>')
        else:
            url = escape(pay["pay_url"])
            out.append(f'<p>Ödeme adresi: <a href="{url}">{url}</a></p>')
        out.append("</section>")
    if pay_first:
        out += steps
    t = q["tariff"]
    if t is not None:
        sources = ", ".join(f'<a href="{escape(s)}">{escape(s)}</a>' for s in t["sources"])
        out.append(f'<p class="eimza-tariff">{escape(_tariff_line(t))} Kaynak: {sources}</p>')
    if q["warnings"]:
        out.append(f"<h{h + 1}>Uyarılar</h{h + 1}>")
        out.append('<ul class="eimza-warnings">')
        for w in q["warnings"]:
            links = w.get("links") or [w_ for w_ in w["message"].split() if w_.startswith("http")]
            out.append(f'<li data-warning="{escape(w["code"])}">{_linkify(w["message"], links)}</li>')
        out.append("</ul>")
    out.append("</article>")
    return "\n".join(out)


def render_error_html(err: EimzaError) -> str:
    links = getattr(err, "links", ()) or ((err.link,) if err.link else ())
    if err.code == "tariff-unknown":  # not a failure: the fee is not on the site yet
        text = _linkify(err.message, [u for u in links if not u.startswith("http")])
        for url in (u for u in links if u.startswith("http")):  # the page's name is the link
            name = escape(wording.TARIFF_PAGE_NAME, quote=False)
            shown = f"{name} ({escape(url, quote=False)})"
            text = text.replace(shown, f'<a href="{escape(url)}">{name}</a>', 1)
        old = escape(wording.DO_NOT_PAY_OLD, quote=False)
        text = text.replace(old, f"<strong>{old}</strong>")
        return f'<div class="eimza-error eimza-unpriced" data-error="tariff-unknown"><p>{text}</p></div>'
    return (
        f'<div class="eimza-error" data-error="{escape(err.code)}"><p><strong>Hesaplanamadı.</strong> '
        f"{_linkify(err.message, links)}</p></div>"
    )


def render_answer_html(
    q: dict[str, Any],
    error: EimzaError | None = None,
    heading_level: int = 2,
    id_prefix: str = "",
    dated: bool = True,
) -> str:
    """What the reader is shown for a case, on a page and in the calculator alike: the
    answer's date in words (`dated`; the calculator shows it in the answer's head instead,
    eimza.dated), then the unknown-amount message when the amounts are not in the data,
    then the answer."""
    html = render_html(q, heading_level, id_prefix)
    html = f"{render_error_html(error)}\n{html}" if error is not None else html
    return f"{date_line(dt.date.fromisoformat(q['case']['date']))}\n{html}" if dated else html


def render_text(q: dict[str, Any]) -> str:
    day = date_long(dt.date.fromisoformat(q["case"]["date"]))
    lines = [q["title"], f"{wording.DATE_LABEL}: {day}", f"Başvuru şekli: {q['channel_label']}", ""]
    if q.get("unknown"):
        return "\n".join([*lines, q["unknown"]["text"]])
    lines.append("Adımlar:")
    lines += [f"  {i}. {s['text']}" for i, s in enumerate(q["steps"], start=1)]
    pay = q["payment"]
    lines.append("")
    if pay is None:
        lines.append(q["no_payment_reason"])
    else:
        lines.append(f"Ödeme ({pay['payee_name']}):")
        for item in pay["items"]:
            if pay["total"] is None:
                lines.append(f"  - {item['label']}")
                continue
            lines.append(
                f"  - {item['label']}: {format_tl(item['net'])} + "
                f"{format_rate(item['vat_rate'])} KDV {format_tl(item['vat'])} = {format_tl(item['gross'])}"
            )
        total = wording.UNPRICED_TOTAL if pay["total"] is None else f"Toplam: {format_tl(pay['total'])}"
        lines.append(f"  {total}")
        if pay["payee"] == "directorate":
            lines.append(f"  Banka: {pay['bank']}")
            if pay.get("branch"):
                lines.append(f"  Şube: {pay['branch']}")
            lines += [
                f"  Hesap sahibi: {pay['account_holder']}",
                f"  IBAN: {pay['iban_grouped']}",
                f"  Açıklama: {pay['description']}",
            ]
            if pay["receipt_emails"]:
                lines.append(f"  Dekont e-postası: {wording.join_or(pay['receipt_emails'])}")
            if pay.get("receipt"):
                lines.append(f"  Dekont: {pay['receipt']['text']}")
            if pay.get("basis"):
                lines.append(f"  {pay['basis']['text']}")
        else:
            lines.append(f"  Ödeme adresi: {pay['pay_url']}")
    if q["tariff"] is not None:
        t = q["tariff"]
        lines += ["", _tariff_line(t), "Kaynak: " + ", ".join(t["sources"])]
    if q["warnings"]:
        lines += ["", "Uyarılar:"] + [f"  ! {w['message']}" for w in q["warnings"]]
    return "\n".join(lines)


__all__ = ["render_answer_html", "render_error_html", "render_html", "render_text", "wording"]
