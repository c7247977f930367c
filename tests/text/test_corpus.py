"""The loader: normalization that offsets rely on, strict sidecars, and property tests
that no bytes or YAML can crash the command line (only a clean exit 2 or success)."""

import contextlib
import datetime as dt
import io
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from analysis.text import corpus
from analysis.text.corpus import SIDECAR_FIELDS, InputError, load_corpus, read_sidecar


def write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


@pytest.mark.parametrize(
    "raw, text",
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"\xef\xbb\xbfa\r\n\r\nb", "a\n\nb"),
        ("caf\u00e9 \ufeff mid-text BOM kept".encode(), "caf\u00e9 \ufeff mid-text BOM kept"),
    ],
)
def test_loader_drops_the_bom_and_normalizes_line_endings(raw, text, tmp_path):
    write(tmp_path, "d.txt", raw)
    (doc,) = load_corpus([tmp_path / "d.txt"], [])
    assert doc.text == text
    assert doc.sha256 == __import__("hashlib").sha256(raw).hexdigest()  # of the file as read


def test_invalid_utf8_offset_counts_the_bom(tmp_path):
    write(tmp_path, "d.txt", b"\xef\xbb\xbfab\xff")
    with pytest.raises(InputError, match=r"byte 0xff at offset 5"):
        load_corpus([tmp_path], [])


def test_sidecar_dates_and_empty_sidecars(tmp_path):
    today = dt.date(2024, 6, 1)
    for source in ("published: 2024-01-12", "published: '2024-01-12'", "published: 2024-01-12 23:59:00"):
        write(tmp_path, "s.meta.yml", source.encode())
        assert read_sidecar(tmp_path / "s.meta.yml", [], today)["published"] == dt.date(2024, 1, 12)
    for source in (b"", b"\xef\xbb\xbf", b"# only a comment\n", b"~\n"):
        write(tmp_path, "s.meta.yml", source)
        assert read_sidecar(tmp_path / "s.meta.yml", [], today) == {}


def test_aliases_cannot_blow_up_the_message(tmp_path):
    """A few hundred bytes of YAML aliases expand to 9**9 items if printed naively."""
    lines = ["a: &a [1,2,3,4,5,6,7,8,9]"]
    for prev, name in zip("abcdefg", "bcdefgh"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("title: [" + ",".join(["*h"] * 9) + "]")
    write(tmp_path, "s.meta.yml", "\n".join(lines).encode())
    started = time.perf_counter()
    with pytest.raises(InputError, match="'title' must be text, got list") as info:
        read_sidecar(tmp_path / "s.meta.yml", [])
    assert len(str(info.value)) < 200 and time.perf_counter() - started < 1


def test_ids_fold_case_and_punctuation_but_not_letters(tmp_path):
    for name in ("caf\u00e9.txt", "cafe.txt", "\u00fc.txt", "\u00e4.txt"):
        write(tmp_path / "ok", name, b"Text.")
    assert len(load_corpus([tmp_path / "ok"], [])) == 4
    for name in ("Report 1.txt", "report_1.txt"):
        write(tmp_path / "clash", name, b"Text.")
    with pytest.raises(InputError, match="collides with"):
        load_corpus([tmp_path / "clash"], [])


def test_a_file_named_twice_is_read_once(tmp_path):
    path = write(tmp_path, "d.txt", b"Text.")
    assert [d.doc_id for d in load_corpus([tmp_path, path], [])] == ["d"]


def test_messages_stay_on_one_line(tmp_path):
    path = write(tmp_path, "two\nlines.txt", b"")
    with pytest.raises(InputError) as info:
        load_corpus([path], [])
    assert "\n" not in str(info.value) and "two\\nlines.txt" in info.value.path


# --- properties: nothing a file can hold crashes the command line ------------------

SIDECAR_META = "title: T\npublished: 2024-01-12\npublished_basis: stated\nlanguage: en\n"
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=10),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
sidecar_dicts = st.dictionaries(st.sampled_from(list(SIDECAR_FIELDS)) | st.text(max_size=12), values, max_size=6)
sidecars = st.one_of(
    st.dictionaries(st.sampled_from(list(SIDECAR_FIELDS)), st.none() | st.text(max_size=40), max_size=7).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True).encode("utf-8")  # mostly valid: hostile text reaches the tables
    ),
    sidecar_dicts.map(lambda d: yaml.safe_dump(d, allow_unicode=True).encode("utf-8")),
    sidecar_dicts.map(lambda d: yaml.safe_dump(d).encode("utf-8")[:-3]),  # cut mid-structure
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.binary(max_size=200),
)
documents = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8")),
    st.lists(
        st.sampled_from(
            ["US forces", " were attacked", " on Friday", ". ", "\r\n", "\ufeff", " 12 ", "Jan. 4", "\x00", "\u2028"]
        ),
        max_size=40,
    ).map(lambda parts: "".join(parts).encode("utf-8")),
)


