"""Charts as linked evidence (analysis/report/charts/svg.py): a tagged mark carries its
tooltip and link in the SVG, the SVG is the same text on every run, its ids cannot
collide with another chart's, it holds no <style> or <script>, and the chart's data
downloads as the CSV of the table it plotted."""

import urllib.parse

import pandas as pd
import pytest

from analysis.report.charts import style, svg


@pytest.fixture(autouse=True, scope="module")
def house_style():
    style.apply()


def figure():
    fig, ax = style.new_figure()
    (mark,) = ax.plot([1], [2], marker="o")
    svg.tag(mark, "130 attacks <as of> 11 Jan 2024; Daily", "tallies.html#tally-d-1")
    style.finish(fig, ax, "A title", "a source")
    return fig


def test_a_tagged_mark_has_its_tooltip_and_link():
    text = svg.svg_markup(figure(), "fig-a", "alt text")
    assert "<title>130 attacks &lt;as of&gt; 11 Jan 2024; Daily</title>" in text
    assert '<a href="tallies.html#tally-d-1">' in text
    assert 'aria-label="alt text"' in text and 'role="img"' in text


def test_the_svg_is_deterministic_and_inert():
    first, second = svg.svg_markup(figure(), "fig-a", "alt"), svg.svg_markup(figure(), "fig-a", "alt")
    assert first == second
    assert "<style" not in first and "<script" not in first and "<metadata" not in first and "dc:date" not in first


def test_ids_are_prefixed_with_the_charts_name():
    text = svg.svg_markup(figure(), "fig-b", "alt")
    ids = [part.split('"', 1)[0] for part in text.split(' id="')[1:]]
    assert ids and all(i.startswith("fig-b-") for i in ids)


def test_the_chart_offers_its_data_as_csv_and_a_sentence_replaces_an_empty_chart():
    table = pd.DataFrame({"as_of": ["2024-01-11"], "value": [130], "x_href": ["h"]})
    html = svg.chart(figure(), table, "fig-c", "alt", "A caption.", "a source")._repr_html_()
    href = html.split('href="data:text/csv;charset=utf-8,', 1)[1].split('"', 1)[0]
    assert urllib.parse.unquote(href) == "as_of,value\n2024-01-11,130\n"
    assert "Download this chart's data (CSV, 1 row)" in html and "Source: a source" in html
    sentence = svg.chart("Nothing to draw.", table.iloc[0:0], "fig-d", "alt", "A caption.", "src")._repr_html_()
    assert "<svg" not in sentence and "<p>Nothing to draw.</p>" in sentence
