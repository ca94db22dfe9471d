"""The briefing check: a short quiz on a role's own brief, for a class before it negotiates.

A teacher wants to know that a team has read its brief before the talks begin (Statecraft's
grades combine quizzes with memos). The questions are made from the scenario's data for the
role, the same data its brief prints, so every scenario has a quiz without a line written for it:

- the rule of signing (sign what beats your outside option);
- the issue that matters most to the role, and what it wants on its most important issues;
- its red lines (or that it has none);
- its closest partner and its most hostile neighbour, where its relations say so clearly;
- the side payments it can offer;
- who chairs the talks, when the final text is put to signature, and how many signatures the
  treaty needs to enter into force;
- then the scenario's own questions (its ``quiz``: on the situation, the source document),
  for every role or the roles they name.

A question is asked only when its answer is clear from the brief (a tie in salience or an ideal
halfway between two levels leaves it out), and every question says where the brief has the
answer. The quiz is built from the role's own view of the scenario at the start
(:func:`game.engine.views.public_model`): it never shows another role's secrets, not even among
its wrong answers.

A team answers each question once; its first answer is kept (:meth:`Match.answer_quiz`), the
engine never sees it, and it changes nothing in the game. The debrief and the grade sheet show
the result (:func:`quiz_result`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from game.engine.model import build_model
from game.engine.views import public_model
from game.report.briefs import either, ideal_words, level_range, salience_word
from game.report.html import when
from game.scenarios.schema import Scenario

MAX_QUESTIONS = 10
# option keys that are not a scenario's ids (an id starts with a letter): "none of these", and a wish
# between two levels
NONE, IDEAL = ":none", ":ideal"


@dataclass(frozen=True)
class Question:
    """One question: its id (stable for a scenario and role), the question, the options as
    (key, label) pairs in the order shown, the right option's key, and where the brief says so."""

    id: str
    text: str
    options: tuple[tuple[str, str], ...]
    answer: str
    why: str

    def label(self, key: str) -> str:
        """The label of the option ``key`` ("" when the question has no such option)."""
        return next((label for k, label in self.options if k == key), "")

    def letter(self, key: str) -> str:
        """The letter the option ``key`` is shown with (A for the first), in print and in the window."""
        return "ABCD"[[k for k, _ in self.options].index(key)]

    def has(self, key: str) -> bool:
        """Whether ``key`` is one of the question's options (whatever its label says)."""
        return any(k == key for k, _ in self.options)


@dataclass(frozen=True)
class QuizResult:
    """How a team did: questions right, questions answered, questions in its quiz, and the ids of
    the questions it got wrong."""

    right: int
    answered: int
    questions: int
    wrong: tuple[str, ...]


def _fmt(x: float) -> str:
    return f"{x:.2f}"


