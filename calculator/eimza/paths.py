"""Where the data files are: the one place that knows.

A data root is a folder with `kamusm.toml` (the national file) and `iller/<il>/` folders (each
directorate's `il.toml`, `baskilar.toml`, optional `sayfalar/`). The engine's default data:
- `EIMZA_IL` or `EIMZA_DATA_ROOT` set: the repository's data root (`EIMZA_DATA_ROOT`, else
  the `data/` folder beside `calculator/`) and the directorate `EIMZA_IL` (default
  `tekirdag`); `EIMZA_IL` may also be a path to a directorate folder (a fixture, a copy);
- else the files packaged in `eimza/data/` when there is an `il.toml` there (the wheel the
  site ships: its chosen directorate only);
- else the repository's data root and `tekirdag`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ENV_IL = "EIMZA_IL"
ENV_ROOT = "EIMZA_DATA_ROOT"
DEFAULT_IL = "tekirdag"
NATIONAL = "kamusm.toml"
DIRECTORATE = "il.toml"
EDITIONS = "baskilar.toml"
PAGES = "sayfalar"


@dataclass(frozen=True)
class DataFiles:
    national: Path
    directorate: Path  # the il.toml
    packaged: bool = False  # the wheel's eimza/data/ (no folder named after the directorate)

    @property
    def folder(self) -> Path:
        return self.directorate.parent

    @property
    def editions(self) -> Path:
        return self.folder / EDITIONS

    @property
    def expected_id(self) -> str | None:
        """The id il.toml's [site] must carry: its folder's name (none when packaged)."""
        return None if self.packaged else self.folder.name


def packaged_folder() -> Path:
    return Path(str(resources.files("eimza").joinpath("data")))


def data_root() -> Path:
    env = os.environ.get(ENV_ROOT)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "data"


def _national_for(folder: Path) -> Path:
    """The national file of a directorate folder: beside it (packaged), two levels up when the
    folder is a data root's iller/<il>/ (missing there: an error, not another root's file),
    else the repository's."""
    if (folder / NATIONAL).is_file():
        return folder / NATIONAL
    if folder.parent.name == "iller":
        return folder.parent.parent / NATIONAL
    return data_root() / NATIONAL


def directorate_folder(il: str | os.PathLike[str]) -> Path:
    """A directorate id (`mersin`) or a path to its folder or its il.toml."""
    text = os.fspath(il)
    path = Path(text)
    if path.name == DIRECTORATE:
        return path.parent
    if os.sep in text or "/" in text:
        return path
    return data_root() / "iller" / text


def files(
    il: str | os.PathLike[str] | None = None, national: str | os.PathLike[str] | None = None
) -> DataFiles:
    """The files to load: `il` (id or path) and `national` given, else the defaults above."""
    if il is None and not os.environ.get(ENV_IL) and not os.environ.get(ENV_ROOT):
        packaged = packaged_folder()
        if (packaged / DIRECTORATE).is_file():
            return DataFiles(
                Path(national) if national else packaged / NATIONAL, packaged / DIRECTORATE, True
            )
    folder = directorate_folder(il if il is not None else os.environ.get(ENV_IL) or DEFAULT_IL)
    return DataFiles(Path(national) if national else _national_for(folder), folder / DIRECTORATE)
