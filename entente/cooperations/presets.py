"""Reference lists from the seed cooperations' own documents, shipped as presets (purposes, forms of cooperation)."""

PURPOSES = [
    ("pertinence_territoriale", "Pertinence territoriale",
     "Agir à l'échelle du bassin de vie, au-delà des limites administratives."),
    ("masse_critique", "Masse critique (économies d'échelle)",
     "Mutualiser pour atteindre la taille qui rend un service soutenable."),
    ("innovation", "Conception d'actions innovantes",
     "Concevoir ensemble ce qu'aucun partenaire ne ferait seul."),
    ("capitalisation", "Capitalisation et diffusion de bonnes pratiques",
     "Apprendre des pratiques de l'autre et les diffuser."),
    ("convergence", "Convergence",
     "Harmoniser le service rendu sur un bassin de vie."),
    ("negociation", "Force dans la négociation",
     "Peser ensemble vis-à-vis de l'État, de la Région, des fournisseurs."),
]

FORMS = [
    ("partager_methodes", "Partager des méthodes, process et expériences", ""),
    ("outils_communs", "Mettre en commun des outils", "formations, marchés publics"),
    ("associer_travaux", "Associer l'autre collectivité à ses travaux", "schémas sectoriels"),
    ("positions_communes", "Construire des positions communes auprès de partenaires", "Éducation nationale, ARS"),
    ("mutualisation_structures", "Accompagner la mutualisation ou la convergence de structures", "SDIS, ADIL, OPAC"),
]


def ensure_presets(apps):
    """Create or refresh the six purposes and five forms shared by every cooperation.

    Called by the data migration and again after every `migrate` or `flush` (post_migrate), so
    that a flushed database — as browser tests leave it — still offers the reference lists."""
    Purpose = apps.get_model("cooperations", "Purpose")
    CooperationForm = apps.get_model("cooperations", "CooperationForm")
    for position, (code, label, description) in enumerate(PURPOSES):
        Purpose.objects.update_or_create(
            code=code, cooperation=None, defaults={"label": label, "description": description, "position": position},
        )
    for position, (code, label, examples) in enumerate(FORMS):
        CooperationForm.objects.update_or_create(
            code=code, cooperation=None, defaults={"label": label, "examples": examples, "position": position},
        )
