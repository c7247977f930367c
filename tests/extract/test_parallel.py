"""Speed and scale: worker processes and Dask give byte-identical output folders, the
corpus streams through them, and the speed-ups (gated patterns, the date prefilter)
match exactly what the plain patterns match. No timing assertions."""
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.extract import parallel, pipeline
from analysis.text import dates
from analysis.text.corpus import Document, InputError, iter_corpus
from analysis.text.regex import gated
from analysis.text.lexicon import load_lexicon
from analysis.paths import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import document, write_corpus  # noqa: E402

N_DOCS = 36


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A few dozen synthetic documents, one of them without a sidecar (a warning)."""
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, N_DOCS, seed=7)
    (folder / "synthetic_00003.meta.yml").unlink()
    return folder


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    """The single-process run everything is compared with: (folder, stderr lines)."""
    from analysis.cli import main

    out = tmp_path_factory.mktemp("single") / "out"
    assert main(["extract", str(corpus), "--out", str(out)]) == 0
    return out


def test_jobs_2_writes_the_same_bytes(corpus, single, run, snapshot, tmp_path):
    code, _, err = run("extract", corpus, "--out", tmp_path / "out", "--jobs", "2")
    assert code == 0
    assert snapshot(tmp_path / "out") == snapshot(single)
    assert [line for line in err if line.startswith("warning:")] == [
        f"warning: {line}" for line in _warnings(corpus)]


def test_dask_engine_writes_the_same_bytes(corpus, single, run, snapshot, tmp_path):
    # --engine dask starts its own LocalCluster: worker processes on 127.0.0.1, no dashboard
    code, _, err = run("extract", corpus, "--out", tmp_path / "out", "--engine", "dask", "--jobs", "2")
    assert code == 0
    assert snapshot(tmp_path / "out") == snapshot(single)
    assert [line for line in err if line.startswith("warning:")] == [
        f"warning: {line}" for line in _warnings(corpus)]


def test_dask_on_a_given_cluster_returns_results_in_order(corpus):
    from distributed import Client, LocalCluster

    expected = [pipeline.extract_document(d) for d in iter_corpus([corpus], [])]
    with LocalCluster(processes=False, n_workers=1, threads_per_worker=2, protocol="tcp://", host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        got = list(parallel.map_documents(iter_corpus([corpus], []), jobs=2, engine="dask", chunksize=3, client=client))
    assert got == expected


def _warnings(corpus):
    found: list[str] = []
    for _ in iter_corpus([corpus], found):
        pass
    return found


def _documents(n, pulled):
    """n in-memory synthetic documents, counting how many the consumer has taken."""
    import random

    rng = random.Random(1)
    for i in range(n):
        pulled.append(i)
        text, _ = document(rng)
        yield Document(doc_id=f"d{i}", path=f"d{i}.txt", text=text, sha256="0" * 64, meta={})


@pytest.mark.parametrize("engine, jobs", [("local", 2), ("dask", 1)])
def test_documents_stream_through_the_workers(engine, jobs):
    """The first result arrives long before the corpus has been read: a bounded number of
    documents is in flight, whatever the corpus size."""
    from distributed import Client, LocalCluster

    pulled: list[int] = []
    n = 3000 if engine == "local" else 400
    if engine == "dask":
        with LocalCluster(processes=False, n_workers=1, threads_per_worker=1, protocol="tcp://", host="127.0.0.1",
                          dashboard_address=None) as cluster, Client(cluster) as client:
            results = parallel.map_documents(_documents(n, pulled), jobs=jobs, engine=engine, chunksize=4, client=client)
            next(results)
            assert len(pulled) <= 4 * 16  # at most three windows of 16 and the one being read
            results.close()
        return
    results = parallel.map_documents(_documents(n, pulled), jobs=jobs, engine=engine)
    next(results)
    assert len(pulled) < n // 2
    results.close()


def test_input_error_in_the_corpus_is_raised_as_without_workers():
    def documents():
        yield from _documents(40, [])
        raise InputError("bad.txt", "not valid UTF-8")

    with pytest.raises(InputError, match="not valid UTF-8"):
        list(parallel.map_documents(documents(), jobs=2))


# --- speed-ups that must not change a match ---------------------------------------------

def _lexicon_patterns():
    """Patterns as the extractors compile them from the lexicons (case as they use it)."""
    tallies, frames, cues, places = (load_lexicon(n) for n in ("tallies", "frames", "cues", "places"))
    found = [(s["pattern"], re.I) for s in tallies["sources"]]
    found += [(t["pattern"], re.I) for t in tallies["targets"] + tallies["perpetrators"]]
    found += [("|".join(tallies[k]), re.I) for k in ("total_before", "part_cues", "window_cues")]
    found += [(tallies[k], re.I) for k in ("us_context", "us_actor", "tally_word")] + [(tallies["other_conflicts"], 0)]
    found += [("|".join(places["not_locations"]), re.I)]
    groups = "|".join(f"(?P<f{i}>" + "|".join(ps) + ")" for i, ps in enumerate(frames["frames"].values()))
    found += [(r"(?<![\w-])(?:" + groups + r")(?![\w-])", 0), (r"(?i)(?<![\w-])(?:" + groups + r")(?![\w-])", 0)]
    status = "|".join(f"(?P<s{i}>" + "|".join(ps) + ")" for i, ps in enumerate(cues["status_cues"].values()))
    found += [(r"(?<![\w-])(?:" + status + r")(?![\w-])", 0)]
    found += [(r"(?<![\w-])(?:" + "|".join(map(re.escape, cues["attribution_verbs"])) + r")(?![\w-])", 0)]
    return found


PATTERNS = _lexicon_patterns()
WORDS = sorted({w for p, _ in PATTERNS for w in re.findall(r"[A-Za-z]{2,}", p)})
TEXT = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from([" ", ", ", ". ", "-", "'s ", "\n", "U.S. ", "ſ", "K", "İ", "7"]),
                          st.text(max_size=3)), max_size=40).map(" ".join)


def _spans(rx, text):
    return [(m.span(), m.lastgroup, m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("limit", [1, 3])
def test_gated_patterns_match_what_the_plain_ones_match_on_the_corpus(limit, corpus):
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    for pattern, flags in PATTERNS:
        plain, fast = re.compile(pattern, flags), gated(pattern, flags, limit=limit)
        for text in texts:
            assert _spans(fast, text) == _spans(plain, text), pattern
            assert _spans(fast, text.lower()) == _spans(plain, text.lower()), pattern


@given(text=TEXT, case=st.sampled_from([str, str.lower, str.upper, str.title]))
def test_gated_patterns_match_what_the_plain_ones_match(text, case):
    text = case(text)
    for pattern, flags in PATTERNS:
        for limit in (1, 3):
            assert _spans(gated(pattern, flags, limit=limit), text) == _spans(re.compile(pattern, flags), text), pattern


DATE_WORDS = ["Oct.", "October", "OCT", "17", "17th", "2023", "2024-01-12", "Friday", "friday", "FRIDAY", "last", "this",
              "next", "week", "ago", "a", "an", "few", "couple", "of", "days", "day", "earlier", "mid", "late", "early",
              "since", "in", "on", "yesterday", "tonight", "three", "ſix", "ſeptember", "Sept", "night", "the", "of", "May"]


@given(st.lists(st.one_of(st.sampled_from(DATE_WORDS), st.sampled_from([" ", ", ", ".", "-", "\n"]), st.text(max_size=2)),
                max_size=30).map(" ".join))
def test_date_prefilter_finds_every_place_a_date_can_start(text):
    plain = [(m.start(), m.end(), m.lastgroup) for m in dates._rules().scanner.finditer(text)]
    assert all(dates._rules().start.match(text, start) for start, _, _ in plain)
    published = dates.dt.date(2024, 1, 12)
    found = [(m.start, m.end) for m in dates.find_dates(text, published)]
    assert set(found) <= {(a, b) for a, b, _ in plain}
