"""Editions: `make publish`, `make push` / `rollback` / `withdraw`, the edition tags and
mike's redirect page."""
