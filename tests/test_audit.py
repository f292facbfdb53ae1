"""`make audit` (eimza_site.audit) against local stand-ins for the two advisory sources, over
loopback: npm's bulk advisory endpoint (spoken to by the real `npm audit`) and PyPI's JSON
API. Advisories fail it in Turkish; an unreachable source or a version without a record is
said and does not."""

from __future__ import annotations

import gzip
import http.server
import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from eimza_site import audit

ROOT = Path(__file__).resolve().parent.parent
Answer = tuple[int, Any]  # status, JSON body (None: empty)


@contextmanager
def fake(answer: Callable[[str, str, bytes], Answer]) -> Iterator[str]:
    """A loopback server answering every request with answer(method, path, body)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _reply(self, method: str) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            status, payload = answer(method, self.path, body)
            out = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def do_GET(self) -> None:
            self._reply("GET")

        def do_POST(self) -> None:
            self._reply("POST")

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def npm_registry(advisories: dict[str, list[dict[str, Any]]], asked: list[Any]) -> Callable[..., Answer]:
    def answer(method: str, path: str, body: bytes) -> Answer:
        if method == "POST" and path.endswith("/-/npm/v1/security/advisories/bulk"):
            asked.append(json.loads(body))
            return 200, advisories
        return 404, None  # packuments (npm looks for a fix): none here

    return answer


def pypi(records: dict[str, dict[str, Any]], latest: dict[str, str] | None = None) -> Callable[..., Answer]:
    """Per-version records by name (others: no advisory); `latest`: names whose per-version
    record is missing, with the project's latest version."""

    def answer(method: str, path: str, body: bytes) -> Answer:
        m = re.fullmatch(r"/pypi/([^/]+)/(?:([^/]+)/)?json", path)
        assert m, path
        name, version = m.groups()
        if latest and name in latest:
            return (
                (404, None) if version else (200, {"info": {"version": latest[name]}, "vulnerabilities": []})
            )
        return 200, {"info": {"version": version}, "vulnerabilities": records.get(name, [])}

    return answer


def closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/pypi"


def run(capsys: pytest.CaptureFixture[str], npm: str, pypi_url: str) -> tuple[int, str]:
    code = audit.main(["--root", str(ROOT), "--npm-registry", npm + "/", "--pypi", pypi_url])
    return code, capsys.readouterr().out


def test_known_advisories_fail_the_audit_in_turkish(capsys: pytest.CaptureFixture[str]) -> None:
    shipped = audit.npm_packages(ROOT)
    assert "pyodide" in shipped
    build = audit.build_packages()
    assert "mkdocs" in build and "mkdocs-material" in build
    npm_advisory = {
        "id": 1,
        "url": "https://example.invalid/GHSA-deneme-npm",
        "title": "Pyodide deneme açığı",
        "severity": "high",
        "vulnerable_versions": f"<={shipped['pyodide']}",
        "cwe": [],
        "cvss": {"score": 7, "vectorString": None},
    }
    records = {
        "mkdocs": [{"id": "GHSA-deneme-pypi", "summary": "Deneme açığı", "fixed_in": ["99.0"]}],
        "mkdocs-material": [{"id": "GHSA-geri-cekilen", "summary": "x", "withdrawn": "2024-01-01"}],
    }
    asked: list[Any] = []
    with fake(npm_registry({"pyodide": [npm_advisory]}, asked)) as npm, fake(pypi(records)) as index:
        code, out = run(capsys, npm, index + "/pypi")
    assert code == 1, out
    assert asked and shipped["pyodide"] in asked[0].get("pyodide", []), asked
    assert f"DANIŞMA (npm): pyodide {shipped['pyodide']}: https://example.invalid/GHSA-deneme-npm" in out
    assert f"DANIŞMA (PyPI): mkdocs {build['mkdocs']}: GHSA-deneme-pypi — Deneme açığı" in out
    assert "düzeltildiği sürüm: 99.0" in out
    assert "GHSA-geri-cekilen" not in out  # withdrawn
    assert "SONUÇ: 2 bilinen güvenlik danışması" in out


def test_clean_packages_pass(capsys: pytest.CaptureFixture[str]) -> None:
    asked: list[Any] = []
    with fake(npm_registry({}, asked)) as npm, fake(pypi({})) as index:
        code, out = run(capsys, npm, index + "/pypi")
    assert code == 0 and asked, out
    assert "SONUÇ:" in out and "bilinen danışma yok" in out and "denetlenemedi" not in out


def test_unreachable_sources_are_said_and_do_not_fail(capsys: pytest.CaptureFixture[str]) -> None:
    """As here: the npm registry refuses the bulk POST (405), PyPI does not answer."""
    with fake(lambda method, path, body: (405, None)) as npm:
        code, out = run(capsys, npm, closed_port())
    assert code == 0, out
    assert "npm danışma kaynağına ulaşılamadı (405" in out
    assert "PyPI danışma kaynağına ulaşılamadı" in out
    assert re.search(r"SONUÇ: denetlenen 0 pakette bilinen danışma yok; \d+ paket denetlenemedi", out)


def test_a_version_without_record_is_not_judged_by_the_latest(capsys: pytest.CaptureFixture[str]) -> None:
    """PyPI has no per-version record: the project's (latest version's) advisories are used only
    when the latest is the installed version."""
    build = audit.build_packages()
    latest = {"mkdocs": "999.0", "jinja2": build["jinja2"]}
    with fake(npm_registry({}, [])) as npm, fake(pypi({}, latest)) as index:
        code, out = run(capsys, npm, index + "/pypi")
    assert code == 0, out
    assert f"DENETLENEMEDİ (PyPI): mkdocs {build['mkdocs']}: " in out and "en yeni sürüm 999.0" in out
    assert "jinja2" not in out  # its latest is the installed version: checked
    assert f"PyPI: {len(build)} paketten {len(build) - 1} paket denetlendi." in out
