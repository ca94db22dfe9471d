"""Generated scenarios for the scaling benchmark, built in code (no YAML).

``generate_scenario(n_actors, n_issues)`` returns a validated
:class:`game.scenarios.schema.Scenario` shaped like the seed scenario: one
sequencing issue (adapt first / review / prolong first) plus ``n_issues - 1``
ordinary issues, three levels each; random actors with a position on every issue,
a few affinities, some red lines, offers and objectives; one boycotting party;
a few rounds with the final (signing) round last; ``min_signatures`` about half
the parties; one public event and one hidden draw. The same arguments always give
the same scenario.
"""

from __future__ import annotations

import datetime as dt
import random

from game.scenarios.checks import check_scenario
from game.scenarios.schema import Scenario

LEVELS = 3
SEQ_LEVELS = (
    ("adapt_first", "Adapt first", 1.0),
    ("review", "Review", 0.6),
    ("prolong_first", "Prolong first", 0.3),
)


def _colour(rng: random.Random) -> str:
    return "#" + "".join(f"{rng.randrange(40, 256):02x}" for _ in range(3))


def scenario_dict(
    n_actors: int, n_issues: int, n_rounds: int = 3, seed: int = 0, n_affinities: int = 6
) -> dict:
    """The raw scenario document (what a YAML file would hold)."""
    if n_actors < 2 or n_issues < 2 or n_rounds < 1:
        raise ValueError("need at least 2 actors, 2 issues (one is sequencing) and 1 round")
    rng = random.Random(f"bench-scenario-{n_actors}-{n_issues}-{n_rounds}-{seed}")
    issues = [
        {
            "id": "sequencing",
            "name": "Sequencing",
            "weight": 0,
            "sequencing": True,
            "baseline": "prolong_first",
            "levels": [{"id": i, "name": n, "promise_weight": w} for i, n, w in SEQ_LEVELS],
        }
    ]
    for k in range(1, n_issues):
        depths = sorted(round(rng.uniform(0.0, 1.0), 2) for _ in range(LEVELS))
        issues.append(
            {
                "id": f"issue{k}",
                "name": f"Issue {k}",
                "weight": round(rng.uniform(0.5, 1.5), 2),
                "baseline": f"l{rng.randrange(LEVELS)}",
                "promise_applies": k != n_issues - 1,
                "levels": [{"id": f"l{j}", "name": f"Level {j}", "depth": depths[j]} for j in range(LEVELS)],
            }
        )
    ids = [f"a{n:03d}" for n in range(n_actors)]
    actors = []
    for n, actor_id in enumerate(ids):
        positions = {
            iss["id"]: {
                "ideal": round(rng.uniform(0, LEVELS - 1), 2),
                "salience": round(rng.uniform(0.1, 0.95), 2),
            }
            for iss in issues
        }
        others = [o for o in ids if o != actor_id]
        affinities = {
            o: round(rng.uniform(-0.6, 1.0), 2) for o in rng.sample(others, min(n_affinities, len(others)))
        }
        red_lines = []
        if rng.random() < 0.2:
            k = rng.randrange(1, n_issues)
            red_lines.append(
                {"issue": issues[k]["id"], "at_least": "l1"}
                if rng.random() < 0.5
                else {"issue": issues[k]["id"], "at_most": "l1"}
            )
        offers = []
        if rng.random() < 0.25:
            offers.append(
                {
                    "id": "aid",
                    "name": "Aid package",
                    "cost": round(rng.uniform(0.02, 0.08), 3),
                    "value": round(rng.uniform(0.03, 0.12), 3),
                }
            )
        objectives = [
            {"id": "signs", "description": "Sign the treaty", "kind": "signs", "points": 2},
            {
                "id": "deep",
                "description": "Deepen issue 1",
                "kind": "issue_at_least",
                "issue": issues[1]["id"],
                "level": "l1",
                "points": 1,
            },
        ]
        actors.append(
            {
                "id": actor_id,
                "name": f"Actor {n}",
                "short": f"A{n}"[:4],
                "colour": _colour(rng),
                "delegate": {"name": f"Delegate {n}"},
                "status": "boycotting" if (n_actors >= 8 and n == n_actors - 1) else "party",
                "capability": round(rng.uniform(0.05, 1.0), 2),
                "reliability": round(rng.uniform(0.3, 1.0), 2),
                "outside_option": round(rng.uniform(0.3, 0.65), 2),
                "personality": rng.choice(["stubborn", "pragmatic", "opportunist"]),
                "positions": positions,
                "red_lines": red_lines,
                "affinities": affinities,
                "offers": offers,
                "objectives": objectives,
            }
        )
    start = dt.date(1999, 1, 1)
    rounds = [
        {
            "id": f"r{r}",
            "date": start + dt.timedelta(days=14 * (r + 1)),
            "name": f"Round {r + 1}",
            "communique": r == 0 and n_rounds > 1,
            "final": r == n_rounds - 1,
        }
        for r in range(n_rounds)
    ]
    parties = sum(1 for a in actors if a["status"] != "non_party")
    return {
        "id": f"bench-{n_actors}x{n_issues}",
        "version": "1.0.0",
        "title": f"Benchmark: {n_actors} actors, {n_issues} issues",
        "description": "Generated for the scaling benchmark.",
        "chair": ids[0],
        "start": start,
        "deadline": start + dt.timedelta(days=14 * (n_rounds + 1)),
        "settings": {"min_signatures": max(2, parties // 2)},
        "issues": issues,
        "actors": actors,
        "rounds": rounds,
        "events": [
            {
                "id": "shock",
                "date": rounds[min(1, n_rounds - 1)]["date"],
                "title": "A shock",
                "effects": [{"actor": ids[1], "field": "outside_option", "delta": 0.05}],
            }
        ],
        "hidden_draws": [
            {
                "id": "mood",
                "description": "The chair's mood",
                "options": [
                    {
                        "id": "firm",
                        "label": "Firm",
                        "probability": 0.5,
                        "effects": [
                            {"actor": ids[0], "field": "salience", "issue": issues[1]["id"], "delta": 0.1}
                        ],
                    },
                    {"id": "soft", "label": "Soft", "probability": 0.5},
                ],
            }
        ],
        "initial_drafts": [{"id": "base", "author": ids[0], "title": "The baseline text", "levels": {}}],
    }


def generate_scenario(n_actors: int, n_issues: int, n_rounds: int = 3, seed: int = 0) -> Scenario:
    """A validated generated scenario; raises ValueError if it has errors."""
    scenario = Scenario.model_validate(scenario_dict(n_actors, n_issues, n_rounds, seed))
    errors = [p for p in check_scenario(scenario) if p.severity == "error"]
    if errors:
        raise ValueError("generated scenario is invalid: " + "; ".join(p.message for p in errors))
    return scenario
