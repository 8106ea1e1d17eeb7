//! Comités locaux École-entreprise : comités, membres, actions, bilan annuel.

use super::{enregistrer, R};
use crate::app::Etat;
use passerelle_core::clee::actions::{self, ActionClee, FiltreActionsClee, SaisieActionClee};
use passerelle_core::clee::bilan::{self, BilanClee, Perimetre};
use passerelle_core::clee::comites::{
    self, Comite, FiltreComites, Membre, SaisieComite, SaisieMembre,
};
use passerelle_core::liste::Liste;
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn lister_comites(etat: State<Etat>, filtre: FiltreComites) -> R<Liste<Comite>> {
    etat.avec(|c| comites::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn lire_comite(etat: State<Etat>, id: i64) -> R<Comite> {
    etat.avec(|c| comites::lire(c, id))
}

#[tauri::command(async)]
pub fn creer_comite(etat: State<Etat>, saisie: SaisieComite) -> R<Comite> {
    etat.avec(|c| comites::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_comite(etat: State<Etat>, id: i64, saisie: SaisieComite) -> R<Comite> {
    etat.avec(|c| comites::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_comite(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| comites::supprimer(c, id))
}

#[tauri::command(async)]
pub fn membres_comite(etat: State<Etat>, id: i64) -> R<Vec<Membre>> {
    etat.avec(|c| comites::membres(c, id))
}

#[tauri::command(async)]
pub fn ajouter_membre_comite(etat: State<Etat>, id: i64, saisie: SaisieMembre) -> R<Vec<Membre>> {
    etat.avec(|c| comites::ajouter_membre(c, id, &saisie))
}

#[tauri::command(async)]
pub fn retirer_membre_comite(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| comites::retirer_membre(c, id))
}

#[tauri::command(async)]
pub fn lister_actions_clee(etat: State<Etat>, filtre: FiltreActionsClee) -> R<Liste<ActionClee>> {
    etat.avec(|c| actions::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_action_clee(etat: State<Etat>, saisie: SaisieActionClee) -> R<ActionClee> {
    etat.avec(|c| actions::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_action_clee(etat: State<Etat>, id: i64, saisie: SaisieActionClee) -> R<ActionClee> {
    etat.avec(|c| actions::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_action_clee(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| actions::supprimer(c, id))
}

fn perimetre(comite_id: Option<i64>, academie_id: Option<i64>) -> Perimetre {
    match (comite_id, academie_id) {
        (Some(c), _) => Perimetre::Comite(c),
        (None, Some(a)) => Perimetre::Academie(a),
        (None, None) => Perimetre::Tous,
    }
}

#[tauri::command(async)]
pub fn bilan_clee(
    etat: State<Etat>,
    annee_scolaire: String,
    comite_id: Option<i64>,
    academie_id: Option<i64>,
) -> R<BilanClee> {
    etat.avec(|c| {
        bilan::modele_bilan_du_jour(c, &annee_scolaire, perimetre(comite_id, academie_id))
    })
}

/// Bilan annuel des CLEE en PDF, enregistré là où l'utilisateur le choisit.
#[tauri::command]
pub async fn exporter_bilan_clee(
    app: AppHandle,
    annee_scolaire: String,
    comite_id: Option<i64>,
    academie_id: Option<i64>,
) -> R<u64> {
    let perimetre = perimetre(comite_id, academie_id);
    enregistrer(app, move |c| {
        bilan::document_bilan(c, &annee_scolaire, perimetre)
    })
    .await
}
