"""The web page in a real headless Chromium, served by a real ``fogofwar serve`` process."""

from __future__ import annotations

import os

import pytest
from test_api import demo_ledger, running_server

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    db = tmp_path_factory.mktemp("web") / "ledger.sqlite"
    demo_ledger(db)
    with running_server(db) as base, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"],
        )  # fmt: skip
        # bypass_csp: the page must be safe by how it builds the DOM, not only by its CSP header
        pg = browser.new_page(bypass_csp=True)
        pg.base = base
        pg.set_default_timeout(10_000)
        yield pg
        browser.close()


def _open(page, hash_path: str) -> None:
    page.goto(f"{page.base}/#{hash_path}")
    page.wait_for_function("document.body.dataset.ready && document.body.dataset.ready !== ''")
    assert page.locator("#error").count() == 0


def test_ledger_lists_claims_and_filters_by_claimant(page):
    _open(page, "/")
    assert page.locator("tr.claim-row").count() == 6
    page.fill("#f-claimant", "GUR")
    page.click("#f-apply")
    page.wait_for_function("document.querySelectorAll('tr.claim-row').length === 3")
    assert set(page.locator("td.claimant").all_inner_texts()) == {"GUR"}


def test_ledger_filters_by_kind(page):
    _open(page, "/")
    page.select_option("#f-kind", "attack")
    page.click("#f-apply")
    page.wait_for_selector("text=none")
    assert page.locator("tr.claim-row").count() == 0


def test_article_view_highlights_each_claims_evidence(page):
    _open(page, "/doc/gov")
    marks = page.locator("mark.evidence")
    assert marks.count() == 1
    assert marks.first.inner_text() == "Five people were wounded"
    assert page.locator("#article-text").inner_text().startswith("Five people were wounded when drones")


def test_proposition_view_shows_chart_and_map(page):
    _open(page, "/propositions")
    page.click("a.proplink:has-text('running total')")
    page.wait_for_selector("#chart")
    page.wait_for_function("document.body.dataset.ready.startsWith('/prop/')")
    assert page.locator("#chart circle.point").count() == 3
    assert page.locator("#chart polyline.series-line").count() == 1
    assert page.locator("#map circle.place").count() == 3
    assert page.locator("#map .graticule line").count() > 2
    assert "Kursk" in page.locator("#map").inner_html()
    assert "null" not in page.locator("#app").inner_text()  # an absent part leaves no trace


def test_disputed_proposition_lists_the_disagreement(page):
    _open(page, "/propositions?disputed=true")
    assert page.locator("tr.prop-row").count() == 1
    page.click("a.proplink")
    page.wait_for_selector("#disagreements")
    text = page.locator("#disagreements").inner_text()
    assert "the governor says 5" in text and "the Russian defence ministry says 2" in text


def test_script_and_onerror_in_article_text_are_shown_as_text_and_never_run(page):
    _open(page, "/doc/xss")
    body = page.locator("#article-text")
    assert "<script>window.pwned=1</script>" in body.inner_text()
    assert 'onerror="window.pwned=1"' in body.inner_text()
    assert body.locator("script, img").count() == 0
    page.wait_for_timeout(200)  # give a broken image's onerror a chance to fire, were there one
    assert page.evaluate("typeof window.pwned") == "undefined"
