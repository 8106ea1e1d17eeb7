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
