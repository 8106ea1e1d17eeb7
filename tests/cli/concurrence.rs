//! Une autre connexion écrit dans la base (la fenêtre, par exemple) : la ligne de commande attend
//! qu'elle ait fini, puis, au-delà de quelques secondes, dit en français que la base est occupée
//! et ne change rien.

use super::outils::*;
use std::sync::mpsc;
use std::time::Duration;

/// Tient l'écriture de la base pendant `duree` depuis un autre fil ; rend quand c'est fait.
fn ecrivain(db: &Path, duree: Duration) -> std::thread::JoinHandle<()> {
    let db = db.to_path_buf();
    let (pret, attendu) = mpsc::channel();
    let fil = std::thread::spawn(move || {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "BEGIN IMMEDIATE; UPDATE parametre SET valeur = valeur WHERE cle = 'accueil';",
        )
        .unwrap();
        pret.send(()).unwrap();
        std::thread::sleep(duree);
        c.execute_batch("COMMIT").unwrap();
    });
    attendu.recv().unwrap();
    fil
}

fn registre(d: &Path) -> std::path::PathBuf {
    let csv = d.join("ipe.csv");
    std::fs::write(
        &csv,
        "nom;prenom;entreprise;academie;debut_mission;fin_mission;quotite\n\
         Zébulon;Aïcha;Fonderies du Nord;Lille;01/09/2026;;100\n",
    )
    .unwrap();
    csv
}

fn ipe(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM ipe", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn un_import_attend_la_fin_d_une_autre_ecriture() {
    let (d, db) = dossier_et_base_demo();
    let csv = registre(d.path());
    let avant = ipe(&db);
    let fil = ecrivain(&db, Duration::from_millis(1500));
    let o = passerelle(&["import", "ipe", p(&csv), "--db", p(&db)]);
    fil.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    assert_eq!(ipe(&db), avant + 1);
}

#[test]
fn une_base_occupee_trop_longtemps_est_dite_et_rien_ne_change() {
    let (d, db) = dossier_et_base_demo();
    let csv = registre(d.path());
    let avant = ipe(&db);
    let fil = ecrivain(&db, Duration::from_secs(8));
    let o = passerelle(&["import", "ipe", p(&csv), "--db", p(&db)]);
    fil.join().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        texte(&o.stderr).contains("la base est occupée par une autre opération"),
        "{}",
        texte(&o.stderr)
    );
    assert_eq!(ipe(&db), avant);
}
