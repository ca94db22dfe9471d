"""The commented scenario template written by ``treaty-table new-scenario PATH``.

The template is a small but complete scenario (three parties, two issues, two
rounds) that validates and plays as it is, with a comment on every key saying
what it means, its range and its default. Authors change the words and numbers
and run ``treaty-table validate`` as they go.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from game.scenarios.editor_schema import SCHEMA_FILE, json_schema_text
from game.scenarios.translit import latin
from game.session.store import write_text_atomic

TEMPLATE = """\
# yaml-language-server: $schema=./scenario.schema.json
#
# A Treaty Table scenario. What each key means, its range and its default:
# the comments below, and scenario.schema.json beside this file (an editor
# with YAML support shows it as you type; 'treaty-table schema' prints it).
# The authoring guide is docs/scenario-authoring.md in the source distribution.
# Check your work as you go:   treaty-table validate {file}
# Play it:                      treaty-table play --scenario {file} --text
# See what the AI does with it: treaty-table balance {file} --runs 50
#
# Conventions: ids are short machine names (a letter first, then letters,
# digits, '-' or '_'); put words like no, yes, on, off in quotes ("no"), or YAML
# reads them as true/false. Numbers marked 0-1 must lie between 0 and 1.
# Inside a one-line {{...}} or [...], quote any text with ',', ':', '[' or '{{' in
# it: {{name: "Talks, round 2", note: "Not confirmed [U]."}}.

id: {id}{pad}# the scenario's id (use the file name)
version: "0.1.0"              # your version of it, in quotes; saves record it
title: "A new treaty"         # shown on the title screen
subtitle: "Three parties, two issues, two meetings"
description: >-
  Three neighbours negotiate a treaty on a shared river: how much water each
  may take and how strictly pollution is limited. Replace this text with what
  your scenario is about.
length: "2 rounds, 20 minutes"
chair: north                  # actor id of the chair: moves first, puts a draft to signature
start: 2025-01-10             # YYYY-MM-DD; the first round is on or after it
deadline: 2025-03-31          # the final round is on or before it

settings:                     # every setting has a default; these are the common ones
  action_points: 3            # per actor per round (1-20, default 3)
  min_signatures: 2           # signatures needed for entry into force (default 2)
  uncertainty: 0.1            # secret noise on each actor's outside option and saliences
                              # (+/- this much, 0-0.3, default 0): no two games quite alike
  # costs: {{table: 2, amend: 1, endorse: 1, oppose: 1, lobby: 1, offer: 1, red_line: 1, walk_out: 0, return: 1}}
  # depth_weight: 0.6         # share of depth in tightness, the rest is cohesion (0-1)
  # tight_at: 60              # tightness (0-100) from which a treaty is "tight"
  # moderate_at: 40           # ... and "moderate" (below: "loose")

# Issues: what is negotiated. Levels run from LOOSEST to TIGHTEST; each level's
# depth (0-1) says how binding it is. weight (default 1) is the issue's share of
# the treaty's depth.
issues:
  - id: water
    name: Water sharing
    description: How much water each party may take from the river.
    weight: 1.0
    baseline: free            # the level in force before the talks (default: the first)
    levels:
      - {{id: free, name: No limits, description: Each takes what it wants., depth: 0.1}}
      - {{id: quotas, name: Seasonal quotas, description: Fixed shares in the dry season., depth: 0.5}}
      - {{id: commission, name: Joint commission, description: A joint body allocates all water., depth: 0.9}}
  - id: pollution
    name: Pollution limits
    weight: 1.0
    levels:
      - {{id: voluntary, name: Voluntary, depth: 0.1}}
      - {{id: standards, name: Common standards, depth: 0.6}}
      - {{id: inspections, name: Standards with inspections, depth: 0.9}}

# Actors: the parties. Numbers are 0-1. Positions give each issue an ideal
# level (an index: 0 = the first level; may be fractional, e.g. 1.5) and a
# salience (how much it matters; high salience also resists lobbying).
actors:
  - id: north
    name: Northland
    short: NL                 # 2-4 letters for badges
    colour: "#77AADD"         # #rrggbb, in quotes
    delegate: {{name: Water Minister, title: Minister of Water}}
    capability: 0.6           # clout
    reliability: 0.8          # how likely it honours what it signs
    outside_option: 0.45      # value of staying out; it signs when the treaty is worth more
    personality: pragmatic    # stubborn | pragmatic | opportunist (how the AI plays it)
    positions:
      water: {{ideal: 0.5, salience: 0.8}}      # upstream: wants few limits on water
      pollution: {{ideal: 1.5, salience: 0.4}}
    offers:                   # side payments it can promise in exchange for a signature
      - id: flood_data
        name: Flood warnings
        description: Northland shares its flood warnings.
        cost: 0.02            # to the giver (0-1)
        value: 0.06           # to the receiver (0-1)
    public_profile: The upstream state. It holds the dams and wants to keep its water.
    confidential: >-
      You hold the dams. Keep your water free if you can, but a treaty with both
      neighbours is worth something to you.
    objectives:
      - id: in_force
        description: The treaty enters into force.
        kind: in_force
        points: 2
      - id: water_free
        description: Water sharing stays at seasonal quotas or looser.
        kind: issue_at_most
        issue: water
        level: quotas
        points: 2
    affinities: {{middle: 0.3}}  # -1 hostile .. 1 close; missing pairs are 0

  - id: middle
    name: Midland
    short: ML
    colour: "#EEDD88"
    delegate: {{name: Environment Secretary}}
    capability: 0.3
    reliability: 0.7
    outside_option: 0.4
    positions:
      water: {{ideal: 1.2, salience: 0.5}}
      pollution: {{ideal: 1.8, salience: 0.7}}
    public_profile: The middle state. Its towns drink the river water.
    confidential: Clean water matters most to you. Make sure a treaty is signed.
    objectives:
      - id: standards
        description: The treaty sets at least common pollution standards.
        kind: issue_at_least
        issue: pollution
        level: standards
        points: 2
      - id: sign
        description: You sign the treaty.
        kind: signs
    affinities: {{north: 0.3, south: 0.3}}

  - id: south
    name: Southland
    short: SL
    colour: "#EE8866"
    delegate: {{name: Foreign Minister}}
    capability: 0.5
    reliability: 0.6
    outside_option: 0.5
    personality: stubborn
    positions:
      water: {{ideal: 2.0, salience: 0.9}}      # downstream: wants a joint commission
      pollution: {{ideal: 1.0, salience: 0.3}}
    red_lines:                # it will not sign without this
      - {{issue: water, at_least: quotas}}
    public_profile: The downstream state. Its farms depend on what reaches them.
    confidential: >-
      Without at least seasonal quotas the treaty is worthless to you; a joint
      commission would be best.
    objectives:               # points weigh them; give each role one it can meet in play
      - id: quotas
        description: The treaty shares the water by at least seasonal quotas.
        kind: issue_at_least
        issue: water
        level: quotas
        points: 2
      - id: commission
        description: A joint commission allocates the water.
        kind: issue_at_least
        issue: water
        level: commission
        points: 1

