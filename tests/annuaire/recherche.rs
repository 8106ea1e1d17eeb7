//! Recherche des sélecteurs (index FTS5 à trigrammes) et champ de recherche des listes de
//! l'annuaire qui s'en sert : accents, casse, UAI, SIRET, commune, e-mail, limite, index tenu à
//! jour par les déclencheurs et ignoré par le journal.

use super::{base_vide, etab, recherche};
use passerelle_core::annuaire::etablissements::{self, FiltreEtablissements};
use passerelle_core::annuaire::organisations::{self, FiltreOrganisations, SaisieOrganisation};
use passerelle_core::annuaire::personnes::{self, FiltrePersonnes, SaisiePersonne};
use passerelle_core::annuaire::recherche::{chercher, Genre, Trouve};
use passerelle_core::Connection;

/// Deux lycées, une entreprise, deux personnes.
fn annuaire() -> Connection {
    let c = base_vide();
    let mut s = etab(&c, "0620057A", "Lycée Émile-Zola", None);
    s.commune = "Liévin".into();
    etablissements::creer(&c, &s).unwrap();
    etablissements::creer(
        &c,
        &etab(&c, "0590001F", "Lycée professionnel Jean-Moulin", None),
    )
    .unwrap();
    let o = organisations::creer(
        &c,
        &SaisieOrganisation {
            type_: "entreprise".into(),
            nom: "Aciéries du Nord".into(),
            siret: Some("73282932000074".into()),
            commune: "Béthune".into(),
            ..Default::default()
        },
    )
    .unwrap();
    personnes::creer(
        &c,
        &SaisiePersonne {
            nom: "Lefèvre".into(),
            prenom: "Hélène".into(),
            organisation_id: Some(o.id),
            email: "helene.lefevre@acieries.fr".into(),
            ..Default::default()
        },
    )
    .unwrap();
    personnes::creer(
        &c,
        &SaisiePersonne {
            nom: "Martin".into(),
            prenom: "Loïc".into(),
            email: "loic.martin@exemple.fr".into(),
            ..Default::default()
        },
    )
    .unwrap();
    c
}

fn libelles(c: &Connection, genre: Genre, q: &str) -> Vec<String> {
    chercher(c, genre, q, None)
        .unwrap()
        .resultats
        .into_iter()
        .map(|t| t.libelle)
        .collect()
}

#[test]
fn accents_et_casse_ignores() {
    let c = annuaire();
    for q in ["EMILE", "émile", "Émile-zo", "zola", "ZOLA lycée"] {
        assert_eq!(
            libelles(&c, Genre::Etablissement, q),
            ["Lycée Émile-Zola"],
            "{q}"
        );
    }
    assert_eq!(libelles(&c, Genre::Personne, "helene"), ["Lefèvre Hélène"]);
    assert_eq!(libelles(&c, Genre::Personne, "LEFEV"), ["Lefèvre Hélène"]);
    assert_eq!(
        libelles(&c, Genre::Organisation, "acieries"),
        ["Aciéries du Nord"]
    );
    assert!(libelles(&c, Genre::Etablissement, "zzz").is_empty());
}

#[test]
fn uai_siret_commune_et_email() {
    let c = annuaire();
    let t = chercher(&c, Genre::Etablissement, "0620057", None).unwrap();
    assert_eq!(
        t.resultats,
        [Trouve {
            id: 1,
            libelle: "Lycée Émile-Zola".into(),
            contexte: "Liévin · 0620057A".into(),
        }]
    );
    assert!(!t.resultats.is_empty() && !t.plus);
    // Quelques lettres de la commune, au milieu du mot.
    assert_eq!(
        libelles(&c, Genre::Etablissement, "iév"),
        ["Lycée Émile-Zola"]
    );
    assert_eq!(
        libelles(&c, Genre::Etablissement, "lens"),
        ["Lycée professionnel Jean-Moulin"]
    );
    let o = chercher(&c, Genre::Organisation, "732829", None).unwrap();
    assert_eq!(o.resultats[0].contexte, "Béthune · 73282932000074");
    let p = chercher(&c, Genre::Personne, "martin@exemple", None).unwrap();
    assert_eq!(p.resultats[0].libelle, "Martin Loïc");
    assert_eq!(p.resultats[0].contexte, "loic.martin@exemple.fr");
    let p = chercher(&c, Genre::Personne, "lefevre", None).unwrap();
    assert_eq!(
        p.resultats[0].contexte,
        "Aciéries du Nord · helene.lefevre@acieries.fr"
    );
    // Un mot de moins de trois lettres se cherche aussi (sans l'index).
    assert_eq!(
        libelles(&c, Genre::Etablissement, "jean mo"),
        ["Lycée professionnel Jean-Moulin"]
    );
    assert_eq!(libelles(&c, Genre::Personne, "lo"), ["Martin Loïc"]);
}

