//! Version, démonstration, bases refusées, mauvais usage.

use super::outils::*;

#[test]
fn version() {
    let o = passerelle(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(texte(&o.stdout).starts_with(&format!("passerelle {}", env!("CARGO_PKG_VERSION"))));
}

#[test]
fn demo_puis_verifier() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("demo.sqlite");
    let o = reussir(&["demo", "--db", p(&db)]);
    let sortie = texte(&o.stdout);
    assert!(sortie.contains("Base de démonstration créée"), "{sortie}");
    assert!(sortie.contains("établissements"));

    let o = reussir(&["verifier", "--db", p(&db)]);
    let sortie = texte(&o.stdout);
    assert!(
        sortie.contains(&format!(
            "Version du schéma : {}",
            passerelle_core::base::VERSION_SCHEMA
        )),
        "{sortie}"
    );
    assert!(sortie.contains("aucun problème"));

    // La démonstration ne touche jamais un fichier non vide.
    let avant = std::fs::read(&db).unwrap();
    let err = refuser(&["demo", "--db", p(&db)]);
    assert!(err.contains("existe déjà"));
    assert_eq!(std::fs::read(&db).unwrap(), avant);
}

#[test]
fn fichier_etranger_code_2_message_francais_fichier_intact() {
    let d = tempfile::tempdir().unwrap();
    let faux = d.path().join("tableur.sqlite");
    let contenu = b"nom;prenom\nDUPONT;Anne\n".repeat(100);
    std::fs::write(&faux, &contenu).unwrap();
    let err = refuser(&["verifier", "--db", p(&faux)]);
    assert!(err.contains("n'est pas une base SQLite"), "{}", err);
    assert_eq!(std::fs::read(&faux).unwrap(), contenu);
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn verifier_fichier_absent() {
    let d = tempfile::tempdir().unwrap();
    let err = refuser(&["verifier", "--db", p(&d.path().join("absent.sqlite"))]);
    assert!(err.contains("n'existe pas"));
    assert!(!d.path().join("absent.sqlite").exists());
}

#[test]
fn mauvais_usage_code_2_avec_aide() {
    for args in [
        &["exporter"][..],
        &["--inconnue"],
        &["demo", "--db"],
        &["demo"],
    ] {
        let o = passerelle(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            texte(&o.stderr).starts_with("passerelle : "),
            "{args:?} : {}",
            texte(&o.stderr)
        );
    }
    let o = passerelle(&["aide"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(texte(&o.stdout).contains("passerelle demo --db FICHIER"));
}

/// Un argument qui n'est pas en UTF-8 : un message en français et le code 2, jamais de panique ;
/// un chemin de fichier, lui, peut ne pas en être.
#[cfg(unix)]
#[test]
fn arguments_hors_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let absent = d
        .path()
        .join(OsStr::from_bytes(b"absente-\xe9t\xe9.sqlite"));
    let err = refuser(&[
        OsStr::new("bilan"),
        OsStr::new("clee"),
        OsStr::new("--academie"),
        OsStr::from_bytes(b"Cr\xe9teil"),
    ]);
    assert!(
        err.starts_with("passerelle : ") && err.contains("UTF-8"),
        "{err}"
    );
    let err = refuser(&[
        OsStr::new("verifier"),
        OsStr::new("--db"),
        absent.as_os_str(),
    ]);
    assert!(err.contains("n'existe pas"), "{}", err);
}
