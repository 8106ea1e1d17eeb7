//! La ligne de commande : même binaire que la fenêtre, sans jamais demander d'affichage.
//! Codes de sortie : 0 succès, 2 usage ou entrée invalide, 1 autre échec.

use std::path::PathBuf;

mod analyse;
mod annuaire_education;
mod consolidation;
mod execution;
mod historique;
mod sauvegardes;
#[cfg(test)]
mod tests;

pub use analyse::analyser;
pub use execution::executer;

pub const AIDE: &str = "\
Passerelle — relation École-entreprise de l'académie

Usage :
  passerelle [--db FICHIER]              ouvre la fenêtre
  passerelle [--db FICHIER] P.passerelle …
                                         ouvre la fenêtre sur l'aperçu de ces paquets de consolidation
  passerelle --version                   affiche la version
  passerelle nouvelle --db FICHIER       crée une nouvelle base vide
  passerelle demo --db FICHIER           crée une nouvelle base remplie des données de démonstration
  passerelle verifier [--db FICHIER]     contrôle l'intégrité et le schéma de la base
  passerelle sauvegarder [--vers DOSSIER]   sauvegarde la base (dans sauvegardes/ à côté d'elle)
  passerelle sauvegardes [--vers DOSSIER]   liste les sauvegardes : date, raison, contenu
  passerelle restaurer --depuis SAUVEGARDE  restaure une sauvegarde (l'état présent est sauvegardé d'abord)
  passerelle import ipe FICHIER.csv [--essai]
                                         importe le registre des IPE (nom;prenom;entreprise;academie;
                                         debut_mission;fin_mission;quotite)
  passerelle import actions-ipe FICHIER.csv [--essai]
                                         importe des actions IPE (date;ipe;academie;theme;intitule;
                                         etablissements;jeunes_filles;jeunes_garcons;enseignants_femmes;
                                         enseignants_hommes;entreprises;organisations_professionnelles)
  passerelle bilan ipe --annee AAAA [--academie NOM_OU_CODE] [--annee-scolaire]
                       [--format pdf|csv] --sortie FICHIER
                                         écrit le bilan annuel des IPE
  passerelle echeances [--jusqu-au JJ/MM/AAAA] [--format texte|csv|ics]
                                         échéances des conventions (préavis, fins, évaluations) ;
                                         par défaut jusqu'à l'horizon réglé (90 jours), en texte
  passerelle historique [--depuis JJ/MM/AAAA] [--format texte|csv]
                                         journal des changements (création, modification,
                                         suppression de chaque fiche), les plus récents d'abord
  passerelle bilan convention --convention ID --annee AAAA --sortie F.pdf
                                         bilan annuel d'une convention (activité, indicateurs, réunions)
  passerelle suivi preparer --convention ID --reunion JJ/MM/AAAA --sortie F.pdf
                                         dossier de préparation d'une réunion du groupe de suivi
  passerelle suivi releve --reunion ID --sortie F.pdf
                                         relevé de décisions d'une réunion tenue
  passerelle clee compte-rendu|convocation|emargement|invitation --reunion ID --sortie FICHIER
                                         compte rendu, convocation, feuille d'émargement (PDF) ou
                                         invitation (.ics) d'une réunion de comité
  passerelle bilan clee --annee-scolaire AAAA-AAAA [--comite ID | --academie NOM_OU_CODE]
                        --sortie F.pdf   bilan annuel des comités locaux École-entreprise
  passerelle import cet FICHIER [--essai]
                                         importe une liste de CET (CSV, .xlsx ou .ods) : civilite;nom;
                                         prenom;email;telephone;employeur;secteur;cpc;organisation_proposante;
                                         academie;bassin;debut_mandat;fin_mandat
  passerelle import annuaire-education FICHIER.csv [--academie NOM_OU_CODE] [--essai]
                                         importe l'Annuaire de l'éducation (fichier officiel
                                         fr-en-annuaire-education) : crée ou met à jour les
                                         établissements par leur code UAI, d'une académie ou de toutes
  passerelle export cet --format csv|xlsx --sortie FICHIER
                                         exporte le registre des CET (réimportable)
  passerelle cet retour-organisations [--organisation ID] [--format pdf|csv] --sortie FICHIER
                                         lettres aux organisations professionnelles : CET proposés,
                                         nommés, mandats et secteurs
  passerelle bilan cet --annee-scolaire AAAA-AAAA [--academie NOM_OU_CODE] --sortie F.pdf
                                         bilan annuel des conseillers entreprise pour l'École
  passerelle identite [--nom NOM] [--academie NOM_OU_CODE]
                                         nom et académie de cette base, inscrits dans ses paquets
  passerelle paquet exporter --perimetre ipe|clee|cet|conventions|tout
                        (--annee AAAA | --annee-scolaire AAAA-AAAA) [--academie NOM_OU_CODE|national]
                        --sortie P.passerelle
                                         paquet de consolidation : les fiches du périmètre pour la
                                         période, avec l'annuaire qu'elles citent
  passerelle paquet importer P1.passerelle [P2.passerelle …] [--essai]
                                         fusionne des paquets (chacun tout ou rien) ; le même
                                         paquet deux fois ne change rien
  passerelle sources                     contributions reçues, académies sans paquet, conflits
  passerelle aide                        affiche cette aide

Toutes les commandes acceptent --db FICHIER ; sans lui, la variable PASSERELLE_DB, sinon le
fichier par défaut de l'utilisateur. --essai contrôle un import sans rien écrire.";

/// Ce que l'utilisateur a demandé.
#[derive(Debug, PartialEq)]
pub enum Demande {
    Fenetre {
        db: Option<PathBuf>,
        /// Paquets de consolidation à ouvrir dans la fenêtre (fichiers `.passerelle`).
        paquets: Vec<PathBuf>,
    },
    Version,
    Aide,
    Demo {
        db: Option<PathBuf>,
    },
    Nouvelle {
        db: Option<PathBuf>,
    },
    Verifier {
        db: Option<PathBuf>,
    },
    /// Une sauvegarde de la base, dans `vers` (par défaut `sauvegardes/` à côté).
    Sauvegarder {
        db: Option<PathBuf>,
        vers: Option<PathBuf>,
    },
    Sauvegardes {
        db: Option<PathBuf>,
        vers: Option<PathBuf>,
    },
    Restaurer {
        db: Option<PathBuf>,
        depuis: PathBuf,
    },
    Import {
        db: Option<PathBuf>,
        quoi: Importable,
        fichier: PathBuf,
        essai: bool,
        /// L'académie retenue (annuaire de l'éducation), par code ou nom ; `None` : toutes.
        academie: Option<String>,
    },
    BilanIpe {
        db: Option<PathBuf>,
        annee: i32,
        academie: Option<String>,
        scolaire: bool,
        csv: bool,
        sortie: PathBuf,
    },
    Echeances {
        db: Option<PathBuf>,
        jusqu_au: Option<chrono::NaiveDate>,
        format: FormatEcheances,
    },
    /// Le journal des changements depuis une date (JJ/MM/AAAA), en texte ou en CSV.
    Historique {
        db: Option<PathBuf>,
        depuis: Option<String>,
        csv: bool,
    },
    /// Montre l'identité de la base, ou la change si `nom` ou `academie` est donné.
    Identite {
        db: Option<PathBuf>,
        nom: Option<String>,
        academie: Option<String>,
    },
    PaquetExporter {
        db: Option<PathBuf>,
        demande: crate::consolidation::DemandeExport,
        sortie: PathBuf,
    },
    PaquetImporter {
        db: Option<PathBuf>,
        fichiers: Vec<PathBuf>,
        essai: bool,
    },
    Sources {
        db: Option<PathBuf>,
    },
    SuiviPreparer {
        db: Option<PathBuf>,
        convention: i64,
        reunion: chrono::NaiveDate,
        sortie: PathBuf,
    },
    /// Un document d'une réunion (groupe de suivi ou comité) : `quoi` comme `reunions::documents::fichier_document`.
    DocumentReunion {
        db: Option<PathBuf>,
        reunion: i64,
        quoi: String,
        sortie: PathBuf,
    },
    BilanClee {
        db: Option<PathBuf>,
        annee: i32,
        comite: Option<i64>,
        academie: Option<String>,
        sortie: PathBuf,
    },
    ExportCet {
        db: Option<PathBuf>,
        format: String,
        sortie: PathBuf,
    },
    RetourOrganisations {
        db: Option<PathBuf>,
        organisation: Option<i64>,
        csv: bool,
        sortie: PathBuf,
    },
    BilanCet {
        db: Option<PathBuf>,
        annee: i32,
        academie: Option<String>,
        sortie: PathBuf,
    },
    BilanConvention {
        db: Option<PathBuf>,
        convention: i64,
        annee: i32,
        sortie: PathBuf,
    },
}

#[derive(Debug, PartialEq, Clone, Copy)]
pub enum FormatEcheances {
    Texte,
    Csv,
    Ics,
}

#[derive(Debug, PartialEq, Clone, Copy)]
pub enum Importable {
    Ipe,
    ActionsIpe,
    Cet,
    AnnuaireEducation,
}
