"""The debrief report of a finished game: one self-contained HTML file.

Everything is revealed now, so the report works on the truth (private moves,
hidden draws, true positions): the final treaty and why it is as tight as it
is; the depth-breadth plane with this game, history and a cloud of AI-only
games; how each delegation's stance on the sequencing issue moved round by
round (the save is replayed); who signed and why (sign value against stay
value); the timeline with private moves marked; each role's score beside
history and the AI; the hidden draws; the grade sheet; and discussion prompts
drawn from what happened.

``analyse(match)`` computes the numbers (:class:`Debrief`); ``render`` turns
them into HTML; ``write_debrief`` does both for a save file.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np

from game.engine.state import GameState
from game.engine.table import ActorTable, build_table
from game.engine.utility import forecast, policy_values
from game.report import awards as AW
from game.report import grades as G
from game.report.briefs import roles_without_objectives, source_tags_note
from game.report.quiz import questions, quiz_result
from game.report.html import (
    DASHES,
    SHAPES,
    BarSeries,
    Point,
    Series,
    badge,
    bar_chart,
    darken,
    document,
    esc,
    fmt,
    line_chart,
    paragraphs,
    pct,
    scatter,
    stacked_bar,
    table,
    tag,
    when,
    who,
    whole,
)
from game.engine import Options
from game.scoring import GameResult, history_result
from game.scoring.forecast_model import ModelForecast, compromise_forecast
from game.scoring.frontier import MAX_EXACT, Frontier, all_of, changes_text, frontier
from game.scoring.result import final_outcome, history_outcome
from game.scoring.treaty import breadth_meaning, eligible_parties
from game.session import facilitator
from game.session.match import Match, takeback_note
from game.session.simulate import run_seed, summarise
from game.session.store import write_text_atomic

DEFAULT_AI_RUNS = 30


@dataclass(frozen=True, eq=False)
class Snapshot:
    label: str
    state: GameState
    table: ActorTable  # the truth at that moment


@dataclass(eq=False)
class Debrief:
    match: Match
    result: GameResult
    history: GameResult | None
    ai: list[dict]  # summaries of the AI-only games (game.session.simulate.summarise)
    ai_means: dict[str, float]
    snapshots: list[Snapshot]
    why: list[dict]
    grades: list[dict]
    prompts: list[str]
    frontier: Frontier | None = None  # value left on the table by this game's text
    history_frontier: Frontier | None = None  # and by the real one
    model_forecast: ModelForecast | None = None  # the compromise model's text, from the start's actor table

    @property
    def scenario(self):
        return self.match.scenario

    @property
    def model(self):
        return self.match.game.model


# --- analysis -------------------------------------------------------------------

def replay_rounds(match: Match) -> list[Snapshot]:
    """Replay the match's actions: the true table at the start of each round, then at the end."""
    game, model = match.game, match.game.model
    state = game.new(match.seed, match.options)

    def snap(label: str, st: GameState) -> Snapshot:
        return Snapshot(label, st, build_table(model, st, None))

    def round_label(st: GameState) -> str:
        date = model.round_date(st.round)
        return f"R{st.round + 1} {date.day} {date:%b}"

    snaps = [snap(round_label(state), state)]
    for state in facilitator.states(match)[1:]:  # includes a facilitator's injects
        if state.round != snaps[-1].state.round and not state.ended:
            snaps.append(snap(round_label(state), state))
    snaps.append(snap("Summit" if state.ended else "Now", state))
    return snaps


def ai_cloud(match: Match, runs: int, seed: int | None = None) -> list[dict]:
    """Summaries of ``runs`` AI-only games on the same scenario and options (seeded). The AI in
    the people's seats gets what the level gives people (:attr:`Match.stand_ins`)."""
    master = match.seed if seed is None else seed
    out = []
    for n in range(runs):
        ai = Match(match.scenario, seed=run_seed(master, n), options=Options(events=match.options.events),
                   difficulty=match.difficulty, scenario_ref=match.scenario_ref, stand_ins=tuple(match.humans))
        ai.run_ai()
        out.append(summarise(ai))
    return out


def signing_reasons(match: Match) -> list[dict]:
    """Per party: what signing and staying out were worth for the final text, and the verdict."""
    model, state, sc = match.game.model, match.state, match.scenario
    draft = state.draft(state.on_table) if state.on_table is not None else None
    rows = []
    if draft is None:
        return rows
    table_ = build_table(model, state, None)
    n = model.n_actors
    support = np.zeros((1, n))
    for i in draft.endorse:
        support[0, i] = 1
    for i in draft.oppose:
        support[0, i] = -1
    pay = np.zeros(n)
    for o in state.offers:
        if o.condition == "sign" and o.status in ("accepted", "kept", "broken"):
            pay[o.target] += next(k.value for k in sc.actors[o.giver].offers if k.id == o.kind)
    fixed = np.array(state.signatures)
    fc = forecast(model, table_, np.array([draft.levels]), np.array([draft.author]),
                  support=support, pay=pay, fixed=fixed)
    policy = policy_values(model, table_, fc.effective)[0]
    commit = sc.settings.endorse_commitment * support[0]
    for i, actor in enumerate(sc.actors):
        if state.actors[i].status == "non_party":  # by the end (an event may have made it a party)
            continue
        sign_v, stay_v = float(fc.sign_value[0, i]), float(fc.stay_value[0, i])
        club = sign_v - float(policy[i]) - float(commit[i]) - float(pay[i])
        sig = state.signatures[i]
        status = state.actors[i].status
        margin = sign_v - stay_v
        red = bool(fc.red[0, i])
        crossed = [sc.issues[k].name for k in range(model.n_issues)
                   if not table_.red_lo[i, k] <= draft.levels[k] <= table_.red_hi[i, k]]
        red_text = f"the text crosses its red line on {' and '.join(crossed)}"
        if sig == -1:
            verdict = ("walked out, so it could not sign" if status == "walked_out"
                       else "was not at the table (boycott), so it could not sign")
        elif sig == 1:
            verdict = ("signing was worth more than staying out" if margin >= 0 else
                       "signed although staying out was worth more: loyalty, a promise or a human choice")
            if red:
                verdict += "; " + red_text
        else:
            verdict = (red_text if red else
                       "staying out was worth more" if margin < 0 else
                       "declined although signing was worth more: a human choice or a bluff called")
        rows.append({"actor": actor.id, "index": i, "signed": sig, "status": status, "text": float(policy[i]),
                     "club": club, "pay": float(pay[i]), "sign": sign_v, "stay": stay_v, "margin": margin,
                     "red": red, "verdict": verdict})
    return rows


def analyse(match: Match, ai_runs: int = DEFAULT_AI_RUNS, seed: int | None = None,
            ai: list[dict] | None = None) -> Debrief:
    """Everything the report shows, computed from a finished match; ``ai``: the AI-only games of
    :func:`ai_cloud` when they are played already (the text mode's comparison), else ``ai_runs`` of them."""
    if not match.over:
        raise ValueError(f"the game has not ended (it stopped in round {match.state.round + 1}); "
                         "finish it before the debrief")
    result = match.result()
    history = history_result(match.game.model)
    if ai is None:
        ai = ai_cloud(match, ai_runs, seed) if ai_runs > 0 else []
    ai_means = ({a: float(np.mean([g["scores"][a] for g in ai])) for a in match.game.model.actor_ids}
                if ai else {})
    model = match.game.model
    table, out, _ = final_outcome(model, match.state)
    d = Debrief(match, result, history, ai, ai_means, replay_rounds(match), signing_reasons(match),
                G.grade_rows(match, result, history, ai_means), [],
                frontier(model, table, out, pair=chart_pair(match, table, out)),
                frontier(model, *found) if (found := history_outcome(model)) else None)
    d.model_forecast = compromise_forecast(model, d.snapshots[0].state)
    d.prompts = discussion_prompts(d)
    return d


