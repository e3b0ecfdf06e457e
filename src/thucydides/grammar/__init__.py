"""English grammar shared by the stages: roles in the dependency parse and factuality.

Neither event nor actor knowledge: who is the subject or object of a verb, whether it is
passive or an infinitive, which clause governs a word, and whether a predicate is negated
or only possible. Events, speech and agreements read it; it imports no stage.
"""
