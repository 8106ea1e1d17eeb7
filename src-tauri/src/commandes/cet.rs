//! Conseillers entreprise pour l'École : registre, mandats et campagne, jurys, CPC, import et
//! export, animations, retours aux organisations et aux employeurs, bilan annuel.

use super::{enregistrer, R};
use crate::app::Etat;
use passerelle_core::cet::{animations, bilan, cpc, documents, export, import, mandats, registre};
use passerelle_core::fichiers::{lire_entrant, LIMITE_IMPORT};
use passerelle_core::liste::{Liste, ParametresListe};
use passerelle_core::sauvegardes;
use std::collections::BTreeMap;
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn lister_cet(etat: State<Etat>, filtre: registre::FiltreCet) -> R<Liste<registre::Cet>> {
    etat.avec(|c| registre::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn lire_cet(etat: State<Etat>, id: i64) -> R<registre::Cet> {
    etat.avec(|c| registre::lire(c, id))
}

#[tauri::command(async)]
pub fn creer_cet(etat: State<Etat>, saisie: registre::SaisieCet) -> R<registre::Cet> {
    etat.avec(|c| registre::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_cet(etat: State<Etat>, id: i64, saisie: registre::SaisieCet) -> R<registre::Cet> {
    etat.avec(|c| registre::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_cet(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| registre::supprimer(c, id))
}

#[tauri::command(async)]
pub fn secteurs_cet(etat: State<Etat>) -> R<Vec<String>> {
    etat.avec(registre::secteurs)
}

#[tauri::command(async)]
pub fn mandats_cet(etat: State<Etat>, id: i64) -> R<Vec<mandats::Mandat>> {
    etat.avec(|c| mandats::mandats(c, id))
}

#[tauri::command(async)]
pub fn ajouter_mandat_cet(
    etat: State<Etat>,
    id: i64,
    saisie: mandats::SaisieMandat,
) -> R<Vec<mandats::Mandat>> {
    etat.avec(|c| mandats::ajouter(c, id, &saisie))
}

#[tauri::command(async)]
pub fn jurys_cet(etat: State<Etat>, id: i64) -> R<Vec<registre::Jury>> {
    etat.avec(|c| registre::jurys(c, id))
}

#[tauri::command(async)]
pub fn ajouter_jury_cet(
    etat: State<Etat>,
    id: i64,
    saisie: registre::SaisieJury,
) -> R<Vec<registre::Jury>> {
    etat.avec(|c| registre::ajouter_jury(c, id, &saisie))
}

#[tauri::command(async)]
pub fn participations_cet(etat: State<Etat>, id: i64) -> R<Vec<registre::Participation>> {
    etat.avec(|c| registre::participations(c, id))
}

#[tauri::command(async)]
pub fn apercu_campagne(
    etat: State<Etat>,
    saisie: mandats::SaisieCampagne,
) -> R<Vec<mandats::LigneCampagne>> {
    etat.avec(|c| mandats::apercu(c, &saisie))
}

#[tauri::command(async)]
/// La campagne appliquée comme un long travail (annulable) ; rend le numéro du travail.
pub fn appliquer_campagne(
    etat: State<Etat>,
    saisie: mandats::SaisieCampagne,
    retenus: Option<Vec<i64>>,
) -> R<u64> {
    let base = etat.chemin();
    Ok(etat.lancer_travail(move |c, suivi| {
        sauvegardes::avant(c, &base, sauvegardes::Raison::AvantCampagne)?;
        mandats::appliquer(c, &saisie, retenus.as_deref(), suivi)
    }))
}

#[tauri::command(async)]
pub fn lister_cpc(etat: State<Etat>, filtre: ParametresListe) -> R<Liste<cpc::Cpc>> {
    etat.avec(|c| cpc::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_cpc(etat: State<Etat>, saisie: cpc::SaisieCpc) -> R<cpc::Cpc> {
    etat.avec(|c| cpc::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_cpc(etat: State<Etat>, id: i64, saisie: cpc::SaisieCpc) -> R<cpc::Cpc> {
    etat.avec(|c| cpc::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_cpc(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| cpc::supprimer(c, id))
}

#[tauri::command(async)]
pub fn apercu_import_cet(etat: State<Etat>, rang: usize) -> R<import::Apercu> {
    let octets = lire_entrant(&etat.fichier(rang)?, LIMITE_IMPORT)?;
    Ok(import::apercu(&octets)?)
}

#[tauri::command(async)]
/// Import du fichier choisi (par son rang), comme un long travail ; rend le numéro du travail.
pub fn importer_cet(
    etat: State<Etat>,
    rang: usize,
    correspondance: Option<BTreeMap<String, usize>>,
    essai: bool,
) -> R<u64> {
    etat.lancer_import(rang, essai, move |c, octets, suivi| {
        import::importer(c, octets, correspondance.as_ref(), essai, suivi)
    })
}

/// Registre filtré en CSV ou .xlsx, enregistré là où l'utilisateur le choisit.
#[tauri::command]
pub async fn exporter_cet(app: AppHandle, filtre: registre::FiltreCet, format: String) -> R<u64> {
    enregistrer(app, move |c| export::document_registre(c, &filtre, &format)).await
}

#[tauri::command(async)]
pub fn lister_animations(
    etat: State<Etat>,
    academie_id: Option<i64>,
    annee_scolaire: Option<String>,
) -> R<Vec<animations::Animation>> {
    etat.avec(|c| animations::lister_annee(c, academie_id, annee_scolaire.as_deref().unwrap_or("")))
}

#[tauri::command(async)]
pub fn lire_animation(etat: State<Etat>, id: i64) -> R<animations::Animation> {
    etat.avec(|c| animations::lire(c, id))
}

#[tauri::command(async)]
pub fn creer_animation(
    etat: State<Etat>,
    saisie: animations::SaisieAnimation,
) -> R<animations::Animation> {
    etat.avec(|c| animations::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn inviter_secteurs(etat: State<Etat>, id: i64) -> R<usize> {
    etat.avec(|c| animations::inviter_par_secteurs(c, id))
}

#[tauri::command(async)]
pub fn ecrire_notes_animation(
    etat: State<Etat>,
    id: i64,
    notes: String,
) -> R<animations::Animation> {
    etat.avec(|c| animations::ecrire_notes(c, id, &notes))
}

/// Invitation (PDF ou .ics), émargement, publipostage (CSV) d'une animation.
#[tauri::command]
pub async fn exporter_animation(app: AppHandle, id: i64, quoi: String) -> R<u64> {
    enregistrer(app, move |c| documents::fichier_document(c, id, &quoi)).await
}

#[tauri::command]
pub async fn exporter_retour_organisations(
    app: AppHandle,
    organisation_id: Option<i64>,
    csv: bool,
) -> R<u64> {
    enregistrer(app, move |c| {
        documents::document_retour(c, organisation_id, csv)
    })
    .await
}

#[tauri::command]
pub async fn exporter_avis_employeur(app: AppHandle, id: i64) -> R<u64> {
    enregistrer(app, move |c| documents::document_avis_employeur(c, id)).await
}

#[tauri::command]
pub async fn exporter_bilan_cet(
    app: AppHandle,
    annee_scolaire: String,
    academie_id: Option<i64>,
) -> R<u64> {
    enregistrer(app, move |c| {
        bilan::document_bilan(c, &annee_scolaire, academie_id)
    })
    .await
}
