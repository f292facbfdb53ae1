"""Checks of a built site against the data it was built from, as `make publish` runs them on
the edition it is about to publish (the tests use the same functions). Each problem is a
`SiteProblem` (check, page, line, Turkish message: what is wrong and what to do);
`report()` turns them into the lines the editor reads.

"Checked against the data" means, for a site built from a directorate's data at the edition
date E (its facts on E: `data.facts_on(E)`), on every HTML page:
- tokens: no `{{ … }}` / `{! … }` left in the markup (code blocks and scripts apart);
- links inside the site: every internal link and its anchor resolve;
- amounts: every "…,.. TL" is one the engine produces for this data (each known tariff
  period's item net/VAT/gross, and every form case's items and total on E and on each
  period's verified date), one a tariff period's note quotes from its source, or, on a line
  of the change history, one a recorded past state of the data gives;
- answers (sitefacts): every engine answer (`article.eimza-answer`) is, text segment by text
  segment and link by link, `eimza.render_html` of the engine's quote for a form case
  (`eimza.instant.form_cases`) on its date (its wrapper's `data-date`, else E) with the same
  title (exactly that case when the wrapper's `data-case` names one: `instant.case_key`, role
  included): steps, items,
  amounts, bank, branch, holder, IBAN, description, receipt, e-mails, warnings alike; a step
  shown outside an answer (`li[data-step]`) is that step's text with its links in some form
  case's answer on E; an unknown-amount box (`div.eimza-error`) is the engine's for E (a form
  case's, or `eimza.evaluate.amounts_unknown` for E, said even when no case pays); the
  calculator page's instant table (`#eimza-instant`) is the worker's answer (`eimza.web.handle`
  without a person) for each of its cases on E;
- IBANs: every IBAN-looking string ("TR" and 18–32 digits, grouped or not) anywhere in the
  markup (text, code, attributes, the instant table) is the directorate's IBAN on E; in a
  list item that is a line of the change history (`eimza.editions.edition_list` for this
  data and its published states, as the page's `editions` token shows them) also a value that
  line names; the editors' guide's code blocks (examples of the files) are not checked;
- e-mails: every `mailto:` link and every address in the text outside code is one of the
  directorate's e-mails on E (the same exception for the history's lines);
- links to other sites (`<a href>` with a scheme): a `tel:` is a phone the data gives (Kamu
  SM's, the directorate's); any other goes to an address the data gives (Kamu SM's addresses,
  the sources' addresses of both files, the rules' `links`, an address a rule's text writes
  out) or to the site's own address
  (`[site] url`) — except on the editors' guide (`editor/`), which shows tools' and the
  preview's addresses; and on every page a link whose text is an address (web, host name,
  e-mail, phone) goes to that very address;
- Kamu SM's links where the page names them: a reading unit (paragraph, list item, table
  row, definition, heading, caption) whose own text names a Kamu SM service by the name its
  data field is declared with (`eimza.model.KamuSM`: "Online İşlemler", "başvuru portalı",
  "sanal POS", "Kart okuyucu başvurusu", "ücret tarifesi", "çağrı merkezi"; a suffix allowed:
  "portalına") and that links Kamu SM addresses, links that service's address.
Hand-written text that names no service is held only by the link rules above: write a Kamu
SM link next to its service's name, or through the engine's steps."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import eimza
from eimza import instant, money
from eimza.wording import TYPED_MAX

from .. import messages
from . import sitefacts

AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2} TL")
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
_CODE = re.compile(r"<(code|pre)\b.*?</\1\s*>", re.S | re.I)
_TOKEN = re.compile(r"\{\{|\{!")


@dataclass(frozen=True)
class SiteProblem:
    check: str  # Turkish name of the check
    page: str  # path inside the site
    line: int | None  # line of the HTML file
    message: str  # what is wrong and what to do, in Turkish

    def __str__(self) -> str:
        return messages.problem_line(self.check, self.page, self.line, self.message)


def _problem(check: str, site: Path, page: Path, line: int | None, message: str) -> SiteProblem:
    """A problem of one page of the site (named by its path inside the site)."""
    return SiteProblem(check, page.relative_to(site).as_posix(), line, message)


def pages(site: Path) -> list[Path]:
    """Every HTML page of the built site (not the assets folder)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def text_of(markup: str) -> str:
    """Visible text (scripts and tags dropped, entities decoded, white space collapsed)."""
    body = _HIDDEN.sub(" ", markup)
    body = re.sub(r"<[^>]+>", " ", body)
    body = html.unescape(body).replace("\xa0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", body).strip()


