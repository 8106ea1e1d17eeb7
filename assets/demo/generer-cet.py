"""Fabrique le registre de démonstration des conseillers entreprise pour l'École
(assets/demo/cet.csv, au format de l'import) et les animations du réseau
(assets/demo/animations-cet.json). Noms, entreprises et thèmes sont inventés. Les dates de
mandat sont écrites pour l'année 2026 et décalées au chargement vers l'année en cours.
Relancer ce script réécrit les deux fichiers."""
import csv, json, os, random

random.seed(2012)
ICI = os.path.dirname(os.path.abspath(__file__))
ACADEMIES = {
    "Lille": ["Lens-Liévin", "Roubaix-Tourcoing", "Valenciennes", "Dunkerque", "Arras"],
    "Lyon": ["Lyon Centre", "Vénissieux-Vaulx-en-Velin", "Saint-Étienne", "Bourg-en-Bresse", "Villefranche-sur-Saône"],
    "Bordeaux": ["Bordeaux Rive droite", "Bordeaux Sud", "Périgueux", "Mont-de-Marsan", "Pau", "Agen"],
}
# secteur, CPC, organisations qui proposent (par académie), entreprises types
SECTEURS = [
    ("Métallurgie", "Métallurgie", {"Lille": "Union des métiers du métal du Nord", "Lyon": "Union des industries métallurgiques du Rhône", "Bordeaux": "Union des industries métallurgiques d'Aquitaine"}, ["Forges", "Mécanique", "Chaudronnerie", "Usinage"]),
    ("Bâtiment et travaux publics", "Bâtiment, travaux publics et matériaux de construction", {"Lille": "Fédération du bâtiment des Hauts", "Lyon": "Fédération du BTP du Rhône", "Bordeaux": "Fédération régionale des travaux publics d'Aquitaine"}, ["Bâtiment", "Charpentes", "Travaux publics", "Maçonnerie"]),
    ("Chimie et plasturgie", "Chimie, bio-industrie, environnement", {"Lille": "Chambre syndicale de la chimie du Nord", "Lyon": "Union des industries chimiques Rhône-Alpes", "Bordeaux": "Union des industries chimiques Rhône-Alpes"}, ["Chimie", "Plasturgie", "Laboratoires"]),
    ("Agroalimentaire", "Alimentation", {"Lille": "Association régionale des industries alimentaires du Nord", "Lyon": "Association régionale des industries alimentaires du Rhône", "Bordeaux": "Association régionale des industries alimentaires d'Aquitaine"}, ["Conserverie", "Biscuiterie", "Laiterie", "Boulangerie"]),
    ("Transport et logistique", "Transport, logistique, sécurité et autres services", {"Lille": "Branche transport et logistique du Nord", "Lyon": "Fédération des transporteurs du Rhône", "Bordeaux": "Fédération des transporteurs d'Aquitaine"}, ["Transports", "Logistique", "Messageries"]),
    ("Commerce et vente", "Commerce et distribution", {"Lille": "CCI Artois-Flandre", "Lyon": "CCI Lyon Saône", "Bordeaux": "CCI Bordeaux Gironde"}, ["Distribution", "Magasins", "Négoce"]),
    ("Hôtellerie-restauration", "Tourisme, hôtellerie, restauration", {"Lille": "Union des métiers de l'hôtellerie du Nord", "Lyon": "Union des métiers de l'hôtellerie du Rhône", "Bordeaux": "Fédération régionale de l'hôtellerie d'Aquitaine"}, ["Hôtel", "Brasserie", "Restaurant"]),
    ("Coiffure et esthétique", "Coiffure, esthétique et services connexes", {"Lille": "Chambre de métiers et de l'artisanat du Nord", "Lyon": "Chambre de métiers et de l'artisanat du Rhône", "Bordeaux": "Chambre de métiers et de l'artisanat de Gironde"}, ["Salon", "Institut"]),
    ("Santé et social", "Secteurs sanitaires et sociaux", {"Lille": "Union régionale des établissements sanitaires du Nord", "Lyon": "Union régionale des établissements sanitaires du Rhône", "Bordeaux": "Union régionale des établissements sanitaires d'Aquitaine"}, ["Clinique", "Résidence", "Centre de soins"]),
    ("Gestion et administration", "Services administratifs et financiers", {"Lille": "Ordre des experts-comptables du Nord", "Lyon": "Ordre des experts-comptables du Rhône", "Bordeaux": "Ordre des experts-comptables d'Aquitaine"}, ["Cabinet", "Conseil", "Assurances"]),
    ("Industries graphiques", "Communication graphique et audiovisuel", {"Lille": "Union des industries graphiques du Nord", "Lyon": "Union des industries graphiques du Rhône", "Bordeaux": "Union des industries graphiques d'Aquitaine"}, ["Imprimerie", "Studio"]),
    ("Agriculture", "Agriculture et aménagement des espaces", {"Lille": "Chambre d'agriculture du Nord", "Lyon": "Chambre d'agriculture du Rhône", "Bordeaux": "Chambre d'agriculture du Lot-et-Garonne"}, ["Exploitation", "Pépinières", "Vergers"]),
]
LIEUX = ["de l'Escaut", "du Forez", "des Flandres", "de la Garonne", "du Lyonnais", "du Médoc", "de l'Artois", "des Monts d'Or",
         "du Périgord", "de la Saône", "des Landes", "du Hainaut", "du Béarn", "de la Dombes"]
