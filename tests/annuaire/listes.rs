//! Listes de l'annuaire lues comme l'écran les lit : la page d'abord, le total à part ; tri par
//! nom dans l'index de la clé de recherche (migration 14), accents et casse ignorés.

use super::{base_vide, bassin, etab, lille};
use passerelle_core::annuaire::etablissements::{self, FiltreEtablissements};
use passerelle_core::annuaire::organisations::{self, FiltreOrganisations};
use passerelle_core::annuaire::recherche::{chercher, Genre};
use passerelle_core::base;
use passerelle_core::liste::{ParametresListe, Partie};
use passerelle_core::Connection;

const NOMS: [&str; 5] = [
    "Lycée Faure",
    "lycée Dupont",
    "Lycée Étienne",
    "LYCÉE DUPONT",
    "Lycée Dupré",
];

/// Un UAI valable pour les sept chiffres `n` (la lettre clé qui convient).
fn uai(i: usize) -> String {
    let n = ["0620057", "0590001", "0591234", "0620001", "0590216"][i];
    ('A'..='Z')
        .map(|l| format!("{n}{l}"))
        .find(|u| passerelle_core::annuaire::validation::uai(u).is_ok())
        .unwrap()
}

fn plan(c: &Connection, sql: &str) -> String {
    c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap()
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .join(" / ")
}

#[test]
fn etablissements_et_organisations_tries_par_nom_dans_l_index() {
    let c = base_vide();
    for (i, nom) in NOMS.iter().enumerate() {
        etablissements::creer(&c, &etab(&c, &uai(i), nom, None)).unwrap();
        let nom_o = nom
            .replacen("ycée", "ycéenne", 1)
            .replacen("YCÉE", "YCÉENNE", 1);
        crate::common::organisation(&c, "entreprise", &nom_o);
    }
    let noms_e = |descendant| -> Vec<String> {
        let mut f = FiltreEtablissements::default();
        f.liste.descendant = descendant;
        let l = etablissements::lister(&c, &f).unwrap();
        l.lignes.into_iter().map(|e| e.nom).collect()
    };
    // À nom égal (accents et casse ignorés), l'UAI départage : 0590001F avant 0620001P.
    let attendu = [
        "lycée Dupont",
        "LYCÉE DUPONT",
        "Lycée Dupré",
        "Lycée Étienne",
        "Lycée Faure",
    ];
    assert_eq!(noms_e(false), attendu);
    assert_eq!(
        noms_e(true),
        attendu.iter().rev().cloned().collect::<Vec<_>>()
    );
    let noms_o: Vec<String> = organisations::lister(&c, &FiltreOrganisations::default())
        .unwrap()
        .lignes
        .into_iter()
        .map(|o| o.nom)
        .collect();
    assert_eq!(
        noms_o,
        attendu.map(|n| n
            .replacen("ycée", "ycéenne", 1)
            .replacen("YCÉE", "YCÉENNE", 1))
    );
    for (table, alias) in [("etablissement", "e"), ("organisation", "o")] {
        let p = plan(
            &c,
            &format!("SELECT {alias}.id FROM {table} {alias} ORDER BY {alias}.recherche ASC, {alias}.id LIMIT 200"),
        );
        assert!(!p.contains("TEMP B-TREE"), "{table} : {p}");
    }
}

#[test]
fn la_page_d_abord_le_total_a_part() {
    let c = base_vide();
    for (i, nom) in NOMS.iter().enumerate() {
        etablissements::creer(&c, &etab(&c, &uai(i), nom, None)).unwrap();
    }
    let lire = |recherche: &str, limite, partie| {
        let f = FiltreEtablissements {
            liste: ParametresListe {
                recherche: recherche.into(),
                limite: Some(limite),
                partie,
                ..Default::default()
            },
            ..Default::default()
        };
        let l = etablissements::lister(&c, &f).unwrap();
        (l.lignes.len(), l.total, l.total_a_venir)
    };
    // Page pleine : le total reste à compter ; le total seul, sans lignes ; tout d'un coup.
    assert_eq!(lire("", 2, Partie::Lignes), (2, 2, true));
    assert_eq!(lire("", 2, Partie::Total), (0, 5, false));
    assert_eq!(lire("", 2, Partie::Tout), (2, 5, false));
    // Page incomplète : le total est connu sans compter.
    assert_eq!(lire("dup", 10, Partie::Lignes), (3, 3, false));
    assert_eq!(lire("dup", 2, Partie::Lignes), (2, 2, true));
    assert_eq!(lire("dup", 2, Partie::Total), (0, 3, false));
    assert_eq!(lire("zzz", 2, Partie::Lignes), (0, 0, false));
}

