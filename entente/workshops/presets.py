"""Evaluation grids and domains shipped as presets (seeds 000, 002 and 003), copied per cooperation."""

GRID_PRESETS = {
    "plus_value_faisabilite": {
        "name": "Plus-value × faisabilité à court terme",
        "criteria": [
            {
                "label": "Plus-value de la coopération",
                "kind": "echelle",
                "scale_min": 1,
                "scale_max": 4,
                "weight": 1,
                "axis": "valeur",
            },
            {
                "label": "Faisabilité à court terme",
                "kind": "echelle",
                "scale_min": 1,
                "scale_max": 4,
                "weight": 1,
                "axis": "faisabilite",
            },
        ],
    },
    "quatre_questions": {
        "name": "Les quatre questions",
        "criteria": [
            {
                "label": "Améliore l'efficacité du service ?",
                "kind": "oui_non",
                "scale_min": 0,
                "scale_max": 2,
                "weight": 1,
                "axis": "valeur",
            },
            {
                "label": "Permet des économies ?",
                "kind": "oui_non",
                "scale_min": 0,
                "scale_max": 2,
                "weight": 1,
                "axis": "",
            },
            {
                "label": "Améliore l'offre proposée aux habitants ?",
                "kind": "oui_non",
                "scale_min": 0,
                "scale_max": 2,
                "weight": 1,
                "axis": "valeur",
            },
            {
                "label": "Évite des incohérences ?",
                "kind": "oui_non",
                "scale_min": 0,
                "scale_max": 2,
                "weight": 1,
                "axis": "",
            },
        ],
    },
}
GRID_PRESET_CHOICES = [(code, preset["name"]) for code, preset in GRID_PRESETS.items()]

# Domains met in the seeds: the 9 chantiers of seed 000 and the 7 domains of seed 002.
DOMAIN_PRESETS = [
    "Solidarités et services à domicile",
    "Collèges et éducation",
    "Restauration scolaire et circuits courts",
    "Ressources humaines",
    "Ingénierie technique",
    "Observation territoriale",
    "Pilotage et finances",
    "Achats et commande publique",
    "Numérique et téléservices",
    "Développement économique",
    "Attractivité et tourisme",
    "Déchets",
    "Agriculture et alimentation",
    "Mobilité",
    "Énergie",
]
