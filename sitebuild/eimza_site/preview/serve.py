"""Local static server for the built site (`make serve`, the tests): right MIME types,
precompressed assets, caching, security headers, and an answer to every request.

- ``.mjs`` is sent as JavaScript and ``.wasm`` as application/wasm (module workers and
  WebAssembly streaming refuse anything else).
- When the request accepts ``br`` (or ``gzip``) and ``<file>.br`` (``.gz``) exists next to the
  file, that copy is sent with ``Content-Encoding`` and ``Vary: Accept-Encoding``; the copies
  themselves have no URL (404), nor have hidden files and folders.
- Versioned or content-hashed assets (``assets/pyodide/<version>/``, ``name-<hash>.ext``,
  ``assets/calculator/<hash>/``, Material's ``name.<hash>.min.css``) are cached for a year as
  immutable; pages, ``sw.js`` and everything else are revalidated (``no-cache`` + ETag/304).
- A folder URL without its slash is redirected (301) to it; a folder without index.html is
  not listed. A missing file (any path: a name too long for the file system too) gets the
  nearest ``404.html`` of the site (status 404), found by walking down the folders that exist,
  so a long path costs one failed lookup, not one per segment; a path that cannot name a file
  (``%00``, an invalid UTF-8 escape or a lone surrogate, ``.`` or ``..`` segments) gets 400.
  Error answers are short Turkish pages.
- HTTP/1.1 with keep-alive. A connection must complete each request head (request line and
  headers) within ``timeout`` seconds of the server starting to wait for it, however slowly
  its bytes drip in; else it is closed (so is an idle keep-alive connection).
- Every answer carries the site's Content-Security-Policy (for a page: the one in its
  ``<meta>``, eimza_site.pages.csp) plus ``frame-ancestors 'none'``, and csp.HEADERS
  (``X-Frame-Options``, ``nosniff``, a referrer policy): what the build's ``_headers`` gives
  hosts that read one.
- It listens on 127.0.0.1 unless ``--host`` says otherwise.
"""

from __future__ import annotations

import argparse
import email.utils
import html
import http.server
import io
import mimetypes
import os
import re
import socket
import stat
import subprocess
import sys
import time
import urllib.parse
from http import HTTPStatus
from pathlib import Path
from typing import Any

from ..pages import csp

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".bin": "application/octet-stream",
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".webmanifest": "application/manifest+json",
}
TEXT = {".mjs", ".js", ".css", ".html", ".json", ".svg", ".xml", ".txt", ".webmanifest"}
IMMUTABLE = re.compile(
    r"(/assets/pyodide/\d[^/]*/"  # versioned Pyodide
    r"|/assets/calculator/[0-9a-f]{12}/"  # wheel by content hash
    r"|-[0-9a-f]{12}\.[a-z0-9]+$"  # name-<hash>.ext
    r"|\.[0-9a-f]{8}\.min\.(?:css|js)$)"  # Material's bundles
)
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
TIMEOUT = 30.0  # seconds a client has for each request head (and an idle connection to live)
MESSAGES = {
    400: ("Geçersiz istek", "Bu adres bir dosyayı gösteremez."),
    404: ("Sayfa bulunamadı", "Aradığınız sayfa bu rehberde yok; adres değişmiş olabilir."),
    405: ("İzin verilmeyen yöntem", "Bu sunucu yalnızca sayfa ve dosya okur (GET, HEAD)."),
    408: ("İstek zaman aşımına uğradı", "İstek süresinde tamamlanmadı."),
    414: ("Adres çok uzun", "İstenen adres çok uzun."),
    431: ("Üst bilgiler çok büyük", "İsteğin üst bilgileri çok büyük."),
    500: ("Sunucu hatası", "İstek karşılanamadı."),
    501: ("Desteklenmeyen yöntem", "Bu sunucu yalnızca sayfa ve dosya okur (GET, HEAD)."),
    505: ("Desteklenmeyen HTTP sürümü", "Bu sunucu HTTP/1.0 ve HTTP/1.1 konuşur."),
}
_ERROR_PAGE = (
    '<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>{code} {title}</title></head>'
    "<body><h1>{title} ({code})</h1><p>{text}</p></body></html>"
)


class BadPath(ValueError):
    """The request target cannot name a file of the site."""


def accepted(header: str | None) -> set[str]:
    """Codings the client accepts (q=0 excluded)."""
    out: set[str] = set()
    for part in (header or "").split(","):
        token, _, params = part.strip().partition(";")
        q = params.strip()
        if q.startswith("q="):
            try:
                if float(q[2:]) == 0:
                    continue
            except ValueError:
                continue
        if token:
            out.add(token.strip().lower())
    return out


def cache_control(url_path: str) -> str:
    if IMMUTABLE.search(url_path):
        return "public, max-age=31536000, immutable"
    return "no-cache"


