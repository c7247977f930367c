"""Build a benchmark corpus of real articles: the development corpus's documents (text
and sidecar) repeated, round-robin, to N documents under a build folder.

Real text costs more than the synthetic corpus (longer sentences, more names and
numbers), so the throughput targets are measured on it. The texts are third-party: they
are copied under _build/ only (ignored by git), never into the project. Each copy is
named `rNNNNN_<original name>`, so document ids stay unique and the order is stable.
A folder already built for the same source and N is reused (a stamp lists its inputs).

    python bench/real_corpus.py --src ../shared/dev/docs --n 4000 --out _build/bench/real-n4000
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path


def _sources(src: Path) -> list[Path]:
    return sorted(p for p in src.glob("*.txt") if p.with_name(p.stem + ".meta.yml").is_file())


def _stamp(texts: list[Path], n: int) -> str:
    digest = hashlib.sha256(str(n).encode())
    for path in texts:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        digest.update(path.with_name(path.stem + ".meta.yml").read_bytes())
    return digest.hexdigest()


def write_real_corpus(src: Path, out: Path, n: int) -> list[Path]:
    """The N text files of the corpus at `out` (built, or reused when its stamp matches)."""
    texts = _sources(Path(src))
    if not texts:
        raise SystemExit(f"error: {src}: no .txt documents with .meta.yml sidecars")
    stamp = _stamp(texts, n)
    stamp_file = out / ".stamp"
    names = [f"r{i:05d}_{texts[i % len(texts)].name}" for i in range(n)]
    if stamp_file.is_file() and stamp_file.read_text() == stamp:
        return [out / name for name in names]
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for i, name in enumerate(names):
        text = texts[i % len(texts)]
        shutil.copyfile(text, out / name)
        shutil.copyfile(text.with_name(text.stem + ".meta.yml"), out / (name[: -len(".txt")] + ".meta.yml"))
    stamp_file.write_text(stamp)
    return [out / name for name in names]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path("../shared/dev/docs"))
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    paths = write_real_corpus(args.src, args.out, args.n)
    print(f"{len(paths)} documents in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
