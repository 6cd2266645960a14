"""Getting articles in and results out: open, paste, recent files, and the exports.

Every failure ends in a message box that names the file and the reason; loading
continues with the files that work. Exports are written atomically.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QEventLoop,
    QMimeData,
    QObject,
    QRunnable,
    QSettings,
    QStandardPaths,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QStatusBar, QWidget

from desktop.engine.bidi import strip_bidi_controls
from desktop.engine.collector import collector_paused
from desktop.engine.export.json_report import alignment_json, json_text, let_go
from desktop.engine.export.output import OutputError, write_output
from desktop.engine.load.articles import ArticleError, load_articles
from desktop.engine.model import Article, CorpusAlignment
from desktop.paths import seed_files
from desktop.qt.dialogs import NewArticleDialog
from desktop.qt.session import Session
from desktop.qt.stored_values import stored_bool
from desktop.qt.widgets.labels import article_label

MAX_RECENT = 10
MAX_ERRORS_LISTED = 12
ARTICLE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"
PAIR_FULL_FILTER = "HTML page, both articles in full (*.html *.htm)"
PAIR_CHANGES_FILTER = "HTML page, changes only: the shared passages side by side (*.html *.htm)"
JSON_ALL_FILTER = "JSON, every pair of articles (*.json)"
JSON_SHARED_FILTER = "JSON, only the pairs that share passages (*.json)"
_RECENT_KEY = "recent/files"
_CHANGES_ONLY_KEY = "export/pair_changes_only"
_JSON_SHARED_KEY = "export/json_shared_only"
_OPEN_DIR_KEY = "paths/open_dir"
_EXPORT_DIR_KEY = "paths/export_dir"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def dropped_paths(mime: QMimeData) -> list[str]:
    """Local files and folders in a drag (web links and text are not articles)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


def safe_file_name(name: str, fallback: str = "syndiff") -> str:
    """``name`` usable as a file name on every platform (without bidi controls: an override
    in an outlet name could make the name read as something other than it is)."""
    cleaned = _UNSAFE.sub(" ", strip_bidi_controls(name)).strip(" .")
    return " ".join(cleaned.split())[:80] or fallback


def _string_list(value: object) -> list[str]:
    # QSettings hands back a lone string for a one-element list in INI files.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


BACKGROUND_FILES = 40
"""Opening more files than this (a folder counts its files) reads them off the GUI thread."""
OPENING = "Opening {count} files…"


def _file_count(names: Sequence[str]) -> int:
    """How many files ``names`` stand for (a folder: the entries in it); cheap, no reading."""
    count = 0
    for name in names:
        try:
            count += sum(1 for _ in os.scandir(name)) if os.path.isdir(name) else 1
        except OSError:
            count += 1
    return count


def _load(names: list[str]) -> tuple[list[Article], list[ArticleError]]:
    try:
        return load_articles(names)
    except Exception as err:  # noqa: BLE001 - whatever happens, a message instead of a traceback
        return [], [ArticleError(f"cannot read ({err.__class__.__name__}: {err})")]


class _LoadSignals(QObject):
    done = Signal(object, object, object, object)  # these signals, names, articles, errors


class _LoadJob(QRunnable):
    """Reads files on a pool thread; its signals reach the GUI thread queued.

    The pool deletes the job when it has run; its signals object is kept by FileCommands
    until it has reported back.
    """

    def __init__(self, names: list[str], signals: _LoadSignals) -> None:
        super().__init__()
        self.names = names
        self.signals = signals

    def run(self) -> None:  # runs on a pool thread
        articles, errors = _load(self.names)
        with contextlib.suppress(RuntimeError):  # the window (and the receiver) already gone
            self.signals.done.emit(self.signals, self.names, articles, errors)


BACKGROUND_EXPORT = 40
"""Exporting a set of more articles than this is done off the GUI thread: the corpus
report or the JSON of 500 articles takes seconds to write."""
EXPORTING = "Saving {name}…"
EXPORT_WAIT_S = 120.0  # closing the window waits this long at most for exports under way


def _produce_and_write(path: Path, produce: Callable[[], str]) -> str | None:
    """Write what ``produce`` returns to ``path``; None when saved, else what went wrong
    (for the user: the file's name and the reason)."""
    try:
        write_output(path, produce())
    except OutputError as err:
        return f"{path.name}: {err}."
    except OSError as err:
        return f"{path.name}: cannot write ({err.strerror or err})."
    except Exception as err:  # noqa: BLE001 - report, never crash
        return f"{path.name}: {err.__class__.__name__}: {err}"
    return None


