//! Fichiers entrants hostiles ou inattendus : formules neutralisées à l'export et rendues à
//! l'import, encodages décidés par fichier, limites de taille, classeurs creux ou abîmés.

mod common;

#[path = "entrees/injection.rs"]
mod injection;
