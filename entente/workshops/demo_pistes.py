"""The 121 other pistes of the « Piloter ensemble » demo, by domain (besides the 9 chantiers)."""

OTHER_PISTES = {
    "Solidarités et services à domicile": [
        "Harmoniser les grilles d'évaluation de la perte d'autonomie", "Former ensemble les assistants familiaux",
        "Partager les places d'accueil d'urgence en protection de l'enfance",
        "Mutualiser la plateforme d'appels des aidants", "Coordonner les schémas départementaux de l'autonomie",
        "Conventionner ensemble avec la CAF sur l'insertion", "Suivre en commun les mineurs non accompagnés",
        "Échanger sur le contrôle des établissements médico-sociaux", "Créer un répertoire commun des EHPAD",
        "Aligner les tarifs horaires de l'aide à domicile", "Outiller les travailleurs sociaux de tablettes",
        "Organiser une conférence des financeurs commune", "Partager un référentiel de visites à domicile",
    ],
    "Collèges et éducation": [
        "Mutualiser les équipes mobiles d'agents des collèges", "Acheter ensemble les équipements numériques",
        "Partager les plans pluriannuels d'investissement des collèges", "Échanger sur la sectorisation scolaire",
        "Créer un réseau des gestionnaires de collèges", "Harmoniser les tarifs d'hébergement des internats",
        "Développer les classes de découverte en Val de Loire", "Partager un outil de suivi énergétique des collèges",
        "Coordonner l'entretien des espaces verts des collèges", "Proposer un concours d'éloquence inter-collèges",
        "Former les agents d'accueil des collèges", "Élaborer une charte commune du numérique éducatif",
    ],
    "Restauration scolaire et circuits courts": [
        "Structurer une légumerie commune", "Cartographier les producteurs locaux des deux départements",
        "Former les chefs de cuisine au fait maison", "Lutter ensemble contre le gaspillage alimentaire",
        "Partager un cahier des charges de viande locale", "Créer un marché de produits bio en commun",
        "Mesurer la part de produits locaux dans les cantines",
        "Accompagner les exploitations vers la restauration collective",
        "Partager les menus et les fiches techniques",
    ],
    "Ressources humaines": [
        "Ouvrir les formations internes aux agents de l'autre département", "Créer une bourse commune de l'emploi",
        "Organiser des immersions « vis ma vie » entre directions", "Partager les politiques de télétravail",
        "Harmoniser le régime indemnitaire des métiers en tension", "Mutualiser le service de médecine préventive",
        "Construire un plan commun de prévention des risques psychosociaux", "Partager le vivier d'apprentis",
        "Créer un parcours commun d'intégration des cadres", "Échanger sur la gestion prévisionnelle des compétences",
        "Organiser un forum commun des métiers", "Recruter ensemble des médecins de PMI",
    ],
    "Ingénierie technique": [
        "Mutualiser le laboratoire routier", "Partager les marchés d'entretien des ouvrages d'art",
        "Coordonner la viabilité hivernale aux limites départementales", "Échanger sur les agences techniques",
        "Créer un pôle commun d'appui aux petites communes", "Partager un système d'information routier",
        "Planifier ensemble les travaux sur les routes limitrophes", "Mettre en commun le parc de matériel",
        "Former ensemble les agents d'exploitation routière", "Comparer les coûts d'entretien des chaussées",
        "Partager l'expertise en maîtrise d'ouvrage des bâtiments",
    ],
    "Observation territoriale": [
        "Produire un portrait croisé des deux territoires", "Partager les données démographiques et sociales",
        "Créer un atlas commun du Val de Loire", "Mutualiser les enquêtes auprès des habitants",
        "Harmoniser les indicateurs de l'action sociale", "Suivre ensemble l'accès aux services publics",
        "Partager un outil de cartographie en ligne", "Observer ensemble les mobilités domicile-travail",
        "Publier des données ouvertes communes",
    ],
    "Pilotage et finances": [
        "Comparer les ratios financiers des deux départements", "Échanger sur la préparation budgétaire",
        "Partager une démarche de contrôle de gestion", "Négocier ensemble avec l'État sur les dotations",
        "Harmoniser les règlements d'aides aux communes", "Mutualiser l'audit interne",
        "Créer un comité commun de suivi des satellites", "Échanger sur la gestion de la dette",
        "Porter une position commune sur le financement des allocations individuelles",
        "Suivre ensemble la contractualisation avec l'État", "Partager les archives départementales numérisées",
    ],
    "Achats et commande publique": [
        "Grouper les achats de fournitures administratives", "Acheter ensemble l'énergie des bâtiments",
        "Partager les clauses sociales des marchés", "Créer un groupement de commandes pour les véhicules",
        "Échanger sur la dématérialisation des marchés", "Mutualiser les assurances",
        "Élaborer un schéma commun des achats responsables", "Partager la veille juridique de la commande publique",
        "Acheter ensemble les prestations de nettoyage", "Former les acheteurs au sourcing",
    ],
    "Numérique et téléservices": [
        "Partager un portail usagers commun", "Mutualiser l'hébergement informatique",
        "Coordonner le déploiement du très haut débit", "Créer un réseau des délégués à la protection des données",
        "Partager les logiciels libres métiers", "Organiser une cybersécurité commune",
        "Former les agents aux outils collaboratifs", "Accompagner l'inclusion numérique des habitants",
        "Partager un entrepôt de données décisionnel", "Mutualiser la signature électronique",
        "Développer ensemble une application de signalement routier",
    ],
    "Attractivité et tourisme": [
        "Promouvoir ensemble la Loire à vélo", "Créer un pass culture commun aux deux départements",
        "Coordonner les calendriers des grands événements", "Partager les actions des agences d'attractivité",
        "Accueillir ensemble des tournages de films", "Valoriser les châteaux de la Loire par un itinéraire commun",
        "Mutualiser la lecture publique et les navettes de livres", "Échanger sur les politiques sportives",
        "Partager une programmation culturelle dans les collèges", "Créer une marque territoriale commune",
        "Développer le tourisme fluvial",
    ],
    "Mobilité": [
        "Coordonner les transports scolaires aux limites départementales", "Développer le covoiturage des agents",
        "Partager les aires de covoiturage", "Organiser le transport des élèves en situation de handicap",
        "Créer une flotte commune de véhicules électriques", "Échanger sur les plans de mobilité employeur",
    ],
    "Énergie": [
        "Rénover ensemble les bâtiments énergivores", "Partager un conseiller en énergie partagé",
        "Développer le photovoltaïque sur les toitures publiques", "Créer une filière bois-énergie commune",
        "Suivre ensemble les consommations des bâtiments",
    ],
    "Agriculture et alimentation": [
        "Gérer ensemble les espaces naturels sensibles de la vallée du Cher",
        "Partager un observatoire du foncier agricole",
        "Coordonner la lutte contre les espèces invasives", "Soutenir ensemble l'installation des jeunes agriculteurs",
        "Partager un plan de gestion des haies", "Préserver ensemble la ressource en eau",
    ],
}

# Both directions had the same idea, worded differently: what the similar-pistes screen is for.
DUPLICATES = [
    ("37", "Organiser un séminaire commun des cadres des deux départements", "Ressources humaines"),
    ("41", "Séminaire des cadres : en organiser un, commun aux deux départements", "Ressources humaines"),
    ("37", "Acheter ensemble l'électricité et le gaz des bâtiments départementaux", "Achats et commande publique"),
    ("41", "Groupement d'achat de gaz et d'électricité pour les bâtiments des départements",
     "Achats et commande publique"),
]
