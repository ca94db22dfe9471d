"""Naming a role: what a player may type for one (the command line's ``--role`` and
``--seat``, the terminal's role prompt)."""

from __future__ import annotations

from game.scenarios.schema import Scenario


def listed_roles(scenario: Scenario) -> list:
    """The roles a player may take, in the order (and numbering, from 1) the role prompt
    shows: every actor not marked non_party."""
    return [a for a in scenario.actors if a.status != "non_party"]


def role_of(scenario: Scenario, word: str) -> str | None:
    """The actor id ``word`` names among the :func:`listed_roles`: its number there (ASCII
    digits), its id, short code or name (any case, surrounding blanks ignored); None if it
    names none."""
    listed = listed_roles(scenario)
    found = _named(listed, word)
    if found is None and word.strip().isascii() and word.strip().isdigit():
        n = int(word.strip())
        return listed[n - 1].id if 1 <= n <= len(listed) else None
    return None if found is None else found.id


def _named(actors: list, word: str):
    w = word.strip().lower()
    if w.isascii() and w.isdigit():
        return None
    return next((a for a in actors if w in (a.id.lower(), a.short.lower(), a.name.lower())), None)


def resolve_roles(scenario: Scenario, words: list[str]) -> list[str]:
    """Role ids from what was typed (see :func:`role_of`), each once, in order. Raises
    ValueError naming the roles when one is unknown."""
    chosen = []
    for word in words:
        role = role_of(scenario, word)
        if role is None:
            outsider = _named([a for a in scenario.actors if a not in listed_roles(scenario)], word)
            if outsider is not None:
                raise ValueError(f"{outsider.name} is not a party to {scenario.id}: it has no seat at the "
                                 "table and cannot be played; choose one of the parties")
            roles = ", ".join(f"{n} {a.id}" for n, a in enumerate(listed_roles(scenario), 1))
            raise ValueError(f"no such role '{word}' in {scenario.id}; the roles are: {roles} "
                             "(give a number, an id, a short code or a name)")
        chosen.append(role)
    return list(dict.fromkeys(chosen))
