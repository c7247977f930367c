"""The committed corpus: the seed is kept byte-for-byte, and every document has a
sidecar that loads under the strict rules."""

import hashlib

from analysis.paths import SEEDS
from analysis.text.corpus import load_corpus

SEED = SEEDS / "000_1c69196dbcf4aa03.txt"
SEED_SHA256 = "270815232e6398e60b37c253a3d774b02545146de5211e80ff0bcbc7a5264766"


def test_seed_is_byte_identical_to_the_original():
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_every_seed_has_a_complete_sidecar_without_warnings():
    warnings: list[str] = []
    docs = load_corpus([SEEDS], warnings)
    assert docs and not warnings
    for doc in docs:
        assert {"title", "url", "published", "published_basis", "language"} <= set(doc.meta)
        assert doc.published is not None and doc.meta["published_basis"]
