//! Exécution d'une demande : chaque commande appelle les mêmes fonctions que la fenêtre.

use super::{Demande, FormatEcheances, Importable, AIDE};
use crate::ipe::bilan::Periode;
use crate::travail::Suivi;
use crate::{base, demo, fichiers, Erreur, VERSION};
use std::io::Write;
use std::path::{Path, PathBuf};

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
pub(super) fn base_existante(db: Option<PathBuf>) -> Result<base::Base, Erreur> {
    let chemin = base::chemin_choisi(db);
    if !chemin.exists() {
        return Err(Erreur::Introuvable(format!(
            "Le fichier « {} » n'existe pas : créez la base en ouvrant Passerelle, ou avec passerelle demo --db FICHIER.",
            chemin.display()
        )));
    }
    let b = base::ouvrir(&chemin)?;
    crate::journal::fixer_chemin(&b.conn, crate::journal::Chemin::LigneDeCommande)?;
    Ok(b)
}

fn lancer(demande: Demande, sortie: &mut dyn Write) -> Result<i32, Erreur> {
    match demande {
        Demande::Fenetre { .. } => unreachable!("la fenêtre est ouverte par l'application"),
        Demande::Version => writeln!(
            sortie,
            "passerelle {VERSION} (schéma de base {})",
            base::VERSION_SCHEMA
        )?,
        Demande::Aide => writeln!(sortie, "{AIDE}")?,
        Demande::Demo { db } => creer_demo(db, sortie)?,
        Demande::Nouvelle { db } => creer_nouvelle(db, sortie)?,
        Demande::Verifier { db } => return verifier(db, sortie),
        Demande::Sauvegarder { db, vers } => {
            super::sauvegardes::sauvegarder(db, vers.as_deref(), sortie)?
        }
        Demande::Sauvegardes { db, vers } => {
            super::sauvegardes::lister(db, vers.as_deref(), sortie)?
        }
        Demande::Restaurer { db, depuis } => super::sauvegardes::restaurer(db, &depuis, sortie)?,
        Demande::Import {
            db,
            quoi,
            fichier,
            essai,
            academie,
        } => importer(db, quoi, &fichier, essai, academie.as_deref(), sortie)?,
        Demande::BilanIpe {
            db,
            annee,
            academie,
            scolaire,
            csv,
            sortie: fichier,
        } => {
            let periode = if scolaire {
                Periode::Scolaire(annee)
            } else {
                Periode::Civile(annee)
            };
            bilan_ipe(db, periode, academie, csv, &fichier, sortie)?
        }
        Demande::Echeances {
            db,
            jusqu_au,
            format,
        } => echeances(db, jusqu_au, format, sortie)?,
        Demande::Identite { db, nom, academie } => {
            super::consolidation::identite(db, nom, academie, sortie)?
        }
        Demande::PaquetExporter {
            db,
            demande,
            sortie: fichier,
        } => super::consolidation::exporter(db, &demande, &fichier, sortie)?,
        Demande::PaquetImporter {
            db,
            fichiers,
            essai,
        } => return super::consolidation::afficher_import(db, &fichiers, essai, sortie),
        Demande::Sources { db } => super::consolidation::afficher_sources(db, sortie)?,
        Demande::Historique { db, depuis, csv } => {
            super::historique::afficher(db, depuis, csv, sortie)?
        }
        demande => documents(demande, sortie)?,
    }
    Ok(0)
}

fn creer_demo(db: Option<PathBuf>, sortie: &mut dyn Write) -> Result<(), Erreur> {
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
    Ok(())
}

fn creer_nouvelle(db: Option<PathBuf>, sortie: &mut dyn Write) -> Result<(), Erreur> {
    let chemin = db.ok_or_else(|| {
        Erreur::validation(
            "db",
            "Indiquez le nouveau fichier : passerelle nouvelle --db FICHIER",
        )
    })?;
    base::nouvelle(&chemin)?;
    writeln!(sortie, "Base créée : {}", chemin.display())?;
    Ok(())
}

/// Code 1 si la base a des problèmes.
fn verifier(db: Option<PathBuf>, sortie: &mut dyn Write) -> Result<i32, Erreur> {
    let chemin = base::chemin_choisi(db);
    let (version, problemes) = base::verifier_fichier(&chemin)?;
    writeln!(
        sortie,
        "Base : {}\nVersion du schéma : {version}",
        chemin.display()
    )?;
    if problemes.is_empty() {
        writeln!(sortie, "Intégrité : aucun problème")?;
        return Ok(0);
    }
    // Une base très abîmée peut en compter des milliers : les premiers suffisent à comprendre.
    for p in problemes.iter().take(20) {
        writeln!(sortie, "Problème : {p}")?;
    }
    if problemes.len() > 20 {
        writeln!(sortie, "… et {} autres problèmes.", problemes.len() - 20)?;
    }
    Ok(1)
}

