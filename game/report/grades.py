"""The grade sheet: per role, what it scored, what it did, and what it said versus signed.

One row per role, computed from a finished match (the truth: private moves
count). The *say-versus-sign gap* compares a delegation's public statements
(endorsing or opposing the text put to signature, red lines it declared) with
what it did at the signing; privately accepted promises to sign are reported
beside it. ``write_grades_csv`` writes the rows with :data:`COLUMNS` as header.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from game.report.quiz import quiz_result
from game.scoring import GameResult
from game.session.match import Match, memo_words, takebacks_cell
from game.session.store import write_text_atomic

COLUMNS = (
    "role", "name", "seat", "signed", "score", "history_score", "ai_mean_score", "vs_history", "vs_ai",
    "objectives_met", "objectives_total", "objective_points", "objective_points_total", "objectives_met_ids",
    "actions", "passes", "drafts_tabled", "amendments", "endorsements", "oppositions", "lobbies",
    "red_lines_declared", "red_lines_crossed", "walk_outs", "offers_made", "offers_made_accepted",
    "offers_accepted", "promises_kept", "promises_broken", "stance_on_final", "say_sign_gap",
    "say_sign_notes", "reputation", "difficulty", "takebacks", "memos", "memo_words",
    "quiz_right", "quiz_answered", "quiz_questions",
)

# The AI levels in a teacher's words, for a finished game (docs/rules.md, "The AI"): how the
# computer's delegations treated the seats people played. Every result that shows a score says
# the level with these words, since a score at easy and one at hard are not comparable.
DIFFICULTY_WORDS = {
    "easy": "the computer's delegations accommodated the seats people played",
    "normal": "the computer's delegations bargained only for themselves",
    "hard": "the computer's delegations minded the gains of the seats people played",
}


def difficulty_text(level: str) -> str:
    """'AI difficulty hard (the computer's delegations minded ...)': the level and what it did."""
    words = DIFFICULTY_WORDS.get(level)
    return f"AI difficulty {level}" + (f" ({words})" if words else "")


_COUNTED = ("table", "amend", "endorse", "oppose", "lobby", "offer", "red_line", "walk_out", "return",
            "communique", "put_to_signature")


def _r(value: float | None, digits: int = 1) -> float | str:
    return "" if value is None else round(float(value), digits)


def stance_on(match: Match, actor: int, draft_id: int | None) -> str:
    """'endorsed', 'opposed' or 'none': the role's public stance on a draft at the end."""
    draft = match.state.draft(draft_id) if draft_id is not None else None
    if draft is None:
        return "none"
    if actor in draft.endorse:
        return "endorsed"
    if actor in draft.oppose:
        return "opposed"
    return "none"


def say_sign_gap(match: Match, actor: int) -> tuple[int, list[str]]:
    """(number of public statements the signing contradicted, notes in words)."""
    state, sc = match.state, match.scenario
    final = state.draft(state.on_table) if state.on_table is not None else None
    sig = state.signatures[actor] if state.signatures else -1
    gap, notes = 0, []
    if final is not None:
        stance = stance_on(match, actor, final.id)
        if stance == "endorsed" and sig != 1:
            gap += 1
            notes.append("endorsed the final text but did not sign")
        elif stance == "opposed" and sig == 1:
            gap += 1
            notes.append("opposed the final text but signed it")
        for k, lo, hi in state.actors[actor].declared:
            if not lo <= final.levels[k] <= hi and sig == 1:
                gap += 1
                notes.append(f"signed across its declared red line on {sc.issues[k].name}")
    for o in state.offers:
        if o.target == actor and o.status == "broken":
            what = "sign" if o.condition == "sign" else f"endorse draft {o.draft}"
            notes.append(f"privately promised {sc.actors[o.giver].name} to {what} and did not")
    return gap, notes


