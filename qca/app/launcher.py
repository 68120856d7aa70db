"""Start the app's Streamlit server on this computer (``qca app``).

The server listens on 127.0.0.1 only, unless a host is given; it sends no
usage statistics, fetches nothing from the network, does not watch files,
and runs in the folder the user chose, the only place the app writes to.

Examples
--------
>>> cmd = streamlit_command(port=8600, host="127.0.0.1")
>>> cmd[1:4], cmd[cmd.index("--server.address") + 1], cmd[cmd.index("--server.port") + 1]
(['-m', 'streamlit', 'run'], '127.0.0.1', '8600')
>>> cmd[cmd.index("--browser.gatherUsageStats") + 1]
'false'
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import webbrowser
from pathlib import Path

from . import INSTALL_HINT, page_path

__all__ = ["launch", "streamlit_command", "streamlit_available", "FOLDER_ENV"]

#: Environment variable through which the page learns the working folder.
FOLDER_ENV = "QCA_APP_FOLDER"


def streamlit_available() -> bool:
    """True when Streamlit (the ``qca[app]`` extra) is installed.

    Examples
    --------
    >>> isinstance(streamlit_available(), bool)
    True
    """
    return importlib.util.find_spec("streamlit") is not None


def streamlit_command(port: int = 8501, host: str = "127.0.0.1") -> list[str]:
    """The ``python -m streamlit run`` command line of the app, with its offline settings.

    Examples
    --------
    >>> cmd = streamlit_command(port=8600)
    >>> cmd[1:4], "8600" in cmd
    (['-m', 'streamlit', 'run'], True)
    """
    return [
        sys.executable, "-m", "streamlit", "run", page_path(),
        "--server.address", host,
        "--server.port", str(port),
        "--server.headless", "true",          # no first-run e-mail prompt; we open the browser ourselves
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--server.fileWatcherType", "none",
        "--server.runOnSave", "false",
        "--client.toolbarMode", "minimal",
        "--browser.serverAddress", "localhost" if host in ("127.0.0.1", "localhost", "::1") else host,
        "--browser.serverPort", str(port),
    ]


def _open_when_ready(url: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    webbrowser.open(url)
                    return
        except OSError:
            time.sleep(0.3)


def launch(port: int = 8501, host: str = "127.0.0.1", browser: bool = True, folder: str | os.PathLike = ".") -> int:
    """Run the app until Ctrl-C; returns an exit status (2 when the extra or the folder is missing).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> missing = str(pathlib.Path(tempfile.mkdtemp()) / "no-such-folder")
    >>> launch(folder=missing, browser=False)  # a folder that does not exist: exit status 2
    2
    """
    if not streamlit_available():
        print(f"qca app: {INSTALL_HINT}", file=sys.stderr)
        return 2
    work = Path(folder).expanduser()
    if not work.is_dir():
        print(f"qca app: error: --folder {folder}: no such folder", file=sys.stderr)
        return 2
    work = work.resolve()
    url_host = "localhost" if host in ("127.0.0.1", "localhost", "::1") else host
    url = f"http://{url_host}:{port}"
    env = dict(os.environ, **{FOLDER_ENV: str(work), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"})
    print(f"qca app: serving {url} (working folder {work}); Ctrl-C stops it", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"qca app: note: listening on {host}: other computers that reach it can open the app",
              file=sys.stderr)
    proc = subprocess.Popen(streamlit_command(port, host), cwd=work, env=env)
    if browser:
        threading.Thread(target=_open_when_ready, args=(url, proc), daemon=True).start()

    def _stop(signum: int, frame: object) -> None:  # SIGTERM: stop the server too, leave no orphan
        raise KeyboardInterrupt

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _stop)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            proc.kill()
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
