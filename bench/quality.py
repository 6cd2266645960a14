"""Alignment quality on public gold data, each figure next to a baseline from the same run.

    python bench/quality.py            # full run (a few minutes)
    python bench/quality.py --quick    # tiny subsets, for the CI smoke test
    python bench/quality.py --only msrp,synthetic
    python bench/quality.py --embeddings    # with the optional sentence-embedding model

Sections: PAN-13 no-obfuscation (plagdet), PAN-13 obfuscated training pairs (plagdet per
obfuscation type), MSRP (paraphrase decision), Edinburgh++ (word
diff vs gold word alignment), and a synthetic news-reuse corpus with planted passages.
Gold data is read from ``../shared/eval`` (or ``$SYNDIFF_EVAL_DIR``); without it the
script says so and exits 0. The engine runs lexically (``Settings(use_embeddings=False)``)
unless ``--embeddings`` is given, whether or not the embeddings extra is installed; with
``--embeddings`` and no loadable model the script says why and exits 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

SECTIONS = ("pan", "pan_obf", "msrp", "edinburgh", "clough", "synthetic")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny subsets (smoke test, < 30 s)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections to run")
    parser.add_argument(
        "--embeddings",
        action="store_true",
        help="align with sentence embeddings (Settings(use_embeddings=True); needs the embeddings extra)",
    )
    args = parser.parse_args(argv)

    # Importable both as ``python bench/quality.py`` and ``python -m bench.quality``.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench import clough, edinburgh, encoding, evaldata, msrp, pan, pan_obf, synth_eval
    from desktop.engine.align.embeddings import embedding_status

    root = evaldata.eval_dir()
    if not root.is_dir():
        print(f"SKIP: no evaluation data at {root} (set {evaldata.ENV_VAR} to point elsewhere)")
        return 0
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    if args.embeddings:
        try:
            encoding.encoder(True)
        except RuntimeError as exc:
            print(f"--embeddings: {exc}", file=sys.stderr)
            return 2
        engine = embedding_status()
    else:
        engine = "lexical, no sentence embeddings"
    mode = "quick" if args.quick else "full"
    print(f"Syndiff alignment quality ({mode} run; engine: {engine}), gold data from {root}")
    runners = {
        "pan": pan.run,
        "pan_obf": pan_obf.run,
        "msrp": msrp.run,
        "edinburgh": edinburgh.run,
        "clough": clough.run,
        "synthetic": synth_eval.run,
    }
    for name in chosen:
        t0 = time.perf_counter()
        runners[name](quick=args.quick, embeddings=args.embeddings)
        print(f"({name}: {time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
