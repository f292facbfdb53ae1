"""Debian's chromium, as the tests and the benchmark start it (see shared toolchain notes:
without the background-networking flags it keeps dialling hosts this machine cannot reach)."""

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
