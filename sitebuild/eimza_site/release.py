"""After `make publish`: send, withdraw or roll back editions (Turkish messages, exit 1 on refusal).

- `make push`: the current branch (main), gh-pages and every `baski-…` tag the remote lacks,
  in one `git push --atomic` (all or nothing), then a Turkish summary. A tag that the remote
  has with another commit is refused (published tags never move; see edition_tags).
- `make withdraw EDITION=…`: `mike delete EDITION`; when it was the current edition,
  `guncel` points at the previous published one.
- `make rollback`: `guncel` points at the edition before the one it points at now (the newer
  one stays reachable under its date)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from .edition_tags import TAG_PREFIX, tags
from .publish import ALIAS, BRANCH, Refused, published_dates, published_versions


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)


def _mike(root: Path, *args: str) -> None:
    mike = str(Path(sys.executable).with_name("mike"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    proc = subprocess.run(
        [mike, *args, "--branch", BRANCH], cwd=root, env=env, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise Refused(f"mike {args[0]} başarısız oldu:\n{proc.stderr.strip()}")


def push(root: Path, remote: str = "origin") -> list[str]:
    """Push; return the summary lines."""
    if _git(root, "remote", "get-url", remote).returncode != 0:
        raise Refused(
            f"'{remote}' adlı uzak depo tanımlı değil. Deponun adresini ekleyin: "
            f"git remote add {remote} ADRES (GitHub'daki deponun 'Code' düğmesindeki adres)."
        )
    head = _git(root, "symbolic-ref", "--short", "HEAD")
    if head.returncode != 0:
        raise Refused("Şu an bir dalda değilsiniz (detached HEAD): git switch main ile ana dala geçin.")
    branch = head.stdout.strip()
    listed = _git(root, "ls-remote", "--tags", remote, f"refs/tags/{TAG_PREFIX}*")
    if listed.returncode != 0:
        raise Refused(f"Uzak depoya ulaşılamadı ({remote}):\n{listed.stderr.strip()}")
    theirs = {}
    for line in listed.stdout.splitlines():
        sha, ref = line.split("\t")
        if not ref.endswith("^{}"):
            theirs[ref.removeprefix("refs/tags/")] = sha
    new_tags = []
    for tag in tags(root):
        mine = _git(root, "rev-parse", f"refs/tags/{tag}").stdout.strip()
        if tag not in theirs:
            new_tags.append(tag)
        elif theirs[tag] != mine:
            raise Refused(
                f"{tag} etiketi uzak depoda başka bir kayda bağlı; yayımlanmış etiketler "
                f"değiştirilmez. Yereldeki etiketi uzak depodakiyle eşitleyin: git tag -d {tag} && "
                f"git fetch {remote} tag {tag}; düzeltme için make publish EDITION=… DUZELTME=1 kullanın."
            )
    refs = [branch]
    if _git(root, "rev-parse", "--verify", "-q", f"refs/heads/{BRANCH}").returncode == 0:
        refs.append(BRANCH)
    refs += [f"refs/tags/{t}" for t in new_tags]
    proc = _git(root, "push", "--atomic", remote, *refs)
    if proc.returncode != 0:
        raise Refused(
            "Gönderilmedi; uzak depoda hiçbir şey değişmedi (hepsi birlikte ya da hiçbiri). "
            "Genellikle neden: uzak depoda sizde olmayan kayıtlar var (başka biri göndermiş). "
            f"Önce git pull --ff-only {remote} {branch} yazın, sonra make push'u yeniden deneyin.\n"
            f"git'in çıktısı:\n{proc.stderr.strip()}"
        )
    return [
        f"Gönderildi ({remote}): {branch} dalı, "
        + (f"{BRANCH} dalı (yayımlanan baskılar)" if BRANCH in refs else "")
        + (f", etiketler: {', '.join(new_tags)}" if new_tags else ", yeni etiket yok")
        + ".",
        "GitHub Pages siteyi gh-pages dalından birkaç dakika içinde günceller.",
    ]


def _current(root: Path) -> dt.date | None:
    for v in published_versions(root):
        if ALIAS in (v.get("aliases") or []):  # type: ignore[operator]
            return dt.date.fromisoformat(str(v["version"]))
    return None


def _point_alias(root: Path, day: dt.date) -> None:
    _mike(root, "alias", "--update-aliases", "--alias-type=redirect", day.isoformat(), ALIAS)
    _mike(root, "set-default", ALIAS)


def withdraw(root: Path, edition: str) -> list[str]:
    try:
        day = dt.date.fromisoformat(edition)
    except ValueError:
        raise Refused(
            f"EDITION=YYYY-AA-GG yazılmalı (ör. make withdraw EDITION=2026-01-20); yazılan: {edition!r}."
        ) from None
    published = published_dates(root)
    if day not in published:
        listed = ", ".join(d.isoformat() for d in published) or "yok"
        raise Refused(f"{day.isoformat()} baskısı yayımlanmamış; yayımlanmış baskılar: {listed}.")
    rest = [d for d in published if d != day]
    if not rest:
        raise Refused(f"{day.isoformat()} tek yayımlanmış baskı; geri çekilirse sitede hiç baskı kalmaz.")
    was_current = _current(root) == day
    _mike(root, "delete", day.isoformat())
    out = [f"{day.isoformat()} baskısı yerel {BRANCH} dalından geri çekildi."]
    if was_current:
        _point_alias(root, rest[-1])
        out.append(f"'{ALIAS}' artık {rest[-1].isoformat()} baskısını gösteriyor.")
    out.append(
        f"Değişiklik geçmişinden de kaldırmak için baskilar.toml'daki {day.isoformat()} [[edition]] "
        "kaydını silip kaydedin (git commit). Siteye göndermek için: make push"
    )
    return out


def rollback(root: Path) -> list[str]:
    published = published_dates(root)
    current = _current(root)
    older = [d for d in published if current is not None and d < current]
    if not older:
        raise Refused(f"'{ALIAS}' baskısından önce yayımlanmış bir baskı yok; geri alınacak bir şey yok.")
    _point_alias(root, older[-1])
    assert current is not None
    return [
        f"'{ALIAS}' {current.isoformat()} baskısından {older[-1].isoformat()} baskısına geri alındı; "
        f"{current.isoformat()} baskısı kendi adresinde durur (tamamen kaldırmak için: make withdraw "
        f"EDITION={current.isoformat()}).",
        "Siteye göndermek için: make push",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="make push|withdraw|rollback")
    ap.add_argument("command", choices=["push", "withdraw", "rollback"])
    ap.add_argument("--edition", default="")
    ap.add_argument("--remote", default="origin")
    ap.add_argument("--root", default=".")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    try:
        if args.command == "push":
            lines = push(root, args.remote)
        elif args.command == "withdraw":
            lines = withdraw(root, args.edition)
        else:
            lines = rollback(root)
    except Refused as exc:
        word = "GÖNDERİLMEDİ" if args.command == "push" else "YAPILMADI"
        print(f"{word}: {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
