"""Local static server for the built site: right MIME types, precompressed assets."""

from __future__ import annotations

import argparse
import functools
import http.server
import mimetypes
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

MIME = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".bin": "application/octet-stream",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME}

    def log_message(self, format: str, *args: object) -> None:
        if os.environ.get("EIMZA_SERVE_LOG"):
            super().log_message(format, *args)


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000) -> http.server.ThreadingHTTPServer:
    mimetypes.init()
    handler = functools.partial(Handler, directory=str(root))
    return http.server.ThreadingHTTPServer((host, port), handler)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eimza_site.serve", description="Siteyi yerelde sunar.")
    ap.add_argument("--root", default="site")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--build", action="store_true", help="sunmadan önce siteyi derle")
    ap.add_argument("--watch", action="store_true", help="önizleme: değişiklikte yeniden derle (watch.py)")
    args = ap.parse_args(argv)
    if args.watch:  # editors' preview: published editions + the working tree, rebuilt on change
        from .watch import start_preview

        args.root, args.build = str(start_preview(Path.cwd())), False
    if args.build:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], check=True)
    srv = make_server(Path(args.root), args.host, args.port)
    print(f"E-İmza Rehberi: http://{args.host}:{args.port}/ (durdurmak için Ctrl+C)", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