fn importer(
    db: Option<PathBuf>,
    quoi: Importable,
    fichier: &Path,
    essai: bool,
    academie: Option<&str>,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let octets = fichiers::lire_entrant(fichier, fichiers::LIMITE_IMPORT)?;
    let b = base_existante(db)?;
    if !essai {
        crate::sauvegardes::avant(&b.conn, &b.chemin, crate::sauvegardes::Raison::AvantImport)?;
    }
    let r = match quoi {
        Importable::Ipe => {
            crate::ipe::import::importer_ipe(&b.conn, &octets, essai, &Suivi::default())?
        }
        Importable::ActionsIpe => {
            crate::ipe::import::importer_actions(&b.conn, &octets, essai, &Suivi::default())?
        }
        Importable::Cet => return importer_cet(&b.conn, &octets, essai, sortie),
        Importable::AnnuaireEducation => {
            let r = crate::annuaire::annuaire_education::importer(
                &b.conn,
                &octets,
                academie,
                essai,
                &Suivi::default(),
            )?;
            return super::annuaire_education::afficher(&r, sortie);
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
        r.lignes,
        r.encodage,
        crate::csv::nom_separateur(r.separateur)
    )?;
    for c in &r.creations {
        writeln!(sortie, "  créé : {c}")?;
    }
    Ok(())
}

fn importer_cet(
    conn: &rusqlite::Connection,
    octets: &[u8],
    essai: bool,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let r = crate::cet::import::importer(conn, octets, None, essai, &Suivi::default())?;
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
    Ok(())
}

fn bilan_ipe(
    db: Option<PathBuf>,
    periode: Periode,
    academie: Option<String>,
    csv: bool,
    fichier: &Path,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let academie_id = academie
        .map(|a| crate::annuaire::academies::trouver(&b.conn, &a).map(|a| a.id))
        .transpose()?;
    let (bilan, octets) = crate::ipe::bilan::fichier_bilan(&b.conn, periode, academie_id, csv)?;
    fichiers::ecrire_document(fichier, &octets, Some(&b.chemin))?;
    writeln!(
        sortie,
        "Bilan IPE {} ({}) écrit dans {}",
        bilan.periode_libelle,
        bilan.perimetre_libelle,
        fichier.display()
    )?;
    Ok(())
}

fn echeances(
    db: Option<PathBuf>,
    jusqu_au: Option<chrono::NaiveDate>,
    format: FormatEcheances,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let v = match jusqu_au {
        Some(fin) => crate::echeancier::echeances(&b.conn, chrono::Local::now().date_naive(), fin)?,
        None => crate::echeancier::a_venir(&b.conn, None)?,
    };
    let texte = match format {
        FormatEcheances::Texte => crate::echeancier::en_texte(&v),
        FormatEcheances::Csv => crate::echeancier::en_csv(&v),
        FormatEcheances::Ics => crate::echeancier::en_ics(&v, chrono::Utc::now().naive_utc()),
    };
    write!(sortie, "{texte}")?;
    Ok(())
}

/// Les commandes qui écrivent un document dans `--sortie` et le disent.
fn documents(demande: Demande, sortie: &mut dyn Write) -> Result<(), Erreur> {
    let (base, fichier, octets, message) = match demande {
        Demande::SuiviPreparer {
            db,
            convention,
            reunion,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let pdf = crate::conventions::documents::document_dossier_de_reunion(
                &b.conn,
                convention,
                &crate::dates::iso(reunion),
            )?
            .octets;
            let message = format!(
                "Dossier de la réunion du {} écrit",
                crate::dates::francaise(reunion)
            );
            (b.chemin.clone(), fichier, pdf, message)
        }
        Demande::BilanConvention {
            db,
            convention,
            annee,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let pdf =
                crate::conventions::documents::document_bilan(&b.conn, convention, annee)?.octets;
            (
                b.chemin.clone(),
                fichier,
                pdf,
                format!("Bilan {annee} de la convention écrit"),
            )
        }
        Demande::DocumentReunion {
            db,
            reunion,
            quoi,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let octets =
                crate::reunions::documents::fichier_document(&b.conn, reunion, &quoi)?.octets;
            let message = format!("Document « {quoi} » de la réunion n° {reunion} écrit");
            (b.chemin.clone(), fichier, octets, message)
        }
        demande => documents_cet_clee(demande)?,
    };
    fichiers::ecrire_document(&fichier, &octets, Some(&base))?;
    writeln!(sortie, "{message} dans {}", fichier.display())?;
    Ok(())
}

/// Les documents des CET et des CLEE : (b.chemin.clone(),fichier, octets, ce qui a été écrit).
fn documents_cet_clee(demande: Demande) -> Result<(PathBuf, PathBuf, Vec<u8>, String), Erreur> {
    Ok(match demande {
        Demande::ExportCet {
            db,
            format,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let octets =
                crate::cet::export::fichier_registre(&b.conn, &Default::default(), &format)?;
            (
                b.chemin.clone(),
                fichier,
                octets,
                "Registre des CET exporté".into(),
            )
        }
        Demande::RetourOrganisations {
            db,
            organisation,
            csv,
            sortie: fichier,
        } => {
            let b = base_existante(db)?;
            let octets = crate::cet::documents::document_retour(&b.conn, organisation, csv)?.octets;
            let message = "Retour aux organisations professionnelles écrit".into();
            (b.chemin.clone(), fichier, octets, message)
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
            let periode = crate::dates::Periode::Scolaire(annee).libelle();
            let pdf = crate::cet::bilan::document_bilan(&b.conn, &periode, academie)?.octets;
            (
                b.chemin.clone(),
                fichier,
                pdf,
                format!("Bilan des CET {periode} écrit"),
            )
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
            let periode = crate::dates::Periode::Scolaire(annee).libelle();
            let pdf = bilan::document_bilan(&b.conn, &periode, perimetre)?.octets;
            (
                b.chemin.clone(),
                fichier,
                pdf,
                format!("Bilan des CLEE {periode} écrit"),
            )
        }
        _ => unreachable!("demande traitée par `lancer`"),
    })
}
