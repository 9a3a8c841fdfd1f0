"""The web page in a real headless Chromium, served by a real ``fogofwar serve`` process."""

from __future__ import annotations

import base64
import math
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


def _open_running_total(page) -> None:
    _open(page, "/propositions")
    page.click("a.proplink:has-text('running total')")
    page.wait_for_function("document.body.dataset.ready.startsWith('/prop/')")


def test_proposition_view_shows_the_series_of_running_totals_and_a_map(page):
    _open_running_total(page)
    assert page.locator("#chart circle.point").count() == 3
    assert page.locator("#chart polyline.series-line").count() == 1
    assert "Running totals" in page.locator(".panel h3").all_inner_texts()[1]
    cluster = page.locator("#map g.cluster")
    assert cluster.count() == 1 and cluster.get_attribute("data-count") == "3"
    assert cluster.get_attribute("data-total") == "900"  # 200 + 300 + 400
    assert page.locator("#map path.country").count() > 5
    assert "Kursk" in page.locator("#map").inner_html()
    assert "null" not in page.locator("#app").inner_text()  # an absent part leaves no trace


def test_proposition_view_shows_each_claimants_interval_side_by_side(page):
    _open(page, "/propositions?disputed=true")
    page.click("a.proplink")
    page.wait_for_selector("#intervals")
    rows = page.locator("#intervals g.interval")
    assert sorted(rows.evaluate_all("gs => gs.map(g => g.dataset.claimant)")) == [
        "the Russian defence ministry", "the governor"]
    assert rows.evaluate_all("gs => gs.map(g => g.dataset.open)") == ["false", "false"]
    # exact figures: zero-width intervals drawn at 2 and 5, so the governor's bar lies right of the ministry's
    xs = {g["who"]: g["x"] for g in rows.evaluate_all(
        "gs => gs.map(g => ({who: g.dataset.claimant, x: +g.querySelector('rect').getAttribute('x')}))")}
    assert xs["the governor"] > xs["the Russian defence ministry"]
    assert "at least" in page.locator("#interval-rule").inner_text()


def test_open_ended_figures_draw_to_infinity(page):
    _open(page, "/")
    result = page.evaluate("""async () => {
        const m = await import('/static/proposition.js');
        return [m.interval({value: 300, hedge: 'at_least'}), m.interval({value: 1000, hedge: 'approximately'}),
                m.interval({value: 10, low: 10, high: 15, hedge: 'range'}),
                m.interval({value: 'dozens', interval_low: 24, interval_high: 99})];
    }""")
    assert result[0]["low"] == 300 and result[0]["high"] == math.inf
    assert (result[1]["low"], result[1]["high"]) == (900, 1100)
    assert (result[2]["low"], result[2]["high"]) == (10, 15)
    assert (result[3]["low"], result[3]["high"]) == (24, 99)  # the ledger's own interval wins when given


def test_proposition_view_filters_figures_by_date(page):
    _open_running_total(page)
    prop = page.evaluate("location.hash.split('?')[0]")
    _open(page, prop[1:] + "?from=2024-12-17")
    assert page.locator("#chart circle.point").count() == 2
    assert "1 figure(s) outside the dates" in page.locator("#hidden-figures").inner_text()


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


LAND = (0xEF, 0xE9, 0xD9)  # style.css: svg.map .country fill
SEA = (0xCF, 0xE0, 0xEE)


def _pixels(page, png: bytes, points: list[tuple[float, float]]) -> dict:
    """Counts of land- and sea-coloured pixels in a screenshot, and the colour at each point."""
    return page.evaluate("""async ([b64, land, sea, points]) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const near = (i, rgb) => Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) < 12;
        let nland = 0, nsea = 0;
        for (let i = 0; i < d.length; i += 4) { if (near(i, land)) nland++; else if (near(i, sea)) nsea++; }
        const at = points.map(([x, y]) => { const i = (Math.round(y) * c.width + Math.round(x)) * 4; return [d[i], d[i + 1], d[i + 2]]; });
        return {land: nland / (c.width * c.height), sea: nsea / (c.width * c.height), at};
    }""", [base64.b64encode(png).decode(), LAND, SEA, points])


def test_map_draws_countries_and_admin1_areas_in_the_screenshot(page):
    _open(page, "/")
    page.wait_for_selector("#map path.country[data-id=RUS]")
    assert page.locator("#map path.country").count() > 5
    assert page.locator("#map path.country[data-id=UKR]").count() == 1
    assert page.locator("#map path.admin1").count() > 10  # oblasts of Russia and Ukraine
    # where on the screenshot Poltava (Ukraine, no claim there) and Belgorod (two claims) are
    poltava, belgorod = page.evaluate("""() => {
        const m = document.querySelector('#map'), k = m.getBoundingClientRect().width / m.viewBox.baseVal.width;
        return [m.project(34.55, 49.59), m.project(36.6, 50.6)].map(([x, y]) => [x * k, y * k]);
    }""")
    shot = page.locator("#map").screenshot()
    px = _pixels(page, shot, [poltava])
    assert px["land"] > 0.3, px  # without countries, the map would be sea-coloured
    assert all(abs(a - b) < 12 for a, b in zip(px["at"][0], LAND, strict=True)), px["at"]
    assert math.dist(poltava, belgorod) > 40  # the sampled pixel is clear of the Belgorod circle


