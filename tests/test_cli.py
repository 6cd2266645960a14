"""syndiff-cli: JSON output, exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main


def test_align_writes_the_documented_schema(seed_paths: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    before = [p.read_bytes() for p in seed_paths]
    assert main(["align", *map(str, seed_paths), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] and data["settings"]["sensitivity"] == 0.5
    assert len(data["articles"]) == 5 and len(data["pairs"]) == 10
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for article in data["articles"]:
        assert set(article) >= {"id", "path", "title", "outlet", "text", "boilerplate"}
    kinds = set()
    for pair in data["pairs"]:
        ta, tb = texts[pair["a"]], texts[pair["b"]]
        assert 0 <= pair["score"] <= 1
        for p in pair["passages"]:
            kinds.add(p["kind"])
            assert ta[p["a_start"] : p["a_end"]].strip() and tb[p["b_start"] : p["b_end"]].strip()
            pieces_a = "".join(ta[d[1] : d[2]] for d in p["diff"] if d[0] in ("equal", "delete"))
            assert pieces_a == ta[p["a_start"] : p["a_end"]]
    assert "paraphrase" in kinds
    assert [p.read_bytes() for p in seed_paths] == before, "input files are never modified"
    assert not list(tmp_path.glob(".*.part")), "no temporary file left behind"


def test_align_shared_only_lists_the_pairs_that_share_a_passage(
    seed_paths: list[Path], tmp_path: Path
) -> None:
    every, shared = tmp_path / "every.json", tmp_path / "shared.json"
    files = [str(p) for p in seed_paths]
    assert main(["align", *files, "--json", str(every)]) == 0
    assert main(["align", *files, "--json", str(shared), "--shared-only"]) == 0
    full = json.loads(every.read_text(encoding="utf-8"))
    only = json.loads(shared.read_text(encoding="utf-8"))
    sharing = [p for p in full["pairs"] if p["passages"]]
    assert 0 < len(sharing) < len(full["pairs"]), "the samples have pairs that share nothing"
    assert only["pairs"] == sharing  # the same entries, in the same order and orientation
    assert only["articles"] == full["articles"]


def test_stdout_and_families(seed_paths: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["families", *map(str, seed_paths), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["families"]
    for family in data["families"]:
        assert {"id", "label", "members"} <= set(family)
        assert len({m["article"] for m in family["members"]}) >= 2


def _bad_file(kind: str, folder: Path) -> Path:
    if kind == "missing":
        return folder / "missing.txt"
    if kind == "folder":
        return folder
    path = folder / f"{kind}.txt"
    path.write_bytes(b"" if kind == "empty" else b"\x89PNG\r\n\x1a\n" + bytes(200))
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [("missing", "not found"), ("empty", "empty"), ("binary", "binary"), ("folder", "no .txt")],
)
def test_bad_input_is_one_line_and_exit_2(
    kind: str, message: str, seed_paths: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o.json"
    code = main(["align", str(seed_paths[0]), str(_bad_file(kind, tmp_path)), "--json", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not out.exists()


def test_single_article_is_refused(seed_paths: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(seed_paths[0]), "--json", "-"]) == 2
    assert "at least 2" in capsys.readouterr().err


def test_bad_sensitivity(seed_paths: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", *map(str, seed_paths[:2]), "--sensitivity", "3", "--json", "-"]) == 2
    assert "sensitivity" in capsys.readouterr().err


def test_every_bad_file_is_named(
    tmp_path: Path, seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    empty, binary = _bad_file("empty", tmp_path), _bad_file("binary", tmp_path)
    assert main(["align", str(seed_paths[0]), str(empty), str(binary), "--json", "-"]) == 2
    err = capsys.readouterr().err
    assert "empty.txt" in err and "binary.txt" in err and err.count("\n") == 1


def test_output_may_not_overwrite_an_input(tmp_path: Path, seed_paths: list[Path], capsys) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(seed_paths[0].read_bytes())
    b.write_bytes(seed_paths[1].read_bytes())
    before = a.read_bytes()
    assert main(["align", str(a), str(b), "--json", str(a)]) == 2
    assert "is one of the input articles" in capsys.readouterr().err
    assert a.read_bytes() == before


def test_stdout_is_utf8_whatever_the_console(seed_paths: list[Path]) -> None:
    import subprocess
    import sys

    env = {**__import__("os").environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "align", *map(str, seed_paths[:2]), "--json", "-"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "’" in json.loads(result.stdout.decode("utf-8"))["articles"][0]["text"]


def test_undecodable_file_name_gives_readable_ids(tmp_path: Path, seed_paths: list[Path]) -> None:
    import os

    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(seed_paths[0].read_bytes())
    out = tmp_path / "out.json"
    assert main(["align", os.fsdecode(odd), str(seed_paths[1]), "--json", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["articles"][0]["id"] == "caf\ufffd"
    assert data["articles"][0]["path"] == os.path.join(str(tmp_path), "caf\ufffd.txt")
    assert data["pairs"][0]["a"] == "caf\ufffd"


def test_changes_only_needs_a_pair_before_any_work(seed_paths: list[Path], capsys) -> None:
    assert main(["export", *map(str, seed_paths[:3]), "--html", "-", "--changes-only"]) == 2
    assert "exactly two files" in capsys.readouterr().err


def test_quotes_lists_the_statement_two_outlets_quote_differently(
    seed_paths: list[Path], tmp_path: Path
) -> None:
    out, page = tmp_path / "quotes.json", tmp_path / "quotes.html"
    assert main(["quotes", *map(str, seed_paths), "--json", str(out), "--html", str(page)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == "1.3" and data["quotes"]
    (statement,) = [q for q in data["quotes"] if "simplified regulatory" in q["label"].lower()]
    assert statement["altered"] is True
    outlets = {v["article"]: v["use"] for v in statement["versions"] if v["use"] != "paraphrased"}
    assert len(outlets) == 2 and "altered" in outlets.values()
    texts = " ".join(v["text"] for v in statement["versions"])
    assert "regulatory structure" in texts and "regulatory framework" in texts
    html = page.read_text(encoding="utf-8")
    assert "Syndiff quote check" in html and "altered by some" in html


def test_align_passages_carry_typed_changes(
    seed_paths: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["align", *map(str, seed_paths[:3]), "--json", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    types = {c["type"] for pair in data["pairs"] for p in pair["passages"] for c in p["changes"]}
    assert "quote" in types and types <= {
        "quote", "number", "name", "attribution", "hedge", "negation", "wording"
    }  # fmt: skip


def test_quotes_needs_an_output(seed_paths: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", *map(str, seed_paths)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--json" in err
    assert main(["quotes", *map(str, seed_paths), "--json", "-", "--html", "-"]) == 2


def test_quotes_bad_input_is_one_line_and_exit_2(
    seed_paths: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.json"
    assert main(["quotes", str(seed_paths[0]), str(tmp_path / "missing.txt"), "--json", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not found" in err and not out.exists()


def test_damaged_utf8_is_read_as_utf8_with_one_warning_line(
    seed_paths: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    data = seed_paths[0].read_bytes()
    cut = data.index(b"Europe")
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[:cut] + b"\x92\x92 " + data[cut:] + b" \xff")
    monkeypatch.chdir(tmp_path)
    assert main(["align", "damaged.txt", str(seed_paths[1]), "--json", "out.json"]) == 0
    err = capsys.readouterr().err
    assert (
        err
        == "syndiff-cli: damaged.txt: warning: 3 bytes that are not valid UTF-8 replaced by \ufffd (U+FFFD)\n"
    )
    text = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["articles"][0]["text"]
    assert "\ufffd\ufffd Europe" in text and "Europe’s" in text and "Europe‚Äôs" not in text


@pytest.mark.parametrize(
    ("flags", "wanted"),
    [((), False), (("--embeddings",), True), (("--embeddings", "--no-embeddings"), False)],
)
def test_embeddings_are_off_unless_asked_for(
    seed_paths: list[Path], tmp_path: Path, flags: tuple[str, ...], wanted: bool
) -> None:
    out = tmp_path / "out.json"
    assert main(["align", *map(str, seed_paths[:2]), *flags, "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["settings"]["use_embeddings"] is wanted
