"""Hand-built dependency parses and codings for tests of tree logic, independent of the
statistical model (as spaCy tests its own: ``Doc(vocab, words=…, heads=…, deps=…)``)."""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from thucydides.events.records import Coding
from thucydides.model import Actor, ActorRef, Factuality, Span

# One row per word: text, lemma, POS, dependency, head (index; a root is its own head).
Row = tuple[str, str, str, str, int]
# A vocabulary that lower-cases as a language's does (rules read ``lower_``), with no model:
# a bare ``Vocab()`` gives every token an empty ``lower_``, and the rules silently never fire.
VOCAB = Vocab(lex_attr_getters={LOWER: str.lower})


def parse(rows: list[Row], tags: dict[int, str] | None = None) -> Doc:
    """A parse from (word, lemma, pos, dep, head index) rows, with fine tags where needed."""
    words, lemmas, pos, deps, heads = zip(*rows, strict=True)
    tagged = tags or {}
    return Doc(
        VOCAB,
        words=list(words),
        lemmas=list(lemmas),
        pos=list(pos),
        tags=[tagged.get(i, "") for i in range(len(rows))],
        deps=list(deps),
        heads=list(heads),
    )


def ref(token: Token, actor: Actor) -> ActorRef:
    """The mention of ``actor`` at ``token``."""
    return ActorRef(token.text, Span(token.idx, token.idx + len(token)), actor)


def coding(
    trigger: Token,
    code: str,
    actor: ActorRef | None = None,
    recipient: ActorRef | None = None,
    factuality: Factuality = "asserted",
    specificity: int = 1,
    sentence: int = 0,
) -> Coding:
    return Coding(
        sentence=sentence,
        trigger=trigger,
        code=code,
        actor=actor,
        recipient=recipient,
        factuality=factuality,
        speaker=None,
        specificity=specificity,
        inferred=False,
    )
