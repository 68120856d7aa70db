"""End to end: a real headless Chromium drives ``qca app`` through load, truth table, minimize and report download.

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs
them when it can) and selenium; skipped, with the reason, where they are
missing. Screenshots of each step are saved in the test's folder (and in
``$QCA_APP_SCREENSHOTS`` when set, which is how docs/img/ was made).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("streamlit", reason="the app needs the qca[app] extra (Streamlit)")
selenium = pytest.importorskip("selenium", reason="the browser test needs selenium (pip install selenium)")

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="no headless browser here: install Debian's chromium and chromium-driver "
           "(apt-get install -y chromium chromium-driver; .ci/run does so when it runs as root)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def app(tmp_path):
    port = _free_port()
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log = open(tmp_path / "app.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "qca", "app", "--no-browser", "--port", str(port),
                             "--folder", str(work)], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                break
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
    log.close()


@pytest.fixture
def browser(tmp_path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--disable-extensions", "--no-first-run"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})
    try:
        driver = webdriver.Chrome(options=opts, service=webdriver.ChromeService(executable_path=DRIVER))
    except Exception as err:  # noqa: BLE001 - a browser that will not start is an environment problem
        pytest.skip(f"chromium did not start: {err}")
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def _wait_text(driver, text: str, timeout: float = 60) -> None:
    WebDriverWait(driver, timeout).until(lambda d: text in d.find_element(By.TAG_NAME, "body").text,
                                         message=f"{text!r} never shown")


def _idle(driver, timeout: float = 60) -> None:
    """Wait until Streamlit has finished the current run."""
    time.sleep(0.5)
    WebDriverWait(driver, timeout).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidget"] button')
        and "Running..." not in d.find_element(By.TAG_NAME, "body").text)


def _click_label(driver, text: str) -> None:
    el = WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.XPATH, f"//label[.//*[normalize-space(text())={text!r}]]"))
    el.click()
    _idle(driver)


def _shot(driver, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    driver.save_screenshot(str(path))
    extra = os.environ.get("QCA_APP_SCREENSHOTS")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(extra) / f"app-{name}.png")
    return path


def test_load_truth_table_minimize_report_in_chromium(app, browser, tmp_path):
    d = browser
    d.get(app)
    _wait_text(d, "1. Data")
    _wait_text(d, "16 cases, crisp; outcome AGREE")
    _click_label(d, "leave them out (listed)")
    _shot(d, tmp_path, "data")

    _click_label(d, "Truth table")
    _wait_text(d, "4. Truth table")
    box = d.find_element(By.CSS_SELECTOR, 'input[aria-label="incl_cut (consistency for OUT = 1)"]')
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys("0.8", Keys.ENTER)
    _idle(d)
    _wait_text(d, "Row 3 is contradictory")
    _wait_text(d, "without: China-Germany consultations")
    assert "UN cyber arms control (THREAT)" in d.find_element(By.TAG_NAME, "body").text
    _shot(d, tmp_path, "truth-table")

    _click_label(d, "Minimize")
    _wait_text(d, "5. Minimization")
    _wait_text(d, "M1: ~THREAT")
    _wait_text(d, "Conservative solution for AGREE")
    WebDriverWait(d, 60).until(lambda x: x.find_elements(By.CSS_SELECTOR, "section.main img, [data-testid='stImage'] img")
                               or x.find_elements(By.TAG_NAME, "img"), message="the PI chart never drawn")
    time.sleep(1)
    _shot(d, tmp_path, "minimize")

    _click_label(d, "Report")
    _wait_text(d, "Download HTML")
    button = d.find_element(By.XPATH, "//button[.//*[normalize-space(text())='Download HTML']]")
    button.click()
    deadline = time.monotonic() + 60
    got = []
    while time.monotonic() < deadline:
        got = [p for p in d.downloads.iterdir() if p.suffix == ".html"]
        if got:
            break
        time.sleep(0.3)
    assert got, f"no report downloaded into {d.downloads}: {list(d.downloads.iterdir())}"
    html = got[0].read_text(encoding="utf-8")
    assert "~THREAT" in html and "China-Germany consultations" in html
    _shot(d, tmp_path, "report")
    for name in ("data", "truth-table", "minimize", "report"):
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000
