//! Import de l'Annuaire de l'éducation à l'échelle nationale : un fichier généré de 66 000
//! établissements (l'en-tête officiel, ses 72 colonnes, les 30 académies), importé dans une
//! base vide, réimporté (rien ne change), puis pour une seule académie.
//! `cargo run --release -p passerelle-core --bin bench-annuaire-education [-- LIGNES]`.
//! Objectif du ticket : 66 000 lignes en 3 s au plus.

use passerelle_core::annuaire::academies;
use passerelle_core::annuaire::annuaire_education::{self, ENTETE_OFFICIEL};
use passerelle_core::base;
use passerelle_core::travail::Suivi;
use std::time::Instant;

const LETTRES: &[u8; 23] = b"ABCDEFGHJKLMNPRSTUVWXYZ";

const NATURES: &[(&str, &str)] = &[
    ("Ecole", "ECOLE DE NIVEAU ELEMENTAIRE"),
    ("Ecole", "ECOLE MATERNELLE"),
    ("Ecole", "ECOLE DE NIVEAU ELEMENTAIRE"),
    ("Ecole", "ECOLE MATERNELLE"),
    ("Ecole", "ECOLE DE NIVEAU ELEMENTAIRE"),
    ("Collège", "COLLEGE"),
    ("Lycée", "LYCEE PROFESSIONNEL"),
    ("Lycée", "LYCEE D ENSEIGNEMENT GENERAL ET TECHNOLOGIQUE"),
    ("Lycée", "LYCEE POLYVALENT"),
    (
        "Information et orientation",
        "CENTRE D'INFORMATION ET D'ORIENTATION",
    ),
];

/// Un fichier de `n` lignes au format publié : toutes les colonnes, remplies comme le vrai.
fn generer(n: usize, academies: &[(String, String)]) -> String {
    let colonnes: Vec<&str> = ENTETE_OFFICIEL.split(';').collect();
    let mut sortie = String::with_capacity(n * 600);
    sortie.push_str(ENTETE_OFFICIEL);
    sortie.push('\n');
    let mut valeurs = vec![String::new(); colonnes.len()];
    for i in 0..n {
        let numero = 100_000 + i as u32;
        let uai = format!("{numero:07}{}", LETTRES[(numero % 23) as usize] as char);
        let (code_ac, nom_ac) = &academies[i % academies.len()];
        let (type_, nature) = NATURES[i % NATURES.len()];
        let cp = format!("{:05}", 1000 + (i * 7) % 95_000);
        for (v, c) in valeurs.iter_mut().zip(&colonnes) {
            *v = match *c {
                "identifiant_de_l_etablissement" => uai.clone(),
                "nom_etablissement" => format!("{nature} n° {i}"),
                "type_etablissement" => type_.into(),
                "statut_public_prive" => if i % 5 == 0 { "Privé" } else { "Public" }.into(),
                "adresse_1" => format!("{} rue de la République", 1 + i % 200),
                "adresse_3" => format!("{cp} COMMUNE {}", i % 3000),
                "code_postal" | "code_commune" => cp.clone(),
                "nom_commune" => format!("Commune {}", i % 3000),
                "code_academie" => code_ac.clone(),
                "libelle_academie" => nom_ac.clone(),
                "telephone" => {
                    format!("01 {:02} {:02} {:02} {:02}", i % 100, (i / 7) % 100, 45, 67)
                }
                "mail" => format!("ce.{}@ac-exemple.fr", uai.to_lowercase()),
                "etat" => if i % 97 == 0 { "FERME" } else { "OUVERT" }.into(),
                "libelle_nature" => nature.into(),
                "latitude" => "48.85".into(),
                "longitude" => "2.35".into(),
                "nombre_d_eleves" => format!("{}", 100 + i % 900),
                "date_ouverture" => "1965-09-01".into(),
                "date_maj_ligne" => "2026-11-30".into(),
                "ecole_maternelle" | "ecole_elementaire" | "restauration" => "1".into(),
                _ => String::new(),
            };
        }
        sortie.push_str(&valeurs.join(";"));
        sortie.push('\n');
    }
    sortie
}

fn secondes(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(66_000);
    let dossier = std::env::temp_dir().join(format!(
        "passerelle-bench-annuaire-education-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dossier).unwrap();
    let b = base::ouvrir(&dossier.join("bench.sqlite")).unwrap();
    let c = &b.conn;
    let academies: Vec<(String, String)> = academies::lister(c)
        .unwrap()
        .into_iter()
        .map(|a| (a.code, a.nom))
        .collect();
    let fichier = generer(n, &academies);
    println!(
        "Fichier généré : {n} lignes, {} colonnes, {:.1} Mo",
        ENTETE_OFFICIEL.split(';').count(),
        fichier.len() as f64 / 1e6
    );

    let t = Instant::now();
    let r = annuaire_education::importer(c, fichier.as_bytes(), None, false, &Suivi::default())
        .unwrap();
    println!(
        "{:<52} {:>7.2} s   (objectif ≤ 3 s) — {} créés",
        format!("Import de {n} lignes dans une base vide"),
        secondes(t),
        r.crees
    );
    let t = Instant::now();
    let r = annuaire_education::importer(c, fichier.as_bytes(), None, false, &Suivi::default())
        .unwrap();
    println!(
        "{:<52} {:>7.2} s   — {} inchangés, {} mis à jour",
        "Réimport du même fichier",
        secondes(t),
        r.inchanges,
        r.mis_a_jour
    );
    let t = Instant::now();
    let r = annuaire_education::importer(
        c,
        fichier.as_bytes(),
        Some("Lille"),
        true,
        &Suivi::default(),
    )
    .unwrap();
    println!(
        "{:<52} {:>7.2} s   — {} lignes d'une autre académie",
        "Contrôle (essai) pour l'académie de Lille",
        secondes(t),
        r.hors_academie
    );
    drop(b);
    let _ = std::fs::remove_dir_all(&dossier);
}