NOMS = ["ADAM", "BAUDOUIN", "BESSON", "BLONDEL", "BOUVIER", "CARRÉ", "CHARLES", "COLLET", "CORDIER", "DELMAS", "DUPUIS",
        "FERRY", "FORTIN", "GAUDIN", "GIRARD", "GUICHARD", "HAMON", "HÉBERT", "JOUBERT", "LACOMBE", "LAMY", "LANGLOIS",
        "LEBON", "LECLERC", "LEJEUNE", "LEROUX", "MAILLET", "MARCHAL", "MARÉCHAL", "MERLE", "MILLET", "MONNIER", "NAVARRO",
        "OLIVIER", "PAYET", "PERRIN", "POULAIN", "PRÉVOT", "RAYMOND", "RÉMY", "RIVIÈRE", "ROLLAND", "SAUVAGE", "TESSIER",
        "THIBAULT", "VALLÉE", "VASSEUR", "VIDAL", "WEBER", "ZIMMERMANN"]
PRENOMS = ["Agnès", "Alexandre", "Anne", "Arnaud", "Bénédicte", "Bruno", "Cécile", "Christophe", "Corinne", "David",
           "Delphine", "Éric", "Fabienne", "Frédéric", "Gilles", "Hervé", "Isabelle", "Jean-Marc", "Karine", "Laurent",
           "Marion", "Mathieu", "Nadine", "Nicolas", "Pascale", "Philippe", "Sandrine", "Stéphane", "Valérie", "Yann"]
STATUTS = ["Chef d'entreprise"] * 3 + ["Salarié"] * 4 + ["Artisan"] * 2 + ["Profession libérale", "Retraité", "Salarié d'une organisation professionnelle"]
SPECIALITES = {"Métallurgie": "Bac pro Technicien en chaudronnerie industrielle ; CAP Réalisations industrielles",
               "Bâtiment et travaux publics": "CAP Maçon ; Bac pro Technicien du bâtiment",
               "Agroalimentaire": "Bac pro Bio-industries de transformation",
               "Hôtellerie-restauration": "CAP Cuisine ; Bac pro Commercialisation et services en restauration",
               "Coiffure et esthétique": "CAP Métiers de la coiffure ; BP Coiffure",
               "Transport et logistique": "Bac pro Logistique ; CAP Opérateur logistique"}

def sans_accents(s):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")

