//! Mesures de l'annuaire sur un gros jeu de données généré :
//! `cargo run --release -p passerelle-core --bin bench-annuaire [-- ETABLISSEMENTS [PERSONNES [ORGANISATIONS]]]`
//! (par défaut 66 000 établissements, la taille de l'annuaire national, 100 000 personnes et
//! 20 000 organisations).
//! Les durées se lisent ici, jamais dans les tests.

mod commun;
use commun::{copier_si_demande, mesurer, mesurer_liste};
use passerelle_core::annuaire::academies;
use passerelle_core::annuaire::bassins::{self, SaisieBassin};
use passerelle_core::annuaire::etablissements::{self, FiltreEtablissements, SaisieEtablissement};
use passerelle_core::annuaire::organisations::{self, FiltreOrganisations, SaisieOrganisation};
use passerelle_core::annuaire::personnes::{self, FiltrePersonnes, SaisiePersonne};
use passerelle_core::annuaire::recherche::{self, Genre};
use passerelle_core::base;
use passerelle_core::liste::ParametresListe;
use std::time::Instant;

const LETTRES: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
const NOMS: &[&str] = &[
    "Jean-Jaurès",
    "Marie-Curie",
    "Émile-Zola",
    "Louise-Michel",
    "Gustave-Eiffel",
    "Léonard-de-Vinci",
    "Condorcet",
    "Pasteur",
];
const COMMUNES: &[&str] = &[
    "Lens",
    "Liévin",
    "Arras",
    "Béthune",
    "Douai",
    "Valenciennes",
    "Saint-Omer",
    "Calais",
    "Boulogne-sur-Mer",
    "Dunkerque",
];
const PRENOMS: &[&str] = &["Élodie", "Jérôme", "Anaïs", "François", "Hélène", "Loïc"];

fn uai(n: u32) -> String {
    let num = 590_0000 + n;
    format!("{num:07}{}", LETTRES[(num % 23) as usize] as char)
}

fn siret(n: u64) -> String {
    let base = format!("{:013}", 4_000_000_000_000u64 + n * 7);
    (0..10)
        .map(|d| format!("{base}{d}"))
        .find(|s| passerelle_core::annuaire::validation::siret(s).is_ok())
        .unwrap()
}

/// Première page et recherche pendant la frappe des trois listes de l'annuaire.
fn listes_comme_l_ecran(c: &rusqlite::Connection) {
    let etablissements = |liste| {
        etablissements::lister(
            c,
            &FiltreEtablissements {
                liste,
                ..Default::default()
            },
        )
        .unwrap();
    };
    let organisations = |liste| {
        organisations::lister(
            c,
            &FiltreOrganisations {
                liste,
                ..Default::default()
            },
        )
        .unwrap();
    };
    let personnes = |liste| {
        personnes::lister(
            c,
            &FiltrePersonnes {
                liste,
                ..Default::default()
            },
        )
        .unwrap();
    };
    mesurer_liste("Établissements, première page", &[""], etablissements);
    mesurer_liste(
        "Établissements, frappe (lycée emile)",
        &FRAPPES_E,
        etablissements,
    );
    // Une commune et un chiffre : « 7 » seul n'a pas de trigramme.
    mesurer_liste(
        "Établissements, « lievin 7 »",
        &["lievin 7"],
        etablissements,
    );
    mesurer_liste("Organisations, première page", &[""], organisations);
    mesurer_liste(
        "Organisations, frappe (entreprise pasteur)",
        &FRAPPES_O,
        organisations,
    );
    mesurer_liste("Personnes, première page", &[""], personnes);
    mesurer_liste("Personnes, frappe (jerome nom4)", &FRAPPES_P, personnes);
    // Les cas les plus chers : une lettre (pas de trigramme), un mot présent dans 1 fiche sur 6.
    for frappe in ["j", "jerome"] {
        mesurer_liste(
            &format!("Personnes, « {frappe} » seul"),
            &[frappe],
            personnes,
        );
    }
}

const FRAPPES_E: [&str; 8] = [
    "l",
    "ly",
    "lyc",
    "lycé",
    "lycée",
    "lycée e",
    "lycée em",
    "lycée emile",
];
const FRAPPES_O: [&str; 8] = [
    "e",
    "en",
    "ent",
    "entr",
    "entreprise",
    "entreprise p",
    "entreprise pas",
    "entreprise pasteur",
];
const FRAPPES_P: [&str; 8] = [
    "j",
    "je",
    "jer",
    "jero",
    "jerom",
    "jerome",
    "jerome n",
    "jerome nom4",
];

