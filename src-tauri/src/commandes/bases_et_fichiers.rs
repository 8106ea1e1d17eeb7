//! Bases (nouvelle, ouverte, copie) et fichiers enregistrés ou choisis pendant la séance, ces
//! derniers désignés par leur rang : la page ne nomme jamais un chemin.

use super::R;
use crate::app::Etat;
use crate::bases;
use crate::dialogues::{self, Demande, Mode};
use crate::fichiers::{self, a_part, Enregistre};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, State};

/// Ouvre un fichier enregistré avec l'application du système.
#[tauri::command(async)]
pub fn ouvrir_fichier(etat: State<Etat>, rang: usize) -> R<()> {
    fichiers::ouvrir_avec_le_systeme(&etat.fichier(rang)?)
}

/// Montre un fichier enregistré dans son dossier.
#[tauri::command(async)]
pub fn montrer_fichier(etat: State<Etat>, rang: usize) -> R<()> {
    fichiers::montrer_dans_le_dossier(&etat.fichier(rang)?)
}

/// Crée une base vide et l'ouvre (la page se recharge ensuite sur elle) ; `false` si annulé.
#[tauri::command]
pub async fn creer_base(app: AppHandle) -> R<bool> {
    a_part(app, |app, _| bases::nouvelle(app)).await
}

/// Ouvre une autre base (la page se recharge ensuite sur elle) ; `false` si annulé.
#[tauri::command]
pub async fn ouvrir_base(app: AppHandle) -> R<bool> {
    a_part(app, |app, _| bases::ouvrir(app)).await
}

/// Enregistre une copie cohérente de la base ouverte.
#[tauri::command]
pub async fn copier_base(app: AppHandle) -> R<Option<Enregistre>> {
    a_part(app, |app, _| bases::copier(app)).await
}

/// Un fichier choisi pour un import : la page le désigne par son rang.
#[derive(Serialize)]
pub struct FichierChoisi {
    rang: usize,
    nom: String,
    taille: u64,
}

impl FichierChoisi {
    /// Retient le fichier pour la page (qui ne le désignera que par son rang).
    pub fn retenu(etat: &Etat, chemin: PathBuf) -> FichierChoisi {
        FichierChoisi {
            nom: fichiers::nom_affiche(&chemin),
            taille: std::fs::metadata(&chemin).map(|m| m.len()).unwrap_or(0),
            rang: etat.retenir_fichier(chemin),
        }
    }
}

/// Le dialogue « Ouvrir » pour un import : `genre` « csv » ou « tableur » (CSV, .xlsx, .ods) ;
/// `None` si l'utilisateur a annulé.
#[tauri::command]
pub async fn choisir_fichier(app: AppHandle, genre: String) -> R<Option<FichierChoisi>> {
    a_part(app, move |app, etat| {
        let filtres: &[(&str, &[&str])] = if genre == "tableur" {
            &[(
                "Tableau (CSV, Excel, OpenDocument)",
                &["csv", "txt", "xlsx", "ods"],
            )]
        } else {
            &[("Fichier CSV", &["csv", "txt"])]
        };
        let demande = Demande {
            titre: "Choisir le fichier à importer",
            mode: Mode::Ouvrir,
            nom: None,
            filtres,
            dossier: fichiers::dossier_propose(app, "import"),
        };
        let Some(chemin) = dialogues::choisir(app, &demande) else {
            return Ok(None);
        };
        fichiers::modifier_preferences(app, |p| p.retenir_dossier("import", &chemin));
        Ok(Some(FichierChoisi::retenu(etat, chemin)))
    })
    .await
}
