//! Le journal des changements : l'écran Journal, l'onglet Historique des fiches, la remise
//! d'une fiche supprimée et l'export CSV.

use super::{enregistrer, R};
use crate::app::Etat;
use passerelle_core::journal::{self, Entree, FiltreJournal};
use passerelle_core::liste::Liste;
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn lister_journal(etat: State<Etat>, filtre: FiltreJournal) -> R<Liste<Entree>> {
    etat.avec(|c| journal::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn historique_fiche(etat: State<Etat>, table: String, id: i64) -> R<Vec<Entree>> {
    etat.avec(|c| journal::historique_fiche(c, &table, id))
}

/// Remet la fiche supprimée notée par l'entrée `id` ; rend son nom (« Convention « … » »).
#[tauri::command(async)]
pub fn remettre_fiche(etat: State<Etat>, id: i64) -> R<String> {
    etat.avec(|c| journal::remettre(c, id))
}

/// Le journal filtré en CSV, enregistré là où l'utilisateur le choisit.
#[tauri::command]
pub async fn exporter_journal(app: AppHandle, filtre: FiltreJournal) -> R<u64> {
    enregistrer(app, move |c| journal::document_journal(c, &filtre)).await
}
