""" "Vis ma vie" demo: the DGS and secrétaires de mairie of Erdre et Gesvres host each other (seed 001: the
"Vis ma vie" DGS-SG, informal ties that keep a fragile collective alive). People are roles, as everywhere in
the demo: accounts without a password, named by their function, holding the CoDir seat of their commune and
adopting the collective's charter as every member does."""

import datetime

from django.utils import timezone

from entente.accounts.models import Function, User
from entente.agreements import charter_services
from entente.agreements.charter_models import CharterVersion, CharterVersionStatus
from entente.cooperations.demo import DEMO_DOMAIN
from entente.cooperations.models import MemberRole, Membership
from entente.governance.body_models import BodyMember

from . import exchange_services
from .exchange_models import Exchange

SLUG = "codir-erdre-et-gesvres"
# (partner name, function, e-mail local part)
PEOPLE = [
    ("CC d'Erdre et Gesvres", "DGS", "dgs-cceg"),
    ("Casson", "Secrétaire de mairie", "sg-casson"),
    ("Grandchamp-des-Fontaines", "DGS", "dgs-grandchamp"),
    ("Les Touches", "Secrétaire de mairie", "sg-les-touches"),
    ("Nort-sur-Erdre", "DGS", "dgs-nort"),
    ("Petit-Mars", "Secrétaire de mairie", "sg-petit-mars"),
]
# (host, visitor, first day as (years back, month, day), days, topic, what was learned)
EXCHANGES = [
    (
        "dgs-cceg",
        "sg-casson",
        (1, 3, 12),
        1,
        "Une journée au siège de la communauté de communes",
        "Comment se construit l'ordre du jour du conseil communautaire, et pourquoi les communes le reçoivent "
        "si tard : le collectif demandera un envoi 48 h à l'avance.",
    ),
    (
        "sg-casson",
        "dgs-cceg",
        (1, 4, 9),
        1,
        "Vis ma vie de secrétaire de mairie : l'accueil et l'état civil",
        "Dans une commune de 2 000 habitants, la secrétaire de mairie répond à tout : l'usager ne distingue pas les "
        "compétences. La fiche « qui répond à quoi » est à écrire avec les communes.",
    ),
    (
        "dgs-grandchamp",
        "sg-les-touches",
        (1, 9, 22),
        2,
        "Commande publique et marchés groupés",
        "Les petites communes n'ont pas d'acheteur : un groupement de commandes porté par une commune volontaire "
        "leur éviterait de renoncer.",
    ),
    (
        "sg-petit-mars",
        "dgs-nort",
        (0, 2, 5),
        1,
        "Préparer un conseil municipal sans service juridique",
        "Le réseau des secrétaires de mairie sert déjà d'appui juridique informel : le reconnaître et le relier au "
        "CoDir.",
    ),
    (
        "dgs-nort",
        "sg-casson",
        (0, 3, 16),
        1,
        "Piloter un projet de territoire à l'échelle d'une commune",
        "Se donner le temps de l'intercompréhension : les enjeux, les contraintes et le contexte de chacun.",
    ),
    (
        "sg-les-touches",
        "dgs-grandchamp",
        (0, 5, 11),
        1,
        "Une demi-journée en mairie rurale",
        "Ce que la commune attend de l'interco : de la proximité plus que des grands projets.",
    ),
]


def _person(cooperation, partners, name, function, local):
    partner = partners.get(name)
    user, created = User.objects.get_or_create(
        email=f"{local}{DEMO_DOMAIN}",
        defaults={"display_name": f"{function} — {name} (démo)", "function": Function.DGS},
    )
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(
        cooperation=cooperation, user=user, defaults={"role": MemberRole.MEMBER, "partner": partner}
    )
    seat = BodyMember.objects.filter(body__cooperation=cooperation, partner=partner, user__isnull=True).first()
    if seat is not None and not BodyMember.objects.filter(body=seat.body, user=user).exists():
        seat.user = user  # the commune's CoDir seat is this person's: one actor in the network, not two
        seat.save()
    return user


def _adopt_the_charter(cooperation, people, today) -> None:
    """The DGS and secrétaires de mairie are members of the collective like the demo's accounts: the charter
    in force is their moral contract too, and they adopt it after it came into force, as the others did
    (agreements' demo). A charter adopted by four members out of ten would read « proposée à l'adoption »."""
    version = (
        CharterVersion.objects.filter(charter__cooperation=cooperation, status=CharterVersionStatus.PUBLISHED)
        .order_by("-published_at")
        .first()
    )
    if version is None or version.published_at is None:
        return
    adopted = set(version.adoptions.values_list("user_id", flat=True))
    in_force = timezone.localdate(version.published_at)
    # After the demo accounts' adoptions (a week after the publication, then every three days).
    for index, user in enumerate(people.values(), start=len(adopted)):
        if user.pk not in adopted:
            adopted_on = min(in_force + datetime.timedelta(days=7 + 3 * index), today)
            charter_services.adopt_charter(version=version, user=user, adopted_on=adopted_on)


def load_erdre_et_gesvres(cooperation, users, today) -> int:
    partners = {str(p.organization): p for p in cooperation.partnerships.select_related("organization")}
    people = {
        local: _person(cooperation, partners, name, function, local)
        for name, function, local in PEOPLE
        if name in partners
    }
    # Every load, even when the exchanges are there: a charter reloaded alone is adopted by all again.
    _adopt_the_charter(cooperation, people, today)
    if Exchange.objects.filter(cooperation=cooperation).exists():
        return 0
    count = 0
    for host, visitor, (years_back, month, day), days, topic, learned in EXCHANGES:
        if host not in people or visitor not in people:
            continue
        starts = datetime.date(today.year - years_back, month, day)
        if starts > today:
            starts = starts.replace(year=starts.year - 1)
        exchange_services.record_exchange(
            cooperation=cooperation,
            user=users["coordinateur"],
            host=people[host],
            visitor=people[visitor],
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=days - 1),
            topic=topic,
            learned=learned,
        )
        count += 1
    return count
