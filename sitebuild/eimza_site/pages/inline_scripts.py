"""The inline scripts a built page may carry: those the project's templates write, and no other.

csp.py allows each page's inline scripts by hash, whatever they are; so a `<script>` that
arrived through Markdown, a fragment or the data would run as if the project had written it.
The build therefore knows the expected ones: the inline scripts of the templates listed in
TEMPLATES (the project's own in overrides/, and Material's that this site's pages use), read
from the theme as the build resolves it (an override replaces Material's template of the same
name, so the expected text follows the templates, and a Material upgrade that changes one is
followed too). Each becomes a pattern: its text literally, each `{{ … }}` a placeholder that
cannot leave a JavaScript string or the script (no quote, backslash, `<`, `>` or `&`; a
`| tojson` value: no `<`, `>`, `&` or `'`, which Jinja's tojson escapes). Every built HTML
file is checked after the build (`unexpected`); the plugin stops the build with a Turkish
message naming the page (eimza_site.messages.unexpected_script).

A new inline script in a template needs its template added to TEMPLATES (with a `{% … %}`
inside a script's text the pattern is refused: keep logic out of inline scripts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import csp

# template names as the theme loader knows them
TEMPLATES = (
    # the project's (overrides/partials/)
    "partials/eimza-frame.html",  # framed: hide the page (every page)
    "partials/eimza-boot.html",  # calculator: starts the worker
    "partials/eimza-instant.html",  # calculator: the instant answer before the first paint
    "partials/eimza-offline.html",  # every page: registers the offline copy (sw.js)
    "partials/javascripts/outdated.html",  # Material's banner check, overridden (relative base)
    # Material's own (mkdocs-material templates/partials/javascripts/)
    "partials/javascripts/base.html",  # __md_scope, __md_get/__md_set
    "partials/javascripts/palette.html",  # the colour scheme toggle
    "partials/javascripts/content.html",  # content tabs
    "partials/javascripts/announce.html",  # the announcement bar (the preview banner)
)

_TEMPLATE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STRING_VALUE = r"[^<>&'\"\\]*"
_JSON_VALUE = r"[^<>&']*"


class TemplateError(ValueError):
    """A listed template is missing, or one of its inline scripts cannot become a pattern."""


@dataclass(frozen=True)
class Expected:
    patterns: tuple[re.Pattern[str], ...]

    def allows(self, body: str) -> bool:
        return any(p.fullmatch(body) for p in self.patterns)


def _pattern(env: Any, body: str, where: str) -> re.Pattern[str]:
    """The script text as a pattern: Jinja's own lexer splits it into text and expressions."""
    out: list[str] = []
    expression: list[str] | None = None
    # an end mark: Jinja's lexer would drop the text's trailing newline, the template's does not
    for _, kind, value in env.lex(body + "\x00"):
        if kind == "data":
            out.append(re.escape(value.removesuffix("\x00")))
        elif kind == "variable_begin":
            expression = []
        elif kind == "variable_end":
            out.append(_JSON_VALUE if expression and "tojson" in expression else _STRING_VALUE)
            expression = None
        elif kind == "block_begin":
            raise TemplateError(f"{where}: a {{% … %}} inside an inline script")
        elif expression is not None:
            expression.append(value)
    return re.compile("".join(out), re.S)


def expected(env: Any, templates: tuple[str, ...] = TEMPLATES) -> Expected:
    """The patterns of every inline script the listed templates can write (as the build's Jinja
    environment resolves them)."""
    patterns: list[re.Pattern[str]] = []
    for name in templates:
        try:
            source, _, _ = env.loader.get_source(env, name)
        except Exception as exc:  # jinja2.TemplateNotFound
            raise TemplateError(f"{name}: not found in the theme") from exc
        source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
        for attrs, body in _TEMPLATE_SCRIPT.findall(source):
            if csp.inline_scripts(f"<script{attrs}>x</script>"):  # it runs (no src, a JS type)
                patterns.append(_pattern(env, body, name))
    return Expected(tuple(patterns))


def unexpected(markup: str, allowed: Expected) -> list[str]:
    """The page's inline scripts that no listed template writes, in page order."""
    return [body for body in csp.inline_scripts(markup) if not allowed.allows(body)]


def check_site(site: Path, allowed: Expected, sources: dict[str, str]) -> tuple[str, str] | None:
    """The first built HTML file carrying an unexpected inline script: (its name, the script);
    the name is its source (`sources`: built path → `docs/….md`) when known."""
    for page in sorted(site.rglob("*.html")):
        found = unexpected(page.read_text(encoding="utf-8", errors="replace"), allowed)
        if found:
            rel = page.relative_to(site).as_posix()
            return sources.get(rel, rel), found[0]
    return None
