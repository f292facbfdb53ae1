"""Every statement on a reader's page is sourced or marked (issue 24, item 3), and the pages
are one generic set for every directorate (issue 22, item 4).

pages/claims.py decides it on a page's content: text is data with its sources
(`data-sources`), general information that says so and cites its sources (`.eimza-general`),
the site's own words (`.eimza-site`) or a heading; anything else is listed, and the build
stops on it. Here: the rule on hand-made pages, a build that refuses an unmarked sentence, the
directorate's own page texts and citations through their tokens, and the generic pages
holding no directorate's facts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from eimza.checks import group_iban
from eimza_site.pages import claims
from site_helpers import ROOT

KNOWN = {"a-source", "b-source"}


def kinds(markup: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in claims.findings(markup, KNOWN)]


def test_data_general_information_site_words_and_headings_pass() -> None:
    markup = (
        "<h2>Başlık</h2>"
        '<div data-sources="a-source"><p>Adımlar veriden.</p><ol><li>Bir adım.</li></ol></div>'
        '<p class="eimza-general"><em>Genel bilgi:</em> bir bilgi '
        '(<span class="eimza-cite" data-sources="b-source">Kaynak</span>).</p>'
        '<p class="eimza-site">Hesaplamak için: <a href="x/">Ücret hesaplama</a>.</p>'
        '<div class="admonition note"><p class="admonition-title">Kutunun başlığı</p>'
        '<div data-sources="a-source b-source"><p>Kutu veriden.</p></div></div>'
    )
    assert kinds(markup) == []


def test_an_unmarked_sentence_is_listed_with_its_words() -> None:
    markup = (
        '<p class="eimza-site">Sitenin sözü.</p>'
        '<p>Ücreti yalnızca aile hekimleri öder <span data-sources="a-source">(veri)</span>.</p>'
        "<ul><li>Kaynaksız madde</li></ul>"
    )
    assert kinds(markup) == [
        ("unmarked", "Ücreti yalnızca aile hekimleri öder …."),
        ("unmarked", "Kaynaksız madde"),
    ]


def test_a_source_the_data_lacks_or_none_is_listed() -> None:
    found = kinds('<p data-sources="a-source yok-boyle">x</p><p data-sources="">y</p>')
    assert [k for k, _ in found] == ["source", "source"]
    assert "yok-boyle" in found[0][1] and "kaynak yok" in found[1][1]


@pytest.mark.parametrize(
    "markup",
    [
        '<p class="eimza-general">Başka kurumlara göre bir bilgi '
        '(<span class="eimza-cite" data-sources="a-source">Kaynak</span>).</p>',  # no visible mark
        '<p class="eimza-general"><em>Genel bilgi:</em> kaynaksız bir bilgi.</p>',  # no citation
    ],
    ids=["no-mark", "no-citation"],
)
def test_general_information_needs_its_mark_and_its_citation(markup: str) -> None:
    assert [k for k, _ in kinds(markup)] == ["general"]


# --- builds ------------------------------------------------------------------------------------


def _project_copy(tmp_path: Path) -> Path:
    """A copy of the pages and data that builds (the runtime's inputs linked, its cache shared:
    no Pyodide snapshot is made, EIMZA_NO_SNAPSHOT)."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in ("data", "docs", "docs_fragments", "overrides"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("pyproject.toml", "node_modules", "scripts"):
        (dest / name).symlink_to(ROOT / name)
    cache = ROOT / "build" / "runtime-cache"
    cache.mkdir(parents=True, exist_ok=True)
    (dest / "build").mkdir()
    (dest / "build" / "runtime-cache").symlink_to(cache)
    return dest


def _build(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "EIMZA_NO_SNAPSHOT": "1", **env},
    )


def test_a_page_with_an_unmarked_claim_is_not_built(tmp_path: Path) -> None:
    project = _project_copy(tmp_path)
    page = project / "docs" / "yenileme.md"
    claim = "Yenileme ücretini herkes kendisi öder."
    page.write_text(page.read_text(encoding="utf-8") + f"\n{claim}\n", encoding="utf-8")
    proc = _build(project)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "docs/yenileme.md: sayfada kaynaksız ifade var" in out and f"“{claim}”" in out, out
    assert "{: .eimza-general }" in out and "{: .eimza-site }" in out  # what to do


