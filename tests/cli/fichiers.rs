//! Nouvelle base vide, imports trop gros refusés avant lecture, documents écrits d'un coup.

use super::outils::*;
use crate::common::{compter_dans, sans_nbsp};

#[test]
fn nouvelle_base_vide_puis_verifiee() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("neuve.sqlite");
    let o = reussir(&["nouvelle", "--db", p(&db)]);
    assert_eq!(texte(&o.stdout).trim(), format!("Base créée : {}", p(&db)));
    let o = reussir(&["verifier", "--db", p(&db)]);
    assert!(texte(&o.stdout).contains("aucun problème"));
    assert_eq!(compter_dans(&db, "convention"), 0);
    assert_eq!(compter_dans(&db, "personne"), 0);
    let o = passerelle(&["aide"]);
    assert!(texte(&o.stdout).contains("passerelle nouvelle --db FICHIER"));
}

#[test]
fn nouvelle_refuse_un_fichier_rempli_et_n_y_touche_pas() {
    let (d, db) = dossier_et_base_demo();
    let avant = std::fs::read(&db).unwrap();
    let err = refuser(&["nouvelle", "--db", p(&db)]);
    assert!(
        err.starts_with("passerelle : ")
            && err.contains("existe déjà")
            && err.contains("nouveau nom"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), avant);
    // Un fichier qui n'est pas une base non plus.
    let notes = d.path().join("notes.txt");
    std::fs::write(&notes, "mes notes\n").unwrap();
    assert_eq!(
        passerelle(&["nouvelle", "--db", p(&notes)]).status.code(),
        Some(2)
    );
    assert_eq!(std::fs::read(&notes).unwrap(), b"mes notes\n");
    // Sans --db : usage.
    assert_eq!(passerelle(&["nouvelle"]).status.code(), Some(2));
}

#[test]
fn import_trop_gros_refuse_avant_lecture() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("p.sqlite");
    assert_eq!(
        passerelle(&["nouvelle", "--db", p(&db)]).status.code(),
        Some(0)
    );
    let gros = d.path().join("cet.csv");
    // Fichier creux : rien n'est écrit sur le disque.
    std::fs::File::create(&gros)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let err = refuser(&["import", "cet", p(&gros), "--db", p(&db)]);
    assert!(
        sans_nbsp(&err).contains(
            "« cet.csv » fait 300 Mo : Passerelle n'importe pas de fichier de plus de 200 Mo."
        ),
        "{}",
        err
    );
    assert_eq!(compter_dans(&db, "cet"), 0);
}

#[test]
fn document_ecrit_d_un_coup_sur_le_fichier_existant() {
    let (d, db) = dossier_et_base_demo();
    let sortie = d.path().join("bilan.csv");
    std::fs::write(&sortie, vec![b'x'; 100_000]).unwrap();
    reussir(&bilan_ipe_2007(
        &db,
        &["--format", "csv", "--sortie", p(&sortie)],
    ));
    let csv = std::fs::read_to_string(&sortie).unwrap();
    assert!(csv.contains("theme;libelle;actions;academies") && !csv.contains("xxx"));
    let noms: Vec<String> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("demo.sqlite"))
        .collect();
    assert_eq!(noms, ["bilan.csv"], "aucun fichier temporaire laissé");
}

/// `--sortie` ne peut écraser ni la base, ni ses fichiers de travail, ni une autre base (copie,
/// sauvegarde), ni un dossier : code 2, message en français, rien ne change.
#[test]
fn sortie_refusee_sur_la_base_ses_fichiers_de_travail_une_copie_ou_un_dossier() {
    let (d, db) = dossier_et_base_demo();
    let copie = d.path().join("copie.sqlite");
    std::fs::copy(&db, &copie).unwrap();
    let wal = d
        .path()
        .join(format!("{}-wal", db.file_name().unwrap().to_string_lossy()));
    let cas: [(&Path, &str); 4] = [
        (&db, "est la base ouverte"),
        (&wal, "est la base ouverte"),
        (&copie, "est une base de données"),
        (d.path(), "est un dossier"),
    ];
    for (sortie, attendu) in cas {
        let avant_base = std::fs::read(&db).unwrap();
        let avant_copie = std::fs::read(&copie).unwrap();
        let o = passerelle(&bilan_ipe_2007(&db, &["--sortie", p(sortie)]));
        assert_eq!(o.status.code(), Some(2), "{}", sortie.display());
        let err = sans_nbsp(&texte(&o.stderr));
        assert!(err.contains(attendu), "{}: {err}", sortie.display());
        assert_eq!(std::fs::read(&db).unwrap(), avant_base);
        assert_eq!(std::fs::read(&copie).unwrap(), avant_copie);
    }
    // Une sortie ordinaire reste possible, et la base est toujours saine.
    let pdf = d.path().join("bilan.pdf");
    reussir(&bilan_ipe_2007(&db, &["--sortie", p(&pdf)]));
    let o = passerelle(&["verifier", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0));
}
