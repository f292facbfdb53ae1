"""The facts of a built site against the data it was built from: engine answers, IBANs,
e-mail addresses, links to other sites and the placement of Kamu SM's links (what each rule
means exactly: sitecheck's docstring). Each problem is a `sitecheck.SiteProblem`, in Turkish."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import eimza
from eimza import editions, instant, turkish, web
from eimza.checks import group_iban, normalize_iban, tel_href
from eimza.evaluate import amounts_unknown
from eimza.model import KamuSM
from eimza.template import written_urls

from .. import messages

IBAN = re.compile(r"\bTR\d{2}(?:[ \u00a0\u202f]?\d){16,30}")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL_TEXT = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)+\.[a-z]{2,}/?", re.I)
PHONE_TEXT = re.compile(r"\+?\d[\d ]{2,}\d")
GUIDE = "editor"  # the editors' guide: addresses of tools and of the preview, not facts
# elements whose own text is one reading unit (a link's context for the Kamu SM names);
# a table cell's unit is its row
UNITS = {"p", "li", "tr", "dt", "dd", "caption", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"}
SEGMENTS = UNITS | {"td", "th"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base"}
_WORD = re.compile(r"\w+")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self, skip: Callable[[Node], bool] = lambda n: False) -> str:
        parts = [c if isinstance(c, str) else ("" if skip(c) else c.text(skip)) for c in self.children]
        return " ".join("".join(parts).replace("\xa0", " ").replace("\u202f", " ").split())

    def walk(self) -> Iterator[Node]:
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def up(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 1)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0], self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if self.stack[-1].tag not in ("script", "style"):
            self.stack[-1].children.append(data)


def tree(markup: str) -> Node:
    p = _Tree()
    p.feed(markup)
    p.close()
    return p.root


# --- an answer as the reader gets it: its text segments and their links, in order --------------


def _segment_name(node: Node) -> str:
    if node.attrs.get("data-step"):
        return messages.segment_name("step", node.attrs["data-step"])
    if node.attrs.get("data-item"):
        return messages.segment_name("item", node.attrs["data-item"])
    return messages.segment_name("line", None)


def segments(node: Node) -> list[tuple[str, str, tuple[str, ...]]]:
    """(what, text, link targets) of every innermost text element of `node`, in order."""
    return [_segment(n) for n in _segment_nodes(node)]


def _segment_nodes(node: Node) -> list[Node]:
    return [n for n in node.walk() if n.tag in SEGMENTS and not any(d.tag in SEGMENTS for d in n.walk())]


@dataclass
class Engine:
    """The engine's answers for the site's data, by date (cached)."""

    data: Any
    edition: dt.date
    _answers: dict[str, list[tuple[dict[str, Any], Node]]] = field(default_factory=dict)
    _errors: dict[str, list[Node]] = field(default_factory=dict)

    def answers(self, day: str) -> list[tuple[dict[str, Any], Node]]:
        """(case, the engine's <article>) of every form case on `day`."""
        if day not in self._answers:
            found, errors = [], []
            for case in instant.form_cases(self.data):
                full = {**case, "date": day}
                try:
                    q = eimza.quote(full, self.data)
                except eimza.EimzaError as err:
                    if err.code != "tariff-unknown":
                        continue
                    errors.append(next(tree(eimza.render_error_html(err)).walk()))
                    q = eimza.quote(full, self.data, require_amounts=False)
                found.append((case, next(tree(eimza.render_html(q)).walk())))
            self._answers[day], self._errors[day] = found, errors
        return self._answers[day]

    def errors(self, day: str) -> list[Node]:
        """The engine's error boxes on `day`: its form cases' and the day's unknown-amount
        message, said above the answers even when no case pays a known amount."""
        self.answers(day)
        unknown = amounts_unknown(self.data, dt.date.fromisoformat(day))
        said = [next(tree(eimza.render_error_html(unknown)).walk())] if unknown else []
        return self._errors[day] + said


def _title(article: Node) -> str:
    return next((n.text() for n in article.walk() if "eimza-answer__title" in n.classes()), "")


def _wrapper_case(article: Node) -> tuple[str | None, dict[str, Any] | None]:
    """The date a static answer's wrapper gives, and its case when it names one (`data-case`:
    the case's key, instant.case_key, role included)."""
    for node in article.up():
        if "data-date" in node.attrs:
            key = node.attrs.get("data-case")
            try:
                case = json.loads(key) if key else None
            except ValueError:
                case = None
            return node.attrs["data-date"], case if isinstance(case, dict) else None
    return None, None


def _first_difference(page: Node, engine: Node, il: str) -> tuple[int, str]:
    """The line of the page's first segment that differs from the engine's answer, and why."""
    mine, theirs = segments(page), segments(engine)
    nodes = _segment_nodes(page)
    for i in range(max(len(mine), len(theirs))):
        a = mine[i] if i < len(mine) else ("", "", ())
        b = theirs[i] if i < len(theirs) else ("", "", ())
        line = nodes[i].line if i < len(nodes) else page.line
        if a[1] != b[1]:
            return line, messages.answer_text_differs(a[0] or b[0], a[1], b[1], il)
        if a[2] != b[2]:
            return line, messages.answer_link_differs(a[0], a[1], a[2], b[2], il)
    return page.line, messages.answer_order_differs(il)


def _steps(article: Node) -> list[tuple[str, str, tuple[str, ...]]]:
    return [_segment(n) for n in article.walk() if "data-step" in n.attrs]


def _segment(node: Node) -> tuple[str, str, tuple[str, ...]]:
    hrefs = tuple(d.attrs.get("href", "") for d in node.walk() if d.tag == "a")
    return _segment_name(node), node.text(), hrefs


def _alike(a: list[Any], b: list[Any]) -> int:
    return sum(x == y for x, y in zip(a, b, strict=False))


def check_answers(root: Node, engine: Engine) -> list[tuple[int, str]]:
    """Every engine answer on the page equals the engine's for a form case on its date; every
    step shown outside an answer is that step's text on the edition date; every error box is
    one of the engine's for that date."""
    out: list[tuple[int, str]] = []
    edition = engine.edition.isoformat()
    steps = {x for _, a in engine.answers(edition) for x in _steps(a)}
    for node in root.walk():
        if node.tag == "article" and "eimza-answer" in node.classes():
            day, case = _wrapper_case(node)
            day = day or edition
            mine = segments(node)
            candidates = [
                a for c, a in engine.answers(day) if _title(a) == _title(node) and case in (None, c)
            ]
            if not candidates:
                out.append(
                    (
                        node.line,
                        messages.answer_unknown(
                            _title(node), dt.date.fromisoformat(day), engine.data.site.id
                        ),
                    )
                )
            elif not any(segments(a) == mine for a in candidates):
                # compared with the closest (the most segments equal): its differences are the page's
                closest = max(candidates, key=lambda a: _alike(segments(a), mine))
                out.append(_first_difference(node, closest, engine.data.site.id))
        elif "data-step" in node.attrs and not any("eimza-answer" in u.classes() for u in node.up()):
            if _segment(node) not in steps:
                out.append((node.line, messages.step_differs(node.attrs["data-step"], node.text())))
        elif node.tag == "div" and "eimza-error" in node.classes():
            if not any(segments(e) == segments(node) for e in engine.errors(edition)):
                out.append((node.line, messages.error_box_differs(engine.data.site.id)))
    return out


def check_instant(root: Node, markup: str, engine: Engine) -> list[tuple[int, str]]:
    """The calculator page's instant answers are the worker's answers on the edition date."""
    m = re.search(r'<script type="application/json" id="eimza-instant">(.*?)</script>', markup, re.S)
    if not m:
        return []
    line = markup.count("\n", 0, m.start()) + 1
    table = json.loads(m.group(1))
    day = engine.edition.isoformat()
    for key, intervals in table.items():
        case = {**json.loads(key), "date": day}
        message = {"case": case, "person": {"name": "", "surname": "", "tckn": ""}}
        out = json.loads(web.handle(json.dumps(message), engine.data))["answer"]
        wanted = (out["html"], out.get("summary"))
        if any((i["html"], i.get("summary", wanted[1])) != wanted for i in intervals):
            return [(line, messages.instant_differs(key, engine.data.site.id))]
    return []


# --- IBANs, e-mail addresses, links -----------------------------------------------------------


@dataclass(frozen=True)
class Allowed:
    """What the data lets the site show."""

    iban: str | None  # the directorate's on the edition date
    emails: frozenset[str]  # its e-mails on the edition date
    history: frozenset[str]  # IBANs/e-mails the change history's own lines may name
    history_lines: frozenset[str]  # those lines (list items), as text
    urls: frozenset[str]  # every address the data gives (Kamu SM's, sources', rules' links)
    tels: frozenset[str]  # tel: links of the phones the data gives
    site: str  # the site's own address
    il: str  # the directorate's id (the commands its messages print name it)


def _history(data: Any) -> list[str]:
    """The change history's lines for this data and its published states (as the build's
    `editions` token writes them)."""
    from ..publish import edition_tags

    path = Path(data.path)
    try:
        eds = editions.load_editions(path.parent / "baskilar.toml")
    except (eimza.DataError, OSError):
        return []
    states = edition_tags.states_for_build(path, [e.date for e in eds])
    out: list[str] = []
    for ed in editions.edition_list(eds, data, states):
        out += ed["changes"]
        for fix in ed["corrections"]:
            out += fix["changes"] or []
    return out


def allowed(data: Any, edition: dt.date) -> Allowed:
    facts = data.facts_on(edition)
    k = data.kamusm
    urls = {getattr(k, f.name) for f in fields(KamuSM) if f.metadata.get("kind") == "url"}
    urls |= {s.url for s in data.sources.values() if s.url}
    urls |= {link for rule in data.procedure.rules for link in rule.links}
    texts = (t for rule in data.procedure.rules for t in (rule.text, rule.receipt, rule.basis) if t)
    urls |= {url for text in texts for url in written_urls(text)}  # a text's own address is a link
    phones = [p for p in (k.phone, *(b.values.get("phone") for b in data.facts_blocks)) if p]
    lines = _history(data)
    named = {v for line in lines for v in (*IBAN.findall(line), *EMAIL.findall(line))}
    return Allowed(
        normalize_iban(facts.iban) if facts.iban else None,
        frozenset(facts.emails or ()),
        frozenset(normalize_iban(v) if IBAN.fullmatch(v) else v for v in named),
        frozenset(" ".join(line.split()) for line in lines),
        frozenset(u for u in urls if u),
        frozenset(tel_href(p) for p in phones),
        data.site.url,
        data.site.id,
    )


def _in_history(node: Node, ok: Allowed) -> bool:
    return any(n.tag == "li" and n.text() in ok.history_lines for n in (node, *node.up()))


def check_ibans(markup: str, ok: Allowed, guide: bool = False) -> list[tuple[int, str]]:
    """Every IBAN-looking string of the markup (text, code, attributes, the instant table):
    the directorate's on the edition date, or (in a history line) a value that line names.
    On the editors' guide (`guide`), code blocks are examples of the files: not checked."""
    out = []
    skipped = r"<(style|pre|code)\b.*?</\1\s*>" if guide else r"<(style)\b.*?</\1\s*>"
    body = re.sub(skipped, lambda m: "\n" * m.group(0).count("\n"), markup, flags=re.S)
    plain = html.unescape(body)
    for m in IBAN.finditer(plain):
        value = normalize_iban(m.group(0))
        if value == ok.iban or value in ok.history:
            continue
        own = group_iban(ok.iban) if ok.iban else None
        out.append((plain.count("\n", 0, m.start()) + 1, messages.iban_not_data(m.group(0), own, ok.il)))
    return out


def _email_ok(address: str, node: Node, ok: Allowed) -> bool:
    return address in ok.emails or (address in ok.history and _in_history(node, ok))


def _is_code(node: Node) -> bool:
    return any(n.tag in ("code", "pre") for n in (node, *node.up()))


def check_emails_and_links(root: Node, ok: Allowed, guide: bool) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for node in root.walk():
        for child in node.children:
            if isinstance(child, str) and not _is_code(node):
                for m in EMAIL.finditer(child):
                    if not _email_ok(m.group(0), node, ok):
                        out.append((node.line, messages.email_not_data(m.group(0), sorted(ok.emails))))
        if node.tag != "a" or "href" not in node.attrs:
            continue
        href, shown = node.attrs["href"], node.text()
        parts = urlsplit(href)
        if href.startswith("mailto:"):
            address = href.removeprefix("mailto:")
            if not _email_ok(address, node, ok):
                out.append((node.line, messages.email_not_data(address, sorted(ok.emails))))
        elif href.startswith("tel:"):
            if href not in ok.tels:
                out.append((node.line, messages.tel_not_data(href)))
        elif parts.scheme and not guide and href not in ok.urls and not href.startswith(ok.site):
            out.append((node.line, messages.link_not_data(href)))
        problem = _shown_elsewhere(shown, href)
        if problem:
            out.append((node.line, problem))
    return out


def _shown_elsewhere(shown: str, href: str) -> str | None:
    """A link whose text is an address (web, e-mail, phone) goes to that very address."""
    if EMAIL.fullmatch(shown):
        return None if href == f"mailto:{shown}" else messages.link_text_differs(shown, href)
    if URL_TEXT.fullmatch(shown):
        if "://" in shown:
            return None if href == shown else messages.link_text_differs(shown, href)
        host = urlsplit(href).hostname or ""
        return None if host == shown.rstrip("/").lower() else messages.link_text_differs(shown, href)
    if PHONE_TEXT.fullmatch(shown):
        return None if href == tel_href(shown) else messages.link_text_differs(shown, href)
    return None


# --- Kamu SM's links where the page names the service ----------------------------------------


def services(kamusm: KamuSM) -> dict[str, tuple[str, tuple[str, ...]]]:
    """{link target: (the service's name, its words folded)}: each Kamu SM address and its
    phone, named by the label the data's fields are declared with ("Kamu SM Online İşlemler"
    → "Online İşlemler", "Kamu SM sanal POS (borç ödeme)" → "sanal POS")."""
    out = {}
    for f in fields(KamuSM):
        kind, label = f.metadata.get("kind"), f.metadata.get("label", "")
        value = getattr(kamusm, f.name)
        if kind not in ("url", "phone") or not value:
            continue
        name = re.sub(r"\s*\(.*?\)", "", label).removeprefix("Kamu SM ")
        target = tel_href(value) if kind == "phone" else value
        out[target] = (name, tuple(_WORD.findall(turkish.lower(name))))
    return out


def _names(words: list[str], name: tuple[str, ...]) -> bool:
    """The words hold the name's words in a row, each maybe with a suffix ("portalına")."""
    n = len(name)
    return any(all(words[i + j].startswith(name[j]) for j in range(n)) for i in range(len(words) - n + 1))


def _unit(node: Node) -> Node:
    for n in (node, *node.up()):
        if n.tag in UNITS:
            return n
    return node


def check_kamusm(root: Node, kamusm: KamuSM) -> list[tuple[int, str]]:
    """A reading unit (paragraph, list item, table row, …) that names a Kamu SM service and
    links Kamu SM addresses links that service's address."""
    named = services(kamusm)
    out = []
    seen: set[int] = set()
    for link in root.walk():
        if link.tag != "a" or link.attrs.get("href") not in named:
            continue
        unit = _unit(link)
        if id(unit) in seen:
            continue
        seen.add(id(unit))
        own = unit.text(skip=lambda n: n.tag == "a" or n.tag in UNITS)  # its own words, not nested units
        words = _WORD.findall(turkish.lower(own))
        targets = {a.attrs.get("href") for a in unit.walk() if a.tag == "a"}
        for target, (name, folded) in named.items():
            if _names(words, folded) and target not in targets:
                linked = sorted(t for t in targets if t in named)
                out.append((unit.line, messages.kamusm_misplaced(name, target, linked)))
    return out
