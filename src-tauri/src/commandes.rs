//! Les commandes appelées par l'interface : chacune une ligne au-dessus du cœur.

use crate::app::Etat;
use crate::erreur::ErreurApp;
use crate::fichiers;
use passerelle_core::annuaire::References;
use passerelle_core::rapport::Document;
use passerelle_core::{base, parametres, sauvegardes};
use serde::Serialize;
use tauri::{AppHandle, Manager, State};

/// Produit un document comme un long travail (sa propre connexion à la base, annulable), puis
/// demande où l'enregistrer ; rend le numéro du travail, dont le résultat est le fichier
/// enregistré (`None` si l'utilisateur a annulé le dialogue).
pub async fn enregistrer(
    app: AppHandle,
    produire: impl FnOnce(&passerelle_core::Connection) -> passerelle_core::Resultat<Document>
        + Send
        + 'static,
) -> R<u64> {
    let etat = app.state::<Etat>();
    let app = app.clone();
    Ok(etat.lancer_travail(move |c, suivi| {
        suivi.fixer_total(2);
        let doc = produire(c)?;
        // Annulé pendant la préparation : le dialogue ne s'ouvre pas, rien n'est écrit.
        suivi.avancer(1)?;
        fichiers::enregistrer(&app, &app.state::<Etat>(), doc, suivi)
    }))
}

pub mod annuaire;
pub mod bases_et_fichiers;
pub mod cet;
pub mod clee;
pub mod consolidation;
pub mod conventions;
pub mod copies;
pub mod donnees_personnelles;
pub mod ipe;
pub mod journal;
pub mod reunions;
pub mod travaux;

pub type R<T> = Result<T, ErreurApp>;

#[derive(Serialize)]
pub struct InfosBase {
    chemin: String,
    version_schema: Option<i64>,
    version_programme: &'static str,
    erreur: Option<String>,
    accueil_requis: bool,
    /// Date de la sauvegarde la plus récente (« 2026-12-02T14:05 »), pour la barre d'état.
    derniere_sauvegarde: Option<String>,
}

/// Barre d'état, page Paramètres et choix du premier démarrage.
#[tauri::command(async)]
pub fn infos_base(etat: State<Etat>) -> InfosBase {
    let lu = etat.avec(|c| Ok((base::version(c)?, parametres::accueil_requis(c)?)));
    InfosBase {
        chemin: etat.chemin().display().to_string(),
        version_schema: lu.as_ref().ok().map(|l| l.0),
        version_programme: passerelle_core::VERSION,
        accueil_requis: lu.as_ref().map(|l| l.1).unwrap_or(false),
        erreur: lu.err().map(|e| e.to_string()),
        derniere_sauvegarde: sauvegardes::derniere(&etat.chemin())
            .map(|q| q.format("%Y-%m-%dT%H:%M").to_string()),
    }
}

#[tauri::command(async)]
pub fn choisir_accueil(etat: State<Etat>, demonstration: bool) -> R<()> {
    etat.avec(|c| parametres::choisir_accueil(c, demonstration))
}

#[tauri::command(async)]
pub fn references(etat: State<Etat>) -> R<References> {
    etat.avec(passerelle_core::annuaire::references)
}
