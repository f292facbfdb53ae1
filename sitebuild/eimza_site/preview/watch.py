"""`make serve [IL=…]` for editors: the working tree as a preview edition, rebuilt when a file
changes. IL= is a directorate of data/iller/ or, as `make check` and `make build` take it, a
path to a directorate folder elsewhere (a fixture, a copy: watched too, never published).

The served folder (build/onizleme-kok/<il>/) looks like the directorate's published branch
(`gh-pages-<il>`): the editions already in that local branch, the working tree built into
`onizleme/`, and a versions.json listing both, so Material's version selector and the
outdated banner work as they will after `make publish`. The watcher polls modification
times (standard library only, every 0.25 s) of the data files (data/arama.toml too), docs/, docs_fragments/,
overrides/ and mkdocs.yml; on a change it rebuilds the preview (pages and the calculator's
wheel both carry the edit) and open pages (polling every 0.5 s) reload themselves. The
preview's calculator boots plainly and nothing is precompressed (EIMZA_NO_SNAPSHOT,
EIMZA_COMPRESS=none: the snapshot and best compression are for builds that publish), so a
data edit shows within seconds. After each build the data check runs as `make check` does
(with today's date: a `verified` in the future), and open pages show its problems as a
banner; a failed build keeps the last good one, prints why, and open pages show it as a
Turkish banner (file, line, message) until a build succeeds (a failed first build has none to
keep: it says so, and `make serve` stops). A new edition in the local
branch (`make publish`) is added to the version selector without a restart. The first
build prints its progress."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from .. import directorate, messages

PREVIEW = "onizleme"
# The preview's alias contains "guncel": Material's outdated check tests `extra.version.default`
# ("guncel") as a regular expression against each alias, so the preview is not "outdated".
PREVIEW_ENTRY = {"version": PREVIEW, "title": messages.PREVIEW_TITLE, "aliases": ["guncel-onizleme"]}
PAGES = ("docs", "docs_fragments", "overrides", "mkdocs.yml")
OUT = Path("build") / "onizleme-kok"
POLL = 0.25  # seconds between two looks at the watched files
STAMP = "__onizleme.json"
RELOAD_JS = "__onizleme.js"
_RELOAD_SCRIPT = """// Önizleme (yalnızca make serve): sayfa, site yeniden derlendiğinde kendini
// yeniler; derleme hata verdiyse son başarılı derlemenin üstünde hatayı (dosya, satır, ileti) gösterir.
(function () {
  var seen = null;
  function where(p) {
    return p.file ? p.file + (p.line ? __LINE__ + p.line : "") + ": " : "";
  }
  function banner(error, problems) {
    var box = document.getElementById("eimza-onizleme-hata");
    var text = error ? __FAILED__ + where(error) + error.message + __FIX__
      : problems.length ? __CHECK__ + problems.map(function (p) {
          return "\\n• " + where(p) + p.message; }).join("") + "\\n" + __CHECK_FIX__
      : "";
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "eimza-onizleme-hata";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:1000;padding:12px 16px;" +
      "max-height:50vh;overflow:auto;font:15px/1.4 sans-serif;white-space:pre-wrap;" +
      (error ? "background:#b00020;color:#fff" : "background:#ffd54f;color:#000");
    if (box.textContent !== text) { box.textContent = text; }
  }
  function poll() {
    fetch("__STAMP__", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.build !== seen) { location.reload(); return; }
        seen = s.build;
        banner(s.error || null, s.problems || []);
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
"""
for _key, _text in (
    ("__STAMP__", f"/{STAMP}"),
    ("__LINE__", json.dumps(messages.BANNER_LINE, ensure_ascii=False)),
    ("__FAILED__", json.dumps(messages.BANNER_FAILED, ensure_ascii=False)),
    ("__FIX__", json.dumps(messages.BANNER_FIX, ensure_ascii=False)),
    ("__CHECK__", json.dumps(messages.BANNER_CHECK, ensure_ascii=False)),
    ("__CHECK_FIX__", json.dumps(messages.BANNER_CHECK_FIX, ensure_ascii=False)),
):
    _RELOAD_SCRIPT = _RELOAD_SCRIPT.replace(_key, _text)
_WHERE = re.compile(r"((?:[\w./-]+/)?[\w.-]+\.(?:md|toml|yml|yaml|html))(?::(\d+)|, satır (\d+))?")


def build_error(output: str, root: Path) -> dict[str, object]:
    """The first error of a failed build's output: {file, line, message} (file relative)."""
    lines = [x.strip() for x in output.splitlines() if x.strip()]
    first = next((x for x in lines if re.search(r"\b(ERROR|Error|HATA)\b", x)), lines[-1] if lines else "")
    message = first
    if "E-İmza Rehberi:" in message:  # the plugin's own Turkish message, after mkdocs' prefixes
        message = message[message.index("E-İmza Rehberi:") :]
    else:
        message = re.sub(r"^(?:.*?\b(?:ERROR|Error|HATA)\b\s*[-:]*\s*)+", "", message)
    if message.endswith(":") and first in lines and lines.index(first) + 1 < len(lines):
        message += " " + lines[lines.index(first) + 1]  # "… 1 hata var:" and the problem itself
    # the first place with a line number (mkdocs also names the page without one)
    places = [m for x in [first, *lines] for m in _WHERE.finditer(x)]
    found = next((m for m in places if m.group(2) or m.group(3)), places[0] if places else None)
    file = line = None
    if found:
        file = found.group(1)
        if Path(file).is_absolute():
            try:
                file = Path(file).resolve().relative_to(root).as_posix()
            except ValueError:
                pass
        elif not (root / file).exists() and (root / "docs" / file).exists():
            file = f"docs/{file}"  # mkdocs names pages relative to docs/
        number = found.group(2) or found.group(3)
        line = int(number) if number else None
    return {"file": file, "line": line, "message": message or messages.UNKNOWN_ERROR}


_TAG = f'<script src="/{RELOAD_JS}" defer></script>'


def _shown(path: Path, root: Path) -> str:
    """A changed file's name as the editor knows it: relative to the repository when inside."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def check_problems(d: directorate.Directorate, today: dt.date | None = None) -> list[dict[str, object]]:
    """What `make check` refuses in the directorate's files (today's date for the dated
    checks), as {file, line, message} for the banner; [] when they check clean."""
    from eimza import DataError, turkish
    from eimza.editions import load_editions
    from eimza.loader import load_data
    from eimza.report import dated_problems

    try:
        data = load_data(str(d.data_file))
        load_editions(d.editions_file)
        problems = dated_problems(data, today or turkish.today_tr())
    except DataError as err:
        problems = list(err.problems)
    out: list[dict[str, object]] = []
    for p in problems:
        file = Path(p.file)
        try:
            name = file.resolve().relative_to(d.root.resolve()).as_posix()
        except ValueError:
            name = p.file
        out.append({"file": name, "line": p.line, "message": p.message})
    return out


def fingerprint(root: Path, watched: tuple[str, ...]) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every watched file."""
    out: dict[str, tuple[int, int]] = {}
    for name in watched:
        path = root / name
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file())
        for f in files:
            if "__pycache__" in f.parts:
                continue
            try:
                st = f.stat()
            except OSError:
                continue
            out[str(f)] = (st.st_mtime_ns, st.st_size)
    return out


def published_editions(root: Path, out: Path, branch: str) -> list[dict[str, object]]:
    """Unpack the local publishing branch (if any) into `out`; return its versions list."""
    proc = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", branch], capture_output=True)
    if proc.returncode != 0:
        return []
    with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
        members = [m for m in tar.getmembers() if m.name not in ("index.html", "versions.json")]
        tar.extractall(out, members=members, filter="data")
    shown = subprocess.run(
        ["git", "-C", str(root), "show", f"{branch}:versions.json"], capture_output=True, text=True
    )
    try:
        versions = json.loads(shown.stdout) if shown.returncode == 0 else []
    except ValueError:
        versions = []
    return versions if isinstance(versions, list) else []


def write_root(out: Path, versions: list[dict[str, object]]) -> None:
    (out / "versions.json").write_text(
        json.dumps([PREVIEW_ENTRY, *versions], ensure_ascii=False, indent=2), encoding="utf-8"
    )
    # no index.html here: the server answers "/" with the preview itself (serve.py fallback)
    (out / "index.html").unlink(missing_ok=True)
    (out / RELOAD_JS).write_text(_RELOAD_SCRIPT, encoding="utf-8")


def _inject_reload(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if _TAG not in text and "</body>" in text:
            page.write_text(text.replace("</body>", f"{_TAG}</body>", 1), encoding="utf-8")
            for stale in (page.with_name(page.name + ".gz"), page.with_name(page.name + ".br")):
                stale.unlink(missing_ok=True)  # a precompressed copy would hide the edit


class Preview:
    def __init__(
        self,
        root: Path,
        out: Path | None = None,
        log: Callable[[str], None] = print,
        il: str | None = None,
    ) -> None:
        self.root = root.resolve()
        self.d = directorate.resolve(il, self.root, target="serve", folders=True)
        self.out = (out or self.root / OUT / self.d.id).resolve()
        self.watched = (*self.d.watched(), *PAGES)
        self.log = log
        self.builds = 0
        self.error: dict[str, object] | None = None
        self.problems: list[dict[str, object]] = []
        self.pages_ref = ""
        self.stop = threading.Event()

    def prepare(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        self.out.mkdir(parents=True)
        self.refresh_editions()

    def _gh_pages(self) -> str:
        proc = subprocess.run(
            ["git", "-C", str(self.root), "rev-parse", "-q", "--verify", f"refs/heads/{self.d.branch}"],
            capture_output=True,
            text=True,
        )
        return proc.stdout.strip()

    def refresh_editions(self) -> bool:
        """(Re)unpack the local gh-pages editions when the branch moved; True if it did."""
        ref = self._gh_pages()
        if ref == self.pages_ref and (self.out / "versions.json").exists():
            return False
        self.pages_ref = ref
        # a folder outside data/iller/ is never published: a branch of the same name is another's
        versions = published_editions(self.root, self.out, self.d.branch) if self.d.folder is None else []
        write_root(self.out, versions)
        self.log(messages.editions_found([str(v.get("version")) for v in versions]))
        return True

    def _stamp(self) -> None:
        (self.out / STAMP).write_text(
            json.dumps({"build": self.builds, "error": self.error, "problems": self.problems}),
            encoding="utf-8",
        )

    def _run_build(self, cmd: list[str], env: dict[str, str]) -> tuple[int, str]:
        """Run the build; the first one prints its progress every 10 seconds."""
        proc = subprocess.Popen(
            cmd, cwd=self.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        started = time.monotonic()
        while True:
            try:
                output, _ = proc.communicate(timeout=10)
                return proc.returncode, output
            except subprocess.TimeoutExpired:
                if self.builds == 0:
                    self.log(messages.first_build_running(time.monotonic() - started))

    def build(self) -> bool:
        fresh = self.out / f".{PREVIEW}-yeni"
        shutil.rmtree(fresh, ignore_errors=True)
        # the preview is served like a mike edition (versions.json at the root): keep the selector;
        # the calculator boots plainly and nothing is precompressed (seconds, not a minute)
        env = {
            **os.environ,
            **self.d.build_env(),
            "NO_MKDOCS_2_WARNING": "1",
            "EIMZA_VERSION_SELECTOR": "1",
            "EIMZA_NO_SNAPSHOT": "1",
            "EIMZA_COMPRESS": "none",
        }
        started = time.monotonic()
        if self.builds == 0:
            self.log(messages.FIRST_BUILD)
        code, output = self._run_build(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(fresh)], env
        )
        self.problems = check_problems(self.d)
        if code != 0:
            shutil.rmtree(fresh, ignore_errors=True)
            log = self.out.parent / f"{self.d.id}-derleme.txt"  # mkdocs' whole (English) output
            log.write_text(output, encoding="utf-8")
            self.error = build_error(output, self.root)
            self._stamp()
            served = (self.out / PREVIEW).is_dir()  # a good build to keep showing (prepare() empties out)
            self.log(messages.preview_failed(self.error, log, self.d.il, served))
            return False
        _inject_reload(fresh)
        target = self.out / PREVIEW
        old = self.out / f".{PREVIEW}-eski"
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        self.builds += 1
        self.error = None
        self._stamp()
        self.log(messages.preview_built(time.monotonic() - started, PREVIEW))
        for p in self.problems:
            self.log(messages.check_problem(p))
        return True

    def watch(self, interval: float = POLL) -> None:
        seen = fingerprint(self.root, self.watched)
        while not self.stop.wait(interval):
            if self.refresh_editions():  # `make publish` added an edition: the selector shows it
                self.builds += 1  # open pages reload and read the new versions.json
                self._stamp()
            now = fingerprint(self.root, self.watched)
            if now != seen:
                changed = sorted(set(now.items()) ^ set(seen.items()))
                names = sorted({_shown(Path(p), self.root) for p, _ in changed})
                self.log(messages.changed(names))
                seen = now
                self.build()
                seen = fingerprint(self.root, self.watched)  # edits made during the build: one more

    def start(self, interval: float = POLL) -> threading.Thread:
        thread = threading.Thread(target=self.watch, args=(interval,), daemon=True, name="eimza-watch")
        thread.start()
        return thread


def start_preview(root: Path, out: Path | None = None, il: str | None = None) -> Path:
    """Build once (exit with the build's message if it fails), watch, return the folder to serve."""
    try:
        preview = Preview(root, out, il=il)
    except directorate.UnknownDirectorate as exc:
        raise SystemExit(str(exc)) from None
    preview.prepare()
    if not preview.build():
        raise SystemExit(1)
    preview.start()
    return preview.out
