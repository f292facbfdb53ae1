"""Search that finds everyday Turkish queries typed without Turkish letters (issue 13).

Material's search worker loads `assets/javascripts/lunr/min/lunr.tr.min.js` for
`search: {lang: tr}`. After the build, `search-fold.js` (beside this module) is appended to that file: it
wraps `lunr.tr` so that the index's words and the query's words are both folded (ı→i,
ş→s, ç→c, ğ→g, ö→o, ü→u, other accents dropped, lower case) right before the Turkish
stemmer. Run before the runtime's precompression (plugin.on_post_build)."""

from __future__ import annotations

from pathlib import Path

LUNR_TR = Path("assets") / "javascripts" / "lunr" / "min" / "lunr.tr.min.js"
FOLD = Path(__file__).with_name("search-fold.js")
WORDS = Path(__file__).with_name("search-words.js")  # readers' words (search_index.py)
MARK = "E-İmza Rehberi: Turkish search folding"


def add_folding(site_dir: Path) -> None:
    target = site_dir / LUNR_TR
    if not target.is_file():
        raise FileNotFoundError(f"arama dosyası yok: {target}")
    text = target.read_text(encoding="utf-8")
    if MARK not in text:
        added = FOLD.read_text(encoding="utf-8") + WORDS.read_text(encoding="utf-8")
        target.write_text(text + added, encoding="utf-8")
