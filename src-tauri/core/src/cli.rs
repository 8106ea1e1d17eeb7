//! La ligne de commande : même binaire que la fenêtre, sans jamais demander d'affichage.
//! Codes de sortie : 0 succès, 2 usage ou entrée invalide, 1 autre échec.

use crate::ipe::bilan::Periode;
use crate::{base, demo, Erreur, VERSION};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

pub const AIDE: &str = "\
Passerelle — relation École-entreprise de l'académie

Usage :
  passerelle [--db FICHIER]              ouvre la fenêtre
  passerelle --version                   affiche la version
  passerelle demo --db FICHIER           crée une nouvelle base remplie des données de démonstration
  passerelle verifier [--db FICHIER]     contrôle l'intégrité et le schéma de la base
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
  passerelle export cet --format csv|xlsx --sortie FICHIER
                                         exporte le registre des CET (réimportable)
  passerelle cet retour-organisations [--organisation ID] [--format pdf|csv] --sortie FICHIER
                                         lettres aux organisations professionnelles : CET proposés,
                                         nommés, mandats et secteurs
  passerelle bilan cet --annee-scolaire AAAA-AAAA [--academie NOM_OU_CODE] --sortie F.pdf
                                         bilan annuel des conseillers entreprise pour l'École
  passerelle aide                        affiche cette aide

Toutes les commandes acceptent --db FICHIER ; sans lui, la variable PASSERELLE_DB, sinon le
fichier par défaut de l'utilisateur. --essai contrôle un import sans rien écrire.";

