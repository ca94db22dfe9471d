"""Rebuild the sample classroom outputs in this folder (run from the repository root).

    python docs/examples/make_examples.py

It plays two games on the built-in scenario, saves them, and writes their debriefs
and grade sheets, plus a few files of the printable kit. Screenshots are made
from these files with headless Chromium (see README.md).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from game.engine import Options  # noqa: E402
from game.engine import actions as A  # noqa: E402
from game.report.briefs import write_briefs  # noqa: E402
from game.report.debrief import write_debrief  # noqa: E402
from game.report.quiz import questions  # noqa: E402
from game.scenarios.actor_table import table_csv  # noqa: E402
from game.scenarios.loader import load_scenario  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.simulate import play_one  # noqa: E402
from game.session.store import write_text_atomic  # noqa: E402


def class_game(sc) -> Match:
    """Three delegations played by people (scripted moves); the computer plays the rest."""
    lv, ix = sc.level_index, {i.id: n for n, i in enumerate(sc.issues)}

    def levels(**chosen: str) -> tuple[int, ...]:
        return tuple(lv(i.id, chosen[i.id]) for i in sc.issues)

    plan = {
        ("russia", 0): [A.MakeOffer("russia", target="kazakhstan", offer="arms_domestic_prices",
                                    condition="sign"),
                        A.Lobby("russia", target="kazakhstan", issue=ix["sequencing"])],
        ("georgia", 0): [A.Table("georgia", levels=levels(
            sequencing="adapt_first", defence="discretion", peacekeeping="ad_hoc", guarantees="binding",
            arms="notification", alliances="open", duration="protocol")),
            A.RedLine("georgia", issue=ix["guarantees"], level=lv("guarantees", "declaratory"))],
        ("kazakhstan", 0): [A.Table("kazakhstan", levels=levels(
            sequencing="review", defence="discretion", peacekeeping="ad_hoc", guarantees="declaratory",
            arms="notification", alliances="strict", duration="protocol"))],
        ("russia", 1): [A.MakeOffer("russia", target="georgia", offer="base_timetable", condition="sign"),
                        A.CallCommunique("russia", draft=1)],
        ("georgia", 1): [A.Lobby("georgia", target="kazakhstan", issue=ix["sequencing"]),
                         A.Oppose("georgia", draft=1)],
        ("kazakhstan", 1): [A.Lobby("kazakhstan", target="kyrgyzstan", issue=ix["duration"]),
                            A.Endorse("kazakhstan", draft=1)],
        ("georgia", 2): [A.WalkOut("georgia")],
        ("georgia", 3): [A.Return("georgia")],
        ("kazakhstan", 3): [A.Oppose("kazakhstan", draft=1)],
    }
    # the teams' memos (sample students' notes, written on their first turn of the round; not
    # historical statements): Russia and Georgia write them, Kazakhstan writes none
    memos = {
        ("russia", 0): "Goal: prolong first, adapt later. Buy Kazakhstan's signature with the arms offer.",
        ("georgia", 0): "We table 'adapt first' with binding guarantees.\nRed line on guarantees: "
                        "we will not sign a text that gives us nothing on the conflicts.",
        ("georgia", 2): "Nobody moved towards us. Walk out to show the cost of ignoring us.",
        ("georgia", 3): "Back at the table: if the final text keeps declaratory support, we sign.",
        ("russia", 5): "Six signatures are enough. Put draft 1 to signature.",
    }
    accepts = {"kazakhstan": True, "georgia": False}
    signs = {"russia": True, "georgia": True, "kazakhstan": False}
    m = Match(sc, seed=11, options=Options(events="historical"),
              seats={"russia": "human", "georgia": "human", "kazakhstan": "human"}, scenario_ref=sc.id)
    # the briefing check before the talks (sample answers): Russia gets every question right, Georgia
    # misses two, Kazakhstan stops after five
    for who, missed, stop in (("russia", (), None), ("georgia", ("signatures", "rival"), None),
                              ("kazakhstan", (), 5)):
        for q in questions(sc, who)[:stop]:
            m.answer_quiz(who, q.id, next(k for k, _ in q.options if k != q.answer) if q.id in missed else q.answer)
    used: dict[tuple[str, int], int] = {}
    while not m.over:
        if not m.human_to_move():
            m.run_ai()
            continue
        who = m.to_move
        for offer in m.game.view(m.state, who).pending_offers():
            m.submit(A.Respond(who, offer=offer.id, accept=accepts.get(who, False)))
        if m.state.phase == "signing":
            m.submit(m.ai_action() if m.state.on_table is None else A.Sign(who, sign=signs[who]))
            continue
        key = (who, m.state.round)
        if key in memos and not m.memo(who):
            m.write_memo(who, memos[key])
        n = used[key] = used.get(key, 0) + 1
        queue = plan.get(key, [])
        if n > len(queue) or m.submit(queue[n - 1]).rejected is not None:
            m.submit(A.Pass(who))
    return m


def facilitated_game(sc) -> Match:
    """A teacher's game: Georgia played by a team, an injected event and a typed inject,
    an undone move, and a fork back to the start of round 3; played to the end."""
    from game.session import facilitator as F

    match = Match(sc, seed=5, seats={"georgia": "human"}, scenario_ref=sc.id)
    F.facilitate(match)

    def until_georgia() -> None:
        match.run_ai()

    until_georgia()
    match.submit(A.Lobby("georgia", target="kazakhstan", issue=0))
    F.apply_inject(match, F.news_inject("Facilitator: Tbilisi asks the OSCE to observe the talks",
                                        "An inject typed in class, not a historical event."))
    until_georgia()
    assert match.submit(A.Endorse("georgia", draft=1)).rejected is None
    match, _ = F.undo(match)  # the team takes its endorsement back
    match.submit(A.Pass("georgia"))
    until_georgia()
    F.apply_inject(match, F.event_inject(sc.events[-1].id))  # release a later event early
    while match.state.round < 3 and not match.over:
        if match.human_to_move():
            match.submit(A.Pass("georgia"))
        match.run_ai()
    match, _ = F.fork(match, 2)  # back to the start of round 3, play on differently
    while not match.over:
        if match.human_to_move():
            match.submit(A.Pass("georgia") if match.state.phase == "diplomacy" else A.Sign("georgia", sign=False))
        match.run_ai()
    return match


def main() -> None:
    from game.session import facilitator as F

    sc = load_scenario("cst-1999")
    games = {"ai-game": play_one(sc, 7, scenario_ref=sc.id), "class-game": class_game(sc),
             "facilitated-game": facilitated_game(sc)}
    for name, match in games.items():
        save = HERE / f"sample-{name}.json"
        F.save(match, save)  # a plain save when the game had no facilitator
        write_debrief(save, HERE / f"debrief-{name}.html", HERE / f"grades-{name}.csv",
                      slides_path=HERE / "slides-class-game.html" if name == "class-game" else None)
    with tempfile.TemporaryDirectory() as tmp:
        write_briefs(sc, tmp)
        for name in ("index.html", "brief-georgia.html", "map.html", "facilitator-guide.html",
                     "actor-table.html"):
            shutil.copy(Path(tmp) / name, HERE / ("kit-" + name))
    write_text_atomic(HERE / "actors-cst-1999.csv", "\ufeff" + table_csv(sc))  # as actor-table --out writes it
    print(f"wrote the examples to {HERE}")


if __name__ == "__main__":
    main()
