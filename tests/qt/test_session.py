"""Session: one owner of the articles, settings, alignment and pair, and the signals it sends."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from desktop.engine.align.corpus import align_corpus
from desktop.engine.load.articles import article_from_text, load_article
from desktop.engine.model import Article, CorpusAlignment, Settings
from desktop.qt.session import Session, pair_with_side
from desktop.qt.workers import AlignScheduler


class Recorder:
    """Every emission of a session's signals, in order, as (signal name, args)."""

    NAMES = (
        "articles_changed",
        "article_relabelled",
        "settings_changed",
        "alignment_requested",
        "alignment_finished",
        "alignment_cleared",
        "pair_changed",
        "corrections_changed",
    )

    def __init__(self, session: Session) -> None:
        self.calls: list[tuple[str, tuple]] = []
        for name in self.NAMES:
            getattr(session, name).connect(lambda *args, _name=name: self.calls.append((_name, args)))

    def of(self, name: str) -> list[tuple]:
        return [args for n, args in self.calls if n == name]

    def clear(self) -> None:
        self.calls.clear()


@pytest.fixture
def seed_articles(seed_paths: list[Path]) -> list[Article]:
    return [load_article(p) for p in seed_paths]


@pytest.fixture
def session() -> Iterator[Session]:
    session = Session(load_model=None)
    yield session
    session.shutdown()


def _aligned(qtbot, session: Session, articles: list[Article]) -> CorpusAlignment:
    with qtbot.waitSignal(session.alignment_finished, timeout=10000) as blocker:
        session.add_articles(articles)
    return blocker.args[1]


def test_adding_articles_announces_them_once_then_the_alignment(
    qtbot, session: Session, seed_articles: list[Article]
) -> None:
    signals = Recorder(session)
    ids = [a.id for a in seed_articles]
    with qtbot.waitSignal(session.alignment_finished, timeout=10000) as blocker:
        added = session.add_articles(seed_articles)
        # At once: the articles, the first two as the pair, and the request, each once.
        assert signals.calls == [
            ("articles_changed", (ids,)),
            ("pair_changed", ((ids[0], ids[1]),)),
            ("alignment_requested", ()),
        ]
        assert session.is_busy() and not session.is_current()
    assert [a.id for a in added] == ids and session.article_ids() == ids
    assert [a.outlet or "Article" for a in seed_articles] == [a.outlet.rstrip(" 0123456789") for a in added]
    generation, corpus = blocker.args
    assert signals.of("alignment_finished") == [(generation, corpus)]
    assert session.alignment() is corpus and session.generation() == generation
    assert [a.id for a in corpus.articles] == ids and corpus.settings == session.settings()
    assert session.is_current()
    # Until the user chooses, the pair follows the alignment: the pair sharing the most.
    best = max(corpus.pairs, key=lambda p: p.score)
    assert session.pair() == (best.a, best.b)
    if (best.a, best.b) != (ids[0], ids[1]):
        assert signals.of("pair_changed")[-1] == ((best.a, best.b),)
    assert session.pair_alignment() == corpus.pair(best.a, best.b)


def test_ids_are_made_unique_and_open_files_skipped(session: Session, seed_paths: list[Path]) -> None:
    first = load_article(seed_paths[0])
    assert session.add_articles([first, load_article(seed_paths[0])]) == [first]
    assert session.add_articles([load_article(seed_paths[0])]) == []
    pasted = [
        article_from_text(f"Body text number {n} of a pasted article.", article_id=first.id) for n in (2, 3)
    ]
    added = session.add_articles(pasted)
    assert [a.id for a in added] == [f"{first.id}-2", f"{first.id}-3"]
    assert [a.text for a in added] == [a.text for a in pasted]
    assert session.article_ids() == [first.id, f"{first.id}-2", f"{first.id}-3"]


