//! Changer de base depuis la fenêtre (nouvelle, ouverte, récente) et en enregistrer une copie.
//! Le menu Fichier et la page Paramètres appellent les mêmes fonctions. Toutes les gardes de
//! l'ouverture s'appliquent : un fichier étranger, plus récent ou abîmé est refusé, intact, et
//! la base ouverte le reste.

use crate::app::{Etat, Ouverte};
use crate::dialogues::{self, Demande, Mode};
use crate::erreur::ErreurApp;
use crate::fichiers::{self, Enregistre};
use passerelle_core::base::{self, Base};
use passerelle_core::instance::Verrou;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager};

type R<T> = Result<T, ErreurApp>;

const FILTRE: &[(&str, &[&str])] = &[("Base Passerelle", &["sqlite", "db"])];

fn demander(app: &AppHandle, titre: &str, mode: Mode, nom: Option<&str>) -> Option<PathBuf> {
    dialogues::choisir(
        app,
        &Demande {
            titre,
            mode,
            nom,
            filtres: FILTRE,
            dossier: fichiers::dossier_propose(app, "base"),
        },
    )
}

/// Crée une base vide là où l'utilisateur le choisit et l'ouvre ; `false` s'il a annulé.
pub fn nouvelle(app: &AppHandle) -> R<bool> {
    let Some(chemin) = demander(
        app,
        "Nouvelle base",
        Mode::Enregistrer,
        Some("Passerelle.sqlite"),
    ) else {
        return Ok(false);
    };
    let chemin = fichiers::avec_extension(chemin, "sqlite")?;
    let verrou = prendre(app, &chemin)?;
    let b = base::nouvelle(&chemin)?;
    basculer(app, chemin, verrou, b);
    Ok(true)
}

/// Ouvre une base choisie dans le dialogue ; `false` si l'utilisateur a annulé.
pub fn ouvrir(app: &AppHandle) -> R<bool> {
    let Some(chemin) = demander(app, "Ouvrir une base", Mode::Ouvrir, None) else {
        return Ok(false);
    };
    ouvrir_chemin(app, chemin)?;
    Ok(true)
}

/// Ouvre une base des « Bases récentes ».
pub fn ouvrir_recente(app: &AppHandle, rang: usize) -> R<()> {
    let chemin = fichiers::preferences(app)
        .recentes
        .get(rang)
        .cloned()
        .ok_or(ErreurApp::FichierInconnu)?;
    ouvrir_chemin(app, chemin)
}

fn ouvrir_chemin(app: &AppHandle, chemin: PathBuf) -> R<()> {
    if !chemin.is_file() {
        return Err(passerelle_core::Erreur::Introuvable(format!(
            "La base « {} » n'existe pas (ou plus).",
            chemin.display()
        ))
        .into());
    }
    let verrou = prendre(app, &chemin)?;
    let b = base::ouvrir(&chemin)?;
    basculer(app, chemin, verrou, b);
    Ok(())
}

/// Une copie cohérente de la base ouverte, là où l'utilisateur le choisit.
pub fn copier(app: &AppHandle) -> R<Option<Enregistre>> {
    let etat = app.state::<Etat>();
    let actuelle = etat.chemin();
    let nom = format!(
        "{} copie {}.sqlite",
        actuelle
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Passerelle".into()),
        passerelle_core::dates::iso(passerelle_core::rapport::aujourdhui())
    );
    let Some(chemin) = demander(
        app,
        "Enregistrer une copie de la base",
        Mode::Enregistrer,
        Some(&nom),
    ) else {
        return Ok(None);
    };
    let chemin = fichiers::avec_extension(chemin, "sqlite")?;
    etat.avec(|c| base::copier_vers(c, &chemin))?;
    fichiers::modifier_preferences(app, |p| p.retenir_dossier("base", &chemin));
    Ok(Some(Enregistre::retenu(&etat, chemin, Vec::new())))
}

/// Le verrou de la base à ouvrir ; refusé si une autre fenêtre de Passerelle l'a déjà (elle
/// passe au premier plan) ou si c'est la base déjà ouverte ici.
fn prendre(app: &AppHandle, chemin: &Path) -> R<Verrou> {
    let refus = |m: String| ErreurApp::from(passerelle_core::Erreur::validation("db", m));
    if passerelle_core::fichiers::meme_fichier(chemin, &app.state::<Etat>().chemin()) {
        return Err(refus(format!(
            "La base «\u{a0}{}\u{a0}» est déjà celle de cette fenêtre.",
            chemin.display()
        )));
    }
    crate::app::verrouiller(chemin, &[]).map_err(refus)
}

/// Remplace la base ouverte et la retient parmi les récentes. La page se recharge ensuite
/// (elle-même après une commande ; le menu la recharge) : recharger pendant qu'une commande
/// attend sa réponse ferait renvoyer la commande par la page.
fn basculer(app: &AppHandle, chemin: PathBuf, verrou: Verrou, b: Base) {
    crate::sauvegarde_auto::a_l_ouverture(&b);
    app.state::<Etat>().remplacer(Ouverte {
        chemin: chemin.clone(),
        base: Ok(b),
        verrou: Some(verrou),
    });
    retenir_recente(app, &chemin);
    fichiers::modifier_preferences(app, |p| p.retenir_dossier("base", &chemin));
    crate::menu::actualiser(app);
}

/// Recharge la page sur la base ouverte (après une action du menu).
pub fn recharger(app: &AppHandle) {
    if let Some(fenetre) = app.get_webview_window("principale") {
        let _ = fenetre.reload();
    }
}

/// Met la base en tête des bases récentes (chemin absolu).
pub fn retenir_recente(app: &AppHandle, chemin: &Path) {
    let absolu = std::path::absolute(chemin).unwrap_or_else(|_| chemin.to_path_buf());
    fichiers::modifier_preferences(app, |p| p.ajouter_recente(&absolu));
}
