"""The project's server (eimza_site.preview.serve, `make serve`), spoken to over raw sockets: every
request gets an answer (never a traceback or a silent close), bad paths 400, missing files the
site's own 404 page, no listings, precompressed copies only by negotiation, ETag/304,
keep-alive, an idle timeout, and the security headers on every answer."""

from __future__ import annotations

import gzip
import os
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
import pytest

from eimza_site.pages import csp
from eimza_site.preview import serve

PAGE_POLICY = csp.policy(["abc="])
INDEX = (
    '<!doctype html><html><head><meta charset="utf-8">'
    f'<meta http-equiv="Content-Security-Policy" content="{PAGE_POLICY}"></head><body>ana sayfa</body></html>'
)
SCRIPT = "export const answer = 42;\n" * 100


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def read_reply(sock: socket.socket, head: bool = False) -> Reply:
    """One HTTP/1.x response from the socket (Content-Length framed)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"connection closed before a full answer: {buf!r}")
        buf += chunk
    raw_head, _, rest = buf.partition(b"\r\n\r\n")
    lines = raw_head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    length = 0 if head or status == 304 else int(headers["content-length"])
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed in the body")
        rest += chunk
    return Reply(status, headers, rest[:length])


def site(tmp: Path) -> Path:
    root = tmp / "site"
    (root / "assets" / "calculator").mkdir(parents=True)
    (root / "index.html").write_text(INDEX, encoding="utf-8")
    (root / "404.html").write_text(
        "<!doctype html><title>404</title><p>Sitenin kendi 404 sayfası</p>", "utf-8"
    )
    (root / "sss").mkdir()
    (root / "sss" / "index.html").write_text("<!doctype html><p>sss</p>", encoding="utf-8")
    (root / "bos").mkdir()  # a folder without index.html
    (root / "bos" / "dosya.txt").write_text("gizli liste", encoding="utf-8")
    (root / ".gizli").write_text("nokta dosyası", encoding="utf-8")
    js = root / "assets" / "calculator" / "calculator-0123456789ab.mjs"
    js.write_text(SCRIPT, encoding="utf-8")
    js.with_name(js.name + ".br").write_bytes(brotli.compress(SCRIPT.encode()))
    js.with_name(js.name + ".gz").write_bytes(gzip.compress(SCRIPT.encode()))
    (root / "assets" / "x.wasm").write_bytes(b"\0asm\1\0\0\0")
    edition = root / "2026-01-20"
    edition.mkdir()
    (edition / "index.html").write_text("<p>baskı</p>", encoding="utf-8")
    (edition / "404.html").write_text("<p>Baskının kendi 404 sayfası</p>", encoding="utf-8")
    (tmp / "disari.txt").write_text("site dışı", encoding="utf-8")
    (root / "dis-baglanti").symlink_to(tmp / "disari.txt")
    return root


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    root = site(tmp_path_factory.mktemp("serve"))
    srv = serve.make_server(root, "127.0.0.1", 0, timeout=1.0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv.server_address[0], srv.server_address[1]
    srv.shutdown()
    srv.server_close()


def ask(server: tuple[str, int], target: str, headers: str = "", method: str = "GET") -> Reply:
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(f"{method} {target} HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode("latin-1"))
        return read_reply(sock, head=method == "HEAD")


def assert_security_headers(reply: Reply) -> None:
    policy = reply.header("Content-Security-Policy")
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, reply.headers
    assert reply.header("X-Content-Type-Options") == "nosniff"
    assert reply.header("X-Frame-Options") == "DENY"
    assert reply.header("Referrer-Policy") == "no-referrer"


@pytest.mark.parametrize(
    "target",
    [
        "/%00",
        "/index.html%00.txt",
        "/%ED%A0%80",  # a lone surrogate (U+D800) in UTF-8 form
        "/%C3",  # a cut UTF-8 sequence
        "/%FF%FE",
        "/../../README.md",  # climbs out of the served root
        "/assets/../index.html",
        "/./index.html",
        "/a%5C..%5Cindex.html",  # backslashes
        "sss/",  # not absolute
    ],
)
def test_bad_paths_get_400_in_turkish(
    server: tuple[str, int], target: str, capfd: pytest.CaptureFixture[str]
) -> None:
    reply = ask(server, target)
    assert reply.status == 400
    assert "Geçersiz istek" in reply.body.decode("utf-8")
    assert reply.header("Content-Type") == "text/html; charset=utf-8"
    assert_security_headers(reply)
    assert "Traceback" not in capfd.readouterr().err


def test_raw_non_utf8_bytes_in_the_path_get_400(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_reply(sock).status == 400


def test_missing_file_gets_the_sites_own_404_page(server: tuple[str, int]) -> None:
    for target in ("/yok-boyle-sayfa/", "/yok.js", "/assets/calculator/yok/derin/sayfa"):
        reply = ask(server, target)
        assert reply.status == 404, target
        assert "Sitenin kendi 404 sayfası" in reply.body.decode("utf-8"), target
        assert reply.header("Content-Type") == "text/html; charset=utf-8"
        assert_security_headers(reply)
    # inside an edition, that edition's 404 page (its links point into the edition)
    reply = ask(server, "/2026-01-20/yok/")
    assert reply.status == 404 and "Baskının kendi 404 sayfası" in reply.body.decode("utf-8")
    # a name too long for the file system is simply not there
    assert ask(server, "/" + "a" * 5000).status == 404


@pytest.mark.parametrize(
    "target",
    [
        "/" + "a" * 300 + "/",  # a folder name longer than the file system allows (ENAMETOOLONG)
        "/" + "a" * 300 + "/x.html",
        "/sss/" + "b" * 300 + "/c",
        "/a" * 3000,  # a path longer than the system's limit, in short segments
        "/a/" * 1900,
        "/index.html/x",  # a file used as a folder
        "/" + "a" * 255 + "/" + "ş" * 200 + "/",  # 400 bytes of UTF-8 in one segment
        "/" + "x/" * 30_000,  # near the longest request line the server reads
    ],
    ids=[
        "uzun-klasor",
        "uzun-klasor-dosya",
        "sss-uzun",
        "3000-kisa",
        "1900-klasor",
        "dosya-klasor",
        "cok-baytli",
        "en-uzun",
    ],
)
def test_any_missing_path_gets_the_404_page_never_500(server: tuple[str, int], target: str) -> None:
    reply = ask(server, urllib.parse.quote(target))
    assert reply.status == 404
    assert "Sitenin kendi 404 sayfası" in reply.body.decode("utf-8")
    assert_security_headers(reply)


def test_a_long_missing_path_costs_no_more_lookups_than_a_short_one(
    server: tuple[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 404 page's search walks the folders that exist: 800 segments of a missing path
    ask the file system as often as one (a walk per segment took 680 ms for 1,900)."""
    calls: list[str] = []
    for name in ("stat", "lstat"):
        real = getattr(os, name)

        def counted(path: Any, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            calls.append(os.fspath(path) if isinstance(path, (str, os.PathLike)) else repr(path))
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(os, name, counted)
    counts = []
    for target in ("/yok/", "/yok/" * 800, "/yok/" * 800 + "sayfa.html"):  # within PATH_MAX
        calls.clear()
        started = time.monotonic()
        assert ask(server, target).status == 404
        assert time.monotonic() - started < 10  # a generous bound: milliseconds are expected
        counts.append(len(calls))
    assert counts[0] > 0 and counts[1] == counts[0] and counts[2] == counts[0], counts


def test_no_listing_no_hidden_files_no_link_out_of_the_site(server: tuple[str, int]) -> None:
    for target in ("/bos/", "/.gizli", "/dis-baglanti"):
        reply = ask(server, target)
        assert reply.status == 404, target
        assert (
            b"dosya.txt" not in reply.body
            and b"nokta" not in reply.body
            and "dışı" not in reply.body.decode()
        )
    assert ask(server, "/bos/dosya.txt").status == 200


def test_folder_without_slash_is_redirected(server: tuple[str, int]) -> None:
    reply = ask(server, "/sss?q=1")
    assert reply.status == 301 and reply.header("Location") == "/sss/?q=1"
    assert_security_headers(reply)
    assert ask(server, "/sss/").body == b"<!doctype html><p>sss</p>"


def test_precompressed_copies_only_by_negotiation(server: tuple[str, int]) -> None:
    url = "/assets/calculator/calculator-0123456789ab.mjs"
    for suffix in (".br", ".gz"):
        assert ask(server, url + suffix).status == 404
    br = ask(server, url, "Accept-Encoding: gzip, br\r\n")
    assert br.header("Content-Encoding") == "br" and brotli.decompress(br.body) == SCRIPT.encode()
    assert br.header("Content-Type") == "text/javascript; charset=utf-8"
    assert br.header("Vary") == "Accept-Encoding"
    assert br.header("Cache-Control") == "public, max-age=31536000, immutable"
    gz = ask(server, url, "Accept-Encoding: br;q=0, gzip\r\n")
    assert gz.header("Content-Encoding") == "gzip" and gzip.decompress(gz.body) == SCRIPT.encode()
    plain = ask(server, url, "Accept-Encoding: br;q=0, gzip;q=0\r\n")
    assert "content-encoding" not in plain.headers and plain.body == SCRIPT.encode()
    assert plain.header("Vary") == "Accept-Encoding"
    assert ask(server, "/assets/x.wasm").header("Content-Type") == "application/wasm"


def test_etag_gives_304_per_encoding(server: tuple[str, int]) -> None:
    url = "/assets/calculator/calculator-0123456789ab.mjs"
    first = ask(server, url, "Accept-Encoding: br\r\n")
    etag = first.header("ETag")
    assert etag
    again = ask(server, url, f"Accept-Encoding: br\r\nIf-None-Match: {etag}\r\n")
    assert again.status == 304 and again.body == b"" and again.header("ETag") == etag
    assert_security_headers(again)
    # the plain copy is another entity: the br ETag does not validate it
    assert ask(server, url, f"If-None-Match: {etag}\r\n").status == 200
    page = ask(server, "/")
    assert page.header("Cache-Control") == "no-cache"
    assert ask(server, "/", f"If-None-Match: {page.header('ETag')}\r\n").status == 304


def test_page_policy_is_sent_as_a_header(server: tuple[str, int]) -> None:
    reply = ask(server, "/")
    assert reply.header("Content-Security-Policy") == f"{PAGE_POLICY}; frame-ancestors 'none'"
    # any other file: the same policy without inline-script hashes
    js = ask(server, "/assets/x.wasm")
    assert js.header("Content-Security-Policy") == f"{csp.policy()}; frame-ancestors 'none'"


def test_keep_alive_answers_several_requests_on_one_connection(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=10) as sock:
        for target in ("/", "/sss/", "/yok/", "/sss"):
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            reply = read_reply(sock)
            assert reply.status in (200, 301, 404)
            assert "close" not in reply.header("Connection").lower()
        sock.sendall(b"HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
        head = read_reply(sock, head=True)
        assert head.status == 200 and int(head.header("Content-Length")) == len(INDEX.encode())
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_reply(sock).body == INDEX.encode()  # no stray HEAD body before it


def test_idle_connection_is_closed(server: tuple[str, int]) -> None:
    """The fixture's server times out after 1 s; the socket waits at most 10 s for the close."""
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\n")  # a request that never ends
        assert sock.recv(1024) == b""


def test_a_head_dripping_in_is_closed_at_the_timeout(server: tuple[str, int]) -> None:
    """A byte every 0.1 s never lets a 1 s wait between bytes expire: the head itself must be
    complete within the fixture's 1 s, else the connection is closed. The client waits at most
    10 s for that close (a generous bound)."""
    done = threading.Event()

    def drip(sock: socket.socket) -> None:
        try:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Damla: ")
            while not done.wait(0.1):
                sock.sendall(b"a")
        except OSError:
            pass  # closed by the server

    with socket.create_connection(server, timeout=10) as sock:
        started = time.monotonic()
        dripper = threading.Thread(target=drip, args=(sock,), daemon=True)
        dripper.start()
        try:
            try:
                closed = sock.recv(1024) == b""
            except ConnectionResetError:  # closed with drip bytes still unread
                closed = True
            assert closed
            assert time.monotonic() - started >= 1.0  # the deadline, not some other refusal
        finally:
            done.set()
            dripper.join()


def test_a_head_arriving_in_pieces_within_the_timeout_is_answered(tmp_path: Path) -> None:
    srv = serve.make_server(site(tmp_path), port=0, timeout=5.0)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with socket.create_connection(srv.server_address[:2], timeout=10) as sock:
            for _ in range(2):  # the deadline starts again for the next request
                for piece in (b"GET /sss/ HT", b"TP/1.1\r\nHo", b"st: x\r\n", b"\r\n"):
                    sock.sendall(piece)
                    time.sleep(0.1)
                assert read_reply(sock).body == b"<!doctype html><p>sss</p>"
    finally:
        srv.shutdown()
        srv.server_close()


def test_other_methods_answered_in_turkish_and_closed(server: tuple[str, int]) -> None:
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
        reply = read_reply(sock)
        assert reply.status == 501 and "Desteklenmeyen yöntem" in reply.body.decode()
        assert sock.recv(1024) == b""
    # not HTTP at all: the Turkish error body (HTTP/0.9 has no status line), then the close
    with socket.create_connection(server, timeout=10) as sock:
        sock.sendall(b"garbage\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        assert "Geçersiz istek" in answer.decode()


def test_listens_on_this_computer_only_by_default(tmp_path: Path) -> None:
    assert serve.parser().parse_args([]).host == "127.0.0.1"
    srv = serve.make_server(tmp_path, port=0)
    try:
        assert srv.server_address[0] == "127.0.0.1"
    finally:
        srv.server_close()


def test_preview_fallback_folder(tmp_path: Path) -> None:
    """The editors' preview: the root holds editions and versions.json, the working tree's build
    (the fallback folder) answers every other URL, its 404 page included."""
    root = tmp_path / "kok"
    (root / "onizleme" / "sss").mkdir(parents=True)
    (root / "versions.json").write_text("[]", encoding="utf-8")
    (root / "onizleme" / "index.html").write_text("<p>önizleme</p>", encoding="utf-8")
    (root / "onizleme" / "sss" / "index.html").write_text("<p>sss</p>", encoding="utf-8")
    (root / "onizleme" / "404.html").write_text("<p>önizlemenin 404 sayfası</p>", encoding="utf-8")
    srv = serve.make_server(root, port=0, fallback="onizleme")
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    addr = (srv.server_address[0], srv.server_address[1])
    try:
        assert "önizleme" in ask(addr, "/").body.decode()
        assert ask(addr, "/versions.json").body == b"[]"
        assert ask(addr, "/sss").header("Location") == "/sss/"
        missing = ask(addr, "/yok/")
        assert missing.status == 404 and "önizlemenin 404" in missing.body.decode()
    finally:
        srv.shutdown()
        srv.server_close()
