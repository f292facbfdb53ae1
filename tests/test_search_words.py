"""Readers' words for the search box (issue 24; eimza_site.pages.search_index): data/arama.toml is
checked with Turkish messages (file, line, what to write), its words reach the built search
index by the rules the module states, and the calculator page's static answers stay out of
the index. The search box itself is driven in tests/test_readers_browser.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from eimza_site.pages import search_index as si
from site_helpers import ROOT

SEP = r"[\s\-,:;!?=\[\]()\"/@]+|\.(?!\d)"  # the kind of separator mkdocs.yml gives Material


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "arama.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(si.SearchWordsError) as info:
        si.load(path)
    return [str(p) for p in info.value.problems]


GOOD = """\
[[target]]
page = "a.md"
phrases = ["kartımı kaybettim"]

[[target]]
page = "b.md"
section = "odeme"
phrases = ["hesap numarası"]
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    targets = si.load(write(tmp_path, GOOD))
    assert [(t.page, t.section, t.phrases, t.line) for t in targets] == [
        ("a.md", None, ("kartımı kaybettim",), 1),
        ("b.md", "odeme", ("hesap numarası",), 5),
    ]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('[[target]]\npage = "a.md"\nphrases = ["x"\n', 3, "söz dizimi"),
        ('sayfa = 1\n[[target]]\npage = "a.md"\nphrases = ["x"]\n', 1, "Bilinmeyen anahtar “sayfa”"),
        ("", None, "Hiç [[target]] yok"),
        ('[[target]]\npage = "a.md"\nphrase = ["x"]\n', 3, "Bilinmeyen anahtar “phrase”"),
        ('[[target]]\npage = "a"\nphrases = ["x"]\n', 2, "yazılan: “a”"),
        ('[[target]]\npage = "a.md"\nsection = "#odeme"\nphrases = ["x"]\n', 3, "# işareti olmadan"),
        ('[[target]]\npage = "a.md"\nphrases = []\n', 3, "phrases boş olamaz"),
        ('[[target]]\npage = "a.md"\nphrases = ["x", "  "]\n', 3, "2. ögesi boş"),
        (
            '[[target]]\npage = "a.md"\nphrases = ["Çalındı"]\n\n'
            '[[target]]\npage = "b.md"\nphrases = ["calindi"]\n',
            7,
            "“calindi” sözü iki hedefte var (a.md ve b.md",
        ),
        (
            '[[target]]\npage = "a.md"\nphrases = ["x"]\n\n[[target]]\npage = "a.md"\nphrases = ["y"]\n',
            5,
            "a.md iki [[target]] bölümünde var",
        ),
    ],
)
def test_each_mistake_is_named_with_its_line(
    tmp_path: Path, text: str, line: int | None, expected: str
) -> None:
    found = problems(write(tmp_path, text))
    where = f"arama.toml:{line} " if line else "arama.toml "
    assert any(
        p.startswith(where.replace("arama.toml", "data/arama.toml")) and expected in p for p in found
    ), found


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    (found,) = problems(tmp_path / "yok.toml")
    assert found.startswith("data/arama.toml: Dosya yok")


def index(*docs: tuple[str, str, str]) -> dict[str, Any]:
    return {
        "config": {"separator": SEP, "fields": {"title": {"boost": 1000.0}}},
        "docs": [{"location": loc, "title": title, "text": text} for loc, title, text in docs],
    }


URLS = {"a.md": "a/", "b.md": "b/"}


def test_words_reach_their_entries_by_the_rules(tmp_path: Path) -> None:
    idx = index(
        ("a/", "Kayıp", "<p>E-imza kartınız kayboldu mu?</p>"),
        ("b/", "Ödeme", "<p>Hesap</p>"),
        ("b/#odeme", "Nasıl ödenir?", "<p>IBAN</p>"),
    )
    targets = si.load(
        write(
            tmp_path,
            '[[target]]\npage = "a.md"\nphrases = ["E-imzamı KAYBETTİM", "yeni kart çıkarmak"]\n\n'
            '[[target]]\npage = "b.md"\nsection = "odeme"\n'
            'phrases = ["hesap no", "kart ile ödeme", "havale"]\n',
        )
    )
    si.apply(idx, targets, URLS)
    got = {doc["location"]: doc.get(si.FIELD) for doc in idx["docs"]}
    # folded; "e" and "no" too short; "imzami" is the pages' "imza" with an ending; "kart" is
    # in both targets; a section's words also lift its page
    assert got == {
        "a/": "kaybettim yeni cikarmak",
        "b/": "hesap ile odeme havale",
        "b/#odeme": "hesap ile odeme havale",
    }
    assert idx["config"]["fields"][si.FIELD] == {"boost": si.BOOST}


def test_a_missing_page_or_heading_names_what_exists(tmp_path: Path) -> None:
    idx = index(("a/", "A", ""), ("a/#bir", "Bir", ""), ("b/", "B", ""))
    targets = si.load(
        write(
            tmp_path,
            '[[target]]\npage = "c.md"\nphrases = ["x"]\n\n'
            '[[target]]\npage = "a.md"\nsection = "iki"\nphrases = ["y"]\n',
        )
    )
    with pytest.raises(si.SearchWordsError) as info:
        si.apply(idx, targets, URLS)
    found = [str(p) for p in info.value.problems]
    assert found == [
        "data/arama.toml:1 [c.md]: “c.md” diye bir sayfa yok. Sayfalar: a.md, b.md.",
        "data/arama.toml:5 [a.md#iki]: a.md sayfasında “iki” bağlantı adlı bir başlık yok "
        "(başlık değişmiş olabilir). Bu sayfanın başlıkları: bir.",
    ]


def test_headings_inside_an_excluded_block_are_found_past_nested_blocks() -> None:
    html = (
        '<h2 id="ust">Üst</h2><div data-search-exclude="true"><h2 id="a">A</h2>'
        '<div class="x"><p>iç</p></div><h3 id="b">B</h3><img src="x.png"><br>'
        '<div><section><h4 id="c">C</h4></section></div></div><h2 id="alt">Alt</h2>'
    )
    assert si.excluded_headings(html) == {"a", "b", "c"}


# --- the shipped file and the session build ---------------------------------------------


def test_the_shipped_file_loads() -> None:
    targets = si.load(ROOT / si.FILE)
    assert targets and all(t.phrases for t in targets)


def test_the_built_index_has_the_words_and_not_the_static_answers(site_dir: Path) -> None:
    built = json.loads((site_dir / si.INDEX).read_text(encoding="utf-8"))
    assert built["config"]["fields"][si.FIELD] == {"boost": si.BOOST}
    with_words = [doc["location"] for doc in built["docs"] if doc.get(si.FIELD)]
    assert len(with_words) >= len(si.load(ROOT / si.FILE))
    # the calculator page's static answers (Material's parser let them in, issue 24)
    page = (site_dir / "ucret-hesaplama" / "index.html").read_text(encoding="utf-8")
    static = page[page.index('<div id="eimza-static"') :]
    ids = re.findall(r'<h[1-6][^>]* id="([^"]+)"', static)
    assert len(ids) >= 14
    indexed = {doc["location"] for doc in built["docs"]}
    assert not [i for i in ids if f"ucret-hesaplama/#{i}" in indexed]
    # the short-word rule of the index is the search box's (pages/search-words.js)
    lunr_tr = (site_dir / "assets" / "javascripts" / "lunr" / "min" / "lunr.tr.min.js").read_text(
        encoding="utf-8"
    )
    assert f'f !== "{si.FIELD}"' in lunr_tr and f"length < {si._MIN_STEM})" in lunr_tr
