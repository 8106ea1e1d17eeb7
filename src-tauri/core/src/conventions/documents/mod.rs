//! Les documents d'une convention (PDF) : son bilan annuel, et le dossier de préparation d'une
//! réunion du groupe de suivi (résumé de la convention, échéances à venir, activité liée depuis
//! la réunion précédente, actions ouvertes, ordre du jour proposé et feuille d'émargement).
//!
//! Ici les modèles (SQL seulement) ; la mise en page est dans `rendu.rs`.

mod rendu;

pub use rendu::{rendre_bilan, rendre_dossier_de_reunion};

use super::{contrat, fiches, structure, suivi};
use crate::echeancier::{self, Echeance};
use crate::ipe::actions::{self, Action, FiltreActions};
use crate::liste::ParametresListe;
use crate::rapport::{self, Document};
use crate::reunions::{self, ActionSuivi, Cadre};
use crate::{dates, Resultat};
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Connection;

/// Les actions IPE rattachées à la convention (toutes années, ou celles de `annee`).
fn activite(conn: &Connection, convention_id: i64, annee: Option<i32>) -> Resultat<Vec<Action>> {
    let f = FiltreActions {
        convention_id: Some(convention_id),
        annee,
        liste: ParametresListe {
            limite: Some(100_000),
            ..Default::default()
        },
        ..Default::default()
    };
    Ok(actions::lister(conn, &f)?.lignes)
}

/// Une réunion du groupe de suivi tenue dans l'année du bilan.
#[derive(Debug, Clone)]
pub struct ReunionTenue {
    pub date: NaiveDate,
    pub lieu: String,
    pub presents: i64,
    pub decisions: i64,
}

/// Le bilan annuel d'une convention : activité liée, contrat de progrès, réunions, actions ouvertes.
#[derive(Debug, Clone)]
pub struct ModeleBilan {
    pub convention: fiches::Convention,
    pub annee: i32,
    pub activite: Vec<Action>,
    pub contrat: Vec<contrat::LigneContrat>,
    pub reunions: Vec<ReunionTenue>,
    /// Actions de suivi ouvertes au 31 décembre.
    pub ouvertes: Vec<ActionSuivi>,
    pub edite_le: NaiveDate,
}

pub fn modele_bilan(conn: &Connection, convention_id: i64, annee: i32) -> Resultat<ModeleBilan> {
    let convention = fiches::lire(conn, convention_id)?;
    let (debut, fin) = (format!("{annee:04}-01-01"), format!("{annee:04}-12-31"));
    let mut tenues = Vec::new();
    for r in reunions::lister(conn, Cadre::Convention(convention_id))?
        .into_iter()
        .filter(|r| dates::iso(r.date) >= debut && dates::iso(r.date) <= fin)
    {
        let presents = reunions::presences(conn, r.id)?
            .iter()
            .filter(|p| p.etat == Some(reunions::EtatPresence::Present))
            .count();
        tenues.push(ReunionTenue {
            date: r.date,
            lieu: r.lieu.clone(),
            presents: presents as i64,
            decisions: reunions::decisions(conn, r.id)?.len() as i64,
        });
    }
    Ok(ModeleBilan {
        convention,
        annee,
        activite: activite(conn, convention_id, Some(annee))?,
        contrat: contrat::lignes(conn, convention_id, Some(annee))?,
        reunions: tenues,
        ouvertes: reunions::actions(
            conn,
            Cadre::Convention(convention_id),
            NaiveDate::from_ymd_opt(annee, 12, 31),
        )?,
        edite_le: rapport::aujourdhui(),
    })
}

/// Le dossier de préparation d'une réunion du groupe de suivi, à la date `date`.
#[derive(Debug, Clone)]
pub struct ModeleDossierDeReunion {
    pub convention: fiches::Convention,
    pub date: NaiveDate,
    pub parties: Vec<structure::Partie>,
    pub avenants: Vec<fiches::Avenant>,
    /// Échéances de la convention dans les douze mois.
    pub echeances: Vec<Echeance>,
    /// Date de la réunion précédente, s'il y en a une.
    pub precedente: Option<NaiveDate>,
    /// Actions IPE rattachées, depuis la réunion précédente jusqu'à la date.
    pub activite: Vec<Action>,
    /// Contrat de progrès de l'année de la réunion.
    pub contrat: Vec<contrat::LigneContrat>,
    pub ouvertes: Vec<ActionSuivi>,
    pub ordre_du_jour: Vec<String>,
    /// (nom, « fonction – rattachement ») des membres du groupe de suivi.
    pub membres: Vec<(String, String)>,
    pub edite_le: NaiveDate,
}

pub fn modele_dossier_de_reunion(
    conn: &Connection,
    convention_id: i64,
    date: NaiveDate,
) -> Resultat<ModeleDossierDeReunion> {
    let cadre = Cadre::Convention(convention_id);
    let precedente = reunions::precedente(conn, cadre, date)?.map(|r| r.date);
    let ouvertes = reunions::actions(conn, cadre, Some(date))?;
    Ok(ModeleDossierDeReunion {
        convention: fiches::lire(conn, convention_id)?,
        date,
        parties: structure::parties(conn, convention_id)?,
        avenants: fiches::avenants(conn, convention_id)?,
        echeances: echeancier::echeances(conn, date, date + Days::new(365))?
            .into_iter()
            .filter(|e| e.module == "conventions" && e.objet_id == convention_id)
            .collect(),
        precedente,
        activite: activite(conn, convention_id, None)?
            .into_iter()
            .filter(|a| {
                precedente.is_none_or(|d| a.date.as_str() > dates::iso(d).as_str())
                    && a.date.as_str() <= dates::iso(date).as_str()
            })
            .collect(),
        contrat: contrat::lignes(conn, convention_id, Some(date.year()))?,
        ordre_du_jour: reunions::ordre_du_jour_propose(cadre, &ouvertes),
        ouvertes,
        membres: suivi::membres(conn, convention_id)?
            .into_iter()
            .map(|m| {
                (
                    m.nom,
                    [m.fonction, m.rattachement.unwrap_or_default()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" – "),
                )
            })
            .collect(),
        edite_le: rapport::aujourdhui(),
    })
}

/// Le dossier de réunion à enregistrer (« Dossier de réunion - Convention X - 2026-12-15.pdf »).
pub fn document_dossier_de_reunion(
    conn: &Connection,
    convention_id: i64,
    date: &str,
) -> Resultat<Document> {
    let date = dates::lire(date).map_err(|m| crate::Erreur::validation("date", m))?;
    let modele = modele_dossier_de_reunion(conn, convention_id, date)?;
    Document::pdf(
        &format!(
            "Dossier de réunion - {} - {}",
            modele.convention.titre,
            dates::iso(date)
        ),
        &rendre_dossier_de_reunion(&modele),
    )
}

/// Le bilan annuel d'une convention à enregistrer (« Bilan 2026 - Convention X.pdf »).
pub fn document_bilan(conn: &Connection, convention_id: i64, annee: i32) -> Resultat<Document> {
    let modele = modele_bilan(conn, convention_id, annee)?;
    Document::pdf(
        &format!("Bilan {annee} - {}", modele.convention.titre),
        &rendre_bilan(&modele),
    )
}
