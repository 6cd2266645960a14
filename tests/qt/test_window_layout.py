"""The window in a small screen: who gets the width, what the status bar says per tab."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget

from desktop.engine.articles import article_from_text
from desktop.qt.library import OUTLET_SHARE, ArticleModel, LibraryPanel
from desktop.qt.main_window import DOCK_WIDTH, TAB_COMPARE, TAB_FAMILIES, TAB_MATRIX, MainWindow
from desktop.qt.settings_panel import SLIDER_MIN_WIDTH, SettingsPanel
from desktop.qt.widgets.legend import ElidedLabel

SMALL = (1000, 700)


def show_widget(qtbot, widget: QWidget, width: int, height: int) -> None:
    """Show ``widget`` at ``width`` x ``height``; ``qtbot`` deletes it at teardown."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)


def _small_window(qtbot, settings: QSettings) -> MainWindow:
    window = MainWindow(settings)
    show_widget(qtbot, window, *SMALL)
    return window


def test_status_bar_position_follows_the_tab_shown(aligned_window: MainWindow) -> None:
    window = aligned_window
    label = window.passage_label
    count = window.compare.passage_count()
    assert count > 0
    window.compare.select_passage(count - 1)
    assert label.isVisible() and label.text() == f"Passage {count} of {count}"

    window.tabs.setCurrentIndex(TAB_MATRIX)
    assert label.isHidden(), "the matrix has no passage of its own to count"

    window.tabs.setCurrentIndex(TAB_FAMILIES)
    panel = window.families
    families = len(panel.family_ids())
    assert families > 1
    assert label.isVisible() and label.text() == f"{families} passage families"
    second = panel.family_ids()[1]
    panel.select_family(second)
    assert label.text() == f"Family 2 of {families}"
    panel.list.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # the family moves in the list
    assert label.text() == f"Family {panel.family_ids().index(second) + 1} of {families}"

    window.tabs.setCurrentIndex(TAB_COMPARE)
    assert label.isVisible() and label.text() == f"Passage {count} of {count}"


def test_a_small_window_gives_its_width_to_the_compare_panes(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    window = _small_window(qtbot, window_settings)
    with qtbot.waitSignal(window.alignment_finished, timeout=10000):
        window.open_paths(seed_paths)
    assert window.library_dock.width() <= DOCK_WIDTH + 10
    assert window.settings_dock.width() <= DOCK_WIDTH + 10
    panes = (window.compare.pane_a(), window.compare.pane_b())
    assert all(p.width() >= 280 for p in panes), [p.width() for p in panes]
    # The slider in the narrow settings dock keeps a usable length.
    assert window.settings_panel.sensitivity.width() >= SLIDER_MIN_WIDTH


def test_a_restored_dock_width_wins_over_the_default(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    window = _small_window(qtbot, window_settings)
    window.resizeDocks([window.library_dock], [380], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: abs(window.library_dock.width() - 380) <= 10, timeout=2000)
    window.save_state()
    window.close()

    again = MainWindow(window_settings)
    show_widget(qtbot, again, *SMALL)
    qtbot.waitUntil(lambda: abs(again.library_dock.width() - 380) <= 10, timeout=2000)


def test_pane_titles_elide_and_keep_the_whole_title_in_the_tooltip(qtbot) -> None:
    title = "Meta and Spotify chief executives criticise the European Union's rules on open AI models"
    label = ElidedLabel()
    show_widget(qtbot, label, 240, 30)
    label.set_full_text(title, " — Android Headlines")
    assert label.text() != label.full_text() and label.text().endswith("… — Android Headlines")
    assert html.escape(title) in label.toolTip()  # rich text: escaped, shown literally
    # Narrower than the outlet itself: the whole line is elided, never clipped.
    label.resize(90, 30)
    qtbot.waitUntil(lambda: label.width() == 90)
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert label.text().endswith("…")


def test_library_title_takes_the_spare_width(qtbot) -> None:
    model = ArticleModel()
    long_title = "Meta and Spotify CEOs criticize EU privacy rules restricting AI data training in Europe"
    model.add_articles(
        [
            article_from_text(f"{long_title}\n\nBody text of the first article.", outlet=""),
            article_from_text(
                "Second headline\n\nBody text of the second article.",
                outlet="The Very Long Name of a Regional Evening Newspaper",
            ),
        ]
    )
    panel = LibraryPanel(model)
    show_widget(qtbot, panel, 300, 300)
    view = panel.view()
    header = view.horizontalHeader()
    widths = {col: header.sectionSize(col) for col in range(model.columnCount())}
    title = widths.pop(ArticleModel.TITLE)
    assert all(title > other for other in widths.values()), (title, widths)
    assert widths[ArticleModel.OUTLET] <= OUTLET_SHARE * view.viewport().width() + 1
    assert model.index(0, ArticleModel.OUTLET).data() == "—", "no outlet: the title is not repeated"
    assert long_title in model.index(0, ArticleModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert view.rowHeight(0) >= 2 * view.fontMetrics().lineSpacing(), "a title gets two lines"
    # Room for the sort arrow goes to the sorted column only.
    words, shared = header.sectionSize(ArticleModel.WORDS), header.sectionSize(ArticleModel.SHARED)
    view.sortByColumn(ArticleModel.WORDS, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: header.sectionSize(ArticleModel.WORDS) > words, timeout=2000)
    assert header.sectionSize(ArticleModel.SHARED) == shared


def test_the_settings_slider_keeps_its_length_in_a_narrow_dock(qtbot) -> None:
    panel = SettingsPanel()
    show_widget(qtbot, panel, 260, 400)
    assert panel.sensitivity.width() >= SLIDER_MIN_WIDTH
