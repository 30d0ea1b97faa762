"""Demo formalisation from the seeds: the Touraine contracts, the 37×41 convention technique,
the Loire × Haute-Loire convention of 24 October 2019 and the charters of the CoDir de territoire
(Erdre et Gesvres, Pays des Achards, Pays d'Ancenis).

Idempotent: an agreement or charter found by its cooperation and title is left as it is.
Dates come from the seeds or from the foundation's timeline; people are roles, never names.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from entente.cooperations.demo import demo_cooperation
from entente.cooperations.models import TimelineStep
from entente.territories.models import OrganizationKind, TerritoryKind

from . import agreement_services, annex_services, charter_services, signature_services, trunk_services
from .charter_models import Charter, CharterAdoption, CharterKind
from .models import Agreement, AgreementKind, AgreementStatus, Signature
from .selectors import cooperation_bodies

METROPOLE = "243700754"
LAST_TOURAINE_CC = "243700820"  # the tenth contract, signed a few months after the nine others (seed 002)

TOURAINE_TRUNK = [
    (
        "Objet",
        "Le présent contrat de réciprocité décline, entre Tours Métropole Val de Loire et la communauté de communes "
        "signataire, l'accord collectif conclu entre les onze intercommunalités de Touraine. Il poursuit les finalités "
        "suivantes : {{ finalites }}.",
    ),
    (
        "Domaines de coopération",
        "Les parties coopèrent dans sept domaines : le développement économique, la stratégie d'attractivité, la "
        "gestion des déchets, l'agriculture et l'alimentation, le tourisme, la mobilité et l'énergie. La prévention "
        "des risques d'inondation, la culture et la couverture 4G sont mentionnées sans déclinaison opérationnelle "
        "à ce stade.",
    ),
    (
        "Gouvernance",
        "La démarche est pilotée par les instances suivantes : {{ instances }}. La Conférence des Présidents fait "
        "office de comité de pilotage et se réunit une fois par an ; le Comité de suivi réunit les onze directeurs "
        "généraux des services au moins une fois par an ; les ateliers thématiques sont présidés par différentes "
        "intercommunalités.",
    ),
    (
        "Animation",
        "La coordination et l'animation de la démarche sont confiées à l'Agence d'urbanisme de l'agglomération de "
        "Tours. Les ateliers se tiennent dans ses locaux, lieu neutre et central.",
    ),
    (
        "Moyens",
        "Le contrat ne crée pas d'enveloppe commune : les moyens sont arrêtés projet par projet, en mobilisant en "
        "priorité des financements extérieurs. Les parts de chacun figurent dans l'annexe thématique.",
    ),
    (
        "Rôle de l'État",
        "L'État cosigne le présent contrat : il soutient politiquement la démarche sans y apporter de moyens.",
    ),
    (
        "Durée et modification",
        "Date de prise d'effet : {{ date_debut }}. Durée : {{ duree }}. Toute modification fait l'objet d'un avenant "
        "signé par l'ensemble des parties.",
    ),
]

CODIRI_TRUNK = [
    (
        "Objet",
        "La présente convention technique, conclue entre les directions générales des services des Départements "
        "d'Indre-et-Loire et de Loir-et-Cher, pérennise la dynamique de coopération engagée par la démarche "
        "« Piloter ensemble ».",
    ),
    (
        "Engagements",
        "Chaque Département s'engage à poursuivre la coopération sur les neuf chantiers engagés et sur les champs de "
        "coopération complémentaires énumérés en annexe.",
    ),
    (
        "Comité de direction interdépartemental (CODIRI)",
        "Il est créé un comité de direction interdépartemental (CODIRI), composé des directeurs généraux des services "
        "et des directeurs généraux adjoints de chaque Département. Il se réunit deux fois par an, à l'initiative du "
        "secrétaire général de la coopération, fonction exercée alternativement par le directeur général adjoint "
        "chargé des ressources de chaque Département. Le CODIRI s'assure de l'avancée des projets et garantit la "
        "cohérence des actions avec le cadre politique.",
    ),
    ("Instances", "Les instances de la coopération sont : {{ instances }}."),
    ("Durée", "Date de prise d'effet : {{ date_debut }}. Durée : {{ duree }}."),
]

LOIRE_TRUNK = [
    (
        "Création de l'entente",
        "Les Départements de la Loire et de la Haute-Loire créent une entente interdépartementale. Cette forme de "
        "rapprochement leur permet de coopérer sur le périmètre d'un projet ou sur un ou plusieurs champs d'action "
        "publique, dans la continuité des principes de coopération établis ensemble.",
    ),
    (
        "Conférence de l'entente",
        "Une conférence de l'entente fixe les orientations de la coopération, valide le contenu du projet de "
        "coopération, réalise les arbitrages entre choix stratégiques, valide les actions et veille à la mise en "
        "œuvre du projet. Instances : {{ instances }}.",
    ),
    (
        "Projet de coopération",
        "Le projet s'organise en quatre axes : Liés, Fiers, Engagés, Mobilisés. Chaque piste est examinée au regard "
        "de quatre questions : améliore-t-elle l'efficacité du service ? permet-elle des économies ? améliore-t-elle "
        "l'offre proposée aux habitants ? évite-t-elle des incohérences ?",
    ),
    (
        "Non-exclusivité",
        "Le rapprochement entre la Loire et la Haute-Loire n'est pas exclusif : plusieurs actions pourront être "
        "ouvertes à d'autres Départements.",
    ),
    ("Suivi", "Les parties assurent un suivi rigoureux des actions engagées et en rendent compte à la conférence."),
    ("Durée", "Date de prise d'effet : {{ date_debut }}. Durée : {{ duree }}."),
]


LOIRE_PREAMBLE = (
    "Vu le code général des collectivités territoriales, notamment ses articles L. 5411-1 et suivants relatifs "
    "aux ententes interdépartementales ;\n\n"
    "Vu les délibérations des conseils départementaux de la Loire et de la Haute-Loire approuvant la présente "
    "convention ;\n\n"
    "Considérant le portrait croisé des deux territoires, qui a montré une proximité forte entre le bassin "
    "stéphanois et l'Yssingelais et de nombreux défis partagés, du Brivadois au Roannais ;\n\n"
    "Considérant la volonté des deux Départements de formaliser dans la durée leur coopération, afin que les "
    "pistes retenues deviennent réalité pour les Ligériens et les Altiligériens ;"
)


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def _partner(cooperation, code):
    return cooperation.partnerships.select_related("organization").get(organization__territory__code=code)


def _trunk(cooperation, title, kind, articles, **fields) -> Agreement | None:
    if Agreement.objects.filter(cooperation=cooperation, title=title).exists():
        return None
    agreement = agreement_services.create_agreement(
        cooperation=cooperation, user=None, title=title, kind=kind, with_trunk=False, **fields
    )
    for heading, body in articles:
        agreement_services.add_article(agreement=agreement, title=heading, body=body)
    return agreement


def _sign_all(agreement, version_day: datetime.date, signed_on: datetime.date, reference: str = "") -> None:
    agreement_services.submit_for_signature(agreement=agreement, user=None, at=_aware(version_day))
    for signatory in agreement.signatories.select_related("organization"):
        signature_services.record_signature(
            agreement=agreement,
            organization=signatory.organization,
            signed_on=signed_on,
            user=None,
            deliberation_reference=reference,
        )


def _step_date(cooperation, title_start) -> datetime.date | None:
    step = TimelineStep.objects.filter(cooperation=cooperation, title__startswith=title_start).first()
    return step.date if step else None


def load_touraine(cooperation) -> int:
    trunk = _trunk(
        cooperation,
        "Accord collectif — tronc commun des contrats de réciprocité de Touraine",
        AgreementKind.RECIPROCITY_CONTRACT,
        TOURAINE_TRUNK,
        duration_months=36,
        starts_on=datetime.date(2019, 2, 1),
    )
    if trunk is None:
        return 0
    metropole = _partner(cooperation, METROPOLE)
    state = cooperation.partnerships.select_related("organization").get(organization__kind=OrganizationKind.STATE)
    communities = (
        cooperation.partnerships.select_related("organization__territory")
        .filter(organization__territory__kind=TerritoryKind.EPCI)
        .exclude(pk=metropole.pk)
        .order_by("organization__name")
    )
    signed_on = _step_date(cooperation, "Signature des neuf") or datetime.date(2019, 2, 1)
    tenth_on = _step_date(cooperation, "Signature du dixième") or signed_on
    contracts = []
    for community in communities:
        contract = trunk_services.derive_contract(
            trunk=trunk,
            partnership=community,
            user=None,
            title=f"Contrat de réciprocité Tours Métropole Val de Loire — {community.organization}",
            signer_title="Le Président de la communauté de communes",
        )
        annex = contract.annexes.get()
        annex_services.add_annex_article(
            annex=annex,
            title="Volet thématique",
            body=(
                "Le présent volet matérialise l'intérêt de {{ partenaire }} dans la démarche commune et tient compte "
                "des spécificités de son territoire ; il est nourri au fur et à mesure de l'avancée des ateliers."
            ),
        )
        signature_services.add_signatory(
            agreement=contract,
            organization=metropole.organization,
            signer_title="Le Président de Tours Métropole Val de Loire",
        )
        signature_services.add_signatory(
            agreement=contract, organization=state.organization, signer_title="Le Préfet d'Indre-et-Loire"
        )
        contracts.append((community, contract))
    # The accord collectif is the text every contract carries: adopted before any of them is signed.
    trunk_services.adopt_trunk(trunk=trunk, user=None, at=_aware(signed_on - datetime.timedelta(days=21)))
    for community, contract in contracts:
        if community.organization.territory.code == LAST_TOURAINE_CC:
            _sign_all(contract, signed_on - datetime.timedelta(days=14), tenth_on)
        else:
            _sign_all(contract, signed_on - datetime.timedelta(days=14), signed_on)
    return len(contracts)


def load_codiri(cooperation) -> int:
    agreement = _trunk(
        cooperation,
        "Convention technique de coopération Indre-et-Loire — Loir-et-Cher",
        AgreementKind.CONVENTION,
        CODIRI_TRUNK,
    )
    if agreement is None:
        return 0
    annex_services.generate_annexes(agreement=agreement)
    for partnership in cooperation.partnerships.active().select_related("organization"):
        signature_services.add_signatory(
            agreement=agreement, organization=partnership.organization, signer_title="Le Directeur général des services"
        )
    step = TimelineStep.objects.filter(cooperation=cooperation, title__startswith="Signature de la convention").first()
    if step is None or step.date is None:  # the seeds do not date this signature: leave it to be signed
        agreement_services.submit_for_signature(agreement=agreement, user=None)
        return 1
    _sign_all(agreement, step.date - datetime.timedelta(days=30), step.date)
    return 1


def load_loire(cooperation) -> int:
    agreement = _trunk(
        cooperation,
        "Convention de l'entente interdépartementale Loire — Haute-Loire",
        AgreementKind.CONVENTION,
        LOIRE_TRUNK,
        starts_on=datetime.date(2019, 10, 24),
        preamble=LOIRE_PREAMBLE,
    )
    if agreement is None:
        return 0
    annex_services.generate_annexes(agreement=agreement)
    titles = {"42": "Le Président du Département de la Loire", "43": "Le Président du Département de la Haute-Loire"}
    for partnership in cooperation.partnerships.active().select_related("organization__territory"):
        code = partnership.organization.territory.code if partnership.organization.territory else ""
        signature_services.add_signatory(
            agreement=agreement, organization=partnership.organization, signer_title=titles.get(code, "Le Président")
        )
    _sign_all(agreement, datetime.date(2019, 10, 1), datetime.date(2019, 10, 24))
    return 1


# The charters of the CoDir de territoire (seeds 001 and 004): the vademecum's headings and moral
# contract, plus what each territory's sheet says. Adopted by every member of the demo, so that a
# charter reads either « adoptée » or « proposée à l'adoption », never both.
CODIR_CHARTERS = {
    "codir-erdre-et-gesvres": (
        "Charte de fonctionnement et contrat moral du collectif des directions d'Erdre et Gesvres",
        [
            (
                "Articulation des gouvernances technique et politique",
                "Le collectif des DGS est le support de la gouvernance technique au service du projet de territoire ; "
                "il prépare et éclaire les décisions des élus sans s'y substituer.",
            ),
            (
                "Règles de co-pilotage",
                "Les projets communs sont pilotés à deux, une commune et la communauté de communes, le rôle de chef de "
                "file étant confié tour à tour à l'une et à l'autre.",
            ),
            (
                "Articulation avec les réseaux métiers et projets",
                "Le collectif s'appuie sur les réseaux métiers et les équipes projets, qu'il réunit et auxquels il "
                "rend compte.",
            ),
            (
                "Fiche de poste du DGS",
                "La participation au collectif et au projet de territoire figure dans la fiche de poste de chaque DGS.",
            ),
        ],
    ),
    "codir-pays-des-achards": (
        "Charte de fonctionnement et contrat moral du réseau des DGS et secrétaires de mairie des Achards",
        [
            (
                "Réunion avant le bureau communautaire",
                "Le réseau se réunit avant chaque bureau communautaire pour en préparer les dossiers.",
            ),
            (
                "Animation tournante et délocalisée",
                "Chaque réunion est animée par un membre différent et se tient dans une commune différente.",
            ),
            (
                "« Vis ma vie »",
                "Les DGS et secrétaires de mairie organisent des échanges « Vis ma vie » : chacun passe une "
                "demi-journée dans la collectivité d'un autre pour comprendre ses contraintes.",
            ),
            (
                "Messagerie instantanée",
                "Les questions du quotidien passent par la messagerie instantanée du réseau, entre deux réunions.",
            ),
        ],
    ),
    "codir-pays-d-ancenis": (
        "Charte de fonctionnement et contrat moral de l'association des DGS et secrétaires de mairie du Pays d'Ancenis",
        [
            (
                "Sensibiliser à la coopération",
                "L'association sensibilise les élus communaux et les cadres à la coopération entre les communes et la "
                "communauté de communes (conférences-débats, séminaires des cadres).",
            ),
            (
                "Groupes de travail par métier",
                "Des groupes de travail sur des thématiques métiers réunissent les cadres des communes et de "
                "l'interco ; ils sont animés par des cadres formés à la facilitation de groupe.",
            ),
        ],
    ),
}


CODIR_FREQUENCIES = {
    "codir-erdre-et-gesvres": "Le collectif se réunit une fois par mois, accueilli tour à tour par chaque commune.",
    "codir-pays-des-achards": "Le réseau se réunit avant chaque bureau communautaire, une fois par mois.",
    "codir-pays-d-ancenis": (
        "L'association se réunit à chaque temps de mobilisation (conférence-débat, formation, séminaire des cadres) "
        "et ses groupes de travail à leur propre rythme."
    ),
}


def load_codir_charter(cooperation, users, title, sections) -> int:
    if Charter.objects.filter(cooperation=cooperation, title=title).exists():
        return 0
    charter = charter_services.create_charter(
        cooperation=cooperation, user=None, kind=CharterKind.FUNCTIONING, title=title, with_moral_rules=True
    )
    version = charter.versions.get()
    rhythm = CODIR_FREQUENCIES.get(cooperation.slug)
    for section in version.sections.filter(code="frequence") if rhythm else ():
        # The vademecum's default speaks of the conseil communautaire: say this collective's own rhythm.
        charter_services.update_charter_section(section=section, title=section.title, body=rhythm)
    for heading, body in sections:
        charter_services.add_charter_section(version=version, title=heading, body=body)
    bodies = cooperation_bodies(cooperation) or _codir_body(cooperation)
    if bodies:
        charter_services.set_charter_bodies(charter=charter, bodies=bodies)
    published_on = timezone.localdate() - datetime.timedelta(days=120)
    version = charter_services.publish_charter_version(version=version, at=_aware(published_on))
    for index, user in enumerate(users.values()):
        if user is not None and not version.adoptions.filter(user=user).exists():
            charter_services.adopt_charter(
                version=version, user=user, adopted_on=published_on + datetime.timedelta(days=7 + 3 * index)
            )
    return 1


def _codir_body(cooperation) -> list:
    """The CoDir de territoire the charter governs, set up through governance when the demo has none."""
    try:
        from entente.governance.body_services import create_preset_bodies
    except ModuleNotFoundError:
        return []
    try:
        return create_preset_bodies(cooperation=cooperation, codes=["codir_territoire"])
    except ValidationError:
        return []


def reset(cooperations) -> None:
    """Remove the agreements and charters of demo cooperations being rebuilt.

    Signatures protect the versions they sign, adoptions the charter versions, an avenant its
    convention: those go first, amendments before what they amend.
    """
    Signature.objects.filter(signatory__agreement__cooperation__in=cooperations).delete()
    CharterAdoption.objects.filter(version__charter__cooperation__in=cooperations).delete()
    agreements = Agreement.objects.filter(cooperation__in=cooperations)
    while agreements.exists():
        agreements.filter(amendments__isnull=True).delete()
    Charter.objects.filter(cooperation__in=cooperations).delete()


@transaction.atomic
def load(stdout=None) -> None:
    from entente.accounts.models import User

    users = {
        role: User.objects.filter(email=f"{role}@demo.entente.fr").first()
        for role in ("coordinateur", "membre", "contributeur", "observateur")
    }
    loaders = {
        "touraine-contrats-de-reciprocite": load_touraine,
        "piloter-ensemble-37-41": load_codiri,
        "entente-loire-haute-loire": load_loire,
    }
    created = 0
    for slug, loader in loaders.items():
        cooperation = demo_cooperation(slug)
        if cooperation is not None:
            created += loader(cooperation)
    charters = 0
    for slug, (title, sections) in CODIR_CHARTERS.items():
        codir = demo_cooperation(slug)
        if codir is not None:
            charters += load_codir_charter(codir, users, title, sections)
    if stdout:
        total = Agreement.objects.filter(cooperation__slug__in=loaders).count()
        signed = Agreement.objects.filter(cooperation__slug__in=loaders, status=AgreementStatus.SIGNED).count()
        stdout.write(
            f"  chartes et conventions : {total} conventions dont {signed} signées, "
            f"{created + charters} pièce(s) ajoutée(s) à ce chargement"
        )
