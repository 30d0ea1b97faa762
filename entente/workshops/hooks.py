"""Extension points that apps above workshops fill in their AppConfig.ready().

Imports run one way (workshops < portfolio < governance): the arbitration screen imports neither.
Governance registers here how a body of the cooperation records an arbitration as one of its
decisions; without it the arbitration names its body as free text. The portfolio registers what
each retained piste became (its actions) and where an action is made from a piste.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ArbitrationRecorder:
    # cooperation -> grouped choices for a select: [(body name, [(sitting code, label), …]), …]
    sitting_choices: Callable
    # (arbitration, *, sitting, user) -> the decision; raises ValidationError (in French) when refused.
    # It may set the arbitration's body and date from the meeting, and saves the arbitration.
    record: Callable
    # [arbitration, …] -> {arbitration id: (decision reference, decision url)}
    decision_links: Callable
    # cooperation -> the page where its bodies are created
    bodies_url: Callable


_recorders: list[ArbitrationRecorder] = []


def register_arbitration_recorder(recorder: ArbitrationRecorder) -> None:
    _recorders[:] = [recorder]


def arbitration_recorder() -> ArbitrationRecorder | None:
    return _recorders[0] if _recorders else None


@dataclass(frozen=True)
class IdeaFollowUp:
    # workshop -> {idea id: [(action title, action url), …]}: what each piste became, in one query
    links: Callable
    # (cooperation, idea) -> the page that makes a new action from a retained piste
    create_url: Callable


_follow_ups: list[IdeaFollowUp] = []


def register_idea_follow_up(follow_up: IdeaFollowUp) -> None:
    _follow_ups[:] = [follow_up]


def idea_follow_up() -> IdeaFollowUp | None:
    return _follow_ups[0] if _follow_ups else None
