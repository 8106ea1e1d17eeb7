//! Ce que coûte `PRAGMA synchronous = FULL` par rapport à `NORMAL` (mode WAL) : un
//! enregistrement ordinaire (une personne créée, sa propre transaction) et un import de 20 000
//! actions IPE, sur une base de démonstration sur disque.
//! `cargo run --release -p passerelle-core --bin bench-durabilite`.

use passerelle_core::annuaire::personnes::{self, SaisiePersonne};
use passerelle_core::ipe::import;
use passerelle_core::travail::Suivi;
use passerelle_core::{base, demo};
use std::time::Instant;

fn actions(n: usize) -> String {
    let mut csv = String::from("date;ipe;academie;theme;intitule;etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;enseignants_hommes;entreprises;organisations_professionnelles\n");
    for i in 0..n {
        csv += &format!("20/11/2007;BERNARD Alain;Lille;tic;Visite {i};1;2;3;0;1;1;0\n");
    }
    csv
}

fn centile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn mesurer(mode: &str) {
    let d = std::env::temp_dir().join(format!("passerelle-bench-durabilite-{mode}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("dossier temporaire");
    let b = demo::creer_base(&d.join("b.sqlite")).expect("base de démonstration");
    b.conn
        .pragma_update(None, "synchronous", mode)
        .expect("synchronous");
    let mut durees = Vec::new();
    for i in 0..300 {
        let s = SaisiePersonne {
            civilite: "Mme".into(),
            nom: format!("DURABLE{i}"),
            prenom: "Claire".into(),
            ..Default::default()
        };
        let t = Instant::now();
        personnes::creer(&b.conn, &s).expect("personne");
        durees.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let csv = actions(20_000);
    let t = Instant::now();
    import::importer_actions(&b.conn, csv.as_bytes(), false, &Suivi::default()).expect("import");
    let import_s = t.elapsed().as_secs_f64();
    println!(
        "synchronous={mode:<6} enregistrement p50 {:.2} ms, p95 {:.2} ms ; import de 20 000 actions {import_s:.2} s",
        centile(&mut durees, 0.5),
        centile(&mut durees, 0.95)
    );
    drop(b);
    let _ = std::fs::remove_dir_all(&d);
}

fn main() {
    // La base à jour, comme l'ouvre Passerelle (WAL) : seul `synchronous` change.
    let _ = base::VERSION_SCHEMA;
    for mode in ["NORMAL", "FULL", "NORMAL", "FULL"] {
        mesurer(mode);
    }
}
