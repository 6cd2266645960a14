"""The loading error: one line naming the file, and picklable for worker processes."""

from __future__ import annotations

import pickle

from desktop.engine.errors import ArticleError


def test_error_example_message() -> None:
    err = ArticleError("not a text file (binary data)", "/tmp/x/report.png")
    assert str(err) == "report.png: not a text file (binary data)"
    assert (err.path, err.reason) == ("/tmp/x/report.png", "not a text file (binary data)")


def test_errors_survive_pickling() -> None:
    err = pickle.loads(pickle.dumps(ArticleError("file not found", "/tmp/a.txt")))
    assert (str(err), err.path, err.reason) == ("a.txt: file not found", "/tmp/a.txt", "file not found")
