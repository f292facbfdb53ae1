"""Helpers for the site tests: page text, links, amounts the engine produces
(the source page's facts are in tests/engine_facts.py)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import eimza
from eimza import money

ROOT = Path(__file__).resolve().parent.parent
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2} TL")
SITUATIONS: tuple[dict[str, Any], ...] = (
    {"situation": "first"},
    {"situation": "renewal", "electronic": True},
    {"situation": "renewal", "electronic": False},
    {"situation": "expired"},
    {"situation": "lost", "with_reader": True},
    {"situation": "lost", "with_reader": False},
    {"situation": "reader-only"},
)
ROLES = ("family-doctor", "staff")


def pages(site: Path) -> list[Path]:
    """Every HTML page of the built site (not the search/assets folders)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def page_urls(site: Path) -> list[str]:
    out = []
    for p in pages(site):
        rel = p.relative_to(site).as_posix()
        out.append("/" + rel.removesuffix("index.html"))
    return out


_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)


def text_of(markup: str) -> str:
    """Visible text (tags dropped, entities decoded, white space collapsed)."""
    body = _SCRIPT.sub(" ", markup)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(body)).strip()


def site_text(site: Path) -> str:
    return " ".join(text_of(p.read_text(encoding="utf-8")) for p in pages(site))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(str(a[key]))


def parse_links(markup: str) -> tuple[list[str], set[str]]:
    p = _Links()
    p.feed(markup)
    return p.links, p.ids


def engine_amounts(data: Any, dates: Iterator[Any] | list[Any]) -> set[str]:
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
        for sit in SITUATIONS:
            for role in ROLES:
                try:
                    q = eimza.quote({**sit, "role": role, "date": day.isoformat()}, data)
                except eimza.EimzaError:
                    continue
                pay = q["payment"]
                if pay is None:
                    continue
                out.add(money.format_tl(pay["total"]))
                for item in pay["items"]:
                    out |= {money.format_tl(item[k]) for k in ("net", "vat", "gross")}
    return out


def quote_dates(data: Any, edition: Any) -> list[Any]:
    return [edition] + [p.verified for p in data.tariffs if p.amounts_known]


class Node:
    """A parsed element: tag, attributes, children (Nodes and text strings)."""

    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag, self.attrs = tag, attrs
        self.children: list[Node | str] = []

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_all(self, pred: Any) -> list[Node]:
        out = []
        for c in self.children:
            if isinstance(c, Node):
                if pred(c):
                    out.append(c)
                out += c.find_all(pred)
        return out

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]


_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_tree(markup: str) -> Node:
    p = _Tree()
    p.feed(_SCRIPT.sub(" ", markup))
    return p.root


def by_id(root: Node, ident: str) -> Node:
    found = root.find_all(lambda n: n.attrs.get("id") == ident)
    assert len(found) == 1, f"{len(found)} elements with id {ident}"
    return found[0]
