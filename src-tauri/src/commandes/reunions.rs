//! Réunions des groupes de suivi et des comités : une commande par geste, chacune une ligne
//! au-dessus du module `reunions` du cœur.

use super::{enregistrer, R};
use crate::app::Etat;
use passerelle_core::reunions::{
    self, documents, ActionSuivi, Cadre, DetailReunion, Point, Presence, Reunion,
    SaisieActionSuivi, SaisieReunion,
};
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn reunions_du_cadre(etat: State<Etat>, cadre: Cadre) -> R<Vec<Reunion>> {
    etat.avec(|c| reunions::lister(c, cadre))
}

#[tauri::command(async)]
pub fn reunions_liees_convention(etat: State<Etat>, id: i64) -> R<Vec<Reunion>> {
    etat.avec(|c| reunions::liees_a_convention(c, id))
}

#[tauri::command(async)]
pub fn creer_reunion(etat: State<Etat>, cadre: Cadre, saisie: SaisieReunion) -> R<Reunion> {
    etat.avec(|c| reunions::creer(c, cadre, &saisie))
}

#[tauri::command(async)]
pub fn actions_suivi(etat: State<Etat>, cadre: Cadre) -> R<Vec<ActionSuivi>> {
    etat.avec(|c| reunions::actions(c, cadre, None))
}

#[tauri::command(async)]
pub fn ajouter_action_suivi(
    etat: State<Etat>,
    cadre: Cadre,
    saisie: SaisieActionSuivi,
) -> R<Vec<ActionSuivi>> {
    etat.avec(|c| reunions::ajouter_action(c, cadre, &saisie))
}

#[tauri::command(async)]
pub fn clore_action_suivi(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| reunions::clore_action_aujourdhui(c, id))
}

#[tauri::command(async)]
pub fn detail_reunion(etat: State<Etat>, id: i64) -> R<DetailReunion> {
    etat.avec(|c| reunions::detail(c, id))
}

#[tauri::command(async)]
pub fn reprendre_ordre_du_jour(etat: State<Etat>, id: i64) -> R<Vec<Point>> {
    etat.avec(|c| reunions::reprendre_ordre_du_jour(c, id))
}

#[tauri::command(async)]
pub fn ajouter_point(etat: State<Etat>, id: i64, intitule: String) -> R<Vec<Point>> {
    etat.avec(|c| reunions::ajouter_point(c, id, &intitule))
}

#[tauri::command(async)]
pub fn ecrire_compte_rendu(etat: State<Etat>, id: i64, texte: String) -> R<()> {
    etat.avec(|c| reunions::ecrire_compte_rendu(c, id, &texte))
}

#[tauri::command(async)]
pub fn marquer_presence(etat: State<Etat>, id: i64, personne_id: i64, presence: String) -> R<()> {
    etat.avec(|c| reunions::marquer_presence(c, id, personne_id, &presence))
}

#[tauri::command(async)]
pub fn marquer_non_pointes_presents(etat: State<Etat>, id: i64) -> R<Vec<Presence>> {
    etat.avec(|c| reunions::marquer_non_pointes_presents(c, id))
}

#[tauri::command(async)]
pub fn inviter_a_reunion(etat: State<Etat>, id: i64, personne_id: Option<i64>) -> R<Vec<Presence>> {
    etat.avec(|c| reunions::inviter(c, id, personne_id))
}

#[tauri::command(async)]
pub fn ajouter_decision(etat: State<Etat>, id: i64, texte: String) -> R<Vec<String>> {
    etat.avec(|c| reunions::ajouter_decision(c, id, &texte))
}

/// Compte rendu, convocation, feuille d'émargement (PDF) ou invitation (.ics), enregistré là
/// où l'utilisateur le choisit.
#[tauri::command]
pub async fn exporter_reunion(app: AppHandle, id: i64, quoi: String) -> R<u64> {
    enregistrer(app, move |c| documents::fichier_document(c, id, &quoi)).await
}
