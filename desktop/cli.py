"""``syndiff-cli``: the engine without a window.

    syndiff-cli align FILE FILE [FILE...] --json OUT.json     every pair's passages
    syndiff-cli families FILE... --json OUT.json              passage families
    syndiff-cli export A B --html OUT.html [--changes-only]   one pair as HTML
    syndiff-cli export FILE... --html OUT.html                corpus report
    syndiff-cli quotes FILE... --json OUT.json [--html OUT.html]   the quote check
    syndiff-cli workspace new OUT.syndiff FILE... [--outlet FILE=NAME ...]

Every command that takes article files also takes one ``.syndiff`` workspace instead,
and then uses its articles, outlet names, settings (an option given overrides) and
corrections. Exit status: 0 on success, 2 with a one-line message on bad input.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from .engine.align.changes import corpus_with_changes
from .engine.align.corpus import align_corpus
from .engine.align.corrections import Correction, apply_corrections, stale_corrections
from .engine.align.quotes import quote_check
from .engine.align.runners import Runner
from .engine.collector import collector_paused
from .engine.export.json_report import alignment_json, families_json, json_text, quotes_json
from .engine.export.output import OutputError, write_output
from .engine.labels import numbered_labels
from .engine.load.articles import ArticleError, load_articles
from .engine.model import Article, CorpusAlignment, Settings
from .engine.workspace import (
    Workspace,
    WorkspaceError,
    changed_sources,
    is_workspace_path,
    new_workspace,
    open_workspace,
    save_workspace,
)

EXIT_BAD_INPUT = 2
_DEFAULTS = Settings()
PARALLEL_MIN = 8  # by default, smaller sets run in one process (starting workers costs more)


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

    def common(
        p: argparse.ArgumentParser,
        files: str = "articles: .txt, .md, .html, folders of them",
        *,
        runs: bool = True,
    ) -> None:
        # Options default to None so that a workspace's own settings apply unless given.
        p.add_argument("files", nargs="+", metavar="FILE", help=f"{files}, or one .syndiff workspace")
        p.add_argument(
            "--sensitivity",
            type=float,
            help=f"0 (only close rewording) .. 1 (loose paraphrase); default {_DEFAULTS.sensitivity}",
        )
        p.add_argument("--min-words", type=int, help=f"shortest passage kept; default {_DEFAULTS.min_words}")
        p.add_argument(
            "--case-sensitive", action="store_true", default=None, help="count case changes as differences"
        )
        p.add_argument(
            "--ignore-punctuation", action="store_true", default=None, help="do not count punctuation changes"
        )
        p.add_argument(
            "--embeddings",
            action="store_true",
            default=None,
            help="also link sentences the optional sentence-embedding model places close (needs the "
            "embeddings extra; finds more rewordings, and more false links between same-topic sentences)",
        )
        p.add_argument(
            "--no-embeddings",
            action="store_true",
            default=None,
            help="do not use the sentence-embedding model (the default; overrides a workspace's setting)",
        )
        p.add_argument(
            "--strict-typography",
            action="store_true",
            default=None,
            help="count curly vs straight quotes, dash variants and spacing as differences",
        )
        if not runs:
            return
        p.add_argument(
            "--workers",
            type=int,
            metavar="N",
            help=f"processes that share the work; default: the machine's cores ({os.cpu_count() or 1}),"
            f" one for fewer than {PARALLEL_MIN} articles. The result is the same for any N",
        )
        p.add_argument(
            "--dask",
            metavar="SCHEDULER",
            help="run the work as Dask tasks: a scheduler address (tcp://host:8786), or 'local' for"
            " a cluster of --workers processes on this machine (needs the scale extra)",
        )

    p_align = sub.add_parser("align", help="align every pair of articles; write JSON and/or Parquet")
    common(p_align)
    p_align.add_argument("--json", metavar="OUT", help="output file, or - for standard output")
    p_align.add_argument(
        "--shared-only",
        action="store_true",
        help="list in the JSON only the pairs that share a passage (default: every pair; a large"
        " set's JSON is then mostly pairs that share nothing)",
    )
    p_align.add_argument(
        "--parquet",
        metavar="DIR",
        help="also (or instead) write articles.parquet and passages.parquet into DIR (needs pyarrow)",
    )

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

    p_ws = sub.add_parser("workspace", help="make a .syndiff workspace: articles, outlet names, settings")
    ws_sub = p_ws.add_subparsers(dest="workspace_command", required=True)
    p_new = ws_sub.add_parser("new", help="a new workspace of article files, with their outlet names")
    p_new.add_argument("output", metavar="OUT", help="the workspace file to write (.syndiff)")
    common(p_new, runs=False)
    p_new.add_argument(
        "--outlet",
        action="append",
        default=[],
        metavar="FILE=NAME",
        help="name the outlet of one of the FILEs (repeatable)",
    )
    return parser


def _settings(args: argparse.Namespace, base: Settings = _DEFAULTS) -> Settings:
    """``base`` (a workspace's settings, or the defaults) with the options given on top."""
    if args.sensitivity is not None and not 0.0 <= args.sensitivity <= 1.0:
        raise UsageError(f"--sensitivity must be between 0 and 1, not {args.sensitivity}")
    if args.min_words is not None and args.min_words < 1:
        raise UsageError(f"--min-words must be at least 1, not {args.min_words}")

    return Settings(
        sensitivity=base.sensitivity if args.sensitivity is None else args.sensitivity,
        min_words=base.min_words if args.min_words is None else args.min_words,
        ignore_case=False if args.case_sensitive else base.ignore_case,
        ignore_punctuation=True if args.ignore_punctuation else base.ignore_punctuation,
        ignore_typography=False if args.strict_typography else base.ignore_typography,
        use_embeddings=False if args.no_embeddings else bool(args.embeddings) or base.use_embeddings,
    )


def _load_files(files: Sequence[str]) -> list[Article]:
    if any(is_workspace_path(f) for f in files):
        raise UsageError("give article files, not a workspace")
    articles, errors = load_articles(files, on_warning=_warn)
    if errors:
        raise UsageError("; ".join(str(err) for err in errors))
    return articles


def _load(files: Sequence[str], at_least: int) -> tuple[list[Article], Workspace | None]:
    """The articles to compare: from files (numbered labels where none was found), or
    from the one workspace given."""
    workspace = None
    if any(is_workspace_path(f) for f in files):
        if len(files) != 1:
            raise UsageError("give one workspace, or article files, not both")
        workspace = open_workspace(files[0])
        articles = list(workspace.articles)
        changed = changed_sources(workspace)
        if changed:
            shown = "; ".join(c.describe() for c in changed[:3]) + ("; ..." if len(changed) > 3 else "")
            print(f"syndiff-cli: note: using the texts saved in the workspace ({shown})", file=sys.stderr)
    else:
        articles = numbered_labels(_load_files(files))
    if len(articles) < at_least:
        raise UsageError(f"need at least {at_least} different articles, got {len(articles)}")
    return articles, workspace


def _workspace_new(args: argparse.Namespace) -> int:
    settings = _settings(args)
    articles = _load_files(args.files)
    outlets: dict[str, str] = {}
    for item in args.outlet:
        file, sep, name = item.partition("=")
        if not sep or not file or not name.strip():
            raise UsageError(f"--outlet takes FILE=NAME, not {item!r}")
        path = next((a.path for a in articles if a.path and _same_file(file, a.path)), None)
        if path is None:
            raise UsageError(f"--outlet {file}: not one of the articles given")
        outlets[path] = name
    for article in articles:
        if article.path and _same_file(args.output, article.path):
            raise UsageError(f"{args.output}: is one of the input articles; choose another output file")
    save_workspace(args.output, new_workspace(articles, settings, outlets))
    return 0


def _warn(message: str) -> None:
    print(f"syndiff-cli: {message}", file=sys.stderr)


def _refuse_an_input(target: str, inputs: Sequence[Article], what: str) -> None:
    """An output must never overwrite the articles it was made from."""
    for article in inputs:
        if article.path and _same_file(target, article.path):
            raise UsageError(f"{target}: is one of the input articles; choose another {what}")


def _write(target: str, text: str, inputs: Sequence[Article]) -> None:
    if not target:
        raise UsageError("the output file name is empty; name a file, or - for standard output")
    if target == "-":
        # UTF-8 whatever the console's encoding: the JSON and HTML say they are UTF-8.
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return
    _refuse_an_input(target, inputs, "output file")
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
    if args.command == "workspace":
        return _workspace_new(args)
    _settings(args)  # bad options are reported before any file is read
    with collector_paused():  # a large set's objects live to the end: nothing to collect
        return _compare(args)


def _compare(args: argparse.Namespace) -> int:
    """The commands that read articles, align them and write what they share."""
    if args.command == "quotes":
        if not (args.json or args.html):
            raise UsageError("quotes needs --json OUT, --html OUT or both")
        if args.json == args.html == "-":
            raise UsageError("only one of --json and --html can go to standard output")
    if args.command == "align" and args.json is None and args.parquet is None:
        raise UsageError("align needs --json OUT, --parquet DIR or both")
    articles, workspace = _load(args.files, 2)
    settings = _settings(args, workspace.settings if workspace else _DEFAULTS)
    corrections: Sequence[Correction] = workspace.corrections if workspace else ()
    if args.command == "export" and args.changes_only and len(articles) != 2:
        raise UsageError("--changes-only applies to a pair: give exactly two files")
    stale = stale_corrections(corrections, articles)
    if stale:
        print(f"syndiff-cli: note: {len(stale)} correction(s) no longer match the text", file=sys.stderr)
    with _runner(args, len(articles)) as runner:
        aligned = align_corpus(
            articles,
            settings,
            runner=runner,
            typed_changes=not corrections,
            keep_prepared=args.command in ("quotes", "export"),  # a quote check follows
        )
    corpus = corpus_with_changes(apply_corrections(aligned, corrections))
    if args.command == "quotes":
        statements = quote_check(corpus)
        if args.json:
            _write(args.json, json_text(quotes_json(corpus, statements)), articles)
        if args.html:
            from .engine.export.quotes_html import render_quotes_html

            _write(args.html, render_quotes_html(corpus, statements), articles)
    elif args.command == "align":
        if args.parquet is not None:
            _write_parquet(args.parquet, corpus, articles)
        if args.json is not None:
            _write(args.json, json_text(alignment_json(corpus, all_pairs=not args.shared_only)), articles)
    elif args.command == "families":
        _write(args.json, json_text(families_json(corpus)), articles)
    else:
        from .engine.export.html_report import html_document

        pair = (articles[0].id, articles[1].id) if len(articles) == 2 else None
        _write(args.html, html_document(corpus, pair, changes_only=args.changes_only), articles)
    return 0


@contextlib.contextmanager
def _runner(args: argparse.Namespace, count: int) -> Iterator[Runner | None]:
    """Where the work runs, from ``--workers`` and ``--dask`` (None: in this process)."""
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {args.workers}")
    cores = os.cpu_count() or 1
    if args.dask is not None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError("--dask needs Dask: pip install 'syndiff[scale]'") from None
        from .engine.align.runners import OnDask

        if args.dask == "local":
            cluster = LocalCluster(
                n_workers=args.workers or cores,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
            )
            with cluster, Client(cluster) as client:
                yield OnDask(client)
            return
        try:
            client = Client(args.dask, timeout=30)
        except (OSError, ValueError) as err:
            raise UsageError(f"--dask {args.dask}: cannot reach the scheduler ({err})") from None
        with client:
            yield OnDask(client)
        return
    workers = args.workers if args.workers is not None else (cores if count >= PARALLEL_MIN else 1)
    if workers == 1:
        yield None
        return
    from .engine.align.runners import Processes

    yield Processes(workers)


def _write_parquet(target: str, corpus: CorpusAlignment, inputs: Sequence[Article]) -> None:
    if not target:
        raise UsageError("the --parquet folder name is empty; name a folder")
    try:
        from .engine.export.parquet import write_parquet
    except ImportError:
        raise UsageError("--parquet needs pyarrow: pip install 'syndiff[scale]'") from None
    _refuse_an_input(target, inputs, "directory")
    try:
        write_parquet(target, corpus)
    except OSError as err:
        raise UsageError(f"{target}: cannot write ({err.strerror or err})") from None


def main(argv: Sequence[str] | None = None) -> int:
    previous = _catch_signals()
    try:
        return run(argv)
    except Terminated as err:
        print(f"syndiff-cli: stopped by {signal.Signals(err.signum).name}", file=sys.stderr)
        return 128 + err.signum
    except (UsageError, ArticleError, WorkspaceError) as err:
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
