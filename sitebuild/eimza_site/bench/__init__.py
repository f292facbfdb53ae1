"""``make bench``: what readers of the calculator page wait for, against a bare Pyodide page
measured in the same run, and the targets of issue 11 item 4.

One run builds the site into a temporary folder (plus a bare page that loads Pyodide on the
main thread and runs one line), serves it with the project's own server (which counts the
bytes it sends) and measures in Debian's chromium, headless, medians of N runs (default 5):
first answer (default case, shared link), Python ready, interaction latency after ready, the
same under a 4× CPU slowdown and the throttled network, bytes, long tasks by whose script,
then Lighthouse. It prints the table and the targets (met / not met); the figures go to
bench-results/bench.json. It measures, it does not judge: the exit status is 0 whenever the
measurements could be made.

Modules: site (build, server, cases), cdp (DevTools conditions), slow (the process-level
4× CPU), probe (in-page scripts), scenarios
(the visits), lighthouse, report (arithmetic, targets, table: unit-tested without a browser).
"""
