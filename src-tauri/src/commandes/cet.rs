//! Conseillers entreprise pour l'École : registre, mandats et campagne, jurys, CPC, import et
//! export, animations, retours aux organisations et aux employeurs, bilan annuel.

use super::R;
use crate::app::Etat;
use passerelle_core::cet::{animations, bilan, cpc, documents, export, import, mandats, registre};
use passerelle_core::liste::{Liste, ParametresListe};
use passerelle_core::rapport::dossier_exports;
use std::collections::BTreeMap;
use tauri::State;

#[tauri::command]
pub fn lister_cet(etat: State<Etat>, filtre: registre::FiltreCet) -> R<Liste<registre::Cet>> {
    etat.avec(|c| registre::lister(c, &filtre))
}

#[tauri::command]
pub fn lire_cet(etat: State<Etat>, id: i64) -> R<registre::Cet> {
    etat.avec(|c| registre::lire(c, id))
}

#[tauri::command]
pub fn creer_cet(etat: State<Etat>, saisie: registre::SaisieCet) -> R<registre::Cet> {
    etat.avec(|c| registre::creer(c, &saisie))
}

#[tauri::command]
pub fn modifier_cet(etat: State<Etat>, id: i64, saisie: registre::SaisieCet) -> R<registre::Cet> {
    etat.avec(|c| registre::modifier(c, id, &saisie))
}

#[tauri::command]
pub fn supprimer_cet(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| registre::supprimer(c, id))
}

#[tauri::command]
pub fn secteurs_cet(etat: State<Etat>) -> R<Vec<String>> {
    etat.avec(registre::secteurs)
}

#[tauri::command]
pub fn mandats_cet(etat: State<Etat>, id: i64) -> R<Vec<mandats::Mandat>> {
    etat.avec(|c| mandats::mandats(c, id))
}

#[tauri::command]
pub fn ajouter_mandat_cet(
    etat: State<Etat>,
    id: i64,
    saisie: mandats::SaisieMandat,
) -> R<Vec<mandats::Mandat>> {
    etat.avec(|c| mandats::ajouter(c, id, &saisie))
}

#[tauri::command]
pub fn jurys_cet(etat: State<Etat>, id: i64) -> R<Vec<registre::Jury>> {
    etat.avec(|c| registre::jurys(c, id))
}

#[tauri::command]
pub fn ajouter_jury_cet(
    etat: State<Etat>,
    id: i64,
    saisie: registre::SaisieJury,
) -> R<Vec<registre::Jury>> {
    etat.avec(|c| registre::ajouter_jury(c, id, &saisie))
}

#[tauri::command]
pub fn participations_cet(etat: State<Etat>, id: i64) -> R<Vec<registre::Participation>> {
    etat.avec(|c| registre::participations(c, id))
}

#[tauri::command]
pub fn apercu_campagne(
    etat: State<Etat>,
    saisie: mandats::SaisieCampagne,
) -> R<Vec<mandats::LigneCampagne>> {
    etat.avec(|c| mandats::apercu(c, &saisie))
}

#[tauri::command]
pub fn appliquer_campagne(
    etat: State<Etat>,
    saisie: mandats::SaisieCampagne,
    retenus: Option<Vec<i64>>,
) -> R<usize> {
    etat.avec(|c| mandats::appliquer(c, &saisie, retenus.as_deref()))
}

#[tauri::command]
pub fn lister_cpc(etat: State<Etat>, filtre: ParametresListe) -> R<Liste<cpc::Cpc>> {
    etat.avec(|c| cpc::lister(c, &filtre))
}

#[tauri::command]
pub fn creer_cpc(etat: State<Etat>, saisie: cpc::SaisieCpc) -> R<cpc::Cpc> {
    etat.avec(|c| cpc::creer(c, &saisie))
}

#[tauri::command]
pub fn modifier_cpc(etat: State<Etat>, id: i64, saisie: cpc::SaisieCpc) -> R<cpc::Cpc> {
    etat.avec(|c| cpc::modifier(c, id, &saisie))
}

#[tauri::command]
pub fn supprimer_cpc(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| cpc::supprimer(c, id))
}

#[tauri::command]
pub fn apercu_import_cet(contenu: Vec<u8>) -> R<import::Apercu> {
    Ok(import::apercu(&contenu)?)
}

#[tauri::command]
pub fn importer_cet(
    etat: State<Etat>,
    contenu: Vec<u8>,
    correspondance: Option<BTreeMap<String, usize>>,
    essai: bool,
) -> R<import::CompteRendu> {
    etat.avec(|c| import::importer(c, &contenu, correspondance.as_ref(), essai))
}

/// Registre filtré en CSV ou .xlsx, dans `exports/` ; rend le chemin.
#[tauri::command]
pub fn exporter_cet(etat: State<Etat>, filtre: registre::FiltreCet, format: String) -> R<String> {
    etat.avec(|c| export::exporter_registre(c, &filtre, &format, &dossier_exports(&etat.chemin)))
        .map(|p| p.display().to_string())
}

#[tauri::command]
pub fn lister_animations(
    etat: State<Etat>,
    academie_id: Option<i64>,
    annee_scolaire: Option<String>,
) -> R<Vec<animations::Animation>> {
    etat.avec(|c| animations::lister_annee(c, academie_id, annee_scolaire.as_deref().unwrap_or("")))
}

#[tauri::command]
pub fn lire_animation(etat: State<Etat>, id: i64) -> R<animations::Animation> {
    etat.avec(|c| animations::lire(c, id))
}

#[tauri::command]
pub fn creer_animation(
    etat: State<Etat>,
    saisie: animations::SaisieAnimation,
) -> R<animations::Animation> {
    etat.avec(|c| animations::creer(c, &saisie))
}

#[tauri::command]
pub fn inviter_secteurs(etat: State<Etat>, id: i64) -> R<usize> {
    etat.avec(|c| animations::inviter_par_secteurs(c, id))
}

#[tauri::command]
pub fn ecrire_notes_animation(
    etat: State<Etat>,
    id: i64,
    notes: String,
) -> R<animations::Animation> {
    etat.avec(|c| animations::ecrire_notes(c, id, &notes))
}

/// Invitation (PDF ou .ics), émargement, publipostage (CSV) d'une animation ; rend le chemin.
#[tauri::command]
pub fn exporter_animation(etat: State<Etat>, id: i64, quoi: String) -> R<String> {
    etat.avec(|c| {
        documents::exporter_document(c, id, &quoi, &dossier_exports(&etat.chemin))
            .map(|p| p.display().to_string())
    })
}

#[tauri::command]
pub fn exporter_retour_organisations(
    etat: State<Etat>,
    organisation_id: Option<i64>,
    csv: bool,
) -> R<String> {
    etat.avec(|c| {
        documents::exporter_retour(c, organisation_id, csv, &dossier_exports(&etat.chemin))
    })
    .map(|p| p.display().to_string())
}

#[tauri::command]
pub fn exporter_avis_employeur(etat: State<Etat>, id: i64) -> R<String> {
    etat.avec(|c| documents::exporter_avis_employeur(c, id, &dossier_exports(&etat.chemin)))
        .map(|p| p.display().to_string())
}

#[tauri::command]
pub fn exporter_bilan_cet(
    etat: State<Etat>,
    annee_scolaire: String,
    academie_id: Option<i64>,
) -> R<String> {
    etat.avec(|c| {
        bilan::exporter_bilan(
            c,
            &annee_scolaire,
            academie_id,
            &dossier_exports(&etat.chemin),
        )
        .map(|p| p.display().to_string())
    })
}
