"""Extension points that apps above workshops fill in their AppConfig.ready().

Imports run one way (workshops < governance): the arbitration screen does not import governance.
Governance registers here how a body of the cooperation records an arbitration as one of its
decisions; without it (governance not installed) the arbitration names its body as free text.
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