# Rounds: the meetings, in date order. The last one must have final: true
# (the chair puts a draft to signature there). communique: true lets the chair
# call for a joint communique at that meeting.
rounds:
  - {{id: r1, date: 2025-02-01, name: Experts' meeting, place: Midtown, communique: true}}
  - {{id: r2, date: 2025-03-15, name: Ministers' summit, place: Midtown, final: true}}

# Events fire at the first round on or after their date and change numbers
# (delta is added; results are clipped to their ranges).
events:
  - id: drought
    date: 2025-02-20
    title: A dry summer is forecast
    text: The forecast makes water sharing matter more downstream.
    effects:
      - {{actor: south, field: salience, issue: water, delta: 0.1}}
      - {{actor: south, field: outside_option, delta: -0.05}}

# A draft on the table from the start (missing issues take their baseline).
initial_drafts:
  - id: north_draft
    author: north
    title: Northland's proposal
    levels: {{water: quotas, pollution: standards}}

# Optional: a fact drawn at random at the start of each game (only the actors it
# changes know it); the debrief reveals it. Probabilities should add up to 1.
# hidden_draws:
#   - id: south_harvest
#     description: Will Southland's harvest fail this year?
#     reveal: The harvest was the hidden question of this game.
#     options:
#       - id: fails
#         label: Southland's harvest fails
#         probability: 0.3
#         effects:
#           - {{actor: south, field: outside_option, delta: -0.1}}
#       - id: good
#         label: Southland has a good harvest
#         probability: 0.7

# Optional: states that stay outside, named for context (they take no part).
# non_parties:
#   - {{name: Westland, note: "Upstream too, but not invited."}}

# Optional: what really happened, scored beside the players' result.
# history:
#   date: 2025-03-15
#   summary: What was signed, and by whom.
#   levels: {{water: quotas, pollution: standards}}
#   signatories: [north, middle, south]

# Optional: questions of your own for each role's briefing check (the game makes
# the others from the roles' briefs). Write the right answer and 1 to 3 wrong ones.
# quiz:
#   - id: what_at_stake
#     question: What do the three neighbours negotiate?
#     right: How much water each may take, and how strictly pollution is limited.
#     wrong: [Where the border runs., Who may fish in the river.]
#     why: The situation, first paragraph.
#     roles: []               # actor ids of the roles asked; empty: every role

sources:                      # source key -> citation; refer to the keys in notes
  design: "Design estimates for this template."
"""


def scenario_id_for(path: Path) -> str:
    """A valid scenario id from a file name ('My Treaty.yaml' -> 'my-treaty', 'Ünï.yaml' -> 'uni').

    Accented letters lose their accents and Cyrillic, Georgian and Armenian letters are
    romanised ('Договор.yaml' -> 'dogovor'; see translit.py); a name with nothing left gives
    'my-scenario', one starting with a digit 'scenario-...'.
    """
    ascii_stem = latin(path.stem)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_stem).strip("-_").lower()
    if not stem or not stem[0].isalpha():
        stem = "scenario-" + stem if stem else "my-scenario"
    return stem


def render_template(path: Path) -> str:
    """The template text for a scenario to be written at ``path``."""
    scenario_id = scenario_id_for(path)  # the comment lines up with the others below it
    return TEMPLATE.format(id=scenario_id, pad=" " * max(2, 26 - len(scenario_id)), file=shlex.quote(path.name))


def write_template(path: Path, force: bool = False) -> list[Path]:
    """Write the template (and the JSON Schema beside it if missing); return the files written.

    Raises FileExistsError when ``path`` exists and ``force`` is false.
    """
    if path.exists() and not force:
        raise FileExistsError(str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, render_template(path))
    written = [path]
    schema = path.parent / SCHEMA_FILE
    if not schema.exists():
        write_text_atomic(schema, json_schema_text())
        written.append(schema)
    return written