def _shuffled(qid: str, scenario_id: str, seat: str, right: tuple[str, str],
              wrong: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The right option and up to three wrong ones in an order fixed by the scenario, the role and
    the question (the same on every machine and in every session: a team sees its quiz as it was)."""
    rnd = random.Random(f"{scenario_id}|{seat}|{qid}")
    picked = wrong if len(wrong) <= 3 else rnd.sample(wrong, 3)
    options = [right, *picked]
    rnd.shuffle(options)
    return tuple(options)


_CACHE: dict[tuple[int, str], tuple[Scenario, tuple[Question, ...]]] = {}


def _questions(sc: Scenario, seat: str) -> tuple[Question, ...]:
    model = build_model(sc)
    me = model.actor_index(seat)
    pub = public_model(model, me).scenario  # the role's own view: others' secrets removed
    a = pub.actors[me]
    names = {b.id: b.name for b in pub.actors}
    qs: list[Question] = []

    def ask(qid: str, text: str, right: tuple[str, str], wrong: list[tuple[str, str]], why: str) -> None:
        # (never two options that read the same: a scenario may give two issues, levels or
        # delegations one name, and the brief could not tell them apart)
        seen, kept = {right[1].casefold()}, []
        for w in wrong:
            if w[1].casefold() not in seen:
                seen.add(w[1].casefold())
                kept.append(w)
        if kept:
            qs.append(Question(qid, text, _shuffled(qid, sc.id, seat, right, kept), right[0], why))

    # 1. the rule of signing, with the role's own outside option
    out = a.outside_option
    ask("sign", "When the chair puts a text to signature, when should your delegation sign it?",
        ("beats", "When it is worth more to you than your outside option"),
        [("most", "Whenever most of the other delegations sign it"),
         ("all", "Only when it matches every one of your wishes"),
         ("chair", "Whenever the chair asks the parties to sign")],
        f"Your brief, confidential: your outside option is {_fmt(out)}, the value of staying "
        "out; sign only what beats staying out.")

    # 2. the issue that matters most (only when one clearly leads)
    positions = [(issue, a.positions[issue.id]) for issue in pub.issues if issue.id in a.positions]
    by_salience = sorted(positions, key=lambda ip: -ip[1].salience)
    if len(by_salience) >= 2 and by_salience[0][1].salience - by_salience[1][1].salience >= 0.1 - 1e-9:
        top, top_pos = by_salience[0]
        nxt, nxt_pos = by_salience[1]
        # (a wrong option also matters by another word: the text mode's brief shows the words only,
        # and "vital" beside "vital" would not say which matters more)
        top_word = salience_word(top_pos.salience)
        lower = [(i.id, i.name) for i, p in by_salience[1:] if top_pos.salience - p.salience >= 0.1 - 1e-9
                 and salience_word(p.salience) != top_word]
        ask("top_issue", "Which issue matters most to your delegation?", (top.id, top.name), lower,
            f"Your positions: {top.name} matters most ({top_word}, {_fmt(top_pos.salience)}); the next, "
            f"{nxt.name}, {salience_word(nxt_pos.salience)} ({_fmt(nxt_pos.salience)}).")

    # 3. what it wants on its two most important issues (where its wish is not halfway)
    wants = 0
    for issue, pos in by_salience:
        if wants == 2:
            break
        levels = issue.levels
        right = ideal_words(sc, issue.id, pos.ideal)
        wrong = [(lv.id, lv.name) for n, lv in enumerate(levels) if abs(n - pos.ideal) >= 0.75]
        if not wrong or right.startswith("halfway"):
            continue
        # the right option's key: the level it names, or IDEAL for a wish between two levels
        key = next((lv.id for lv in levels if lv.name == right), IDEAL)
        before = len(qs)
        label = right if key != IDEAL else right[:1].upper() + right[1:]  # ("Between A and B, ...": an option)
        ask(f"want:{issue.id}", f"On “{issue.name}”, what does your delegation want?", (key, label), wrong,
            f"Your positions: on {issue.name} you want {right} (how much it matters: "
            f"{salience_word(pos.salience)}, {_fmt(pos.salience)}).")
        wants += len(qs) > before

    # 4. red lines, or that there are none
    red_issues = [rl.issue for rl in a.red_lines]
    free = [(i.id, i.name) for i in pub.issues if i.id not in red_issues]
    none = (NONE, "None: everything is negotiable")
    if red_issues:
        rl = a.red_lines[0]
        ok, _ = level_range(sc, rl.issue, rl.at_least, rl.at_most)
        ask("red_line", "On which issue do your instructions set a red line?",
            (rl.issue, pub.issue(rl.issue).name), [*free, none],
            f"Your red lines: you will not sign unless {pub.issue(rl.issue).name} is {either(ok)}.")
    else:
        ask("red_line", "On which issue do your instructions set a red line?", none, free,
            "Your red lines: your instructions set none; everything is negotiable.")

    # 5. relations: the closest partner and the most hostile neighbour, when they stand out
    aff = sorted(((v, k) for k, v in a.affinities.items() if k in names and k != seat), reverse=True)
    others = [b.id for b in pub.actors if b.id != seat]
    if aff and aff[0][0] >= 0.3 and (len(aff) == 1 or aff[0][0] - aff[1][0] >= 0.2 - 1e-9):
        best = aff[0][1]
        cool = [(k, names[k]) for k in others if a.affinities.get(k, 0.0) <= aff[0][0] - 0.3]
        ask("partner", "Which delegation is closest to yours?", (best, names[best]), cool,
            f"Your relations: {names[best]} {aff[0][0]:+.1f}, the closest (−1 hostile … +1 close).")
    if aff and aff[-1][0] <= -0.3 and (len(aff) == 1 or aff[-2][0] - aff[-1][0] >= 0.2 - 1e-9):
        worst = aff[-1][1]
        warm = [(k, names[k]) for k in others if a.affinities.get(k, 0.0) >= aff[-1][0] + 0.3]
        ask("rival", "Which delegation is the most hostile to yours?", (worst, names[worst]), warm,
            f"Your relations: {names[worst]} {aff[-1][0]:+.1f}, the most hostile (−1 hostile … +1 close).")

    # 6. the side payments it can offer (the others' offers are public: everyone's brief lists them)
    no_offer = (NONE, "None: you have no side payments to offer")
    mine = {o.name for o in a.offers}
    theirs: dict[str, str] = {}  # name -> key (by giver and offer id: the same after a rewording)
    for b in pub.actors:
        for o in b.offers:
            if b.id != seat and o.name not in mine:
                theirs.setdefault(o.name, f"other:{b.id}:{o.id}")
    # (in the order of their keys, not their names: the three of them a question samples stay the same
    # when a scenario is reworded, and so does an answer a save holds, see Match._quiz)
    theirs = sorted(((key, name) for name, key in theirs.items()), key=lambda kn: kn[0])
    if a.offers:
        ask("offer", "Which of these side payments can your delegation offer?",
            (a.offers[0].id, a.offers[0].name), [*theirs, no_offer],
            f"Your levers, offers you can make: {', '.join(o.name for o in a.offers)}.")
    else:
        ask("offer", "Which of these side payments can your delegation offer?", no_offer, theirs,
            "Your levers: you have no side payments of your own to offer.")

    # 7. the talks: the final meeting, the signatures needed, the chair
    finals = [r for r in pub.rounds if r.final]
    if finals and len(pub.rounds) >= 2:
        fin = finals[-1]

        def meeting(r) -> str:
            return f"{r.name} ({when(r.date)})"

        ask("final", "At which meeting is a text put to signature?", (fin.id, meeting(fin)),
            [(r.id, meeting(r)) for r in pub.rounds if not r.final],
            f"The calendar: at {meeting(fin)} the chair puts one draft to signature.")
    need = pub.settings.min_signatures
    parties = sum(1 for b in pub.actors if b.status != "non_party")
    # (never more signatures than there are parties, while a wrong answer is left: "4" among two
    # delegations is no question)
    near = sorted({n for n in (need - 2, need - 1, need + 1, need + 2, parties) if 1 <= n <= max(parties, need + 2)
                   and n != need})
    near = [n for n in near if n <= parties] or near
    ask("signatures", "How many signatures does the treaty need to enter into force?",
        (str(need), str(need)), [(str(n), str(n)) for n in near],
        f"The calendar: the treaty enters into force only with at least {need} signature"
        f"{'' if need == 1 else 's'}.")
    chair = pub.chair
    you = " (your delegation)"
    ask("chair", "Who chairs the talks and chooses the draft put to signature?",
        (chair, names[chair] + (you if chair == seat else "")),
        [(k, names[k] + (you if k == seat else "")) for k in others + [seat] if k != chair
         and next(b for b in pub.actors if b.id == k).status == "party"],
        ("Your levers: you chair the talks" if chair == seat else f"The calendar: {names[chair]} chairs the "
         "talks") + "; the chair puts one draft to signature at the final summit.")
    # 8. the scenario's own questions for this role (its author's: the situation, the source document)
    own = [Question(f"own:{q.id}", " ".join(q.question.split()),
                    _shuffled(f"own:{q.id}", sc.id, seat, ("right", " ".join(q.right.split())),
                              [(f"wrong{k}", " ".join(w.split())) for k, w in enumerate(q.wrong, 1)]),
                    "right", " ".join(q.why.split()))
           for q in sc.quiz if not q.roles or seat in q.roles]
    return tuple(qs[:MAX_QUESTIONS]) + tuple(own)


def questions(sc: Scenario, seat: str) -> tuple[Question, ...]:
    """The briefing check of ``seat`` in scenario ``sc``: at most :data:`MAX_QUESTIONS` questions made
    from its brief, then the scenario's own for it; the same every time (KeyError for a role the
    scenario does not have)."""
    sc.actor(seat)  # KeyError for an unknown role
    key = (id(sc), seat)
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is sc:  # ids are reused once a scenario is freed
        return cached[1]
    made = _questions(sc, seat)
    if len(_CACHE) > 256:
        _CACHE.clear()
    _CACHE[key] = (sc, made)
    return made


def question(sc: Scenario, seat: str, qid: str) -> Question | None:
    """The question ``qid`` of ``seat``'s briefing check (None when the check has no such question)."""
    return next((q for q in questions(sc, seat) if q.id == qid), None)


def quiz_result(match, seat: str) -> QuizResult:
    """How ``seat`` did in ``match``'s briefing check (its answers: :attr:`Match.quiz`)."""
    qs = questions(match.scenario, seat)
    answers = match.quiz.get(seat, {})
    given = [(q, answers[q.id]) for q in qs if q.id in answers]
    wrong = tuple(q.id for q, key in given if key != q.answer)
    return QuizResult(len(given) - len(wrong), len(given), len(qs), wrong)
