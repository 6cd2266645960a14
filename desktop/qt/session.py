"""What the window works on: the open articles, the settings, the alignment and the pair.

:class:`Session` is the one owner of that state. Panels, commands and the window read it
through the session's methods, change it through them, and learn of every change from
its signals; none of them keeps a copy of its own. The session holds no widgets.

Articles
    In the order they were opened. Ids are unique within the session (the engine's rule:
    ``story``, ``story-2``, ...) and never change; an article's outlet label may
    (:meth:`Session.set_outlet`).
Settings
    The alignment settings in force.
Alignment
    The alignment of all open articles with the settings, computed in the background by
    the session's :class:`~desktop.qt.workers.AlignScheduler` whenever articles or
    settings change. Every job has a generation number; a result is taken only if it is
    the newest job's and covers exactly the articles open now (:meth:`Session._wanted`,
    the one place stale results are dropped). Until it arrives the previous alignment
    stays in force, which may be stale (:meth:`Session.is_current`). Its passages carry
    their typed changes (``passage.changes``), computed by the same job.
Quote check
    The quoted statements of the alignment in force (:meth:`Session.quotes`), computed by
    the alignment's job and put in force with it (announced by ``alignment_finished``).
Pair
    The two articles compared side by side, A and B. Until the user chooses one it
    follows the alignment: the first two articles, then the pair sharing the most.
Corrections
    The user's manual corrections (:mod:`desktop.engine.align.corrections`), replayed
    over every alignment the aligner delivers: the alignment in force is the aligner's
    with the corrections applied. Changing them re-applies them at once, with no new job.
Labels
    Articles that join without an outlet get a numbered one ("Article 3",
    :func:`~desktop.engine.labels.numbered_labels`).

Signals, each emitted once per change and after the state it announces is in place:

``articles_changed(list)``
    articles were added or removed; the ids now open, in order.
``article_relabelled(str, str)``
    an article's outlet label changed: its id and the new label (no realignment).
``settings_changed(object)``
    the new :class:`Settings`.
``alignment_requested()``
    the articles or settings changed and a new alignment is on its way.
``alignment_started(int)``
    the generation of a job that has just started.
``alignment_progressed(float)``
    fraction done (0..1) of the newest job.
``alignment_phase_changed(str)``
    the newest job's slow step ("" once it is back to aligning).
``alignment_finished(int, object)``
    a new alignment is in force: its generation and the :class:`CorpusAlignment`
    (also when the corrections changed: the same generation, corrected again).
``corrections_changed(object)``
    the corrections now in force (a tuple); emitted before the corrected alignment.
``alignment_failed(str)``
    the newest job failed; a message for the user.
``alignment_cancelled()``
    the user stopped the alignment under way (:meth:`Session.cancel_alignment`); the
    alignment in force, if any, stays, out of date, until :meth:`Session.realign`.
``alignment_cleared()``
    no article is open, so there is no alignment.
``busy_changed(bool)``
    an alignment is (or is no longer) waiting or running.
``pair_changed(object)``
    the new pair ``(a, b)``, or None.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Signal, Slot

from desktop.engine.align.corrections import Correction, apply_corrections
from desktop.engine.align.quotes import quote_check
from desktop.engine.labels import numbered_labels
from desktop.engine.load.articles import unique_id
from desktop.engine.model import Article, CorpusAlignment, PairAlignment, QuotedStatement, Settings
from desktop.qt.workers import (
    AlignFunction,
    AlignScheduler,
    ModelLoader,
    align_in_background,
    load_embedding_model,
)

Pair = tuple[str, str]


def pair_with_side(pair: Pair | None, article_id: str, side: str, ids: Sequence[str]) -> Pair | None:
    """The pair after putting ``article_id`` on ``side`` ("a" or "b").

    The article it displaces moves to the other side if the new article came from
    there; with no pair yet, the first other article fills the other side.
    """
    a, b = pair or ("", "")
    if side == "a":
        a, b = article_id, (a if b == article_id else b)
    else:
        a, b = (b if a == article_id else a), article_id
    if not a or not b:
        other = next((i for i in ids if i != article_id), None)
        if other is None:
            return None
        a, b = (article_id, other) if side == "a" else (other, article_id)
    return (a, b)


class Session(QObject):
    """The open articles, the settings, the alignment in force and the pair (see the module)."""

    articles_changed = Signal(list)  # ids of the open articles, in order
    article_relabelled = Signal(str, str)  # article id, new outlet label
    settings_changed = Signal(object)  # Settings
    alignment_requested = Signal()
    alignment_started = Signal(int)  # generation
    alignment_progressed = Signal(float)  # fraction done of the newest job
    alignment_phase_changed = Signal(str)  # the newest job's slow step ("" = aligning)
    alignment_finished = Signal(int, object)  # generation, CorpusAlignment now in force
    alignment_failed = Signal(str)  # message for the user
    alignment_cancelled = Signal()
    alignment_cleared = Signal()
    busy_changed = Signal(bool)
    pair_changed = Signal(object)  # (a id, b id) or None
    corrections_changed = Signal(object)  # tuple of Correction

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        align: AlignFunction = align_in_background,
        load_model: ModelLoader | None = load_embedding_model,
        scheduler: AlignScheduler | None = None,
    ) -> None:
        super().__init__(parent)
        self._articles: list[Article] = []
        self._settings = Settings()
        self._alignment: CorpusAlignment | None = None
        self._quotes: tuple[QuotedStatement, ...] | None = None  # None: not checked yet
        self._checked: tuple[int, tuple[QuotedStatement, ...]] | None = None  # newest job's, waiting
        self._aligned: CorpusAlignment | None = None  # the aligner's, before the corrections
        self._corrections: tuple[Correction, ...] = ()
        self._generation = 0
        self._pair: Pair | None = None
        self._pair_chosen = False  # the user picked the pair: keep it across alignments
        self._cancelled = False  # the user cancelled the last alignment asked for
        self.scheduler = scheduler or AlignScheduler(self, align=align, load_model=load_model)
        self.scheduler.setParent(self)
        self.scheduler.started.connect(self._on_scheduler_started)
        self.scheduler.progressed.connect(self._on_scheduler_progressed)
        self.scheduler.phase_changed.connect(self._on_scheduler_phase_changed)
        self.scheduler.quotes_checked.connect(self._on_scheduler_quotes_checked)
        self.scheduler.finished.connect(self._on_scheduler_finished)
        self.scheduler.failed.connect(self._on_scheduler_failed)
        self.scheduler.busy_changed.connect(self._on_scheduler_busy_changed)

    # ================================================================ articles

    def articles(self) -> tuple[Article, ...]:
        return tuple(self._articles)

    def article_ids(self) -> list[str]:
        return [a.id for a in self._articles]

    def article(self, article_id: str) -> Article | None:
        return next((a for a in self._articles if a.id == article_id), None)

    def add_articles(self, articles: Sequence[Article]) -> list[Article]:
        """Open articles and realign; returns those added.

        A file that is already open is skipped; an id already taken gets a ``-2``,
        ``-3``... suffix (two files called ``story.txt`` in different folders), as the
        engine's loader does within one load.
        """
        taken = set(self.article_ids())
        open_paths = {a.path for a in self._articles if a.path}
        added: list[Article] = []
        for article in articles:
            if article.path and article.path in open_paths:
                continue
            article_id = unique_id(article.id, taken)
            if article.path:
                open_paths.add(article.path)
            added.append(article if article_id == article.id else replace(article, id=article_id))
        added = numbered_labels(added, self._articles)
        if added:
            self._articles.extend(added)
            self._articles_changed(pair=self._pair)
        return added

    @Slot(list)
    def remove_articles(self, article_ids: Iterable[str]) -> None:
        """Close articles and realign; the pair is dropped if it holds one of them."""
        ids = set(article_ids) & set(self.article_ids())
        if not ids:
            return
        pair = self._pair
        self._articles = [a for a in self._articles if a.id not in ids]
        if self._pair and (self._pair[0] in ids or self._pair[1] in ids):
            self._pair = None
            self._pair_chosen = False
        self._articles_changed(pair=pair)

    def set_outlet(self, article_id: str, outlet: str) -> bool:
        """Rename an article's outlet label (white space collapsed); False when unchanged or unknown.

        Labels play no part in the alignment: the one in force takes the new label, and
        no new one is computed.
        """
        outlet = " ".join(outlet.split())
        row = next((i for i, a in enumerate(self._articles) if a.id == article_id), -1)
        if row < 0 or self._articles[row].outlet == outlet:
            return False
        self._articles[row] = self._articles[row].with_outlet(outlet)
        if self._alignment is not None:
            self._alignment = self._labelled(self._alignment)
        self.article_relabelled.emit(article_id, outlet)
        return True

    def replace_all(
        self,
        articles: Sequence[Article],
        settings: Settings,
        corrections: Sequence[Correction] = (),
        pair: Pair | None = None,
    ) -> None:
        """Put a whole set in place at once (a workspace opened): articles as they are (ids
        unique), settings, corrections and the pair (kept as the user's choice); one new
        alignment."""
        old_pair = self._pair
        self._articles = list(articles)
        ids = set(self.article_ids())
        settings_changed = settings != self._settings
        self._settings = settings
        self._corrections = tuple(corrections)
        valid = pair is not None and pair[0] != pair[1] and pair[0] in ids and pair[1] in ids
        self._pair = pair if valid else None
        self._pair_chosen = valid
        if settings_changed:
            self.settings_changed.emit(settings)
        self.corrections_changed.emit(self._corrections)
        self._articles_changed(pair=old_pair)

    def _articles_changed(self, *, pair: Pair | None) -> None:
        """After adding or removing: default pair, signals, a new alignment."""
        if self._pair is None and len(self._articles) >= 2:
            self._pair = (self._articles[0].id, self._articles[1].id)
        self.articles_changed.emit(self.article_ids())
        if self._pair != pair:
            self.pair_changed.emit(self._pair)
        self._realign()

    def _labelled(self, corpus: CorpusAlignment) -> CorpusAlignment:
        """``corpus`` with the open articles' current labels (the same ids and texts)."""
        current = {a.id: a for a in self._articles}
        if all(current.get(a.id, a) is a for a in corpus.articles):
            return corpus
        return replace(corpus, articles=tuple(current.get(a.id, a) for a in corpus.articles))

    # ================================================================ settings

    def settings(self) -> Settings:
        return self._settings

    def set_settings(self, settings: Settings) -> bool:
        """Use ``settings`` from now on and realign; False when they are the ones in force."""
        if settings == self._settings:
            return False
        self._settings = settings
        self.settings_changed.emit(settings)
        if self._articles:
            self._realign()
        return True

    # ================================================================ alignment

    def alignment(self) -> CorpusAlignment | None:
        """The alignment in force (None before the first one and when no article is open)."""
        return self._alignment

    def generation(self) -> int:
        """The generation of the alignment in force (0 before the first)."""
        return self._generation

    def quotes(self) -> tuple[QuotedStatement, ...]:
        """The quote check of the alignment in force (() when there is none).

        The alignment's job computes it off the GUI thread; only an alignment that came
        without one (a scheduler of a test's own) is checked here, once.
        """
        if self._alignment is None:
            return ()
        if self._quotes is None:
            self._quotes = quote_check(self._alignment)
        return self._quotes

    def is_busy(self) -> bool:
        """A new alignment is waiting for its job or being computed."""
        return self.scheduler.is_busy()

    def is_current(self) -> bool:
        """The alignment in force is of the open articles with the settings in force."""
        alignment = self._alignment
        return (
            alignment is not None
            and not self.is_busy()
            and [a.id for a in alignment.articles] == self.article_ids()
            and alignment.settings == self._settings
        )

    def cancel_alignment(self) -> bool:
        """Stop the alignment under way (the user's Cancel); False when there is none.

        Its result will never be put in force, however soon it would have come; the
        alignment in force stays, out of date (:meth:`is_current` is False), until
        :meth:`realign`.
        """
        if not self.is_busy():
            return False
        self.scheduler.cancel_all()
        self._cancelled = True
        self.alignment_cancelled.emit()
        return True

    def was_cancelled(self) -> bool:
        """The last alignment asked for was cancelled, and none has been asked for since."""
        return self._cancelled

    def realign(self) -> bool:
        """Align the open articles again (after a cancel); False when nothing is open or
        the alignment in force is current."""
        if not self._articles or self.is_current():
            return False
        self._realign()
        return True

    def shutdown(self) -> bool:
        """Stop every job, waiting a moment for them to end (when the window closes).

        Returns whether they all ended; one still inside a step of the engine that
        cannot be interrupted is left running, detached (it emits nothing more).
        """
        return self.scheduler.shutdown()

    # ================================================================ corrections

    def corrections(self) -> tuple[Correction, ...]:
        return self._corrections

    def set_corrections(self, corrections: Sequence[Correction]) -> bool:
        """Use ``corrections`` from now on; the alignment in force is corrected again at
        once (no new job). False when they are the ones in force."""
        corrections = tuple(corrections)
        if corrections == self._corrections:
            return False
        self._corrections = corrections
        self.corrections_changed.emit(corrections)
        if self._aligned is not None and self._alignment is not None:
            self._alignment = self._labelled(apply_corrections(self._aligned, corrections))
            self.alignment_finished.emit(self._generation, self._alignment)
        return True

    def _realign(self) -> None:
        self._cancelled = False
        if not self._articles:
            self.scheduler.cancel_all()
            self._alignment = None
            self._quotes = self._checked = None
            self._aligned = None
            self.alignment_cleared.emit()
            return
        self.alignment_requested.emit()
        self.scheduler.request(self._articles, self._settings)

    def _wanted(self, generation: int, result: object) -> bool:
        """Whether a job's result may be put in force: the one place stale results are dropped.

        It must be the newest job's, with no newer request waiting, and cover exactly the
        articles open now (a job of articles since closed is never shown).
        """
        return (
            isinstance(result, CorpusAlignment)
            and self.scheduler.is_newest(generation)
            and [a.id for a in result.articles] == self.article_ids()
        )

    @Slot(int)
    def _on_scheduler_started(self, generation: int) -> None:
        self.alignment_started.emit(generation)

    @Slot(float)
    def _on_scheduler_progressed(self, fraction: float) -> None:
        self.alignment_progressed.emit(fraction)

    @Slot(str)
    def _on_scheduler_phase_changed(self, phase: str) -> None:
        self.alignment_phase_changed.emit(phase)

    @Slot(bool)
    def _on_scheduler_busy_changed(self, busy: bool) -> None:
        self.busy_changed.emit(busy)

    @Slot(int, object)
    def _on_scheduler_quotes_checked(self, generation: int, quotes: object) -> None:
        if self.scheduler.is_newest(generation) and isinstance(quotes, tuple):
            self._checked = (generation, quotes)

    @Slot(int, object)
    def _on_scheduler_finished(self, generation: int, result: object) -> None:
        if not self._wanted(generation, result):
            return
        assert isinstance(result, CorpusAlignment)
        pair = self._pair
        checked, self._checked = self._checked, None
        self._quotes = checked[1] if checked is not None and checked[0] == generation else None
        self._aligned = result
        self._alignment = self._labelled(apply_corrections(result, self._corrections))
        self._generation = generation
        if not self._pair_chosen and len(self._articles) >= 2:
            best = max(result.pairs, key=lambda p: p.score, default=None)
            if best is not None:
                self._pair = (best.a, best.b)
        self.alignment_finished.emit(generation, self._alignment)
        if self._pair != pair:
            self.pair_changed.emit(self._pair)

    @Slot(int, str)
    def _on_scheduler_failed(self, generation: int, message: str) -> None:
        if self.scheduler.is_newest(generation):
            self.alignment_failed.emit(message)

    # ================================================================ pair

    def pair(self) -> Pair | None:
        return self._pair

    def pair_alignment(self) -> PairAlignment | None:
        """The alignment in force of the pair (None while the pair is being aligned)."""
        if self._pair is None or self._alignment is None:
            return None
        ids = {a.id for a in self._alignment.articles}
        a, b = self._pair
        return self._alignment.pair(a, b) if a in ids and b in ids else None

    def set_pair(self, a: str, b: str) -> bool:
        """Compare ``a`` (left) with ``b`` (right), as the user's choice; False if either is unknown.

        The user's pair is kept across alignments (until one of its articles is closed).
        """
        if a == b or self.article(a) is None or self.article(b) is None:
            return False
        changed = self._pair != (a, b)
        self._pair = (a, b)
        self._pair_chosen = True
        if changed:
            self.pair_changed.emit(self._pair)
        return True

    def swap_pair(self) -> None:
        if self._pair:
            self.set_pair(self._pair[1], self._pair[0])

    def step_partner(self, step: int) -> None:
        """Keep A, and compare it with the next (or previous) article as B."""
        if self._pair is None:
            return
        ids = [i for i in self.article_ids() if i != self._pair[0]]
        if ids:
            k = ids.index(self._pair[1]) if self._pair[1] in ids else -1
            self.set_pair(self._pair[0], ids[(k + step) % len(ids)])
