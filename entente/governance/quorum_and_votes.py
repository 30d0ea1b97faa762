"""Quorum and votes, without the database: who counts towards a meeting's quorum, the tally of a vote
and the weight of a partner's vote. Selectors and services feed them plain values.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from entente.core.formatting import format_number

from .body_models import VOTING_ROLES, BodyRole, QuorumBasis, Weighting
from .decision_models import VoteChoice
from .meeting_models import AttendanceStatus


@dataclass(frozen=True)
class Seat:
    key: object
    partner: object
    role: str
    status: str = AttendanceStatus.ABSENT  # attendance status at the meeting


@dataclass(frozen=True)
class Quorum:
    basis: str
    required: int
    counted: int
    total: int

    @property
    def reached(self) -> bool:
        return self.basis == QuorumBasis.NONE or self.counted >= self.required

    @property
    def label(self) -> str:
        if self.basis == QuorumBasis.NONE:
            return "Pas de quorum requis"
        unit = "membre" if self.basis == QuorumBasis.MEMBERS else "partenaire"
        unit += "s" if self.counted > 1 else ""
        state = "atteint" if self.reached else "non atteint"
        return f"Quorum {state} : {self.counted} {unit} sur {self.total} (au moins {self.required} requis)"


def quorum(basis: str, percent: int, seats: Iterable[Seat], *, proxies_count: bool = False) -> Quorum:
    """Quorum of members (titular seats) or of partners (represented by at least one seat).

    A substitute present stands in for an absent titular of the same partner; a represented
    member counts only when the body's rules let proxies count.
    """
    seats = list(seats)
    present = (AttendanceStatus.PRESENT,)
    counts = (*present, AttendanceStatus.REPRESENTED) if proxies_count else present
    titulars = [seat for seat in seats if seat.role in VOTING_ROLES]
    if basis == QuorumBasis.MEMBERS:
        total = len(titulars)
        counted = sum(1 for seat in titulars if seat.status in counts)
        counted += _substitutes_standing_in(seats, titulars, counts)
        counted = min(counted, total)
    elif basis == QuorumBasis.PARTNERS:
        partners = {seat.partner for seat in titulars if seat.partner is not None}
        total = len(partners)
        counted = len(
            {
                seat.partner
                for seat in seats
                if seat.partner in partners
                and seat.status in counts
                and seat.role in (*VOTING_ROLES, BodyRole.SUBSTITUTE)
            }
        )
    else:
        return Quorum(basis=QuorumBasis.NONE, required=0, counted=0, total=0)
    return Quorum(basis=basis, required=math.ceil(total * percent / 100), counted=counted, total=total)


def _substitutes_standing_in(seats, titulars, counts) -> int:
    standing_in = 0
    for partner in {seat.partner for seat in seats if seat.role == BodyRole.SUBSTITUTE and seat.partner is not None}:
        absent = sum(1 for seat in titulars if seat.partner == partner and seat.status not in counts)
        present = sum(
            1
            for seat in seats
            if seat.role == BodyRole.SUBSTITUTE and seat.partner == partner and seat.status == AttendanceStatus.PRESENT
        )
        standing_in += min(absent, present)
    return standing_in


# --- votes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    votes_for: Decimal
    against: Decimal
    abstentions: Decimal
    voters: int

    @property
    def adopted(self) -> bool:
        """Majority of the votes cast (suffrages exprimés): abstentions do not count."""
        return self.votes_for > self.against

    @property
    def label(self) -> str:
        def number(value):
            return format_number(value, trim=True)

        return (
            f"Pour : {number(self.votes_for)} — contre : {number(self.against)} — "
            f"abstentions : {number(self.abstentions)}"
        )


def tally(votes: Iterable[tuple[str, Decimal | int]]) -> Tally:
    totals = {choice: Decimal(0) for choice in VoteChoice}
    count = 0
    for choice, weight in votes:
        totals[choice] += Decimal(weight)
        count += 1
    return Tally(
        votes_for=totals[VoteChoice.FOR],
        against=totals[VoteChoice.AGAINST],
        abstentions=totals[VoteChoice.ABSTAIN],
        voters=count,
    )


def partner_weight(weighting: str, *, population: int | None, custom: Decimal | None) -> Decimal:
    if weighting == Weighting.POPULATION:
        return Decimal(population or 0) or Decimal(1)
    if weighting == Weighting.CUSTOM:
        return custom if custom is not None else Decimal(1)
    return Decimal(1)
