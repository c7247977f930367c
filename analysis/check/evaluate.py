"""Score extracted tallies and justifications against hand annotations, exactly by the
rules of the development set (../shared/dev/README.md, "How a score is computed"):

- every document read is scored, so a tally invented in a document with no annotation
  lowers precision;
- a tally matches when doc, measure (attacks / injured / killed), integer value and the
  set of places in `location` are equal; duplicate keys count once; a loose score drops
  the places; rows of other measures are not scored;
- dates are scored over the annotated entries whose tally matched, against the extracted
  row nearest the annotation's quote;
- frames are scored over (doc, frame) pairs, the frame cut at "/" and case-folded.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from analysis.check.annotations import MEASURES

MISS_KINDS = ("tally missed", "tally wrong place", "tally invented", "date wrong", "frame missed", "frame invented")
DATE_FIELDS = ("since", "as_of")
TALLY_ROW_FIELDS = (
    "tally_id",
    "doc_id",
    "measure",
    "value",
    "location",
    "since",
    "as_of",
    "attributed_to",
    "number_text",
    "number_start",
    "number_end",
    "quote",
    "start",
    "end",
)
REASON_ROW_FIELDS = ("doc_id", "frame", "speaker", "quote", "start", "end")
_PLACE_SPLIT = re.compile(r",|&|\band\b")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def places(location):
    """The set of places in a location, split on "and", "&" and commas and case-folded.

    So "Iraq and Syria" = "Syria, Iraq"; a missing location is the empty set, which matches no annotation.
    """
    if not isinstance(location, str):
        return frozenset()
    parts = (" ".join(part.split()) for part in _PLACE_SPLIT.split(location.casefold()))
    return frozenset(part for part in parts if part)


def frame_name(frame):
    """The scored name of a frame: its first word before "/", case-folded ("regime-change/Assad" -> "regime-change")."""
    return frame.split("/")[0].strip().casefold() if isinstance(frame, str) else ""


def _int_value(value):
    """An int from an int, an integral float or a numeric string; anything else is returned as it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ""))
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value


def _iso_day(value):
    """The ISO day of a date, datetime or ISO string; None for null, "" and NaN (as a CSV reader may give)."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text[:10] if _ISO_DAY.match(text) else text


def _position(value):
    """An offset as int, or None when absent or not a whole number."""
    value = _int_value(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _annotated(expected, texts):
    """(strict key, entry, quote span) for each annotated tally of a document read."""
    out = []
    for entry in expected or ():
        doc = entry["doc"]
        if doc in texts:
            key = (doc, entry["measure"], _int_value(entry["value"]), places(entry["location"]))
            out.append((key, entry, _quote_span(entry["quote"], texts[doc])))
    return out


def _extracted(rows, texts):
    """(strict key, row) for each extracted row of a scored measure in a document read."""
    out = []
    for row in rows or ():
        doc = row.get("doc_id", row.get("doc"))
        measure = str(row.get("measure", "")).strip().casefold()
        if doc in texts and measure in MEASURES:
            out.append(((doc, measure, _int_value(row.get("value")), places(row.get("location"))), row))
    return out


def _quote_span(quote, text):
    """(start, end) of the quote's first occurrence in the text, or None."""
    at = text.find(quote) if isinstance(quote, str) and quote else -1
    return (at, at + len(quote)) if at >= 0 else None


def _frame_pairs(entries, texts, doc_field):
    """((doc, frame name), item) for each justification of a document read that names a frame."""
    out = []
    for item in entries or ():
        doc, name = item.get(doc_field), frame_name(item.get("frame"))
        if doc in texts and name:
            out.append(((doc, name), item))
    return out


def _loose(key):
    """The loose key: the strict key without its places."""
    return key[:3]


def _prf(matched, annotated, extracted):
    """Recall, precision and F1, rounded to 3 places.

    All three are None when there is nothing on either side; otherwise a zero denominator gives 0.0
    (as scikit-learn's ``zero_division=0``), so that "extracted nothing" reads as precision 0.
    """
    counts = {"matched": matched, "annotated": annotated, "extracted": extracted}
    if not annotated and not extracted:
        return {"recall": None, "precision": None, "f1": None, **counts}
    recall = matched / annotated if annotated else 0.0
    precision = matched / extracted if extracted else 0.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return {"recall": round(recall, 3), "precision": round(precision, 3), "f1": round(f1, 3), **counts}


def _set_score(annotated, extracted):
    """Score two sets of keys (duplicates already collapsed by the sets)."""
    return _prf(len(annotated & extracted), len(annotated), len(extracted))


