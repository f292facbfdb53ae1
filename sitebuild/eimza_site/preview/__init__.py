"""The local server and the editors' `make serve` preview (rebuilds on change)."""
