//! Consolidation : identité de la base, paquets exportés et importés, sources reçues, conflits.

use super::bases_et_fichiers::FichierChoisi;
use super::{enregistrer, R};
use crate::app::Etat;
use crate::dialogues::{self, Demande, Mode};
use crate::fichiers::{self, a_part};
use passerelle_core::consolidation::{self, Decision, DemandeExport, Identite, SaisieExport};
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn identite_base(etat: State<Etat>) -> R<Identite> {
    etat.avec(consolidation::identite)
}

#[tauri::command(async)]
pub fn nommer_base(etat: State<Etat>, saisie: Identite) -> R<Identite> {
    etat.avec(|c| consolidation::nommer(c, &saisie))
}

/// Contrôle une demande d'export avant d'ouvrir le dialogue (erreurs sous les champs).
#[tauri::command(async)]
pub fn verifier_paquet(etat: State<Etat>, saisie: SaisieExport) -> R<()> {
    etat.avec(|c| consolidation::demande_valide(c, &saisie).map(|_| ()))
}

/// Le paquet demandé, enregistré là où l'utilisateur le choisit.
#[tauri::command]
pub async fn exporter_paquet(app: AppHandle, saisie: SaisieExport) -> R<u64> {
    enregistrer(app, move |c| {
        let demande: DemandeExport = consolidation::demande_valide(c, &saisie)?;
        consolidation::document_paquet(c, &demande)
    })
    .await
}

/// Le dialogue « Ouvrir » pour un ou plusieurs paquets ; liste vide si l'utilisateur a annulé.
#[tauri::command]
pub async fn choisir_paquets(app: AppHandle) -> R<Vec<FichierChoisi>> {
    a_part(app, move |app, etat| {
        let demande = Demande {
            titre: "Choisir les paquets à importer",
            mode: Mode::OuvrirPlusieurs,
            nom: None,
            filtres: &[("Paquet Passerelle", &[consolidation::EXTENSION])],
            dossier: fichiers::dossier_propose(app, "paquet"),
        };
        let choisis = dialogues::choisir_plusieurs(app, &demande);
        if let Some(premier) = choisis.first() {
            fichiers::modifier_preferences(app, |p| p.retenir_dossier("paquet", premier));
        }
        Ok(choisis
            .into_iter()
            .map(|chemin| FichierChoisi::retenu(etat, chemin))
            .collect())
    })
    .await
}

/// Importe (ou, en essai, prévoit) les paquets choisis, comme un long travail : une sauvegarde
/// avant d'écrire, puis chaque paquet tout ou rien. Rend le numéro du travail.
#[tauri::command(async)]
pub fn importer_paquets(etat: State<Etat>, rangs: Vec<usize>, essai: bool) -> R<u64> {
    let chemins = rangs
        .iter()
        .map(|r| etat.fichier(*r))
        .collect::<R<Vec<_>>>()?;
    let base = etat.chemin();
    Ok(etat.lancer_travail(move |c, suivi| {
        consolidation::importer_apres_sauvegarde(c, &base, &chemins, essai, suivi)
    }))
}

/// L'écran Consolidation : sources reçues, académies sans paquet par période, conflits ouverts.
#[tauri::command(async)]
pub fn etat_consolidation(etat: State<Etat>) -> R<consolidation::Etat> {
    etat.avec(consolidation::etat)
}

/// Retire la contribution d'une source ; rend le compte rendu (fiches supprimées, conflits).
#[tauri::command(async)]
pub fn retirer_source(etat: State<Etat>, id: i64) -> R<consolidation::CompteRendu> {
    etat.avec(|c| consolidation::retirer_source(c, id))
}

#[tauri::command(async)]
pub fn decider_conflit(
    etat: State<Etat>,
    id: i64,
    decision: Decision,
    avec: Option<String>,
) -> R<()> {
    etat.avec(|c| consolidation::decider(c, id, decision, avec.as_deref()))
}

/// D'où vient une fiche reçue par un paquet (vide pour une fiche saisie ici).
#[tauri::command(async)]
pub fn provenance_fiche(etat: State<Etat>, table: String, id: i64) -> R<Vec<String>> {
    etat.avec(|c| consolidation::provenance(c, &table, id))
}

/// Les paquets à ouvrir (passés à la ligne de commande ou par une seconde fenêtre), retenus
/// pour la page ; la liste est vidée : chacun n'est proposé qu'une fois.
#[tauri::command(async)]
pub fn paquets_a_ouvrir(etat: State<Etat>) -> R<Vec<FichierChoisi>> {
    let paquets = std::mem::take(
        &mut *crate::app::PAQUETS_A_OUVRIR
            .lock()
            .unwrap_or_else(|p| p.into_inner()),
    );
    Ok(paquets
        .into_iter()
        .map(|chemin| FichierChoisi::retenu(&etat, chemin))
        .collect())
}
