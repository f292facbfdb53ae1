"""The calculator runtime: Pyodide, the wheel, the snapshot, the page and worker scripts
(web/), the service worker and its offline copy (offline.py), and the calculator check of a
built edition."""
