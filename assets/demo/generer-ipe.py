"""Fabrique les données de démonstration IPE (assets/demo/ipe.csv et actions-ipe.csv) qui
reproduisent exactement les chiffres du bilan IPE 2007 : 639,8 mois d'activité (53 IPE en ETP)
dans 24 académies, 2 008 actions réparties sur les 14 thèmes, leurs effectifs, et 1 731 actions
en 2006 (évolution +16 %). Les intitulés sont inventés. Relancer ce script réécrit les deux CSV."""
import csv, os, random

random.seed(2007)
ICI = os.path.dirname(os.path.abspath(__file__))
ACADEMIES = ["Lille", "Lyon", "Bordeaux", "Paris", "Versailles", "Créteil", "Aix-Marseille", "Toulouse",
             "Nantes", "Rennes", "Strasbourg", "Nancy-Metz", "Grenoble", "Montpellier", "Orléans-Tours",
             "Normandie", "Amiens", "Reims", "Dijon", "Besançon", "Clermont-Ferrand", "Poitiers", "Limoges", "Nice"]
ENTREPRISES = ["Groupe Électrique Continental", "Aéronautique Européenne Associée", "Société des Rails de France",
               "Énergies de France et d'Europe", "Télécommunications de l'Hexagone", "Automobiles Rhin-Seine",
               "Chimie et Matériaux de Lorraine", "Grands Travaux Associés", "Distribution Alimentaire Nationale",
               "Informatique et Services Publics"]
NOMS = ["BERNARD", "PETIT", "ROBERT", "RICHARD", "DUBOIS", "THOMAS", "LAURENT", "SIMON", "MICHEL", "LEROY",
        "ROUX", "DAVID", "BERTRAND", "MOREAU", "FOURNIER", "GIRAUD", "BONNEFOY", "LEGRAND", "GARNIER", "FAVRE",
        "ROUSSEL", "BOYER", "MATHIEU", "CLAUDEL", "NOËL", "MEUNIER", "BRUNET", "LEMOINE", "GUILLOT", "RENARD",
        "GÉRARD", "MARIE", "LOPEZ", "FABRE", "CHAUVIN", "PERROT", "MASSON", "DUMAS", "LEBLANC", "BRETON",
        "AUBRY", "BERGER", "CARPENTIER", "DESCHAMPS", "ÉTIENNE", "FLEURY", "GILLET", "HUET", "JACOB", "LECOMTE",
        "MARTY", "NICOLAS", "PAGÈS", "QUÉRÉ"]
PRENOMS = ["Alain", "Brigitte", "Christian", "Dominique", "Élisabeth", "Francis", "Gérard", "Hélène", "Isabelle",
           "Jacques", "Kévin", "Laurence", "Michel", "Nathalie", "Olivier", "Patrick", "Régis", "Sylvie", "Thierry",
           "Véronique", "Xavier", "Yves", "Annick", "Bernard", "Catherine", "Daniel", "Évelyne"]

# 54 IPE : 52 en mission toute l'année 2007, un parti le 24/06/2007 (5,8 mois), un arrivé le
# 01/03/2007 (10 mois) : 52 × 12 + 5,8 + 10 = 639,8 mois, soit 53 ETP, dans 24 académies.
ipe = []
for n in range(54):
    academie = ACADEMIES[n % 24]
    debut, fin = f"{random.randint(1, 28):02d}/09/{random.choice([2003, 2004, 2005])}", ""
    if n == 52:
        debut, fin = "01/09/2004", "24/06/2007"
    if n == 53:
        debut, fin = "01/03/2007", ""
    ipe.append({"nom": NOMS[n], "prenom": PRENOMS[n % len(PRENOMS)], "entreprise": ENTREPRISES[n % len(ENTREPRISES)],
                "academie": academie, "debut_mission": debut, "fin_mission": fin, "quotite": "100"})