def test_relabelling_keeps_ids_and_needs_no_new_alignment(
    qtbot, session: Session, seed_articles: list[Article]
) -> None:
    corpus = _aligned(qtbot, session, seed_articles)
    signals = Recorder(session)
    ids, generation, jobs = session.article_ids(), session.generation(), session.scheduler.generation
    target = ids[2]
    assert session.set_outlet(target, "  Reuters \n Europe ")
    assert signals.calls == [("article_relabelled", (target, "Reuters Europe"))]
    assert session.article_ids() == ids, "a new label never changes an id"
    assert session.article(target).outlet == "Reuters Europe"
    assert session.article(target).text == corpus.article(target).text
    relabelled = session.alignment()
    assert relabelled.article(target).outlet == "Reuters Europe", "the alignment in force has the label"
    assert relabelled.pairs == corpus.pairs and relabelled.families == corpus.families
    assert session.generation() == generation and session.scheduler.generation == jobs
    assert not session.is_busy() and session.is_current()
    signals.clear()
    assert not session.set_outlet(target, "Reuters Europe"), "unchanged"
    assert not session.set_outlet("no-such-article", "X")
    assert signals.calls == []


def test_removing_an_article_drops_the_pair(qtbot, session: Session, seed_articles: list[Article]) -> None:
    _aligned(qtbot, session, seed_articles)
    ids = session.article_ids()
    assert session.set_pair(ids[3], ids[4])
    signals = Recorder(session)
    session.remove_articles([ids[4]])
    remaining = ids[:4]
    # The pair held the closed article: back to the first two, until the alignment's best.
    assert signals.calls == [
        ("articles_changed", (remaining,)),
        ("pair_changed", ((ids[0], ids[1]),)),
        ("alignment_requested", ()),
    ]
    with qtbot.waitSignal(session.alignment_finished, timeout=10000) as blocker:
        pass
    corpus = blocker.args[1]
    best = max(corpus.pairs, key=lambda p: p.score)
    assert session.pair() == (best.a, best.b), "the pair is no longer the user's: it follows again"
    signals.clear()
    session.remove_articles(["no-such-article"])
    assert signals.calls == [], "closing nothing changes nothing"
    session.remove_articles(remaining[1:])
    assert signals.calls == [
        ("articles_changed", ([remaining[0]],)),
        ("pair_changed", (None,)),
        ("alignment_requested", ()),
    ]
    signals.clear()
    session.remove_articles([remaining[0]])
    assert signals.calls == [("articles_changed", ([],)), ("alignment_cleared", ())]
    assert session.pair() is None and session.alignment() is None and not session.is_busy()


def test_the_users_pair_is_kept_across_alignments(
    qtbot, session: Session, seed_articles: list[Article]
) -> None:
    _aligned(qtbot, session, seed_articles)
    ids = session.article_ids()
    signals = Recorder(session)
    assert not session.set_pair(ids[0], ids[0]) and not session.set_pair(ids[0], "no-such-article")
    assert session.set_pair(ids[4], ids[3])
    assert session.set_pair(ids[4], ids[3]), "asking again for the pair shown is fine..."
    assert signals.of("pair_changed") == [((ids[4], ids[3]),)], "... and no change"
    session.swap_pair()
    assert session.pair() == (ids[3], ids[4])
    session.step_partner(1)
    assert session.pair() == (ids[3], ids[0]), "B steps through the others, wrapping round"
    session.step_partner(-1)
    assert session.pair() == (ids[3], ids[4])
    with qtbot.waitSignal(session.alignment_finished, timeout=10000):
        session.set_settings(Settings(min_words=9))
    assert session.pair() == (ids[3], ids[4])


