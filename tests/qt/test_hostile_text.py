"""Text that arrives damaged or hostile, as the window shows it: a decoding warning in the
article list, right-to-left controls kept inside the names they are in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from desktop.engine.load.articles import article_from_text
from desktop.qt.article_model import ArticleModel, warning_icon
from desktop.qt.main_window import MainWindow


def test_damaged_utf8_is_flagged_in_the_article_list(
    qtbot, main_window: MainWindow, seed_paths: list[Path], tmp_path: Path
) -> None:
    data = seed_paths[0].read_bytes()
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data.replace(b"Europe", b"Eur\xffope", 1))
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.open_paths([damaged, seed_paths[1]])
    model = main_window.article_model
    tooltip = model.index(0, ArticleModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "warning: 1 byte that is not valid UTF-8 replaced by" in tooltip
    icon = model.index(0, ArticleModel.TITLE).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    other = model.index(1, ArticleModel.TITLE).data(Qt.ItemDataRole.DecorationRole)  # its A/B badge
    assert other is None or other.cacheKey() != warning_icon().cacheKey()


RLO, FSI, PDI, PDF = "\u202e", "\u2068", "\u2069", "\u202c"


def test_right_to_left_controls_stay_inside_names(
    qtbot, main_window: MainWindow, seed_paths: list[Path]
) -> None:
    a = article_from_text(seed_paths[0].read_text("utf-8"), title=f"Rules {RLO}on AI", outlet=f"Reuters{RLO}")
    b = article_from_text(seed_paths[1].read_text("utf-8"), title="AI rules", outlet="Associated Press")
    with qtbot.waitSignal(main_window.session.alignment_finished, timeout=10000):
        main_window.session.add_articles([a, b])
    main_window.session.set_pair(a.id, b.id)
    assert RLO not in main_window.windowTitle() and "Rules on AI ↔ AI rules" in main_window.windowTitle()
    combo = main_window.compare_tab.picker.combo_a
    items = [combo.itemText(i) for i in range(combo.count())]
    assert f"{FSI}Reuters{RLO}{PDF}{PDI} — {FSI}Rules {RLO}on AI{PDF}{PDI}" in items
    assert "Associated Press — AI rules" in items, "left-to-right names are left as they are"
    model = main_window.article_model
    row = model.row_of(a.id)
    assert model.index(row, ArticleModel.TITLE).data() == f"{FSI}Rules {RLO}on AI{PDF}{PDI}"
    assert model.index(row, ArticleModel.OUTLET).data() == f"{FSI}Reuters{RLO}{PDF}{PDI}"
    assert model.index(row, ArticleModel.OUTLET).data(Qt.ItemDataRole.EditRole) == f"Reuters{RLO}"