with open(os.path.join(ICI, "ipe.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(ipe[0]), delimiter=";")
    w.writeheader()
    w.writerows(ipe)
permanents = {}
for p in ipe[:52]:
    permanents.setdefault(p["academie"], []).append(f"{p['nom']} {p['prenom']}")

# Thèmes : (code, actions 2007, académies distinctes, intitulés types)
THEMES = [
    ("stages", 175, 22, ["Recherche de lieux de stage", "Calendrier académique des stages", "Parrainage de stagiaires"]),
    ("information_metiers", 245, 19, ["Forum des métiers", "Carrefour des métiers", "Portes ouvertes en entreprise"]),
    ("decouverte_professionnelle", 200, 15, ["Réseau d'entreprises pour la DP3", "Séminaire découverte professionnelle"]),
    ("post_bac", 76, 8, ["Accueil en entreprise de BTS", "Licence professionnelle en partenariat"]),
    ("recherche_emploi", 63, 9, ["Atelier CV et lettre de motivation", "Simulation d'entretien d'embauche"]),
    ("entrepreneuriat", 214, 16, ["Mini-entreprise au lycée", "Concours d'initiatives jeunes"]),
    ("partenariat_entreprises", 228, 17, ["Convention lycée-entreprise", "Comité de suivi de partenariat"]),
    ("developpement_local", 188, 18, ["Réunion avec la chambre consulaire", "Observatoire emploi-formation"]),
    ("appui_technologique", 144, 11, ["Plate-forme technologique", "Repérage de plateaux techniques"]),
    ("lycees_des_metiers", 88, 10, ["Dossier de labellisation lycée des métiers"]),
    ("apprentissage_eple", 89, 8, ["Ouverture d'une section d'apprentissage"]),
    ("information_reciproque", 44, 7, ["Analyse de l'offre de formation du bassin"]),
    ("tic", 61, 9, ["Site de l'académie école-entreprise", "Formation à distance"]),
    ("actions_diverses", 193, 20, ["Comité de pilotage pôle de compétitivité", "Action diverse"]),
]
TOTAUX = {"etablissements": 6025, "jeunes_filles": 105607, "jeunes_garcons": 116864, "enseignants_femmes": 11091,
          "enseignants_hommes": 19883, "entreprises": 3533, "organisations_professionnelles": 444}
# Chiffres par thème que le bilan 2007 donne : information sur les métiers (62 255 jeunes,
# 9 370 enseignants) et appui technologique (227 établissements, 968 entreprises, 180 organisations).
FIXES = {"information_metiers": {"jeunes_filles": 30412, "jeunes_garcons": 31843, "enseignants_femmes": 3720, "enseignants_hommes": 5650},
         "appui_technologique": {"etablissements": 227, "entreprises": 968, "organisations_professionnelles": 180,
                                 "jeunes_filles": 900, "jeunes_garcons": 2400, "enseignants_femmes": 90, "enseignants_hommes": 310}}

def repartir(total, poids):
    """Répartit l'entier total selon les poids, au plus fort reste : la somme est exacte."""
    s = sum(poids)
    if s == 0:
        poids, s = [1] * len(poids), len(poids)
    parts = [total * p / s for p in poids]
    entiers = [int(x) for x in parts]
    reste = total - sum(entiers)
    for i in sorted(range(len(parts)), key=lambda i: parts[i] - entiers[i], reverse=True)[:reste]:
        entiers[i] += 1
    return entiers

# Totaux par thème : les fixes d'abord, le reste au prorata du nombre d'actions des autres thèmes.
par_theme = {code: {} for code, *_ in THEMES}
for cle, total in TOTAUX.items():
    libres = [t for t in THEMES if cle not in FIXES.get(t[0], {})]
    reste = total - sum(FIXES.get(t[0], {}).get(cle, 0) for t in THEMES)
    for t, v in zip(libres, repartir(reste, [t[1] * random.uniform(0.6, 1.4) for t in libres])):
        par_theme[t[0]][cle] = v
    for code, fixes in FIXES.items():
        if cle in fixes:
            par_theme[code][cle] = fixes[cle]

def jour(annee):
    return f"{random.randint(1, 28):02d}/{random.randint(1, 12):02d}/{annee}"

lignes = []
for code, n, k, intitules in THEMES:
    academies = random.sample(ACADEMIES, k)
    # Chaque académie du thème a au moins une action ; l'entrepreneuriat a aussi 3 actions nationales.
    nationales = 3 if code == "entrepreneuriat" else 0
    lieux = academies + [random.choice(academies) for _ in range(n - k - nationales)] + [""] * nationales
    random.shuffle(lieux)
    poids = [random.uniform(0.2, 1.8) for _ in range(n)]
    colonnes = {cle: repartir(par_theme[code][cle], poids) for cle in TOTAUX}
    for i, lieu in enumerate(lieux):
        ligne = {"date": jour(2007), "ipe": random.choice(permanents[lieu]) if lieu else "", "academie": lieu,
                 "theme": code, "intitule": f"{random.choice(intitules)}{'' if lieu else ' (niveau national)'}"}
        ligne.update({cle: colonnes[cle][i] for cle in TOTAUX})
        lignes.append(ligne)
# 2006 : 1 731 actions (2 008 en 2007 : +16 %), effectifs plus modestes.
for i, n in enumerate(repartir(1731, [t[1] for t in THEMES])):
    code, _, k, intitules = THEMES[i]
    for _ in range(n):
        lieu = random.choice(ACADEMIES)
        ligne = {"date": jour(2006), "ipe": random.choice(permanents[lieu]), "academie": lieu, "theme": code,
                 "intitule": random.choice(intitules)}
        ligne.update({cle: random.randint(0, {"etablissements": 5, "jeunes_filles": 80, "jeunes_garcons": 90}.get(cle, 6)) for cle in TOTAUX})
        lignes.append(ligne)
lignes.sort(key=lambda l: (l["date"][6:], l["date"][3:5], l["date"][:2]))
with open(os.path.join(ICI, "actions-ipe.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(lignes[0]), delimiter=";")
    w.writeheader()
    w.writerows(lignes)
print(len(ipe), "IPE,", len(lignes), "actions")
