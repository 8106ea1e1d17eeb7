//! La ligne de commande du binaire `passerelle` : codes de sortie, messages français,
//! fichiers refusés laissés intacts. Aucun affichage n'est demandé.

use std::path::Path;
use std::process::{Command, Output};

fn passerelle(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(args)
        .env_remove("PASSERELLE_DB")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("lancement de passerelle")
}

fn texte(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn p(chemin: &Path) -> &str {
    chemin.to_str().unwrap()
}

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
    let o = passerelle(&["demo", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(sortie.contains("Base de démonstration créée"), "{sortie}");
    assert!(sortie.contains("établissements"));

    let o = passerelle(&["verifier", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    let sortie = texte(&o.stdout);
    assert!(sortie.contains(&format!("Version du schéma : {}", passerelle_core::base::VERSION_SCHEMA)), "{sortie}");
    assert!(sortie.contains("aucun problème"));

    // La démonstration ne touche jamais un fichier non vide.
    let avant = std::fs::read(&db).unwrap();
    let o = passerelle(&["demo", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("existe déjà"));
    assert_eq!(std::fs::read(&db).unwrap(), avant);
}

#[test]
fn fichier_etranger_code_2_message_francais_fichier_intact() {
    let d = tempfile::tempdir().unwrap();
    let faux = d.path().join("tableur.sqlite");
    let contenu = b"nom;prenom\nDUPONT;Anne\n".repeat(100);
    std::fs::write(&faux, &contenu).unwrap();
    for args in [vec!["verifier", "--db", p(&faux)]] {
        let o = passerelle(&args);
        assert_eq!(o.status.code(), Some(2));
        assert!(texte(&o.stderr).contains("n'est pas une base SQLite"), "{}", texte(&o.stderr));
    }
    assert_eq!(std::fs::read(&faux).unwrap(), contenu);
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn verifier_fichier_absent() {
    let d = tempfile::tempdir().unwrap();
    let o = passerelle(&["verifier", "--db", p(&d.path().join("absent.sqlite"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(texte(&o.stderr).contains("n'existe pas"));
    assert!(!d.path().join("absent.sqlite").exists());
}

#[test]
fn mauvais_usage_code_2_avec_aide() {
    for args in [&["exporter"][..], &["--inconnue"], &["demo", "--db"], &["demo"]] {
        let o = passerelle(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(texte(&o.stderr).starts_with("passerelle : "), "{args:?} : {}", texte(&o.stderr));
    }
    let o = passerelle(&["aide"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(texte(&o.stdout).contains("passerelle demo --db FICHIER"));
}