def _tally_scores(ann, ext):
    """Strict and loose scores, overall and by measure."""
    strict_a, strict_e = {k for k, _, _ in ann}, {k for k, _ in ext}
    loose_a, loose_e = {_loose(k) for k in strict_a}, {_loose(k) for k in strict_e}

    def part(keys, measure):
        return {k for k in keys if k[1] == measure}

    by_measure = {
        m: {
            "strict": _set_score(part(strict_a, m), part(strict_e, m)),
            "loose": _set_score(part(loose_a, m), part(loose_e, m)),
        }
        for m in MEASURES
    }
    return {"strict": _set_score(strict_a, strict_e), "loose": _set_score(loose_a, loose_e), "by_measure": by_measure}


def _nearest(rows, span):
    """The row whose evidence (``number_start``, else ``start``) is nearest the quote's span; ties: earliest, first."""

    def cost(item):
        index, row = item
        pos = _position(row.get("number_start"))
        pos = _position(row.get("start")) if pos is None else pos
        if span is None or pos is None:
            return (math.inf, 0, index)
        distance = span[0] - pos if pos < span[0] else max(0, pos - span[1])
        return (distance, pos, index)

    return min(enumerate(rows), key=cost)[1]


def _date_checks(ann, ext):
    """(entry, row, field, annotated day, extracted day) for each annotated non-null date of a matched tally."""
    by_key = {}
    for key, row in ext:
        by_key.setdefault(key, []).append(row)
    for key, entry, span in ann:
        if key not in by_key:
            continue
        row = _nearest(by_key[key], span)
        for field in DATE_FIELDS:
            want = _iso_day(entry.get(field))
            if want is not None:
                yield entry, row, span, field, want, _iso_day(row.get(field))


def _date_scores(ann, ext):
    """Date accuracy over every annotated entry whose strict key matched (None when nothing is annotated)."""
    counts = {field: {"right": 0, "annotated": 0} for field in DATE_FIELDS}
    for _, _, _, field, want, got in _date_checks(ann, ext):
        counts[field]["annotated"] += 1
        counts[field]["right"] += want == got
    for part in counts.values():
        part["accuracy"] = round(part["right"] / part["annotated"], 3) if part["annotated"] else None
    right = sum(part["right"] for part in counts.values())
    annotated = sum(part["annotated"] for part in counts.values())
    accuracy = round(right / annotated, 3) if annotated else None
    return {"accuracy": accuracy, "right": right, "annotated": annotated, **counts}


def _frame_scores(ann, ext):
    """Frame recall and precision over (doc, frame) pairs, overall and by frame."""
    keys_a, keys_e = {k for k, _ in ann}, {k for k, _ in ext}
    frames = sorted({name for _, name in keys_a | keys_e})
    by_frame = {
        name: _set_score({k for k in keys_a if k[1] == name}, {k for k in keys_e if k[1] == name}) for name in frames
    }
    return {**_set_score(keys_a, keys_e), "by_frame": by_frame}


def score(tally_rows, reason_rows, expected, reasons, texts):
    """Score extracted rows against the annotations, over the documents in ``texts`` (the documents read).

    Rows and annotations of documents not in ``texts`` are left out. Recall, precision and F1 are None only
    when nothing is annotated or extracted (see ``_prf``); date accuracies are None when no date is annotated.
    "frames" is None when ``reasons`` or ``reason_rows`` is None (no justifications to score).
    """
    ann, ext = _annotated(expected, texts), _extracted(tally_rows, texts)
    frames = None
    if reasons is not None and reason_rows is not None:
        frames = _frame_scores(_frame_pairs(reasons, texts, "doc"), _frame_pairs(reason_rows, texts, "doc_id"))
    return {
        "documents": len(texts),
        "tallies": _tally_scores(ann, ext),
        "dates": _date_scores(ann, ext),
        "frames": frames,
    }


def _miss(kind, doc, span, annotation=None, extracted=None, field=None, want=None, got=None):
    """One miss in the common shape; ``want``/``got`` say what was annotated and what was extracted."""
    start, end = span if span else (None, None)
    return {
        "kind": kind,
        "doc": doc,
        "start": start,
        "end": end,
        "field": field,
        "want": want,
        "got": got,
        "annotation": annotation,
        "extracted": extracted,
    }


def _trim(row, fields):
    """The row reduced to the fields worth reading in a miss."""
    return {name: row[name] for name in fields if name in row} if row is not None else None


def _row_span(row):
    """(start, end) of an extracted row's evidence, or None."""
    start, end = _position(row.get("start")), _position(row.get("end"))
    return (start, end) if start is not None else None


def _tally_desc(item):
    """An annotation or extracted row as its key reads, places as written: "injured 3 @ Iraq and Syria"."""
    return f"{item.get('measure')} {item.get('value')} @ {item.get('location')}"