def request_path(target: str) -> tuple[str, str]:
    """(decoded path, raw query) of a request target; raises BadPath for a path that cannot
    name a file: not absolute, an escape that is not UTF-8 (a lone surrogate included), NUL or
    a backslash, a `.` or `..` segment."""
    raw, _, query = target.partition("?")
    raw = raw.partition("#")[0]
    if not raw.startswith("/"):
        raise BadPath(target)
    try:
        # http.server decoded the request line as Latin-1: get the bytes back, then UTF-8
        path = urllib.parse.unquote_to_bytes(raw.encode("latin-1")).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError) as exc:
        raise BadPath(target) from exc
    if "\x00" in path or "\\" in path:
        raise BadPath(target)
    if any(seg in (".", "..") for seg in path.split("/")):
        raise BadPath(target)
    return path, query


def _hidden(path: str) -> bool:
    """Dot files and folders, and the precompressed copies (reachable only by negotiation)."""
    return any(seg.startswith(".") for seg in path.split("/")) or path.endswith((".br", ".gz"))


class _HeadClock(io.RawIOBase):
    """The socket's reader, with the request head's deadline: before each receive the socket's
    timeout is set to the time left, so a client that drips a byte now and then cannot keep
    the connection (and its thread) beyond it."""

    def __init__(self, raw: socket.SocketIO, handler: Handler) -> None:
        super().__init__()
        self._raw, self._handler = raw, handler

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        deadline = self._handler.head_deadline
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("request head not complete in time")
            self._handler.connection.settimeout(left)
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "EimzaRehberi"
    sys_version = ""
    timeout = TIMEOUT
    rbufsize = 0  # setup() gets the raw socket reader and buffers it behind _HeadClock
    head_deadline: float | None = None
    root: Path = Path("site")
    # a folder whose files answer any URL the root itself lacks (the editors' preview: the
    # working tree's build serves "/" while the published editions keep their own folders)
    fallback: str | None = None

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("EIMZA_SERVE_LOG"):
            super().log_message(format, *args)

    def setup(self) -> None:
        super().setup()
        self.rfile = io.BufferedReader(_HeadClock(self.rfile, self))

    def handle_one_request(self) -> None:
        self.head_deadline = time.monotonic() + self.timeout
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the client went away or fell silent
        except Exception as exc:  # never a traceback nor a silent close: answer 500 if we can
            self.log_error("internal error: %r", exc)
            self.close_connection = True
            if not getattr(self, "_started", False):
                try:
                    self.send_error(500)
                except OSError:
                    pass

    def parse_request(self) -> bool:
        """Reads the headers; once they are in, the deadline is lifted (the answer's writes
        have the plain per-operation timeout)."""
        try:
            return super().parse_request()
        finally:
            self.head_deadline = None
            self.connection.settimeout(self.timeout)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _roots(self) -> list[Path]:
        roots = [self.root]
        if self.fallback:
            roots.append(self.root / self.fallback)
        return roots

    def _serve(self, head: bool) -> None:
        self._started = False
        try:
            path, query = request_path(self.path)
        except BadPath:
            self.send_error(400)
            return
        if self.headers.get("Content-Length", "0").strip() not in ("", "0") or self.headers.get(
            "Transfer-Encoding"
        ):
            self.close_connection = True  # a body this server does not read: no next request on it
        found = None if _hidden(path) else self._find(path)
        if found is None:
            self._send_not_found(path, head)
            return
        file, is_dir = found
        if is_dir and not path.endswith("/"):
            location = urllib.parse.quote(path + "/") + (f"?{query}" if query else "")
            self._started = True
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self._security_headers(None)
            self.end_headers()
            return
        url_path = path + "index.html" if is_dir else path
        self._send_file(file, url_path, 200, head)

    def _find(self, path: str) -> tuple[Path, bool] | None:
        """(file to send, whether the URL names a folder) in the root, else in the fallback.
        A missing path costs one lookup, which the system ends at its first missing segment
        (or refuses at once when too long); only a path that exists is resolved."""
        for base in self._roots():
            local = base / path.lstrip("/")
            mode = _mode(local)
            if mode is None:
                continue
            is_dir = stat.S_ISDIR(mode)
            file = local / "index.html" if is_dir else local
            mode = _mode(file) if is_dir else mode
            if mode is None or not stat.S_ISREG(mode) or not _inside(file, base):
                continue  # no index.html, not a plain file, or a link out of the site
            return file.resolve(), is_dir
        return None

    def _send_not_found(self, path: str, head: bool) -> None:
        """The site's own 404 page nearest to the URL (an edition's own, else the site's): the
        folders of the URL are walked down from the root while they exist, so the walk is as
        long as the site is deep, whatever the URL's length."""
        parts = [p for p in path.split("/")[1:-1] if p]
        for base in self._roots():
            folder, nearest = base, None
            for part in [None, *parts]:
                if part is not None:
                    folder = folder / part
                    mode = _mode(folder)
                    if mode is None or not stat.S_ISDIR(mode):
                        break
                page = folder / "404.html"
                mode = _mode(page)
                if mode is not None and stat.S_ISREG(mode) and _inside(page, base):
                    nearest = page
            if nearest is not None:
                self._send_file(nearest.resolve(), "/404.html", 404, head)
                return
        self.send_error(404)

    def _send_file(self, file: Path, url_path: str, status: int, head: bool) -> None:
        ext = file.suffix.lower()
        codings = accepted(self.headers.get("Accept-Encoding"))
        variants = [(name, Path(f"{file}{suffix}")) for name, suffix in ENCODINGS]
        compressible = any(p.is_file() for _, p in variants)
        send, coding = file, None
        for name, candidate in variants:
            if name in codings and candidate.is_file():
                send, coding = candidate, name
                break
        st = send.stat()
        etag = f'"{int(st.st_mtime_ns):x}-{st.st_size:x}{"-" + coding if coding else ""}"'
        markup = file.read_text(encoding="utf-8", errors="replace") if ext == ".html" else None
        self._started = True
        if status == 200 and etag in _etags(self.headers.get("If-None-Match")):
            self.send_response(304)
            self._entity_headers(url_path, etag, compressible, markup)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type(ext))
        if coding:
            self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(st.st_size))
        self.send_header("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True))
        self._entity_headers(url_path if status == 200 else "/404.html", etag, compressible, markup)
        self.end_headers()
        if head:
            return
        with open(send, "rb") as f:
            # Zero-copy: the snapshot and the wasm are megabytes; a Python read/write loop
            # made this server, not the browser, the slow part of a cold start.
            self.wfile.flush()
            self.connection.sendfile(f)

    def _entity_headers(self, url_path: str, etag: str, compressible: bool, markup: str | None) -> None:
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", cache_control(url_path))
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        self._security_headers(markup)

    def _security_headers(self, markup: str | None) -> None:
        self.send_header("Content-Security-Policy", csp.header_policy(markup))
        for name, value in csp.HEADERS:
            self.send_header(name, value)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A short Turkish page for every error (http.server's own are English)."""
        title, text = MESSAGES.get(code, MESSAGES[500])
        body = _ERROR_PAGE.format(code=code, title=html.escape(title), text=html.escape(text)).encode()
        self._started = True
        try:
            reason = HTTPStatus(code).phrase
        except ValueError:
            reason = ""
        self.log_error("code %d, %s", code, message or reason)
        self.send_response(code, reason)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self._security_headers(None)
        if code in (400, 408, 414, 431, 500, 505) or code >= 500:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)


def _mode(path: Path) -> int | None:
    """The file type and mode bits (links followed), or None when the system has no such file
    or refuses the name (too long, a file used as a folder, a loop of links, …)."""
    try:
        return os.stat(path).st_mode
    except (OSError, ValueError):
        return None


def _inside(path: Path, base: Path) -> bool:
    """Whether an existing path, links resolved, stays inside the served folder."""
    return path.resolve().is_relative_to(base.resolve())


def content_type(ext: str) -> str:
    ctype = MIME.get(ext) or mimetypes.guess_type(f"file{ext}")[0] or "application/octet-stream"
    return f"{ctype}; charset=utf-8" if ext in TEXT else ctype


def _etags(header: str | None) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in (header or "").split(",") if tag.strip()}


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the handler answers or closes; a dropped connection is not worth a traceback


def make_server(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    fallback: str | None = None,
    timeout: float = TIMEOUT,
) -> Server:
    handler = type("SiteHandler", (Handler,), {"root": Path(root), "fallback": fallback, "timeout": timeout})
    return Server((host, port), handler)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m eimza_site.preview.serve", description="Siteyi yerelde sunar."
    )
    ap.add_argument("--root", default="site")
    ap.add_argument("--host", default="127.0.0.1", help="dinlenecek adres (öntanımlı yalnızca bu bilgisayar)")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--build", action="store_true", help="sunmadan önce siteyi derle")
    ap.add_argument("--watch", action="store_true", help="önizleme: değişiklikte yeniden derle (watch.py)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    fallback = None
    if args.watch:  # editors' preview: published editions + the working tree, rebuilt on change
        from .watch import PREVIEW, start_preview

        args.root, args.build, fallback = str(start_preview(Path.cwd())), False, PREVIEW
    if args.build:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], check=True)
    srv = make_server(Path(args.root), args.host, args.port, fallback)
    print(f"E-İmza Rehberi: http://{args.host}:{args.port}/ (durdurmak için Ctrl+C)", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
