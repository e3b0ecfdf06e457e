"""What the event coder finds in a sentence, before it is dated and placed."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from thucydides.model import ActorRef, Factuality


@dataclass(frozen=True, slots=True)
class Coding:
    """An event found in a sentence, before it is dated and placed."""

    sentence: int
    trigger: Token
    code: str
    actor: ActorRef | None
    recipient: ActorRef | None
    factuality: Factuality
    speaker: ActorRef | None
    specificity: int
    inferred: bool  # an actor came from coreference or an implicit agent
    reporter: Token | None = None  # the verb reporting the event: "he said"
    rule: str = ""  # the pattern that made it: ``patterns_cameo.yaml#12``, ``CAMEO.2.0.txt:5437``


@dataclass(frozen=True, slots=True)
class EventReport:
    """What all codings of one trigger share: its factuality and who reported it."""

    trigger: Token
    factuality: Factuality
    reporter: Token | None
    speaker: ActorRef | None
    specificity: int
    inferred: bool
    rule: str

    def coding(self, code: str, actor: ActorRef | None, recipient: ActorRef | None) -> Coding:
        return Coding(
            0,
            self.trigger,
            code,
            actor,
            recipient,
            self.factuality,
            self.speaker,
            self.specificity,
            self.inferred,
            self.reporter,
            self.rule,
        )


def actor_code(ref: ActorRef | None) -> str | None:
    return ref.actor.code if ref is not None else None


def identity(ref: ActorRef | None) -> str | None:
    """Who an actor is, for telling codings apart: its code, and its name if it has one."""
    if ref is None or ref.actor.code is None:
        return None  # an actor no code identifies is no one in particular
    return f"{ref.actor.code}|{ref.actor.name or ''}"
