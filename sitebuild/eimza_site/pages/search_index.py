"""Material's search index, finished after Material has written it (issue 24).

Readers' own words: `data/arama.toml` ties the phrasings readers type ("kartımı kaybettim",
"hesap numarası", "dekontu nereye gönderiyorum") to the page, or the section of a page,
they are looking for. Each target's phrasings go into its entry of
`search/search_index.json` as a field of their own (`FIELD`, boosted by `BOOST`): searched
like the title and the text, folded the same way (search-fold.js), never shown (Material's
result list renders only title, text and tags).

Material adds a trailing wildcard to every query word and, for `lang: tr`, does not stem:
a query word finds an indexed word it begins ("kaybett" and "kaybettim" find "kaybettim",
"kaybettiğim" does not). The data file's comment tells editors so.

Excluded blocks: Material's parser compares elements by tag name only, so a nested `<div>`
closing inside `<div data-search-exclude>` ends the exclusion, and the calculator page's
static answers were indexed. `excluded_headings` finds, in a page's HTML before Material
reads it, the ids of the headings inside such blocks; `add_to_index` drops their entries."""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from eimza.errors import Problem
from eimza.tomlines import key_name, locate_keys, toml_problem

from .. import messages

FILE = Path("data") / "arama.toml"
INDEX = Path("search") / "search_index.json"
FIELD = "phrases"
# Material's title field has 1000: a phrasing's rare word outweighs a title's common words
# ("e-imza", "ödeme") that other pages share.
BOOST = 3000.0

_KEYS = ("page", "section", "phrases")
_TR = str.maketrans("ıİğĞşŞçÇöÖüÜ", "iIgGsScCoOuU")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TAG = re.compile(r"<[^>]*>")
_MIN_STEM = 3  # the shortest word of the field (= pages/search-words.js), and of a stem
_MAX_ENDING = 3  # "-ımı" in "kartımı"; "yeni" in "yenileme" is another word


