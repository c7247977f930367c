"""The evaluation as text: the plain report `python -m analysis evaluate` prints (ending
with a one-screen summary), the list of misses `--misses` writes, and the long table
`make evaluate` commits as bench/accuracy.csv for the book."""

from __future__ import annotations

import csv
import io

from analysis.check.evaluate import DATE_FIELDS, MISS_KINDS


def _cell(value):
    """A table cell: 3 decimals for floats, "-" for None."""
    if value is None:
        return "-"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _table(header, rows):
    """Left-aligned fixed-width columns, two spaces apart, no trailing spaces."""
    cells = [list(header)] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]


_PRF_COLUMNS = ("recall", "precision", "f1", "matched", "annotated", "extracted")


def render(scores):
    """A short plain-text report of ``score``'s result, the same for the same scores."""
    tallies = scores["tallies"]
    rows = [("all", kind, *(tallies[kind][c] for c in _PRF_COLUMNS)) for kind in ("strict", "loose")]
    for measure in sorted(tallies["by_measure"]):
        part = tallies["by_measure"][measure]
        rows += [(measure, kind, *(part[kind][c] for c in _PRF_COLUMNS)) for kind in ("strict", "loose")]
    lines = [f"Documents scored: {scores['documents']}", "", "Tallies"]
    lines += _table(("measure", "match", *_PRF_COLUMNS), rows)
    dates = scores["dates"]
    date_rows = [(f, dates[f]["accuracy"], dates[f]["right"], dates[f]["annotated"]) for f in DATE_FIELDS]
    date_rows.append(("all", dates["accuracy"], dates["right"], dates["annotated"]))
    lines += ["", "Dates (annotated entries whose tally matched)"]
    lines += _table(("field", "accuracy", "right", "annotated"), date_rows)
    lines += ["", "Frames"]
    frames = scores.get("frames")
    if frames is None:
        lines.append("not scored (no justifications given)")
    else:
        frame_rows = [("all", *(frames[c] for c in _PRF_COLUMNS))]
        frame_rows += [(name, *(part[c] for c in _PRF_COLUMNS)) for name, part in sorted(frames["by_frame"].items())]
        lines += _table(("frame", *_PRF_COLUMNS), frame_rows)
    lines += ["", *summary(scores)]
    return "\n".join(lines) + "\n"


def _one_line(text, limit=120):
    """Text on one line, cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _row_text(row):
    """An extracted row's key fields: the tally (with its dates) or the frame (with its speaker)."""
    if row is None:
        return "-"
    if "measure" in row:
        return (
            f"{row.get('measure')} {row.get('value')} @ {row.get('location')} "
            f"(since {row.get('since')}, as of {row.get('as_of')})"
        )
    return f"{row.get('frame')} (speaker {row.get('speaker')})"


def render_misses(found):
    """Markdown list of misses grouped by kind, with a count per group and one line per miss."""
    if not found:
        return "No misses.\n"
    lines = [f"# Misses ({len(found)})"]
    for kind in MISS_KINDS:
        group = [m for m in found if m["kind"] == kind]
        if not group:
            continue
        lines += ["", f"## {kind} ({len(group)})", ""]
        for miss in sorted(group, key=lambda m: (m["doc"], -1 if m["start"] is None else m["start"])):
            where = f"{miss['start']}-{miss['end']}" if miss["start"] is not None else "?"
            what = f"{miss['field']}: " if miss["field"] else ""
            quote = (miss["annotation"] or miss["extracted"] or {}).get("quote", "")
            lines.append(
                f"- {miss['doc']} [{where}] {what}want {_cell(miss['want'])}, got {_cell(miss['got'])}; "
                f'extracted: {_row_text(miss["extracted"])}; "{_one_line(quote)}"'
            )
    return "\n".join(lines) + "\n"


def summary(scores) -> list[str]:
    """The figures a reader looks for first, in at most five lines."""
    strict, loose = scores["tallies"]["strict"], scores["tallies"]["loose"]
    dates, frames = scores["dates"], scores.get("frames")
    lines = [
        "Summary",
        f"tallies strict: recall {_cell(strict['recall'])}, precision {_cell(strict['precision'])}, f1 {_cell(strict['f1'])}",
        f"tallies loose:  recall {_cell(loose['recall'])}, precision {_cell(loose['precision'])}, f1 {_cell(loose['f1'])}",
        f"dates: accuracy {_cell(dates['accuracy'])} ({dates['right']} of {dates['annotated']})",
    ]
    if frames is not None:
        lines.append(f"frames: recall {_cell(frames['recall'])}, precision {_cell(frames['precision'])}")
    return lines


def accuracy_rows(scores) -> list[dict]:
    """The scores as a long table (part, item, scoring, metric, value), for bench/accuracy.csv."""
    rows = []

    def add(part, item, scoring, figures, metrics):
        rows.extend({"part": part, "item": item, "scoring": scoring, "metric": m, "value": figures[m]} for m in metrics)

    prf = ("recall", "precision", "f1", "matched", "annotated", "extracted")
    tallies = scores["tallies"]
    for scoring in ("strict", "loose"):
        add("tallies", "all", scoring, tallies[scoring], prf)
        for measure in sorted(tallies["by_measure"]):
            add("tallies", measure, scoring, tallies["by_measure"][measure][scoring], prf)
    dates = scores["dates"]
    add("dates", "all", "exact day", dates, ("accuracy", "right", "annotated"))
    for field in DATE_FIELDS:
        add("dates", field, "exact day", dates[field], ("accuracy", "right", "annotated"))
    frames = scores.get("frames")
    if frames is not None:
        add("frames", "all", "doc and frame", frames, prf)
        for name in sorted(frames["by_frame"]):
            add("frames", name, "doc and frame", frames["by_frame"][name], prf)
    rows.append({"part": "documents", "item": "all", "scoring": "", "metric": "scored", "value": scores["documents"]})
    return rows


def accuracy_csv(scores) -> bytes:
    """bench/accuracy.csv: the same scores give the same bytes (LF, three decimals)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, ["part", "item", "scoring", "metric", "value"], lineterminator="\n")
    writer.writeheader()
    for row in accuracy_rows(scores):
        value = row["value"]
        writer.writerow(
            {**row, "value": "" if value is None else f"{value:.3f}" if isinstance(value, float) else value}
        )
    return buffer.getvalue().encode("utf-8")
