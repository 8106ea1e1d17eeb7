//! `passerelle identite`, `paquet exporter`, `paquet importer` et `sources`.

use super::execution::base_existante;
use super::Demande;
use crate::consolidation::{self, DemandeExport, Identite};
use crate::texte::nombre;
use crate::{fichiers, Erreur};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `paquet importer P1 P2 … [--essai]` : au moins un fichier.
pub(super) fn importer(
    fichiers: Vec<PathBuf>,
    db: Option<PathBuf>,
    essai: bool,
) -> Result<Demande, String> {
    if fichiers.is_empty() {
        return Err(
            "Usage : passerelle paquet importer P1.passerelle [P2.passerelle …] [--essai]".into(),
        );
    }
    Ok(Demande::PaquetImporter {
        db,
        fichiers,
        essai,
    })
}

pub(super) fn identite(
    db: Option<PathBuf>,
    nom: Option<String>,
    academie: Option<String>,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let mut i = consolidation::identite(&b.conn)?;
    if nom.is_some() || academie.is_some() {
        if let Some(a) = academie {
            i.academie = if a.trim().is_empty() {
                String::new()
            } else {
                crate::annuaire::academies::trouver(&b.conn, &a)?.code
            };
        }
        i = consolidation::nommer(
            &b.conn,
            &Identite {
                nom: nom.unwrap_or(i.nom.clone()),
                ..i
            },
        )?;
    }
    let academie = if i.academie.is_empty() {
        "aucune (base nationale)".to_string()
    } else {
        let a = crate::annuaire::academies::trouver(&b.conn, &i.academie)?;
        format!("{} ({})", a.nom, a.code)
    };
    writeln!(
        sortie,
        "Nom : {}\nAcadémie : {academie}\nIdentifiant : {}",
        i.nom, i.uid
    )?;
    Ok(())
}

pub(super) fn exporter(
    db: Option<PathBuf>,
    d: &DemandeExport,
    fichier: &Path,
    sortie: &mut dyn Write,
) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let doc = consolidation::document_paquet(&b.conn, d)?;
    fichiers::ecrire_document(fichier, &doc.octets, Some(&b.chemin))?;
    let m = consolidation::lire_manifeste(fichier)?;
    let propres: i64 = m.comptes.values().sum();
    writeln!(
        sortie,
        "Paquet écrit : {} — {} fiche{} ({}).",
        fichier.display(),
        nombre(propres),
        if propres > 1 { "s" } else { "" },
        m.periode
    )?;
    Ok(())
}

/// Code 0 si tous les paquets sont entrés, 1 si l'un d'eux a été refusé.
pub(super) fn afficher_import(
    db: Option<PathBuf>,
    paquets: &[PathBuf],
    essai: bool,
    sortie: &mut dyn Write,
) -> Result<i32, Erreur> {
    let b = base_existante(db)?;
    let suivi = crate::travail::Suivi::default();
    let mut code = 0;
    for r in consolidation::importer_apres_sauvegarde(&b.conn, &b.chemin, paquets, essai, &suivi)? {
        match (r.compte_rendu, r.erreur) {
            (Some(cr), _) if cr.deja_recu => {
                writeln!(sortie, "{} : déjà importé, rien n'a changé.", r.fichier)?;
            }
            (Some(cr), _) => {
                writeln!(
                    sortie,
                    "{} : « {} », {}, {} — nouvelles : {} ; remplacées : {} ; inchangées : {} ; supprimées à la source : {} ; annuaire reconnu : {} ; conflits : {}",
                    r.fichier, cr.source, cr.perimetre, cr.periode, nombre(cr.nouvelles as i64), nombre(cr.remplacees as i64),
                    nombre(cr.inchangees as i64), nombre(cr.supprimees as i64), nombre(cr.rapprochees as i64), nombre(cr.conflits.len() as i64)
                )?;
                for c in &cr.conflits {
                    writeln!(sortie, "  conflit : {c}")?;
                }
            }
            (None, erreur) => {
                code = 1;
                writeln!(
                    sortie,
                    "{} : refusé, rien n'en a été enregistré. {}",
                    r.fichier,
                    erreur.unwrap_or_default()
                )?;
            }
        }
    }
    if essai {
        writeln!(sortie, "Essai : rien n'a été enregistré.")?;
    }
    Ok(code)
}

pub(super) fn afficher_sources(db: Option<PathBuf>, sortie: &mut dyn Write) -> Result<(), Erreur> {
    let b = base_existante(db)?;
    let etat = consolidation::etat(&b.conn)?;
    let sources = &etat.sources;
    if sources.is_empty() {
        writeln!(sortie, "Aucun paquet reçu.")?;
    }
    for s in sources {
        writeln!(
            sortie,
            "{} | {} | {} | {} | {} | reçu le {} | {}{}",
            s.periode,
            s.nom,
            s.perimetre_libelle,
            s.portee,
            s.fichier,
            s.recu_le,
            s.contenu,
            if s.conflits_ouverts > 0 {
                format!(" | {} conflit(s) à trancher", s.conflits_ouverts)
            } else {
                String::new()
            }
        )?;
    }
    for (p, manquantes) in &etat.manquantes {
        if !manquantes.is_empty() {
            writeln!(sortie, "Sans paquet pour {p} : {}", manquantes.join(", "))?;
        }
    }
    Ok(())
}
