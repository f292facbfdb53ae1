"""One directorate's files and publishing names (`make … IL=<id>`, default tekirdag): the only
place that maps a directorate id to its data files, so that the data layout changes here alone.

Publishing scheme: each directorate publishes into its own branch `gh-pages-<id>` (mike's
versions.json and `guncel` alias at that branch's root) under its own public address (its
il.toml's `[site] url`: `site_url`), and tags its editions `<id>/baski-YYYY-MM-DD` (a
correction: `<id>/baski-YYYY-MM-DD-duzeltme-N`). A withdrawn edition's tags are retired to
`<id>/geri-cekilen/<k>/baski-…` (k = 1, 2, … for each withdrawal of that tag), where no command
that looks for `<id>/baski-*` sees them, while the commits stay reachable.

A directorate's data is the national file data/kamusm.toml (shared) and its folder
data/iller/<id>/ (il.toml, baskilar.toml); a build is pointed at that folder through EIMZA_IL
(eimza.paths, facts.choose)."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import messages

DEFAULT = "tekirdag"
IL_ENV = "EIMZA_IL"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# what a build reads besides the data: an uncommitted change here would not be published
BUILD_INPUTS = (
    "mkdocs.yml",
    "docs",
    "docs_fragments",
    "overrides",
    "calculator",
    "sitebuild",
    "scripts",
    "data",
    "pyproject.toml",
    "package.json",
    "package-lock.json",
)
DATA = Path("data")  # the data root: kamusm.toml and iller/<id>/
NATIONAL = DATA / "kamusm.toml"


class UnknownDirectorate(Exception):
    """IL names no directorate of this repository (the message is Turkish)."""


def known(root: Path) -> list[str]:
    """The directorate ids of the repository at `root`."""
    folder = root / DATA / "iller"
    return sorted(p.name for p in folder.iterdir() if (p / "il.toml").is_file()) if folder.is_dir() else []


@dataclass(frozen=True)
class Directorate:
    id: str
    root: Path  # the repository, or an export of one of its commits
    # a folder elsewhere (`make serve IL=tests/data/iller/x`, as check and build take it):
    # relative to root when inside it; previewed, never published (resolve(folders=True))
    folder: Path | None = None

    @property
    def il(self) -> str:
        """What IL= names it by in a command it prints: its id, or the folder given."""
        return self.id if self.folder is None else self.folder.as_posix()

    # ── its data (relative paths: the same in the working tree, a commit, an export) ──────
    @property
    def folder_rel(self) -> Path:
        """Its folder: what the build is given (EIMZA_IL)."""
        return DATA / "iller" / self.id if self.folder is None else self.folder

    @property
    def data_rel(self) -> Path:
        """Its own data file (il.toml; the national file is `NATIONAL`)."""
        return self.folder_rel / "il.toml"

    @property
    def editions_rel(self) -> Path:
        return self.folder_rel / "baskilar.toml"

    @property
    def data_file(self) -> Path:
        return self.root / self.data_rel

    @property
    def editions_file(self) -> Path:
        return self.root / self.editions_rel

    def data_rels(self) -> tuple[Path, ...]:
        """Every file whose bytes are an edition's data besides its editions list (national
        and the directorate's): what undoing a correction restores."""
        return (NATIONAL, self.data_rel)

    def watched(self) -> tuple[str, ...]:
        """What the preview watches besides the pages: the data folder (the national file,
        the directorates' folders and the search's phrasings, data/arama.toml); a folder
        elsewhere too, with the national file its build reads (eimza.paths)."""
        if self.folder is None:
            return (DATA.as_posix(),)
        from eimza.paths import files

        national = files(self.root / self.folder).national.resolve()
        try:
            national = national.relative_to(self.root.resolve())
        except ValueError:
            pass
        return (DATA.as_posix(), self.folder.as_posix(), national.as_posix())

    def build_env(self) -> dict[str, str]:
        """The environment that makes a build read this directorate's data."""
        return {IL_ENV: str(self.root / self.folder_rel)}

    def at(self, root: Path) -> Directorate:
        """The same directorate in another tree (an export of a commit)."""
        return Directorate(self.id, root, self.folder)

    # ── its publishing names ───────────────────────────────────────────────────────────
    @property
    def branch(self) -> str:
        return f"gh-pages-{self.id}"

    @property
    def tag_prefix(self) -> str:
        return f"{self.id}/baski-"

    @property
    def retired_prefix(self) -> str:
        return f"{self.id}/geri-cekilen/"

    def mkdocs_config(self) -> Any:
        from mkdocs.config import load_config

        return load_config(config_file=str(self.root / "mkdocs.yml"))

    # ── an edition's data as committed at a revision, or recorded by its content ─────────
    def load_at(self, rev: str) -> Any:
        """The Data of this directorate at a git revision (a tag), or None when the files are
        not there or do not load."""
        return self._load([f"{rev}:{NATIONAL.as_posix()}", f"{rev}:{self.data_rel.as_posix()}"])

    def load_objects(self, national: str, il: str) -> Any:
        """The Data of this directorate from two git blob ids (an edition's recorded state:
        `[[edition]] data`), or None when an object is not in the repository or does not load."""
        return self._load([national, il])

    def _load(self, objects: list[str]) -> Any:
        from eimza import DataError
        from eimza.loader import parse

        texts = []
        for obj in objects:
            shown = subprocess.run(["git", "-C", str(self.root), "show", obj], capture_output=True, text=True)
            if shown.returncode != 0:
                return None
            texts.append((shown.stdout, obj))
        try:
            return parse(texts[0][0], texts[0][1], texts[1][0], texts[1][1], self.id)
        except DataError:
            return None


def site_url(data: Any) -> str:
    """A directorate's public address, the one value a build and a publication use: its
    il.toml's `[site] url` (checked by the engine; `make publish` also wants it public, https,
    ending in "/"). The plugin makes it the build's site_url (mike puts each edition under it:
    canonical links, sitemap); publish checks it and prints it. Nothing else names it."""
    return str(data.site.url)


def resolve(il: str | None, root: Path, *, target: str = "publish", folders: bool = False) -> Directorate:
    """The directorate IL names (default: EIMZA_IL, else tekirdag) in the repository at root:
    an id of data/iller/, or a path to its folder. With `folders` (`make serve`, as `make
    check` and `make build` do), a path to any folder with an il.toml (relative to root).
    A refusal's example is a `make <target>` command."""
    name = (il if il is not None else os.environ.get(IL_ENV, "")) or DEFAULT
    ids = known(root)
    if os.sep in name or "/" in name:  # a folder (EIMZA_IL as a build's)
        path = Path(name).parent if Path(name).name == "il.toml" else Path(name)
        folder = (root / path).resolve()  # root / an absolute path is that path
        if folder.name in ids and folder == (root / DATA / "iller" / folder.name).resolve():
            return Directorate(folder.name, root)
        found = (folder / "il.toml").is_file()
        if folders and found and _ID.fullmatch(folder.name):
            try:
                return Directorate(folder.name, root, folder.relative_to(root.resolve()))
            except ValueError:
                return Directorate(folder.name, root, folder)
        raise UnknownDirectorate(messages.unknown_folder(name, found, ids, target, folders))
    if not _ID.fullmatch(name) or name not in ids:
        raise UnknownDirectorate(messages.unknown_directorate(name, ids, target, folders))
    return Directorate(name, root)
