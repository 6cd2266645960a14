"""The comparison engine: plain, typed Python with no Qt.

One package per stage of the pipeline: :mod:`.load` reads articles, :mod:`.align` finds
what they share, :mod:`.export` writes the results; :mod:`.model` holds the result types.
The window, the command line and the tests all call these functions.
"""
