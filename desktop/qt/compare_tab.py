"""The Compare tab: pair picker, summary line, side-by-side view, passage table, find bar.

:class:`CompareTab` shows the session's pair with the alignment in force, and follows
every change of the session (articles, labels, alignment, pair) on its own. Before there
is a pair it shows the welcome page instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from desktop.engine.bidi import isolate
from desktop.engine.figures import percent
from desktop.engine.model import Article, CorpusAlignment, PairAlignment
from desktop.qt.session import Session
from desktop.qt.widgets.compare import CompareView
from desktop.qt.widgets.find_bar import FindBar
from desktop.qt.widgets.labels import article_label
from desktop.qt.widgets.pair_picker import PairPicker
from desktop.qt.widgets.welcome import WelcomePage

Spans = Sequence[tuple[int, int]]


def pair_summary(a: Article, b: Article, alignment: PairAlignment | None) -> str:
    """One line for the pair: passages by kind and the shared share of each side."""
    if alignment is None:
        return "Aligning… the shared passages appear in a moment."
    n = len(alignment.passages)
    if n == 0:
        return (
            f"{isolate(article_label(a))} and {isolate(article_label(b))} share no passage at the "
            "current settings (try a higher sensitivity or a shorter minimum passage)."
        )
    counts = alignment.counts().items()
    kinds = ", ".join(f"{count} {kind.wording.counted}" for kind, count in counts if count)
    return (
        f"{n} shared passage{'s' if n != 1 else ''} ({kinds}).  "
        f"A: {percent(alignment.shared_a)} of {isolate(article_label(a))}'s words are shared;  "
        f"B: {percent(alignment.shared_b)} of {isolate(article_label(b))}'s."
    )


NOT_ALIGNED = "Not aligned: the alignment was cancelled. Realign (F5) to find the shared passages."
OUT_OF_DATE = "  Not up to date: the last alignment was cancelled (Realign: F5)."


def passage_position(index: int, count: int) -> str:
    """The status bar's "Passage 3 of 12"."""
    if count == 0:
        return "No shared passages"
    if index < 0:
        return f"{count} passage{'s' if count != 1 else ''}"
    return f"Passage {index + 1} of {count}"


