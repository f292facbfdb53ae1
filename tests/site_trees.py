"""Served trees besides the session build, for the zero-error sweep and the CSP tests:

- `mike_tree`: what `mike deploy --alias-type=redirect EDITION guncel` + `set-default guncel`
  leave on gh-pages, made without git: the edition built as mike builds it (MIKE_DOCS_VERSION),
  an older edition (the same files under another name: its outdated banner shows), the alias
  folder `guncel/` and the root `index.html` as redirect pages rendered from the project's
  redirect template the way mike renders it, and versions.json.
- `preview_tree`: the editors' `make serve` folder (eimza_site.preview.watch.Preview), built once."""

from __future__ import annotations

import json
import os
import posixpath
import shutil
from pathlib import Path

import jinja2

from conftest import ROOT, build_site

EDITION = "2026-01-20"
OLDER = "2025-06-01"
ALIAS = "guncel"
REDIRECT_TEMPLATE = ROOT / "sitebuild" / "eimza_site" / "publish" / "mike-redirect.html"


def redirect_template() -> jinja2.Template:
    # as mike.commands._redirect_template reads it
    return jinja2.Template(REDIRECT_TEMPLATE.read_text("utf-8"), autoescape=True, keep_trailing_newline=True)


def mike_tree(dest: Path) -> Path:
    dest.mkdir(parents=True)
    old = os.environ.get("MIKE_DOCS_VERSION")
    os.environ["MIKE_DOCS_VERSION"] = EDITION
    try:
        edition = build_site(dest / EDITION)
    finally:
        if old is None:
            os.environ.pop("MIKE_DOCS_VERSION")
        else:
            os.environ["MIKE_DOCS_VERSION"] = old
    shutil.copytree(edition, dest / OLDER)
    template = redirect_template()
    for page in edition.rglob("*.html"):
        rel = page.relative_to(edition).as_posix()
        if rel.startswith("assets/"):
            continue
        src = f"{ALIAS}/{rel}"
        # mike.commands._add_redirect_to_commit with use_directory_urls
        href = posixpath.relpath(f"{EDITION}/{rel}", posixpath.dirname(src))
        if posixpath.basename(href) == "index.html":
            href = posixpath.dirname(href) + "/"
        target = dest / src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.render(href=href), "utf-8")
    (dest / "index.html").write_text(template.render(href=f"{ALIAS}/"), "utf-8")
    versions = [
        {"version": EDITION, "title": EDITION, "aliases": [ALIAS]},
        {"version": OLDER, "title": OLDER, "aliases": []},
    ]
    (dest / "versions.json").write_text(json.dumps(versions), "utf-8")
    return dest


def preview_tree(dest: Path) -> Path:
    from eimza_site.preview.watch import Preview

    preview = Preview(ROOT, dest, log=lambda _: None)
    preview.prepare()
    assert preview.build(), "the preview build failed"
    return preview.out
