"""The main window driven like a user would: open, align, pick a pair, follow a family, tune;
what the title and the status bar say meanwhile.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.engine.align.corpus import align_corpus
from desktop.engine.load.articles import article_from_text
from desktop.engine.model import CorpusAlignment, Settings
from desktop.qt.article_model import ArticleModel
from desktop.qt.main_tabs import TAB_COMPARE, TAB_FAMILIES, TAB_MATRIX, TAB_QUOTES
from desktop.qt.main_window import DOCK_WIDTH, MainWindow
from desktop.qt.settings_panel import SLIDER_MIN_WIDTH
from desktop.qt.widgets.highlight import PASSAGE_PROPERTY, WORD_PROPERTY
from desktop.qt.workers import MODEL_LOADING
from tests.qt.helpers import richest_pair, small_window, wait_for_overview


def _articles(seed_paths: list[Path], n: int = 2):
    return [article_from_text(p.read_text("utf-8"), article_id=p.stem) for p in seed_paths[:n]]


@pytest.fixture
def blocked_loader():
    """A model loader that holds the job until the test releases it."""
    release = threading.Event()
    started = threading.Event()

    def loader(settings: Settings, announce) -> None:
        announce(MODEL_LOADING)
        started.set()
        release.wait(5)

    yield loader, started, release
    release.set()


def test_opening_the_samples_aligns_them_and_shows_a_pair(aligned_window: MainWindow) -> None:
    window = aligned_window
    assert len(window.session.articles()) == 5
    a, b = window.session.pair()
    alignment = window.session.pair_alignment()
    assert alignment is not None and alignment.passages, "the pair chosen first shares passages"
    assert window.compare_tab.compare.passage_count() == len(alignment.passages)
    title_a = window.session.article(a).title
    assert window.windowTitle().endswith("— Syndiff")
    assert "↔" in window.windowTitle() and title_a[:20] in window.windowTitle()
    assert f"{len(alignment.passages)} shared passage" in window.compare_tab.summary.text()
    assert f"{alignment.shared_a:.0%}" in window.compare_tab.summary.text()
    shared_column = [window.article_model.index(r, 3).data() for r in range(5)]
    assert all(v.endswith("%") for v in shared_column)
    assert window.compare_tab.picker.pair() == (a, b)


def test_passages_and_changed_words_are_highlighted(aligned_window: MainWindow) -> None:
    window = aligned_window
    window.session.set_pair(*richest_pair(window))
    alignment = window.session.pair_alignment()
    selections = window.compare_tab.compare.pane_a().extraSelections()
    marked = {
        s.format.property(PASSAGE_PROPERTY) for s in selections if s.format.hasProperty(PASSAGE_PROPERTY)
    }
    assert marked == set(range(len(alignment.passages)))
    pane_a = window.compare_tab.compare.pane_a()
    first = alignment.passages[0]
    hits = [
        s
        for s in selections
        if s.format.property(PASSAGE_PROPERTY) == 0
        and pane_a.to_qt(first.a_start) <= s.cursor.selectionStart() < pane_a.to_qt(first.a_end)
    ]
    assert hits, "the first passage's text carries its passage mark"
    has_deletes = any(d.op.value == "delete" for p in alignment.passages for d in p.diff)
    deleted = [s for s in selections if s.format.property(WORD_PROPERTY) == "delete"]
    assert bool(deleted) == has_deletes


def test_clicking_a_passage_brings_its_counterpart_into_view(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.resize(1000, 560)  # short panes, so a counterpart can be out of sight
    window.session.set_pair(*richest_pair(window))
    window.menu_actions.sync_scroll.setChecked(False)  # only the selection may move B
    alignment = window.session.pair_alignment()
    index = max(range(len(alignment.passages)), key=lambda n: alignment.passages[n].b_start)
    passage = alignment.passages[index]
    pane_a, pane_b = window.compare_tab.compare.pane_a(), window.compare_tab.compare.pane_b()
    pane_a.ensure_span_visible(passage.a_start, passage.a_end)
    bar = pane_b.verticalScrollBar()

    def counterpart_visible() -> bool:
        top, bottom = pane_b.span_y(passage.b_start, passage.b_end)
        return bottom > 0 and top < pane_b.viewport().height()

    # Scroll B to where the counterpart is out of sight.
    for value in (bar.minimum(), bar.maximum()):
        bar.setValue(value)
        if not counterpart_visible():
            break
    assert not counterpart_visible(), "B scrolls far enough to hide the counterpart"
    geometry = pane_a.geometry_at(passage.a_start + 3)
    point = QPoint(int(geometry.x) + 2, int(geometry.top + geometry.height / 2))
    QTest.mouseClick(pane_a.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert window.compare_tab.compare.current_passage() == index
    top, _ = pane_b.span_y(passage.b_start, passage.b_end)
    assert 0 <= top < pane_b.viewport().height()
    assert window.passage_label.text() == f"Passage {index + 1} of {len(alignment.passages)}"


def test_changing_a_setting_realigns_in_background_and_is_remembered(
    qtbot, aligned_window: MainWindow, window_settings: QSettings
) -> None:
    window = aligned_window
    before = window.session.generation()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000) as blocker:
        window.settings_panel.min_words.setValue(40)
        window.settings_panel.ignore_punctuation.setChecked(True)
    generation, corpus = blocker.args
    assert generation > before
    assert corpus.settings.min_words == 40 and corpus.settings.ignore_punctuation
    assert all(
        min(p.a_end - p.a_start, p.b_end - p.b_start) > 0 for pair in corpus.pairs for p in pair.passages
    )
    assert window.session.alignment().settings == window.session.settings()
    window_settings.sync()
    reread = QSettings(window_settings.fileName(), QSettings.Format.IniFormat)
    assert int(reread.value("alignment/min_words")) == 40
    assert str(reread.value("alignment/ignore_punctuation")).lower() == "true"


def test_markup_in_an_article_is_shown_literally(qtbot, main_window: MainWindow, seed_paths) -> None:
    hostile = "Breaking <b>bold</b><script>x</script> news & more\n\n" + seed_paths[0].read_text("utf-8")
    article = article_from_text(hostile, title="<b>bold</b><script>x</script>", outlet="<i>Evil</i>")
    other = article_from_text(seed_paths[1].read_text("utf-8"), outlet="Other")
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.session.add_articles([article, other])
    main_window.session.set_pair(article.id, other.id)
    assert "<b>bold</b><script>x</script>" in main_window.compare_tab.compare.pane_a().toPlainText()
    assert "<b>bold</b><script>x</script>" in main_window.windowTitle()
    assert (
        "<i>Evil</i>" in main_window.compare_tab.summary.text()
        or main_window.compare_tab.summary.textFormat() == Qt.TextFormat.PlainText
    )
    tooltip = main_window.article_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<script>" not in tooltip and "&lt;script&gt;" in tooltip


def test_dropping_files_on_the_window_opens_them(qtbot, main_window: MainWindow, seed_paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in seed_paths[:2]])
    event = QDropEvent(
        QPoint(10, 10).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.dropEvent(event)
    assert [a.path for a in main_window.session.articles()] == [str(p) for p in seed_paths[:2]]
    assert main_window.session.pair() is not None
    assert main_window.files.recent_files()[:2] == [str(p) for p in reversed(seed_paths[:2])]


def test_compare_tab_and_remove_article(aligned_window: MainWindow, qtbot) -> None:
    window = aligned_window
    a, b = window.session.pair()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000) as blocker:
        window.session.remove_articles([a])
    corpus: CorpusAlignment = blocker.args[1]
    assert a not in [x.id for x in corpus.articles]
    assert window.session.pair() is not None and a not in window.session.pair()
    assert window.tabs.currentIndex() == TAB_COMPARE
    # The overview shows the alignment in force: never the closed article.
    wait_for_overview(qtbot, window)
    assert window.tabs.matrix.article_ids() == window.session.article_ids()


def test_alignment_failure_is_reported(qtbot, window_settings: QSettings, warnings) -> None:
    def broken(articles, settings, *, progress, cancelled):
        raise RuntimeError("index out of range")

    window = MainWindow(window_settings, align=broken)
    qtbot.addWidget(window)
    window.session.add_articles([article_from_text("One article body.", article_id="x")])
    qtbot.waitUntil(lambda: bool(warnings), timeout=5000)
    assert warnings[0][0] == "Alignment failed" and "index out of range" in warnings[0][1]
    assert not window.progress.isVisible()


def test_the_window_says_it_is_loading_the_model(
    qtbot, window_settings: QSettings, seed_paths: list[Path], blocked_loader
) -> None:
    loader, started, release = blocked_loader
    window = MainWindow(window_settings, load_model=loader)
    qtbot.addWidget(window)
    window.show()
    window.session.add_articles(_articles(seed_paths))
    qtbot.waitUntil(started.is_set, timeout=5000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == MODEL_LOADING, timeout=2000)
    assert window.progress.isVisible()
    assert window.progress.maximum() == 0, "no fraction to show: the bar runs as busy"
    # While the pair is being aligned there is no passage count to give yet.
    assert window.passage_label.text() == "" and window.passage_label.isHidden()
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        release.set()
    assert window.progress.maximum() == 100 and window.progress.isHidden()
    assert window.statusBar().currentMessage().startswith("Aligned 2 articles")
    assert window.passage_label.text().startswith(("Passage", "No shared passages"))


def test_without_a_slow_step_the_status_only_says_aligning(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    messages: list[str] = []
    release = threading.Event()

    def align(articles, settings, *, progress, cancelled):
        release.wait(5)
        return align_corpus(articles, settings)

    window = MainWindow(window_settings, align=align, load_model=None)
    qtbot.addWidget(window)
    window.statusBar().messageChanged.connect(messages.append)
    window.session.add_articles(_articles(seed_paths))
    qtbot.waitUntil(
        lambda: window.session.scheduler.is_busy() and window.progress.maximum() == 100, timeout=2000
    )
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        release.set()
    assert MODEL_LOADING not in messages


def test_renaming_an_outlet_updates_every_view_without_realigning(aligned_window: MainWindow, qtbot) -> None:
    window = aligned_window
    a, _b = window.session.pair()
    generation = window.session.scheduler.generation
    row = window.article_model.row_of(a)
    assert window.article_model.setData(window.article_model.index(row, ArticleModel.OUTLET), "  Reuters  ")
    assert window.session.article(a).outlet == "Reuters"
    assert window.session.alignment().article(a).outlet == "Reuters"
    assert window.compare_tab.picker.combo_a.currentText().startswith("Reuters — ")
    assert "Reuters" in window.compare_tab.summary.text()
    wait_for_overview(qtbot, window)
    assert window.tabs.matrix.value(0, 0) is None
    assert any("Reuters" in label for label in window.tabs.matrix._labels)
    assert window.session.scheduler.generation == generation, "a new label does not need a new alignment"


def test_clicking_a_matrix_cell_opens_that_pair(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.tabs.setCurrentIndex(TAB_MATRIX)
    matrix = window.tabs.matrix
    ids = matrix.article_ids()
    row, col = 3, 1
    with qtbot.waitSignal(matrix.pair_activated) as blocker:
        QTest.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_rect(row, col).center())
    assert blocker.args == [ids[row], ids[col]]
    assert window.session.pair() == (ids[row], ids[col])
    assert window.tabs.currentIndex() == TAB_COMPARE
    assert window.compare_tab.compare.passage_count() == len(
        window.session.alignment().pair(ids[row], ids[col]).passages
    )


def test_activating_a_version_opens_a_pair_with_it_and_scrolls_to_it(
    qtbot, aligned_window: MainWindow
) -> None:
    window = aligned_window
    window.tabs.setCurrentIndex(TAB_FAMILIES)
    panel = window.tabs.families
    corpus = window.session.alignment()
    a, b = window.session.pair()
    family = next(f for f in corpus.families if any(m.article not in (a, b) for m in f.members))
    panel.select_family(family.id)
    index, version = next(
        (n, v) for n, v in enumerate(panel.version_blocks()) if v.member.article not in (a, b)
    )
    with qtbot.waitSignal(panel.version_activated) as blocker:
        cursor = QTextCursor(panel.versions.document().findBlockByNumber(version.first_block + 1))
        panel.versions.setTextCursor(cursor)
        panel.versions.setFocus()
        QTest.keyClick(panel.versions, Qt.Key.Key_Return)
    member = version.member
    assert blocker.args == [member.article, member.start, member.end]
    assert window.tabs.currentIndex() == TAB_COMPARE
    assert member.article in window.session.pair()
    side = (
        window.compare_tab.compare.pane_a()
        if window.session.pair()[0] == member.article
        else window.compare_tab.compare.pane_b()
    )
    selected = side.textCursor()
    assert selected.selectionStart() == side.to_qt(member.start)
    top, _ = side.span_y(member.start, member.end)
    assert 0 <= top < side.viewport().height()
    assert index >= 0


def test_status_bar_position_follows_the_tab_shown(aligned_window: MainWindow) -> None:
    window = aligned_window
    label = window.passage_label
    count = window.compare_tab.compare.passage_count()
    assert count > 0
    window.compare_tab.compare.select_passage(count - 1)
    assert label.isVisible() and label.text() == f"Passage {count} of {count}"

    window.tabs.setCurrentIndex(TAB_MATRIX)
    assert label.isHidden(), "the matrix has no passage of its own to count"

    window.tabs.setCurrentIndex(TAB_FAMILIES)
    panel = window.tabs.families
    families = len(panel.family_ids())
    assert families > 1
    assert label.isVisible() and label.text() == f"Family 1 of {families}", "the first is shown"
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
    window = small_window(qtbot, window_settings)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        window.open_paths(seed_paths)
    assert window.library_dock.width() <= DOCK_WIDTH + 10
    assert window.settings_dock.width() <= DOCK_WIDTH + 10
    panes = (window.compare_tab.compare.pane_a(), window.compare_tab.compare.pane_b())
    assert all(p.width() >= 280 for p in panes), [p.width() for p in panes]
    # The slider in the narrow settings dock keeps a usable length.
    assert window.settings_panel.sensitivity.width() >= SLIDER_MIN_WIDTH


# --------------------------------------------------------------------------- keyboard


def _tab_walk(qtbot, window: MainWindow, key: Qt.Key, presses: int) -> list[object]:
    from PySide6.QtWidgets import QApplication

    seen = []
    for _ in range(presses):
        focus = QApplication.focusWidget()
        seen.append(focus)
        QTest.keyClick(focus, key)
    return seen


def test_tab_goes_through_every_control_and_shift_tab_back(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    settings, picker = window.settings_panel, window.compare_tab.picker
    compare = window.compare_tab.compare
    expected = [
        window.library.view(),
        settings.sensitivity,
        settings.min_words,
        settings.ignore_case,
        settings.ignore_punctuation,
        settings.ignore_typography,
        *([settings.use_embeddings] if settings.use_embeddings.isEnabled() else []),
        settings.reset,
        window.tabs.tabBar(),
        picker.combo_a,
        picker.swap,
        picker.combo_b,
        compare.pane_a(),
        compare.pane_b(),
        *(b for b in compare.change_filter().buttons().values() if b.isVisible() and b.isEnabled()),
        window.compare_tab.passage_table,
    ]
    window.library.view().setFocus()
    shown = _tab_walk(qtbot, window, Qt.Key.Key_Tab, len(expected) + 1)
    assert shown == [*expected, expected[0]], "round the window once, out of the article list"
    window.library.view().setFocus()
    back = _tab_walk(qtbot, window, Qt.Key.Key_Backtab, len(expected) + 1)
    assert back == [expected[0], *reversed(expected)]


def test_the_open_find_bar_is_in_the_tab_order(qtbot, aligned_window: MainWindow) -> None:
    window = aligned_window
    window.compare_tab.open_find()
    window.compare_tab.passage_table.setFocus()
    after_table = _tab_walk(qtbot, window, Qt.Key.Key_Tab, 3)[1:]
    assert after_table == [window.compare_tab.find_bar.edit, window.compare_tab.find_bar.previous]


def test_stepping_round_the_end_says_it_wrapped(aligned_window: MainWindow) -> None:
    window = aligned_window
    window.session.set_pair(*richest_pair(window))
    compare = window.compare_tab.compare
    count = compare.passage_count()
    assert count >= 2
    compare.select_passage(0)
    compare.pane_a().setFocus()
    for _ in range(count - 1):
        window.menu_actions.next_passage.trigger()
        assert "Wrapped" not in window.statusBar().currentMessage()
    window.menu_actions.next_passage.trigger()
    assert window.statusBar().currentMessage() == "Wrapped to the first passage"
    window.menu_actions.previous_passage.trigger()
    assert window.statusBar().currentMessage() == "Wrapped to the last passage"


def test_the_matrix_message_goes_when_the_matrix_does(aligned_window: MainWindow) -> None:
    window = aligned_window
    window.tabs.setCurrentIndex(TAB_MATRIX)
    matrix = window.tabs.matrix
    matrix.setFocus()
    QTest.keyClick(matrix, Qt.Key.Key_Right)
    said = window.statusBar().currentMessage()
    assert said
    window.tabs.setCurrentIndex(TAB_COMPARE)
    assert window.statusBar().currentMessage() != said


def test_the_first_result_draws_the_pair_it_chose_once(qtbot, main_window, seed_paths, monkeypatch) -> None:
    """The session picks the richest pair before it announces the result, then says the
    pair changed: the compare view was filled twice with the same pair and passages."""
    from desktop.qt.widgets.compare import CompareView

    drawn: list[tuple[str, str, object]] = []  # each pair drawn, with the alignment it showed
    set_pair = CompareView.set_pair

    def counting(self, a, b, alignment, **kwargs):  # noqa: ANN001 - CompareView's signature
        drawn.append((a.id, b.id, alignment))
        return set_pair(self, a, b, alignment, **kwargs)

    monkeypatch.setattr(CompareView, "set_pair", counting)
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.open_paths(seed_paths)
    QApplication.processEvents()
    pair, shown = main_window.session.pair(), main_window.session.pair_alignment()
    assert pair is not None and shown is not None

    def times_drawn() -> int:
        return sum(1 for a, b, alignment in drawn if (a, b) == pair and alignment is shown)

    assert times_drawn() == 1, drawn
    # Asking for the pair on screen again still shows it again (brings its passage back).
    main_window.compare_tab.choose_pair(*pair)
    assert times_drawn() == 2


def test_the_overview_tabs_refresh_the_one_on_screen_first(aligned_window: MainWindow, qtbot) -> None:
    # A large set's lists take tens of milliseconds each: the tab on screen is refreshed
    # with the result, the others one per turn of the event loop, or when brought up.
    window = aligned_window
    window.tabs.setCurrentIndex(TAB_FAMILIES)
    first = window.session.alignment()
    assert window.tabs.families._corpus is first
    a = window.session.articles()[0]
    window.session.set_outlet(a.id, "Wire One")  # a new labelled alignment, no new job
    relabelled = window.session.alignment()
    assert relabelled is not first
    assert window.overview_pending(), "the tabs not on screen wait for the event loop"
    assert window.tabs.families._corpus is relabelled, "the tab on screen shows it at once"
    assert window.tabs.quotes._corpus is first
    window.tabs.setCurrentIndex(TAB_QUOTES)
    assert window.tabs.quotes._corpus is relabelled, "a tab brought up is refreshed before it shows"
    window.session.set_outlet(a.id, "Wire Two")  # newer still: the refreshes still to come follow it
    newest = window.session.alignment()
    wait_for_overview(qtbot, window)
    assert window.tabs.families._corpus is newest and window.tabs.quotes._corpus is newest
    assert any("Wire Two" in label for label in window.tabs.matrix._labels)
    assert not any("Wire One" in label for label in window.tabs.matrix._labels)
