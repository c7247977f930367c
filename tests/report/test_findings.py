"""The figures the prose quotes (analysis/report/findings.py), on small hand-made tables:
the headline count and what goes with it, defaults when a field is missing, claims,
frames, and the count-over-time figures."""

import pandas as pd

from analysis.report import findings

TALLY_COLUMNS = [
    "tally_id",
    "doc_id",
    "measure",
    "value",
    "qualifier",
    "location",
    "since",
    "as_of",
    "attributed_to",
    "number_start",
    "part_of",
    "split",
    "detail",
]


def tallies(rows):
    rows = [tuple(r) + (None,) * (len(TALLY_COLUMNS) - len(r)) for r in rows]
    frame = pd.DataFrame(rows, columns=TALLY_COLUMNS)
    return frame.astype({"value": "Int64", "number_start": "Int64"}).astype(
        {c: "string" for c in TALLY_COLUMNS if c not in ("value", "number_start")}
    )


SEEDLIKE = tallies(
    [
        ("d:10", "d", "attacks", 130, "exact", "Iraq and Syria", "2023-10-17", "2024-01-11", "Pentagon", 10),
        ("d:20", "d", "attacks", 53, "exact", "Iraq", "2023-10-17", "2024-01-11", "Pentagon", 20, "d:10", "location"),
        ("d:30", "d", "attacks", 77, "exact", "Syria", "2023-10-17", "2024-01-11", "Pentagon", 30, "d:10", "location"),
        ("d:40", "d", "injured", 69, "exact", "Iraq and Syria", "2023-10-17", "2024-01-11", "Pentagon", 40),
        (
            "d:50",
            "d",
            "injured",
            0,
            "exact",
            "Iraq and Syria",
            "2023-12-25",
            "2024-01-11",
            "Pentagon",
            50,
            "d:40",
            "window",
        ),
        ("e:10", "e", "attacks", 90, "exact", "Iraq and Syria", "2023-10-17", "2023-12-01", "Pentagon", 10),
    ]
)
CHECKS = pd.DataFrame(
    {
        "check_id": ["d:split_sum:10"],
        "doc_id": ["d"],
        "kind": ["split_sum"],
        "formula": ["53 + 77 = 130"],
        "status": ["ok"],
        "evidence": ["d:10;d:20;d:30"],
    }
)


def test_the_headline_is_the_latest_and_largest_attack_count_with_its_split_and_pace():
    figures = findings.tally_figures(SEEDLIKE, CHECKS)
    assert figures["attacks_total"] == 130 and figures["attacks_as_of"] == "2024-01-11"
    assert figures["attacks_in_iraq"] == 53 and figures["attacks_in_syria"] == 77
    assert figures["window_days"] == 86 and figures["attacks_per_day"] == 1.51
    assert figures["injured_total"] == 69 and figures["no_injuries_since"] == "2023-12-25"
    assert figures["split_check"] == "53 + 77 = 130 (holds)"


def test_the_headline_prefers_an_official_region_wide_count_to_a_later_country_part():
    later = tallies(
        [
            *SEEDLIKE.astype(object).where(SEEDLIKE.notna(), None).itertuples(index=False),
            ("f:5", "f", "attacks", 98, "exact", "Syria", "2023-10-01", "2024-01-30", "Pentagon", 5),
            ("f:9", "f", "attacks", 165, "exact", "Iraq and Syria", "2023-10-01", "2024-01-30", None, 9),
        ]
    )
    figures = findings.tally_figures(later, CHECKS)
    assert (figures["attacks_total"], figures["attacks_as_of"]) == (130, "2024-01-11")


def test_a_reviewed_split_is_said_to_be_the_sources_own_inconsistency():
    reviewed = CHECKS.assign(status="reviewed", formula="53 + 77 = 130 (stated total 131)")
    figures = findings.tally_figures(SEEDLIKE, reviewed)
    assert figures["split_check"].endswith("(does not hold: source inconsistent (reviewed))")


def test_missing_fields_read_as_words_not_as_missing_values():
    bare = tallies([("d:1", "d", "attacks", 12, "exact", None, None, None, None, 1)])
    figures = findings.tally_figures(bare, CHECKS.iloc[0:0])
    assert figures["attacks_total"] == 12
    for key in ("attacks_location", "attacks_since", "attacks_as_of", "attacks_source"):
        assert figures[key] == findings.TALLY_DEFAULTS[key]
    assert findings.tally_figures(bare.iloc[0:0], CHECKS) == findings.TALLY_DEFAULTS


def test_claim_and_frame_counts():
    claims = pd.DataFrame(
        {
            "status": ["confirmed", "reported", "rumor", "unconfirmed"],
            "source_kind": ["US government", "author", "regional media", "author"],
            "source": ["Pentagon", "author", "SANA", "author"],
            "via": [None, None, "A > SANA", None],
        }
    )
    figures = findings.claim_figures(claims)
    assert (figures["claims_total"], figures["claims_confirmed"], figures["claims_unconfirmed_or_rumor"]) == (4, 1, 2)
    assert figures["claims_sources"] == 2 and figures["claims_relayed"] == 1
    frames = findings.frame_figures(pd.DataFrame({"frame": ["oil", "counter-ISIS", "oil"]}))
    assert frames == {"frames_statements": 3, "frames_distinct": 2, "frames_list": "counter-ISIS, oil"}


def test_pace_and_share_figures_say_unknown_when_there_is_nothing_to_read():
    empty_pace = pd.DataFrame(
        columns=["from", "to", "days", "count_from", "count_to", "attacks", "per_day", "gap_long_enough"]
    )
    assert findings.pace_figures(empty_pace)["pace_busiest"] == "unknown"
    assert findings.share_figures(pd.DataFrame(columns=["origin"]))["syria_share_first"] == "unknown"
    pace = pd.DataFrame(
        {
            "from": ["2024-01-01", "2024-01-11"],
            "to": ["2024-01-11", "2024-01-21"],
            "days": [10, 10],
            "count_from": [100, 130],
            "count_to": [130, 140],
            "attacks": [30, 10],
            "per_day": [3.0, 1.0],
            "gap_long_enough": [True, True],
        }
    )
    figures = findings.pace_figures(pace)
    assert figures["pace_overall"] == 2.0
    assert figures["pace_busiest"].startswith("3.00 attacks a day from 1 January 2024 to 11 January 2024")
    assert figures["pace_quietest"].startswith("1.00 a day from 11 January 2024")
