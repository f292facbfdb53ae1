"""``make bench``: what readers of the calculator pay and wait for (issue 23), against
baselines measured in the same run, and the targets of its item 5 as same-run ratios.

One run builds the site into a temporary folder plus two baselines (a bare page that loads
Pyodide on the main thread and runs one line; the bare swap page: the calculator page of the
same build that swaps in the engine's answer HTML on the same form changes, the browser's
own cost of showing an answer), serves it with the project's own server (which counts the
bytes it sends) and measures in Debian's chromium, headless, medians of N runs (default 9):
bytes of a cold visit without intent (its offline copy included) and with intent, the
offline copy's size before and after Python was used; the typing of a name, surname and
T.C. Kimlik No at 8 characters a second from the first focus, and the wait from the 11th
digit to the description, at 1× and with the page and its worker at 4× CPU (slow.py); the
first answer that needs Python (a link whose date no instant interval holds, cold);
interaction p50/p95 on the calculator and on the swap page at 1× and 4×; the longest
main-thread task by whose script; then Lighthouse. It prints the table and the targets
(met / not met), benchmarkIndex in its head line; the figures go to
bench-results/bench.json. It measures, it does not judge: the exit status is 0 whenever the
measurements could be made.

Modules: site (build, baselines, server, cases), slow (the process-level 4× CPU), probe
(in-page scripts), scenarios (the visits), lighthouse, report (arithmetic, targets, table:
unit-tested without a browser).
"""
