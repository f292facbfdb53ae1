"""Helpers for the site tests: page text, links, amounts the engine produces
(the source page's facts are in tests/engine_facts.py)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from eimza_site.pages import sitecheck
from eimza_site.pages.sitecheck import engine_amounts as engine_amounts  # sitecheck's own list, not a copy

ROOT = Path(__file__).resolve().parent.parent
AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2} TL")


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


def parse_links(markup: str) -> tuple[list[str], set[str]]:
    """Every href/src of the markup and every id (sitecheck's parser, without line numbers)."""
    links, ids = sitecheck.parse_links(markup)
    return [link for link, _ in links], ids


def priced_case(data: Any, day: Any, role: str = "family-doctor") -> dict[str, Any]:
    """The first form case of `role` (in the form's order) that pays the directorate a known
    amount on `day` (chosen from the data: a directorate's first application may be unknown)."""
    import eimza
    from eimza.instant import form_cases

    for case in form_cases(data):
        if case["role"] != role:
            continue
        q = eimza.quote({**case, "date": day.isoformat()}, data, require_amounts=False)
        pay = q["payment"]
        if pay and pay["payee"] == "directorate" and pay["total"] is not None:
            return {**case, "date": day.isoformat()}
    raise AssertionError(f"no {role} case pays the directorate a known amount on {day}")


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