/// Ce que l'utilisateur a demandé.
#[derive(Debug, PartialEq)]
pub enum Demande {
    Fenetre {
        db: Option<PathBuf>,
    },
    Version,
    Aide,
    Demo {
        db: Option<PathBuf>,
    },
    Verifier {
        db: Option<PathBuf>,
    },
    Import {
        db: Option<PathBuf>,
        quoi: Importable,
        fichier: PathBuf,
        essai: bool,
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
    SuiviPreparer {
        db: Option<PathBuf>,
        convention: i64,
        reunion: chrono::NaiveDate,
        sortie: PathBuf,
    },
    /// Un document d'une réunion (groupe de suivi ou comité) : `quoi` comme `reunions::documents::produire`.
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
}

/// Options qui attendent une valeur, et options sans valeur.
const AVEC_VALEUR: &[&str] = &[
    "--db",
    "--annee",
    "--academie",
    "--sortie",
    "--format",
    "--jusqu-au",
    "--convention",
    "--reunion",
    "--comite",
    "--organisation",
];
const SANS_VALEUR: &[&str] = &[
    "--essai",
    "--annee-scolaire",
    "--version",
    "-V",
    "--help",
    "-h",
];

/// Lit les arguments (sans le nom du programme). Une erreur est un message d'usage (code 2).
pub fn analyser(args: &[String]) -> Result<Demande, String> {
    let mut options: HashMap<&str, String> = HashMap::new();
    let mut mots: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        let (nom, valeur_jointe) = match a.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (a, None),
        };
        if let Some(nom) = AVEC_VALEUR.iter().find(|o| **o == nom) {
            let valeur = match valeur_jointe {
                Some(v) => v,
                None => {
                    i += 1;
                    args.get(i).cloned().unwrap_or_default()
                }
            };
            if valeur.is_empty() {
                return Err(format!("L'option {nom} attend une valeur."));
            }
            options.insert(nom, valeur);
        } else if SANS_VALEUR.contains(&nom) {
            // « --annee-scolaire » est un drapeau pour le bilan IPE et porte l'année pour les CLEE.
            options.insert(nom, valeur_jointe.unwrap_or_default());
        } else if a.starts_with('-') {
            return Err(format!("Option inconnue : « {a} »."));
        } else {
            mots.push(a);
        }
        i += 1;
    }
    let db = options.get("--db").map(PathBuf::from);
    let drapeau = |o: &str| options.contains_key(o);
    if drapeau("--version") || drapeau("-V") {
        return Ok(Demande::Version);
    }
    if drapeau("--help") || drapeau("-h") {
        return Ok(Demande::Aide);
    }
    let demande = match mots.as_slice() {
        [] => Demande::Fenetre { db },
        ["aide"] => Demande::Aide,
        ["demo"] => Demande::Demo { db },
        ["verifier"] => Demande::Verifier { db },
        ["import", quoi, fichier] => {
            let quoi = match *quoi {
                "ipe" => Importable::Ipe,
                "actions-ipe" => Importable::ActionsIpe,
                "cet" => Importable::Cet,
                autre => return Err(format!("Import inconnu : « {autre} » (ipe, actions-ipe ou cet).")),
            };
            Demande::Import { db, quoi, fichier: PathBuf::from(fichier), essai: drapeau("--essai") }
        }
        ["import", ..] => return Err("Usage : passerelle import ipe|actions-ipe|cet FICHIER [--essai]".into()),
        ["export", "cet"] => {
            let format = options.get("--format").cloned().unwrap_or_else(|| "csv".into());
            if format != "csv" && format != "xlsx" {
                return Err(format!("Format inconnu : « {format} » (csv ou xlsx)."));
            }
            Demande::ExportCet { db, format, sortie: sortie_choisie(&options)? }
        }
        ["export", ..] => return Err("Usage : passerelle export cet --format csv|xlsx --sortie FICHIER".into()),
        ["cet", "retour-organisations"] => {
            let organisation = options.get("--organisation").map(|o| o.parse().map_err(|_| format!("L'organisation « {o} » se désigne par son numéro."))).transpose()?;
            let csv = match options.get("--format").map(String::as_str) {
                None | Some("pdf") => false,
                Some("csv") => true,
                Some(autre) => return Err(format!("Format inconnu : « {autre} » (pdf ou csv).")),
            };
            Demande::RetourOrganisations { db, organisation, csv, sortie: sortie_choisie(&options)? }
        }
        ["cet", ..] => return Err("Usage : passerelle cet retour-organisations [--organisation ID] --sortie FICHIER".into()),
        ["bilan", "ipe"] => {
            let annee = options
                .get("--annee")
                .ok_or("Indiquez l'année : --annee AAAA.")?
                .parse::<i32>()
                .ok()
                .filter(|a| (1950..=2200).contains(a))
                .ok_or("L'année doit s'écrire sur quatre chiffres, par exemple --annee 2007.")?;
            let csv = match options.get("--format").map(String::as_str) {
                None | Some("pdf") => false,
                Some("csv") => true,
                Some(autre) => return Err(format!("Format inconnu : « {autre} » (pdf ou csv).")),
            };
            let sortie = options.get("--sortie").map(PathBuf::from).ok_or("Indiquez le fichier à écrire : --sortie FICHIER.")?;
            Demande::BilanIpe { db, annee, academie: options.get("--academie").cloned(), scolaire: drapeau("--annee-scolaire"), csv, sortie }
        }
        ["bilan", "convention"] => {
            let convention = options.get("--convention").and_then(|c| c.parse().ok()).ok_or("Indiquez la convention par son numéro : --convention ID.")?;
            let annee = options
                .get("--annee")
                .and_then(|a| a.parse::<i32>().ok())
                .filter(|a| (1950..=2200).contains(a))
                .ok_or("Indiquez l'année sur quatre chiffres : --annee AAAA.")?;
            let sortie = options.get("--sortie").map(PathBuf::from).ok_or("Indiquez le fichier à écrire : --sortie FICHIER.")?;
            Demande::BilanConvention { db, convention, annee, sortie }
        }
        ["bilan", "cet", reste @ ..] if reste.len() <= 1 => {
            let annee = annee_scolaire_choisie(&options, reste)?;
            Demande::BilanCet { db, annee, academie: options.get("--academie").cloned(), sortie: sortie_choisie(&options)? }
        }
        ["bilan", "clee", reste @ ..] if reste.len() <= 1 => {
            let annee = annee_scolaire_choisie(&options, reste)?;
            let comite = options.get("--comite").map(|c| c.parse().map_err(|_| format!("Le comité « {c} » se désigne par son numéro."))).transpose()?;
            Demande::BilanClee { db, annee, comite, academie: options.get("--academie").cloned(), sortie: sortie_choisie(&options)? }
        }
        ["bilan", ..] => return Err("Usage : passerelle bilan ipe|convention|clee … --sortie FICHIER".into()),
        ["echeances"] => {
            let jusqu_au = options.get("--jusqu-au").map(|d| crate::dates::lire(d)).transpose()?;
            let format = match options.get("--format").map(String::as_str) {
                None | Some("texte") => FormatEcheances::Texte,
                Some("csv") => FormatEcheances::Csv,
                Some("ics") => FormatEcheances::Ics,
                Some(autre) => return Err(format!("Format inconnu : «\u{a0}{autre}\u{a0}» (texte, csv ou ics).")),
            };
            Demande::Echeances { db, jusqu_au, format }
        }
        ["suivi", "preparer"] => {
            let convention = options
                .get("--convention")
                .and_then(|c| c.parse().ok())
                .ok_or("Indiquez la convention par son numéro : --convention ID.")?;
            let reunion = crate::dates::lire(options.get("--reunion").ok_or("Indiquez la date de la réunion : --reunion JJ/MM/AAAA.")?)?;
            let sortie = options.get("--sortie").map(PathBuf::from).ok_or("Indiquez le fichier à écrire : --sortie FICHIER.")?;
            Demande::SuiviPreparer { db, convention, reunion, sortie }
        }
        ["suivi", "releve"] => Demande::DocumentReunion { db, reunion: reunion_choisie(&options)?, quoi: "releve".into(), sortie: sortie_choisie(&options)? },
        ["clee", quoi @ ("compte-rendu" | "convocation" | "emargement" | "invitation")] => {
            Demande::DocumentReunion { db, reunion: reunion_choisie(&options)?, quoi: quoi.to_string(), sortie: sortie_choisie(&options)? }
        }
        ["clee", ..] => return Err("Usage : passerelle clee compte-rendu|convocation|emargement|invitation --reunion ID --sortie FICHIER".into()),
        ["suivi", ..] => return Err("Usage : passerelle suivi preparer --convention ID --reunion JJ/MM/AAAA --sortie F.pdf".into()),
        [commande, ..] if !["demo", "verifier", "aide", "echeances"].contains(commande) => {
            return Err(format!("Commande inconnue : « {commande} »."))
        }
        _ => return Err("Trop d'arguments.".to_string()),
    };
    Ok(demande)
}

