//! La fenêtre répond-elle pendant un gros import ? Base de démonstration sur disque (WAL), import
//! de 100 000 CET (l'import le plus lourd par ligne : personne, organisations, CET, mandat) sur
//! une connexion de travail dans un autre fil ; pendant ce temps, toutes les 50 ms, ce que fait
//! la navigation (listes de référence, registre des CET, liste des conventions) sur la première
//! connexion. Affiche la durée de l'import et les latences de lecture p50 / p95 / max, et les
//! mêmes lectures sans import (avant, puis après sur la base grossie) pour comparer.
//! `cargo run --release -p passerelle-core --bin bench-travail [-- LIGNES]`.

use passerelle_core::cet::{import, registre};
use passerelle_core::conventions::fiches;
use passerelle_core::travail::Suivi;
use passerelle_core::{annuaire, base, demo, Connection};
use std::time::{Duration, Instant};

const PAS: Duration = Duration::from_millis(50);

/// Un fichier de `n` CET dans trois académies, employeurs et organisations en nombre limité.
fn fichier_cet(n: usize) -> String {
    let academies = ["Lille", "Lyon", "Bordeaux"];
    let secteurs = ["Métallurgie", "Bâtiment", "Chimie", "Commerce", "Transport"];
    let mut csv = String::from("civilite;nom;prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;academie;bassin;debut_mandat;fin_mandat\n");
    for i in 0..n {
        let annee = 2021 + i % 5;
        csv += &format!(
            "M.;TRAVAIL{i};Prénom{i};t{i}@exemple.fr;;Entreprise {};{};;Organisation {};{};;01/01/{annee};31/12/{}\n",
            i % 2000,
            secteurs[i % secteurs.len()],
            i % 60,
            academies[i % 3],
            annee + 4
        );
    }
    csv
}

/// Ce que fait la navigation d'un écran à l'autre ; rend sa durée en ms.
fn naviguer(c: &Connection) -> f64 {
    let t = Instant::now();
    annuaire::references(c).expect("références");
    registre::lister(c, &Default::default()).expect("registre des CET");
    fiches::lister(c, &Default::default()).expect("conventions");
    t.elapsed().as_secs_f64() * 1e3
}

/// « p50 … ms, p95 … ms, max … ms (n mesures) ».
fn resume(mut v: Vec<f64>) -> String {
    if v.is_empty() {
        return "aucune mesure".into();
    }
    v.sort_by(f64::total_cmp);
    let rang = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    format!(
        "p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({} mesures)",
        rang(0.5),
        rang(0.95),
        v[v.len() - 1],
        v.len()
    )
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let dossier =
        std::env::temp_dir().join(format!("passerelle-bench-travail-{}", std::process::id()));
    std::fs::create_dir_all(&dossier).expect("dossier temporaire");
    let chemin = dossier.join("bench.sqlite");
    let b = demo::creer_base(&chemin).expect("base de démonstration");
    let csv = fichier_cet(n);

    // Lectures sans import : la référence.
    let temoin: Vec<f64> = (0..40)
        .map(|_| {
            let ms = naviguer(&b.conn);
            std::thread::sleep(PAS);
            ms
        })
        .collect();

    let suivi = Suivi::default();
    let (duree, latences, resultat) = std::thread::scope(|fils| {
        let travail = fils.spawn(|| {
            let t = Instant::now();
            let c = base::connexion_de_travail(&chemin)?;
            let r = import::importer(&c, csv.as_bytes(), None, false, &suivi);
            r.map(|r| (r, t.elapsed()))
        });
        let mut latences = Vec::new();
        while !travail.is_finished() {
            latences.push(naviguer(&b.conn));
            std::thread::sleep(PAS);
        }
        let r = travail.join().expect("fil de l'import");
        let duree = r.as_ref().map(|(_, d)| *d).unwrap_or_default();
        (duree, latences, r.map(|(r, _)| r))
    });
    match resultat {
        Ok(r) => println!(
            "Import de {} CET ({} lignes, CSV {} Ko) sur la connexion de travail : {:.1} s",
            r.importees,
            r.lignes,
            csv.len() / 1024,
            duree.as_secs_f64()
        ),
        Err(e) => println!("Import en échec : {e}"),
    }
    let a = suivi.avancement();
    println!("Avancement final : {} / {}", a.fait, a.total);
    println!("Navigation sans import : {}", resume(temoin));
    println!("Navigation pendant l'import : {}", resume(latences));
    // La base a grossi de l'import : les listes longues coûtent davantage, import ou non.
    let apres: Vec<f64> = (0..20).map(|_| naviguer(&b.conn)).collect();
    println!("Navigation après l'import : {}", resume(apres));
    let _ = std::fs::remove_dir_all(&dossier);
}
