"""Build-time tooling of E-İmza Rehberi: the MkDocs plugin, the Pyodide runtime assets,
the local server and the benchmark. Never shipped to the browser."""
