//! Conventions : fiches, avenants, parties, articles, groupe de suivi, contrat de progrès,
//! pièces jointes ; échéancier et ses horizons.

use super::{enregistrer, R};
use crate::app::Etat;
use crate::dialogues::{self, Demande, Mode};
use crate::fichiers::{self, a_part};
use passerelle_core::conventions::{contrat, documents, fiches, pieces, structure, suivi};
use passerelle_core::echeancier;
use passerelle_core::fichiers::LIMITE_PIECE;
use passerelle_core::liste::Liste;
use passerelle_core::parametres;
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn lister_conventions(
    etat: State<Etat>,
    filtre: fiches::FiltreConventions,
) -> R<Liste<fiches::Convention>> {
    etat.avec(|c| fiches::lister(c, &filtre))
}

#[tauri::command(async)]
pub fn creer_convention(
    etat: State<Etat>,
    saisie: fiches::SaisieConvention,
) -> R<fiches::Convention> {
    etat.avec(|c| fiches::creer(c, &saisie))
}

#[tauri::command(async)]
pub fn modifier_convention(
    etat: State<Etat>,
    id: i64,
    saisie: fiches::SaisieConvention,
) -> R<fiches::Convention> {
    etat.avec(|c| fiches::modifier(c, id, &saisie))
}

#[tauri::command(async)]
pub fn supprimer_convention(etat: State<Etat>, id: i64) -> R<()> {
    etat.avec_chemin(|c, base| pieces::supprimer_convention(c, base, id))
}

#[tauri::command(async)]
pub fn avenants_convention(etat: State<Etat>, id: i64) -> R<Vec<fiches::Avenant>> {
    etat.avec(|c| fiches::avenants(c, id))
}

#[tauri::command(async)]
pub fn ajouter_avenant(
    etat: State<Etat>,
    id: i64,
    saisie: fiches::SaisieAvenant,
) -> R<fiches::Convention> {
    etat.avec(|c| fiches::ajouter_avenant(c, id, &saisie))
}

/// Échéances d'aujourd'hui à l'horizon réglé dans Paramètres (ou à `jours` s'il est donné).
#[tauri::command(async)]
pub fn echeances(etat: State<Etat>, jours: Option<u32>) -> R<Vec<echeancier::Echeance>> {
    etat.avec(|c| echeancier::a_venir(c, jours))
}

/// L'échéancier (.ics pour l'agenda, ou CSV), enregistré là où l'utilisateur le choisit.
#[tauri::command]
pub async fn exporter_echeancier(app: AppHandle, format: String) -> R<u64> {
    enregistrer(app, move |c| echeancier::document_echeancier(c, &format)).await
}

#[tauri::command(async)]
pub fn horizons(etat: State<Etat>) -> R<parametres::Horizons> {
    etat.avec(parametres::horizons)
}

#[tauri::command(async)]
pub fn ecrire_horizons(
    etat: State<Etat>,
    horizons: parametres::Horizons,
) -> R<parametres::Horizons> {
    etat.avec(|c| parametres::ecrire_horizons(c, &horizons))
}

#[tauri::command(async)]
pub fn parties_convention(etat: State<Etat>, id: i64) -> R<Vec<structure::Partie>> {
    etat.avec(|c| structure::parties(c, id))
}

#[tauri::command(async)]
pub fn ajouter_partie(
    etat: State<Etat>,
    id: i64,
    saisie: structure::SaisiePartie,
) -> R<Vec<structure::Partie>> {
    etat.avec(|c| structure::ajouter_partie(c, id, &saisie))
}

#[tauri::command(async)]
pub fn articles_convention(etat: State<Etat>, id: i64) -> R<Vec<structure::Article>> {
    etat.avec(|c| structure::articles(c, id))
}

#[tauri::command(async)]
pub fn ajouter_article(
    etat: State<Etat>,
    id: i64,
    saisie: structure::SaisieArticle,
) -> R<Vec<structure::Article>> {
    etat.avec(|c| structure::ajouter_article(c, id, &saisie))
}

