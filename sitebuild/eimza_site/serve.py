"""Local static server for the built site: right MIME types, precompressed assets, caching.

- ``.mjs`` is sent as JavaScript and ``.wasm`` as application/wasm (module workers and
  WebAssembly streaming refuse anything else).
- When the request accepts ``br`` (or ``gzip``) and ``<file>.br`` (``.gz``) exists next to the
  file, that copy is sent with ``Content-Encoding`` and ``Vary: Accept-Encoding``.
- Versioned or content-hashed assets (``assets/pyodide/<version>/``, ``name-<hash>.ext``,
  ``assets/calculator/<hash>/``, Material's ``name.<hash>.min.css``) are cached for a year as
  immutable; pages, ``sw.js`` and everything else are revalidated (``no-cache`` + ETag).
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import http.server
import mimetypes
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".bin": "application/octet-stream",
    ".xml": "application/xml",
    ".txt": "text/plain",
}
TEXT = {".mjs", ".js", ".css", ".html", ".json", ".svg", ".xml", ".txt"}
IMMUTABLE = re.compile(
    r"(/assets/pyodide/\d[^/]*/"  # versioned Pyodide
    r"|/assets/calculator/[0-9a-f]{12}/"  # wheel by content hash
    r"|-[0-9a-f]{12}\.[a-z0-9]+$"  # name-<hash>.ext
    r"|\.[0-9a-f]{8}\.min\.(?:css|js)$)"  # Material's bundles
)
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


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


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **MIME,
    }

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("EIMZA_SERVE_LOG"):
            super().log_message(format, *args)

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        ext = os.path.splitext(str(path))[1].lower()
        ctype = MIME.get(ext) or super().guess_type(path)
        if ext in TEXT:
            ctype += "; charset=utf-8"
        return ctype

    # a folder whose files answer any URL the root itself lacks (the editors' preview: the
    # working tree's build serves "/" while the published editions keep their own folders)
    fallback: str | None = None

    def translate_path(self, path: str) -> str:
        local = super().translate_path(path)
        if self.fallback and not _servable(local) and path.startswith("/"):
            alt = super().translate_path(f"/{self.fallback}{path}")
            if _servable(alt):
                return alt
        return local

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                return super().send_head()  # redirect to the slash URL
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        if url_path.endswith("/"):
            url_path += "index.html"
        codings = accepted(self.headers.get("Accept-Encoding"))
        compressible = any(os.path.isfile(path + s) for _, s in ENCODINGS)
        send_path, coding = path, None
        for name, suffix in ENCODINGS:
            if name in codings and os.path.isfile(path + suffix):
                send_path, coding = path + suffix, name
                break
        st = os.stat(send_path)
        etag = f'"{int(st.st_mtime_ns):x}-{st.st_size:x}{"-" + coding if coding else ""}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self._common_headers(url_path, etag, compressible)
            self.end_headers()
            return None
        f = open(send_path, "rb")  # closed by the base class
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if coding:
            self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(st.st_size))
        self.send_header("Last-Modified", email.utils.formatdate(st.st_mtime, usegmt=True))
        self._common_headers(url_path, etag, compressible)
        self.end_headers()
        return f

    def copyfile(self, source: Any, outputfile: Any) -> None:
        try:
            if outputfile is self.wfile and hasattr(source, "fileno"):
                # Zero-copy: the snapshot and the wasm are megabytes; a Python read/write
                # loop made this server, not the browser, the slow part of a cold start.
                self.wfile.flush()
                self.connection.sendfile(source)
            else:
                super().copyfile(source, outputfile)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client went away (a closed worker, an aborted request)

    def _common_headers(self, url_path: str, etag: str, compressible: bool) -> None:
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", cache_control(url_path))
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("X-Content-Type-Options", "nosniff")


def _servable(path: str) -> bool:
    return os.path.isfile(path) or os.path.isfile(os.path.join(path, "index.html"))


def make_server(
    root: Path, host: str = "127.0.0.1", port: int = 8000, fallback: str | None = None
) -> http.server.ThreadingHTTPServer:
    mimetypes.init()
    handler_class = type("FallbackHandler", (Handler,), {"fallback": fallback}) if fallback else Handler
    handler = functools.partial(handler_class, directory=str(root))
    srv = http.server.ThreadingHTTPServer((host, port), handler)
    srv.daemon_threads = True
    return srv


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eimza_site.serve", description="Siteyi yerelde sunar.")
    ap.add_argument("--root", default="site")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--build", action="store_true", help="sunmadan önce siteyi derle")
    ap.add_argument("--watch", action="store_true", help="önizleme: değişiklikte yeniden derle (watch.py)")
    args = ap.parse_args(argv)
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
