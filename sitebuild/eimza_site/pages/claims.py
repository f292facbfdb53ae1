"""Every statement on a reader's page is sourced or marked (issue 24, item 3).

A page's content (the HTML its Markdown becomes) may hold text of four kinds only:
- **data**: what a token rendered from the data, inside an element whose `data-sources`
  names the data's source ids behind it (the engine's answers, steps, the account box,
  tables, the directorate's own page texts `sayfalar/*.md`, a citation);
- **general information**: an element of class `eimza-general` that says so visibly
  ("Genel bilgi") and cites its sources (`{{ cite:ID }}`: an element with `data-sources`);
- **the site's own words**: an element of class `eimza-site` (`{: .eimza-site }` after a
  paragraph): what a page shows, where to go next, how the site computes; never a fact of
  the procedure, a fee or a Kamu SM service;
- headings and boxes' titles (they name what follows).
Any other text is a claim with neither a source nor a mark: `unmarked` lists it, and the
build stops on it (plugin.on_page_content), naming the page and the sentence. Every
`data-sources` id must be one of the data's sources."""

from __future__ import annotations

from dataclasses import dataclass

from .sitefacts import Node, tree

MARKS = {"eimza-site", "eimza-general"}
GENERAL = "Genel bilgi"
_SKIP = {"script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "summary"}  # headings, a box's title
_UNITS = {"p", "li", "td", "th", "dt", "dd", "caption", "figcaption", "summary", "pre", "blockquote", "div"}


@dataclass(frozen=True)
class Finding:
    kind: str  # "unmarked" | "source" (an unknown or missing source id) | "general" (no mark or citation)
    text: str


def _sources(node: Node) -> list[str] | None:
    if "data-sources" not in node.attrs:
        return None
    return node.attrs["data-sources"].split()


def findings(markup: str, known: set[str]) -> list[Finding]:
    """What in a page's content is neither data with its sources, marked general
    information with its citation, nor the site's own words (see the module's docstring)."""
    root = tree(markup)  # (the page checks' tree: script and style text left out)
    out: list[Finding] = []
    seen: set[int] = set()

    def unit(node: Node) -> Node:
        while node.parent is not None and node.tag not in _UNITS:
            node = node.parent
        return node

    def walk(node: Node) -> None:
        ids = _sources(node)
        if ids is not None:
            bad = [i for i in ids if i not in known]
            if not ids or bad:
                out.append(Finding("source", f"{node.text()[:80]} ({' '.join(bad) or 'kaynak yok'})"))
            return
        if node.tag in _SKIP or {"headerlink", "admonition-title"} & node.classes():
            return
        if "eimza-general" in node.classes():
            cited = any(_sources(n) for n in node.walk())
            if GENERAL not in node.text() or not cited:
                out.append(Finding("general", node.text()))
            return
        if MARKS & node.classes():
            return
        for child in node.children:
            if isinstance(child, Node):
                walk(child)
            elif child.strip():
                place = unit(node)
                if id(place) not in seen:
                    seen.add(id(place))
                    out.append(Finding("unmarked", _own_text(place)))

    walk(root)
    return out


def _own_text(node: Node) -> str:
    """The unit's text without what is sourced or marked inside it (the words at fault)."""
    parts: list[str] = []
    for c in node.children:
        if isinstance(c, str):
            parts.append(c)
        elif _sources(c) is None and not (MARKS & c.classes()) and c.tag not in _SKIP:
            parts.append(_own_text(c))
        else:
            parts.append("…")
    return " ".join("".join(parts).split())


def message(page: str, found: list[Finding]) -> str:
    """The build's refusal, in Turkish: the page, each statement at fault and what to do."""
    say = {
        "unmarked": "kaynağı da “Genel bilgi” işareti de olmayan metin",
        "source": "veride olmayan ya da boş kaynak",
        "general": "“Genel bilgi” yazmayan ya da kaynağını anmayan genel bilgi",
    }
    lines = [f"E-İmza Rehberi: docs/{page}: sayfada kaynaksız ifade var:"]
    lines += [f"  - {say[f.kind]}: “{f.text[:160]}”" for f in found]
    lines.append(
        "  Yapılacak: ifadeyi bir belirteçle veriden alın (ör. {{ steps:first }}); başka bir "
        "kaynaktan geliyorsa paragrafın sonuna {: .eimza-general } yazıp metne “Genel bilgi” ve "
        "kaynağını ({{ cite:KAYNAK }}) ekleyin; sitenin kendisi hakkında bir sözse (ne gösterdiği, "
        "nereye gidileceği) {: .eimza-site } ile işaretleyin."
    )
    return "\n".join(lines)
