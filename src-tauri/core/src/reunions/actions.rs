//! Actions de suivi décidées en réunion : ouvertes, elles reviennent à l'ordre du jour de chaque
//! réunion suivante du même cadre jusqu'à leur clôture.

use super::{lire, points, Cadre};
use crate::base::Ligne;
use crate::{dates, liste, texte, Controle, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
#[derive(Debug, Clone, Serialize, PartialEq, Ligne)]
pub struct ActionSuivi {
    pub id: i64,
    pub intitule: String,
    pub responsable: Option<String>,
    pub echeance: Option<NaiveDate>,
    pub reunion_id: Option<i64>,
    pub decidee_le: Option<NaiveDate>,
    pub close_le: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaisieActionSuivi {
    pub intitule: String,
    pub responsable_id: Option<i64>,
    pub echeance: String,
    pub reunion_id: Option<i64>,
}

const SELECT_ACTION: &str = "SELECT a.id, a.intitule, p.prenom || ' ' || p.nom AS responsable, a.echeance,
        a.reunion_id, r.date AS decidee_le, a.close_le
     FROM suivi_action a LEFT JOIN personne p ON p.id = a.responsable_id LEFT JOIN reunion r ON r.id = a.reunion_id";

/// Actions du cadre ; `ouvertes_au` : seulement celles décidées avant cette date et encore
/// ouvertes ce jour-là (ce qu'une réunion à cette date doit reprendre).
pub fn actions(
    conn: &Connection,
    cadre: Cadre,
    ouvertes_au: Option<NaiveDate>,
) -> Resultat<Vec<ActionSuivi>> {
    let sql = format!(
        "{SELECT_ACTION} WHERE a.{} = ?1 AND (?2 IS NULL OR a.close_le IS NULL OR a.close_le > ?2)
           AND (?2 IS NULL OR coalesce(r.date, '') < ?2)
         ORDER BY coalesce(a.echeance, '9999'), a.id",
        cadre.colonne()
    );
    crate::base::toutes(
        conn,
        &sql,
        rusqlite::params![cadre.id(), ouvertes_au.map(dates::iso)],
    )
}

pub fn ajouter_action(
    conn: &Connection,
    cadre: Cadre,
    s: &SaisieActionSuivi,
) -> Resultat<Vec<ActionSuivi>> {
    cadre.titre(conn)?;
    let mut c = Controle::default();
    let intitule = c.champ(
        "intitule",
        texte::obligatoire("L'intitulé de l'action", &s.intitule),
    );
    let echeance = c
        .champ(
            "echeance",
            dates::lire_facultative(&s.echeance).map_err(|e| format!("Échéance : {e}")),
        )
        .flatten();
    if let Some(p) = s.responsable_id {
        if !liste::existe(conn, "personne", p)? {
            c.ajouter(
                "responsable_id",
                "Ce responsable n'existe plus dans l'annuaire.",
            );
        }
    }
    if let Some(r) = s.reunion_id {
        if lire(conn, r).map(|r| r.cadre != cadre).unwrap_or(true) {
            c.ajouter("reunion_id", "Cette réunion n'appartient pas à ce groupe.");
        }
    }
    c.fin()?;
    conn.execute(
        &format!("INSERT INTO suivi_action ({}, reunion_id, intitule, responsable_id, echeance) VALUES (?1, ?2, ?3, ?4, ?5)", cadre.colonne()),
        rusqlite::params![cadre.id(), s.reunion_id, intitule, s.responsable_id, echeance.map(dates::iso)],
    )?;
    actions(conn, cadre, None)
}

pub fn clore_action(conn: &Connection, id: i64, le: NaiveDate) -> Resultat<()> {
    let n = conn.execute(
        "UPDATE suivi_action SET close_le = ?1 WHERE id = ?2",
        rusqlite::params![dates::iso(le), id],
    )?;
    if n == 0 {
        return Err(Erreur::Introuvable(format!(
            "L'action de suivi n° {id} n'existe pas (ou plus)."
        )));
    }
    Ok(())
}

pub fn clore_action_aujourdhui(conn: &Connection, id: i64) -> Resultat<()> {
    clore_action(conn, id, chrono::Local::now().date_naive())
}

/// Actions décidées pendant cette réunion.
pub fn actions_decidees(conn: &Connection, reunion_id: i64) -> Resultat<Vec<ActionSuivi>> {
    crate::base::toutes(
        conn,
        &format!("{SELECT_ACTION} WHERE a.reunion_id = ?1 ORDER BY a.id"),
        [reunion_id],
    )
}

/// Ordre du jour proposé : ouverture, chaque action encore ouverte (reportée), les points
/// propres au cadre, questions diverses.
pub fn ordre_du_jour_propose(cadre: Cadre, ouvertes: &[ActionSuivi]) -> Vec<String> {
    let mut points = vec![
        "Ouverture de la séance et approbation du relevé de la réunion précédente".to_string(),
    ];
    points.extend(
        ouvertes
            .iter()
            .map(|a| format!("Suivi de l'action : {}", a.intitule)),
    );
    let propres: &[&str] = match cadre {
        Cadre::Convention(_) => &[
            "Activité depuis la dernière réunion",
            "Échéances à venir de la convention",
            "Contrat annuel de progrès : indicateurs",
        ],
        Cadre::Comite(_) => &[
            "Actions menées auprès des élèves et des équipes depuis la dernière réunion",
            "Pôle de stages : offres, besoins et périodes de formation en milieu professionnel",
            "Projets des membres et des partenaires",
        ],
        Cadre::Reseau(_) => &[
            "Actualité de la voie professionnelle et des diplômes",
            "Thème de l'animation",
            "Retours d'expérience des conseillers",
        ],
    };
    points.extend(propres.iter().map(|p| p.to_string()));
    points.push("Questions diverses et date de la prochaine réunion".into());
    points
}

/// Ordre du jour d'une réunion : ses points s'ils sont écrits, sinon celui qui est proposé.
pub fn ordre_du_jour(conn: &Connection, reunion_id: i64) -> Resultat<Vec<String>> {
    let r = lire(conn, reunion_id)?;
    let ecrits: Vec<String> = points(conn, reunion_id)?
        .into_iter()
        .map(|p| p.intitule)
        .collect();
    if !ecrits.is_empty() {
        return Ok(ecrits);
    }
    Ok(ordre_du_jour_propose(
        r.cadre,
        &actions(conn, r.cadre, Some(r.date))?,
    ))
}
