"""The window in a small screen: who gets the width, what the status bar says per tab."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QWidget

from desktop.engine.load.articles import article_from_text
from desktop.qt.article_model import ArticleModel
from desktop.qt.library import OUTLET_SHARE, LibraryPanel
from desktop.qt.main_window import DOCK_WIDTH, TAB_COMPARE, TAB_FAMILIES, TAB_MATRIX, MainWindow
from desktop.qt.pair_picker import ElidingComboBox, PairPicker
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


class _LabelRecorder(QProxyStyle):
    """Records the text a combo box asks the style to paint as its label."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []

    def drawControl(self, element, option, painter, widget=None) -> None:  # noqa: ANN001
        if element == QStyle.ControlElement.CE_ComboBoxLabel:
            self.labels.append(option.currentText)
        super().drawControl(element, option, painter, widget)


def _painted_label(combo: ElidingComboBox, style: _LabelRecorder) -> str:
    style.labels.clear()
    combo.grab()  # paints the box, as on screen
    assert style.labels, "the combo box painted no label"
    return style.labels[-1]


def test_pair_picker_elides_long_labels_and_tooltips_the_whole(qtbot) -> None:
    title = (
        "Meta and Spotify chief executives criticise the <b>European Union</b>'s rules "
        "on open artificial intelligence models, saying Europe will fall behind"
    )
    articles = [
        article_from_text(f"{title}\n\nBody of the first.", outlet="Android Headlines", article_id="a"),
        article_from_text("Short one\n\nBody of the second.", outlet="Wire", article_id="b"),
    ]
    picker = PairPicker()
    show_widget(qtbot, picker, 640, 40)
    picker.set_articles(articles)
    picker.set_pair("a", "b")
    combo = picker.combo_a
    recorder = _LabelRecorder()
    combo.setStyle(recorder)

    painted = _painted_label(combo, recorder)
    assert painted.endswith("…") and painted.startswith("Android Headlines — Meta")
    assert combo.fontMetrics().horizontalAdvance(painted) < combo.width()
    assert painted == combo.displayed_text()
    # The whole label, title uncut and shown literally, is in the tooltip.
    assert "Android Headlines — " + html.escape(" ".join(title.split())) in combo.toolTip()
    assert "<b>European" not in combo.toolTip()
    assert picker.combo_b.toolTip().endswith("Wire — Short one</p>")

    # With room to spare nothing is cut, and the label never runs past the box.
    picker.resize(1800, 40)
    qtbot.waitUntil(lambda: combo.width() > 800, timeout=2000)
    painted = _painted_label(combo, recorder)
    assert painted == combo.currentText(), "the item text (title capped for the list) is shown whole"
    picker.resize(300, 40)
    qtbot.waitUntil(lambda: combo.width() < 400, timeout=2000)
    painted = _painted_label(combo, recorder)
    assert painted.endswith("…")
    assert combo.fontMetrics().horizontalAdvance(painted) < combo.width()


def test_the_small_window_elides_the_pair_labels(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    window = _small_window(qtbot, window_settings)
    with qtbot.waitSignal(window.alignment_finished, timeout=10000):
        window.open_paths(seed_paths)
    elided = 0
    for combo in (window.picker.combo_a, window.picker.combo_b):
        shown = combo.displayed_text()
        metrics = combo.fontMetrics()
        assert metrics.horizontalAdvance(shown) < combo.width() - 20, "the arrow stays clear"
        if metrics.horizontalAdvance(combo.currentText()) >= combo.width() - 20:
            assert shown.endswith("…") and shown != combo.currentText()
            elided += 1
    assert elided, "in the small window at least one label is too long, so eliding is tested"


def test_families_passage_column_takes_the_spare_width(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    window = _small_window(qtbot, window_settings)
    with qtbot.waitSignal(window.alignment_finished, timeout=10000):
        window.open_paths(seed_paths)
    window.tabs.setCurrentIndex(TAB_FAMILIES)
    panel = window.families
    assert panel.list.topLevelItemCount() > 0
    qtbot.waitUntil(lambda: panel.list.isVisible(), timeout=2000)
    header = panel.list.header()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    for column in (1, 2):
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.ResizeToContents
        # Sized to contents: the counts and reuse kinds are never cut.
        assert header.sectionSize(column) >= panel.list.sizeHintForColumn(column)
    passage = header.sectionSize(0)
    assert passage >= 180, passage
    assert passage > header.sectionSize(1) + header.sectionSize(2)
    assert passage + header.sectionSize(1) + header.sectionSize(2) == panel.list.viewport().width()