def _first_by_position(items):
    """The item whose span starts first (items are (item, span)); unknown spans last."""
    return min(items, key=lambda pair: pair[1][0] if pair[1] else math.inf)


def _annotation_side(ann, ext):
    """ "tally missed" and "tally wrong place" for each annotated strict key without a strict match."""
    ann_keys, ext_keys = {k for k, _, _ in ann}, {k for k, _ in ext}
    loose_rows = {}
    for key, row in ext:
        loose_rows.setdefault(_loose(key), []).append((key, row))
    out, seen = [], set()
    for key, _, _ in ann:
        if key in ext_keys or key in seen:
            continue
        seen.add(key)
        entry, span = _first_by_position([(e, s) for k, e, s in ann if k == key])
        near = loose_rows.get(_loose(key))
        if not near:
            out.append(_miss("tally missed", key[0], span, entry, want=_tally_desc(entry)))
            continue
        unmatched = [(k, r) for k, r in near if k not in ann_keys] or near
        row = _nearest([r for _, r in unmatched], span)
        got = "; ".join(sorted({str(r.get("location")) for _, r in unmatched}))
        out.append(
            _miss(
                "tally wrong place",
                key[0],
                span,
                entry,
                _trim(row, TALLY_ROW_FIELDS),
                "location",
                entry["location"],
                got,
            )
        )
    return out


def _extraction_side(ann, ext):
    """ "tally invented" for extracted keys with no annotation even loosely, and "tally wrong place" for an extra
    place variant of a tally whose annotated keys all matched (otherwise the annotation side shows it)."""
    ann_keys, ext_keys = {k for k, _, _ in ann}, {k for k, _ in ext}
    ann_loose = {_loose(k) for k in ann_keys}
    open_loose = {_loose(k) for k in ann_keys - ext_keys}
    out, seen = [], set()
    for key, _ in ext:
        if key in ann_keys or key in seen or _loose(key) in open_loose:
            continue
        seen.add(key)
        row, span = _first_by_position([(r, _row_span(r)) for k, r in ext if k == key])
        if _loose(key) not in ann_loose:
            out.append(
                _miss("tally invented", key[0], span, extracted=_trim(row, TALLY_ROW_FIELDS), got=_tally_desc(row))
            )
            continue
        entries = [(e, s) for k, e, s in ann if _loose(k) == _loose(key)]
        entry = _first_by_position(entries)[0]
        want = "; ".join(sorted({e["location"] for e, _ in entries}))
        out.append(
            _miss(
                "tally wrong place",
                key[0],
                span,
                entry,
                _trim(row, TALLY_ROW_FIELDS),
                "location",
                want,
                str(row.get("location")),
            )
        )
    return out


def _frame_misses(ann, ext, texts):
    """ "frame missed" and "frame invented", one per (doc, frame) pair."""
    ann_keys, ext_keys = {k for k, _ in ann}, {k for k, _ in ext}
    out = []
    for key in sorted(ann_keys - ext_keys):
        entry, span = _first_by_position([(e, _quote_span(e["quote"], texts[key[0]])) for k, e in ann if k == key])
        out.append(_miss("frame missed", key[0], span, entry, field="frame", want=entry["frame"]))
    for key in sorted(ext_keys - ann_keys):
        row, span = _first_by_position([(r, _row_span(r)) for k, r in ext if k == key])
        out.append(
            _miss(
                "frame invented",
                key[0],
                span,
                extracted=_trim(row, REASON_ROW_FIELDS),
                field="frame",
                got=row.get("frame"),
            )
        )
    return out


def misses(tally_rows, reason_rows, expected, reasons, texts):
    """Every error behind the score, one per key (as the score counts keys) and one per wrong date,
    sorted by kind (in ``MISS_KINDS`` order), doc and start offset."""
    ann, ext = _annotated(expected, texts), _extracted(tally_rows, texts)
    out = _annotation_side(ann, ext) + _extraction_side(ann, ext)
    for entry, row, span, field, want, got in _date_checks(ann, ext):
        if want != got:
            out.append(_miss("date wrong", entry["doc"], span, entry, _trim(row, TALLY_ROW_FIELDS), field, want, got))
    if reasons is not None and reason_rows is not None:
        out += _frame_misses(_frame_pairs(reasons, texts, "doc"), _frame_pairs(reason_rows, texts, "doc_id"), texts)

    def order(miss):
        start = -1 if miss["start"] is None else miss["start"]
        return (
            MISS_KINDS.index(miss["kind"]),
            miss["doc"],
            start,
            miss["field"] or "",
            str(miss["want"]),
            str(miss["got"]),
        )

    return sorted(out, key=order)
