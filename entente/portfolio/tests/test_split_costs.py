"""The cost-sharing function: exact to the cent, never negative, faithful to the key, order-free."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from entente.portfolio import sharing
from entente.portfolio.sharing import Fixed, Participant, SharingError, split

amounts = st.decimals(min_value=0, max_value=Decimal("10000000"), places=2, allow_nan=False, allow_infinity=False)


@st.composite
def partner_lists(draw):
    size = draw(st.integers(min_value=1, max_value=12))
    keys = draw(st.lists(st.integers(min_value=1, max_value=10**6), min_size=size, max_size=size, unique=True))
    partners = []
    for key in keys:
        partners.append(Participant(
            key=key, name=f"Partenaire {key}",
            population=draw(st.integers(min_value=0, max_value=3_000_000)),
            count=draw(st.integers(min_value=0, max_value=50)),
            weight=draw(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)),
        ))
    # at least one positive weight for each key
    first = partners[0]
    partners[0] = Participant(key=first.key, name=first.name, population=first.population or 1,
                              count=first.count or 1, weight=first.weight or Decimal(1))
    return partners


def exact_weights(partners, key):
    return {p.key: Fraction(w) for p, w in zip(partners, [
        1 if key == "parts_egales" else p.population if key == "population" else p.count if key == "nombre"
        else p.weight for p in partners], strict=True)}


@settings(max_examples=200, deadline=None)
@given(amount=amounts, partners=partner_lists(), key=st.sampled_from(sharing.BASE_KEYS), data=st.data())
def test_shares_sum_exactly_are_never_negative_follow_the_key_and_ignore_order(amount, partners, key, data):
    shares = split(amount, partners, key)
    assert sum(s.amount for s in shares) == amount
    assert all(s.amount >= 0 for s in shares)
    weights = exact_weights(partners, key)
    total = sum(weights.values())
    for share in shares:
        exact = Fraction(amount) * weights[share.key] / total
        assert abs(Fraction(share.amount) - exact) < Fraction(1, 100)
    shuffled = data.draw(st.permutations(partners))
    assert {s.key: s.amount for s in split(amount, shuffled, key)} == {s.key: s.amount for s in shares}


@settings(max_examples=150, deadline=None)
@given(amount=amounts, partners=partner_lists(), rest_key=st.sampled_from(sharing.BASE_KEYS),
       percent=st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False),
       data=st.data())
def test_fixed_share_and_rest_sum_exactly_follow_the_key_whatever_the_order(amount, partners, rest_key, percent, data):
    fixed_partner = partners[-1]
    others = partners[:-1]
    if not others or not any(exact_weights(others, rest_key).values()):
        return
    fixed = Fixed(partner_key=fixed_partner.key, mode="pourcentage", value=percent)
    shares = split(amount, partners, "part_fixe", fixed=fixed, rest_key=rest_key)
    assert sum(s.amount for s in shares) == amount
    assert all(s.amount >= 0 for s in shares)
    fixed_amount = next(s.amount for s in shares if s.key == fixed_partner.key)
    assert abs(Fraction(fixed_amount) - Fraction(amount) * Fraction(percent) / 100) <= Fraction(1, 200)
    rest = Fraction(amount) - Fraction(fixed_amount)
    weights = exact_weights(others, rest_key)
    for share in shares:
        if share.key != fixed_partner.key:
            assert abs(Fraction(share.amount) - rest * weights[share.key] / sum(weights.values())) < Fraction(1, 100)
    shuffled = data.draw(st.permutations(partners))
    again = split(amount, shuffled, "part_fixe", fixed=fixed, rest_key=rest_key)
    assert {s.key: s.amount for s in again} == {s.key: s.amount for s in shares}


@settings(max_examples=100, deadline=None)
@given(amount=amounts, partners=partner_lists(), rest_key=st.sampled_from(sharing.BASE_KEYS), ratio=st.fractions(0, 1))
def test_a_fixed_amount_is_paid_exactly_and_the_rest_sums_to_the_cent(amount, partners, rest_key, ratio):
    others = partners[:-1]
    if not others or not any(exact_weights(others, rest_key).values()):
        return
    fixed_value = Decimal(int(amount * 100 * ratio.numerator / ratio.denominator)) / 100
    shares = split(amount, partners, "part_fixe", fixed=Fixed(partners[-1].key, "montant", fixed_value),
                   rest_key=rest_key)
    assert next(s.amount for s in shares if s.key == partners[-1].key) == fixed_value
    assert sum(s.amount for s in shares) == amount and all(s.amount >= 0 for s in shares)


def test_equal_split_gives_leftover_cents_to_smallest_ids():
    partners = [Participant(key=3, name="C"), Participant(key=1, name="A"), Participant(key=2, name="B")]
    shares = {s.key: s.amount for s in split(Decimal("100.00"), partners, "parts_egales")}
    assert shares == {1: Decimal("33.34"), 2: Decimal("33.33"), 3: Decimal("33.33")}


def test_explanation_shows_the_population_rule():
    partners = [Participant(key=1, name="A", population=12345), Participant(key=2, name="B", population=86420)]
    share = split(Decimal("80000"), partners, "population")[0]
    assert share.explanation.startswith("12\u00a0345 hab. / 98\u00a0765 hab. × 80\u00a0000,00\u00a0€ = ")
    assert share.explanation.endswith("(valeur exacte 9\u00a0999,49374…\u00a0€, arrondie au centime par la méthode "
                                      "du plus fort reste)")


def test_count_of_zero_for_every_partner_is_refused():
    partners = [Participant(key=1, name="A", count=0), Participant(key=2, name="B", count=0)]
    with pytest.raises(SharingError, match="le nombre de déchèteries vaut zéro pour tous les partenaires"):
        split(Decimal("1000"), partners, "nombre", count_label="déchèteries")


def test_percentage_over_one_hundred_is_refused():
    partners = [Participant(key=1, name="A"), Participant(key=2, name="B")]
    with pytest.raises(SharingError, match="ne peut pas dépasser 100 %"):
        split(Decimal("1000"), partners, "part_fixe", fixed=Fixed(1, "pourcentage", Decimal("120")),
              rest_key="parts_egales")


def test_fixed_amount_over_the_amount_is_refused():
    partners = [Participant(key=1, name="A"), Participant(key=2, name="B")]
    with pytest.raises(SharingError, match="dépasse le montant à répartir"):
        split(Decimal("1000"), partners, "part_fixe", fixed=Fixed(1, "montant", Decimal("1000.01")),
              rest_key="parts_egales")


def test_negative_amount_is_refused():
    with pytest.raises(SharingError, match="ne peut pas être négatif"):
        split(Decimal("-1"), [Participant(key=1, name="A")], "parts_egales")


def test_partners_without_territory_weigh_nothing_by_population_and_say_why():
    partners = [Participant(key=1, name="Commune", population=500), Participant(key=2, name="Agence")]
    shares = {s.key: s for s in split(Decimal("100"), partners, "population")}
    assert shares[1].amount == Decimal("100.00")
    assert shares[2].amount == Decimal("0.00")
    assert "sans territoire" in shares[2].explanation


def test_population_key_with_no_territory_at_all_is_refused():
    with pytest.raises(SharingError, match="Aucun des partenaires n'a de population"):
        split(Decimal("100"), [Participant(key=1, name="Agence")], "population")


def test_fixed_partner_must_take_part():
    with pytest.raises(SharingError, match="doit faire partie des partenaires participants"):
        split(Decimal("100"), [Participant(key=1, name="A")], "part_fixe", fixed=Fixed(9, "pourcentage", Decimal(10)),
              rest_key="parts_egales")