def _line_at(markup: str, offset: int) -> int:
    return markup.count("\n", 0, offset) + 1


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("href", "src"):
            if a.get(key):
                self.links.append((str(a[key]), self.getpos()[0]))


def parse_links(markup: str) -> tuple[list[tuple[str, int]], set[str]]:
    """(link, line) of every href/src, and every id of the page."""
    p = _Links()
    p.feed(markup)
    return p.links, p.ids


def engine_amounts(data: Any, dates: Iterable[dt.date]) -> set[str]:
    """Every amount the engine produces for the data: item net/VAT/gross of each known
    period (on its verified date) and every quote's items and total on the given dates."""
    out: set[str] = set()
    for period in data.tariffs:
        if not period.amounts_known:
            continue
        rate = data.vat_rate_for(period.verified)
        for item in period.items.values():
            vat = money.vat_of(item.net, rate)
            out |= {money.format_tl(x) for x in (item.net, vat, item.net + vat)}
    for day in dates:
        for case in instant.form_cases(data):  # every case of the data's situations, roles, options
            try:
                q = eimza.quote({**case, "date": day.isoformat()}, data)
            except eimza.EimzaError:
                continue
            pay = q["payment"]
            if pay is None:
                continue
            out.add(money.format_tl(pay["total"]))
            for item in pay["items"]:
                out |= {money.format_tl(item[k]) for k in ("net", "vat", "gross")}
    return out


def quote_dates(data: Any, edition: dt.date) -> list[dt.date]:
    """The dates a page may quote on: the edition date and each known period's verified date."""
    return [edition] + [p.verified for p in data.tariffs if p.amounts_known]


def history_amounts(data: Any) -> dict[str, set[str]]:
    """The change history's own lines that name amounts → the amounts each names that the
    engine computes from a recorded state's data. The history (the `editions` token) compares
    each edition's and each correction's published state with the one before: its lines name
    amounts of past states (a correction's "A yerine B", an undone correction's), which the data
    being published may no longer have. Those states are read back as the build reads them
    (edition_tags.states_for_build: the tags, or an edition's recorded data), from the
    repository holding `data`'s file. An amount is accepted where its line is shown (on the
    change-history page), and nowhere else."""
    from eimza import DataError
    from eimza.editions import edition_list, load_editions

    from ..publish.edition_tags import states_for_build

    path = Path(data.path)
    try:
        eds = load_editions(path.with_name("baskilar.toml"))
    except (DataError, OSError):
        return {}
    states = states_for_build(path, [e.date for e in eds])
    recorded: set[str] = set()
    for state in (s for kept in states.values() for s in kept if s is not None):
        recorded |= engine_amounts(state, ())
    out: dict[str, set[str]] = {}
    for ed in edition_list(eds, data, states):
        for line in [*ed["changes"], *(c for fix in ed["corrections"] for c in fix["changes"] or ())]:
            named = {m.group(0) for m in AMOUNT.finditer(line.replace("\xa0", " "))} & recorded
            if named:
                out[" ".join(line.split())] = named
    return out


def quoted_amounts(data: Any) -> set[str]:
    """The amounts the data's own texts quote from their sources (a tariff period's note, as
    the change history shows it: "ilk başvuru toplamı 158,12 TL")."""
    return {m.group(0).replace("\xa0", " ") for p in data.tariffs for m in AMOUNT.finditer(p.note or "")}


