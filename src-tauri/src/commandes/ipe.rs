//! IPE : thèmes, registre, missions, actions, imports ; le bilan IPE et ses commentaires.

use super::{enregistrer, R};
use crate::app::Etat;
use passerelle_core::ipe::{actions, bilan, commentaires, import, intervenants, themes};
use passerelle_core::liste::Liste;
use std::collections::BTreeMap;
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn lister_themes_ipe(etat: State<Etat>) -> R<Vec<themes::Theme>> {
    etat.avec(themes::lister)
}

#[tauri::command(async)]
pub fn creer_theme_ipe(etat: State<Etat>, saisie: themes::SaisieTheme) -> R<themes::Theme> {
    etat.avec(|c| themes::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn lister_ipe(
    etat: State<Etat>,
    filtre: intervenants::FiltreIpe,
) -> R<Liste<intervenants::Ipe>> {
    etat.avec(|c| intervenants::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_ipe(etat: State<Etat>, saisie: intervenants::SaisieIpe) -> R<intervenants::Ipe> {
    etat.avec(|c| intervenants::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_ipe(
    etat: State<Etat>,
    id: i64,
    saisie: intervenants::SaisieIpe,
) -> R<intervenants::Ipe> {
    etat.avec(|c| intervenants::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_ipe(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| intervenants::supprimer(c, id))
}

#[tauri::command(async)]
pub fn missions_ipe(etat: State<Etat>, id: i64) -> R<Vec<intervenants::Mission>> {
    etat.avec(|c| intervenants::missions(c, id))
}

#[tauri::command(async)]
pub fn ajouter_mission_ipe(
    etat: State<Etat>,
    id: i64,
    saisie: intervenants::SaisieMission,
) -> R<intervenants::Mission> {
    etat.avec(|c| intervenants::ajouter_mission(c, id, &saisie))
}

#[tauri::command(async)]
pub fn modifier_mission_ipe(
    etat: State<Etat>,
    id: i64,
    saisie: intervenants::SaisieMission,
) -> R<intervenants::Mission> {
    etat.avec(|c| intervenants::modifier_mission(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_mission_ipe(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| intervenants::supprimer_mission(c, id))
}

#[tauri::command(async)]
pub fn lister_actions_ipe(
    etat: State<Etat>,
    filtre: actions::FiltreActions,
) -> R<Liste<actions::Action>> {
    etat.avec(|c| actions::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_action_ipe(etat: State<Etat>, saisie: actions::SaisieAction) -> R<actions::Action> {
    etat.avec(|c| actions::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_action_ipe(
    etat: State<Etat>,
    id: i64,
    saisie: actions::SaisieAction,
) -> R<actions::Action> {
    etat.avec(|c| actions::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn dupliquer_action_ipe(etat: State<Etat>, id: i64) -> R<actions::Action> {
    etat.avec(|c| actions::dupliquer(c, id))
}

#[tauri::command(async)]
pub fn supprimer_action_ipe(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| actions::supprimer(c, id))
}

/// Import du fichier choisi (par son rang), contrôlé (essai) ou enregistré, comme un long
/// travail ; rend le numéro du travail.
#[tauri::command(async)]
pub fn importer_ipe(etat: State<Etat>, quoi: String, rang: usize, essai: bool) -> R<u64> {
    etat.lancer_import(rang, essai, move |c, octets, suivi| {
        import::importer(c, &quoi, octets, essai, suivi)
    })
}

// ——— Bilans ———

#[tauri::command(async)]
pub fn bilan_ipe(
    etat: State<Etat>,
    periode: bilan::Periode,
    academie_id: Option<i64>,
) -> R<bilan::Apercu> {
    etat.avec(|c| bilan::apercu(c, periode, academie_id))
}

#[tauri::command(async)]
pub fn commentaires_bilan(
    etat: State<Etat>,
    cle: commentaires::CleBilan,
) -> R<BTreeMap<String, String>> {
    etat.avec(|c| commentaires::lire(c, &cle))
}

#[tauri::command(async)]
pub fn ecrire_commentaire_bilan(
    etat: State<Etat>,
    cle: commentaires::CleBilan,
    rubrique: String,
    texte: String,
) -> R<()> {
    etat.avec(|c| commentaires::ecrire(c, &cle, &rubrique, &texte))
}

/// Le bilan (PDF ou CSV), enregistré là où l'utilisateur le choisit.
#[tauri::command]
pub async fn exporter_bilan_ipe(
    app: AppHandle,
    periode: bilan::Periode,
    academie_id: Option<i64>,
    format: String,
) -> R<u64> {
    enregistrer(app, move |c| {
        bilan::document_bilan(c, periode, academie_id, &format)
    })
    .await
}
