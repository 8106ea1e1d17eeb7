//! Lancer le binaire et lire ce qu'il écrit.

pub(crate) use std::path::Path;
pub(crate) use std::process::{Command, Output};

pub(crate) fn passerelle<A: AsRef<std::ffi::OsStr>>(args: &[A]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args(args)
        .env_remove("PASSERELLE_DB")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("lancement de passerelle")
}

pub(crate) fn texte(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

pub(crate) fn p(chemin: &Path) -> &str {
    chemin.to_str().unwrap()
}

pub(crate) fn base_demo(d: &Path) -> std::path::PathBuf {
    let db = d.join("demo.sqlite");
    let o = passerelle(&["demo", "--db", p(&db)]);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    db
}

/// Lance passerelle et attend la réussite (code 0) ; sinon l'erreur écrite est montrée.
pub(crate) fn reussir<A: AsRef<std::ffi::OsStr>>(args: &[A]) -> Output {
    let o = passerelle(args);
    assert_eq!(o.status.code(), Some(0), "{}", texte(&o.stderr));
    o
}

/// Chacun des `attendus` est dans le texte `t` d'un document (`quoi` : « du bilan »…).
pub(crate) fn contient_tous(t: &str, quoi: &str, attendus: &[&str]) {
    for attendu in attendus {
        assert!(t.contains(attendu), "« {attendu} » absent {quoi} :\n{t}");
    }
}

/// Lance passerelle et attend le refus d'une saisie (code 2) ; rend la sortie d'erreur.
pub(crate) fn refuser<A: AsRef<std::ffi::OsStr>>(args: &[A]) -> String {
    let o = passerelle(args);
    assert_eq!(o.status.code(), Some(2), "{}", texte(&o.stdout));
    texte(&o.stderr)
}

/// Un dossier temporaire et la base de démonstration créée dedans par la ligne de commande.
pub(crate) fn dossier_et_base_demo() -> (tempfile::TempDir, std::path::PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let db = base_demo(d.path());
    (d, db)
}

/// Les arguments de « bilan ipe --db BASE --annee 2007 », suivis de `autres`.
pub(crate) fn bilan_ipe_2007<'a>(db: &'a Path, autres: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["bilan", "ipe", "--db", p(db), "--annee", "2007"];
    a.extend_from_slice(autres);
    a
}

/// Le document d'une réunion (`commande` : « clee compte-rendu », « suivi releve »), écrit dans
/// `pdf` par la ligne de commande puis lu sur une seule ligne.
pub(crate) fn document_de_reunion(
    db: &Path,
    commande: [&str; 2],
    reunion: i64,
    pdf: &Path,
) -> String {
    let reunion = reunion.to_string();
    let [groupe, document] = commande;
    reussir(&[
        groupe,
        document,
        "--db",
        p(db),
        "--reunion",
        &reunion,
        "--sortie",
        p(pdf),
    ]);
    crate::common::pdf_en_ligne(pdf)
}
