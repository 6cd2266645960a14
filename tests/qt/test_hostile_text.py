"""Text that arrives damaged or hostile, as the window shows it: a decoding warning in the
article list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from desktop.qt.article_model import ArticleModel
from desktop.qt.main_window import MainWindow


def test_damaged_utf8_is_flagged_in_the_article_list(
    qtbot, main_window: MainWindow, seed_paths: list[Path], tmp_path: Path
) -> None:
    data = seed_paths[0].read_bytes()
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data.replace(b"Europe", b"Eur\xffope", 1))
    with qtbot.waitSignal(main_window.alignment_finished, timeout=10000):
        main_window.open_paths([damaged, seed_paths[1]])
    model = main_window.articles
    tooltip = model.index(0, ArticleModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "warning: 1 byte that is not valid UTF-8 replaced by" in tooltip
    icon = model.index(0, ArticleModel.TITLE).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert model.index(1, ArticleModel.TITLE).data(Qt.ItemDataRole.DecorationRole) is None
