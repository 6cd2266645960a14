"""Getting results out: JSON for research, self-contained HTML pages, atomic file writes.

:mod:`.json_report` and :mod:`.html_report` turn alignments into documents;
:mod:`.marks` and :mod:`.css` are the HTML's building blocks; :mod:`.output` writes files.
"""
