"""Getting results out: JSON for research, self-contained HTML pages, atomic file writes.

:mod:`.json_report`, :mod:`.html_report` (a pair) and :mod:`.corpus_report` (a whole set)
turn alignments into documents; :mod:`.marks`, :mod:`.html_parts` and :mod:`.css` are the
HTML's building blocks; :mod:`.output` writes files.
"""
