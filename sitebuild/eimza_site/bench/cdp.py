"""DevTools-protocol conditions for one page and the workers it starts: the throttled network
(20 Mbit/s, 40 ms) and a 4× CPU slowdown (Save-Data is probe.SAVE_DATA, an init script, as
in the instant-answer browser tests).

The page gets its own CDP session. The network conditions set on it also hold for the
requests of its dedicated workers (checked: a 2.5 MB fetch from the calculator's worker took
31 ms unthrottled, 1,226 ms throttled; the worker's own session answers
Network.emulateNetworkConditions with "Not supported"). The CPU slowdown does not: the
workers (and the service worker) are their own targets, so a second, non-flattened
auto-attach on the page's session (Playwright keeps its own flattened one, untouched)
attaches to each as it starts, paused, sends it Emulation.setCPUThrottlingRate through
Target.sendMessageToTarget, then lets it run. What a target refused is kept in
`Conditions.refused` (Chromium 156 answers a worker "Operation is only supported for pages,
not workers"), so the report says which targets ran at full speed."""

from __future__ import annotations

import itertools
import json
from typing import Any

NETWORK = {
    "offline": False,
    "latency": 40,
    "downloadThroughput": 20_000_000 / 8,
    "uploadThroughput": 20_000_000 / 8,
}
CPU_RATE = 4


class Conditions:
    def __init__(self, context: Any, page: Any, network: bool = False, cpu: bool = False):
        page_commands: list[tuple[str, dict[str, Any]]] = []
        if network:
            page_commands += [("Network.enable", {}), ("Network.emulateNetworkConditions", NETWORK)]
        self.commands: list[tuple[str, dict[str, Any]]] = []  # for the page and every worker
        if cpu:
            self.commands.append(("Emulation.setCPUThrottlingRate", {"rate": CPU_RATE}))
        # "worker worker-x.mjs: Emulation.setCPUThrottlingRate" -> Chromium's message
        self.refused: dict[str, str] = {}
        self.applied: list[str] = []
        self._ids = itertools.count(1)
        self._pending: dict[int, str] = {}
        self.cdp = context.new_cdp_session(page)
        for method, params in page_commands + self.commands:
            self._page(method, params)
        if self.commands:
            self.cdp.on("Target.attachedToTarget", self._attached)
            self.cdp.on("Target.receivedMessageFromTarget", self._message)
            self.cdp.send(
                "Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False}
            )

    def _page(self, method: str, params: dict[str, Any]) -> None:
        try:
            self.cdp.send(method, params)
            self.applied.append(f"page: {method}")
        except Exception as err:  # recorded, reported: the run goes on unthrottled there
            self.refused[f"page: {method}"] = str(err).splitlines()[0]

    def _attached(self, event: dict[str, Any]) -> None:
        info = event["targetInfo"]
        name = f"{info['type']} {info['url'].rsplit('/', 1)[-1]}"
        for method, params in [*self.commands, ("Runtime.runIfWaitingForDebugger", {})]:
            i = next(self._ids)
            self._pending[i] = f"{name}: {method}"
            message = json.dumps({"id": i, "method": method, "params": params})
            try:
                self.cdp.send(
                    "Target.sendMessageToTarget", {"sessionId": event["sessionId"], "message": message}
                )
            except Exception as err:
                self.refused[self._pending.pop(i)] = str(err).splitlines()[0]

    def _message(self, event: dict[str, Any]) -> None:
        reply = json.loads(event["message"])
        what = self._pending.pop(reply.get("id", -1), None)
        if what is None:
            return
        if "error" in reply:
            self.refused[what] = reply["error"].get("message", "?")
        else:
            self.applied.append(what)
