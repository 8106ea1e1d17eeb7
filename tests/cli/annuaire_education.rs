//! `passerelle import annuaire-education` sur les extraits de l'annuaire officiel
//! (tests/fixtures/annuaire-education) : les deux formes d'en-tête, une académie ou toutes,
//! l'essai, la sauvegarde prise avant, la ligne au code UAI faux signalée.

use super::outils::*;
use crate::common::{compter_dans, sans_nbsp};

fn fixture(nom: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/annuaire-education")
        .join(nom)
}

fn nouvelle(d: &Path) -> std::path::PathBuf {
    let db = d.join("annuaire.sqlite");
    reussir(&["nouvelle", "--db", p(&db)]);
    db
}

fn importer(db: &Path, args: &[&str]) -> (i32, String) {
    let mut tous = vec!["import", "annuaire-education", "--db", p(db)];
    tous.extend_from_slice(args);
    let o = passerelle(&tous);
    let sortie = sans_nbsp(&format!("{}{}", texte(&o.stdout), texte(&o.stderr)));
    (o.status.code().unwrap_or(-1), sortie)
}

#[test]
fn import_des_deux_formes_puis_reimport_sans_changement() {
    let d = tempfile::tempdir().unwrap();
    let db = nouvelle(d.path());
    let champs = fixture("annuaire-champs.csv");
    let (code, sortie) = importer(&db, &[p(&champs)]);
    assert_eq!(code, 0, "{sortie}");
    assert!(
        sortie.starts_with("Annuaire de l'éducation (toutes les académies) : 26 lignes lues — CSV UTF-8, séparateur « ; »."),
        "{sortie}"
    );
    assert!(
        sortie.contains(
            "créés : 24 ; mis à jour : 0 ; inchangés : 0 ; fermés depuis le dernier import : 0"
        ),
        "{sortie}"
    );
    assert!(sortie.contains("Non importées : 1 ligne"), "{sortie}");
    assert!(
        sortie.contains("Ligne 9 : La lettre clé du code UAI « 0590008B » est fausse"),
        "{sortie}"
    );
    assert!(
        sortie.contains("« Polynésie Française » inconnue"),
        "{sortie}"
    );
    assert_eq!(compter_dans(&db, "etablissement"), 24);
    // La sauvegarde d'avant l'import est à côté de la base.
    let avant: Vec<String> = std::fs::read_dir(d.path().join("sauvegardes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("avant import"))
        .collect();
    assert_eq!(avant.len(), 1, "{avant:?}");

    let (code, sortie) = importer(&db, &[p(&fixture("annuaire-libelles.csv"))]);
    assert_eq!(code, 0, "{sortie}");
    assert!(
        sortie.contains("créés : 0 ; mis à jour : 0 ; inchangés : 24"),
        "{sortie}"
    );
    assert_eq!(compter_dans(&db, "etablissement"), 24);
}

#[test]
fn une_academie_en_essai_puis_pour_de_bon() {
    let d = tempfile::tempdir().unwrap();
    let db = nouvelle(d.path());
    let champs = fixture("annuaire-champs.csv");
    let (code, sortie) = importer(&db, &[p(&champs), "--academie", "Lille", "--essai"]);
    assert_eq!(code, 0, "{sortie}");
    assert!(sortie.contains("(académie de Lille)"), "{sortie}");
    assert!(sortie.contains("créés : 19"), "{sortie}");
    assert!(
        sortie.contains("hors de l'académie choisie : 6 lignes"),
        "{sortie}"
    );
    assert!(
        sortie.contains("Essai : rien n'a été enregistré."),
        "{sortie}"
    );
    assert_eq!(compter_dans(&db, "etablissement"), 0);
    assert!(
        !d.path().join("sauvegardes").exists(),
        "pas de sauvegarde pour un essai"
    );

    let (code, sortie) = importer(&db, &[p(&champs), "--academie", "20"]);
    assert_eq!(code, 0, "{sortie}");
    assert!(sortie.contains("(académie d'Amiens)"), "{sortie}");
    assert!(sortie.contains("créés : 5"), "{sortie}");
    assert!(!sortie.contains("Non importées"), "{sortie}");
    assert_eq!(compter_dans(&db, "etablissement"), 5);
}

#[test]
fn fichier_qui_n_est_pas_l_annuaire_et_academie_inconnue() {
    let d = tempfile::tempdir().unwrap();
    let db = nouvelle(d.path());
    let autre = d.path().join("autre.csv");
    std::fs::write(&autre, "uai;nom\n0590001F;Lycée\n").unwrap();
    let (code, sortie) = importer(&db, &[p(&autre)]);
    assert_eq!(code, 2, "{sortie}");
    assert!(sortie.starts_with("passerelle : "), "{sortie}");
    assert!(
        sortie.contains("Colonnes absentes de l'en-tête : identifiant_de_l_etablissement, nom_etablissement, code_academie."),
        "{sortie}"
    );
    let (code, sortie) = importer(
        &db,
        &[
            p(&fixture("annuaire-champs.csv")),
            "--academie",
            "Atlantide",
        ],
    );
    assert_eq!(code, 2, "{sortie}");
    assert!(sortie.contains("« Atlantide »"), "{sortie}");
    assert_eq!(compter_dans(&db, "etablissement"), 0);
    // --academie n'a pas de sens pour les autres imports.
    refuser(&[
        "import",
        "cet",
        "--db",
        p(&db),
        p(&autre),
        "--academie",
        "09",
    ]);
}