/// Migration 14 : la clé d'un établissement déjà saisi est refaite (nom d'abord) et l'index
/// plein texte reconstruit ; la fiche se trouve toujours par son UAI, son nom et sa commune.
#[test]
fn migration_14_refait_les_cles_des_etablissements() {
    let c = Connection::open_in_memory().unwrap();
    base::configurer(&c).unwrap();
    base::migrer_jusqua(&c, 12).unwrap();
    c.execute(
        "INSERT INTO etablissement (uai, nom, type, commune, academie_id, recherche)
         VALUES ('0620057A', 'Lycée Émile-Zola', 'lgt', 'Liévin', ?1, '0620057a lycee emile-zola lievin')",
        [lille(&c)],
    )
    .unwrap();
    base::migrer_jusqua(&c, base::VERSION_SCHEMA).unwrap();
    let cle: String = c
        .query_row("SELECT recherche FROM etablissement", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cle, "lycee emile-zola 0620057a lievin");
    for q in ["0620057", "emile", "lievin"] {
        let t = chercher(&c, Genre::Etablissement, q, None).unwrap();
        assert_eq!(t.resultats.len(), 1, "{q}");
    }
    let integrite: String = c
        .query_row(
            "INSERT INTO etablissement_fts (etablissement_fts, rank) VALUES ('integrity-check', 1) RETURNING 'ok'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| e.to_string());
    assert_eq!(integrite, "ok");
}

/// Un mot fréquent (plus de `recherche::PEU` personnes) est cherché ligne par ligne dans la clé
/// de la personne et, par l'index, dans les organisations où il est rare : une personne se
/// trouve encore par le nom de son organisation. Aucune ne le porte (« jean ») : seule la clé
/// de la personne compte.
#[test]
fn mot_frequent_cherche_aussi_dans_les_fiches_citees() {
    use passerelle_core::annuaire::personnes::{self, FiltrePersonnes, SaisiePersonne};
    use passerelle_core::annuaire::recherche::PEU;
    use passerelle_core::liste::PLAFOND_TOTAL;
    let c = base_vide();
    let personne = |nom: String, organisation_id| {
        let s = SaisiePersonne {
            nom,
            prenom: "Jean".into(),
            organisation_id,
            ..Default::default()
        };
        personnes::creer(&c, &s).unwrap();
    };
    for i in 0..PEU {
        personne(format!("Commun{i:04}"), None);
    }
    let o = crate::common::organisation(&c, "entreprise", "Commun SA");
    personne("Zed".into(), Some(o));
    personne("Autre".into(), None);
    let lire = |recherche: &str, partie| {
        let f = FiltrePersonnes {
            liste: ParametresListe {
                recherche: recherche.into(),
                partie,
                ..Default::default()
            },
            ..Default::default()
        };
        personnes::lister(&c, &f).unwrap()
    };
    let page = lire("commun", Partie::Lignes);
    assert_eq!((page.lignes.len(), page.total_a_venir), (200, true));
    assert_eq!(page.lignes[0].nom, "Commun0000");
    // Le total exact (tout d'un coup), puis le total seul de l'écran : plafonné à 1 000.
    assert_eq!(lire("commun", Partie::Tout).total, PEU + 1);
    let plafond = lire("commun", Partie::Total);
    assert_eq!(
        (plafond.total, plafond.total_plafonne),
        (PLAFOND_TOTAL, true)
    );
    let exact = lire("zed", Partie::Total);
    assert_eq!((exact.total, exact.total_plafonne), (1, false));
    // Sans mot tapé, le total est compté exactement (l'index de la table suffit).
    let tous = lire("", Partie::Total);
    assert_eq!((tous.total, tous.total_plafonne), (PEU + 2, false));
    let zed = lire("jean commun zed", Partie::Tout);
    assert_eq!(zed.total, 1);
    assert_eq!(zed.lignes[0].nom, "Zed");
    assert_eq!(lire("commun autre", Partie::Tout).total, 0);
}

/// Un mot court est aussi cherché dans le bassin de l'établissement ; aucun bassin ne le
/// porte : la condition sur le bassin tombe, l'établissement se trouve par sa seule clé.
#[test]
fn mot_court_cherche_aussi_dans_le_bassin() {
    let c = base_vide();
    let artois = bassin(&c, "Bassin 7 Artois", lille(&c)).unwrap();
    // Condorcet (UAI 0590001F) dans le bassin, Zola (UAI 0620057A) sans bassin.
    for (i, nom, bassin) in [
        (1, "Lycée Condorcet", Some(artois.id)),
        (0, "Lycée Zola", None),
    ] {
        let mut s = etab(&c, &uai(i), nom, bassin);
        s.commune = "Liévin".into();
        etablissements::creer(&c, &s).unwrap();
    }
    let e = |q: &str| -> Vec<String> {
        let f = FiltreEtablissements {
            liste: ParametresListe {
                recherche: q.into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let l = etablissements::lister(&c, &f).unwrap();
        l.lignes.into_iter().map(|e| e.nom).collect()
    };
    assert_eq!(e("lievin"), ["Lycée Condorcet", "Lycée Zola"]);
    // « 7 » : dans le bassin de Condorcet, et dans l'UAI de Zola.
    assert_eq!(e("lievin 7"), ["Lycée Condorcet", "Lycée Zola"]);
    // « 06 » : dans l'UAI de Zola seulement ; aucun bassin ne le porte.
    assert_eq!(e("lievin 06"), ["Lycée Zola"]);
    assert_eq!(e("lievin ar"), ["Lycée Condorcet"]);
    assert!(e("lievin 4").is_empty());
}
