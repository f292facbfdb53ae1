"""Data-file text on the pages, escaped for wherever it lands.

A token's value never enters the Markdown source: the token preprocessor puts an inert
placeholder there (letters and digits; a URL-shaped one for URLs, so `<{{ url.portal }}>`
stays an autolink), Markdown renders the page around it, and then a tree processor puts the
value back where the placeholder landed: as text (escaped by the serializer, `&` too), as
an attribute value (URL attributes also get a scheme check and percent-encoding), and in
the HTML Markdown keeps aside (code blocks, raw HTML) escaped for text or attribute. So
HTML or Markdown in a data file shows as typed and never becomes an element, an attribute
or a link. Blocks built here from data (change history, notices, editions) go through the
same door (`Values.put`)."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from urllib.parse import quote, urlsplit

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

PLACEHOLDER = re.compile(r"https://eimzadeger(\d+)x\.invalid|eimzadeger(\d+)x")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "cite", "data", "xlink:href"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# characters a URL may keep as they are (RFC 3986 reserved + unreserved, and "%")
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"
_TAG = re.compile(r"<[^>]*>")
_ATTR = re.compile(r"""([^\s=/<>"']+)(\s*=\s*)("[^"]*"|'[^']*'|[^\s>"']+)""")
# after this priority: inline patterns (20) and attr_list (8); before it: toc (5), which
# must slugify the real text
PRIORITY = 7


def safe_url(url: str) -> str:
    """The URL percent-encoded where a URL cannot hold a character as it is; "" when its
    scheme is not one a page may link to (javascript:, data:, …)."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    if scheme and scheme not in SAFE_SCHEMES:
        return ""
    return quote(url, safe=_URL_SAFE)


class Values:
    """The data values of one page, each behind a placeholder."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def put(self, value: str) -> str:
        """The placeholder that stands for `value` in the page's Markdown."""
        value = str(value)
        self.values.append(value)
        n = len(self.values) - 1
        return (
            f"https://eimzadeger{n}x.invalid"
            if value.startswith(("http://", "https://"))
            else f"eimzadeger{n}x"
        )

    def _value(self, m: re.Match[str]) -> str:
        return self.values[int(m.group(1) or m.group(2))]

    def raw(self, text: str) -> str:
        return PLACEHOLDER.sub(self._value, text)

    def for_tree_text(self, text: str) -> str:
        # the serializer escapes < and >, and & only when it does not start an entity
        return PLACEHOLDER.sub(lambda m: self._value(m).replace("&", "&amp;"), text)

    def for_tree_attribute(self, name: str, value: str) -> str | None:
        out = self.raw(value)
        if name.lower() in URL_ATTRIBUTES:
            out = safe_url(out)
            if not out:
                return None
        return out.replace("&", "&amp;")

    def for_html(self, markup: str) -> str:
        """Placeholders in a piece of HTML, escaped for text or attribute as they stand."""
        out: list[str] = []
        pos = 0
        for m in _TAG.finditer(markup):
            out.append(
                PLACEHOLDER.sub(lambda v: html.escape(self._value(v), quote=False), markup[pos : m.start()])
            )
            out.append(
                _ATTR.sub(self._html_attribute, m.group(0)) if PLACEHOLDER.search(m.group(0)) else m.group(0)
            )
            pos = m.end()
        out.append(PLACEHOLDER.sub(lambda v: html.escape(self._value(v), quote=False), markup[pos:]))
        return "".join(out)

    def _html_attribute(self, m: re.Match[str]) -> str:
        name, value = m.group(1), m.group(3)
        if not PLACEHOLDER.search(value):
            return m.group(0)
        if value[:1] in "\"'":
            value = value[1:-1]
        out = self.raw(html.unescape(value))
        if name.lower() in URL_ATTRIBUTES:
            out = safe_url(out) or "#"
        return f'{name}="{html.escape(out)}"'


class ValueTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, values: Values) -> None:
        super().__init__(md)
        self.values = values

    def run(self, root: etree.Element) -> None:
        if not self.values.values:
            return
        for el in root.iter():
            if el.text and PLACEHOLDER.search(el.text):
                el.text = type(el.text)(self.values.for_tree_text(el.text))
            if el.tail and PLACEHOLDER.search(el.tail):
                el.tail = type(el.tail)(self.values.for_tree_text(el.tail))
            for name, value in list(el.attrib.items()):
                if PLACEHOLDER.search(value):
                    new = self.values.for_tree_attribute(name, value)
                    if new is None:
                        del el.attrib[name]
                    else:
                        el.attrib[name] = new
        stash = self.md.htmlStash.rawHtmlBlocks
        for i, block in enumerate(stash):
            if isinstance(block, str) and PLACEHOLDER.search(block):
                stash[i] = self.values.for_html(block)


def leftover(markup: str) -> str | None:
    """A placeholder that survived (a value split where it could not be put back), if any."""
    found = PLACEHOLDER.search(markup)
    return found.group(0) if found else None
