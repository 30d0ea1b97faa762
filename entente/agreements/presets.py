"""Starting texts from the seeds: charter headings, moral-contract rules and a standard trunk.

Every preset is only a start: coordinators rewrite them, drop them and add their own.
"""

# (code, title, suggested body) — charter of functioning headings (seed 004, completed by seed 001).
CHARTER_HEADINGS = [
    ("qui_vient", "Qui vient ?",
     "Les directions générales des collectivités membres (DGS, secrétaires de mairie) participent au collectif. "
     "Chacun peut se faire accompagner d'un cadre selon les sujets inscrits à l'ordre du jour."),
    ("frequence", "Quelle fréquence ?",
     "Le collectif se réunit régulièrement, avant chaque conseil communautaire, afin de préparer les dossiers."),
    ("lieux", "Quels lieux ?",
     "Les réunions se tiennent à tour de rôle dans les différentes collectivités membres (animation itinérante)."),
    ("compte_rendu", "Compte rendu et relevé de décisions",
     "Chaque réunion donne lieu à un relevé de décisions diffusé à tous les membres, avec les suites à donner "
     "et la personne chargée de chacune."),
    ("animation", "Structure et animation des réunions",
     "L'ordre du jour est envoyé au moins 48 heures avant la réunion. L'animation tourne entre les membres ; "
     "les formats alternent : information descendante, information ascendante, réunion de travail, exploration "
     "stratégique, co-développement, temps miroir."),
    ("information", "Circulation de l'information",
     "Les documents sont partagés sur une plateforme commune. Le principe de transparence est systématique : "
     "ordres du jour, décisions à prendre et comptes rendus sont accessibles à tous les membres."),
    ("copilotage", "Règles de co-pilotage",
     "Les projets communs sont confiés à tour de rôle à un chef de file. Les étapes du processus de décision "
     "et la place de chacun sont explicitées avant chaque engagement commun."),
]

# Moral contract (seed 004): the ethical rules the directors named.
MORAL_RULES = [
    ("parite_parole", "Parité de parole",
     "Chacun a voix au chapitre de manière égale, quel que soit le poids de son organisation ou de sa position."),
    ("droit_desaccord", "Droit au désaccord",
     "Chacun a le droit d'exprimer et d'explorer ses désaccords, sans subir une contre-argumentation immédiate. "
     "Ce droit est égal pour tous."),
    ("droit_se_meler", "Droit de se mêler, avec bienveillance et réciprocité",
     "Chacun peut se mêler de ce qui ne le regarde pas, à condition de le faire avec bienveillance et d'en "
     "accepter la réciprocité."),
    ("pouvoir_amendement", "Pouvoir d'amendement",
     "Chacun dispose d'un pouvoir d'amendement sur les décisions à prendre."),
    ("respect", "Respect de la parole et de la personne",
     "Chacun respecte la parole de l'autre et sa personne."),
]

# A standard trunk: what a département's legal officer expects in an inter-territorial convention.
TRUNK_ARTICLES = [
    ("Objet",
     "La présente convention organise la coopération « {{ cooperation }} » entre {{ partenaires }}.\n\n"
     "Elle poursuit les finalités suivantes : {{ finalites }}."),
    ("Engagements des parties",
     "Chaque partie s'engage à mettre en œuvre les actions décrites dans l'annexe qui la concerne, à y consacrer "
     "les moyens prévus et à informer régulièrement les autres parties de leur avancement."),
    ("Gouvernance",
     "La coopération est pilotée par les instances suivantes : {{ instances }}. Chacune d'elles tient un relevé "
     "de ses décisions, diffusé à l'ensemble des parties."),
    ("Durée",
     "Date de prise d'effet : {{ date_debut }}. Durée : {{ duree }}. Date d'échéance : {{ date_fin }}."),
    ("Modification",
     "Toute modification de la présente convention fait l'objet d'un avenant signé par l'ensemble des parties."),
    ("Résiliation et litiges",
     "Chaque partie peut se retirer de la convention par délibération notifiée aux autres parties, avec un "
     "préavis de trois mois. Les parties s'efforcent de régler à l'amiable tout différend ; à défaut, le "
     "tribunal administratif compétent peut être saisi."),
]

AMENDMENT_ARTICLES = [
    ("Objet de l'avenant",
     "Le présent avenant modifie la convention « {parent} » signée le {signed_on}, dans les conditions "
     "précisées ci-après."),
    ("Dispositions modifiées", "Les stipulations de la convention initiale sont modifiées comme suit."),
    ("Autres dispositions",
     "Les autres stipulations de la convention initiale demeurent inchangées et continuent de s'appliquer."),
]


def charter_preset(code: str):
    """(code, title, body) of a charter heading or moral-contract rule, or None."""
    return next((row for row in CHARTER_HEADINGS + MORAL_RULES if row[0] == code), None)


def section_kind(code: str) -> str:
    from .charter_models import SectionKind

    if any(row[0] == code for row in CHARTER_HEADINGS):
        return SectionKind.HEADING
    if any(row[0] == code for row in MORAL_RULES):
        return SectionKind.MORAL_RULE
    return SectionKind.FREE
