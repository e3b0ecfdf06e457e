"""Scoring the engine against gold sets: precision, recall, F1 and accuracy per field."""
