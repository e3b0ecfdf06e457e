"""Stage: speech. Quotations (direct and indirect) with their cue and speaker, and stances."""

from thucydides.speech.lexicon import SpeechLexicon, load_speech_lexicon
from thucydides.speech.quotes import find_quotes
from thucydides.speech.stances import find_stances

__all__ = ["SpeechLexicon", "find_quotes", "find_stances", "load_speech_lexicon"]
