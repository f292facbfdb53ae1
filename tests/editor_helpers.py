"""Helpers for the editors' workflow tests: a throwaway copy of the project (its tracked
files, a fresh git repository) in which the engine, the site plugin and mike run from the
copy, and the text edit an editor makes when the 2026 prices come out.

The copy's data files are the frozen fixtures of tests/data/ (the national file with 2026
without amounts; Tekirdağ's il.toml and one edition), not the shipped ones: a real tariff
update or a new edition changes no test."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IL = "tekirdag"  # the copies' directorate (make's default)
DATA_REL = Path("data/kamusm.toml")  # the national file: the tariff an editor updates
IL_REL = Path("data/iller") / IL  # the directorate's folder (what EIMZA_IL names)
EDITIONS_REL = IL_REL / "baskilar.toml"
FIXTURE_DATA = ROOT / "tests" / "data" / "kamusm.toml"
FIXTURE_IL = ROOT / "tests" / "data" / "iller" / IL
FIXTURE_EDITIONS = FIXTURE_IL / "baskilar.toml"
PUBLIC_ADDRESS = "https://rehber.example.org/eimza/"  # the copies' [site] url (reserved domain)
FIRST_EDITION = "2024-03-04"  # the fixture's only edition

# what the editor types for the 2026 period (net amounts, and the gross the source quoted)
NEW_2026 = {"nes-3y": ("950.00", "1140.00"), "mini-reader": ("325.00", "390.00")}
VERIFIED_2026 = "2026-01-20"


def copy_project(dest: Path) -> Path:
    """The tracked files of this checkout (as they are on disk), with the fixture data files,
    in a new git repository."""
    files = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.split(b"\0")
    for raw in filter(None, files):
        rel = raw.decode()
        src = ROOT / rel
        if not src.is_file():
            continue  # deleted in the working tree
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    # node_modules (Pyodide, the snapshot and parity scripts' packages) is a prerequisite
    assert (ROOT / "node_modules" / "pyodide").is_dir(), "node_modules missing: run make setup-test"
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    # the data: the fixture national file and the fixture directorate only
    shutil.rmtree(dest / "data" / "iller")
    (dest / IL_REL).mkdir(parents=True)
    shutil.copyfile(FIXTURE_DATA, dest / DATA_REL)
    # make publish refuses the local preview address; a published copy gets a public one, in
    # the one place a directorate's address is written: its il.toml's [site] url
    set_address(dest, PUBLIC_ADDRESS, (FIXTURE_IL / "il.toml").read_text(encoding="utf-8"))
    shutil.copyfile(FIXTURE_EDITIONS, dest / EDITIONS_REL)
    # the runtime's content-addressed cache (precompressed Pyodide, snapshots by key): shared,
    # so that a snapshot made for the edited data is made once, not on every run
    cache = ROOT / "build" / "runtime-cache"
    cache.mkdir(parents=True, exist_ok=True)
    (dest / "build").mkdir(exist_ok=True)
    (dest / "build" / "runtime-cache").symlink_to(cache)
    git(dest, "init", "-q", "-b", "main")
    # the node_modules symlink is not the project's (.gitignore's `node_modules/` skips only a folder)
    (dest / ".git" / "info" / "exclude").write_text("/node_modules\n", encoding="utf-8")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Baskı öncesi")
    return dest


def set_address(repo: Path, address: str, text: str | None = None) -> None:
    """Write `address` as the copy's directorate's [site] url (in `text`, else its il.toml)."""
    path = repo / IL_REL / "il.toml"
    text = path.read_text(encoding="utf-8") if text is None else text
    new, n = re.subn(r'(?ms)^(\[site\]\n(?:[^\[\n][^\n]*\n)*?url = )"[^"]*"', rf'\g<1>"{address}"', text)
    assert n == 1, "il.toml has no [site] url"
    path.write_text(new, encoding="utf-8")


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editör",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editör",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, f"git {' '.join(args)}: {proc.stderr}"
    return proc.stdout


def env_for(repo: Path, **extra: str) -> dict[str, str]:
    """Python, mkdocs and mike use the copy's engine and plugin, not this checkout's, and the
    copy's directorate (whatever EIMZA_IL the tests run under: the copy has only IL)."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("EIMZA_DATA_ROOT", "EIMZA_EDITION")}
    return {
        **inherited,
        "EIMZA_IL": IL,
        "PYTHONPATH": os.pathsep.join([str(repo / "calculator"), str(repo / "sitebuild")]),
        "NO_MKDOCS_2_WARNING": "1",
        "EIMZA_NO_SNAPSHOT": "1",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "GIT_AUTHOR_NAME": "Editör",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editör",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        **extra,
    }


def py(repo: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=repo, env=env_for(repo, **extra), capture_output=True, text=True
    )


def build(repo: Path, dest: Path, edition: str, snapshot: bool = False) -> Path:
    """Build the copy's site (with the calculator's memory snapshot only when asked: making
    and compressing one takes half a minute)."""
    extra = {"EIMZA_EDITION": edition, **({"EIMZA_NO_SNAPSHOT": ""} if snapshot else {})}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
        cwd=repo,
        env=env_for(repo, **extra),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    return dest


def add_2026_amounts(text: str) -> str:
    """Edit the data file's text as a person would: the 2026 period's `amounts_known = false`
    block becomes a period with known amounts, a verified date, a source and a confidence."""
    m = re.search(r"^\[\[tariff\]\]\nfrom = 2026-01-01\n.*?(?=^\[\[|\Z)", text, re.S | re.M)
    assert m, "the 2026 period is not in the data file"
    block = m.group(0)
    assert "amounts_known = false" in block
    items = "".join(
        f'{code} = {{ net = "{net}", quoted_gross = "{gross}" }}\n' for code, (net, gross) in NEW_2026.items()
    )
    new_block = (
        block.replace("amounts_known = false", f"amounts_known = true\nverified = {VERIFIED_2026}")
        .replace('confidence = "unknown"', 'confidence = "high"')
        .rstrip("\n")
        + "\n[tariff.items]\n"
        + items
    )
    new_block = re.sub(r"^sources = .*$", 'sources = ["kamusm-fiyat"]', new_block, flags=re.M)
    new_block = re.sub(r"^note = .*$", 'note = "Kamu SM ücret tarifesi (20.01.2026)."', new_block, flags=re.M)
    return text[: m.start()] + new_block + ("\n" if m.end() < len(text) else "") + text[m.end() :]


def add_edition(text: str, date: str, note: str) -> str:
    return text.rstrip("\n") + f'\n\n[[edition]]\ndate = {date}\nnote = "{note}"\n'
