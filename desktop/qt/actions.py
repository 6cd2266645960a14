"""The window's commands as QActions, and the menus that hold them.

Every action has a shortcut and a tooltip (the tooltip names the shortcut), so every
feature can be reached from the keyboard and discovered from the menus; Help >
Keyboard Shortcuts lists them all. The actions work on the session and on the few
widgets they drive, handed over as :class:`ActionTargets`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMenu,
    QWidget,
)

from desktop.qt.compare_tab import CompareTab
from desktop.qt.dialogs import ShortcutsDialog, show_about
from desktop.qt.file_commands import FileCommands
from desktop.qt.library import LibraryPanel
from desktop.qt.main_tabs import TAB_COMPARE, TAB_FAMILIES, TAB_MATRIX, TAB_QUOTES, MainTabs
from desktop.qt.session import Session
from desktop.qt.shortcuts import Keys, bind_keys, copy_focused
from desktop.qt.widgets.focus import next_region
from desktop.qt.widgets.labels import escaped_tooltip
from desktop.qt.window_state import ViewOptions


@dataclass(frozen=True)
class ActionTargets:
    """What the commands act on besides the session and the file commands."""

    window: QMainWindow  # holds the actions and the menu bar; Quit closes it
    tabs: MainTabs
    compare_tab: CompareTab
    library: LibraryPanel
    library_dock: QDockWidget
    settings_dock: QDockWidget
    focus_regions: Callable[[], Sequence[QWidget]]  # what F6 moves between, in order


class WindowActions(QObject):
    """Creates the window's actions and fills its menu bar."""

    def __init__(self, session: Session, files: FileCommands, targets: ActionTargets) -> None:
        super().__init__(targets.window)
        self._session = session
        self._files = files
        self._targets = targets
        self._compare = targets.compare_tab.compare
        self.all: list[QAction] = []
        self._make_file_actions()
        self._make_edit_actions()
        self._make_view_actions()
        self._make_alignment_actions()
        self._make_go_actions()
        self._make_help_actions()
        self._build_menus()
        targets.compare_tab.pair_shown.connect(self._on_compare_tab_pair_shown)
        session.busy_changed.connect(self._on_session_busy_changed)
        session.alignment_cancelled.connect(self._on_session_alignment_cancelled)

    def _make_file_actions(self) -> None:
        files = self._files
        self.new_article = self._make(
            "&New Article…", files.new_article, ["Ctrl+N"], "Paste an article's text"
        )
        self.open = self._make(
            "&Open…", files.open_files, [QKeySequence.StandardKey.Open], "Open article files"
        )
        self.open_folder = self._make(
            "Open &Folder…", files.open_folder, ["Ctrl+Shift+O"], "Open every article in a folder"
        )
        self.open_samples = self._make(
            "Open &Sample Articles",
            files.open_samples,
            ["Ctrl+Shift+M"],
            "Open the articles that ship with Syndiff",
        )
        self.export_pair = self._make(
            "Export &Pair as HTML…",
            files.export_pair_html,
            ["Ctrl+E"],
            "Save the two articles side by side as a web page",
        )
        self.export_report = self._make(
            "Export &Report as HTML…",
            files.export_report_html,
            ["Ctrl+Shift+E"],
            "Save an overview of the whole set (matrix, families, pairs) as a web page",
        )
        self.export_json = self._make(
            "Export &JSON…",
            files.export_json,
            ["Ctrl+Shift+J"],
            "Save every pair's passages as JSON for analysis",
        )
        self.close_all = self._make(
            "&Close All Articles", self._close_all, ["Ctrl+Shift+W"], "Remove every article from the set"
        )
        self.quit = self._make(
            "&Quit", self._targets.window.close, [QKeySequence.StandardKey.Quit, "Ctrl+Q"], "Quit Syndiff"
        )

    def _make_edit_actions(self) -> None:
        self.copy = self._make(
            "&Copy", copy_focused, [QKeySequence.StandardKey.Copy], "Copy the selected text or rows"
        )
        self.find = self._make(
            "&Find…", self._open_find, [QKeySequence.StandardKey.Find], "Find text in the focused article"
        )
        self.find_next = self._make(
            "Find &Next",
            lambda: self._find_again(False),
            [QKeySequence.StandardKey.FindNext],
            "Find the next match",
        )
        self.find_previous = self._make(
            "Find Pre&vious",
            lambda: self._find_again(True),
            [QKeySequence.StandardKey.FindPrevious],
            "Find the previous match",
        )
        self.rename_outlet = self._make(
            "&Rename Outlet…", self._rename_outlet, ["F2"], "Change the outlet label of the selected article"
        )
        self.remove_article = self._make(
            "Re&move Article",
            self._remove_selected,
            [QKeySequence.StandardKey.Delete],
            "Remove the selected articles from the set",
        )
        # Delete only means "remove" while the article list has the focus.
        self._targets.window.removeAction(self.remove_article)
        self.remove_article.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._targets.library.view().addAction(self.remove_article)

    def _make_view_actions(self) -> None:
        targets, compare = self._targets, self._compare
        self.show_compare = self._make(
            "&Compare",
            lambda: targets.tabs.show_tab(TAB_COMPARE, compare.pane_a()),
            ["Ctrl+1"],
            "Show two articles side by side",
        )
        self.show_matrix = self._make(
            "Overlap &Matrix",
            lambda: targets.tabs.show_tab(TAB_MATRIX, targets.tabs.overlap_focus()),
            ["Ctrl+2"],
            "Show how much every pair shares",
        )
        self.show_families = self._make(
            "&Families",
            lambda: targets.tabs.show_tab(TAB_FAMILIES, targets.tabs.families.list),
            ["Ctrl+3"],
            "Show each shared passage across outlets",
        )
        self.show_quotes = self._make(
            "&Quotes",
            lambda: targets.tabs.show_tab(TAB_QUOTES, targets.tabs.quotes.list),
            ["Ctrl+4"],
            "Show each quoted statement and which outlets alter it",
        )
        self.swap = self._make(
            "&Swap A and B", self._session.swap_pair, ["Ctrl+Shift+X"], "Exchange the left and right article"
        )
        self.show_unique = self._make(
            "&Unique to This Article",
            compare.set_show_unique,
            ["Ctrl+U"],
            "Underline the text that no other article carries",
            checkable=True,
        )
        self.sync_scroll = self._make(
            "S&ynchronised Scrolling",
            compare.set_sync_scroll,
            ["Ctrl+Shift+Y"],
            "Scroll both articles together, keeping shared passages side by side",
            checkable=True,
        )
        self.sync_scroll.setChecked(True)
        self.library_panel = targets.library_dock.toggleViewAction()
        self._decorate(self.library_panel, ["Ctrl+Shift+L"], "Show or hide the article list")
        self.settings_panel = targets.settings_dock.toggleViewAction()
        self._decorate(self.settings_panel, ["Ctrl+Shift+T"], "Show or hide the alignment settings")

    def _make_alignment_actions(self) -> None:
        session = self._session
        self.cancel_alignment = self._make(
            "&Cancel Alignment", session.cancel_alignment, ["Esc"], "Stop the alignment under way"
        )
        self.realign = self._make(
            "&Realign", session.realign, ["F5"], "Align the open articles again (after a cancelled alignment)"
        )
        # Escape belongs to the text fields and menus except while there is something to stop.
        self.cancel_alignment.setEnabled(False)
        self.realign.setEnabled(False)

    def _make_go_actions(self) -> None:
        targets, compare, session = self._targets, self._compare, self._session
        self.next_passage = self._make(
            "&Next Passage",
            lambda: self._on_compare(compare.next_passage),
            ["Alt+Down", "Ctrl+Down"],
            "Select the next shared passage",
        )
        self.previous_passage = self._make(
            "&Previous Passage",
            lambda: self._on_compare(compare.previous_passage),
            ["Alt+Up", "Ctrl+Up"],
            "Select the previous shared passage",
        )
        self.first_passage = self._make(
            "&First Passage", lambda: self._select_passage(0), ["Alt+Home"], "Select the first shared passage"
        )
        self.last_passage = self._make(
            "&Last Passage", lambda: self._select_passage(-1), ["Alt+End"], "Select the last shared passage"
        )
        self.next_change = self._make(
            "Next &Typed Change",
            lambda: self._on_compare(compare.next_change),
            ["F8"],
            "Select the next changed number, name, quotation, attribution, hedge or negation",
        )
        self.previous_change = self._make(
            "Previous T&yped Change",
            lambda: self._on_compare(compare.previous_change),
            ["Shift+F8"],
            "Select the previous typed change",
        )
        self.next_partner = self._make(
            "Next Article as &B",
            lambda: session.step_partner(1),
            ["Alt+PgDown"],
            "Compare A with the next article",
        )
        self.previous_partner = self._make(
            "Previous Article as B",
            lambda: session.step_partner(-1),
            ["Alt+PgUp"],
            "Compare A with the previous article",
        )
        self.go_library = self._make(
            "Article &List",
            lambda: self._focus_dock(targets.library_dock),
            ["Ctrl+L"],
            "Move the focus to the article list",
        )
        self.go_settings = self._make(
            "Alignment &Settings",
            lambda: self._focus_dock(targets.settings_dock),
            ["Ctrl+,"],
            "Move the focus to the alignment settings",
        )
        self.go_passages = self._make(
            "Passage &Table",
            lambda: self._focus(targets.compare_tab.passage_table),
            ["Ctrl+T"],
            "Move the focus to the passage list",
        )
        self.next_region = self._make(
            "Next Pa&ne",
            lambda: self._focus_region(1),
            ["F6"],
            "Move the focus to the next part of the window",
        )
        self.previous_region = self._make(
            "Previous Pane",
            lambda: self._focus_region(-1),
            ["Shift+F6"],
            "Move the focus to the previous part of the window",
        )
        self.go_text = self._make(
            "Article &Text",
            lambda: self._focus(compare.pane_a()),
            ["Ctrl+Shift+A"],
            "Move the focus to article A",
        )

    def _make_help_actions(self) -> None:
        self.shortcuts = self._make(
            "&Keyboard Shortcuts", self._show_shortcuts, ["F1"], "List every shortcut"
        )
        self.about = self._make(
            "&About Syndiff",
            lambda: show_about(self._targets.window),
            ["Ctrl+Shift+F1"],
            "Version and licence",
        )

    # ---------------------------------------------------------------- construction

    def _make(
        self,
        text: str,
        slot: Callable[..., object],
        keys: Keys,
        tip: str,
        *,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, self._targets.window)
        action.setCheckable(checkable)
        self._decorate(action, keys, tip)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self._targets.window.addAction(action)
        return action

    def _decorate(self, action: QAction, keys: Keys, tip: str) -> None:
        bind_keys(action, keys, tip)
        self.all.append(action)

    def _build_menus(self) -> None:
        bar = self._targets.window.menuBar()
        self.file_menu = file_menu = bar.addMenu("&File")
        file_menu.addActions([self.new_article, self.open, self.open_folder])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._on_recent_menu_about_to_show)
        file_menu.addAction(self.open_samples)
        file_menu.addSeparator()
        file_menu.addActions([self.export_pair, self.export_report, self.export_json])
        file_menu.addSeparator()
        file_menu.addAction(self.close_all)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        self.edit_menu = edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.copy)
        edit_menu.addSeparator()
        edit_menu.addActions([self.find, self.find_next, self.find_previous])
        edit_menu.addSeparator()
        edit_menu.addActions([self.rename_outlet, self.remove_article])

        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.show_compare, self.show_matrix, self.show_families, self.show_quotes])
        view_menu.addSeparator()
        view_menu.addActions([self.swap, self.show_unique, self.sync_scroll])
        view_menu.addSeparator()
        view_menu.addActions([self.library_panel, self.settings_panel])
        view_menu.addSeparator()
        view_menu.addActions([self.realign, self.cancel_alignment])

        go_menu = bar.addMenu("&Go")
        go_menu.addActions([self.next_passage, self.previous_passage, self.first_passage, self.last_passage])
        go_menu.addActions([self.next_change, self.previous_change])
        go_menu.addSeparator()
        go_menu.addActions([self.next_partner, self.previous_partner])
        go_menu.addSeparator()
        go_menu.addActions([self.go_library, self.go_settings, self.go_text, self.go_passages])
        go_menu.addActions([self.next_region, self.previous_region])

        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts, self.about])
        for menu in (file_menu, edit_menu, view_menu, go_menu, help_menu):
            menu.setToolTipsVisible(True)

    # ---------------------------------------------------------------- state

    def view_options(self) -> ViewOptions:
        return ViewOptions(show_unique=self.show_unique.isChecked(), sync_scroll=self.sync_scroll.isChecked())

    def set_view_options(self, options: ViewOptions) -> None:
        """Set the View menu's switches, and the compare view with them."""
        self.show_unique.setChecked(options.show_unique)
        self.sync_scroll.setChecked(options.sync_scroll)
        self._compare.set_show_unique(self.show_unique.isChecked())
        self._compare.set_sync_scroll(self.sync_scroll.isChecked())

    def update_enabled(self) -> None:
        """Grey out what cannot be done now."""
        articles = self._session.articles()
        has_articles = bool(articles)
        has_pair = self._session.pair() is not None
        # Without a pair the Compare tab shows the welcome page: no text or table to focus.
        pair_actions = (self.export_pair, self.find, self.find_next, self.find_previous, self.swap)
        for action in (*pair_actions, self.go_text, self.go_passages):
            action.setEnabled(has_pair)
        passage_actions = (self.next_passage, self.previous_passage, self.first_passage, self.last_passage)
        for action in (*passage_actions, self.next_change, self.previous_change):
            action.setEnabled(has_pair and self._compare.passage_count() > 0)
        for action in (self.next_partner, self.previous_partner):
            action.setEnabled(has_pair and len(articles) > 2)
        for action in (
            self.export_report,
            self.export_json,
            self.close_all,
            self.rename_outlet,
            self.remove_article,
        ):
            action.setEnabled(has_articles)
        busy = self._session.is_busy()
        self.cancel_alignment.setEnabled(busy)
        self.realign.setEnabled(has_articles and not busy and not self._session.is_current())

    # ---------------------------------------------------------------- slots

    @Slot()
    def _on_compare_tab_pair_shown(self) -> None:
        self.update_enabled()

    @Slot(bool)
    def _on_session_busy_changed(self, _busy: bool) -> None:
        self.update_enabled()

    @Slot()
    def _on_session_alignment_cancelled(self) -> None:
        self.update_enabled()

    @Slot()
    def _on_recent_menu_about_to_show(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        recent = self._files.recent_files()
        for n, path in enumerate(recent, start=1):
            name = Path(path).name or path
            label = name.replace("&", "&&")
            action = menu.addAction(f"&{n} {label}" if n < 10 else label)
            action.setToolTip(escaped_tooltip(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self._files.open_recent(p))
        if not recent:
            empty = menu.addAction("No recent files")
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("&Clear Menu")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self._files.clear_recent)

    def _close_all(self) -> None:
        self._session.remove_articles(self._session.article_ids())

    def _open_find(self) -> None:
        if self._session.pair() is not None:
            self._targets.tabs.setCurrentIndex(TAB_COMPARE)
            self._targets.compare_tab.open_find()

    def _find_again(self, backwards: bool) -> None:
        if self._session.pair() is not None:
            self._targets.tabs.setCurrentIndex(TAB_COMPARE)
            self._targets.compare_tab.find_again(backwards)

    def _rename_outlet(self) -> None:
        library = self._targets.library
        article_id = library.current_id()
        pair = self._session.pair()
        if article_id is None and pair:
            article_id = pair[0]
        if article_id is not None:
            self._focus_dock(self._targets.library_dock)
            library.edit_outlet(article_id)

    def _remove_selected(self) -> None:
        library = self._targets.library
        ids = library.selected_ids()
        current = library.current_id()
        if not ids and current:
            ids = [current]
        self._session.remove_articles(ids)

    def _on_compare(self, command: Callable[[], object]) -> None:
        """Run a passage command where the user can see it: on the Compare tab."""
        self._targets.tabs.setCurrentIndex(TAB_COMPARE)
        command()

    def _select_passage(self, index: int) -> None:
        compare = self._compare
        count = compare.passage_count()
        if count:
            self._on_compare(lambda: compare.select_passage(index % count))

    def _focus_dock(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()
        dock.widget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_region(self, step: int) -> None:
        target = next_region(self._targets.focus_regions(), QApplication.focusWidget(), step)
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus(self, widget: QWidget) -> None:
        self._targets.tabs.setCurrentIndex(TAB_COMPARE)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.all, self._targets.window)
        dialog.exec()
        dialog.deleteLater()