lignes, vus = [], set()
for academie, bassins in ACADEMIES.items():
    for n in range(100):
        secteur, cpc, organisations, entreprises = SECTEURS[(n * 7 + len(academie)) % len(SECTEURS)]
        while True:
            nom, prenom = random.choice(NOMS), random.choice(PRENOMS)
            if (nom, prenom) not in vus:
                vus.add((nom, prenom))
                break
        civilite = "Mme" if prenom in {"Agnès", "Anne", "Bénédicte", "Cécile", "Corinne", "Delphine", "Fabienne", "Isabelle", "Karine", "Marion", "Nadine", "Pascale", "Sandrine", "Valérie"} else "M."
        entreprise = f"{random.choice(entreprises)} {random.choice(LIEUX)}"
        statut = random.choice(STATUTS)
        if statut == "Salarié d'une organisation professionnelle":
            entreprise = organisations[academie]
        domaine = sans_accents(entreprise.split()[0]).lower() + "-" + sans_accents(entreprise.split()[-1]).lower().replace("'", "")
        email = f"{sans_accents(prenom).lower().replace(' ', '')}.{sans_accents(nom).lower().replace(' ', '')}@{domaine}.fr"
        # Un CET sur dix désigné par un inspecteur ou l'AFDET : pas d'organisation proposante.
        proposante = "" if n % 10 == 9 else organisations[academie]
        # Campagnes : un tiers des mandats finit le 31/12 de l'année, les autres plus tard ; quelques arrivées récentes.
        vague = n % 3
        debut, fin, arrete = [("01/01/2022", "31/12/2026", "15/12/2021"), ("01/01/2023", "31/12/2027", "12/12/2022"), ("01/09/2024", "31/08/2029", "05/07/2024")][vague]
        if n % 17 == 5:
            debut, fin, arrete = "01/01/2027", "31/12/2031", ""   # proposé, nomination à venir
        lignes.append({
            "civilite": civilite, "nom": nom, "prenom": prenom, "email": email,
            "telephone": f"0{random.randint(1, 5)} {random.randint(10, 99)} {random.randint(10, 99)} {random.randint(10, 99)} {random.randint(10, 99)}",
            "employeur": entreprise, "secteur": secteur, "cpc": cpc, "organisation_proposante": proposante,
            "academie": academie, "bassin": bassins[n % len(bassins)], "debut_mandat": debut, "fin_mandat": fin,
            "statut": statut, "specialites": SPECIALITES.get(secteur, ""), "date_arrete": arrete,
        })

with open(os.path.join(ICI, "cet.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(lignes[0].keys()), delimiter=";")
    w.writeheader()
    w.writerows(lignes)

# Animations : trois par an et par académie sur quatre années scolaires ; mois relatifs à aujourd'hui.
THEMES = [
    ("reunion_information", "Les nouvelles missions des conseillers entreprise pour l'École", []),
    ("animation_thematique", "Accueillir des élèves de seconde en stage d'observation", ["Commerce et vente", "Hôtellerie-restauration", "Santé et social"]),
    ("seminaire_academique", "Séminaire annuel du réseau : jurys et certification", []),
    ("animation_thematique", "Métiers de l'industrie : faire découvrir les ateliers aux collégiens", ["Métallurgie", "Chimie et plasturgie", "Agroalimentaire"]),
    ("reunion_departementale", "Rencontre départementale avec les chefs de travaux", ["Bâtiment et travaux publics", "Transport et logistique"]),
    ("visite", "Visite d'un lycée des métiers et de son plateau technique", ["Métallurgie", "Bâtiment et travaux publics"]),
]
TOUS = [s[0] for s in SECTEURS]
LIEUX_UAI = {"Lille": ["0621952K", "0591682H", "0599848J"], "Lyon": ["0698976G", "0423932W", "0699610W"], "Bordeaux": ["0337368E", "0243445P", "0338033C"]}
COORG = {"Lille": ["Association pour le développement de l'enseignement technique du Nord"], "Lyon": ["Union des industries métallurgiques du Rhône"], "Bordeaux": ["Association régionale École-Entreprise Aquitaine"]}
animations = []
for academie in ACADEMIES:
    k = 0
    for annee in range(4):
        for mois in (2, 6, 9):   # environ octobre, février, mai de chaque année scolaire
            type_, theme, secteurs = THEMES[(k + len(academie)) % len(THEMES)]
            animations.append({
                "academie": academie, "mois_avant": annee * 12 + mois, "type": type_, "theme": theme,
                "secteurs": secteurs or TOUS, "lieu_uai": LIEUX_UAI[academie][k % 3], "heure": "14h00",
                "coorganisateurs": COORG[academie] if type_ in ("seminaire_academique", "animation_thematique") else [],
            })
            k += 1
    # La prochaine, à venir dans un mois.
    animations.append({"academie": academie, "mois_avant": -1, "type": "reunion_information", "theme": "Campagne de renouvellement des mandats",
                       "secteurs": TOUS, "lieu_uai": LIEUX_UAI[academie][0], "heure": "17h30", "coorganisateurs": []})
with open(os.path.join(ICI, "animations-cet.json"), "w", encoding="utf-8") as f:
    f.write(json.dumps(animations, ensure_ascii=False, indent=2) + "\n")
print(len(lignes), "CET,", len(animations), "animations")
