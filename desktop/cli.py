"""``syndiff-cli``: the engine without a window.

    syndiff-cli align FILE FILE [FILE...] --json OUT.json     every pair's passages
    syndiff-cli families FILE... --json OUT.json              passage families
    syndiff-cli export A B --html OUT.html [--changes-only]   one pair as HTML
    syndiff-cli export FILE... --html OUT.html                corpus report
    syndiff-cli quotes FILE... --json OUT.json [--html OUT.html]   the quote check

Exit status: 0 on success, 2 with a one-line message on bad input.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

from .engine.align.changes import corpus_with_changes
from .engine.align.corpus import align_corpus
from .engine.align.quotes import quote_check
from .engine.export.json_report import alignment_json, families_json, json_text, quotes_json
from .engine.export.output import OutputError, write_output
from .engine.load.articles import ArticleError, load_articles
from .engine.model import Article, Settings

EXIT_BAD_INPUT = 2
_DEFAULTS = Settings()


class UsageError(Exception):
    """Bad input the user can fix; reported as one line, exit status 2."""


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived. Raised from the signal handler so that a write in
    progress removes its temporary file on the way out (Python's default for these
    signals ends the process on the spot)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum: int, _frame: object) -> None:
    raise Terminated(signum)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syndiff-cli",
        description="Find the passages news articles share, and how each outlet words them.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "files", nargs="+", metavar="FILE", help="articles: .txt, .md, .html, or folders of them"
        )
        p.add_argument(
            "--sensitivity",
            type=float,
            default=_DEFAULTS.sensitivity,
            help="0 (only close rewording) .. 1 (loose paraphrase); default %(default)s",
        )
        p.add_argument(
            "--min-words",
            type=int,
            default=_DEFAULTS.min_words,
            help="shortest passage kept; default %(default)s",
        )
        p.add_argument("--case-sensitive", action="store_true", help="count case changes as differences")
        p.add_argument("--ignore-punctuation", action="store_true", help="do not count punctuation changes")
        p.add_argument(
            "--no-embeddings",
            action="store_true",
            help="do not use the optional sentence-embedding model even when it is installed",
        )
        p.add_argument(
            "--strict-typography",
            action="store_true",
            help="count curly vs straight quotes, dash variants and spacing as differences",
        )

    p_align = sub.add_parser("align", help="align every pair of articles; write JSON")
    common(p_align)
    p_align.add_argument("--json", required=True, metavar="OUT", help="output file, or - for standard output")

    p_fam = sub.add_parser("families", help="group shared passages into families across articles; write JSON")
    common(p_fam)
    p_fam.add_argument("--json", required=True, metavar="OUT", help="output file, or - for standard output")

    p_exp = sub.add_parser("export", help="two files: the pair as HTML; more: a corpus report")
    common(p_exp)
    p_exp.add_argument("--html", required=True, metavar="OUT", help="output file, or - for standard output")
    p_exp.add_argument(
        "--changes-only", action="store_true", help="only the shared passages and their changes"
    )

    p_quotes = sub.add_parser(
        "quotes", help="every quoted statement and how each outlet quotes it; write JSON and/or HTML"
    )
    common(p_quotes)
    p_quotes.add_argument("--json", metavar="OUT", help="JSON output file, or - for standard output")
    p_quotes.add_argument("--html", metavar="OUT", help="HTML output file, or - for standard output")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    if not 0.0 <= args.sensitivity <= 1.0:
        raise UsageError(f"--sensitivity must be between 0 and 1, not {args.sensitivity}")
    if args.min_words < 1:
        raise UsageError(f"--min-words must be at least 1, not {args.min_words}")
    return Settings(
        sensitivity=args.sensitivity,
        min_words=args.min_words,
        ignore_case=not args.case_sensitive,
        ignore_punctuation=args.ignore_punctuation,
        ignore_typography=not args.strict_typography,
        use_embeddings=not args.no_embeddings,
    )


def _load(files: Sequence[str], at_least: int) -> list[Article]:
    articles, errors = load_articles(files, on_warning=_warn)
    if errors:
        raise UsageError("; ".join(str(err) for err in errors))
    if len(articles) < at_least:
        raise UsageError(f"need at least {at_least} different articles, got {len(articles)}")
    return articles


def _warn(message: str) -> None:
    print(f"syndiff-cli: {message}", file=sys.stderr)


def _write(target: str, text: str, inputs: Sequence[Article]) -> None:
    if not target:
        raise UsageError("the output file name is empty; name a file, or - for standard output")
    if target == "-":
        # UTF-8 whatever the console's encoding: the JSON and HTML say they are UTF-8.
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    for article in inputs:
        if article.path and _same_file(target, article.path):
            raise UsageError(f"{target}: is one of the input articles; choose another output file")
    try:
        write_output(target, text)
    except OutputError as err:
        raise UsageError(f"{target}: {err}") from None
    except (OSError, UnicodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise UsageError(f"{target}: cannot write ({reason})") from None


def _same_file(one: str, two: str) -> bool:
    try:
        return os.path.samefile(one, two)
    except OSError:  # the output does not exist yet, or cannot be looked at
        return False


def run(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = _settings(args)
    if args.command == "quotes":
        if not (args.json or args.html):
            raise UsageError("quotes needs --json OUT, --html OUT or both")
        if args.json == args.html == "-":
            raise UsageError("only one of --json and --html can go to standard output")
    articles = _load(args.files, 2)
    if args.command == "export" and args.changes_only and len(articles) != 2:
        raise UsageError("--changes-only applies to a pair: give exactly two files")
    corpus = corpus_with_changes(align_corpus(articles, settings))
    if args.command == "quotes":
        statements = quote_check(corpus)
        if args.json:
            _write(args.json, json_text(quotes_json(corpus, statements)), articles)
        if args.html:
            from .engine.export.quotes_html import render_quotes_html

            _write(args.html, render_quotes_html(corpus, statements), articles)
    elif args.command == "align":
        _write(args.json, json_text(alignment_json(corpus)), articles)
    elif args.command == "families":
        _write(args.json, json_text(families_json(corpus)), articles)
    else:
        from .engine.export.html_report import html_document

        pair = (articles[0].id, articles[1].id) if len(articles) == 2 else None
        _write(args.html, html_document(corpus, pair, changes_only=args.changes_only), articles)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    previous = _catch_signals()
    try:
        return run(argv)
    except Terminated as err:
        print(f"syndiff-cli: stopped by {signal.Signals(err.signum).name}", file=sys.stderr)
        return 128 + err.signum
    except (UsageError, ArticleError) as err:
        print(f"syndiff-cli: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("syndiff-cli: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of standard output went away (`| head`): stop quietly, and keep the
        # interpreter's final flush from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _catch_signals() -> dict[int, Any]:
    """Turn SIGTERM and SIGHUP into :class:`Terminated`; returns the handlers replaced.

    Only from the main thread (the only one Python lets set handlers); a caller that
    ignores a signal keeps ignoring it.
    """
    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGTERM", "SIGHUP"):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        current = signal.getsignal(signum)
        if current is signal.SIG_IGN:
            continue
        previous[signum] = current
        signal.signal(signum, _on_signal)
    return previous


if __name__ == "__main__":
    sys.exit(main())
