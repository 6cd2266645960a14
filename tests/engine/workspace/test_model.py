"""What a workspace holds: its errors, origins, source changes and the workspace itself."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from desktop.engine.model import Article, Settings
from desktop.engine.workspace.model import Origin, SourceChange, Workspace, WorkspaceError


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/home/me/w.syndiff", "w.syndiff: not a Syndiff workspace"),
        (Path("/home/me/w.syndiff"), "w.syndiff: not a Syndiff workspace"),
        ("/home/me/folder/", "folder: not a Syndiff workspace"),
        (None, "workspace: not a Syndiff workspace"),
    ],
)
def test_a_workspace_error_is_one_line_naming_the_file(path: object, message: str) -> None:
    err = WorkspaceError("not a Syndiff workspace", path)  # type: ignore[arg-type]
    assert str(err) == message
    assert err.reason == "not a Syndiff workspace"
    assert err.path == (None if path is None else str(path))


def test_a_source_change_says_what_happened_to_the_file() -> None:
    gone = SourceChange("a1", "/news/story one.txt", missing=True)
    edited = SourceChange("a2", "/news/story two.txt", missing=False)
    assert gone.describe() == "story one.txt: missing"
    assert edited.describe() == "story two.txt: changed since it was loaded"


def test_a_workspace_defaults_to_no_corrections_origins_or_pair() -> None:
    w = Workspace((Article("a", "t", "o", "Text."),))
    assert w.settings == Settings() and w.corrections == () and dict(w.origins) == {} and w.pair is None
    other = Workspace(())
    assert other.origins is not w.origins  # each workspace has its own mapping


def test_workspace_values_are_frozen() -> None:
    w = Workspace(())
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.pair = ("a", "b")  # type: ignore[misc]
    origin = Origin("/x.txt", "0" * 64, "2024-05-06T07:08:00+00:00")
    with pytest.raises(dataclasses.FrozenInstanceError):
        origin.path = "/y.txt"  # type: ignore[misc]
    assert origin == Origin("/x.txt", "0" * 64, "2024-05-06T07:08:00+00:00")
