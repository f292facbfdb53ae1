"""MkDocs plugin: renders the engine's data into the pages and builds the calculator runtime."""

from __future__ import annotations

import hashlib
import os
import re
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from eimza import wording_site

from . import directorate, messages
from .pages import EDITORS, csp, facts, inline_scripts, tokens
from .pages.tokens import Context, TokenExtension

_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input[^>]*type="checkbox"[^>]*?) autocomplete="off"')


# a link whose text is its own address (an autolink, the engine's links): print shows no
# second copy of it (site.css, @media print)
_ADDRESS_LINK = re.compile(r'<a href="(https?://[^"]+)">\1</a>')

# pages that are not readers' (the editors' guide shows the files' own text)

# Material's search dialog has no accessible name (axe/Lighthouse: aria-dialog-name)
_SEARCH_DIALOG = 'data-md-component="search" role="dialog">'


def _conform(html: str) -> str:
    """Fix the few spots where Material's templates miss HTML conformance or accessibility;
    mark the links whose text is their address (for print)."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html).replace(' tabindex=""', "")
    html = _ADDRESS_LINK.sub(r'<a href="\1" class="eimza-url">\1</a>', html)
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG[:-1] + ' aria-label="Sitede ara">')


def _set_site_url(config: MkDocsConfig, choice: facts.Choice) -> None:
    """The build's public address is its directorate's (eimza_site.directorate.site_url: its
    il.toml's [site] url), whatever mkdocs.yml says: every directorate builds and publishes
    under its own. Runs before mike's on_config (the plugins' order in mkdocs.yml), which
    puts a published edition under it (site_url/YYYY-MM-DD/)."""
    config.site_url = directorate.site_url(choice.data)


def _build_id(config: MkDocsConfig, choice: facts.Choice, runtime_edition: str) -> str:
    """One id per build's content: the runtime, the data bytes, the edition and every source
    file of the pages (docs, fragments, templates, mkdocs.yml)."""
    h = hashlib.sha256()
    for part in (runtime_edition, choice.edition.isoformat(), str(choice.published)):
        h.update(part.encode() + b"\0")
    h.update(choice.data_bytes + b"\0" + choice.editions_bytes + b"\0")
    include = (config.mdx_configs or {}).get("markdown_include.include", {})
    files = [("mkdocs.yml", Path(config.config_file_path))] if config.config_file_path else []
    own = choice.files.directorate.parent / tokens.LOCAL_FOLDER  # the directorate's page texts
    for d in (config.docs_dir, config.theme.custom_dir, include.get("base_path"), own):
        if d and Path(d).is_dir():
            found = sorted(p for p in Path(d).rglob("*") if p.is_file())
            files += [(p.relative_to(d).as_posix(), p) for p in found]
    for name, f in files:
        h.update(name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


class EimzaPlugin(BasePlugin):  # type: ignore[type-arg]
    # Options:
    # - il: the directorate to render, an id under data/iller/ or a folder (default: EIMZA_IL,
    #   else tekirdag); its national file is its data root's kamusm.toml (eimza.paths);
    # - edition: the edition date YYYY-MM-DD (default: EIMZA_EDITION, else today in Türkiye).
    config_scheme = (
        ("il", c.Optional(c.Type(str))),
        ("edition", c.Optional(c.Type(str))),
    )

    def __init__(self) -> None:
        super().__init__()
        self._context: Context | None = None
        self._ext: TokenExtension | None = None
        self.choice: facts.Choice | None = None
        self._scripts: inline_scripts.Expected | None = None
        self._sources: dict[str, str] = {}  # built page → its source, for the build's messages
        # for the search index (search_index.py): each page's location, and the headings
        # its data-search-exclude blocks hold (Material's own parser loses some)
        self._locations: dict[str, str] = {}
        self._excluded: dict[str, set[str]] = {}

    def context(self) -> Context:
        """The build's one data choice (facts.choose: option > env > tekirdag), made once in
        on_config and handed to the pages, the wheel, the snapshot and the service worker."""
        if self._context is None:
            try:
                self.choice = facts.choose(self.config["il"], self.config["edition"])
                self._context = Context(self.choice)
            except facts.SiteError as exc:
                raise PluginError(f"E-İmza Rehberi: {exc}") from exc
            except Exception as exc:  # DataError and friends: show the engine's Turkish text
                raise PluginError(f"E-İmza Rehberi: veri okunamadı: {exc}") from exc
        return self._context

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
        self._context = None
        self._locations, self._excluded = {}, {}
        choice = self.context().choice  # fail early on bad data
        _set_site_url(config, choice)
        # the directorate's name in the description, author and footer (the theme writes these
        # three into the pages as they are: HTML-escaped here)
        name = choice.data.facts_on(choice.edition).name
        config.site_description = escape(wording_site.site_description(name))
        config.site_author = escape(name)
        config.copyright = escape(wording_site.site_footer(name))
        if not (os.environ.get("MIKE_DOCS_VERSION") or os.environ.get("EIMZA_VERSION_SELECTOR")):
            # Not an edition built by mike (nor the editors' preview, watch.py): no
            # versions.json exists, and Material would request it on every page (a 404).
            config.extra.pop("version", None)
        include = (config.mdx_configs or {}).get("markdown_include.include", {})
        base = str(include.get("base_path", "."))
        self._ext = TokenExtension(self.context, base)
        config.markdown_extensions.append(self._ext)
        return config

    def on_page_markdown(self, markdown: str, *, page: Page, **kwargs: Any) -> str:
        if self._ext is not None:
            self._ext.page = page.file.src_uri
        page.update_date = self.context().edition.isoformat()  # the sitemap's lastmod
        self._locations[page.file.src_uri] = page.url
        return markdown

    def on_page_content(self, html: str, *, page: Page, **kwargs: Any) -> str:
        from .pages import claims, search_index

        self._excluded[page.url] = search_index.excluded_headings(html)
        if not page.file.src_uri.startswith(EDITORS):  # a reader's page: every claim
            found = claims.findings(html, set(self.context().data.sources))  # sourced or marked
            if found:
                raise PluginError(claims.message(page.file.src_uri, found))
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Two HTML conformance fixes for Material's own templates (Nu HTML Checker errors):
        `autocomplete` on checkbox toggles and an empty `tabindex` on section labels; then the
        page's Content-Security-Policy `<meta>` with the hashes of its inline scripts (csp.py)."""
        self._sources[page.file.dest_uri] = f"docs/{page.file.src_uri}"
        return csp.insert_meta(_conform(output))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return csp.insert_meta(_conform(output_content))

    # --- calculator runtime (issue 5, eimza_site.runtime.runtime) ---
    def on_env(self, env: Any, *, config: MkDocsConfig, **kwargs: Any) -> Any:
        from .runtime import runtime

        choice = self.context().choice
        self._runtime = runtime.prepare(Path(config.config_file_path).parent, choice.wheel_files())
        runtime.make_snapshot(self._runtime)  # its digest and probe go into the page
        self._runtime.download = runtime.download_size(self._runtime)  # the page's download button
        env.globals["eimza_runtime"] = self._runtime.manifest()  # for overrides/calculator.html
        # Every page says which edition it is (overrides/main.html, partials/source-file.html);
        # the build id lets the service worker refuse a page of another build.
        self._runtime.build_id = _build_id(config, choice, self._runtime.edition)
        env.globals["eimza_edition"] = {
            "build": self._runtime.build_id,
            "published": choice.published,
            "date": choice.edition.isoformat(),
            "stamp": facts.edition_stamp(choice),
            "banner": None if choice.published else wording_site.preview_banner(choice.edition),
            "offline": wording_site.offline_notice(choice.edition, choice.published),
        }
        env.globals["eimza_instant"] = facts.instant_json(choice)  # the form's instant answers
        env.globals["eimza_form"] = facts.form_choices(choice.data)  # its situations, roles, options
        env.globals["eimza_dates"] = facts.dates_json()  # an answer's date in words, without Python
        try:  # the only inline scripts a page may carry (checked in on_post_build)
            self._scripts = inline_scripts.expected(env)
        except inline_scripts.TemplateError as exc:
            raise PluginError(messages.script_templates_broken(str(exc))) from exc
        self._sources = {}
        return env

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        from .pages import search, search_index
        from .runtime import runtime

        site = Path(config.site_dir)
        # an inline script no template wrote: no build (none known: every one is refused)
        allowed = self._scripts or inline_scripts.Expected(())
        found = inline_scripts.check_site(site, allowed, self._sources)
        if found:
            raise PluginError(messages.unexpected_script(*found))
        (site / "_headers").write_text(csp.headers_file(), encoding="utf-8")
        search.add_folding(site)  # before the runtime precompresses the site
        root = Path(config.config_file_path).parent
        try:
            search_index.add_to_index(site, root / search_index.FILE, self._locations, self._excluded)
        except search_index.SearchWordsError as exc:
            raise PluginError(f"E-İmza Rehberi: {exc}") from exc
        rt = runtime.build(site, Path(config.config_file_path).parent, self._runtime)
        # The calculator must answer from the very bytes the pages were rendered from.
        files = self.context().choice.wheel_files()
        shipped = runtime.wheel_data((site / rt.wheel_path).read_bytes(), list(files))
        for name, blob in files.items():
            if shipped[name] != blob:
                raise PluginError(f"E-İmza Rehberi: {wording_site.wheel_data_differs(name)}")
