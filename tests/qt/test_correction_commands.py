"""CorrectionCommands: link, unlink and adjust passages of the pair, undone and redone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.engine.model import Source
from desktop.qt.main_window import MainWindow

# Two sample articles that share no passage (003 Android Headlines, 004).
QUIET_A, QUIET_B = "003_1224963540441f43", "004_e5475e00827047c2"
SENTENCE_A = "Well, Meta’s and Spotify’s CEOs are urging the EU to embrace open-source AI models."
SENTENCE_B = "Meta and Spotify CEOs criticize EU privacy rules restricting AI data training"


def _span(window: MainWindow, article_id: str, text: str) -> tuple[int, int]:
    article = window.session.article(article_id)
    assert article is not None
    start = article.text.index(text)
    return (start, start + len(text))


@pytest.fixture
def quiet_pair(qtbot, aligned_window: MainWindow) -> MainWindow:
    assert aligned_window.open_pair(QUIET_A, QUIET_B)
    assert aligned_window.session.pair_alignment().passages == ()
    return aligned_window


def test_link_adds_a_manual_passage_that_undo_and_redo_take_back_and_forth(
    qtbot, quiet_pair: MainWindow
) -> None:
    window = quiet_pair
    commands = window.corrections
    a_span, b_span = _span(window, QUIET_A, SENTENCE_A), _span(window, QUIET_B, SENTENCE_B)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=2000):
        assert commands.link(a_span, b_span) == ""
    passages = window.session.pair_alignment().passages
    assert [(p.a_span, p.b_span, p.source) for p in passages] == [(a_span, b_span, Source.MANUAL)]
    assert window.compare_tab.compare.passage_count() == 1
    assert commands.stack.undoText() == "Link Passage"
    commands.stack.undo()
    assert window.session.pair_alignment().passages == () and window.session.corrections() == ()
    commands.stack.redo()
    assert len(window.session.pair_alignment().passages) == 1


def test_link_without_a_selection_on_both_sides_says_why(quiet_pair: MainWindow) -> None:
    commands = quiet_pair.corrections
    assert "both articles" in commands.link(None, (0, 10))
    assert "words" in commands.link((0, 0), (0, 10))
    assert quiet_pair.session.corrections() == () and commands.stack.count() == 0


def test_unlink_removes_an_aligner_passage_and_a_manual_link_is_taken_back(
    qtbot, aligned_window: MainWindow
) -> None:
    window = aligned_window
    session, commands = window.session, window.corrections
    a, b = session.pair()
    before = session.pair_alignment().passages
    assert commands.unlink(0) == ""
    assert session.corrections()[-1].action.value == "unlink"
    assert before[0] not in session.pair_alignment().passages
    assert len(session.pair_alignment().passages) == len(before) - 1
    commands.stack.undo()
    assert session.pair_alignment().passages == before

    assert window.open_pair(QUIET_A, QUIET_B)
    commands.link(_span(window, QUIET_A, SENTENCE_A), _span(window, QUIET_B, SENTENCE_B))
    assert commands.unlink(0) == ""
    assert session.corrections() == (), "unlinking a hand-made link removes the link"
    assert "Select a passage" in commands.unlink(5)


def test_adjust_moves_a_passages_end(aligned_window: MainWindow) -> None:
    session, commands = aligned_window.session, aligned_window.corrections
    passage = session.pair_alignment().passages[0]
    shorter = (passage.a_start, passage.a_end - 12)
    assert commands.adjust(0, shorter, None) == ""
    first = session.pair_alignment().passages[0]
    assert first.manual and first.a_start == shorter[0] and first.a_end <= shorter[1]
    assert first.b_span == passage.b_span
    # Adjusting the hand-made passage again replaces its link rather than stacking more.
    count = len(session.corrections())
    assert commands.adjust(0, None, (passage.b_start, passage.b_end - 5)) == ""
    assert len(session.corrections()) == count
    assert "new extent" in commands.adjust(0, (0, 0), None) or commands.stack.count() == 2
    commands.stack.undo()
    commands.stack.undo()
    assert session.corrections() == ()


def test_corrections_survive_a_settings_change(qtbot, quiet_pair: MainWindow) -> None:
    window = quiet_pair
    a_span, b_span = _span(window, QUIET_A, SENTENCE_A), _span(window, QUIET_B, SENTENCE_B)
    window.corrections.link(a_span, b_span)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        window.settings_panel.min_words.setValue(30)
    passages = window.session.pair_alignment().passages
    assert window.session.alignment().settings.min_words == 30
    assert [(p.a_span, p.b_span, p.manual) for p in passages] == [(a_span, b_span, True)]


def test_the_window_marks_manual_passages(quiet_pair: MainWindow) -> None:
    window = quiet_pair
    window.corrections.link(_span(window, QUIET_A, SENTENCE_A), _span(window, QUIET_B, SENTENCE_B))
    compare = window.compare_tab.compare
    model = compare.passage_model()
    assert model.index(0, model.COL_KIND).data().endswith("✎")
    assert "Linked by hand" in model.index(0, model.COL_NUMBER).data(Qt.ItemDataRole.ToolTipRole)
    assert compare.pane_a().passages()[0].manual
    assert "linked by hand" in compare.pane_a().passage_tooltip(0)
    assert compare._legend._manual.isVisibleTo(compare), "the legend explains the mark"
    quiet_pair.corrections.stack.undo()
    assert not compare._legend._manual.isVisibleTo(compare)
