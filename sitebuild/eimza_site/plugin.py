"""MkDocs plugin: renders the engine's data into the pages and builds the calculator runtime."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin


class EimzaPlugin(BasePlugin):  # type: ignore[type-arg]
    def on_post_build(self, *, config: MkDocsConfig, **kwargs: Any) -> None:
        return None