def run_main(folder: Path) -> tuple[int, list[str]]:
    from analysis.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["extract", str(folder / "in"), "--out", str(folder / "out")])
    return code, err.getvalue().splitlines()


def check_outcome(code: int, err: list[str], folder: Path, blamed: tuple[str, ...]):
    event(f"exit {code}" + (f": {err[0].split(': ')[2][:25]}" if code == 2 else ""))
    if code == 2:
        assert len(err) == 1 and err[0].startswith("error: ") and any(name in err[0] for name in blamed), err
        assert not (folder / "out").exists()
    else:
        assert code == 0 and all(line.startswith("warning: ") for line in err), err
        assert (folder / "out" / "datapackage.json").is_file()


@given(raw=documents)
def test_any_bytes_as_a_document_give_success_or_one_clean_error(raw, offsets_hold):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(folder / "in", "doc.txt", raw)
        write(folder / "in", "doc.meta.yml", SIDECAR_META.encode())
        code, err = run_main(folder)
        check_outcome(code, err, folder, ("doc.txt",))
        if code == 0:
            (doc,) = load_corpus([folder / "in"], [])
            offsets_hold(folder / "out", {"doc": doc.text})


@given(sidecar=sidecars)
def test_any_sidecar_gives_success_or_one_clean_error(sidecar):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write(folder / "in", "doc.txt", b"US forces were attacked on Friday.\n")
        write(folder / "in", "doc.meta.yml", sidecar)
        code, err = run_main(folder)
        check_outcome(code, err, folder, ("doc.meta.yml",))


# --- issue 15: sidecars and documents checked whole, links kept inside the corpus -------


def test_a_repeated_sidecar_key_is_a_warning_and_the_last_value_wins(tmp_path):
    write(tmp_path, "s.meta.yml", b"title: First\ntitle: Second\npublished: 2024-01-12\n")
    warnings: list[str] = []
    assert read_sidecar(tmp_path / "s.meta.yml", warnings)["title"] == "Second"
    assert len(warnings) == 1 and "sidecar key 'title' appears more than once" in warnings[0]


@pytest.mark.parametrize(
    "controls, binary",
    [
        ([5000 + i for i in range(9)], True),  # nine together, after the first 4,096 characters
        ([10, 3000, 4090, 4100, 6000, 9000, 12000, 15000, 18000], False),  # nine spread thin
        ([100 + i for i in range(8)], False),  # eight: the limit
    ],
    ids=["late-burst", "spread", "eight"],
)
def test_control_characters_are_checked_in_the_whole_document(controls, binary, tmp_path):
    text = list("a" * 20000)
    for at in controls:
        text[at] = "\x01"
    write(tmp_path, "d.txt", "".join(text).encode())
    if binary:
        with pytest.raises(InputError, match="binary content"):
            load_corpus([tmp_path / "d.txt"], [])
    else:
        assert load_corpus([tmp_path / "d.txt"], [])


