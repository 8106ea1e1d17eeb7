//! Sauvegarder, lister, restaurer puis défaire la restauration ; un fichier qui n'est pas une
//! sauvegarde de Passerelle est refusé sans rien changer.

use super::outils::*;
use crate::common::compter_dans;

#[test]
fn sauvegarder_lister_restaurer_puis_defaire() {
    let (d, db) = dossier_et_base_demo();
    let conventions = compter_dans(&db, "convention");
    let cet = compter_dans(&db, "cet");
    assert!(conventions > 0 && cet > 0);

    let o = reussir(&["sauvegarder", "--db", p(&db)]);
    let copie = std::path::PathBuf::from(texte(&o.stdout).trim());
    assert!(copie.starts_with(d.path().join("sauvegardes")));
    assert!(
        copie.to_string_lossy().ends_with(" (manuelle).sqlite"),
        "{}",
        copie.display()
    );
    assert_eq!(compter_dans(&copie, "convention"), conventions);

    // Des CET effacés par erreur…
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM cet;")
        .unwrap();
    assert_eq!(compter_dans(&db, "cet"), 0);
    let o = passerelle(&["sauvegardes", "--db", p(&db)]);
    let liste = texte(&o.stdout);
    assert!(
        liste.contains("manuelle") && liste.contains(&format!("{cet} CET")),
        "{liste}"
    );

    // … reviennent avec la sauvegarde ; l'état d'avant la restauration est gardé.
    let o = reussir(&["restaurer", "--db", p(&db), "--depuis", p(&copie)]);
    assert_eq!(compter_dans(&db, "cet"), cet);
    let sortie = texte(&o.stdout);
    let avant = sortie
        .lines()
        .find_map(|l| l.strip_prefix("L'état précédent est sauvegardé dans "))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| panic!("{sortie}"));
    assert_eq!(compter_dans(&avant, "cet"), 0);
    assert_eq!(
        passerelle(&["verifier", "--db", p(&db)]).status.code(),
        Some(0)
    );

    // La restauration se défait en restaurant l'état d'avant.
    reussir(&["restaurer", "--db", p(&db), "--depuis", p(&avant)]);
    assert_eq!(compter_dans(&db, "cet"), 0);
    assert_eq!(compter_dans(&db, "convention"), conventions);
}

#[test]
fn restaurer_refuse_ce_qui_n_est_pas_une_sauvegarde_sans_rien_changer() {
    let (d, db) = dossier_et_base_demo();
    let notes = d.path().join("notes.sqlite");
    std::fs::write(&notes, "pas une base").unwrap();
    let etrangere = d.path().join("autre.sqlite");
    rusqlite::Connection::open(&etrangere)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    for (faux, attendu) in [
        (&notes, "n'est pas une base SQLite"),
        (&etrangere, "n'a pas été créée par Passerelle"),
        (&db, "depuis elle-même"),
    ] {
        let avant = std::fs::read(&db).unwrap();
        let o = passerelle(&["restaurer", "--db", p(&db), "--depuis", p(faux)]);
        assert_eq!(o.status.code(), Some(2), "{}", faux.display());
        let err = crate::common::sans_nbsp(&texte(&o.stderr));
        assert!(err.contains(attendu), "{err}");
        assert_eq!(std::fs::read(&db).unwrap(), avant, "{}", faux.display());
    }
    // Rien n'a été sauvegardé non plus : le refus vient avant toute écriture.
    assert!(!d.path().join("sauvegardes").exists());
    let err = refuser(&["restaurer", "--db", p(&db)]);
    assert!(err.contains("--depuis SAUVEGARDE"));
}
