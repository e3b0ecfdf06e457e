"""What earlier sentences said, for a sentence that refers back to it: the latest
violence, its sides (the belligerents) and who last acted against whom."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from thucydides.events.frames import Frames
from thucydides.events.records import Coding
from thucydides.model import ActorRef


@dataclass(frozen=True, slots=True)
class Discourse:
    """The codings of the document so far: those of earlier sentences, then those of the
    sentence being coded, found before the current trigger."""

    earlier: Sequence[Coding]
    current: Sequence[Coding]
    frames: Frames

    def latest_first(self) -> Iterator[Coding]:
        return chain(reversed(self.current), reversed(self.earlier))

    def latest_violent_actor(self) -> list[ActorRef]:
        """ "The assault ...": the actor of the latest violent event."""
        for coding in self.latest_first():
            if self.frames.of(coding.code).violent and coding.actor is not None:
                return [coding.actor]
        return []

    def last_attacker_of(self, agent: ActorRef) -> list[ActorRef]:
        """A response is aimed at whoever last acted against the responder."""
        for coding in self.latest_first():
            if (
                coding.actor is not None
                and coding.actor.actor.code != agent.actor.code
                and (
                    coding.recipient is not None
                    and coding.recipient.actor.country == agent.actor.country
                )
            ):
                return [coding.actor]
        return []

    def belligerents(self) -> list[ActorRef]:
        """The two sides of the latest fighting, for a truce or mediation that names none."""
        for coding in self.latest_first():
            if (
                self.frames.of(coding.code).violent
                and coding.actor
                and coding.recipient
                and coding.actor.actor.country
                and coding.recipient.actor.country
            ):
                return [coding.actor, coding.recipient]
        return []
