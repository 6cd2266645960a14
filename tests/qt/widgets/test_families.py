"""FamiliesPanel: the list of passage families and the stacked versions of the one selected."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QHeaderView, QLabel

from desktop.engine.align.worddiff import word_diff
from desktop.engine.marking import member_diff
from desktop.engine.model import Kind, Op
from desktop.qt.main_tabs import TAB_FAMILIES
from desktop.qt.main_window import MainWindow
from desktop.qt.widgets.highlight import WORD_PROPERTY
from tests.qt.helpers import small_window


def _version_line(panel, version) -> tuple[str, list[str], list[str]]:
    """The text line of a version: (kept text, deleted pieces, inserted pieces)."""
    line = panel.versions.document().findBlockByNumber(version.first_block + 1)
    kept: list[str] = []
    deleted: list[str] = []
    inserted: list[str] = []
    it = line.begin()
    while not it.atEnd():
        fragment = it.fragment()
        mark = fragment.charFormat().property(WORD_PROPERTY)
        if mark == Op.DELETE.value:
            deleted.append(fragment.text())
        else:
            kept.append(fragment.text())
            if mark == Op.INSERT.value:
                inserted.append(fragment.text())
        it += 1
    return "".join(kept), deleted, inserted


def _squeezed(pieces: Iterable[str]) -> str:
    """Text pieces run together without white space (spacing between marks may differ)."""
    return "".join("".join(pieces).split())


def test_families_panel_lists_families_and_stacks_versions(aligned_window: MainWindow) -> None:
    window = aligned_window
    window.tabs.setCurrentIndex(TAB_FAMILIES)
    panel = window.tabs.families
    corpus = window.session.alignment()
    assert sorted(panel.family_ids()) == sorted(f.id for f in corpus.families)
    counts = [int(panel.model.index(i, 1).data()) for i in range(panel.model.rowCount())]
    assert counts == sorted(counts, reverse=True), "the most widely carried families come first"
    any_inserted = False
    for family in corpus.families:
        assert panel.select_family(family.id)
        assert panel.current_family() == family
        blocks = panel.version_blocks()
        assert len(blocks) == len(family.members)
        assert blocks[0].member == family.central_member
        assert "central version" in panel.versions.document().findBlockByNumber(0).text()
        for version in blocks:
            article = corpus.article(version.member.article)
            kept, deleted, inserted = _version_line(panel, version)
            own = " ".join(article.text[version.member.start : version.member.end].split())
            assert " ".join(kept.split()) == own, "each version shows its own text, word for word"
            if version.member == family.central_member:
                assert deleted == [] and inserted == []
            any_inserted = any_inserted or bool(inserted)
    assert any_inserted, "an edited version highlights its own words"


def test_the_first_family_listed_is_shown_when_none_was_selected(aligned_window: MainWindow) -> None:
    panel = aligned_window.tabs.families
    first = panel.family_ids()[0]
    assert panel.current_family() is not None and panel.current_family().id == first
    assert panel.version_blocks(), "its versions fill the pane instead of a blank half-window"


def test_family_versions_show_shared_words_unmarked(aligned_window: MainWindow) -> None:
    """Each version marks exactly what the engine keeps (member_diff): its shared words stay plain,
    paraphrases show no struck-through central words, loose paraphrases no marks at all."""
    window = aligned_window
    panel = window.tabs.families
    corpus = window.session.alignment()
    paraphrase_with_shared_words = False
    for family in corpus.families:
        panel.select_family(family.id)
        central = family.central_member
        central_text = corpus.article(central.article).text
        for version in panel.version_blocks()[1:]:
            m = version.member
            text = corpus.article(m.article).text
            assert m.diff == word_diff(
                central_text, central.start, central.end, text, m.start, m.end, corpus.settings
            )
            shown = member_diff(m, central_text, text)
            kept, deleted, inserted = _version_line(panel, version)
            assert _squeezed(inserted) == _squeezed(
                text[o.b_start : o.b_end] for o in shown if o.op is Op.INSERT
            )
            assert _squeezed(deleted) == _squeezed(
                central_text[o.a_start : o.a_end] for o in shown if o.op is Op.DELETE
            )
            if m.kind is Kind.PARAPHRASE:
                assert deleted == []
                equal = [o for o in shown if o.op is Op.EQUAL]
                paraphrase_with_shared_words |= bool(equal) and bool(inserted)
    assert paraphrase_with_shared_words, "a close paraphrase shows its shared words as unchanged"


def test_families_passage_column_takes_the_spare_width(
    qtbot, window_settings: QSettings, seed_paths: list[Path]
) -> None:
    window = small_window(qtbot, window_settings)
    with qtbot.waitSignal(window.session.alignment_finished, timeout=10000):
        window.open_paths(seed_paths)
    window.tabs.setCurrentIndex(TAB_FAMILIES)
    panel = window.tabs.families
    assert panel.model.rowCount() > 0
    qtbot.waitUntil(lambda: panel.list.isVisible(), timeout=2000)
    header = panel.list.header()
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    for column in (1, 2):
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
        # Sized to contents: the counts and reuse kinds are never cut, on screen or not.
        assert header.sectionSize(column) >= panel.list.sizeHintForColumn(column)
        assert header.sectionSize(column) >= header.sectionSizeFromContents(column).width()
        metrics = panel.list.fontMetrics()
        widest = max(metrics.horizontalAdvance(r.texts[column]) for r in panel.model.rows())
        assert header.sectionSize(column) > widest
    passage = header.sectionSize(0)
    assert passage >= 180, passage
    assert passage > header.sectionSize(1) + header.sectionSize(2)
    assert passage + header.sectionSize(1) + header.sectionSize(2) == panel.list.viewport().width()


def test_a_legend_under_the_versions_names_their_marks(aligned_window: MainWindow) -> None:
    window = aligned_window
    window.tabs.setCurrentWidget(window.tabs.families)
    legend = window.tabs.families.legend
    assert legend.isVisible()
    words = " ".join(label.text() for label in legend.findChildren(QLabel))
    assert "struck" in words and "underlined" in words and "paraphrases unmarked" in words
    versions = window.tabs.families.versions
    assert legend.geometry().top() >= versions.geometry().bottom()  # under the versions, not over them
