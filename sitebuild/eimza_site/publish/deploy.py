"""The directorate's publishing branch, written with mike's own commands used as a library (so
that no English tool output reaches the editor) and read back with git: what `make publish`,
`make withdraw`, `make rollback` and `make undo-correction` change there.

`deploy` commits an already checked edition folder (never a rebuild) and `verify` proves
afterwards that the branch holds exactly the bytes that were checked: `manifest` (git blob
ids, computed right after the checks) against `git ls-tree` of the branch."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

ALIAS = "guncel"


class BranchError(Exception):
    """mike or git could not write the branch; the message is git's (the caller says it in Turkish)."""


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


@contextlib.contextmanager
def _mike(root: Path) -> Iterator[object]:
    """mike's commands run git in the current folder: there, and with its errors as BranchError;
    a commit that would change nothing is not made (mike's "nothing changed" is no error here)."""
    from mike import commands, git_utils

    with contextlib.chdir(root):
        try:
            yield commands
        except git_utils.GitEmptyCommit:
            pass
        except (git_utils.GitError, ValueError) as exc:
            raise BranchError(str(exc)) from None


def head(root: Path, branch: str) -> str | None:
    proc = _git(root, "rev-parse", "-q", "--verify", f"refs/heads/{branch}")
    return proc.stdout.strip() or None


def deploy(
    root: Path,
    branch: str,
    site: Path,
    version: str,
    title: str,
    message: str,
    template: Path,
    directory_urls: bool = True,
) -> None:
    """The folder `site` becomes `version/` of the branch, `guncel` redirects to it and the
    branch's root to `guncel` (mike deploy --update-aliases --alias-type=redirect + set-default)."""
    from mike.commands import AliasType

    cfg = {"site_dir": str(site), "use_directory_urls": directory_urls}
    with _mike(root) as commands:
        with commands.deploy(  # type: ignore[attr-defined]
            cfg, version, title, [ALIAS], True, AliasType.redirect, str(template),
            branch=branch, message=message,
        ):  # fmt: skip
            pass  # the build was made (and checked) before: nothing is built here
    set_default(root, branch, template, message)


def set_default(root: Path, branch: str, template: Path, message: str) -> None:
    with _mike(root) as commands:
        commands.set_default(ALIAS, str(template), branch=branch, message=message)  # type: ignore[attr-defined]


def point_alias(root: Path, branch: str, version: str, template: Path, message: str) -> None:
    """`guncel` redirects to `version` (mike alias --update-aliases --alias-type=redirect)."""
    from mike.commands import AliasType

    cfg = {"use_directory_urls": True}
    with _mike(root) as commands:
        commands.alias(  # type: ignore[attr-defined]
            cfg, version, [ALIAS], True, AliasType.redirect, str(template), branch=branch, message=message
        )
    set_default(root, branch, template, message)


def delete(root: Path, branch: str, version: str, message: str) -> None:
    with _mike(root) as commands:
        commands.delete([version], branch=branch, message=message)  # type: ignore[attr-defined]


def reset(root: Path, branch: str, old: str | None) -> None:
    """Put the branch back where it was (deleted when it did not exist)."""
    if old is None:
        _git(root, "update-ref", "-d", f"refs/heads/{branch}")
    else:
        _git(root, "update-ref", f"refs/heads/{branch}", old)


# ── what was checked, and what the branch holds ─────────────────────────────────────────────
def blob_id(data: bytes) -> str:
    """git's id of a file's bytes (what `git ls-tree` lists)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def manifest(site: Path) -> dict[str, str]:
    """{path inside the site: blob id} of every file of a built edition."""
    out = {}
    for folder, _dirs, names in os.walk(site):
        for name in names:
            path = Path(folder, name)
            out[path.relative_to(site).as_posix()] = blob_id(path.read_bytes())
    return out


def branch_files(root: Path, branch: str, version: str) -> dict[str, str]:
    """{path inside `version/`: blob id} of the branch."""
    proc = subprocess.run(
        ["git", "-C", str(root), "ls-tree", "-r", "-z", f"refs/heads/{branch}", "--", f"{version}/"],
        capture_output=True,
    )
    out = {}
    for entry in proc.stdout.split(b"\0"):
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        out[path.decode("utf-8").removeprefix(f"{version}/")] = meta.split()[2].decode()
    return out


def differences(expected: dict[str, str], found: dict[str, str]) -> list[str]:
    """The paths that differ: missing from the branch, extra in it, or other bytes."""
    return sorted(p for p in expected.keys() | found.keys() if expected.get(p) != found.get(p))
