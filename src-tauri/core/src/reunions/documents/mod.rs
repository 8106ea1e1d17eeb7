//! Les documents d'une réunion, pour un groupe de suivi comme pour un comité : convocation
//! (PDF et invitation `.ics`), feuille d'émargement, compte rendu dans la forme habituelle
//! (présents, excusés, absents, points numérotés, décisions, actions).
//!
//! Ici le modèle (SQL seulement) ; la mise en page est dans `rendu.rs`.

mod rendu;

pub use rendu::{
    bloc_emargement, quand_et_ou, rendre_compte_rendu, rendre_convocation,
    rendre_convocation_completee, rendre_emargement, rendre_invitation_ics,
};

use super::{lire, ActionSuivi, College, Point, Presence, Reunion};
use crate::rapport::{Document, Genre};
use crate::vocabulaire::Code;
use crate::{Erreur, Resultat};
use rusqlite::Connection;

pub fn libelle_college(college: Option<College>) -> &'static str {
    college.map_or("Invités", |c| c.libelle())
}

/// Tout ce que les documents d'une réunion impriment.
#[derive(Debug, Clone)]
pub struct ModeleReunion {
    pub reunion: Reunion,
    /// Titre du cadre : la convention, le comité ou le réseau des CET de l'académie.
    pub titre_cadre: String,
    /// Membres et invités, avec leur présence.
    pub presences: Vec<Presence>,
    pub ordre_du_jour: Vec<String>,
    /// Les points, avec leur compte rendu.
    pub points: Vec<Point>,
    pub decisions: Vec<String>,
    /// Les actions de suivi décidées à cette réunion.
    pub actions: Vec<ActionSuivi>,
}

impl ModeleReunion {
    /// « Réunion du groupe de suivi », « Comité de pilotage »… suivi du nom du cadre.
    pub fn intitule(&self) -> String {
        format!("{} – {}", self.reunion.type_.libelle(), self.titre_cadre)
    }
}

pub fn modele_reunion(conn: &Connection, reunion_id: i64) -> Resultat<ModeleReunion> {
    let reunion = lire(conn, reunion_id)?;
    Ok(ModeleReunion {
        titre_cadre: reunion.cadre.titre(conn)?,
        presences: super::presences(conn, reunion_id)?,
        ordre_du_jour: super::ordre_du_jour(conn, reunion_id)?,
        points: super::points(conn, reunion_id)?,
        decisions: super::decisions(conn, reunion_id)?,
        actions: super::actions_decidees(conn, reunion_id)?,
        reunion,
    })
}

/// Invitation iCalendar : les personnes de la liste qui ont un courriel en sont les participants.
pub fn ics_invitation(conn: &Connection, reunion_id: i64) -> Resultat<String> {
    Ok(rendre_invitation_ics(
        &modele_reunion(conn, reunion_id)?,
        chrono::Utc::now().naive_utc(),
    ))
}

/// Ce qu'on peut tirer d'une réunion : `quoi` = compte-rendu (ou releve), convocation,
/// emargement, invitation (.ics). Nommé d'après la réunion :
/// « Compte rendu - CLEE du bassin de Lens - 2026-03-12.pdf ».
pub fn fichier_document(conn: &Connection, reunion_id: i64, quoi: &str) -> Resultat<Document> {
    let (titre, genre) = match quoi {
        "compte-rendu" | "releve" => ("Compte rendu", Genre::Pdf),
        "convocation" => ("Convocation", Genre::Pdf),
        "emargement" => ("Émargement", Genre::Pdf),
        "invitation" => ("Invitation", Genre::Ics),
        autre => {
            return Err(Erreur::validation(
                "quoi",
                format!("Document inconnu : « {autre} »."),
            ))
        }
    };
    let m = modele_reunion(conn, reunion_id)?;
    let nom = nom_de_document(titre, &m);
    match quoi {
        "invitation" => Ok(Document::nouveau(
            &nom,
            genre,
            rendre_invitation_ics(&m, chrono::Utc::now().naive_utc()).into_bytes(),
        )),
        "convocation" => Document::pdf(&nom, &rendre_convocation(&m)),
        "emargement" => Document::pdf(&nom, &rendre_emargement(&m)),
        _ => Document::pdf(&nom, &rendre_compte_rendu(&m)),
    }
}

/// « Convocation - Réseau des CET – académie de Lille - 2026-03-12 »
pub fn nom_de_document(titre: &str, m: &ModeleReunion) -> String {
    format!(
        "{titre} - {} - {}",
        m.titre_cadre,
        crate::dates::iso(m.reunion.date)
    )
}
