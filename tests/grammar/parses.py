"""Hand-built dependency parses: the grammar is tested on the trees it reads, not on what a
statistical parser happens to produce for a sentence."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

# One row per word: text, head (index; a root is its own head), dependency, POS, tag, lemma.
Row = tuple[str, int, str, str, str, str]
# English lexical attributes (``lower_``), without any trained pipeline
VOCAB = English().vocab


def parse(*rows: Row) -> Doc:
    words, heads, deps, pos, tags, lemmas = (list(column) for column in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
