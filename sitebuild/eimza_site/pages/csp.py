"""Content-Security-Policy for every page, as a `<meta http-equiv>` inserted by the build
(static hosts cannot set headers) and repeated as a header by the project's server.

Scripts run only from the site's origin or, inline, by the SHA-256 of that page's own inline
scripts; WebAssembly may be compiled (`'wasm-unsafe-eval'`, Pyodide) but nothing is `eval`ed;
every fetch, worker, image and style comes from the origin (images may also be `data:`:
Material's icons are SVG data URLs in its CSS). The calculator's page alone also allows
scripts and workers from `blob:` URLs: its worker and Pyodide's modules run from the very
bytes that were checked against the build's digests, which only a `blob:` URL made of those
bytes can run (a worker made from a `blob:` URL keeps its page's policy, so this also holds
inside the worker); only the page's own scripts can make one."""

from __future__ import annotations

import base64
import hashlib
import html
import re

DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
)
# only a header can carry these (a <meta> policy ignores frame-ancestors)
HEADER_ONLY = "frame-ancestors 'none'"
REFERRER = "no-referrer"
# every answer's other security headers (the project's server, and the build's `_headers`)
HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Frame-Options", "DENY"),  # frame-ancestors for browsers without CSP level 2
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", REFERRER),
)

# the attribute of the inline script that runs checked bytes from blob: URLs (partials/eimza-boot.html)
BLOB_MARK = "data-eimza-blob"
_BLOB = re.compile(rf"<script\b[^>]*\b{BLOB_MARK}\b", re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript"}
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*/?>', re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def policy(hashes: tuple[str, ...] | list[str] = (), blob: bool = False) -> str:
    """The policy, with `'sha256-…'` sources for the given inline-script hashes; `blob`: scripts
    and workers from `blob:` URLs too (the calculator's page)."""
    parts = []
    for name, value in DIRECTIVES:
        if blob and name in ("script-src", "worker-src"):
            value += " blob:"
        if name == "script-src" and hashes:
            value += " " + " ".join(f"'sha256-{h}'" for h in hashes)
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def markup_policy(markup: str) -> str:
    """The policy for a page: its inline scripts' hashes, `blob:` where its boot script is marked."""
    return policy(inline_script_hashes(markup), blob=bool(_BLOB.search(markup)))


def inline_scripts(markup: str) -> list[str]:
    """The text of each inline classic or module script, in page order: what runs (data
    blocks such as `type="application/json"` do not, and need no hash)."""
    out: list[str] = []
    for attrs, body in _SCRIPT.findall(markup):
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JS_TYPES:
            out.append(body)
    return out


def inline_script_hashes(markup: str) -> list[str]:
    """Base64 SHA-256 of each inline script (inline_scripts), in page order, without repeats."""
    out: list[str] = []
    for body in inline_scripts(markup):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if digest not in out:
            out.append(digest)
    return out


def insert_meta(markup: str) -> str:
    """The page with its policy (and referrer policy) as the first elements of <head>, before
    anything the policy governs; a page without <head> is returned as it is."""
    if _META.search(markup):
        return markup
    own = html.escape(markup_policy(markup), quote=False).replace('"', "&quot;")
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{own}">'
        f'<meta name="referrer" content="{REFERRER}">'
    )
    anchor = _CHARSET.search(markup) or _HEAD.search(markup)
    if anchor is None:
        return markup
    return markup[: anchor.end()] + tags + markup[anchor.end() :]


def rehash(markup: str) -> str:
    """The page with its policy recomputed (for a page whose inline scripts were changed after
    the build, e.g. by a test)."""
    markup = _META.sub("", markup, count=1).replace(f'<meta name="referrer" content="{REFERRER}">', "", 1)
    return insert_meta(markup)


def page_policy(markup: str) -> str | None:
    """The policy a page carries in its <meta>, if any."""
    found = _META.search(markup)
    return html.unescape(found.group(1)) if found else None


def header_policy(markup: str | None = None) -> str:
    """The header the server sends: the page's own policy (a page without one gets the policy
    for its inline scripts; any other file, the policy without hashes) plus what only a header
    can say."""
    if markup is None:
        return f"{policy()}; {HEADER_ONLY}"
    return f"{page_policy(markup) or markup_policy(markup)}; {HEADER_ONLY}"


def headers_file() -> str:
    """The build's `_headers` (read by hosts such as Netlify and Cloudflare Pages at the root
    they serve): every path gets what the project's server adds to a page's own policy. The
    policy is a separate header holding only `frame-ancestors`: a browser enforces it beside
    the page's <meta> policy (both must allow), so each page keeps its own script hashes and
    the two together are the server's header."""
    lines = [
        "# Written by the build (eimza_site.pages.csp): the headers a <meta> cannot carry.",
        "/*",
        f"  Content-Security-Policy: {HEADER_ONLY}",
        *(f"  {name}: {value}" for name, value in HEADERS),
    ]
    return "\n".join(lines) + "\n"
