"""Parses a random sample of abstract sentences and writes their trees for reading.

    python tools/ud_domain_check.py CORPUS [--n 30] [--seed 0] [--out .model-build/domain]

For each sampled sentence (from the listing pages or JSON Lines `kg.ingest.read_papers` reads) it
writes a displaCy SVG, and one `trees.txt` with every token's tag, UPOS, relation and head, so the
systematic errors on scientific text can be listed (docs/extraction.md). Output goes to a
git-ignored directory.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from spacy import displacy
from spacy.tokens import Span

from extractors.pipeline import build_nlp
from kg.ingest import first_occurrences, read_papers


def sample_sentences(corpus: Path, n: int, seed: int) -> list[Span]:
    nlp = build_nlp()
    papers = list(first_occurrences(read_papers([corpus])))
    random.Random(seed).shuffle(papers)
    sentences: list[Span] = []
    for doc in nlp.pipe(paper.text for paper in papers[:n]):
        body = [sentence for sentence in doc.sents if sentence.start > 0 and len(sentence) >= 6]
        if body:
            sentences.append(random.Random(seed + len(sentences)).choice(body))
    return sentences[:n]


def describe(sentence: Span) -> str:
    rows = [
        f"{t.i - sentence.start:>3} {t.text:<20} {t.tag_:<5} {t.pos_:<6} {t.dep_:<12} {t.head.i - sentence.start}"
        for t in sentence
    ]
    return "\n".join([sentence.text, *rows, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(".model-build/domain"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sentences = sample_sentences(args.corpus, args.n, args.seed)
    for number, sentence in enumerate(sentences):
        svg = displacy.render(sentence, style="dep", options={"compact": True})
        (args.out / f"{number:02d}.svg").write_text(svg, encoding="utf-8")
    (args.out / "trees.txt").write_text("\n".join(describe(s) for s in sentences), encoding="utf-8")
    print(f"{len(sentences)} sentences -> {args.out}")


if __name__ == "__main__":
    main()