def test_map_clusters_points_sized_by_figure_and_coloured_by_kind(page):
    _open(page, "/")
    clusters = page.locator("#map g.cluster")
    data = clusters.evaluate_all("""gs => gs.map(g => ({count: +g.dataset.count, total: +g.dataset.total,
        kind: g.dataset.kind, r: +g.querySelector('circle').getAttribute('r'), fill: g.querySelector('circle').getAttribute('fill')}))""")
    assert sum(d["count"] for d in data) == 6
    assert {d["kind"] for d in data} == {"casualties"}
    biggest = max(data, key=lambda d: d["total"])
    assert biggest["total"] == 902 and all(d["r"] <= biggest["r"] for d in data)  # Kursk: 200+300+400 and 2
    assert len({d["fill"] for d in data}) == 1
    assert "casualties" in page.locator("#map-legend").inner_text()


def test_timeline_brush_picks_a_date_range_that_filters_the_claims(page):
    _open(page, "/")
    marks = page.locator("#timeline .claim-mark")
    assert marks.count() == 6
    dec14 = page.locator("#timeline circle.claim-mark:has(title:text-matches('^14 Dec 2024'))").bounding_box()
    overlay = page.locator("#timeline .brush-overlay").bounding_box()
    y = overlay["y"] + overlay["height"] / 2
    page.mouse.move(dec14["x"] + dec14["width"] / 2 - 3, y)
    page.mouse.down()
    page.mouse.move(overlay["x"] + overlay["width"] * 0.9, y, steps=5)
    page.mouse.move(overlay["x"] + overlay["width"] - 1, y, steps=2)
    page.mouse.up()
    page.wait_for_function("location.hash.includes('from=2024-12-14') && document.body.dataset.ready === '/'")
    assert page.locator("tr.claim-row").count() == 3
    assert page.input_value("#f-from") == "2024-12-14"
    assert float(page.locator("#timeline .brush-selection").get_attribute("width")) > 0
    page.click("#f-clear-dates")
    page.wait_for_function("!location.hash.includes('from=') && document.body.dataset.ready === '/'")
    assert page.locator("tr.claim-row").count() == 6


def test_timeline_draws_coarse_dates_as_spans_and_keeps_the_last_label_inside(page):
    _open(page, "/")
    out = page.evaluate("""async () => {
        const t = await import('/static/timeline.js'), d = await import('/static/dates.js');
        const items = ['2024-12-14', '2024-11', '2024-W48', '2022'].map((date, i) =>
            ({span: d.span(date), kind: i % 2 ? 'attack' : 'casualties', title: date}));
        const root = t.timeline(items, {id: 'test-timeline'});
        document.body.appendChild(root);
        const box = root.getBoundingClientRect(), labels = [...root.querySelectorAll('text.tick')];
        const last = labels[labels.length - 1].getBoundingClientRect();
        const res = {points: root.querySelectorAll('circle.claim-mark').length,
                     spans: [...root.querySelectorAll('rect.claim-mark')].map(r => r.dataset.precision).sort(),
                     lastRight: last.right, right: box.right, nov: d.span('2024-11'), week: d.span('2024-W48')};
        root.remove();
        return res;
    }""")
    assert out["points"] == 1 and out["spans"] == ["month", "week", "year"]
    assert out["lastRight"] <= out["right"]
    assert out["nov"]["hi"] - out["nov"]["lo"] == 29 and out["week"]["hi"] - out["week"]["lo"] == 6


def test_date_filters_on_propositions_and_documents(page):
    _open(page, "/propositions?from=2024-12-10")
    texts = page.locator("tr.prop-row").all_inner_texts()
    assert texts and all("Belgorod" not in t for t in texts)
    _open(page, "/documents?from=2024-12-15")
    assert page.locator("tr.doc-row").count() == 2  # published 18 and 20 December
    assert page.input_value("#f-from") == "2024-12-15"


def test_page_runs_under_its_content_security_policy(page):
    strict = page.context.browser.new_page()  # no bypass_csp: the server's policy applies
    messages = []
    strict.on("console", lambda m: messages.append(m.text))
    strict.goto(f"{page.base}/#/")
    strict.wait_for_selector("#map path.country", timeout=10_000)
    strict.wait_for_selector("#timeline .claim-mark", timeout=10_000)
    strict.close()
    assert not [m for m in messages if "Content Security Policy" in m], messages