def grade_rows(match: Match, result: GameResult | None = None, history: GameResult | None = None,
               ai_means: dict[str, float] | None = None) -> list[dict]:
    """One dict per role (keys: :data:`COLUMNS`). The match must have ended."""
    result = result or match.result()
    state, sc = match.state, match.scenario
    kinds = Counter((a.actor, a.kind) for a in match.actions)
    rows = []
    for i, actor in enumerate(sc.actors):
        rs = result.roles[actor.id]
        hist = history.roles[actor.id].score if history is not None else None
        ai = (ai_means or {}).get(actor.id)
        met = [o for o in rs.objectives if o[2]]
        sig = state.signatures[i]
        # -1: away from the table at the signing, or nothing was put to signature (no vote at all)
        signed = "yes" if sig == 1 else "no" if sig == 0 else "no vote" if state.on_table is None else "absent"
        made = [o for o in state.offers if o.giver == i]
        got = [o for o in state.offers if o.target == i and o.status in ("accepted", "kept", "broken")]
        crossed = sum(1 for e in state.log if e.kind == "red_line_crossed" and e.actors[:1] == (i,))
        gap, notes = say_sign_gap(match, i)
        rows.append({
            "role": actor.id, "name": actor.name, "seat": match.seat_kind(actor.id), "signed": signed,
            "score": _r(rs.score), "history_score": _r(hist), "ai_mean_score": _r(ai),
            # the differences of the numbers as shown (93.4 - 89.7 = 3.7), not of the unrounded ones
            # (which can differ from them by 0.1 and make a teacher doubt the sheet)
            "vs_history": _r(_r(rs.score) - _r(hist)) if hist is not None else "",
            "vs_ai": _r(_r(rs.score) - _r(ai)) if ai is not None else "",
            "objectives_met": len(met), "objectives_total": len(rs.objectives),
            "objective_points": sum(o[3] for o in met),
            "objective_points_total": sum(o[3] for o in rs.objectives),
            "objectives_met_ids": " ".join(o[0] for o in met),
            "actions": sum(kinds[(actor.id, k)] for k in _COUNTED), "passes": kinds[(actor.id, "pass")],
            "drafts_tabled": kinds[(actor.id, "table")], "amendments": kinds[(actor.id, "amend")],
            "endorsements": kinds[(actor.id, "endorse")], "oppositions": kinds[(actor.id, "oppose")],
            "lobbies": kinds[(actor.id, "lobby")], "red_lines_declared": kinds[(actor.id, "red_line")],
            "red_lines_crossed": crossed, "walk_outs": kinds[(actor.id, "walk_out")],
            "offers_made": len(made),
            "offers_made_accepted": sum(1 for o in made if o.status in ("accepted", "kept", "broken")),
            "offers_accepted": len(got),
            "promises_kept": sum(1 for o in got if o.status in ("kept", "accepted")),
            "promises_broken": sum(1 for o in got if o.status == "broken"),
            "stance_on_final": stance_on(match, i, state.on_table), "say_sign_gap": gap,
            "say_sign_notes": "; ".join(notes), "reputation": round(float(state.actors[i].reputation), 3),
            # the same on every row: sheets of games at different levels can be put together and told apart
            "difficulty": match.difficulty,
            # moves the role's player took back ('undo'): the AI replies the same to the same move,
            # so a take-back shows what a move would bring; 'off' where the teacher turned them off
            "takebacks": takebacks_cell(match, actor.id),
            # the delegation's memos (its notes for the teacher, one a round; the debrief has their text)
            "memos": len(match.memos.get(actor.id, {})), "memo_words": memo_words(match, actor.id),
            # the briefing check (game.report.quiz): blank for a seat no person played (nobody took it)
            **_quiz_cells(match, actor.id),
        })
    return rows


def _quiz_cells(match: Match, seat: str) -> dict:
    """The grade sheet's briefing-check columns for ``seat``: right, answered and asked, or blanks
    for a seat the computer (or your own player) played."""
    if seat not in match.people:
        return {"quiz_right": "", "quiz_answered": "", "quiz_questions": ""}
    res = quiz_result(match, seat)
    return {"quiz_right": res.right, "quiz_answered": res.answered, "quiz_questions": res.questions}


def grades_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_safe(row.get(k, "")) for k in COLUMNS})
    return buf.getvalue()


def _csv_safe(value: object) -> object:
    """Keep spreadsheet programs from running a cell as a formula (names come from scenario files)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_grades_csv(rows: list[dict], path: str | Path) -> Path:
    """Write the grade sheet as UTF-8 with a byte-order mark: without it, Excel on Windows reads a
    double-clicked CSV in the local code page and shows names in Cyrillic, Georgian or Armenian as
    mojibake; LibreOffice, Python (``encoding="utf-8-sig"``) and other spreadsheets skip the mark."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, "\ufeff" + grades_csv(rows))
    return path
