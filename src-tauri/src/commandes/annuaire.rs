//! L'annuaire : bassins, établissements, organisations, personnes, recherche des sélecteurs.

use super::R;
use crate::app::Etat;
use passerelle_core::annuaire::bassins::{self, Bassin, FiltreBassins, SaisieBassin};
use passerelle_core::annuaire::etablissements::{
    self, Etablissement, FiltreEtablissements, SaisieEtablissement,
};
use passerelle_core::annuaire::organisations::{
    self, FiltreOrganisations, Organisation, SaisieOrganisation,
};
use passerelle_core::annuaire::personnes::{self, FiltrePersonnes, Personne, SaisiePersonne};
use passerelle_core::annuaire::{self, recherche};
use passerelle_core::liste::Liste;
use tauri::State;

#[tauri::command(async)]
pub fn comptes_annuaire(etat: State<Etat>) -> R<annuaire::Comptes> {
    etat.avec(annuaire::compter)
}

#[tauri::command(async)]
pub fn lister_bassins(etat: State<Etat>, filtre: FiltreBassins) -> R<Liste<Bassin>> {
    etat.avec(|c| bassins::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_bassin(etat: State<Etat>, saisie: SaisieBassin) -> R<Bassin> {
    etat.avec(|c| bassins::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_bassin(etat: State<Etat>, id: i64, saisie: SaisieBassin) -> R<Bassin> {
    etat.avec(|c| bassins::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_bassin(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| bassins::supprimer(c, id))
}

/// Sélecteurs : au plus `limite` fiches du `genre` voulu (établissement, organisation, personne,
/// convention, comité) pour quelques lettres tapées ; avec `id`, cette fiche seulement.
#[tauri::command(async)]
pub fn chercher(
    etat: State<Etat>,
    genre: String,
    saisie: String,
    limite: Option<usize>,
    id: Option<i64>,
) -> R<recherche::Trouves> {
    etat.avec(|c| {
        let genre = recherche::Genre::depuis_code(&genre)?;
        match id {
            Some(id) => recherche::decrire(c, genre, id),
            None => recherche::chercher(c, genre, &saisie, limite),
        }
    })
}

#[tauri::command(async)]
pub fn lister_etablissements(
    etat: State<Etat>,
    filtre: FiltreEtablissements,
) -> R<Liste<Etablissement>> {
    etat.avec(|c| etablissements::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_etablissement(etat: State<Etat>, saisie: SaisieEtablissement) -> R<Etablissement> {
    etat.avec(|c| etablissements::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_etablissement(
    etat: State<Etat>,
    id: i64,
    saisie: SaisieEtablissement,
) -> R<Etablissement> {
    etat.avec(|c| etablissements::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_etablissement(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| etablissements::supprimer(c, id))
}

/// Import de l'Annuaire de l'éducation depuis le fichier choisi (par son rang), pour une
/// académie (code ou nom) ou toutes, contrôlé (essai) ou enregistré, comme un long travail ;
/// rend le numéro du travail, dont le résultat est le compte rendu.
#[tauri::command(async)]
pub fn importer_annuaire_education(
    etat: State<Etat>,
    rang: usize,
    academie: Option<String>,
    essai: bool,
) -> R<u64> {
    etat.lancer_import(rang, essai, move |c, octets, suivi| {
        annuaire::annuaire_education::importer(c, octets, academie.as_deref(), essai, suivi)
    })
}

#[tauri::command(async)]
pub fn lister_organisations(
    etat: State<Etat>,
    filtre: FiltreOrganisations,
) -> R<Liste<Organisation>> {
    etat.avec(|c| organisations::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_organisation(etat: State<Etat>, saisie: SaisieOrganisation) -> R<Organisation> {
    etat.avec(|c| organisations::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_organisation(
    etat: State<Etat>,
    id: i64,
    saisie: SaisieOrganisation,
) -> R<Organisation> {
    etat.avec(|c| organisations::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_organisation(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| organisations::supprimer(c, id))
}

#[tauri::command(async)]
pub fn lister_personnes(etat: State<Etat>, filtre: FiltrePersonnes) -> R<Liste<Personne>> {
    etat.avec(|c| personnes::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_personne(etat: State<Etat>, saisie: SaisiePersonne) -> R<Personne> {
    etat.avec(|c| personnes::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_personne(etat: State<Etat>, id: i64, saisie: SaisiePersonne) -> R<Personne> {
    etat.avec(|c| personnes::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_personne(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec(|c| personnes::supprimer(c, id))
}
