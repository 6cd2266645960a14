"""Starting the Syndiff window: ``syndiff [FILE...]``.

With no files it reopens the set open when it last closed; the very first run opens the
sample articles (from a checkout's ``seeds/`` or an installed copy), so it shows a real
comparison instead of an empty window.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from types import TracebackType

from desktop import __version__

ORGANIZATION = "Syndiff"
APPLICATION = "Syndiff"
EXIT_GRACE_MS = 200
"""How long the process waits on exit for background jobs still inside a step of the engine."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="syndiff",
        description="See how different news outlets word the same story.",
        epilog="With no FILE, the set open when Syndiff last closed is reopened (the sample articles "
        "on the first launch). FILE may also be one .syndiff workspace.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="articles (.txt, .md, .html), folders of them, or a workspace",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _install_excepthook() -> None:
    """Turn an unexpected error in a slot into a message box instead of a silent traceback."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        traceback.print_exception(kind, error, tb)
        if QApplication.instance() is not None and not issubclass(kind, KeyboardInterrupt):
            QMessageBox.critical(
                QApplication.activeWindow(),
                "Unexpected error",
                f"Syndiff ran into an unexpected problem and could not finish the last action.\n\n"
                f"{kind.__name__}: {error}",
            )

    sys.excepthook = hook


def main(argv: Sequence[str] | None = None) -> int:
    """Run the application; returns the exit status."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.qt.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName(APPLICATION)
    app.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("syndiff")
    _install_excepthook()

    window = MainWindow(QSettings())
    window.show()
    # After the event loop starts, so the window is on screen while files load.
    QTimer.singleShot(0, lambda: window.workspaces.start(args.files))
    status = app.exec()
    _exit_now_if_jobs_remain(status)
    return status


def _exit_now_if_jobs_remain(status: int) -> None:
    """End the process at once if an alignment job is still running.

    Closing the window cancels every job and waits a moment for it to reach the engine's
    next cancel check. A job inside a long step of the engine (preparing a very long
    article) may not get there for seconds, and a Python thread cannot be stopped from
    outside: Qt would wait for it when the application object is destroyed, with the
    window already gone. The job is detached (it emits nothing), the settings are
    saved, so there is nothing left to do but leave.
    """
    from PySide6.QtCore import QThreadPool

    if QThreadPool.globalInstance().waitForDone(EXIT_GRACE_MS):
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
