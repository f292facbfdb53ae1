"""The procedure's text templates: `{name}` or `{name|filter|…}` placeholders filled from the
facts on the case's date, Kamu SM's services, the payment and the sources.

Names: `il.<fact>` (a list such as `il.emails` joined "a veya b"), `il.iban_grouped`,
`kamusm.<key>`, `kamusm.menus.<key>` (joined " > "), `pay.total`, `pay.items` (joined " ve "),
`pay.description`, `pay.payee_name`, `date:YYYY-MM-DD` (in words), `source:<id>` (the
citation). Filters: `upper`, `lower`, `title` (Turkish-aware) and the case suffixes `acc`,
`dat`, `loc`, `abl`, `gen`; on a list, each element gets them. Every address, e-mail and
phone a placeholder puts into a text is returned as a link (https:, mailto:, tel:), and so is
an http(s) address written out in the text itself."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import turkish, wording
from .checks import group_iban, tel_href
from .model import FACT_KEYS, KAMUSM_KEYS, Facts, KamuSM, Source

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
WRITTEN_URL = re.compile(r"https?://[^\s<>\"'“”‘’()]+")


def _suffix(case: str) -> Callable[[str], str]:
    return lambda text: turkish.suffix(text, case)


FILTERS: dict[str, Callable[[str], str]] = {
    "upper": turkish.upper,
    "lower": turkish.lower,
    "title": turkish.title,
    **{case: _suffix(case) for case in turkish.SUFFIX_CASES},
}
PAY_NAMES = ("total", "items", "description", "payee_name")


class Missing(Exception):
    """A placeholder whose value is not there on this date (or for this case)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class Context:
    facts: Facts
    kamusm: KamuSM
    sources: Mapping[str, Source]
    pay: Mapping[str, str | tuple[str, ...]] | None = None  # pay.<name>; None: no payment


def parse(text: str) -> tuple[list[tuple[str, tuple[str, ...]]], bool]:
    """([(name, filters)], braces balanced): a `{` or `}` outside a placeholder is False."""
    found = [
        (p[0].strip(), tuple(f.strip() for f in p[1:]))
        for p in (m.split("|") for m in PLACEHOLDER.findall(text))
    ]
    rest = PLACEHOLDER.sub("", text)
    return found, "{" not in rest and "}" not in rest


def name_known(name: str, menus: Mapping[str, Any], sources: Mapping[str, Any]) -> bool:
    """Whether a placeholder name is one the filler knows (with these menus and sources)."""
    head, _, rest = name.partition(".")
    if name.startswith("date:"):
        try:
            dt.date.fromisoformat(name.removeprefix("date:"))
        except ValueError:
            return False
        return bool(re.fullmatch(r"date:\d{4}-\d{2}-\d{2}", name))
    if name.startswith("source:"):
        return name.removeprefix("source:") in sources
    if head == "il":
        return rest in FACT_KEYS or rest == "iban_grouped"
    if head == "kamusm":
        if rest.startswith("menus."):
            return rest.removeprefix("menus.") in menus
        return rest in KAMUSM_KEYS
    if head == "pay":
        return rest in PAY_NAMES
    return False


def _resolve(name: str, ctx: Context) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """(values, joiner, links) of one placeholder; Missing when it has no value."""
    head, _, rest = name.partition(".")
    if name.startswith("date:"):
        return (turkish.date_long(dt.date.fromisoformat(name.removeprefix("date:"))),), "", ()
    if name.startswith("source:"):
        source = ctx.sources[name.removeprefix("source:")]
        return (source.citation,), "", ((source.url,) if source.url else ())
    if head == "il":
        if rest == "iban_grouped":
            if ctx.facts.iban is None:
                raise Missing("il.iban")
            return (group_iban(ctx.facts.iban),), "", ()
        value = getattr(ctx.facts, rest)
        if value is None or value == ():
            raise Missing(name)
        return _with_links(value, FACT_KEYS[rest][0])
    if head == "kamusm":
        if rest.startswith("menus."):
            menu = ctx.kamusm.menus.get(rest.removeprefix("menus."))
            if not menu:
                raise Missing(name)
            return tuple(menu), wording.MENU_SEPARATOR, ()
        value = getattr(ctx.kamusm, rest)
        if value in ("", 0, None):
            raise Missing(name)
        return _with_links(str(value), KAMUSM_KEYS[rest][0])
    if ctx.pay is None or rest not in ctx.pay:
        raise Missing(name)
    value = ctx.pay[rest]
    if isinstance(value, tuple):
        return value, " ve ", ()
    return (value,), "", ()


def _with_links(value: str | tuple[str, ...], kind: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """The value (one or several; joined "a veya b") and the links it brings by its kind."""
    values = value if isinstance(value, tuple) else (value,)
    if kind == "url":
        links = values
    elif kind in ("email", "emails"):
        links = tuple(f"mailto:{v}" for v in values)
    elif kind == "phone":
        links = tuple(tel_href(v) for v in values)
    else:
        links = ()
    return values, "", links


def written_urls(text: str) -> list[str]:
    """The http(s) addresses written out in a text (a sentence's closing mark not included)."""
    return [m.group(0).rstrip(".,;:!?") for m in WRITTEN_URL.finditer(text)]


def fill(text: str, ctx: Context) -> tuple[str, list[str]]:
    """The text with every placeholder filled, and the links its values and its own words
    bring (an address written out in the text is a link too; in order, once each). Raises
    Missing for a placeholder without a value."""
    links: list[str] = []

    def add(found: Iterable[str]) -> None:
        links.extend(u for u in found if u not in links)

    def one(match: re.Match[str]) -> str:
        name, *filters = (part.strip() for part in match.group(1).split("|"))
        values, joiner, found = _resolve(name, ctx)
        shown = list(values)
        for f in filters:
            shown = [FILTERS[f](v) for v in shown]
        if not filters:
            add(found)
        if joiner:
            return joiner.join(shown)
        return wording.join_or(shown)

    out, at = [], 0
    for match in PLACEHOLDER.finditer(text):
        add(written_urls(text[at : match.start()]))
        out += [text[at : match.start()], one(match)]
        at = match.end()
    add(written_urls(text[at:]))
    return "".join(out) + text[at:], links


def missing(text: str, ctx: Context) -> list[str]:
    """Every placeholder of the text that has no value in this context (the data check)."""
    out = []
    for name, _ in parse(text)[0]:
        try:
            _resolve(name, ctx)
        except Missing as m:
            if m.name not in out:
                out.append(m.name)
        except (KeyError, AttributeError, ValueError):
            pass  # an unknown name: reported by the static check
    return out