/// « --annee-scolaire 2025-2026 » (l'année arrive comme mot, l'option étant aussi un drapeau).
fn annee_scolaire_choisie(options: &HashMap<&str, String>, reste: &[&str]) -> Result<i32, String> {
    let saisie = options
        .get("--annee-scolaire")
        .filter(|v| !v.is_empty())
        .map(String::as_str)
        .or(reste.first().copied());
    crate::dates::lire_annee_scolaire(
        saisie.ok_or("Indiquez l'année scolaire : --annee-scolaire 2025-2026.")?,
    )
}

fn reunion_choisie(options: &HashMap<&str, String>) -> Result<i64, String> {
    options
        .get("--reunion")
        .and_then(|r| r.parse().ok())
        .ok_or_else(|| "Indiquez la réunion par son numéro : --reunion ID.".to_string())
}

fn sortie_choisie(options: &HashMap<&str, String>) -> Result<PathBuf, String> {
    options
        .get("--sortie")
        .map(PathBuf::from)
        .ok_or_else(|| "Indiquez le fichier à écrire : --sortie FICHIER.".to_string())
}

/// Exécute une demande autre que la fenêtre ; rend le code de sortie.
pub fn executer(demande: Demande, sortie: &mut dyn Write, erreurs: &mut dyn Write) -> i32 {
    match lancer(demande, sortie) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(erreurs, "passerelle : {e}");
            if e.est_entree_invalide() {
                2
            } else {
                1
            }
        }
    }
}

