//! Consolidation : plusieurs postes, un bilan d'académie ou national. Chaque base a une
//! identité ; chaque fiche métier un identifiant global (migration 13). Une base exporte un
//! **paquet** (`.passerelle`, fichier SQLite qui porte l'empreinte SHA-256 de son contenu : elle
//! décèle un paquet abîmé ou retouché en chemin, sans en garantir l'auteur, puisque n'importe
//! qui peut la recalculer) pour un périmètre et une période ; une base de consolidation en
//! importe autant qu'il en arrive, sans compter deux fois ce qui arrive deux fois.
//! - `schema.rs` : ce qui voyage, lu dans le schéma ;
//! - `fiches.rs` : une fiche en JSON canonique, sans identifiant local ;
//! - `paquet.rs` : le fichier (manifeste, empreinte, lecture contrôlée) ;
//! - `export.rs` : la sélection des fiches et l'écriture ;
//! - `import.rs` : l'entrée d'un paquet ; `fusion.rs`, `cles.rs`, `retrait.rs` : la fusion
//!   (nouveau, remplacé, inchangé, conflit, supprimé à la source) ;
//! - `sources.rs` : les contributions reçues, leur retrait, la provenance d'une fiche ;
//! - `conflits.rs` : les conflits montrés en clair et la décision de l'utilisateur.

mod cles;
mod conflits;
mod export;
mod fiches;
mod fusion;
mod fusionner;
mod import;
mod paquet;
mod retrait;
pub mod schema;
mod sources;
#[cfg(test)]
mod tests;

pub use conflits::{conflits, decider, Candidate, Conflit, Difference};
pub use export::{demande_valide, document_paquet, exporter, DemandeExport, SaisieExport};
pub use import::{importer, importer_apres_sauvegarde, CompteRendu, Resultat1 as ResultatPaquet};
pub use paquet::{lire_manifeste, Manifeste, EXTENSION};
pub use sources::{
    academies_sans_source, couverture, etat, ligne_couverture, ligne_couvertures, provenance,
    retirer_source, sources, Etat, Source,
};

use crate::{Erreur, Resultat};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

crate::codes! {
    /// Ce qu'un paquet contient.
    pub enum Perimetre {
        Ipe = "ipe" => "IPE (registre et actions)",
        Clee = "clee" => "CLEE (comités, réunions, présences, actions)",
        Cet = "cet" => "CET (registre, mandats, animations, présences)",
        Conventions = "conventions" => "Conventions (avenants, groupes de suivi)",
        Tout = "tout" => "Tout",
    }
}

crate::codes! {
    /// La portée d'un paquet, hors académies : les fiches sans académie (actions de niveau
    /// national). Vide, un paquet porte toutes les académies ; sinon le code de l'une d'elles.
    pub enum Portee {
        National = "national" => "Niveau national (fiches sans académie)",
    }
}

crate::codes! {
    /// Pourquoi une fiche reçue n'a pas été prise telle quelle.
    pub enum NatureConflit {
        ModifieeIci = "modifiee_ici" => "Modifiée ici depuis son import",
        DeuxSources = "deux_sources" => "Reçue de deux sources, différente",
        SupprimeeALaSource = "supprimee_a_la_source" => "Supprimée à la source, gardée ici",
        RapprochementAmbigu = "rapprochement_ambigu" => "Plusieurs fiches de l'annuaire pourraient correspondre",
    }
}

crate::codes! {
    /// Le choix de l'utilisateur devant un conflit.
    pub enum Decision {
        Locale = "locale" => "Garder la version de cette base",
        Recue = "recue" => "Prendre la version reçue",
        Separees = "separees" => "Garder les deux fiches séparées",
        Fusionnee = "fusionnee" => "Fusionner avec la fiche d'ici",
    }
}

/// L'identité de cette base, montrée dans Paramètres et inscrite dans ses paquets.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Identite {
    #[serde(default)]
    pub uid: String,
    pub nom: String,
    /// Code de l'académie (« 09 »), vide pour une base nationale.
    #[serde(default)]
    pub academie: String,
}

pub fn identite(conn: &Connection) -> Resultat<Identite> {
    Ok(conn.query_row(
        "SELECT b.uid, b.nom, coalesce(a.code, '') FROM base_identite b
         LEFT JOIN academie a ON a.id = b.academie_id WHERE b.id = 1",
        [],
        |r| {
            Ok(Identite {
                uid: r.get(0)?,
                nom: r.get(1)?,
                academie: r.get(2)?,
            })
        },
    )?)
}

/// Nomme la base (« IPE – Jean DUPONT – Lille », « DAET Lille », « National ») et son académie.
pub fn nommer(conn: &Connection, saisie: &Identite) -> Resultat<Identite> {
    let nom = saisie.nom.trim();
    if nom.is_empty() {
        return Err(Erreur::validation(
            "nom",
            "Donnez un nom à cette base, par exemple « DAET Lille » ou « IPE – Jean DUPONT – Lille ».",
        ));
    }
    let academie = match saisie.academie.trim() {
        "" => None,
        code => match crate::annuaire::academies::chercher(conn, code)? {
            Some(a) => Some(a.id),
            None => {
                return Err(Erreur::validation(
                    "academie",
                    "Choisissez l'académie dans la liste.",
                ))
            }
        },
    };
    conn.execute(
        "UPDATE base_identite SET nom = ?1, academie_id = ?2 WHERE id = 1",
        rusqlite::params![nom, academie],
    )?;
    identite(conn)
}
