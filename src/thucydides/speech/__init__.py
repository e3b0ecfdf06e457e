"""Stage: speech. Direct quotations with their cue and speaker (stances and agreements to come)."""

from thucydides.speech.quotes import find_quotes

__all__ = ["find_quotes"]