def chart_pair(match: Match, table: ActorTable, out) -> tuple[int, int] | None:
    """The two parties the bargain is drawn for: the chair (who chose the text) and the first
    delegation people played, or else the signatory whose wishes lie farthest from the chair's
    (salience-weighted distance between their ideal texts): the chart is of a bargain among
    signatories. Only when no other party signed, the party farthest from the chair."""
    model = match.game.model
    chair = out.author
    parties = [i for i in eligible_parties(model, out.actors) if i != chair]
    if not parties:
        return None
    humans = [model.actor_index(a) for a in match.humans if model.actor_index(a) in parties]
    if humans:
        return chair, humans[0]
    sal = table.salience
    gap = (np.abs(table.ideal - table.ideal[chair]) / model.span * sal).sum(axis=1) / np.maximum(sal.sum(axis=1), 1e-9)
    signers = [i for i in parties if i in out.signers]
    return chair, max(signers or parties, key=lambda i: (float(gap[i]), -i))


# --- discussion prompts (rule-based, from what happened) -------------------------

def _ours(d: Debrief) -> str:
    """Who made this game's text: "your class" when people played, else "this game" (AI only)."""
    return "your class" if d.match.people else "this game"


def _names(sc, ids) -> str:
    names = [sc.actor(a).name if isinstance(a, str) else sc.actors[a].name for a in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def discussion_prompts(d: Debrief) -> list[str]:
    sc, model, state, t = d.scenario, d.model, d.match.state, d.result.treaty
    out: list[str] = []
    h = d.history.treaty if d.history else None
    seq = model.seq
    if h is not None and seq >= 0 and state.on_table is not None:  # no draft put: no text to compare
        name = sc.issues[seq].name
        mine = model.level_name(seq, d.result.levels[seq])
        theirs = model.level_name(seq, d.history.levels[seq])
        if mine == theirs:
            out.append(f"{name}: {_ours(d)} chose “{mine}”, as history did. Was there ever a real chance "
                       "of the other order, and who would have had to move?")
        else:
            out.append(f"{name}: history chose “{theirs}”, {_ours(d)} chose “{mine}”. What made the "
                       "difference, and who paid for it?")
    if state.on_table is None:
        out.append("No draft was put to signature, so there is no agreement. What would a text have needed "
                   "for enough delegations to sign it, and who could have tabled it?")
    elif not t.in_force:
        out.append(f"The agreement lapsed with only {len(t.signatories)} signature{'' if len(t.signatories) == 1 else 's'} ({t.min_signatures} "
                   "needed). At what moment could it still have been saved, and by whom?")
    if sc.history is not None:
        mine_s, hist_s = set(t.signatories), set(sc.history.signatories)
        extra, missing = sorted(mine_s - hist_s), sorted(hist_s - mine_s)
        if extra:
            out.append(f"{_names(sc, extra)} signed here but stayed out in history. What did your text offer "
                       "that the real one did not?")
        if missing:
            out.append(f"{_names(sc, missing)} signed in history but not here. What drove "
                       f"{'it' if len(missing) == 1 else 'them'} away?")
        if h is not None and t.in_force:
            word = "tighter than" if t.tightness > h.tightness + 2 else "looser than" \
                if t.tightness < h.tightness - 2 else "about as tight as"
            out.append(f"Your text is {word} the historical one ({t.tightness:.0f} against "
                       f"{h.tightness:.0f}): depth {t.depth:.2f} against {h.depth:.2f}, cohesion "
                       f"{t.cohesion:.2f} against "
                       f"{h.cohesion:.2f}. Which clause or which signature made the difference?")
    for e in state.log:
        if e.kind == "walk_out":
            who = e.actors[0]
            back = next((x for x in state.log if x.kind == "return" and x.actors[:1] == (who,)
                         and x.round >= e.round), None)
            came = f" and came back in round {back.round + 1}" if back else " and did not come back"
            out.append(f"{sc.actors[who].name} walked out in round {e.round + 1}{came}. What did the "
                       "walk-out buy it, and what did it cost the others?")
        elif e.kind == "breach":
            out.append(f"Revealed: {e.text}. Was the promise credible in the first place, and what did "
                       "breaking it cost?")
        elif e.kind == "red_line_crossed":
            out.append(f"{e.text}. Why declare a red line you will not keep?")
    gaps = [r for r in d.grades if r["say_sign_gap"]]
    if gaps:
        worst = max(gaps, key=lambda r: r["say_sign_gap"])
        out.append(f"Biggest say-versus-sign gap: {worst['name']} {worst['say_sign_notes']}. Why might a "
                   "delegation say one thing in public and sign another?")
    elif state.on_table is not None:
        out.append("Every delegation signed in line with what it said in public. Were public statements "
                   "cheap, or did they bind?")
    close = [r for r in d.why if r["signed"] in (0, 1)]
    if close:
        c = min(close, key=lambda r: abs(r["margin"]))
        verb = "signed" if c["signed"] == 1 else "stayed out"
        out.append(f"Closest call: {sc.actor(c['actor']).name} {verb}, with the smallest gap of any party between "
                   f"what signing and staying out were worth to it ({c['sign']:.2f} against {c['stay']:.2f}: the table "
                   "of who signed and why has the parts). What offer or amendment could have tipped it?")
    mf = d.model_forecast
    if mf is not None and state.on_table is not None:
        mine = d.result.levels
        apart = [k for k in range(model.n_issues) if mine[k] != mf.levels[k]]
        if apart:
            k = max(apart, key=lambda k: (abs(mine[k] - mf.means[k]) * float(model.weight[k] or 1), -k))
            hist = (f", history “{model.level_name(k, d.history.levels[k])}”" if d.history is not None else "")
            out.append(f"On {sc.issues[k].name} the forecasting model expected “{model.level_name(k, mf.levels[k])}”; "
                       f"{_ours(d)} chose “{model.level_name(k, mine[k])}”{hist}. Who pulled the text away from "
                       "the weighted middle, and how?")
    f, hf = d.frontier, d.history_frontier
    if f is not None and f.best is not None:
        out.append(f"{'At least ' if f.capped else ''}{f.better} other text{'s' if f.better != 1 else ''} would have given every signatory at "
                   f"least as high a score as the one signed (for example: {changes_text(f.best)}). Why did nobody "
                   "propose it? What did each delegation not know about the others?")
    elif f is not None and hf is not None and hf.best is not None:
        out.append(f"Your text was on the Pareto frontier{' as far as checked' if f.capped else ''}. By the game's estimates the real text was not: "
                   f"{changes_text(hf.best)} would have given {all_of(len(hf.signers), 'real signatories')} at least as "
                   "much. The estimates are the scenario's, not the negotiators': what might they have "
                   "valued that the game leaves out?")
    failed = [(r, dr) for r, dr, ok in state.communiques if not ok]
    if failed:
        rounds = ", ".join(sc.rounds[r].name for r, _ in failed)
        out.append(f"No joint communiqué at: {rounds}. Is a failed communiqué a signal or a failure?")
    played = [r for r in d.grades if r["seat"] in ("human", "bot") and r["ai_mean_score"] != ""]
    if played:
        level = f" at the same AI difficulty ({d.match.difficulty})" if d.match.level_matters else ""
        best = max(played, key=lambda r: r["vs_ai"])
        worst = min(played, key=lambda r: r["vs_ai"])
        for r in ([best] if best is worst else [best, worst]):
            hist = f" and {whole(r['history_score'])} in history" if r["history_score"] != "" else ""
            who = "the people" if r["seat"] == "human" else "your player"
            ask = (f"What did {who} do that the machine did not?" if r["vs_ai"] >= 0 else
                   f"What did the machine do that {who} did not?")
            by = "people" if r["seat"] == "human" else f"your player {d.match.bots[r['role']]}"
            out.append(f"{r['name']} (played by {by}) scored {whole(r['score'])}, against "
                       f"{whole(r['ai_mean_score'])} for the computer in the same role{level}{hist}. {ask}")
    if seq >= 0 and len(d.snapshots) > 1:
        first, last = d.snapshots[0].table.ideal[:, seq], d.snapshots[-1].table.ideal[:, seq]
        moved = int(np.argmax(np.abs(last - first)))
        if abs(last[moved] - first[moved]) >= 0.1:
            top = int(model.n_levels[seq]) - 1
            a, b = (model.level_name(seq, min(max(int(round(float(x))), 0), top)) for x in (first[moved], last[moved]))
            where = f"from nearest “{a}” to nearest “{b}”" if a != b else f"still nearest “{a}”"
            out.append(f"{sc.actors[moved].name}'s position on {sc.issues[seq].name} moved most during the talks "
                       f"(from {first[moved]:.1f} to {last[moved]:.1f}, numbering the levels 0, 1, 2 as listed: "
                       f"{where}). Was it lobbying, events or its own choice?")
    for draw_id, option_id in state.draws:
        draw = next((x for x in sc.hidden_draws if x.id == draw_id), None)
        if draw is not None:
            label = next((o.label for o in draw.options if o.id == option_id), option_id)
            out.append(f"Hidden draw revealed: {label}. Did any delegation notice it during the talks?")
    return out


# --- rendering -------------------------------------------------------------------

KIND_WORDS = {"table": "draft", "amend": "amend", "endorse": "endorse", "oppose": "oppose", "lobby": "lobby",
              "offer": "offer", "respond": "reply", "breach": "broken promise", "red_line": "red line",
              "walk_out": "walk-out", "return": "return", "communique": "communiqué", "event": "event",
              "put": "to signature", "sign": "signature", "result": "result", "reveal": "revealed",
              "phase": "summit", "red_line_crossed": "red line crossed"}


def _badge_i(sc, i: int) -> str:
    a = sc.actors[i]
    return badge(a.short, a.colour, a.name)


def _who(actor) -> str:
    return who(actor.short, actor.colour, actor.name)


def _summary(d: Debrief) -> str:
    sc, m, t = d.scenario, d.match, d.result.treaty
    people = [sc.actor(a).name for a in m.people]
    bots = [f"{sc.actor(a).name} ({m.bots[a]})" for a in m.humans if a in m.bots]
    if not people and not bots:  # (the level changes only how the computer treats seats people play)
        seats = "All roles played by the computer (the AI difficulty makes no difference then)."
    elif len(people) == len(sc.actors):  # a whole class: no role was left to the computer
        seats = f"Every role played by people: {', '.join(people)}."
    else:
        parts = ([f"people: {', '.join(people)}"] if people else []) + (
            [f"your own players: {', '.join(bots)}"] if bots else [])
        seats = "Played by " + "; by ".join(parts)
        seats += (f"; the other roles by the computer, at {G.difficulty_text(m.difficulty)}."
                  if len(m.humans) < len(sc.actors) else ".")
    taken = takeback_note(m)
    if taken:  # moves taken back ('undo'): the same seeded game, played again from before the move
        seats += f" Take-backs: {taken}."
    seq = t.sequencing
    seq_name = (d.model.level_name(d.model.seq, d.result.levels[d.model.seq]) if d.model.seq >= 0 else "")
    if d.match.state.on_table is None:  # (not "lapses with 0 signatures": nothing was put to signature)
        head = (f"No draft was put to signature, so there is no agreement: <b>{esc(t.label)}</b>, "
                f"tightness {t.tightness:.0f}.")
    else:
        head = (f"The agreement {'enters into force' if t.in_force else 'lapses'} with {len(t.signatories)} "
                f"signature{'s' if len(t.signatories) != 1 else ''}"
                + (f", {esc(seq_name.lower())}" if seq else "")
                + f": <b>{esc(t.label)}</b>, tightness {t.tightness:.0f}.")
    hist = ""
    if d.history is not None and sc.history is not None:
        h = d.history.treaty
        hist = (f" In history ({esc(when(sc.history.date))}): {len(h.signatories)} signatures, "
                f"{esc(h.label)}, tightness {h.tightness:.0f}.")
    stats = "".join(f'<div class="stat"><b>{v}</b><span>{esc(k)}</span></div>' for k, v in (
        ("tightness (0-100)", f"{t.tightness:.0f}"), ("depth", fmt(t.depth)), ("breadth", fmt(t.breadth)),
        ("cohesion", fmt(t.cohesion)),
        ("signatures", f"{len(t.signatories)} of {len(t.signatures)}")))
    return (f'<div class="kicker">{esc(sc.title)} · debrief</div><h1>Debrief</h1>'
            f'<p class="subtitle">{esc(sc.subtitle)}</p><p class="small muted">{esc(seats)} Seed {m.seed}, '
            f"events {esc(m.options.events)}, {len(m.actions)} moves.</p>"
            f'<div class="box"><p>{head}{hist}</p></div><div class="stats">{stats}</div>' + _changed_numbers(sc))


def _changed_numbers(sc) -> str:
    """For a variant made from an edited actor table: which numbers the class changed, from the
    notes the variant keeps (nothing for any other scenario)."""
    from game.scenarios.actor_table import variant_changes

    changed = variant_changes(sc)
    if not changed:
        return ""
    also = " What really happened is scored with these numbers too." if sc.history is not None else ""
    return ("<div class='box keep'><p><b>Numbers changed for this game.</b> It was played on a variant "
            "whose numbers differ from the original scenario's estimates:</p><ul>"
            + "".join(f"<li>{esc(c)}</li>" for c in changed)
            + f"</ul><p class='small'>The computer played every delegation by these numbers, and the "
            f"scores use them.{also} So a difference from history can come from these numbers as well as "
            "from the play.</p></div>")


_NO_OBJECTIVES = " (a role without objectives is scored on the outcome alone)"


def _reading_guide(d: Debrief) -> str:
    """What tightness, the role scores and the history comparison mean, in plain words (for a
    class: no formulas, the scenario's own numbers)."""
    sc, t = d.scenario, d.result.treaty
    st = sc.settings
    w = round(100 * st.depth_weight)
    u = round(100 * st.utility_share)
    seq = d.model.seq
    promised = ""
    if seq >= 0:
        issue = sc.issues[seq]
        promised = (f" Under “{esc(issue.levels[-1].name)}” the old text is what is signed and the changes are "
                    "only promised for later, so they count for less: how much less depends on how "
                    "reliable the chair is.")
    hist = ""
    if sc.history is not None and d.history is not None:
        h = d.history.treaty
        hist = (f"<p><b>What really happened.</b> The section “What history did” tells the real story of "
                f"{esc(when(sc.history.date, long=True))}. The game scores the real agreement with the same "
                f"rules: {h.tightness:.0f} ({esc(h.label)}), signed by {len(h.signatories)} parties. So you "
                "can compare your class's agreement, and each delegation's score, with what the real "
                "negotiators achieved.</p>")
    return (
        "<div class='box keep'><h3>How to read this report</h3>"
        f"<p><b>Tightness</b> (0 to 100) says how strongly the agreement binds the parties that signed it. "
        f"It is made of two things. <b>Depth</b> (up to {w} of the 100 points): how much the clauses really "
        "oblige the members to do, from 0 (binds nobody to anything) to 1 (as binding as it gets): "
        "the weighted mean of how binding each adopted option is, so even the loosest text can have some depth."
        f"{promised} <b>Cohesion</b> (up to {100 - w} points): how reliable the signatories are, that is, how "
        f"likely they are to keep their word. <b>Breadth</b>, {breadth_meaning(st)}, is shown but does "
        "not count: an agreement that everybody signs can be loose, and a small club of loyal allies can be "
        f"tight. From {st.tight_at:g} an agreement is <i>tight</i>, from {st.moderate_at:g} <i>moderate</i>, "
        f"below that <i>loose</i>; with fewer than {t.min_signatures} signature{'' if t.min_signatures == 1 else 's'} it does not enter into "
        "force and has <i>lapsed</i>.</p>"
        "<p><b>Each delegation's score</b> (0 to 100) says how well the result served that delegation's "
        f"own instructions, not how tight the agreement is. {u} points are for how much it likes the outcome "
        "(the text on the issues that matter to it, and who signed), counted from the worst result it "
        f"could have got to the best; {100 - u} points are for the objectives in its brief"
        f"{_NO_OBJECTIVES if roles_without_objectives(sc) else ''}. A low score "
        "is not a bad grade: some delegations are dealt a weak hand. Compare each score with the same "
        f"role in history and with the computer playing it.{_level_note(d)}</p>"
        + hist + "</div>")



def _level_note(d: Debrief) -> str:
    """The reading guide's words on the level: what it did, and that the computer's average is at the same level."""
    if not d.match.level_matters:
        return ""
    level = d.match.difficulty
    return (f" This game was played at <b>AI difficulty {esc(level)}</b>: "
            f"{esc(G.DIFFICULTY_WORDS.get(level, 'see the rules'))}. The computer's average in a role people "
            "played comes from games at the same level, in which the other delegations treated the computer "
            "in that role as they treated the people, so the comparison is fair; a score from a game at "
            "another level is not comparable.")


def _treaty(d: Debrief) -> str:
    sc, model, t = d.scenario, d.model, d.result.treaty
    if d.match.state.on_table is None:
        return "<h2>The final text</h2><p>No draft was put to signature, so no agreement was reached.</p>"
    hist_levels = d.history.levels if d.history is not None else None
    rows = []
    for k, c in enumerate(t.clauses):
        same = ""
        if hist_levels is not None:
            h = model.level_name(k, hist_levels[k])
            same = esc(h) + ("" if hist_levels[k] == d.result.levels[k] else " " + tag("differs"))
        eff = "" if model.seq == k else f"{c.effective_level:.2f}"
        rows.append([f"<b>{esc(c.issue_name)}</b>", esc(c.level_name), same, eff,
                     fmt(c.depth) if model.seq != k else "—", f"{c.weight:g}", f"{c.points:.1f}"])
    w = sc.settings.depth_weight
    coh_points = 100 * (1 - w) * t.cohesion if t.in_force else 0.0
    rows.append(["<b>Cohesion</b> (reliability of the signatories)", fmt(t.cohesion), "", "", "", "",
                 f"{coh_points:.1f}"])
    rows.append(["<b>Tightness</b>", esc(t.label), "", "", "", "", f"{t.tightness:.1f}"])
    greys = ["#1f3a5f", "#c4d3e6", "#5a7aa0", "#eef2f7", "#35506f", "#a9bdd6", "#7d98ba", "#dfe7f1"]
    used = [c for c in t.clauses if c.points > 0]
    segs = [(c.issue_name, c.points, greys[n % len(greys)]) for n, c in enumerate(used)]
    segs.append(("Cohesion", coh_points, "url(#hatch)"))
    sig_rows = [[_who(sc.actors[model.actor_index(s.actor)]),
                 tag("signed", "yes") if s.signed else tag("did not sign", "no"), fmt(s.reliability),
                 f"{round(s.points, 1) + 0.0:+.1f}" if s.signed else ""] for s in t.signatures]  # no "-0.0"
    return (
        "<h2>The final text and why it is this tight</h2>"
        f"<p class='small'>Tightness = {pct(w)} depth + {pct(1 - w)} cohesion. Each clause's points are "
        "its share of the depth part: <b>Depth</b> is how binding its level is (0 to 1), <b>Weight</b> how "
        "much the issue counts. <b>Effective</b> is the level that really counts, numbered from 0 (the "
        "loosest): when it is below the adopted level, the change was only promised for later, and a "
        "promise counts as much as the chair is believed. The last rows add the cohesion points "
        "(the reliability of the signatories) and give the total.</p>"
        + table(["Issue", "Adopted", "History", "Effective", "Depth", "Weight", "Points"], rows,
                num=(3, 4, 5, 6))
        + f'<figure class="keep">{stacked_bar(segs, t.tightness, "Where the tightness comes from")}'
        "<figcaption>Where the tightness points come from: one segment per clause, hatched for cohesion; "
        "the black tick is the total.</figcaption></figure>"
        "<h3>Signatures</h3><p class='small'>Points: how much tightness each signature added (tightness with "
        "it minus without it). An unreliable signatory lowers cohesion, so its points can be negative.</p>"
        + table(["Party", "Decision", "Reliability", "Points"], sig_rows, num=(2, 3)))


def plane_chart(d: Debrief, **size) -> str:
    """The depth-breadth chart (SVG): this game, history and the cloud of AI-only games; ``size``:
    the chart's ``width`` and ``height`` (the slides draw it wider than tall, for larger type)."""
    t = d.result.treaty
    cloud = Counter((round(g["breadth"], 3), round(g["depth"], 3)) for g in d.ai)
    pts = [Point(b, dep, "circle", "#d0d0d0", "#666", 3 + 1.6 * n ** 0.5,
                 title=f"{n} AI-only game{'s' if n > 1 else ''}: breadth {b:.2f}, depth {dep:.2f}")
           for (b, dep), n in sorted(cloud.items())]
    legend = [Point(0, 0, "star", "#1f3a5f", "#000", 6, "This game")]
    near = False
    if d.history is not None:
        h = d.history.treaty
        near = abs(h.breadth - t.breadth) < 0.06 and abs(h.depth - t.depth) < 0.06
        pts.append(Point(h.breadth, h.depth, "diamond", "#fff", "#000", 7,
                         "" if near else f"History ({h.tightness:.0f})",
                         f"History: breadth {h.breadth:.2f}, depth {h.depth:.2f}", below=h.depth <= t.depth))
        legend.append(Point(0, 0, "diamond", "#fff", "#000", 6, "History"))
    label = f"This game ({t.tightness:.0f})" + (", history close by" if near else "")
    pts.append(Point(t.breadth, t.depth, "star", "#1f3a5f", "#000", 8, label,
                     f"This game: breadth {t.breadth:.2f}, depth {t.depth:.2f}",
                     below=d.history is not None and not near and d.history.treaty.depth > t.depth))
    if d.ai:
        legend.append(Point(0, 0, "circle", "#d0d0d0", "#666", 5, f"AI-only games ({len(d.ai)})"))
    return scatter(pts, f"Breadth: {breadth_meaning(d.scenario.settings).removeprefix('the ')}",
                   "Depth: how binding the text is",
                   "Depth and breadth of the text", legend, **size)


PLANE_CAPTION = ("Each grey disc is one outcome of AI-only games on the same scenario (bigger: more games "
                 "ended there). Up is a more binding text, right is more signatories; tightness in brackets.")


def _plane(d: Debrief) -> str:
    return ("<h2>Depth and breadth</h2><figure class='keep'>" + plane_chart(d) + "<figcaption>" + PLANE_CAPTION
            + "</figcaption></figure>")


def _forecast_model(d: Debrief) -> str:
    """The compromise model's text beside the class's and history's, issue by issue."""
    mf = d.model_forecast
    if mf is None:
        return ""
    sc, model = d.scenario, d.model
    played = d.match.state.on_table is not None
    ours = _ours(d)
    hist = d.history.levels if d.history is not None else None
    rows = []
    for k, issue in enumerate(sc.issues):
        cells = [f"<b>{esc(issue.name)}</b>",
                 f"{esc(model.level_name(k, mf.levels[k]))} <span class='muted'>({mf.means[k]:.2f})</span>"]
        if played:
            lv = d.result.levels[k]
            cells.append(esc(model.level_name(k, lv)) + ("" if lv == mf.levels[k] else " " + tag("differs")))
        if hist is not None:
            cells.append(esc(model.level_name(k, hist[k])) + ("" if hist[k] == mf.levels[k] else " " + tag("differs")))
        rows.append(cells)
    heads = ["Issue", "Model's forecast (weighted mean)"] + ([ours.capitalize()] if played else []) \
        + (["History"] if hist is not None else [])
    t = mf.treaty
    k_all = model.n_issues
    same = []
    if played:
        same.append(f"{ours}'s text matches it on {sum(a == b for a, b in zip(d.result.levels, mf.levels))} of "
                    f"{k_all} issues")
    if hist is not None:
        same.append(f"history's on {sum(a == b for a, b in zip(hist, mf.levels))} of {k_all}")
    signers = _names(sc, sorted(mf.signers)) if mf.signers else "nobody"
    verdict = (f"would be <b>{esc(t.label)}</b>, tightness {t.tightness:.0f}" if t.in_force else
               f"would <b>lapse</b> ({t.min_signatures} signatures needed)")
    return ("<h2>What a forecasting model predicted</h2><p class='small'>Before any move, the <b>compromise "
            "model</b>, a classic forecaster of multilateral bargaining, predicts a text from the scenario's "
            "estimates of the delegations alone: on each issue, the positions of the delegations at the table "
            "averaged with weights for their clout (capability) and for how much the issue matters to them "
            "(salience), rounded to the nearest level (in brackets: the average, with an issue's levels "
            "numbered 0, 1, 2 in the order they are listed). The computer players steer by the same average. "
            "The model knows nothing of tactics, promises, walk-outs or events: where a text departs from it, somebody pulled it away from the weighted middle.</p>"
            + table(heads, rows, cls="small")
            + f"<p>By the game's own numbers the model's text would be signed by {esc(signers)} "
              f"({len(mf.signers)}) and {verdict}"
            + (f"; {'; '.join(same)}" if same else "") + ".</p>")


def score_rows(d: Debrief) -> list[tuple[str, list]]:
    """(name with its seat mark, [score, history, AI mean]) per role, as the score chart draws them."""
    rows = []
    for r in d.grades:
        mark = " *" if r["seat"] == "human" else " †" if r["seat"] == "bot" else ""
        hist = r["history_score"] if r["history_score"] != "" else None
        ai = r["ai_mean_score"] if r["ai_mean_score"] != "" else None
        rows.append((r["name"] + mark, [r["score"], hist, ai]))
    return rows


def scores_chart(d: Debrief, **size) -> str:
    """The role scores as bars (SVG): this game, history, the computer's average; ``size``: its ``width``."""
    series = [BarSeries("This game", "#1f3a5f"), BarSeries("History", "url(#hatch)"),
              BarSeries(f"AI average ({len(d.ai)} games)", "#c8c8c8")]
    return bar_chart(score_rows(d), series, "Role scores: this game, history, AI", **size)


def _scores(d: Debrief) -> str:
    sc = d.scenario
    rows, notes = [], []
    for r in d.grades:
        mark = " *" if r["seat"] == "human" else " †" if r["seat"] == "bot" else ""
        hist = r["history_score"] if r["history_score"] != "" else None
        ai = r["ai_mean_score"] if r["ai_mean_score"] != "" else None
        a = sc.actor(r["role"])
        objs = d.result.roles[r["role"]].objectives
        met = [o[1].rstrip(". ") for o in objs if o[2]]
        missed = [o[1].rstrip(". ") for o in objs if not o[2]]
        rows.append([who(a.short, a.colour, a.name + mark), f"<b>{whole(r['score'])}</b>",
                     "" if hist is None else whole(hist), "" if ai is None else whole(ai),
                     f"{r['objective_points']}/{r['objective_points_total']}"])
        # the objectives under the row, across the table (as the grade sheet's sentences): as two
        # columns beside five short ones they took seven to nine lines of a few words (an 800 px window)
        notes.append(f"<span class=sans>Met:</span> {esc('; '.join(met) or '—')}<br>"
                     f"<span class=sans>Missed:</span> {esc('; '.join(missed) or '—')}" if objs else "")
    chart = scores_chart(d)
    note = (" * played by people." if d.match.people else "") + (
        " † played by your own player." if any(a in d.match.bots for a in d.match.humans) else "")
    return ("<h2>Each role's score</h2><figure class='keep'>" + chart
            + f"<figcaption>Scores 0-100.{esc(note)} History: the same scoring applied to what happened. "
            "AI average: the role's mean score when "
            "the computer plays every seat"
            + (f", at the same AI difficulty ({esc(d.match.difficulty)}): the other delegations treat the "
               "computer in the roles people played as they treated the people" if d.match.level_matters else "")
            + ".</figcaption></figure>"
            f"<p class='small'>A score is {pct(sc.settings.utility_share)} how much the delegation likes the "
            f"outcome and {pct(1 - sc.settings.utility_share)} the objectives of its brief that were met "
            f"(objective points below){_NO_OBJECTIVES if roles_without_objectives(sc) else ''}. Compare a score with the same role in history and with the "
            "computer, not with the other roles: each role starts from a different position.</p>"
            + table(["Role", "Score", "History", "AI", "Objective points"], rows, num=(1, 2, 3, 4),
                    notes=notes))


def _gain(g: float | None) -> str:
    if g is None:
        return ""
    g = round(g, 1) + 0.0  # no "-0.0"
    return f"{g:+.1f}" if g else "0"


def _frontier_block(d: Debrief, f: Frontier, whose: str) -> str:
    """The Pareto and Nash findings for one outcome (this game's or history's)."""
    sc = d.scenario
    n = len(f.signers)
    texts = f"{f.texts:,}" + (" sampled" if f.sampled else "")
    if f.best is None and f.capped:
        pareto = (f"<p><b>On the Pareto frontier.</b> As far as checked: of the {texts} other texts, the "
                  f"{MAX_EXACT} most promising were checked one by one, and none of them would have given "
                  f"{all_of(n)} at least as high a score and one of them more. Not every text was checked, so "
                  "a better one may have been missed.</p>")
    elif f.best is None:
        pareto = (f"<p><b>On the Pareto frontier.</b> Of the {texts} other texts, none would have given "
                  f"{all_of(n)} at least as high a score and one of them more: any "
                  "change would have cost a signatory something.</p>")
    else:
        more = "at least " if f.capped else ""
        pareto = (f"<p><b>Value left on the table.</b> {more}{f.better} of the {texts} other texts would have "
                  f"given {all_of(n)} at least as high a score, and one of them more. "
                  f"The one with the largest total gain: {esc(changes_text(f.best))} (tightness "
                  f"{f.best.tightness:.0f}, {esc(f.best.label)}).</p>")
    nash = f.nash
    left_out = ""
    if f.nash_without:
        names = _names(sc, f.nash_without)
        left_out = (f" {esc(names)} signed although no text with these signatories is worth more to "
                    f"{'it' if len(f.nash_without) == 1 else 'them'} than the outside option, so "
                    f"{'it has' if len(f.nash_without) == 1 else 'they have'} no gain to share and "
                    f"{'is' if len(f.nash_without) == 1 else 'are'} left out of the product.")
    if nash is None:
        bargain = ("<p><b>The Nash bargaining text</b> does not exist here: no text is worth more than its "
                   f"outside option to every signatory.{left_out}</p>")
    elif not nash.changes:
        bargain = (f"<p><b>The Nash bargaining text</b> is {whose} itself: no other text gives a larger "
                   f"product of the signatories' gains over their outside options.{left_out}</p>")
    else:
        bargain = (f"<p><b>The Nash bargaining text</b> changes {esc(changes_text(nash))} (tightness "
                   f"{nash.tightness:.0f}, {esc(nash.label)}).{left_out}</p>")
    alts = [a for a in (f.best, nash if nash is not None and nash.changes else None) if a is not None]
    if not alts:
        return pareto + bargain
    heads = ["Party", "Signed"] + (["Best for all signatories"] if f.best is not None else []) \
        + (["Nash text"] if len(alts) > 1 or f.best is None else [])
    rows = []
    for ident in f.signers + tuple(a for a, _ in alts[0].others):
        a = sc.actor(ident)
        cells = [_who(a), tag("signed", "yes") if ident in f.signers else tag("did not sign", "no")]
        for alt in alts:
            cells.append(_gain(dict(alt.gains + alt.others).get(ident)))
        rows.append(cells)
    # the short table stays on one page with its lead-in (no orphaned row on the next page)
    return (pareto + bargain + "<div class='keep'><p class='small'>How many points each party's score would "
            f"change if that text had been signed instead of {whose}, by the same signatories:</p>"
            + table(heads, rows, num=tuple(range(2, 2 + len(alts))), cls="small") + "</div>")


def _pair_chart(d: Debrief, f: Frontier) -> str:
    """Every counted text as the chair and one other party score it, with their frontier."""
    v = f.pair
    if v is None or len(v.points) < 2:
        return ""
    sc = d.scenario
    x, y = sc.actor(v.x), sc.actor(v.y)
    pts = [Point(px / 100, py / 100, "circle", "#c9c9c9", "none", 1.8) for px, py in v.points]
    legend = [Point(0, 0, "circle", "#c9c9c9", "#999", 4, "a possible text")]
    marks = [(v.best, "triangle", "#7d98ba", "best for all signatories"), (v.nash, "square", "#fff", "Nash text"),
             (v.final, "star", "#1f3a5f", "signed text")]
    for where, shape, fill, name in marks:
        if where is not None:
            pts.append(Point(where[0] / 100, where[1] / 100, shape, fill, "#000", 7,
                             title=f"{name}: {x.name} {where[0]:.0f}, {y.name} {where[1]:.0f}"))
            legend.append(Point(0, 0, shape, fill, "#000", 5 if shape == "star" else 6, name))
    chart = scatter(pts, f"{x.name}'s score (the chair)", f"{y.name}'s score",
                    f"The bargain between {x.name} and {y.name}", legend,
                    path=[(a / 100, b / 100) for a, b in v.line], tick_scale=100)
    if v.y in d.match.humans:
        why = ("the first delegation your own player played" if v.y in d.match.bots
               else "the first delegation people played")
    else:
        whom = "people" if d.match.people else "your own players"
        why = ("nobody played a delegation, so" if not d.match.humans else
               f"{whom} played only the chair, so" if set(d.match.humans) <= {v.x} else
               f"no delegation {whom} played could be drawn, so")
        why += (" the signatory whose wishes lie farthest from the chair's" if v.y in f.signers
                else " the party whose wishes lie farthest from the chair's, as no other party signed")
    if v.y not in f.signers:
        why += f"; {y.name} did not sign, so its score is what each text would have given it from outside"
    return (f"<figure class='keep'>{chart}<figcaption>The bargain between {esc(x.name)} (the chair, across) and "
            f"{esc(y.name)} ({esc(why)}, up): each grey dot is a possible text with the same signatories, "
            "placed by the two scores it would give. The dark line joins the texts neither of the two could "
            "improve on without costing the other: a text below or left of it could have been bettered for "
            "both of them, though perhaps at another signatory's cost (the table above counts every "
            "signatory).</figcaption></figure>")


def _left_on_table(d: Debrief) -> str:
    f, hf = d.frontier, d.history_frontier
    if f is None and hf is None:
        return ""
    parts = ["<h2>Was value left on the table?</h2><p class='small'>Every other possible text, with the same "
             "signatories, scored for every delegation as the results are (role-score points; a text counts "
             "only if every signatory would still sign it). <b>Pareto frontier</b>: no text gives every "
             "signatory at least as much and one of them more. <b>Nash bargaining text</b>: the text that "
             "makes the product of the signatories' gains over their outside options (what each could get "
             "without the agreement) largest, a yardstick for a fair split of what there was to gain; these gains "
             "are what the text is worth to each delegation (its wishes, the club and side payments, as in "
             "“Who signed and why”), not role-score points, so the Nash text can lower some scores. Both use the scenario's estimates of what each "
             "delegation wants: they say what the instructions allowed, not what was possible in the room."
             "</p>"]
    if f is not None:
        parts.append("<h3>Your text</h3>" + _frontier_block(d, f, "the signed text") + _pair_chart(d, f))
    else:
        parts.append("<p>Your game ended without an agreement in force, so there is no text to compare.</p>")
    sc = d.scenario
    if hf is not None and sc.history is not None:
        parts.append(f"<h3>The real text ({esc(when(sc.history.date))})</h3>"
                     + _frontier_block(d, hf, "the real text"))
    return "".join(parts)


def _why(d: Debrief) -> str:
    if not d.why:
        return ""
    sc = d.scenario
    rows = []
    for r in d.why:
        sig = r["signed"]
        decision = (tag("signed", "yes") if sig == 1 else tag("did not sign", "no") if sig == 0
                    else tag("absent", "no"))
        rows.append([_who(sc.actors[r["index"]]), decision,
                     fmt(r["text"]), f"{r['club']:+.2f}", fmt(r["pay"]) if r["pay"] else "",
                     f"<b>{fmt(r['sign'])}</b>", f"<b>{fmt(r['stay'])}</b>", f"{r['margin']:+.2f}",
                     esc(r["verdict"])])
    return ("<h2>Who signed and why</h2><p class='small'>For the text put to signature, with everything "
            "revealed: <b>sign</b> = what the text is worth to the delegation (its wishes, weighted by "
            "salience) + the club (friends and rivals who signed) + side payments promised for signing; "
            "<b>stay</b> = its outside option, adjusted for what the text does to those outside.</p>"
            + table(["Party", "Decision", "Text", "Club", "Paid", "Sign", "Stay", "Margin", "Why"], rows,
                    num=(2, 3, 4, 5, 6, 7)))


def stances_chart(d: Debrief, **size) -> str:
    """Each delegation's true ideal on the sequencing issue (else the first), round by round (SVG);
    ``size``: the chart's ``width`` and ``height``."""
    sc, model = d.scenario, d.model
    issue = sc.issues[max(model.seq, 0)]
    k = max(model.seq, 0)
    series = []
    for n, a in enumerate(sc.actors):
        if d.match.state.actors[n].status == "non_party":  # by the end (an event may have made it a party)
            continue
        values = [float(s.table.ideal[n, k]) for s in d.snapshots]
        series.append(Series(a.short, values, darken(a.colour, 0.4), SHAPES[n % len(SHAPES)],
                             DASHES[n % len(DASHES)], a.name))
    return line_chart(series, [s.label for s in d.snapshots], [lv.name for lv in issue.levels],
                      f"Stances on {issue.name}, round by round",
                      f"{issue.name}: each delegation's true ideal", **size)


def _stances(d: Debrief) -> str:
    sc, model = d.scenario, d.model
    issue = sc.issues[max(model.seq, 0)]
    chart = stances_chart(d)
    first, last = d.snapshots[0].table, d.snapshots[-1].table
    heads = ["Delegation"] + [i.name.split(" (")[0] for i in sc.issues]
    rows = []
    for n, a in enumerate(sc.actors):
        cells = [_who(a)]
        for j in range(model.n_issues):
            x0, x1 = first.ideal[n, j], last.ideal[n, j]
            cells.append(f"{x1:.1f}" if abs(x1 - x0) < 0.05 else f"{x0:.1f}→<b>{x1:.1f}</b>")
        rows.append(cells)
    movers = "lobbying, events and the hidden draws" if sc.hidden_draws else "lobbying and events"
    return (f"<h2>How the stances moved</h2><figure class='keep'>{chart}<figcaption>The true ideal of each "
            f"delegation on {esc(issue.name)} at the start of each round and at the end ({movers} move "
            "it). Levels from loosest (bottom) to tightest (top).</figcaption>"
            "</figure><h3>All issues, start → end</h3>"
            + table(heads, rows, num=tuple(range(1, len(heads))), cls="small map"))


def _timeline(d: Debrief) -> str:
    sc, state = d.scenario, d.match.state
    out, rows = [], []

    def flush() -> None:
        if rows:
            out.append(table(["", "Move", "What happened"], rows, cls="small timeline"))
            rows.clear()

    for e in state.log:
        if e.kind == "pass":
            continue
        if e.kind == "round":
            flush()
            out.append(f"<h3>Round {e.round + 1}: {esc(e.text)}</h3>")
            continue
        who = _badge_i(sc, e.actors[0]) if e.actors else ""
        kind = d.match.seat_kind(sc.actors[e.actors[0]].id) if e.actors else ""
        if kind in ("human", "bot"):
            who += " " + tag(kind)
        text = esc(e.text)
        data = dict(e.data)
        if e.kind == "event":
            text = f"<b>{text}</b>"
            if data.get("text"):
                text += f"<br><span class='muted'>{esc(' '.join(str(data['text']).split()))}</span>"
            if data.get("source"):
                text += f" <span class='muted'>[{esc(data['source'])}]</span>"
        if e.kind == "reveal" and data.get("text"):
            text += f"<br><span class='muted'>{esc(' '.join(str(data['text']).split()))}</span>"
        kind = tag(KIND_WORDS.get(e.kind, e.kind))
        if e.visible is not None:
            seen = _names(sc, sorted(e.visible))
            kind += "<br>" + tag("private", "private")
            text += f" <span class='small muted'>(seen only by {esc(seen)})</span>"
        rows.append([who, kind, text])
    flush()
    return ("<h2>Timeline of the talks</h2><p class='small'>Every move except passes. Private moves (offers, "
            "replies, lobbying, broken promises) are revealed now and marked "
            + tag("private", "private") + ".</p>" + "".join(out))


def _draws(d: Debrief) -> str:
    sc = d.scenario
    parts = []
    for draw_id, option_id in d.match.state.draws:
        draw = next((x for x in sc.hidden_draws if x.id == draw_id), None)
        if draw is None:
            continue
        opt = next((o for o in draw.options if o.id == option_id), None)
        parts.append(f"<div class='box keep'><h3>{esc(opt.label if opt else option_id)}</h3>"
                     f"{paragraphs(draw.description)}"
                     + (f"<p class='small'>{esc(opt.note)}</p>" if opt and opt.note else "")
                     + paragraphs(draw.reveal)
                     # the draw named again at the end, where a reveal that points to it ("the state
                     # named below", in cst-1999) finds it
                     + f"<p><b>This game's draw:</b> {esc(opt.label if opt else option_id)}.</p></div>")
    return ("<h2>The hidden draws, revealed</h2>" + "".join(parts)) if parts else ""


def _memos(d: Debrief) -> str:
    """The memos the delegations people played wrote, round by round (their notes for the teacher)."""
    sc, m = d.scenario, d.match
    parts = []
    for seat in m.game.model.actor_ids:
        rounds = m.memos.get(seat)
        if not rounds:
            continue
        a = sc.actor(seat)
        rows = [[esc(sc.rounds[r].name) if r < len(sc.rounds) else str(r + 1),
                 "".join(f"<p>{esc(line)}</p>" for line in text.split("\n") if line.strip())]
                for r, text in sorted(rounds.items())]
        words = sum(len(t.split()) for t in rounds.values())
        parts.append(f"<h3>{who(a.short, a.colour, a.name)} <span class='small muted'>({len(rounds)} "
                     f"memo{'s' * (len(rounds) != 1)}, {words} word{'s' * (words != 1)})</span></h3>"
                     + table(["Round", "Memo"], rows, cls="small memos"))
    if not parts:
        return ""
    # the teams that wrote none are named too: a teacher grading from this page sees who is missing
    silent = [sc.actor(seat).name for seat in m.people if not m.memos.get(seat)]
    if silent:
        parts.append(f"<p class='small'>No memo from {esc(', '.join(silent))} (played by people: the grade "
                     "sheet's <code>memos</code> is 0).</p>")
    return ("<h2>The delegations' memos</h2><p class='small'>What each delegation wrote in its memo, round by "
            "round: its own notes, read by nobody else during the game (<code>memo</code> in the text mode, "
            "<i>Memo</i> or J in the window). The grade sheet counts them (columns <code>memos</code>, "
            "<code>memo_words</code>).</p>" + "".join(parts))


def _quiz(d: Debrief) -> str:
    """How the delegations people played did in the briefing check (game.report.quiz): right at the
    first answer, out of how many, and the questions they got wrong with the right answers."""
    sc, m = d.scenario, d.match
    if not m.people:
        return ""
    rows, silent = [], []
    for seat in m.people:
        a = sc.actor(seat)
        res = quiz_result(m, seat)
        if not res.answered:
            silent.append(a.name)
            continue
        qs = {q.id: q for q in questions(sc, seat)}
        missed = "".join(f"<li>{esc(qs[q].text)} <span class='muted'>Right answer:</span> "
                         f"{esc(qs[q].label(qs[q].answer))}</li>" for q in res.wrong)
        rows.append([_who(a), f"<b>{res.right}</b>", f"{res.answered} of {res.questions}",
                     f"<ul class='small'>{missed}</ul>" if missed else "<span class='muted'>none</span>"])
    parts = []
    if rows:
        parts.append(table(["Delegation", "Right", "Answered", "Got wrong"], rows, num=(1, 2), cls="small"))
    if silent:
        parts.append(f"<p class='small'>Not taken by {esc(', '.join(silent))}.</p>")
    return ("<h2>The briefing check</h2><p class='small'>A few questions on each delegation's own brief, "
            "made from the scenario (what it wants, what matters most, its red lines, partners and offers, "
            "the calendar), answered before or during the talks (<code>quiz</code> in the text mode, "
            "<i>Briefing check</i> in the window). The first answer counts. The grade sheet has the same "
            "numbers (columns <code>quiz_right</code>, <code>quiz_answered</code>, "
            "<code>quiz_questions</code>).</p>" + "".join(parts))


def _grades(d: Debrief) -> str:
    sc = d.scenario
    rows, notes = [], []
    for r in d.grades:
        a = sc.actor(r["role"])
        rows.append([_who(a), esc(r["seat"]), esc(r["signed"]), whole(r["score"]),
                     f"{r['objectives_met']}/{r['objectives_total']}", str(r["actions"]),
                     f"{r['offers_made']} ({r['offers_made_accepted']})",
                     f"{r['promises_kept']}/{r['promises_broken']}", esc(r["stance_on_final"]),
                     f"<b>{r['say_sign_gap']}</b>" if r["say_sign_gap"] else "0"])
        # the sentences under the row, across the table: as an eleventh column beside ten short ones
        # they were squeezed to a word a line (A4, an 800 px window) and pushed the table off the page
        notes.append(f"<span class=sans>What was said and done:</span> {esc(r['say_sign_notes'])}"
                     if r["say_sign_notes"] else "")
    return ("<h2>Grade sheet</h2><p class='small'>Actions: moves other than passes. Offers: made (accepted). "
            "Promises: kept/broken, for offers the role accepted. Say–sign gap: public statements (endorsing "
            "or opposing the final text, declared red lines) contradicted by the signature; which they were, and "
            "any private promises broken, are written under the role's row. The same table is available as CSV"
            + (f" (its column <code>difficulty</code> says the level: {esc(d.match.difficulty)})"
               if d.match.level_matters else "") + ".</p>"
            + table(["Role", "Seat", "Signed", "Score", "Objectives", "Actions", "Offers", "Promises",
                     "On final text", "Gap"], rows, num=(3, 4, 5, 6, 7, 9), cls="small", notes=notes))


def render(d: Debrief, paper: str = "auto", slides: str | None = None) -> str:
    """The debrief report; ``slides``: the address of its slides (a file name beside it), linked at the top."""
    sc = d.scenario
    prompts = "".join(f"<li>{esc(p)}</li>" for p in d.prompts)
    answer = ""
    if sc.history is not None:
        answer = ("<h2>What history did</h2><div class='box'>" + paragraphs(sc.history.summary)
                  + (f"<p class='small muted'>Sources: {esc(', '.join(sc.history.sources))}</p>"
                     if sc.history.sources else "") + source_tags_note(sc) + "</div>")
    body = "".join([
        '<main class="page wide">', _summary(d), _slides_link(slides), _reading_guide(d),
        "<h2>Discussion prompts</h2><ol>",
        prompts, "</ol>",
        _treaty(d), _plane(d), _forecast_model(d), answer, _scores(d), AW.section(d), _left_on_table(d), _why(d),
        _stances(d), _draws(d), _quiz(d), _memos(d), _grades(d),
        _timeline(d),
        f'<footer class="foot">{esc(sc.id)} v{esc(sc.version)}{_earlier(d.match)} · seed {d.match.seed} · '
        f"{len(d.ai)} AI-only games for comparison</footer></main>",
    ])
    return document(f"{sc.title}: debrief", body, paper,
                    foot=f"Debrief · {sc.title} · seed {d.match.seed}")


def _slides_link(href: str | None) -> str:
    if not href:
        return ""
    url = href if href.startswith("file:") else quote(href)  # (a relative path: its spaces and '#' escaped)
    return (f'<p class="noprint">To discuss it with the class on a projector: <a href="{esc(url)}">'
            f"the same debrief as slides</a> ({esc(href)}; arrow keys or a presenter's remote, F for full "
            "screen).</p>")


def _earlier(match) -> str:
    """' (replayed on it: moves 1-37 were made on v1.1.4)' for a game resumed on a changed scenario."""
    from game.session.match import earlier_note

    note = earlier_note(match)
    return f" (replayed on it: {esc(note)})" if note else ""


def slides_href(slides: Path, report: Path) -> str:
    """The address by which the report ``report`` links to its slides ``slides``: relative to the
    report's folder, so the two can be moved together (a file URL when there is no relative path:
    another drive on Windows)."""
    try:
        return Path(os.path.relpath(Path(slides).resolve(), Path(report).resolve().parent)).as_posix()
    except ValueError:
        return Path(slides).resolve().as_uri()


def write_debrief(save: str | Path, out: str | Path, csv_path: str | Path | None = None,
                  ai_runs: int = DEFAULT_AI_RUNS, seed: int | None = None, paper: str = "auto",
                  current_scenario: bool = False, slides_path: str | Path | None = None) -> Debrief:
    """Load a save, write the debrief HTML (and the grade sheet CSV and the slides
    (:mod:`game.report.slides`) if asked, the report linking to the slides); ``current_scenario`` as
    in :func:`game.session.saves.load_match`."""
    from game.report import slides as S
    from game.session.saves import load_match

    d = analyse(load_match(save, current_scenario=current_scenario), ai_runs, seed)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    href = None
    if slides_path is not None:
        slides_path = Path(slides_path)
        slides_path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(slides_path, S.render(d))
        href = slides_href(slides_path, out)
    write_text_atomic(out, render(d, paper, href))
    if csv_path is not None:
        G.write_grades_csv(d.grades, csv_path)
    return d
