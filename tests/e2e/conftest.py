"""Headless Chromium for the export tests: find it, run it offline, read what it saw."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

CHROMIUM_NAMES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
TIMEOUT = 60
# Chromium's own background requests (update checks and the like) carry no page origin;
# anything a page asks for carries the page's origin, which for a file:// page is "null".
BROWSER_INITIATOR = "not an origin"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: renders exports in headless Chromium (skipped without it)")


@dataclass
class Browser:
    """One headless Chromium, sandboxed to a fresh profile, with every host name unresolvable."""

    executable: str
    workdir: Path

    def dump_dom(self, page: Path, *, netlog: Path | None = None) -> lxml.html.HtmlElement:
        """Load ``page``, run its scripts, and return the DOM as Chromium left it."""
        args = [
            self.executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={self.workdir / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ]
        if netlog is not None:
            args.append(f"--log-net-log={netlog}")
        args += ["--dump-dom", page.resolve().as_uri()]
        result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        assert result.returncode == 0, result.stderr[-3000:]
        assert result.stdout.strip(), "Chromium printed no DOM"
        return lxml.html.document_fromstring(result.stdout)

    @staticmethod
    def page_requests(netlog: Path) -> list[str]:
        """URLs that a page (not the browser itself) tried to fetch, from a net log."""
        data = json.loads(netlog.read_text(encoding="utf-8"))
        start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        return [
            event["params"]["url"]
            for event in data["events"]
            if event["type"] == start_job
            and "url" in event.get("params", {})
            and event["params"].get("initiator") != BROWSER_INITIATOR
        ]


@pytest.fixture(scope="session")
def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")


@pytest.fixture
def browser(chromium: str, tmp_path: Path) -> Browser:
    return Browser(chromium, tmp_path)
