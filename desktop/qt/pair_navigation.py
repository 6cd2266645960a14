"""The pair of articles the window compares: choosing it, stepping through it, showing it.

:class:`PairNavigationMixin` is part of :class:`MainWindow`; it is kept apart so the
window module stays about wiring. It also holds the glue from the other tabs to the
Compare tab: a family member opened from the Families tab, Find from anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.engine.bidi import strip_bidi_controls
from desktop.engine.model import PairAlignment
from desktop.qt.text_utils import elide

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QTabWidget

    from desktop.engine.model import CorpusAlignment
    from desktop.qt.actions import WindowActions
    from desktop.qt.article_model import ArticleModel
    from desktop.qt.compare_tab import CompareTab
    from desktop.qt.library import LibraryPanel
    from desktop.qt.widgets.compare import CompareView
    from desktop.qt.widgets.families import FamiliesPanel

APP_NAME = "Syndiff"
TAB_COMPARE, TAB_MATRIX, TAB_FAMILIES = range(3)
_TITLE_CHARS = 48


class PairNavigationMixin:
    """The pair API of the main window (which provides the attributes declared here)."""

    _pair: tuple[str, str] | None
    _pair_chosen: bool
    _corpus: CorpusAlignment | None
    articles: ArticleModel
    compare_tab: CompareTab
    compare: CompareView
    library: LibraryPanel
    families: FamiliesPanel
    tabs: QTabWidget
    passage_label: QLabel
    menu_actions: WindowActions

    if TYPE_CHECKING:

        def setWindowTitle(self, title: str) -> None: ...  # provided by QMainWindow

    def pair(self) -> tuple[str, str] | None:
        return self._pair

    def pair_alignment(self) -> PairAlignment | None:
        """The applied alignment of the shown pair (None while it is being computed)."""
        if self._pair is None or self._corpus is None:
            return None
        ids = {a.id for a in self._corpus.articles}
        a, b = self._pair
        return self._corpus.pair(a, b) if a in ids and b in ids else None

    def set_pair(self, a: str, b: str) -> bool:
        """Show articles ``a`` (left) and ``b`` (right); False if either is unknown."""
        if a == b or self.articles.article(a) is None or self.articles.article(b) is None:
            return False
        self._pair = (a, b)
        self._pair_chosen = True
        self._show_pair()
        return True

    def open_pair(self, a: str, b: str) -> bool:
        """Show the pair and bring the Compare tab to the front."""
        if not self.set_pair(a, b):
            return False
        self.tabs.setCurrentIndex(TAB_COMPARE)
        return True

    def swap_pair(self) -> None:
        if self._pair:
            self.set_pair(self._pair[1], self._pair[0])

    def step_partner(self, step: int) -> None:
        """Keep A, and show the next (or previous) article as B."""
        if self._pair is None:
            return
        ids = [x.id for x in self.articles.articles() if x.id != self._pair[0]]
        if ids:
            k = ids.index(self._pair[1]) if self._pair[1] in ids else -1
            self.set_pair(self._pair[0], ids[(k + step) % len(ids)])

    def _show_pair(self) -> None:
        pair = self._pair
        a = self.articles.article(pair[0]) if pair else None
        b = self.articles.article(pair[1]) if pair else None
        if a is None or b is None:
            self._pair = None
            self.compare_tab.show_welcome(len(self.articles.articles()))
            self.setWindowTitle(APP_NAME)
            self.library.set_current_pair(None, None)
        else:
            stats_a = self._corpus.stats_for(a.id) if self._corpus else None
            stats_b = self._corpus.stats_for(b.id) if self._corpus else None
            self.compare_tab.show_pair(
                a,
                b,
                self.pair_alignment(),
                unique_a=stats_a.unique_spans if stats_a else (),
                unique_b=stats_b.unique_spans if stats_b else (),
            )
            self.library.set_current_pair(a.id, b.id)
            # Window managers may draw titles without bidi isolation: controls are dropped.
            title_a, title_b = (strip_bidi_controls(elide(x.title, _TITLE_CHARS)) for x in (a, b))
            self.setWindowTitle(f"{title_a} ↔ {title_b} — {APP_NAME}")
        self._show_position()
        self.menu_actions.update_enabled()

    def position_text(self, passage: int | None = None) -> str:
        """The status bar's position for the tab shown ("" when it has none to give).

        Compare: the passage (``passage``, default the selected one); Families: the
        selected family; the matrix has no position of its own.
        """
        tab = self.tabs.currentIndex()
        if tab == TAB_COMPARE:
            # While the pair is being aligned there is no count to give yet.
            return self.compare_tab.position_text(passage) if self.pair_alignment() is not None else ""
        if tab == TAB_FAMILIES:
            return self.families.position_text()
        return ""

    def _show_position(self, passage: int | None = None) -> None:
        text = self.position_text(passage)
        self.passage_label.setText(text)
        self.passage_label.setVisible(bool(text))

    def show_family_version(self, article_id: str, start: int, end: int) -> None:
        """Show one family member's text in Compare: a pair holding ``article_id``, its passage selected.

        Keeps the current pair when it already holds the article; otherwise pairs the
        article with the family's best partner.
        """
        if self._pair is None or article_id not in self._pair:
            partner = self.families.partner_for(article_id)
            if partner is None or not self.set_pair(article_id, partner):
                return
        self.tabs.setCurrentIndex(TAB_COMPARE)
        side = "a" if self._pair and self._pair[0] == article_id else "b"
        alignment = self.pair_alignment()
        if alignment is not None:
            for n, p in enumerate(alignment.passages):
                s, e = p.a_span if side == "a" else p.b_span
                if s < end and start < e:
                    self.compare.select_passage(n)
                    break
        self.compare.scroll_to_span(side, start, end)

    def open_find(self) -> None:
        if self._pair is not None:
            self.tabs.setCurrentIndex(TAB_COMPARE)
            self.compare_tab.open_find()

    def find_again(self, backwards: bool = False) -> None:
        if self._pair is not None:
            self.tabs.setCurrentIndex(TAB_COMPARE)
            self.compare_tab.find_again(backwards)
