"""MkDocs plugin: renders the engine's data into the pages and builds the calculator runtime."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin


class EimzaPlugin(BasePlugin):  # type: ignore[type-arg]
    # --- calculator runtime (issue 5, eimza_site.runtime) ---
    def on_env(self, env: Any, *, config: MkDocsConfig, **kwargs: Any) -> Any:
        from pathlib import Path

        from eimza_site import runtime

        self._runtime = runtime.prepare(Path(config.config_file_path).parent)
        env.globals["eimza_runtime"] = self._runtime.manifest()  # for overrides/calculator.html
        return env

    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        from pathlib import Path

        from eimza_site import runtime

        runtime.build(Path(config.site_dir), Path(config.config_file_path).parent, self._runtime)