#[test]
fn limite_et_suite() {
    let c = base_vide();
    for i in 0..30 {
        etablissements::creer(
            &c,
            &etab(&c, &uai(i), &format!("Collège Pasteur {i:02}"), None),
        )
        .unwrap();
    }
    let t = chercher(&c, Genre::Etablissement, "pasteur", Some(5)).unwrap();
    assert_eq!(t.resultats.len(), 5);
    assert!(t.plus, "d'autres fiches répondent");
    assert_eq!(t.resultats[0].libelle, "Collège Pasteur 00");
    let t = chercher(&c, Genre::Etablissement, "pasteur 07", Some(5)).unwrap();
    assert_eq!(t.resultats.len(), 1);
    assert!(!t.plus);
    // Sans saisie : les dernières fiches créées.
    let t = chercher(&c, Genre::Etablissement, "  ", Some(3)).unwrap();
    assert_eq!(t.resultats[0].libelle, "Collège Pasteur 29");
    assert!(t.plus);
    // Une limite absurde est ramenée dans les bornes ; guillemets et signes FTS5 restent du texte.
    assert_eq!(
        chercher(&c, Genre::Etablissement, "pasteur", Some(0))
            .unwrap()
            .resultats
            .len(),
        1
    );
    for q in [
        "\"",
        "pas\"teur",
        "NEAR(a b)",
        "a OR b",
        "*",
        "pasteur*",
        "-pasteur",
        "^pas",
    ] {
        chercher(&c, Genre::Etablissement, q, None).unwrap();
        etablissements::lister(
            &c,
            &FiltreEtablissements {
                liste: recherche(q),
                ..Default::default()
            },
        )
        .unwrap();
    }
}

/// Le libellé qui commence par la saisie passe devant ceux qui la contiennent plus loin.
#[test]
fn le_debut_du_libelle_d_abord() {
    let c = base_vide();
    etablissements::creer(&c, &etab(&c, "0590001F", "Collège Jean-Moulin", None)).unwrap();
    etablissements::creer(&c, &etab(&c, &uai(2), "Moulins-Lille lycée", None)).unwrap();
    assert_eq!(
        libelles(&c, Genre::Etablissement, "moulin"),
        ["Moulins-Lille lycée", "Collège Jean-Moulin"]
    );
}

#[test]
fn index_tenu_par_les_declencheurs() {
    let c = annuaire();
    let e = etablissements::trouver_uai(&c, "0620057A").unwrap();
    let mut s = etab(&c, "0620057A", "Lycée Condorcet", None);
    s.commune = "Arras".into();
    etablissements::modifier(&c, e.id, &s).unwrap();
    assert!(libelles(&c, Genre::Etablissement, "zola").is_empty());
    assert_eq!(
        libelles(&c, Genre::Etablissement, "arras"),
        ["Lycée Condorcet"]
    );
    etablissements::supprimer(&c, e.id).unwrap();
    assert!(libelles(&c, Genre::Etablissement, "condorcet").is_empty());
    // L'index reste cohérent avec sa table (contrôle intégré de FTS5).
    for t in ["etablissement", "organisation", "personne"] {
        c.execute(
            &format!("INSERT INTO {t}_fts ({t}_fts) VALUES ('integrity-check')"),
            [],
        )
        .unwrap();
    }
    // Tables virtuelles et tables d'ombre de FTS5 : pas de déclencheur du journal.
    let journalisees: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' AND tbl_name LIKE '%fts%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(journalisees, 0);
    let types: Vec<String> = c
        .prepare("SELECT DISTINCT type FROM pragma_table_list WHERE name LIKE 'personne_fts%' ORDER BY type")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(types, ["shadow", "virtual"]);
}

