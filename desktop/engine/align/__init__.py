"""Finding what articles share: sentences, preparation, scoring, passages, word diffs, families.

:func:`.pair.align_pair` aligns two articles; :func:`.corpus.align_corpus` aligns a whole
set and groups the passages into families. Nothing here reads files or writes exports.
"""
