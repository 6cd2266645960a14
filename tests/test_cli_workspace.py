"""syndiff-cli with workspaces: ``workspace new``, and every command reading a .syndiff."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.engine.align.corpus import align_corpus
from desktop.engine.align.corrections import link
from desktop.engine.workspace import open_workspace, save_workspace


@pytest.fixture()
def seeds(seed_paths: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the samples in ``seeds/`` under the working directory, as in the README."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in seed_paths:
        shutil.copy(path, folder)
    monkeypatch.chdir(tmp_path)
    return folder


def test_workspace_new_then_export_shows_the_outlet_given(seeds: Path, tmp_path: Path) -> None:
    files = sorted(f"seeds/{p.name}" for p in seeds.glob("*.txt"))
    code = main(
        ["workspace", "new", "w.syndiff", *files, "--outlet", "seeds/001_dc3f0d53317f598b.txt=My Outlet"]
    )
    assert code == 0
    ws = open_workspace(tmp_path / "w.syndiff")
    assert [a.outlet for a in ws.articles] == [
        "V Social Media of Hollywood",
        "My Outlet",
        "Article 3",
        "Android Headlines",
        "Article 5",
    ]
    assert main(["export", "w.syndiff", "--html", "out.html"]) == 0
    report = (tmp_path / "out.html").read_text("utf-8")
    assert "My Outlet" in report and ">001<" not in report


def test_every_command_reads_a_workspace_with_its_settings_and_corrections(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    assert main(["workspace", "new", "w.syndiff", *files, "--min-words", "7", "--no-embeddings"]) == 0
    ws = open_workspace("w.syndiff")
    d, e = ws.articles[3], ws.articles[4]
    corrections = (link(d, e, (0, 60), (0, 60)),)
    save_workspace("w.syndiff", type(ws)(ws.articles, ws.settings, corrections, ws.origins))

    assert main(["align", "w.syndiff", "--json", "a.json"]) == 0
    data = json.loads(Path("a.json").read_text("utf-8"))
    assert data["settings"]["min_words"] == 7 and data["settings"]["use_embeddings"] is False
    pair = next(p for p in data["pairs"] if {p["a"], p["b"]} == {d.id, e.id})
    assert [p["source"] for p in pair["passages"]] == ["manual"]

    assert main(["align", "w.syndiff", "--min-words", "3", "--json", "b.json"]) == 0
    assert json.loads(Path("b.json").read_text("utf-8"))["settings"]["min_words"] == 3, "an option overrides"
    assert main(["families", "w.syndiff", "--json", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"][1]["outlet"] == "Article 2"
    assert main(["quotes", "w.syndiff", "--json", "q.json"]) == 0
    assert capsys.readouterr().err == ""


def test_a_changed_source_is_noted_and_the_snapshot_used(
    seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    assert main(["workspace", "new", "w.syndiff", *files]) == 0
    first = Path(files[0])
    saved = first.read_text("utf-8")
    first.write_text("Completely different\n\nNothing of the old text.\n", "utf-8")
    assert main(["align", "w.syndiff", "--json", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "changed since it was loaded" in captured.err
    assert json.loads(captured.out)["articles"][0]["text"] == saved.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--outlet", "nothere.txt=X"], "not one of the articles"),
        (["--outlet", "seeds/001_dc3f0d53317f598b.txt"], "FILE=NAME"),
        (["--outlet", "seeds/001_dc3f0d53317f598b.txt=  "], "FILE=NAME"),
        (["--sensitivity", "2"], "sensitivity"),
    ],
)
def test_workspace_new_refuses_bad_options(
    args: list[str], message: str, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(f"seeds/{p.name}" for p in seeds.glob("*.txt"))
    assert main(["workspace", "new", "w.syndiff", *files, *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not os.path.exists("w.syndiff")


def test_workspace_input_errors_are_one_line(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("bad.syndiff").write_text("not a database", "utf-8")
    assert main(["align", "bad.syndiff", "--json", "-"]) == 2
    assert "not a Syndiff workspace" in capsys.readouterr().err
    assert main(["workspace", "new", "w.syndiff", "seeds"]) == 0
    assert main(["align", "w.syndiff", "seeds/000_910161cb7de8ba55.txt", "--json", "-"]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["workspace", "new", "x.syndiff", "w.syndiff"]) == 2
    assert "not a workspace" in capsys.readouterr().err
    assert main(["workspace", "new", "seeds/000_910161cb7de8ba55.txt", "seeds"]) == 2
    assert "one of the input articles" in capsys.readouterr().err


def test_the_aligner_result_of_a_workspace_matches_its_files(seeds: Path) -> None:
    files = sorted(str(p) for p in seeds.glob("*.txt"))
    assert main(["workspace", "new", "w.syndiff", *files, "--no-embeddings"]) == 0
    assert main(["align", *files, "--no-embeddings", "--json", "files.json"]) == 0
    assert main(["align", "w.syndiff", "--json", "ws.json"]) == 0
    by_files = json.loads(Path("files.json").read_text("utf-8"))
    by_ws = json.loads(Path("ws.json").read_text("utf-8"))
    assert by_files == by_ws
    ws = open_workspace("w.syndiff")
    assert len(align_corpus(list(ws.articles), ws.settings).pairs) == sum(
        1 for p in by_ws["pairs"] if p["passages"]
    )
