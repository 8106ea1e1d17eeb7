//! Les commandes appelées par l'interface : chacune une ligne au-dessus du cœur.

use crate::app::Etat;
use crate::dialogues::{self, Demande, Mode};
use crate::erreur::ErreurApp;
use crate::fichiers::{self, a_part};
use passerelle_core::annuaire::bassins::{self, Bassin, FiltreBassins, SaisieBassin};
use passerelle_core::annuaire::etablissements::{
    self, Etablissement, FiltreEtablissements, SaisieEtablissement,
};
use passerelle_core::annuaire::organisations::{
    self, FiltreOrganisations, Organisation, SaisieOrganisation,
};
use passerelle_core::annuaire::personnes::{self, FiltrePersonnes, Personne, SaisiePersonne};
use passerelle_core::annuaire::{self, recherche, References};
use passerelle_core::conventions::{contrat, documents, fiches, pieces, structure, suivi};
use passerelle_core::echeancier;
use passerelle_core::fichiers::LIMITE_PIECE;
use passerelle_core::ipe::{actions, bilan, commentaires, import, intervenants, themes};
use passerelle_core::liste::Liste;
use passerelle_core::rapport::Document;
use passerelle_core::{base, parametres, sauvegardes};
use serde::Serialize;
use std::collections::BTreeMap;
use tauri::{AppHandle, Manager, State};

/// Produit un document comme un long travail (sa propre connexion à la base, annulable), puis
/// demande où l'enregistrer ; rend le numéro du travail, dont le résultat est le fichier
/// enregistré (`None` si l'utilisateur a annulé le dialogue).
pub async fn enregistrer(
    app: AppHandle,
    produire: impl FnOnce(&passerelle_core::Connection) -> passerelle_core::Resultat<Document>
        + Send
        + 'static,
) -> R<u64> {
    let etat = app.state::<Etat>();
    let app = app.clone();
    Ok(etat.lancer_travail(move |c, suivi| {
        suivi.fixer_total(2);
        let doc = produire(c)?;
        // Annulé pendant la préparation : le dialogue ne s'ouvre pas, rien n'est écrit.
        suivi.avancer(1)?;
        fichiers::enregistrer(&app, &app.state::<Etat>(), doc, suivi)
    }))
}

pub mod bases_et_fichiers;
pub mod cet;
pub mod clee;
pub mod consolidation;
pub mod copies;
pub mod donnees_personnelles;
pub mod journal;
pub mod reunions;
pub mod travaux;

pub type R<T> = Result<T, ErreurApp>;

#[derive(Serialize)]
pub struct InfosBase {
    chemin: String,
    version_schema: Option<i64>,
    version_programme: &'static str,
    erreur: Option<String>,
    accueil_requis: bool,
    /// Date de la sauvegarde la plus récente (« 2026-12-02T14:05 »), pour la barre d'état.
    derniere_sauvegarde: Option<String>,
}

/// Barre d'état, page Paramètres et choix du premier démarrage.
#[tauri::command(async)]
pub fn infos_base(etat: State<Etat>) -> InfosBase {
    let lu = etat.avec(|c| Ok((base::version(c)?, parametres::accueil_requis(c)?)));
    InfosBase {
        chemin: etat.chemin().display().to_string(),
        version_schema: lu.as_ref().ok().map(|l| l.0),
        version_programme: passerelle_core::VERSION,
        accueil_requis: lu.as_ref().map(|l| l.1).unwrap_or(false),
        erreur: lu.err().map(|e| e.to_string()),
        derniere_sauvegarde: sauvegardes::derniere(&etat.chemin())
            .map(|q| q.format("%Y-%m-%dT%H:%M").to_string()),
    }
}

#[tauri::command(async)]
pub fn choisir_accueil(etat: State<Etat>, demonstration: bool) -> R<()> {
    etat.avec(|c| parametres::choisir_accueil(c, demonstration))
}

#[tauri::command(async)]
pub fn references(etat: State<Etat>) -> R<References> {
    etat.avec(annuaire::references)
}

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

// ——— IPE ———

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

// ——— Conventions et échéancier ———

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