def test_a_settings_change_is_announced_once_and_realigns(
    qtbot, session: Session, seed_articles: list[Article]
) -> None:
    assert session.set_settings(Settings(min_words=7)), "no articles: nothing to align yet"
    assert not session.is_busy()
    _aligned(qtbot, session, seed_articles[:2])
    signals = Recorder(session)
    with qtbot.waitSignal(session.alignment_finished, timeout=10000) as blocker:
        assert session.set_settings(Settings(min_words=12))
    assert signals.calls[:2] == [("settings_changed", (Settings(min_words=12),)), ("alignment_requested", ())]
    assert blocker.args[1].settings == Settings(min_words=12) == session.settings()
    signals.clear()
    assert not session.set_settings(Settings(min_words=12)), "the settings in force"
    assert signals.calls == [] and not session.is_busy()


@pytest.mark.parametrize("newer", ["waiting", "running"])
def test_a_stale_alignment_result_is_dropped(qtbot, seed_articles: list[Article], newer: str) -> None:
    """A job that finishes after the articles or settings changed is never put in force.

    ``waiting``: an article is closed while the job runs, and the newer request still waits
    for the coalescing timer when the old result arrives. ``running``: the settings change
    and the newer job has started when it arrives. Either way the old job was asked to stop
    and finished anyway.
    """
    gate = threading.Event()
    first_running = threading.Event()
    cancel_seen: list[bool] = []
    calls: list[int] = []

    def align(articles, settings, *, progress, cancelled):
        calls.append(settings.min_words)
        if len(calls) == 1:  # the first job: slow, and finishes although told to stop
            first_running.set()
            gate.wait(5)
            cancel_seen.append(cancelled())
        return align_corpus(articles, settings)

    # A coalescing delay well above the 30 ms below, so that on a busy machine the newer
    # job cannot start and finish before the old result is looked at.
    scheduler = AlignScheduler(align=align, load_model=None, delay_ms=600)
    session = Session(scheduler=scheduler)
    finished: list[tuple[int, CorpusAlignment]] = []
    session.alignment_finished.connect(lambda g, c: finished.append((g, c)))
    session.add_articles(seed_articles[:3])
    qtbot.waitUntil(first_running.is_set, timeout=5000)
    first = session.scheduler.generation
    if newer == "waiting":
        closed = session.article_ids()[2]
        session.remove_articles([closed])
    else:
        closed = None
        with qtbot.waitSignal(session.alignment_started, timeout=5000):
            session.set_settings(Settings(min_words=9))
    gate.set()
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(30)  # the first job's result arrives (before the timer fires, when it waits)
    if newer == "waiting":
        assert finished == [] and session.alignment() is None and session.is_busy()
        with qtbot.waitSignal(session.alignment_finished, timeout=10000):
            pass
    else:
        qtbot.waitUntil(lambda: bool(finished), timeout=10000)
    QThreadPool.globalInstance().waitForDone(5000)
    qtbot.wait(30)
    assert cancel_seen == [True], "the newer request asked the older job to stop"
    assert len(finished) == 1, "only the newest result is put in force"
    generation, corpus = finished[0]
    assert generation > first
    assert session.alignment() is corpus and session.generation() == generation
    assert [a.id for a in corpus.articles] == session.article_ids()
    assert closed not in session.article_ids()
    assert corpus.settings == session.settings()
    if newer == "running":
        assert corpus.settings.min_words == 9
    assert session.is_current() and not session.is_busy()

    # A result for other articles is dropped too, even with the newest generation.
    other = align_corpus(list(corpus.articles[:1]), corpus.settings)
    session._on_scheduler_finished(session.scheduler.generation, other)
    assert session.alignment() is corpus and len(finished) == 1
    session.shutdown()


def test_a_failure_of_the_newest_job_is_reported_once(qtbot, seed_articles: list[Article]) -> None:
    def broken(articles, settings, *, progress, cancelled):
        raise RuntimeError("index out of range")

    session = Session(align=broken, load_model=None)
    with qtbot.waitSignal(session.alignment_failed, timeout=5000) as blocker:
        session.add_articles(seed_articles[:2])
    assert "index out of range" in blocker.args[0]
    assert session.alignment() is None and not session.is_busy() and not session.is_current()
    session.shutdown()