/// Ouvre la base d'une commande qui la modifie ou la lit : elle doit déjà exister.
fn base_existante(db: Option<PathBuf>) -> Result<base::Base, Erreur> {
    let chemin = base::chemin_choisi(db);
    if !chemin.exists() {
        return Err(Erreur::Introuvable(format!(
            "Le fichier « {} » n'existe pas : créez la base en ouvrant Passerelle, ou avec passerelle demo --db FICHIER.",
            chemin.display()
        )));
    }
    base::ouvrir(&chemin)
}

fn lancer(demande: Demande, sortie: &mut dyn Write) -> Result<i32, Erreur> {
    match demande {
        Demande::Fenetre { .. } => unreachable!("la fenêtre est ouverte par l'application"),
        Demande::Version => {
            writeln!(
                sortie,
                "passerelle {VERSION} (schéma de base {})",
                base::VERSION_SCHEMA
            )?;
        }
        Demande::Aide => writeln!(sortie, "{AIDE}")?,
        Demande::Demo { db } => {
            let chemin = db.ok_or_else(|| {
                Erreur::validation(
                    "db",
                    "Indiquez le nouveau fichier : passerelle demo --db FICHIER",
                )
            })?;
            let b = demo::creer_base(&chemin)?;
            let c = crate::annuaire::compter(&b.conn)?;
            writeln!(
                sortie,
                "Base de démonstration créée : {}\n  {} bassins, {} établissements, {} organisations, {} personnes",
                chemin.display(),
                c.bassins,
                c.etablissements,
                c.organisations,
                c.personnes
            )?;
        }
        Demande::Verifier { db } => {
            let chemin = base::chemin_choisi(db);
            let (version, problemes) = base::verifier_fichier(&chemin)?;
            writeln!(
                sortie,
                "Base : {}\nVersion du schéma : {version}",
                chemin.display()
            )?;
            if problemes.is_empty() {
                writeln!(sortie, "Intégrité : aucun problème")?;
            } else {
                for p in &problemes {
                    writeln!(sortie, "Problème : {p}")?;
                }
                return Ok(1);
            }
        }
        Demande::Import {
            db,
            quoi,
            fichier,
            essai,
        } => {
            let octets = std::fs::read(&fichier).map_err(|e| {
                Erreur::Introuvable(format!(
                    "Impossible de lire « {} » : {e}",
                    fichier.display()
                ))
            })?;
            let b = base_existante(db)?;
            let r = match quoi {
                Importable::Ipe => crate::ipe::import::importer_ipe(&b.conn, &octets, essai)?,
                Importable::ActionsIpe => {
                    crate::ipe::import::importer_actions(&b.conn, &octets, essai)?
                }
                Importable::Cet => {
                    let r = crate::cet::import::importer(&b.conn, &octets, None, essai)?;
                    let verbe = if essai {
                        "contrôlé(s) (essai : rien n'a été enregistré)"
                    } else {
                        "importé(s)"
                    };
                    writeln!(
                        sortie,
                        "{} CET {verbe} sur {} ligne(s) — {}.",
                        r.importees, r.lignes, r.format
                    )?;
                    for d in &r.doublons {
                        writeln!(sortie, "  déjà présent, non repris : {d}")?;
                    }
                    for c in &r.creations {
                        writeln!(sortie, "  créé : {c}")?;
                    }
                    return Ok(0);
                }
            };
            let s = if r.lignes > 1 { "s" } else { "" };
            let verbe = if essai {
                format!("contrôlée{s} (essai : rien n'a été enregistré)")
            } else {
                format!("importée{s}")
            };
            writeln!(
                sortie,
                "{} ligne{s} {verbe} — fichier {}, séparateur « {} ».",
                r.lignes, r.encodage, r.separateur
            )?;
            for c in &r.creations {
                writeln!(sortie, "  créé : {c}")?;
            }
        }
        Demande::BilanIpe {
            db,
            annee,
            academie,
            scolaire,
            csv,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let academie_id = academie
                .map(|a| crate::annuaire::academies::trouver(&b.conn, &a).map(|a| a.id))
                .transpose()?;
            let periode = if scolaire {
                Periode::Scolaire(annee)
            } else {
                Periode::Civile(annee)
            };
            let (bilan, octets) = crate::bilans::ipe::produire(&b.conn, periode, academie_id, csv)?;
            std::fs::write(&fichier, octets)?;
            writeln!(
                sortie,
                "Bilan IPE {} ({}) écrit dans {}",
                bilan.periode_libelle,
                bilan.perimetre_libelle,
                fichier.display()
            )?;
        }
        Demande::Echeances {
            db,
            jusqu_au,
            format,
        } => {
            let b = base_existante(db)?;
            let v = match jusqu_au {
                Some(fin) => {
                    crate::echeancier::echeances(&b.conn, chrono::Local::now().date_naive(), fin)?
                }
                None => crate::echeancier::a_venir(&b.conn, None)?,
            };
            let texte = match format {
                FormatEcheances::Texte => crate::echeancier::en_texte(&v),
                FormatEcheances::Csv => crate::echeancier::en_csv(&v),
                FormatEcheances::Ics => {
                    crate::echeancier::en_ics(&v, chrono::Utc::now().naive_utc())
                }
            };
            write!(sortie, "{texte}")?;
        }
        Demande::SuiviPreparer {
            db,
            convention,
            reunion,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            std::fs::write(
                &fichier,
                crate::conventions::dossier::dossier_pdf(&b.conn, convention, reunion)?,
            )?;
            writeln!(
                sortie,
                "Dossier de la réunion du {} écrit dans {}",
                crate::dates::francaise(reunion),
                fichier.display()
            )?;
        }
        Demande::BilanConvention {
            db,
            convention,
            annee,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let pdf = crate::rapport::rendre_pdf(&crate::conventions::dossier::bilan_annuel(
                &b.conn, convention, annee,
            )?)?;
            std::fs::write(&fichier, pdf)?;
            writeln!(
                sortie,
                "Bilan {annee} de la convention écrit dans {}",
                fichier.display()
            )?;
        }
        Demande::DocumentReunion {
            db,
            reunion,
            quoi,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let (octets, _) = crate::reunions::documents::produire(&b.conn, reunion, &quoi)?;
            std::fs::write(&fichier, octets)?;
            writeln!(
                sortie,
                "Document « {quoi} » de la réunion n° {reunion} écrit dans {}",
                fichier.display()
            )?;
        }
        Demande::ExportCet {
            db,
            format,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            std::fs::write(
                &fichier,
                crate::cet::export::exporter(&b.conn, &Default::default(), &format)?,
            )?;
            writeln!(
                sortie,
                "Registre des CET exporté dans {}",
                fichier.display()
            )?;
        }
        Demande::RetourOrganisations {
            db,
            organisation,
            csv,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            std::fs::write(
                &fichier,
                crate::cet::retours::produire_retour(&b.conn, organisation, csv)?,
            )?;
            writeln!(
                sortie,
                "Retour aux organisations professionnelles écrit dans {}",
                fichier.display()
            )?;
        }
        Demande::BilanCet {
            db,
            annee,
            academie,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let academie = academie
                .map(|a| crate::annuaire::academies::trouver(&b.conn, &a).map(|a| a.id))
                .transpose()?;
            std::fs::write(&fichier, crate::cet::bilan::pdf(&b.conn, annee, academie)?)?;
            writeln!(
                sortie,
                "Bilan des CET {} écrit dans {}",
                crate::dates::Periode::Scolaire(annee).libelle(),
                fichier.display()
            )?;
        }
        Demande::BilanClee {
            db,
            annee,
            comite,
            academie,
            sortie: fichier,
        } => {
            use crate::clee::bilan::{self, Perimetre};
            let b = base_existante(db)?;
            let perimetre = match (comite, academie) {
                (Some(c), _) => Perimetre::Comite(c),
                (None, Some(a)) => {
                    Perimetre::Academie(crate::annuaire::academies::trouver(&b.conn, &a)?.id)
                }
                (None, None) => Perimetre::Tous,
            };
            std::fs::write(&fichier, bilan::pdf(&b.conn, annee, perimetre)?)?;
            writeln!(
                sortie,
                "Bilan des CLEE {} écrit dans {}",
                crate::dates::Periode::Scolaire(annee).libelle(),
                fichier.display()
            )?;
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn analyse_des_arguments() {
        assert_eq!(analyser(&a(&[])).unwrap(), Demande::Fenetre { db: None });
        assert_eq!(
            analyser(&a(&["--db", "x.sqlite"])).unwrap(),
            Demande::Fenetre {
                db: Some("x.sqlite".into())
            }
        );
        assert_eq!(analyser(&a(&["--version"])).unwrap(), Demande::Version);
        assert_eq!(
            analyser(&a(&["demo", "--db", "d.sqlite"])).unwrap(),
            Demande::Demo {
                db: Some("d.sqlite".into())
            }
        );
        assert_eq!(
            analyser(&a(&["--db=v.sqlite", "verifier"])).unwrap(),
            Demande::Verifier {
                db: Some("v.sqlite".into())
            }
        );
        assert!(analyser(&a(&["demo", "--db"]))
            .unwrap_err()
            .contains("--db"));
        assert!(analyser(&a(&["exporter"]))
            .unwrap_err()
            .contains("« exporter »"));
        assert!(analyser(&a(&["--vite"]))
            .unwrap_err()
            .contains("« --vite »"));
        assert!(analyser(&a(&["demo", "encore"])).is_err());
        assert_eq!(
            analyser(&a(&[
                "import",
                "actions-ipe",
                "--db",
                "b.sqlite",
                "a.csv",
                "--essai"
            ]))
            .unwrap(),
            Demande::Import {
                db: Some("b.sqlite".into()),
                quoi: Importable::ActionsIpe,
                fichier: "a.csv".into(),
                essai: true
            }
        );
        assert_eq!(
            analyser(&a(&[
                "bilan",
                "ipe",
                "--annee",
                "2007",
                "--academie",
                "Lille",
                "--sortie",
                "b.pdf"
            ]))
            .unwrap(),
            Demande::BilanIpe {
                db: None,
                annee: 2007,
                academie: Some("Lille".into()),
                scolaire: false,
                csv: false,
                sortie: "b.pdf".into()
            }
        );
        assert!(
            analyser(&a(&["bilan", "ipe", "--annee", "07", "--sortie", "b.pdf"]))
                .unwrap_err()
                .contains("quatre chiffres")
        );
        assert!(analyser(&a(&["bilan", "ipe", "--annee", "2007"]))
            .unwrap_err()
            .contains("--sortie"));
        assert!(analyser(&a(&["import", "cetx", "x.csv"]))
            .unwrap_err()
            .contains("« cetx »"));
        assert_eq!(
            analyser(&a(&["import", "cet", "--db", "b.sqlite", "liste.xlsx"])).unwrap(),
            Demande::Import {
                db: Some("b.sqlite".into()),
                quoi: Importable::Cet,
                fichier: "liste.xlsx".into(),
                essai: false
            }
        );
        assert_eq!(
            analyser(&a(&[
                "export", "cet", "--format", "xlsx", "--sortie", "r.xlsx"
            ]))
            .unwrap(),
            Demande::ExportCet {
                db: None,
                format: "xlsx".into(),
                sortie: "r.xlsx".into()
            }
        );
        assert!(analyser(&a(&[
            "export", "cet", "--format", "ods", "--sortie", "r.ods"
        ]))
        .unwrap_err()
        .contains("csv ou xlsx"));
        assert_eq!(
            analyser(&a(&[
                "cet",
                "retour-organisations",
                "--organisation",
                "7",
                "--sortie",
                "r.pdf"
            ]))
            .unwrap(),
            Demande::RetourOrganisations {
                db: None,
                organisation: Some(7),
                csv: false,
                sortie: "r.pdf".into()
            }
        );
        assert_eq!(
            analyser(&a(&[
                "bilan",
                "cet",
                "--annee-scolaire",
                "2025-2026",
                "--sortie",
                "b.pdf"
            ]))
            .unwrap(),
            Demande::BilanCet {
                db: None,
                annee: 2025,
                academie: None,
                sortie: "b.pdf".into()
            }
        );
    }
}
