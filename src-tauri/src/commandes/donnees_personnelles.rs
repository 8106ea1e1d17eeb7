//! Données personnelles (RGPD) depuis l'annuaire : export des données d'une personne, anonymisation,
//! personnes sans activité à revoir.

use super::{enregistrer, R};
use crate::app::Etat;
use passerelle_core::annuaire::donnees_personnelles::{self as dp, PersonneInactive};
use tauri::{AppHandle, State};

/// Tout ce que la base garde de la personne, en JSON (`json`) ou en PDF, enregistré là où
/// l'utilisateur le choisit.
#[tauri::command]
pub async fn exporter_donnees_personne(app: AppHandle, id: i64, json: bool) -> R<u64> {
    enregistrer(app, move |c| dp::document_donnees_personne(c, id, json)).await
}

/// Anonymise la personne ; rend son ancien nom, pour le message.
#[tauri::command(async)]
pub fn anonymiser_personne(etat: State<Etat>, id: i64) -> R<String> {
    etat.avec(|c| dp::anonymiser(c, id))
}

#[tauri::command(async)]
pub fn personnes_inactives(etat: State<Etat>, annees: u32) -> R<Vec<PersonneInactive>> {
    etat.avec(|c| dp::personnes_inactives(c, annees))
}
