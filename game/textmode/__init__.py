"""The terminal game: the same negotiation in text, for accessibility, SSH and tests."""