@pytest.mark.parametrize(
    ("pair", "article_id", "side", "expected"),
    [
        (("a", "b"), "c", "a", ("c", "b")),
        (("a", "b"), "c", "b", ("a", "c")),
        (("a", "b"), "b", "a", ("b", "a")),  # B moves to A: A takes its place
        (("a", "b"), "a", "b", ("b", "a")),
        (None, "b", "a", ("b", "a")),  # no pair yet: the first other article fills in
        (None, "a", "b", ("b", "a")),
    ],
)
def test_pair_with_side(pair, article_id: str, side: str, expected) -> None:
    assert pair_with_side(pair, article_id, side, ["a", "b", "c"]) == expected


def test_pair_with_side_needs_another_article() -> None:
    assert pair_with_side(None, "a", "a", ["a"]) is None


def test_the_quote_check_comes_with_the_alignment(
    qtbot, session: Session, seed_articles: list[Article]
) -> None:
    assert session.quotes() == ()
    corpus = _aligned(qtbot, session, seed_articles)
    assert all(p.changes is not None for pair in corpus.pairs for p in pair.passages)
    quotes = session.quotes()
    assert quotes and session.quotes() is quotes, "computed by the job, not again"
    assert all(v.article in session.article_ids() for q in quotes for v in q.versions)
    session.remove_articles(session.article_ids())
    assert session.quotes() == ()


def test_an_alignment_without_its_quote_check_is_checked_once(
    qtbot, session: Session, seed_articles: list[Article]
) -> None:
    """A scheduler of a test's own may hand over a bare alignment: it is checked on demand."""
    corpus = _aligned(qtbot, session, seed_articles[:3])
    session._on_scheduler_finished(session.scheduler.generation, corpus)
    quotes = session.quotes()
    assert quotes and session.quotes() is quotes


def test_corrections_apply_at_once_without_a_new_job(
    qtbot, session: Session, seed_articles: list[Article]
) -> None:
    from desktop.engine.align.corrections import unlink

    corpus = _aligned(qtbot, session, seed_articles)
    generation = session.generation()
    pair = max(corpus.pairs, key=lambda p: len(p.passages))
    a, b = session.article(pair.a), session.article(pair.b)
    signals = Recorder(session)
    correction = unlink(a, b, pair.passages[0])
    assert session.set_corrections([correction])
    names = [name for name, _ in signals.calls]
    assert names == ["corrections_changed", "alignment_finished"]
    assert not session.is_busy() and session.generation() == generation
    assert pair.passages[0] not in session.alignment().pair(a.id, b.id).passages
    assert not session.set_corrections([correction]), "the same corrections again: no change"
    with qtbot.waitSignal(session.alignment_finished, timeout=10000):
        session.set_settings(Settings(min_words=4, use_embeddings=False))
    assert session.corrections() == (correction,)
    assert not any(
        p.a_start < pair.passages[0].a_end and pair.passages[0].a_start < p.a_end
        for p in session.alignment().pair(a.id, b.id).passages
    ), "replayed over the new alignment"


def test_replace_all_puts_a_whole_set_in_place(qtbot, session: Session, seed_articles: list[Article]) -> None:
    _aligned(qtbot, session, seed_articles[:2])
    ids = [a.id for a in seed_articles]
    signals = Recorder(session)
    with qtbot.waitSignal(session.alignment_finished, timeout=10000):
        session.replace_all(seed_articles[2:], Settings(min_words=9), (), (ids[4], ids[2]))
    assert session.article_ids() == ids[2:] and session.settings().min_words == 9
    assert session.pair() == (ids[4], ids[2]), "the saved pair, as the user's choice"
    names = [name for name, _ in signals.calls]
    assert names[:5] == [
        "settings_changed",
        "corrections_changed",
        "articles_changed",
        "pair_changed",
        "alignment_requested",
    ]
    assert session.alignment().pair(ids[4], ids[2]).a == ids[4]
