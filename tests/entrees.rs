//! Fichiers entrants hostiles ou inattendus : formules neutralisées à l'export et rendues à
//! l'import, encodages décidés par fichier, limites de taille, classeurs creux ou abîmés.

mod common;

#[path = "entrees/classeurs.rs"]
mod classeurs;
#[path = "entrees/decodage.rs"]
mod decodage;
#[path = "entrees/injection.rs"]
mod injection;
#[path = "entrees/limites.rs"]
mod limites;

/// Un fichier du corpus hostile.
pub(crate) fn hostile(nom: &str) -> Vec<u8> {
    let chemin = format!(
        "{}/../../tests/fixtures/hostile/{nom}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&chemin).unwrap_or_else(|e| panic!("{chemin} : {e}"))
}
