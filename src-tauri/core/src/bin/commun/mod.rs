//! Ce que les programmes de mesure partagent (`mod commun;` dans chacun).

// Chaque banc n'en prend qu'une partie.
#![allow(dead_code)]

use passerelle_core::liste::{ParametresListe, Partie};
use std::time::{Duration, Instant};

/// Médiane et 95e centile de `repetitions` appels de `f` (qui reçoit le numéro de l'appel).
pub fn mesurer(nom: &str, repetitions: usize, mut f: impl FnMut(usize)) {
    let mut durees: Vec<Duration> = (0..repetitions)
        .map(|i| {
            let t = Instant::now();
            f(i);
            t.elapsed()
        })
        .collect();
    durees.sort();
    let med = durees[durees.len() / 2];
    let p95 = durees[(durees.len() * 95 / 100).min(durees.len() - 1)];
    println!(
        "{nom:<58} médiane {:>8.2} ms   p95 {:>8.2} ms",
        med.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
}

/// Une liste lue comme l'écran la lit : la page d'abord, puis le total à part si elle est pleine
/// (`Partie::Lignes`, `Partie::Total`) ; et les deux d'un coup (`Partie::Tout`, les autres
/// appelants). `frappes` : les saisies successives, une par mesure.
pub fn mesurer_liste(nom: &str, frappes: &[&str], mut lister: impl FnMut(ParametresListe)) {
    for (partie, quoi) in [
        (Partie::Lignes, "page"),
        (Partie::Total, "total à part"),
        (Partie::Tout, "page et total"),
    ] {
        mesurer(&format!("{nom} : {quoi}"), 32, |i| {
            lister(ParametresListe {
                recherche: frappes[i % frappes.len()].into(),
                partie,
                ..Default::default()
            })
        });
    }
}

/// `PASSERELLE_BENCH_COPIE=fichier` : garde une copie de la base générée, pour examiner les
/// plans de requête sans la refaire.
pub fn copier_si_demande(c: &rusqlite::Connection) {
    if let Ok(f) = std::env::var("PASSERELLE_BENCH_COPIE") {
        c.execute("VACUUM INTO ?1", [f]).unwrap();
    }
}

/// Générateur pseudo-aléatoire reproductible (pas de dépendance pour si peu).
pub struct Hasard(pub u64);
impl Hasard {
    pub fn suivant(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Millisecondes écoulées depuis `t`.
pub fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// Le plancher d'une écriture : `copie` (des `INSERT … SELECT` d'une base attachée) exécuté
/// par SQLite seul, dans une transaction, créations notées au journal d'une entrée par table
/// et index de recherche des actions reconstruit d'un coup, comme l'import et la fusion. Ce que
/// coûte l'écriture seule, avec les index et les contrôles de la base : rend sa durée en ms.
pub fn plancher(c: &rusqlite::Connection, copie: &str) -> f64 {
    let t = Instant::now();
    c.execute_batch("BEGIN").unwrap();
    passerelle_core::annuaire::recherche::en_masse(c, &["action_ipe"], || {
        passerelle_core::journal::creations_en_bloc(c, || Ok(c.execute_batch(copie)?))
    })
    .unwrap();
    c.execute_batch("COMMIT").unwrap();
    t.elapsed().as_secs_f64() * 1e3
}