// ——— Groupe de suivi ———

#[tauri::command(async)]
pub fn membres_suivi(etat: State<Etat>, id: i64) -> R<Vec<suivi::Membre>> {
    etat.avec(|c| suivi::membres(c, id))
}

#[tauri::command(async)]
pub fn ajouter_membre_suivi(
    etat: State<Etat>,
    id: i64,
    personne_id: Option<i64>,
    role: String,
) -> R<Vec<suivi::Membre>> {
    etat.avec(|c| suivi::ajouter_membre(c, id, personne_id, &role))
}

/// Dossier de préparation d'une réunion, enregistré là où l'utilisateur le choisit.
#[tauri::command]
pub async fn preparer_reunion(app: AppHandle, id: i64, date: String) -> R<u64> {
    enregistrer(app, move |c| {
        documents::document_dossier_de_reunion(c, id, &date)
    })
    .await
}

#[tauri::command(async)]
pub fn contrat_convention(etat: State<Etat>, id: i64) -> R<Vec<contrat::LigneContrat>> {
    etat.avec(|c| contrat::lignes(c, id, None))
}

#[tauri::command(async)]
pub fn ajouter_ligne_contrat(
    etat: State<Etat>,
    id: i64,
    saisie: contrat::SaisieLigneContrat,
) -> R<Vec<contrat::LigneContrat>> {
    etat.avec(|c| contrat::ajouter(c, id, &saisie))
}

#[tauri::command]
pub async fn exporter_bilan_convention(app: AppHandle, id: i64, annee: i32) -> R<u64> {
    enregistrer(app, move |c| documents::document_bilan(c, id, annee)).await
}

#[tauri::command(async)]
pub fn pieces_convention(etat: State<Etat>, id: i64) -> R<Vec<pieces::Piece>> {
    etat.avec(|c| pieces::lister(c, id))
}

/// Joint un fichier choisi dans le dialogue « Ouvrir » ; `None` si l'utilisateur a annulé.
#[tauri::command]
pub async fn ajouter_piece(app: AppHandle, id: i64) -> R<Option<Vec<pieces::Piece>>> {
    a_part(app, move |app, etat| {
        let demande = Demande {
            titre: "Joindre un fichier",
            mode: Mode::Ouvrir,
            nom: None,
            filtres: &[],
            dossier: fichiers::dossier_propose(app, "piece"),
        };
        let Some(chemin) = dialogues::choisir(app, &demande) else {
            return Ok(None);
        };
        let octets = passerelle_core::fichiers::lire_entrant(&chemin, LIMITE_PIECE)?;
        let nom = fichiers::nom_affiche(&chemin);
        let liste = etat.avec_chemin(|c, base| pieces::ajouter(c, base, id, &nom, &octets))?;
        fichiers::modifier_preferences(app, |p| p.retenir_dossier("piece", &chemin));
        Ok(Some(liste))
    })
    .await
}

/// Retire une pièce jointe : sa ligne et son fichier.
#[tauri::command(async)]
pub fn retirer_piece(etat: State<Etat>, id: i64) -> R<Vec<pieces::Piece>> {
    etat.avec_chemin(|c, base| pieces::retirer(c, base, id))
}

/// Ouvre une pièce jointe avec la visionneuse du système.
#[tauri::command(async)]
pub fn ouvrir_piece(etat: State<Etat>, id: i64) -> R<()> {
    let chemin = etat.avec_chemin(|c, base| pieces::chemin_complet(c, base, id))?;
    fichiers::ouvrir_avec_le_systeme(&chemin)
}

#[tauri::command(async)]
pub fn lire_convention(etat: State<Etat>, id: i64) -> R<fiches::Convention> {
    etat.avec(|c| fiches::lire(c, id))
}

#[tauri::command(async)]
pub fn statuts_convention(etat: State<Etat>, id: i64) -> R<Vec<fiches::ChangementDeStatut>> {
    etat.avec(|c| fiches::statuts(c, id))
}