def test_the_directorates_own_text_and_citations(tmp_path: Path) -> None:
    """`{{ local:NAME }}` puts the directorate's sayfalar/NAME.md on the page, its tokens filled
    and its sources named (nothing when it has none); `{{ cite:ID }}` cites a source of the data
    and stops the build, naming the known ones, for an id the data lacks."""
    project = _project_copy(tmp_path)
    il = project / "data" / "iller" / "tekirdag"
    (il / "sayfalar").mkdir(exist_ok=True)
    (il / "sayfalar" / "deneme-parca.md").write_text("Yerel kural: {{ directorate|gen }} kuralı.\n", "utf-8")
    page = project / "docs" / "sss.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n{{ local:deneme-parca }}\n\n{{ local:olmayan-parca }}\n", encoding="utf-8")
    proc = _build(project, EIMZA_IL=str(il))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    markup = (project / "site" / "sss" / "index.html").read_text(encoding="utf-8")
    name = tomllib.loads((il / "il.toml").read_text(encoding="utf-8"))["facts"][0]["name"]
    assert f"Yerel kural: {name}nün kuralı." in markup  # a name ending "Müdürlüğü": genitive "-nün"
    assert '<div class="eimza-local" data-sources="' in markup
    page.write_text(text + "\nBir bilgi ({{ cite:yok-boyle-kaynak }}).\n{: .eimza-general }\n", "utf-8")
    proc = _build(project, EIMZA_IL=str(il))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "bilinmeyen kaynak yok-boyle-kaynak" in out, out


def test_each_email_is_its_own_link(tmp_path: Path) -> None:
    """A directorate with two e-mails: `{{ email }}` and `<{{ email }}>` give one mailto link
    per address (never one link to "a veya b")."""
    project = _project_copy(tmp_path)
    il = project / "iller-test" / "sinama"
    shutil.copytree(ROOT / "tests" / "data" / "iller" / "sinama", il)
    emails = tomllib.loads((il / "il.toml").read_text(encoding="utf-8"))["facts"][0]["emails"]
    assert len(emails) >= 2  # the fixture's point
    (il / "sayfalar").mkdir(exist_ok=True)
    (il / "sayfalar" / "iletisim.md").write_text("Yazın: <{{ email }}>; ya da {{ email }}.\n", "utf-8")
    proc = _build(project, EIMZA_IL=str(il))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    markup = (project / "site" / "iletisim" / "index.html").read_text(encoding="utf-8")
    local = markup[markup.index('<div class="eimza-local"') :]
    local = local[: local.index("</div>")]
    links = re.findall(r'<a href="([^"]*)">([^<]*)</a>', local)
    assert links == [(f"mailto:{e}", e) for e in emails] * 2, local


def test_generic_pages_hold_no_directorates_facts() -> None:
    """docs/ and docs_fragments/ are one set for every directorate: none of a shipped
    directorate's name, province, IBAN, e-mail, bank, account holder, unit or description is
    written there (they come from the data through tokens); the editors' guide aside."""
    texts = {
        p: p.read_text(encoding="utf-8")
        for folder in ("docs", "docs_fragments")
        for p in (ROOT / folder).rglob("*.md")
        if "editor" not in p.relative_to(ROOT).parts
    }
    found = []
    for il in sorted((ROOT / "data" / "iller").iterdir()):
        raw = tomllib.loads((il / "il.toml").read_text(encoding="utf-8"))
        for block in raw["facts"]:
            values = [
                block.get(k) for k in ("name", "province", "bank", "account_holder", "unit", "description")
            ]
            values += [block.get("iban"), group_iban(block["iban"]) if block.get("iban") else None]
            values += block.get("emails", [])
            for value in filter(None, values):
                found += [f"{p.relative_to(ROOT)}: {value}" for p, t in texts.items() if value in t]
    assert not found, found