def check_amounts(site: Path, data: Any, edition: dt.date) -> list[SiteProblem]:
    allowed = engine_amounts(data, quote_dates(data, edition)) | quoted_amounts(data)
    history = history_amounts(data)
    out = []
    for page in pages(site):
        markup = page.read_text(encoding="utf-8")
        body = _HIDDEN.sub(lambda m: "\n" * m.group(0).count("\n"), markup)
        plain = html.unescape(re.sub(r"<[^>]+>", lambda m: "\n" * m.group(0).count("\n"), body))
        plain = plain.replace("\xa0", " ").replace("\u202f", " ")
        shown = " ".join(plain.split())
        here = allowed.union(*(named for line, named in history.items() if line in shown))
        for m in AMOUNT.finditer(plain):
            if m.group(0) not in here:
                line = _line_at(plain, m.start())
                out.append(
                    _problem(messages.CHECK_AMOUNTS, site, page, line, messages.unknown_amount(m.group(0)))
                )
    return out


def check_tokens(site: Path) -> list[SiteProblem]:
    out = []
    for page in pages(site):
        markup = page.read_text(encoding="utf-8")
        blank = _CODE.sub(lambda m: "\n" * m.group(0).count("\n"), _HIDDEN.sub(
            lambda m: "\n" * m.group(0).count("\n"), markup))  # fmt: skip
        for m in _TOKEN.finditer(blank):
            # one character more than typed() shows, so that a cut snippet ends in "…"
            snippet = blank[m.start() : m.start() + TYPED_MAX + 1].split("\n", 1)[0]
            line = _line_at(blank, m.start())
            out.append(_problem(messages.CHECK_TOKENS, site, page, line, messages.token_left(snippet)))
    return out


def check_links(site: Path, base: str = "/") -> list[SiteProblem]:
    """Every internal link and anchor resolves. `base` is the path the site is served under
    (the path of its site_url): a link from the server's root (/…) reaches the site only
    under it (mkdocs writes 404.html's links that way)."""
    root = site.resolve()
    cache: dict[Path, set[str]] = {}

    def ids(path: Path) -> set[str]:
        if path not in cache:
            cache[path] = parse_links(path.read_text(encoding="utf-8"))[1]
        return cache[path]

    out = []
    for page in pages(site):
        links, _ = parse_links(page.read_text(encoding="utf-8"))
        for link, line in links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "tel:")):
                continue
            if parts.path.startswith("/"):
                path = unquote(parts.path)
                if not (path.startswith(base) or path + "/" == base):
                    out.append(_problem(messages.CHECK_LINKS, site, page, line, messages.page_missing(link)))
                    continue
                target = (root / path[len(base) :]).resolve()
            elif parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
            else:
                target = page.resolve()
            if target == root.parent:
                continue  # the outdated-edition banner's link: mike's root of all editions
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                out.append(_problem(messages.CHECK_LINKS, site, page, line, messages.page_missing(link)))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids(target):
                missing = messages.anchor_missing(link, parts.fragment)
                out.append(_problem(messages.CHECK_LINKS, site, page, line, missing))
    return out


def check_facts(site: Path, data: Any, edition: dt.date) -> list[SiteProblem]:
    """The answers, IBANs, e-mail addresses, links to other sites and Kamu SM's links of every
    page against the data (sitefacts; the rules: this module's docstring)."""
    engine = sitefacts.Engine(data, edition)
    ok = sitefacts.allowed(data, edition)
    out = []
    for page in pages(site):
        markup = page.read_text(encoding="utf-8")
        root = sitefacts.tree(markup)
        guide = page.relative_to(site).parts[0] == sitefacts.GUIDE
        for check, found in (
            (messages.CHECK_ANSWERS, sitefacts.check_answers(root, engine)),
            (messages.CHECK_ANSWERS, sitefacts.check_instant(root, markup, engine)),
            (messages.CHECK_IBAN, sitefacts.check_ibans(markup, ok, guide)),
            (messages.CHECK_LINKS, sitefacts.check_emails_and_links(root, ok, guide)),
            (messages.CHECK_KAMUSM, sitefacts.check_kamusm(root, data.kamusm)),
        ):
            out += [_problem(check, site, page, line, message) for line, message in found]
    return out


def check_site(site: Path, data: Any, edition: dt.date, base: str = "/") -> list[SiteProblem]:
    """All built-site checks, in the order the editor reads them (`base`: see check_links)."""
    return [
        *check_tokens(site),
        *check_amounts(site, data, edition),
        *check_links(site, base),
        *check_facts(site, data, edition),
    ]


def report(problems: list[SiteProblem]) -> list[str]:
    return [str(p) for p in problems]