class SearchWordsError(Exception):
    """data/arama.toml cannot be used; `problems` says where and what to write."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(messages.search_words_invalid(len(problems), [str(p) for p in problems]))


@dataclass(frozen=True)
class Target:
    page: str  # the page's source file under docs/, e.g. "kayip-calinti.md"
    section: str | None  # a heading's anchor on that page, e.g. "nasil-odenir"
    phrases: tuple[str, ...]
    line: int | None  # where the target starts in the file

    @property
    def name(self) -> str:
        return f"{self.page}#{self.section}" if self.section else self.page


def fold(text: str) -> str:
    """search-fold.js's folding (Turkish letters to their plain forms, other accents and
    format characters dropped, lower case), spaces collapsed: two spellings of one phrasing
    are one phrasing."""
    plain = unicodedata.normalize("NFD", text.translate(_TR))
    kept = (ch for ch in plain if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    return " ".join("".join(kept).lower().split())


def load(path: Path, label: str = str(FILE)) -> list[Target]:
    """The targets of the file at `path` (named `label` in messages), each checked for its
    shape; whether its page and section exist is checked against the built index (`apply`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SearchWordsError([Problem(label, "", None, messages.search_words_missing())]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SearchWordsError([toml_problem(label, text, exc)]) from None
    lines = locate_keys(text)
    problems: list[Problem] = []

    def problem(key: tuple[str | int, ...], message: str) -> None:
        line = lines.get(key) or lines.get(key[:2]) or lines.get(key[:1])
        problems.append(Problem(label, key_name(key), line, message))

    for key in sorted(set(raw) - {"target"}):
        problem((key,), messages.search_words_unknown_key(key, ["target"]))
    entries = raw.get("target")
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        problem(("target",), messages.search_words_no_targets())
        raise SearchWordsError(problems)

    targets: list[Target] = []
    seen: dict[str, str] = {}  # folded phrasing -> the target that has it
    for i, entry in enumerate(entries):
        here: tuple[str | int, ...] = ("target", i)
        for key in sorted(set(entry) - set(_KEYS)):
            problem((*here, key), messages.search_words_unknown_key(key, _KEYS))
        page, section, phrases = (entry.get(k) for k in _KEYS)
        if not isinstance(page, str) or not page.endswith(".md") or page != page.strip():
            problem((*here, "page"), messages.search_words_page_format(page))
            continue
        if section is not None and (not isinstance(section, str) or not section.strip() or "#" in section):
            problem((*here, "section"), messages.search_words_section_format(section))
            continue
        if not isinstance(phrases, list) or not phrases:
            problem((*here, "phrases"), messages.search_words_no_phrases())
            continue
        target = Target(page, section, tuple(p for p in phrases if isinstance(p, str)), lines.get(here))
        if any(t.name == target.name for t in targets):
            problem(here, messages.search_words_target_twice(target.name))
        for n, phrase in enumerate(phrases):
            if not isinstance(phrase, str) or not fold(phrase):
                problem((*here, "phrases"), messages.search_words_empty_phrase(n + 1))
                continue
            first = seen.setdefault(fold(phrase), target.name)
            if first != target.name:
                problem((*here, "phrases"), messages.search_words_duplicate(phrase, first, target.name))
        targets.append(target)
    if problems:
        raise SearchWordsError(problems)
    return targets


def words(target: Target, split: re.Pattern[str]) -> list[str]:
    """A target's phrasings as the index's words: split where Material's tokenizer splits
    (the search config's `separator`), folded, each once, in order; none shorter than
    _MIN_STEM letters (search-words.js: such query words do not search this field)."""
    out: dict[str, None] = {}
    for phrase in target.phrases:
        out.update((w, None) for w in split.split(fold(phrase)) if len(w) >= _MIN_STEM)
    return list(out)


def _site_words(index: dict[str, Any], split: re.Pattern[str]) -> set[str]:
    """Every word of the pages' titles and texts, folded."""
    out: set[str] = set()
    for doc in index["docs"]:
        for field in ("title", "text"):
            out.update(w for w in split.split(fold(_TAG.sub(" ", doc.get(field, "")))) if w)
    return out


def _decides(word: str, site: set[str]) -> bool:
    """A query word finds every indexed word it begins. A word the pages already use with
    a short ending added ("imzamın", "okuyucum", "kartımı": imza, okuyucu, kart) would be
    found by that common word and, as a rare word, outrank the pages about it."""
    return not any(word[:n] in site for n in range(max(_MIN_STEM, len(word) - _MAX_ENDING), len(word)))


def apply(index: dict[str, Any], targets: list[Target], urls: dict[str, str], label: str = str(FILE)) -> None:
    """Add each target's words to its entry of Material's search index (in place), and to
    its page's entry when the target is a section (a page outranks a section). Left out: a
    word that the phrasings of two targets share ("kart" in "yeni kart çıkarmak" and "kart
    okuyucu"), and a longer form of a word the pages use (`_decides`). `urls` maps a page's
    source file to its location in the index ("kayip-calinti/")."""
    docs = {doc["location"]: doc for doc in index["docs"]}
    split = re.compile(index["config"]["separator"])
    problems = []
    found: list[tuple[list[dict[str, Any]], list[str]]] = []
    for t in targets:
        if t.page not in urls:
            problems.append(
                Problem(label, t.name, t.line, messages.search_words_no_page(t.page, sorted(urls)))
            )
            continue
        page = docs[urls[t.page]]
        doc = docs.get(f"{urls[t.page]}#{t.section}") if t.section else page
        if doc is None:
            prefix = urls[t.page] + "#"
            anchors = [loc[len(prefix) :] for loc in docs if loc.startswith(prefix)]
            problems.append(
                Problem(
                    label, t.name, t.line, messages.search_words_no_section(t.page, str(t.section), anchors)
                )
            )
            continue
        found.append(([doc, page] if doc is not page else [doc], words(t, split)))
    if problems:
        raise SearchWordsError(problems)
    counts = Counter(w for _, ws in found for w in ws)
    site = _site_words(index, split)
    for entries, ws in found:
        kept = [w for w in ws if counts[w] == 1 and _decides(w, site)]
        for doc in entries:
            doc[FIELD] = " ".join([*doc.get(FIELD, "").split(), *kept])
    index["config"].setdefault("fields", {})[FIELD] = {"boost": BOOST}


class _Headings(HTMLParser):
    """The ids of the headings inside elements marked data-search-exclude."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, excluded here or above)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        inside = bool(self.stack and self.stack[-1][1])
        found = dict(attrs)
        if inside and tag in _HEADINGS and found.get("id"):
            self.ids.add(str(found["id"]))
        if tag not in _VOID:
            self.stack.append((tag, inside or "data-search-exclude" in found))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):  # close up to the matching open tag
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return


def excluded_headings(html: str) -> set[str]:
    """The ids of the headings a page's HTML has inside `data-search-exclude` blocks."""
    parser = _Headings()
    parser.feed(html)
    parser.close()
    return parser.ids


def add_to_index(site_dir: Path, source: Path, urls: dict[str, str], excluded: dict[str, set[str]]) -> None:
    """Finish the built site's search index: drop the entries of the headings inside excluded
    blocks (`excluded`: page location -> heading ids), then add data/arama.toml's phrasings
    (`source`), checked against the index. Run after Material's search plugin has written the
    index, before the runtime's precompression."""
    path = site_dir / INDEX
    if not path.is_file():
        raise SearchWordsError([Problem(str(INDEX), "", None, messages.search_index_missing())])
    index = json.loads(path.read_text(encoding="utf-8"))
    drop = {f"{page}#{anchor}" for page, anchors in excluded.items() for anchor in anchors}
    index["docs"] = [doc for doc in index["docs"] if doc["location"] not in drop]
    apply(index, load(source), urls)
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")  # as Material writes it
