//! Consolidation : 30 paquets de 10 000 actions IPE chacun (30 sources) fusionnés dans une base
//! vide, puis réimportés sans changement, puis un paquet corrigé (100 actions) réimporté.
//! `cargo run --release -p passerelle-core --bin bench-consolidation [-- PAQUETS ACTIONS]`.
//! Objectifs du ticket : fusion ≤ 2 s, réimport des 30 paquets inchangés ≤ 1 s.

mod commun;
use passerelle_core::consolidation::{self, DemandeExport, Identite, Perimetre};
use passerelle_core::dates::Periode;
use passerelle_core::{base, Connection};
use std::path::{Path, PathBuf};
use std::time::Instant;

fn argument(n: usize, defaut: usize) -> usize {
    std::env::args()
        .nth(n)
        .and_then(|a| a.parse().ok())
        .unwrap_or(defaut)
}

/// Une base source : un IPE et `actions` actions de 2007, chacune liée à l'IPE.
fn source(i: usize, actions: usize) -> Connection {
    let c = base::en_memoire().unwrap();
    let academie: String = c
        .query_row(
            "SELECT code FROM academie ORDER BY id LIMIT 1 OFFSET ?1 % (SELECT count(*) FROM academie)",
            [i as i64],
            |r| r.get(0),
        )
        .unwrap();
    let nom = format!("IPE {i}");
    consolidation::nommer(
        &c,
        &Identite {
            uid: String::new(),
            nom,
            academie,
        },
    )
    .unwrap();
    c.execute_batch(&format!(
        "BEGIN;
         INSERT INTO organisation (type, nom) VALUES ('entreprise', 'Entreprise {i}');
         INSERT INTO personne (civilite, nom, prenom, organisation_id, email)
             VALUES ('M.', 'INGENIEUR{i}', 'Camille', 1, 'ipe{i}@exemple.fr');
         INSERT INTO ipe (personne_id, entreprise_id, academie_id)
             VALUES (1, 1, (SELECT academie_id FROM base_identite));
         WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < {actions})
         INSERT INTO action_ipe (date, academie_id, theme_id, intitule, jeunes_filles, jeunes_garcons, recherche)
             SELECT printf('2007-%02d-%02d', 1 + k % 12, 1 + k % 28), (SELECT academie_id FROM base_identite),
                    1 + k % 14, 'Action ' || k || ' de la source {i}', k % 120, k % 117, 'action ' || k FROM n;
         INSERT INTO action_ipe_intervenant (action_id, ipe_id) SELECT id, 1 FROM action_ipe;
         COMMIT;"
    ))
    .unwrap();
    c
}

fn exporter(c: &Connection, dossier: &Path, i: usize) -> PathBuf {
    let demande = DemandeExport {
        perimetre: Perimetre::Ipe,
        periode: Periode::Civile(2007),
        academie: String::new(),
    };
    let doc = consolidation::document_paquet(c, &demande).unwrap();
    let chemin = dossier.join(format!("paquet-{i:02}.passerelle"));
    std::fs::write(&chemin, &doc.octets).unwrap();
    chemin
}

fn mesurer(libelle: &str, c: &Connection, paquets: &[PathBuf]) {
    let t = Instant::now();
    let r = consolidation::importer(
        c,
        paquets,
        false,
        &passerelle_core::travail::Suivi::default(),
    )
    .unwrap();
    let ms = t.elapsed().as_secs_f64() * 1e3;
    let refuses: Vec<_> = r.iter().filter_map(|r| r.erreur.clone()).collect();
    assert!(refuses.is_empty(), "{refuses:?}");
    let somme = |f: fn(&consolidation::CompteRendu) -> usize| -> usize {
        r.iter()
            .filter_map(|r| r.compte_rendu.as_ref())
            .map(f)
            .sum()
    };
    println!(
        "{libelle:<58} {ms:>9.1} ms  (nouvelles {}, remplacées {}, inchangées {}, déjà reçus {})",
        somme(|c| c.nouvelles),
        somme(|c| c.remplacees),
        somme(|c| c.inchangees),
        somme(|c| c.deja_recu as usize)
    );
}

/// Le plancher : les mêmes lignes (fiches, liaisons, contributions) copiées par SQLite seul,
/// `INSERT … SELECT` d'une base à l'autre dans une transaction, sans rien lire ni comparer :
/// ce que coûte l'écriture seule, avec les index et les contrôles de la base.
fn plancher(dossier: &Path) {
    let b = base::ouvrir(&dossier.join("plancher.sqlite")).unwrap();
    let c = &b.conn;
    let national = dossier.join("national.sqlite");
    c.execute("ATTACH DATABASE ?1 AS n", [national.to_string_lossy()])
        .unwrap();
    c.execute_batch(
        "INSERT INTO organisation SELECT * FROM n.organisation;
         INSERT INTO personne SELECT * FROM n.personne;
         INSERT INTO ipe SELECT * FROM n.ipe;
         INSERT INTO consolidation_source SELECT * FROM n.consolidation_source;",
    )
    .unwrap();
    let duree = commun::plancher(
        c,
        "INSERT INTO action_ipe SELECT * FROM n.action_ipe;
         INSERT INTO action_ipe_intervenant SELECT * FROM n.action_ipe_intervenant;
         INSERT INTO consolidation_fiche SELECT * FROM n.consolidation_fiche;",
    );
    println!(
        "{:<58} {duree:>9.1} ms",
        "Plancher : les mêmes lignes copiées par SQLite seul"
    );
}

fn main() {
    let (n_paquets, n_actions) = (argument(1, 30), argument(2, 10_000));
    let dossier = std::env::temp_dir().join(format!(
        "passerelle-bench-consolidation-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dossier).unwrap();
    let t = Instant::now();
    let mut sources = Vec::new();
    let mut paquets = Vec::new();
    for i in 0..n_paquets {
        let c = source(i, n_actions);
        paquets.push(exporter(&c, &dossier, i));
        sources.push(c);
    }
    let taille: u64 = paquets
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum();
    println!(
        "Jeu : {n_paquets} sources × {n_actions} actions, paquets exportés en {:.1} s ({:.1} Mo)",
        t.elapsed().as_secs_f64(),
        taille as f64 / 1e6
    );
    let cible = base::ouvrir(&dossier.join("national.sqlite")).unwrap();
    let c = &cible.conn;
    consolidation::nommer(
        c,
        &Identite {
            uid: String::new(),
            nom: "National".into(),
            academie: String::new(),
        },
    )
    .unwrap();
    mesurer(
        &format!("Fusion de {n_paquets} paquets dans une base vide"),
        c,
        &paquets,
    );
    mesurer(
        &format!("Réimport des {n_paquets} paquets inchangés"),
        c,
        &paquets,
    );
    // Une source corrige 100 actions et exporte de nouveau (une seconde plus tard).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    sources[0]
        .execute_batch("UPDATE action_ipe SET jeunes_filles = jeunes_filles + 1 WHERE id <= 100")
        .unwrap();
    let corrige = exporter(&sources[0], &dossier, 99);
    mesurer("Un paquet corrigé (100 actions modifiées)", c, &[corrige]);
    let actions: i64 = c
        .query_row("SELECT count(*) FROM action_ipe", [], |r| r.get(0))
        .unwrap();
    println!("Actions dans la base consolidée : {actions}");
    drop(cible);
    plancher(&dossier);
    let _ = std::fs::remove_dir_all(&dossier);
}
