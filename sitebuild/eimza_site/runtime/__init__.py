"""The calculator runtime: Pyodide, the wheel, the snapshot, the page and worker scripts
(web/), the service worker, and the calculator check of a built edition."""