fn main() {
    let argument = |n: usize, defaut: u32| -> u32 {
        std::env::args()
            .nth(n)
            .and_then(|a| a.parse().ok())
            .unwrap_or(defaut)
    };
    let n_etab = argument(1, 66_000);
    let n_pers = argument(2, 100_000);
    let n_orga = argument(3, 20_000);
    let dossier = std::env::temp_dir().join(format!("passerelle-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dossier).unwrap();
    let chemin = dossier.join("bench.sqlite");
    let b = base::ouvrir(&chemin).unwrap();
    let c = &b.conn;

    generer(c, n_etab, n_pers, n_orga);
    recherches_d_etablissements(c);
    recherches_d_organisations_et_de_personnes(c);
    listes_comme_l_ecran(c);
    selecteurs(c);
    ecritures_en_masse(c);
    drop(b);
    reouverture(&chemin);
    std::fs::remove_dir_all(&dossier).unwrap();
}

/// Le jeu de données, créé par les fonctions du domaine (contrôles compris), en une transaction.
fn generer(c: &rusqlite::Connection, n_etab: u32, n_pers: u32, n_orga: u32) {
    let t = Instant::now();
    let tx = c.unchecked_transaction().unwrap();
    let lille = academies::trouver(c, "09").unwrap().id;
    let bassins: Vec<i64> = (0..40)
        .map(|i| {
            bassins::creer(
                c,
                &SaisieBassin {
                    nom: format!("Bassin {i}"),
                    academie_id: Some(lille),
                },
            )
            .unwrap()
            .id
        })
        .collect();
    for i in 0..n_etab {
        let s = SaisieEtablissement {
            uai: uai(i),
            nom: format!("Lycée {} {i}", NOMS[i as usize % NOMS.len()]),
            type_: "lp".into(),
            commune: format!("{} {}", COMMUNES[i as usize % COMMUNES.len()], i % 50),
            academie_id: Some(lille),
            bassin_id: Some(bassins[i as usize % bassins.len()]),
        };
        etablissements::creer(c, &s).unwrap();
    }
    for i in 0..n_orga as u64 {
        let s = SaisieOrganisation {
            type_: "entreprise".into(),
            nom: format!("Entreprise {} {i}", NOMS[i as usize % NOMS.len()]),
            siret: Some(siret(i)),
            secteur: format!("Secteur {}", i % 30),
            ..Default::default()
        };
        organisations::creer(c, &s).unwrap();
    }
    for i in 0..n_pers {
        let s = SaisiePersonne {
            civilite: "Mme".into(),
            nom: format!("NOM{i}"),
            prenom: PRENOMS[i as usize % PRENOMS.len()].into(),
            fonction: "Responsable des relations écoles".into(),
            organisation_id: (i % 2 == 0).then_some((i / 2 % n_orga) as i64 + 1),
            etablissement_id: (i % 2 == 1).then_some((i / 2 % n_etab) as i64 + 1),
            email: format!("contact.nom{i}@exemple-entreprise.fr"),
            telephone: format!("03{:08}", i),
        };
        personnes::creer(c, &s).unwrap();
    }
    tx.commit().unwrap();
    let duree = t.elapsed();
    let total = n_etab + n_orga + n_pers;
    copier_si_demande(c);
    println!("Jeu généré : {n_etab} établissements, {n_orga} organisations, {n_pers} personnes");
    println!(
        "{:<58} {:>8.2} s ({:.0} fiches/s, contrôles compris)",
        "Création par les fonctions du domaine",
        duree.as_secs_f64(),
        total as f64 / duree.as_secs_f64()
    );
}

fn filtre_etablissements(q: &str) -> FiltreEtablissements {
    FiltreEtablissements {
        liste: ParametresListe {
            recherche: q.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

fn filtre_personnes(q: &str) -> FiltrePersonnes {
    FiltrePersonnes {
        liste: ParametresListe {
            recherche: q.into(),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// La liste des établissements : première page, frappe, commune, UAI.
fn recherches_d_etablissements(c: &rusqlite::Connection) {
    let f = filtre_etablissements;
    mesurer(
        "Liste des établissements, 200 premiers par nom",
        30,
        |_| {
            etablissements::lister(c, &f("")).unwrap();
        },
    );
    mesurer(
        "Recherche pendant la frappe (« lycée emile », 8 frappes)",
        30,
        |i| {
            etablissements::lister(c, &f(FRAPPES_E[i % FRAPPES_E.len()])).unwrap();
        },
    );
    mesurer("Recherche sans résultat (« zzz »)", 30, |_| {
        etablissements::lister(c, &f("zzz")).unwrap();
    });
    mesurer("Établissements d'une commune (lievin 7)", 30, |_| {
        etablissements::lister(c, &f("lievin 7")).unwrap();
    });
    mesurer("Établissement par son UAI (0591234)", 30, |_| {
        etablissements::lister(c, &f("0591234")).unwrap();
    });
}

/// Les listes des organisations et des personnes : première page, frappe, e-mail.
fn recherches_d_organisations_et_de_personnes(c: &rusqlite::Connection) {
    mesurer(
        "Liste des organisations, 200 premières par nom",
        30,
        |_| {
            organisations::lister(c, &FiltreOrganisations::default()).unwrap();
        },
    );
    mesurer("Liste des personnes, 200 premières par nom", 30, |_| {
        personnes::lister(c, &FiltrePersonnes::default()).unwrap();
    });
    let fp = filtre_personnes("elodie nom12");
    mesurer("Recherche de personnes (« elodie nom12 »)", 30, |_| {
        personnes::lister(c, &fp).unwrap();
    });
    let fp = filtre_personnes;
    mesurer(
        "Personnes pendant la frappe (jerome nom4, 8 frappes)",
        30,
        |i| {
            personnes::lister(c, &fp(FRAPPES_P[i % FRAPPES_P.len()])).unwrap();
        },
    );
    mesurer("Personne par son e-mail (nom4567@)", 30, |_| {
        personnes::lister(c, &fp("nom4567@")).unwrap();
    });
}

/// Les sélecteurs des formulaires : 20 fiches au plus, classées, pour chaque frappe.
fn selecteurs(c: &rusqlite::Connection) {
    let selecteur = |genre: Genre, q: &str| {
        recherche::chercher(c, genre, q, Some(20)).unwrap();
    };
    mesurer(
        "Sélecteur d'établissement pendant la frappe (8 frappes)",
        30,
        |i| selecteur(Genre::Etablissement, FRAPPES_E[i % FRAPPES_E.len()]),
    );
    mesurer(
        "Sélecteur d'établissement par la commune (« lievin »)",
        30,
        |_| selecteur(Genre::Etablissement, "lievin"),
    );
    mesurer(
        "Sélecteur d'établissement par l'UAI (« 0591234 »)",
        30,
        |_| selecteur(Genre::Etablissement, "0591234"),
    );
    mesurer(
        "Sélecteur de personne pendant la frappe (8 frappes)",
        30,
        |i| selecteur(Genre::Personne, FRAPPES_P[i % FRAPPES_P.len()]),
    );
    mesurer(
        "Sélecteur de personne par l'e-mail (« nom4567@ »)",
        30,
        |_| selecteur(Genre::Personne, "nom4567@"),
    );
    mesurer(
        "Sélecteur d'organisation par le SIRET (« 4000000 »)",
        30,
        |_| selecteur(Genre::Organisation, "4000000"),
    );
    mesurer("Sélecteur sans saisie (dernières personnes)", 30, |_| {
        selecteur(Genre::Personne, "")
    });
}

/// Écritures en masse : 10 000 personnes de plus, fiche par fiche (index tenu par les
/// déclencheurs), puis 10 000 autres avec l'index reconstruit à la fin ; suppressions refusées.
fn ecritures_en_masse(c: &rusqlite::Connection) {
    let ajouter = |debut: u32| -> passerelle_core::Resultat<()> {
        for i in debut..debut + 10_000 {
            let s = SaisiePersonne {
                nom: format!("AJOUT{i}"),
                prenom: "Loïc".into(),
                email: format!("ajout{i}@exemple.fr"),
                ..Default::default()
            };
            personnes::creer(c, &s)?;
        }
        Ok(())
    };
    let t = Instant::now();
    let tx = c.unchecked_transaction().unwrap();
    ajouter(0).unwrap();
    tx.commit().unwrap();
    println!(
        "{:<58} {:>8.2} s",
        "10 000 personnes de plus, index tenu par les déclencheurs",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let tx = c.unchecked_transaction().unwrap();
    recherche::en_masse(c, &["personne"], || ajouter(10_000)).unwrap();
    tx.commit().unwrap();
    println!(
        "{:<58} {:>8.2} s",
        "10 000 personnes de plus, index reconstruit (en_masse)",
        t.elapsed().as_secs_f64()
    );
    mesurer(
        "Suppression refusée (organisation citée, message complet)",
        30,
        |i| {
            assert!(organisations::supprimer(c, (i as i64 % 100) + 1).is_err());
        },
    );
}

/// Réouverture de la base (contrôles compris), vérification et taille du fichier.
fn reouverture(chemin: &std::path::Path) {
    let t = Instant::now();
    let b = base::ouvrir(chemin).unwrap();
    println!(
        "{:<58} {:>8.2} ms",
        "Réouverture de la base (contrôles compris)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let problemes = base::verifier(&b.conn).unwrap();
    assert!(problemes.is_empty());
    let taille = std::fs::metadata(chemin).unwrap().len();
    println!(
        "{:<58} {:>8.1} Mo",
        "Taille du fichier",
        taille as f64 / 1e6
    );
    drop(b);
}
