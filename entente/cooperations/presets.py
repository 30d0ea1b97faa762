"""Reference lists from the seeds, shipped as presets (see shared/design/DOMAIN.md)."""

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