class CompareTab(QStackedWidget):
    """The welcome page, or the session's pair with everything that belongs to it."""

    pair_shown = Signal()  # the pair (or the welcome page) was shown again: title, position...

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.picker = PairPicker(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("pairSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.compare = CompareView(self)
        self.passage_table = self.compare.passage_table()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("compareSplitter")
        self.splitter.addWidget(self.compare)
        self.splitter.addWidget(self.compare.passage_panel())  # the table and its change filter
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([620, 190])  # the table shows about five passages
        self.find_bar = FindBar(self)
        self.find_bar.hide()
        self.find_bar.find_requested.connect(self._on_find_bar_find_requested)
        self.find_bar.closed.connect(self._on_find_bar_closed)
        self._find_origin: QWidget = self.compare.pane_a()  # where the focus returns on Escape

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.picker)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)
        self.pair_page = page
        self._shown: tuple[str, str] | None = None  # the pair on screen
        self._shown_alignment: PairAlignment | None = None  # ... and the alignment it shows
        self._fresh = False  # the pair on screen has not yet had its passages to open on
        self.welcome = WelcomePage(self)
        self.addWidget(self.welcome)
        self.addWidget(page)

        self.picker.pair_changed.connect(self._on_picker_pair_changed)
        session.articles_changed.connect(self._on_session_articles_changed)
        session.article_relabelled.connect(self._on_session_article_relabelled)
        session.alignment_finished.connect(self._on_session_alignment_finished)
        session.alignment_cleared.connect(self._on_session_alignment_cleared)
        session.pair_changed.connect(self._on_session_pair_changed)
        session.alignment_cancelled.connect(self._on_session_alignment_cancelled)

    def show_current(self) -> None:
        """Show the session's pair with its alignment in force, or the welcome page."""
        session = self._session
        pair = session.pair()
        a = session.article(pair[0]) if pair else None
        b = session.article(pair[1]) if pair else None
        if a is None or b is None:
            self.show_welcome(len(session.articles()))
        else:
            alignment = session.alignment()
            stats_a = alignment.stats_for(a.id) if alignment else None
            stats_b = alignment.stats_for(b.id) if alignment else None
            self.show_pair(
                a,
                b,
                session.pair_alignment(),
                unique_a=stats_a.unique_spans if stats_a else (),
                unique_b=stats_b.unique_spans if stats_b else (),
            )
        self.pair_shown.emit()

    def choose_pair(self, a: str, b: str) -> bool:
        """Make ``a`` and ``b`` the session's pair, as the user asked; False if either is unknown.

        Asking for the pair already shown shows it again, which brings its selected
        passage back into view.
        """
        shown = self._session.pair() == (a, b)
        if not self._session.set_pair(a, b):
            return False
        if shown:
            self.show_current()
        return True

    def show_span(self, article_id: str, start: int, end: int) -> None:
        """Select the passage of the pair that overlaps a span of ``article_id`` and scroll to the span.

        ``article_id`` must be one side of the session's pair.
        """
        pair = self._session.pair()
        side = "a" if pair and pair[0] == article_id else "b"
        alignment = self._session.pair_alignment()
        if alignment is not None:
            for n, p in enumerate(alignment.passages):
                s, e = p.a_span if side == "a" else p.b_span
                if s < end and start < e:
                    self.compare.select_passage(n)
                    break
        self.compare.scroll_to_span(side, start, end)

    def show_welcome(self, article_count: int) -> None:
        self.welcome.set_article_count(article_count)
        self.setCurrentWidget(self.welcome)
        self._shown = None
        self.summary.clear()
        self.find_bar.close_bar()

    def show_pair(
        self, a: Article, b: Article, alignment: PairAlignment | None, *, unique_a: Spans, unique_b: Spans
    ) -> None:
        self.setCurrentWidget(self.pair_page)
        self.picker.set_pair(a.id, b.id)
        same = self._shown == (a.id, b.id)
        previous = self.compare.current_passage() if same else -1
        if not same:
            self._fresh = True
        self._shown = (a.id, b.id)
        self._shown_alignment = alignment
        self.compare.set_pair(a, b, alignment, unique_a=unique_a, unique_b=unique_b)
        self._show_summary(a, b, alignment)
        count = self.compare.passage_count()
        if count and 0 <= previous < count:
            self.compare.select_passage(previous)  # realigned: keep the selection
        elif count and self._fresh:
            # A new pair opens on its first shared passage, so both texts show linked
            # passages straight away; a realignment keeps the reader where they were.
            self._fresh = False
            self.compare.select_passage(0)

    def _show_summary(self, a: Article, b: Article, alignment: PairAlignment | None) -> None:
        """The summary line, which says so when no alignment is coming (it was cancelled)."""
        if not self._session.was_cancelled():
            text = pair_summary(a, b, alignment)
        elif alignment is None:
            text = NOT_ALIGNED
        else:
            text = pair_summary(a, b, alignment) + OUT_OF_DATE
        self.summary.setText(text)

    def position_text(self, index: int | None = None) -> str:
        """ "Passage i of n" for ``index`` (default: the selected passage)."""
        index = self.compare.current_passage() if index is None else index
        return passage_position(index, self.compare.passage_count())

    def open_find(self) -> None:
        focus = QApplication.focusWidget()
        if focus in (self.compare.pane_a(), self.compare.pane_b()):
            self._find_origin = focus
        self.find_bar.open_bar()

    def find_again(self, backwards: bool) -> None:
        """Find again (F3 / Shift+F3); opens the bar when there is nothing to find yet."""
        if self.find_bar.isHidden() or not self.find_bar.edit.text():
            self.open_find()
        else:
            self.find_bar.request(backwards)

    @Slot(str, str)
    def _on_picker_pair_changed(self, a: str, b: str) -> None:
        self.choose_pair(a, b)

    @Slot(list)
    def _on_session_articles_changed(self, _ids: list) -> None:
        self.picker.set_articles(self._session.articles())
        self.show_current()

    @Slot(str, str)
    def _on_session_article_relabelled(self, _article_id: str, _outlet: str) -> None:
        self.picker.set_articles(self._session.articles())
        self.show_current()

    @Slot(int, object)
    def _on_session_alignment_finished(self, _generation: int, _alignment: CorpusAlignment) -> None:
        self.show_current()

    @Slot()
    def _on_session_alignment_cleared(self) -> None:
        self.show_current()

    @Slot()
    def _on_session_alignment_cancelled(self) -> None:
        pair = self._session.pair()
        a = self._session.article(pair[0]) if pair else None
        b = self._session.article(pair[1]) if pair else None
        if a is not None and b is not None and self.currentWidget() is self.pair_page:
            self._show_summary(a, b, self._session.pair_alignment())

    @Slot(object)
    def _on_session_pair_changed(self, _pair: object) -> None:
        # A first alignment picks its pair before it is announced: that pair is shown already.
        if (
            self.currentWidget() is self.pair_page
            and self._shown == self._session.pair()
            and self._shown_alignment is self._session.pair_alignment()
        ):
            return
        self.show_current()

    @Slot(str, bool)
    def _on_find_bar_find_requested(self, text: str, backwards: bool) -> None:
        self.find_bar.show_result(self.compare.find_text(text, backwards))

    @Slot()
    def _on_find_bar_closed(self) -> None:
        if self.currentWidget() is self.pair_page:
            self._find_origin.setFocus()
