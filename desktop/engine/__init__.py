"""The comparison engine: plain, typed Python with no Qt.

The window, the command line, the exports and the tests all call these functions.
"""
