"""The pages: the one data choice (facts), the {{ tokens }} and their HTML blocks, anchors,
search folding, the Content-Security-Policy and the built-site check."""
