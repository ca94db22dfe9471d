"""Deterministic random numbers whose state lives inside the game state.

The engine never calls :mod:`random`: a move that needs chance takes the state's
``rng`` integer, draws from it with :func:`draw` and stores the returned new
state. SplitMix64 is small, fast and has no hidden global state, which keeps
``apply(state, action)`` a pure function (the boardgame.io idea).
"""

from __future__ import annotations

_MASK = (1 << 64) - 1


def seed_state(seed: int) -> int:
    """The initial generator state for a user-facing seed."""
    return (int(seed) * 0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) & _MASK


def draw(state: int) -> tuple[float, int]:
    """Return a float in [0, 1) and the next generator state."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z ^= z >> 31
    return (z >> 11) / float(1 << 53), state


def derive(seed: int, *parts: int | str) -> int:
    """A seed derived from ``seed`` and labels (for per-decision AI randomness)."""
    state = seed_state(seed)
    for part in parts:
        value = part if isinstance(part, int) else sum((i + 1) * ord(c) for i, c in enumerate(part))
        state = (state ^ (value * 0xD6E8FEB86659FD93)) & _MASK
        _, state = draw(state)
    return state
