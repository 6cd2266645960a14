"""Readers for the public gold data in ``../shared/eval`` (read in place, never copied).

Each reader returns plain tuples/dataclasses so the benchmark code does not care about
the quirks of each format (MSRP's literal quotes, PAN's XML, jacana's JSON).
"""

from __future__ import annotations

import csv
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "SYNDIFF_EVAL_DIR"


def eval_dir() -> Path:
    """Where the gold data lives: ``$SYNDIFF_EVAL_DIR`` or ``<repo>/../shared/eval``."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def available(*parts: str) -> Path | None:
    """The path below the eval folder when it exists, else None."""
    path = eval_dir().joinpath(*parts)
    return path if path.exists() else None


# --- MSRP --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Two sentences and their gold label (0/1) or score (STS 0..5)."""

    id: str
    s1: str
    s2: str
    label: float


def _tsv(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    # MSRP strings contain literal quotes: split on tabs only, never interpret quoting.
    with path.open(encoding=encoding, newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def msrp(split: str) -> list[SentencePair]:
    """MSRP ``train`` or ``test`` pairs; label 1 = paraphrase."""
    path = eval_dir() / "msrp" / f"msr_paraphrase_{split}.txt"
    rows = _tsv(path)[1:]
    return [SentencePair(f"{r[1]}-{r[2]}", r[3], r[4], float(r[0])) for r in rows if len(r) >= 5]


def msrp_sentences() -> list[tuple[str, str]]:
    """Every MSRP sentence as (sentence id, text), from ``msr_paraphrase_data.txt``."""
    path = eval_dir() / "msrp" / "msr_paraphrase_data.txt"
    return [(r[0], r[1]) for r in _tsv(path)[1:] if len(r) >= 2 and r[1].strip()]


def sts_news(splits: tuple[str, ...] = ("train", "dev", "test")) -> list[SentencePair]:
    """STS Benchmark news pairs (score 0..5) of the given splits."""
    path = eval_dir() / "sts_benchmark" / "sts-main-news-only.tsv"
    out = []
    for r in _tsv(path)[1:]:
        if len(r) >= 8 and r[0] in splits:
            out.append(SentencePair(f"sts-{r[0]}-{r[2]}-{r[4]}", r[6], r[7], float(r[5])))
    return out


def ists_headlines(split: str) -> list[SentencePair]:
    """iSTS 2015 headline pairs of ``train`` or ``test`` (the two headlines only; the chunk
    alignments are not needed here). Label: the pair's position in the file, 1-based."""
    path = eval_dir() / "ists_headlines" / split / "STSint.gs.headlines.wa"
    out = []
    # A few bytes are not valid UTF-8: latin-1 reads every file.
    for block in path.read_text(encoding="latin-1").split("<sentence id=")[1:]:
        ident = block.split('"', 2)[1]
        lines = [ln[3:].strip() for ln in block.splitlines() if ln.startswith("// ")]
        if len(lines) >= 2:
            out.append(SentencePair(f"ists-{split}-{ident}", lines[0], lines[1], float(ident)))
    return out


# --- Edinburgh++ --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordAlignment:
    """A tokenised sentence pair with its gold word links (0-based token indices)."""

    id: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    sure: frozenset[tuple[int, int]]
    possible: frozenset[tuple[int, int]]  # sure and possible links together


def _links(text: str) -> frozenset[tuple[int, int]]:
    out = set()
    for item in text.split():
        i, j = item.split("-")
        out.add((int(i), int(j)))
    return frozenset(out)


def edinburgh(split: str, prefix: str = "news") -> list[WordAlignment]:
    """Edinburgh++ pairs of ``split`` whose id starts with ``prefix``."""
    folder = eval_dir() / "edinburgh_pp"
    sure = json.loads((folder / f"gold.{split}.sure.json").read_text(encoding="utf-8"))
    both = json.loads((folder / f"gold.{split}.sure+poss.json").read_text(encoding="utf-8"))
    merged = {item["id"]: _links(item["sureAlign"]) for item in both}
    out = []
    for item in sure:
        if not item["id"].startswith(prefix):
            continue
        s = _links(item["sureAlign"])
        out.append(
            WordAlignment(
                item["id"],
                tuple(item["source"].split(" ")),
                tuple(item["target"].split(" ")),
                s,
                merged.get(item["id"], s) | s,
            )
        )
    return out


# --- PAN 2013 text alignment ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PanCase:
    """One reused passage: character spans in the suspicious and the source document."""

    this_start: int
    this_end: int
    src_start: int
    src_end: int
    similarity: float  # offset_check score of this copy; 1.0 when unknown


@dataclass(frozen=True, slots=True)
class PanPair:
    susp_name: str
    src_name: str
    susp: str
    src: str
    cases: tuple[PanCase, ...]


def pan_pairs() -> list[PanPair]:
    """Every pair of the no-obfuscation subset with its gold cases."""
    root = eval_dir() / "pan13_no_obfuscation"
    sims: dict[tuple[str, int], float] = {}
    check = root / "offset_check_02-no-obfuscation.csv"
    if check.exists():
        with check.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = (row["truth_file"], int(row["case_index"]))
                sims[key] = float(row["ws_normalized_char_similarity"])
    out = []
    pairs_file = root / "02-no-obfuscation" / "pairs"
    for line in pairs_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        susp_name, src_name = line.split()
        xml_name = f"{Path(susp_name).stem}-{Path(src_name).stem}.xml"
        tree = ET.parse(root / "02-no-obfuscation" / xml_name)
        cases = []
        features = [f for f in tree.getroot().iter("feature") if f.get("name") == "plagiarism"]
        for k, f in enumerate(features):
            t0, s0 = int(f.get("this_offset", 0)), int(f.get("source_offset", 0))
            cases.append(
                PanCase(
                    t0,
                    t0 + int(f.get("this_length", 0)),
                    s0,
                    s0 + int(f.get("source_length", 0)),
                    sims.get((xml_name, k), 1.0),
                )
            )
        out.append(
            PanPair(
                susp_name,
                src_name,
                (root / "susp" / susp_name).read_text(encoding="utf-8", errors="replace"),
                (root / "src" / src_name).read_text(encoding="utf-8", errors="replace"),
                tuple(cases),
            )
        )
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def pan_source_sentences(limit: int | None = None) -> list[str]:
    """Sentences of PAN's source documents (web text): filler volume for big corpora."""
    folder = eval_dir() / "pan13_no_obfuscation" / "src"
    if not folder.is_dir():
        return []
    out: list[str] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
        for sent in _SENTENCE_END.split(text):
            words = sent.split()
            # Keep sentence-like pieces only; list fragments and run-ons make poor news filler.
            if 8 <= len(words) <= 45 and sent not in seen and sent[-1] in ".!?":
                seen.add(sent)
                out.append(sent)
        if limit is not None and len(out) >= limit:
            break
    return out


@dataclass(frozen=True, slots=True)
class ObfPair:
    """A pair of the PAN-13 obfuscated training sample; ``cases`` is empty for negatives."""

    subset: str  # "03-random-obfuscation", ...
    pair: PanPair


def pan_obfuscation_pairs() -> list[ObfPair]:
    """The 550 pairs of ``pan13_obfuscation_train``, in the order of its pairs.tsv.

    Offsets are Python string indices into the files read as UTF-8 with newlines kept.
    """
    root = eval_dir() / "pan13_obfuscation_train"
    out = []
    with (root / "pairs.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            xml = root / row["subset"] / f"{row['susp'][:-4]}-{row['src'][:-4]}.xml"
            cases = []
            for f in ET.parse(xml).getroot().iter("feature"):
                if f.get("name") != "plagiarism":
                    continue
                t0, s0 = int(f.get("this_offset", 0)), int(f.get("source_offset", 0))
                cases.append(
                    PanCase(
                        t0, t0 + int(f.get("this_length", 0)), s0, s0 + int(f.get("source_length", 0)), 1.0
                    )
                )
            with (root / "susp" / row["susp"]).open(encoding="utf-8", errors="replace", newline="") as fh_s:
                susp = fh_s.read()
            with (root / "src" / row["src"]).open(encoding="utf-8", errors="replace", newline="") as fh_r:
                src = fh_r.read()
            out.append(ObfPair(row["subset"], PanPair(row["susp"], row["src"], susp, src, tuple(cases))))
    return out
