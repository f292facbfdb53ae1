"""The pages: the one data choice (facts), the {{ tokens }} and their HTML blocks, anchors,
search folding, the Content-Security-Policy and the built-site check."""

# The editors' pages (docs/editor/: the guide), outside the readers' navigation: no reader's
# claims rule applies to them, and the readers' offline copy does not keep them.
EDITORS = ("editor/",)