def test_sidecars_have_a_size_limit(tmp_path):
    from analysis.text.corpus import MAX_SIDECAR_BYTES

    write(tmp_path, "d.txt", b"Text.")
    head = b"published: 2024-01-12\nnote: "
    write(tmp_path, "d.meta.yml", head + b"x" * (MAX_SIDECAR_BYTES - len(head)))
    assert load_corpus([tmp_path], [])[0].meta["note"]  # exactly at the limit: read
    write(tmp_path, "d.meta.yml", head + b"x" * (MAX_SIDECAR_BYTES - len(head) + 1))
    started = time.perf_counter()
    with pytest.raises(InputError, match="above the 1048576-byte limit"):
        load_corpus([tmp_path], [])
    assert time.perf_counter() - started < 1


def test_links_inside_the_corpus_are_followed(tmp_path):
    """A sidecar linked from a subfolder, and a document named on the command line through
    a link whose sidecar lies beside its target, are read as before."""
    write(tmp_path / "in" / "shared", "meta.yml", b"published: 2024-01-12\n")
    write(tmp_path / "in", "d.txt", b"Text.")
    (tmp_path / "in" / "d.meta.yml").symlink_to(tmp_path / "in" / "shared" / "meta.yml")
    write(tmp_path / "store", "e.txt", b"Text.")
    write(tmp_path / "store", "e.meta.yml", b"published: 2024-01-11\n")
    (tmp_path / "e.txt").symlink_to(tmp_path / "store" / "e.txt")
    (tmp_path / "e.meta.yml").symlink_to(tmp_path / "store" / "e.meta.yml")
    warnings: list[str] = []
    docs = load_corpus([tmp_path / "in", tmp_path / "e.txt"], warnings)
    assert [(d.doc_id, d.published) for d in docs] == [("d", dt.date(2024, 1, 12)), ("e", dt.date(2024, 1, 11))]
    assert warnings == []


def test_an_empty_argument_is_not_the_working_directory(tmp_path, monkeypatch):
    write(tmp_path, "d.txt", b"Text.")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="empty argument"):
        load_corpus([""], [])


# --- the fast YAML path agrees with the pure-Python loader ----------------------------


def _outcome(load, text):
    try:
        return "ok", load(text)
    except yaml.YAMLError as exc:
        return "error", type(exc).__name__, str(exc)
    except (ValueError, OverflowError, RecursionError) as exc:
        return "error", type(exc).__name__, str(exc)


def _pure(text):
    return corpus._load_with(yaml.SafeLoader, text)


YAMLISH = st.text(alphabet=list("ab1:- \n\t\"'#[]{},&*!|>?%@`.\\/\u00e9\u2028\x85\x07\ufeff"), max_size=40)
KEYS = st.sampled_from(["title", "url", "published", "note", "y", "on", "null", "k" * 70])
LINES = st.lists(
    st.one_of(
        st.builds(lambda k, v: f"{k}: {v}", KEYS, YAMLISH),
        st.builds(lambda k, v: f'{k}: "{v}"', KEYS, YAMLISH),
        st.builds(lambda k, v: f"{k}: '{v}'", KEYS, YAMLISH),
        st.builds(lambda v: f"# {v}", YAMLISH),
        st.sampled_from(["published: 2024-01-12", "published: 2024-13-45", "url: https://example.org/a:b", ""]),
    ),
    max_size=6,
)


@given(st.one_of(YAMLISH, LINES.map("\n".join)))
def test_sidecar_yaml_reads_as_the_pure_loader_reads_it(text):
    event("fast path" if corpus._simple(text) else "pure path")
    assert _outcome(corpus._load_yaml, text) == _outcome(_pure, text)


@pytest.mark.parametrize(
    "text",
    [
        "title: 'A headline'\npublished: 2024-01-12\ntitle: again\n",
        "published: 2024-13-45\n",
        "a: [" * 200 + "]" * 200,
        "- " * 300 + "x\n",
        "".join(" " * i + f"k{i}:\n" for i in range(80)),
        "note: tab\there\n",
        "note: \x07bell\n",
    ],
)
def test_sidecar_yaml_edge_cases_read_as_the_pure_loader_reads_them(text):
    assert _outcome(corpus._load_yaml, text) == _outcome(_pure, text)