#[test]
fn conventions_et_comites() {
    let c = super::common::base_demo_en_memoire();
    let t = chercher(&c, Genre::Comite, "lens", None).unwrap();
    assert!(!t.resultats.is_empty());
    assert!(t.resultats[0].libelle.contains("Lens"), "{:?}", t.resultats);
    assert!(!chercher(&c, Genre::Convention, "", None)
        .unwrap()
        .resultats
        .is_empty());
    assert!(chercher(&c, Genre::Convention, "xyzxyz", None)
        .unwrap()
        .resultats
        .is_empty());
    assert!(Genre::depuis_code("cet").is_err());
}

/// Les listes de l'annuaire cherchent par le même index, dans la fiche et les fiches citées.
#[test]
fn listes_par_l_index() {
    let c = annuaire();
    let e = |q: &str| {
        etablissements::lister(
            &c,
            &FiltreEtablissements {
                liste: recherche(q),
                ..Default::default()
            },
        )
        .unwrap()
        .total
    };
    assert_eq!(e("LIEVIN"), 1);
    assert_eq!(e("lycée"), 2);
    assert_eq!(e("ly zola"), 1);
    let o = organisations::lister(
        &c,
        &FiltreOrganisations {
            liste: recherche("nord béthune"),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(o.total, 1);
    // Une personne se trouve aussi par le nom de son organisation.
    let p = |q: &str| {
        personnes::lister(
            &c,
            &FiltrePersonnes {
                liste: recherche(q),
                ..Default::default()
            },
        )
        .unwrap()
        .lignes
        .into_iter()
        .map(|p| p.nom)
        .collect::<Vec<_>>()
    };
    assert_eq!(p("acieries helene"), ["Lefèvre"]);
    assert_eq!(p("martin"), ["Martin"]);
    assert!(p("acieries martin").is_empty());
}

fn uai(n: u32) -> String {
    const LETTRES: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let num = 590_0000 + n;
    format!("{num:07}{}", LETTRES[(num % 23) as usize] as char)
}

/// Écritures en masse : index reconstruit à la fin, déclencheurs rendus ; une erreur n'écrit rien.
#[test]
fn ecritures_en_masse() {
    use passerelle_core::annuaire::recherche::en_masse;
    let c = annuaire();
    let declencheurs = |c: &Connection| -> i64 {
        c.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB '*_fts_*'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    // Trois par table indexée (ajout, retrait, modification).
    let tous = 3 * passerelle_core::annuaire::recherche::TABLES_INDEXEES.len() as i64;
    assert_eq!(tous, 12);
    assert_eq!(declencheurs(&c), tous);
    en_masse(&c, &["etablissement"], || {
        for i in 0..40 {
            etablissements::creer(&c, &etab(&c, &uai(i), &format!("Collège Curie {i}"), None))?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(declencheurs(&c), tous);
    assert_eq!(
        chercher(&c, Genre::Etablissement, "curie", Some(100))
            .unwrap()
            .resultats
            .len(),
        40
    );
    c.execute(
        "INSERT INTO etablissement_fts (etablissement_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
    let r: Result<(), _> = en_masse(&c, &["etablissement"], || {
        etablissements::creer(&c, &etab(&c, &uai(100), "Collège Fantôme", None))?;
        Err(passerelle_core::Erreur::validation("nom", "refusé"))
    });
    assert!(r.is_err());
    assert_eq!(declencheurs(&c), tous);
    assert!(libelles(&c, Genre::Etablissement, "fantome").is_empty());
    // Les déclencheurs reposés tiennent toujours l'index.
    etablissements::creer(&c, &etab(&c, &uai(101), "Collège Revenant", None)).unwrap();
    assert_eq!(
        libelles(&c, Genre::Etablissement, "revenant"),
        ["Collège Revenant"]
    );
    assert!(en_masse(&c, &["convention"], || Ok(())).is_err());
}

/// La liste des personnes triée par nom et prénom (par la clé de recherche, qui commence par
/// eux) : accents et casse ignorés, comme avant ; l'index évite de trier toute la table.
#[test]
fn personnes_triees_par_nom() {
    let c = base_vide();
    for (nom, prenom) in [
        ("Faure", "Anne"),
        ("Dupont", "Jeanne"),
        ("étienne", "Zoé"),
        ("DUPONT", "Jean"),
        ("Dupré", "Anne"),
    ] {
        personnes::creer(
            &c,
            &SaisiePersonne {
                nom: nom.into(),
                prenom: prenom.into(),
                fonction: "Proviseure".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let noms = |descendant: bool| -> Vec<String> {
        let mut f = FiltrePersonnes::default();
        f.liste.descendant = descendant;
        personnes::lister(&c, &f)
            .unwrap()
            .lignes
            .into_iter()
            .map(|p| format!("{} {}", p.nom, p.prenom))
            .collect()
    };
    let attendu = [
        "DUPONT Jean",
        "Dupont Jeanne",
        "Dupré Anne",
        "étienne Zoé",
        "Faure Anne",
    ];
    assert_eq!(noms(false), attendu);
    let mut inverse = attendu.to_vec();
    inverse.reverse();
    assert_eq!(noms(true), inverse);
    let plan: Vec<String> = c
        .prepare(
            "EXPLAIN QUERY PLAN
             SELECT p.id FROM personne p LEFT JOIN organisation o ON o.id = p.organisation_id
             ORDER BY p.recherche ASC, 1 LIMIT 200",
        )
        .unwrap()
        .query_map([], |r| r.get(3))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let plan = plan.join(" / ");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}

/// Un import ne reconstruit l'index d'un coup qu'au-delà du seuil ; en dessous, les déclencheurs
/// tiennent l'index ligne à ligne. Dans les deux cas, la fiche écrite se trouve.
#[test]
fn un_gros_import_seul_reconstruit_l_index() {
    use passerelle_core::annuaire::recherche::{pour_un_import, SEUIL_EN_MASSE};
    let c = annuaire();
    let declencheurs = |c: &Connection| -> i64 {
        c.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'etablissement_fts_*'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    for (lignes, pendant, n) in [(10, 3, 200), (SEUIL_EN_MASSE + 1, 0, 201)] {
        let vus = pour_un_import(&c, lignes, &["etablissement"], || {
            etablissements::creer(&c, &etab(&c, &uai(n), &format!("Lycée Gros {n}"), None))?;
            Ok(declencheurs(&c))
        })
        .unwrap();
        assert_eq!(vus, pendant, "{lignes} lignes");
        assert_eq!(declencheurs(&c), 3);
        assert_eq!(
            libelles(&c, Genre::Etablissement, &format!("gros {n}")),
            [format!("Lycée Gros {n}")]
        );
    }
    // Une table déjà grande (numéros jusqu'à 100 000) : reconstruire coûterait plus que tenir
    // l'index pour 5 001 lignes.
    c.execute(
        "UPDATE etablissement SET id = 100000 WHERE id = (SELECT max(id) FROM etablissement)",
        [],
    )
    .unwrap();
    let vus = pour_un_import(&c, SEUIL_EN_MASSE + 1, &["etablissement"], || {
        Ok(declencheurs(&c))
    })
    .unwrap();
    assert_eq!(vus, 3);
}

/// Table par table : seule la table où arrivent assez de fiches voit son index reconstruit ;
/// les autres restent tenues par leurs déclencheurs pendant l'écriture.
#[test]
fn des_arrivees_ne_reconstruisent_que_les_tables_qui_en_valent_la_peine() {
    use passerelle_core::annuaire::recherche::{pour_des_arrivees, SEUIL_EN_MASSE};
    let c = annuaire();
    let poses = |c: &Connection, t: &str| -> i64 {
        c.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name GLOB ?1 || '_fts_*'",
            [t],
            |r| r.get(0),
        )
        .unwrap()
    };
    let arrivees = [
        ("etablissement", SEUIL_EN_MASSE + 1),
        ("personne", 10),
        ("convention", SEUIL_EN_MASSE + 1),
    ];
    let pendant = pour_des_arrivees(&c, &arrivees, || {
        etablissements::creer(&c, &etab(&c, &uai(300), "Lycée Arrivé", None))?;
        Ok((poses(&c, "etablissement"), poses(&c, "personne")))
    })
    .unwrap();
    assert_eq!(pendant, (0, 3));
    assert_eq!((poses(&c, "etablissement"), poses(&c, "personne")), (3, 3));
    assert_eq!(
        libelles(&c, Genre::Etablissement, "arrive"),
        ["Lycée Arrivé"]
    );
}
