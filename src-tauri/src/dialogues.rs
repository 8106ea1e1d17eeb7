//! Les dialogues « Enregistrer sous » et « Ouvrir » du système. Tout choix de fichier passe par
//! `choisir` : c'est le seul endroit qu'un test de bout en bout remplace (WebDriver ne pilote
//! pas un dialogue natif).

use std::path::PathBuf;
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

/// Ce qu'on demande à l'utilisateur.
pub struct Demande<'a> {
    pub titre: &'a str,
    pub mode: Mode,
    /// Nom proposé (enregistrement seulement).
    pub nom: Option<&'a str>,
    /// (libellé, extensions) ; vide : tous les fichiers.
    pub filtres: &'a [(&'a str, &'a [&'a str])],
    pub dossier: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    Enregistrer,
    Ouvrir,
    /// Plusieurs fichiers d'un coup : voir `choisir_plusieurs`.
    OuvrirPlusieurs,
    Dossier,
}

/// Le chemin choisi, ou `None` si l'utilisateur a annulé. À appeler hors du fil principal :
/// le dialogue s'ouvre sur le fil principal et l'appel attend la réponse.
pub fn choisir(app: &AppHandle, d: &Demande) -> Option<PathBuf> {
    choisir_plusieurs(app, d).into_iter().next()
}

/// Les fichiers choisis (plusieurs en mode `OuvrirPlusieurs`) ; vide si l'utilisateur a annulé.
pub fn choisir_plusieurs(app: &AppHandle, d: &Demande) -> Vec<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(reponse) = reponse_de_test(d) {
        return reponse;
    }
    let mut f = app.dialog().file().set_title(d.titre);
    if let Some(fenetre) = app.get_webview_window("principale") {
        f = f.set_parent(&fenetre);
    }
    for (libelle, extensions) in d.filtres {
        f = f.add_filter(*libelle, extensions);
    }
    if let Some(dossier) = d.dossier.as_ref().filter(|p| p.is_dir()) {
        f = f.set_directory(dossier);
    }
    if let Some(nom) = d.nom {
        f = f.set_file_name(nom);
    }
    // GTK demande lui-même confirmation avant de remplacer un fichier existant.
    let choisis = match d.mode {
        Mode::Enregistrer => f.blocking_save_file().into_iter().collect(),
        Mode::Ouvrir => f.blocking_pick_file().into_iter().collect(),
        Mode::OuvrirPlusieurs => f.blocking_pick_files().unwrap_or_default(),
        Mode::Dossier => f.blocking_pick_folder().into_iter().collect(),
    };
    choisis
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

/// Réponse d'un test (compilation de mise au point seulement ; la version publiée n'a pas ce
/// code) : la variable PASSERELLE_DIALOGUES désigne un fichier dont chaque ligne répond à un
/// dialogue, dans l'ordre : un chemin, un dossier (on y enregistre sous le nom proposé),
/// plusieurs chemins séparés par « | », ou « annuler ». Fichier absent ou épuisé : l'utilisateur
/// a annulé.
#[cfg(debug_assertions)]
fn reponse_de_test(d: &Demande) -> Option<Vec<PathBuf>> {
    let fichier = std::env::var_os("PASSERELLE_DIALOGUES")?;
    let texte = std::fs::read_to_string(&fichier).unwrap_or_default();
    let mut lignes = texte.lines();
    let reponse = lignes.next().unwrap_or("annuler").trim().to_string();
    let reste: Vec<&str> = lignes.collect();
    let _ = std::fs::write(&fichier, reste.join("\n"));
    if reponse == "annuler" || reponse.is_empty() {
        return Some(Vec::new());
    }
    let chemins = reponse.split('|').map(|c| PathBuf::from(c.trim()));
    Some(
        chemins
            .map(|chemin| match (d.mode, d.nom) {
                (Mode::Enregistrer, Some(nom)) if chemin.is_dir() => chemin.join(nom),
                _ => chemin,
            })
            .collect(),
    )
}