class _ExportSignals(QObject):
    done = Signal(object, object, object)  # these signals, path, failure (None: saved)

    def __init__(self, parent: QObject, path: Path) -> None:
        super().__init__(parent)
        self.path = path  # the file its job writes


class _ExportJob(QRunnable):
    """Produces an export and writes it on a pool thread (the corpus is immutable, so
    reading it there is safe); its signals reach the GUI thread queued."""

    def __init__(self, produce: Callable[[], str], signals: _ExportSignals) -> None:
        super().__init__()
        self.produce = produce
        self.signals = signals  # they know the file

    def run(self) -> None:  # runs on a pool thread
        path = self.signals.path
        # Without automatic garbage collection, as an alignment job runs: the JSON of 500
        # articles is millions of small objects, and each full collection they set off
        # held the interpreter lock (the GUI thread) for 60-150 ms.
        with collector_paused(keep_frozen=True):
            failure = _produce_and_write(path, self.produce)
        with contextlib.suppress(RuntimeError):  # the window (and the receiver) already gone
            self.signals.done.emit(self.signals, path, failure)


class FileCommands(QObject):
    """The File menu's work on a session.

    ``loading_changed(bool)`` tells when files start and stop being read in the background;
    ``export_finished(path, failure)`` when an export has been written (``failure`` is ""
    when it was saved), in the background or not.

    ``window`` is the parent of the dialogs and message boxes, ``store`` keeps the recent
    files and the folders last used, ``status`` shows what was done.
    """

    loading_changed = Signal(bool)
    export_finished = Signal(str, str)  # path, what went wrong ("" when saved)

    def __init__(self, window: QWidget, session: Session, store: QSettings, status: QStatusBar) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._store = store
        self._status = status
        self._loads: set[_LoadSignals] = set()  # of the jobs reading in the background
        self._exports: set[_ExportSignals] = set()  # of the jobs writing in the background

    # ---------------------------------------------------------------- opening

    def open_paths(self, paths: Iterable[str | Path]) -> list[Article]:
        """Load files and folders, report failures in one dialog, add what loaded.

        Returns the articles added. More than :data:`BACKGROUND_FILES` files are read on a
        pool thread instead (reading 500 takes seconds): this returns [] at once, and the
        articles are added, and failures reported, when the reading is done.
        """
        names = [str(p) for p in paths]
        if not names:
            return []
        if _file_count(names) > BACKGROUND_FILES:
            self._load_in_background(names)
            return []
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            articles, errors = _load(names)
        finally:
            QApplication.restoreOverrideCursor()
        return self._loaded(names, articles, errors)

    def is_loading(self) -> bool:
        """Files are being read in the background."""
        return bool(self._loads)

    def _load_in_background(self, names: list[str]) -> None:
        signals = _LoadSignals(self)
        self._loads.add(signals)
        signals.done.connect(self._on_load_job_done)
        self._status.showMessage(OPENING.format(count=_file_count(names)))
        self.loading_changed.emit(True)
        QThreadPool.globalInstance().start(_LoadJob(names, signals))

    @Slot(object, object, object, object)
    def _on_load_job_done(
        self, signals: object, names: list[str], articles: list[Article], errors: list
    ) -> None:
        self._loads.discard(signals)  # type: ignore[arg-type]
        if isinstance(signals, QObject):
            signals.deleteLater()
        if self._status.currentMessage().startswith(OPENING.split("{", 1)[0]):
            self._status.clearMessage()
        self._loaded(names, articles, errors)
        self.loading_changed.emit(self.is_loading())

    def _loaded(self, names: list[str], articles: list[Article], errors: list[ArticleError]) -> list[Article]:
        """Add what loaded, remember the paths and report the failures (either way of loading)."""
        added = self._session.add_articles(articles)
        failed = {e.path for e in errors if e.path}
        self.remember_recent([p for p in names if str(Path(p).resolve()) not in failed and Path(p).exists()])
        skipped = len(articles) - len(added)
        if skipped:
            self._status.showMessage(
                f"{skipped} file{'s are' if skipped != 1 else ' is'} already open.", 6000
            )
        if errors:
            self.report_errors(errors, loaded=len(added))
        return added

    def report_errors(self, errors: list[ArticleError], loaded: int) -> None:
        lines = [f"• {err}" for err in errors[:MAX_ERRORS_LISTED]]
        if len(errors) > MAX_ERRORS_LISTED:
            lines.append(f"… and {len(errors) - MAX_ERRORS_LISTED} more.")
        if len(errors) == 1:
            title = "Could not open a file"
            head = "This file could not be opened:"
        else:
            title = "Could not open some files"
            head = f"These {len(errors)} files could not be opened:"
        tail = (
            f"\n\nThe other {loaded} article{'s were' if loaded != 1 else ' was'} loaded." if loaded else ""
        )
        QMessageBox.warning(self._window, title, head + "\n\n" + "\n".join(lines) + tail)

    def _export_failed(self, detail: str) -> None:
        # Qt renders a message that looks like markup from its first line on; a fixed
        # first line keeps a file name such as "<b>x</b>.html" literal.
        QMessageBox.warning(self._window, "Export failed", f"The file was not saved.\n\n{detail}")

    def _dialog_dir(self, key: str) -> str:
        value = self._store.value(key)
        if isinstance(value, str) and Path(value).is_dir():
            return value
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)

    @Slot()
    def open_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window, "Open Articles", self._dialog_dir(_OPEN_DIR_KEY), ARTICLE_FILTER
        )
        if files:
            self._store.setValue(_OPEN_DIR_KEY, str(Path(files[0]).parent))
            self.open_paths(files)

    @Slot()
    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, "Open a Folder of Articles", self._dialog_dir(_OPEN_DIR_KEY)
        )
        if folder:
            self._store.setValue(_OPEN_DIR_KEY, folder)
            self.open_paths([folder])

    @Slot()
    def open_samples(self) -> None:
        files = seed_files()
        if not files:
            QMessageBox.information(
                self._window, "No sample articles", "The sample articles are not installed."
            )
            return
        self.open_paths(files)

    @Slot()
    def new_article(self) -> None:
        dialog = NewArticleDialog(self._window)
        try:
            article = dialog.article() if dialog.exec() else None
            if article is not None:
                self._session.add_articles([article])
        finally:
            dialog.deleteLater()

    # ---------------------------------------------------------------- recent files

    def recent_files(self) -> list[str]:
        return _string_list(self._store.value(_RECENT_KEY))[:MAX_RECENT]

    def remember_recent(self, paths: Iterable[str]) -> None:
        recent = self.recent_files()
        for path in paths:
            full = str(Path(path).resolve())
            if full in recent:
                recent.remove(full)
            recent.insert(0, full)
        self._store.setValue(_RECENT_KEY, recent[:MAX_RECENT])

    def open_recent(self, path: str) -> None:
        self.open_paths([path])

    @Slot()
    def clear_recent(self) -> None:
        self._store.setValue(_RECENT_KEY, [])

    # ---------------------------------------------------------------- exports

    def _ready_corpus(self) -> CorpusAlignment | None:
        window = self._window
        if not self._session.articles():
            QMessageBox.information(window, "Nothing to export", "Open some articles first.")
            return None
        if not self._session.is_current():
            QMessageBox.information(
                window,
                "Still aligning",
                "The articles are still being aligned with the current settings. Try again in a moment.",
            )
            return None
        return self._session.alignment()

    def _save_path(
        self, caption: str, name: str, file_filter: str, suffix: str, selected: str = ""
    ) -> tuple[Path, str] | None:
        """The file chosen and the filter (the kind of file) chosen with it; None if cancelled."""
        start = str(Path(self._dialog_dir(_EXPORT_DIR_KEY)) / name)
        # The native dialog asks before overwriting an existing file.
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self._window, caption, start, file_filter, selected
        )
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(suffix)
        self._store.setValue(_EXPORT_DIR_KEY, str(path.parent))
        return path, chosen_filter

    def _save_path_of_two(
        self, caption: str, name: str, suffix: str, filters: tuple[str, str], key: str
    ) -> tuple[Path, bool] | None:
        """The file chosen, and whether its type is the second of two ``filters`` (two
        forms of one export); the choice is stored under ``key`` and offered first next
        time. None if cancelled."""
        second_last = stored_bool(self._store.value(key), False)
        chosen = self._save_path(caption, name, ";;".join(filters), suffix, filters[1 if second_last else 0])
        if chosen is None:
            return None
        second = chosen[1] == filters[1]
        self._store.setValue(key, second)
        return chosen[0], second

    def _export(
        self,
        caption: str,
        name: str,
        file_filter: str,
        suffix: str,
        produce: Callable[[], str],
        articles: int,
    ) -> None:
        """Ask where to save (see ``_save_path``), then write what ``produce`` returns there
        (an export of ``articles`` articles: see :meth:`_write`).

        ``produce`` runs only once a file is chosen, so a cancelled export renders nothing.
        """
        chosen = self._save_path(caption, name, file_filter, suffix)
        if chosen is not None:
            self._write(chosen[0], produce, articles)

    def _write(self, path: Path, produce: Callable[[], str], articles: int) -> None:
        """Write what ``produce`` returns to ``path`` and say how it went: on a pool
        thread when the export is of more than :data:`BACKGROUND_EXPORT` ``articles``."""
        if any(other.path == path for other in self._exports):
            # Two jobs writing one file: the one that ends last would win, maybe the older.
            QMessageBox.information(
                self._window,
                "Still saving",
                f"{path.name} is still being saved. Try again when it is done.",
            )
            return
        if articles > BACKGROUND_EXPORT:
            signals = _ExportSignals(self, path)
            self._exports.add(signals)
            signals.done.connect(self._on_export_job_done)
            self._status.showMessage(EXPORTING.format(name=path.name))
            QThreadPool.globalInstance().start(_ExportJob(produce, signals))
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            failure = _produce_and_write(path, produce)
        finally:
            QApplication.restoreOverrideCursor()
        self._exported(path, failure)

    def is_exporting(self) -> bool:
        """An export is being written in the background."""
        return bool(self._exports)

    def finish_exports(self, timeout_s: float = EXPORT_WAIT_S) -> bool:
        """Wait until the exports under way are written, as when the window closes: the
        user asked for those files. Events other than the user's input are handled
        meanwhile. False if some are not done after ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        # The user's input waits: the window is closing, and what was open is saved.
        flags = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
        while self._exports and time.monotonic() < deadline:
            QApplication.processEvents(flags, 50)
            time.sleep(0.01)
        return not self._exports

    @Slot(object, object, object)
    def _on_export_job_done(self, signals: object, path: Path, failure: str | None) -> None:
        self._exports.discard(signals)  # type: ignore[arg-type]
        if isinstance(signals, QObject):
            signals.deleteLater()
        if self._status.currentMessage() == EXPORTING.format(name=path.name):
            self._status.clearMessage()
        self._exported(path, failure)

    def _exported(self, path: Path, failure: str | None) -> None:
        if failure is None:
            self._status.showMessage(f"Saved {path}", 8000)
        else:
            self._export_failed(failure)
        self.export_finished.emit(str(path), failure or "")

    @Slot()
    def export_pair_html(self) -> None:
        window = self._window
        pair = self._session.pair()
        if pair is None:
            QMessageBox.information(window, "Nothing to export", "Choose two articles to compare first.")
            return
        corpus = self._ready_corpus()
        if corpus is None:
            return
        a, b = corpus.article(pair[0]), corpus.article(pair[1])
        name = safe_file_name(f"{article_label(a)} vs {article_label(b)}") + ".html"
        # The dialog's file types offer the two pages: both articles in full, or only the
        # shared passages with their changes (the command line's --changes-only).
        chosen = self._save_path_of_two(
            "Export Pair as HTML", name, ".html", (PAIR_FULL_FILTER, PAIR_CHANGES_FILTER), _CHANGES_ONLY_KEY
        )
        if chosen is None:
            return
        path, changes_only = chosen

        def produce() -> str:
            from desktop.engine.export.html_report import html_document

            return html_document(corpus, (a.id, b.id), changes_only=changes_only)

        self._write(path, produce, len(corpus.articles))

    @Slot()
    def export_report_html(self) -> None:
        corpus = self._ready_corpus()
        if corpus is None:
            return

        def produce() -> str:
            from desktop.engine.export.html_report import html_document

            return html_document(corpus)

        self._export(
            "Export Report as HTML",
            "syndiff report.html",
            "HTML files (*.html *.htm)",
            ".html",
            produce,
            len(corpus.articles),
        )

    @Slot()
    def export_json(self) -> None:
        corpus = self._ready_corpus()
        if corpus is None:
            return
        # The dialog's file types offer every pair (the schema's default) or only the pairs
        # that share passages (the command line's --shared-only): at 2,000 articles nearly
        # two million pairs share nothing.
        chosen = self._save_path_of_two(
            "Export JSON",
            "syndiff alignment.json",
            ".json",
            (JSON_ALL_FILTER, JSON_SHARED_FILTER),
            _JSON_SHARED_KEY,
        )
        if chosen is None:
            return
        path, shared_only = chosen

        def produce() -> str:
            data = alignment_json(corpus, all_pairs=not shared_only)
            try:
                return json_text(data)
            finally:
                let_go(data)

        self._write(path, produce, len(corpus.articles))
