"""A 4× CPU slowdown for whole renderer processes (the page's thread and its workers alike),
where the DevTools protocol cannot slow a worker (Chromium refuses
Emulation.setCPUThrottlingRate on worker targets). Like Chromium's own throttler, which
suspends the page's thread for (rate - 1) / rate of the time, it stops every renderer
process of this bench's chromium (SIGSTOP) for 3/4 of each 20 ms period and lets it run
(SIGCONT) for the rest, keeping the books so that the share holds even when this thread
wakes late on a loaded machine. Linux only; reported beside the DevTools figure."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

PERIOD = 0.020


def _children() -> dict[int, int]:
    """{pid: parent pid} of every process."""
    out = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
                out[int(d.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return out


def renderers(ancestor: int) -> list[int]:
    """The chromium renderer processes below `ancestor` (this Python process)."""
    parents = _children()
    found = []
    for pid in parents:
        p, seen = pid, 0
        while p > 1 and p != ancestor and seen < 50:
            p, seen = parents.get(p, 0), seen + 1
        if p != ancestor or pid == ancestor:
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"--type=renderer" in cmd:
            found.append(pid)
    return found


class ProcessSlowdown:
    def __init__(self, rate: int = 4) -> None:
        self.rate = rate
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._pids: list[int] = []
        self.stopped_share = 0.0  # measured: the share of the time the renderers were stopped

    def __enter__(self) -> ProcessSlowdown:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._signal(signal.SIGCONT)

    def _signal(self, sig: signal.Signals) -> None:
        for pid in self._pids:
            try:
                os.kill(pid, sig)
            except OSError:
                pass

    def _run(self) -> None:
        try:  # wake on time on a loaded machine (root may raise its own thread's priority)
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), -10)
        except OSError:
            pass
        me, n = os.getpid(), 0
        # Keep the books rather than trust sleep(): over the whole slowdown, the time stopped is
        # (rate - 1) × the time running, however late this thread wakes.
        stopped = running = 0.0
        while not self._stop.is_set():
            if n % 10 == 0:  # new renderers (a navigation may start one) are found within 0.2 s
                self._pids = renderers(me)
            n += 1
            t0 = time.monotonic()
            self._signal(signal.SIGSTOP)
            time.sleep(max(0.0, (self.rate - 1) * (running + PERIOD / self.rate) - stopped))
            t1 = time.monotonic()
            self._signal(signal.SIGCONT)
            stopped += t1 - t0
            time.sleep(PERIOD / self.rate)
            running += time.monotonic() - t1
        self.stopped_share = stopped / (stopped + running) if stopped + running else 0.0
