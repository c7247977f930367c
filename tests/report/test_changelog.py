"""The "Changes to the figures" page (analysis/report/changelog.py): the log read newest
refresh first, each change linked to the chapter that shows it, and a sentence when the
log is empty."""

import pandas as pd

from analysis.report.changelog import LOG_COLUMNS, load_log, newest_first, refreshes, summary


def entry(date, commit, item, old, new, reason, kind="figure", chapter="book/tallies", anchor="attack-tallies"):
    values = {"date": date, "commit": commit, "notebook": "book/tallies.ipynb", "kind": kind, "item": item}
    values |= {"row": "", "column": "", "change": "changed", "old": old, "new": new}
    return values | {"chapter": chapter, "anchor": anchor, "reason": reason}


LOG = pd.DataFrame(
    [
        entry("2024-03-01", "aaa111", "attacks_in_syria", "41", "40", "first"),
        entry("2024-03-01", "aaa111", "attacks_in_iraq", "12", "13", "first"),
        entry("2024-04-02", "bbb222", "fig-counts", "40", "39", "second", kind="chart", anchor="fig-counts"),
    ],
    columns=LOG_COLUMNS,
)


def test_the_newest_refresh_comes_first_and_keeps_its_own_order():
    assert list(newest_first(LOG)["item"]) == ["fig-counts", "attacks_in_syria", "attacks_in_iraq"]


def test_each_refresh_says_when_and_why_and_links_each_change_to_its_chapter():
    [(when, table), (earlier, first)] = refreshes(LOG)
    assert "<strong>2024-04-02</strong>" in when._repr_html_() and "second" in when._repr_html_()
    assert "bbb222" in when._repr_html_() and "first" in earlier._repr_html_()
    html = table._repr_html_()
    assert '<a href="tallies.html#fig-counts">chart: fig-counts</a>' in html and ">40</td>" in html
    assert 'href="tallies.html#attack-tallies"' in first._repr_html_()
    assert "attacks_in_iraq" in first._repr_html_() and "fig-counts" not in first._repr_html_()


def test_the_summary_counts_refreshes_and_items_and_an_empty_log_says_so(tmp_path):
    assert summary(LOG) == (
        "2 refreshes of the stored outputs changed 3 published items (figures, tables or charts) "
        "between 2024-03-01 and 2024-04-02."
    )
    header_only = tmp_path / "changes.csv"
    header_only.write_text(",".join(LOG_COLUMNS) + "\n", encoding="utf-8")
    empty = load_log(header_only)
    assert empty.empty and summary(empty) == (
        "No refresh has changed a published figure, table or chart since the log began."
    )


def test_values_are_read_as_text_as_logged(tmp_path):
    log = tmp_path / "changes.csv"
    LOG.assign(old=["0.50", "", "NA"]).to_csv(log, index=False)
    assert load_log(log).old.tolist() == ["0.50", "", "NA"]
