"""The data as the pages cite it: `data-sources` (the source ids behind a block, which
pages/claims.py checks), the directorate's own sources, a citation with its link, the
directorate's contact facts on the edition date and Kamu SM's services."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from eimza.checks import tel_href
from eimza.model import KAMUSM_KEYS
from eimza.template import PLACEHOLDER

from .escaping import safe_url
from .facts import SiteError

Text = Callable[[str], str]


def sources_attr(ids: Any) -> str:
    return f' data-sources="{escape(" ".join(dict.fromkeys(ids)))}"'


# --- contact, Kamu SM, sources -------------------------------------------------------------


def contact_lines(data: Any, day: Any, text: Text) -> list[str]:
    """The directorate's contact facts on the edition date: its name and unit as a heading,
    whom forms go to, its address, e-mails (zero or more), phone and description pattern."""
    f = data.facts_on(day)
    head = f"{f.name}, {f.unit}" if f.unit else f.name
    lines = [f"## {text(head)}", ""]
    if f.recipient:
        lines.append(f"- **Başvuruları teslim alan:** {text(f.recipient)}")
    if f.address:
        lines.append(f"- **Adres:** {text(f.address)}")
    for email in f.emails or ():
        lines.append(f"- **E-posta:** [{text(email)}](mailto:{text(email)})")
    if f.phone:
        lines.append(f"- **Telefon:** [{text(f.phone)}]({text(tel_href(f.phone))})")
    if f.description:
        lines.append(f"- **Ödemenin açıklama kısmına yazılacak kalıp:** {text(f.description)}")
    if len(lines) == 2:
        lines.append("Bu rehberin kaynaklarında müdürlüğün iletişim bilgisi yok.")
    return [*lines, ""]


def facts_sources(data: Any, day: Any) -> list[str]:
    return [i for b in data.facts_blocks if b.start is None or b.start <= day for i in b.sources]


def kamusm_table(data: Any) -> str:
    """Kamu SM's services (the national file's addresses and phone), each by the name its
    field is declared with, and where they are written (the national file's sources, cited)."""
    k = data.kamusm
    rows = []
    for key in ("portal", "online", "sanalpos", "reader", "tariff"):
        url = getattr(k, key)
        if url:
            href = escape(safe_url(url) or "#")
            rows.append(
                f'<tr><td>{escape(KAMUSM_KEYS[key][1])}</td><td><a href="{href}">{escape(url)}</a></td></tr>'
            )
    if k.phone:
        rows.append(
            f"<tr><td>{escape(KAMUSM_KEYS['phone'][1])}</td>"
            f'<td><a href="{escape(tel_href(k.phone))}">{escape(k.phone)}</a></td></tr>'
        )
    cited = "; ".join(citation_html(data.sources[i]) for i in k.sources)
    return (
        f'<div class="eimza-kamusm"{sources_attr(k.sources)}><div class="md-typeset__scrollwrap">'
        '<div class="md-typeset__table"><table>'
        '<thead><tr><th scope="col">Ne için?</th><th scope="col">Kamu SM adresi</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
        f'<p class="eimza-cite"><small>Kaynak: {cited}</small></p></div>'
    )


def own_sources(data: Any, day: Any) -> list[str]:
    """The directorate's sources: those of its facts in force, of its procedure and of every
    rule (and those a rule's text cites, `{source:…}`), in that order."""
    ids = facts_sources(data, day) + list(data.procedure.sources)
    for rule in data.procedure.rules:
        ids += rule.sources
        for part in (rule.text, rule.basis, rule.receipt):
            ids += [
                m.removeprefix("source:") for m in PLACEHOLDER.findall(part or "") if m.startswith("source:")
            ]
    return list(dict.fromkeys(ids))


def citation_html(source: Any) -> str:
    """A source as a page cites it: its citation, its address a link."""
    text = escape(source.citation)
    if source.url:
        url = escape(source.url)
        text = text.replace(url, f'<a href="{escape(safe_url(source.url) or "#")}">{url}</a>', 1)
    return text


def sources_html(data: Any, ids: list[str]) -> str:
    items = "".join(
        f'<li class="eimza-cite"{sources_attr([i])}>{citation_html(data.sources[i])}</li>' for i in ids
    )
    return f'<ul class="eimza-sources"{sources_attr(ids)}>{items}</ul>'


def cite_html(data: Any, ids: list[str]) -> str:
    """An inline citation of the data's sources (general information names its sources so)."""
    unknown = [i for i in ids if i not in data.sources]
    if unknown or not ids:
        known = ", ".join(sorted(data.sources))
        raise SiteError(
            f"bilinmeyen kaynak {', '.join(unknown) or '(boş)'}; veri dosyalarındaki kaynaklar: {known}"
        )
    cited = "; ".join(citation_html(data.sources[i]) for i in ids)
    return f'<span class="eimza-cite"{sources_attr(ids)}>{cited}</span>'
