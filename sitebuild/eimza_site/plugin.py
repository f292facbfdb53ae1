"""MkDocs plugin: renders the engine's data into the pages and builds the calculator runtime."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin

from eimza_site import runtime


class EimzaPlugin(BasePlugin):  # type: ignore[type-arg]
    def on_env(self, env: Any, *, config: MkDocsConfig, **kwargs: Any) -> Any:
        # Calculator runtime (issue 5): hashed asset names for overrides/calculator.html.
        self._runtime = runtime.prepare(Path(config.config_file_path).parent)
        env.globals["eimza_runtime"] = self._runtime.manifest()
        return env

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        # Calculator runtime (issue 5): Pyodide, wheel, snapshot, service worker, .br/.gz.
        runtime.build(Path(config.site_dir), Path(config.config_file_path).parent, self._runtime)
