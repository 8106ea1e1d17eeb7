//! Bilan annuel des CET, par année scolaire (1er septembre – 31 août) :
//! - CET en fonction : un mandat couvre au moins un jour de l'année, comptés par CPC et secteur ;
//! - nominations : mandats qui commencent dans l'année (renouvellement si le CET avait déjà un
//!   mandat avant) ; fins de mandat : mandats les plus récents qui finissent dans l'année ;
//! - animations tenues : datées dans l'année et au plus tard le jour de l'édition ;
//! - jurys : participations datées dans l'année, par diplôme.
//!
//! Ici le modèle (SQL seulement) ; la mise en page est dans `rendu.rs`.

mod rendu;

pub use rendu::rendre_bilan;

use super::animations;
use crate::rapport::{self, Document};
use crate::vocabulaire::Code;
use crate::{dates, Erreur, Resultat};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct LigneAnimation {
    pub date: NaiveDate,
    pub type_: String,
    pub theme: String,
    pub invites: i64,
    pub presents: i64,
}

#[derive(Debug, Serialize)]
pub struct BilanCet {
    pub annee_scolaire: String,
    pub perimetre: String,
    /// (CPC, secteur, nombre de CET en fonction)
    pub par_secteur: Vec<(String, String, i64)>,
    pub en_fonction: i64,
    pub nominations: i64,
    pub renouvellements: i64,
    pub fins_de_mandat: i64,
    pub animations: Vec<LigneAnimation>,
    /// (diplôme, participations)
    pub jurys: Vec<(String, i64)>,
    /// Jour de l'édition : les animations tenues le sont au plus tard ce jour-là.
    pub edite_le: NaiveDate,
    /// Dans une base de consolidation : les sources reçues pour cette année (« 24 sources, … »).
    pub sources: Option<String>,
}

/// « Académie de Lille » ou « Toutes les académies ».
fn libelle_perimetre(conn: &Connection, academie_id: Option<i64>) -> Resultat<String> {
    Ok(match academie_id {
        Some(a) => format!(
            "Académie {}",
            crate::annuaire::academies::de(&crate::annuaire::academies::lire(conn, a)?.nom)
        ),
        None => "Toutes les académies".into(),
    })
}

/// Le modèle du bilan au jour `aujourdhui` (jour de l'édition).
pub fn modele_bilan(
    conn: &Connection,
    annee: i32,
    academie_id: Option<i64>,
    aujourdhui: NaiveDate,
) -> Resultat<BilanCet> {
    let periode = dates::Periode::Scolaire(annee);
    periode
        .verifier()
        .map_err(|m| Erreur::validation("annee_scolaire", m))?;
    let (debut, fin) = periode.bornes();
    let (d, f) = (dates::iso(debut), dates::iso(fin));
    let perimetre = libelle_perimetre(conn, academie_id)?;
    let par_secteur: Vec<(String, String, i64)> = crate::base::toutes(
        conn,
        "SELECT coalesce(c.nom, 'CPC non renseignée'), CASE WHEN x.secteur = '' THEN 'Secteur non renseigné' ELSE x.secteur END, count(*)
             FROM cet x LEFT JOIN cpc c ON c.id = x.cpc_id
             WHERE (?3 IS NULL OR x.academie_id = ?3)
               AND EXISTS (SELECT 1 FROM mandat_cet m WHERE m.cet_id = x.id AND m.debut <= ?2 AND m.fin >= ?1)
             GROUP BY 1, 2 ORDER BY normaliser(coalesce(c.nom, '~')), normaliser(x.secteur)",
        rusqlite::params![d, f, academie_id],
    )?;
    let compter = |sql: &str| -> Resultat<i64> {
        Ok(conn.query_row(sql, rusqlite::params![d, f, academie_id], |r| r.get(0))?)
    };
    let dans = "(?3 IS NULL OR x.academie_id = ?3)";
    let nominations = compter(&format!("SELECT count(*) FROM mandat_cet m JOIN cet x ON x.id = m.cet_id WHERE m.debut BETWEEN ?1 AND ?2 AND {dans}"))?;
    let renouvellements = compter(&format!(
        "SELECT count(*) FROM mandat_cet m JOIN cet x ON x.id = m.cet_id WHERE m.debut BETWEEN ?1 AND ?2 AND {dans}
           AND EXISTS (SELECT 1 FROM mandat_cet p WHERE p.cet_id = m.cet_id AND p.debut < m.debut)"
    ))?;
    let fins_de_mandat = compter(&format!(
        "SELECT count(*) FROM mandat_cet m JOIN cet x ON x.id = m.cet_id WHERE m.fin BETWEEN ?1 AND ?2 AND {dans}
           AND NOT EXISTS (SELECT 1 FROM mandat_cet s WHERE s.cet_id = m.cet_id AND s.debut > m.debut)"
    ))?;
    let en_fonction = crate::nombres::total(par_secteur.iter().map(|l| l.2))?;
    let animations = animations::lister(conn, academie_id, Some(annee))?
        .into_iter()
        .filter(|a| a.reunion.date <= aujourdhui)
        .rev()
        .map(|a| LigneAnimation {
            date: a.reunion.date,
            type_: a.reunion.type_.libelle().into(),
            theme: a.theme,
            invites: a.invites,
            presents: a.presents,
        })
        .collect();
    let sql_jurys = format!(
        "SELECT j.diplome, count(*) FROM cet_jury j JOIN cet x ON x.id = j.cet_id
         WHERE j.date BETWEEN ?1 AND ?2 AND {dans}
         GROUP BY normaliser(j.diplome) ORDER BY 2 DESC, normaliser(j.diplome)"
    );
    let jurys = crate::base::toutes(conn, &sql_jurys, rusqlite::params![d, f, academie_id])?;
    Ok(BilanCet {
        sources: crate::consolidation::couverture(
            conn,
            crate::consolidation::Perimetre::Cet,
            &periode.libelle(),
            academie_id,
        )?,
        annee_scolaire: dates::Periode::Scolaire(annee).libelle(),
        perimetre,
        par_secteur,
        en_fonction,
        nominations,
        renouvellements,
        fins_de_mandat,
        animations,
        jurys,
        edite_le: aujourdhui,
    })
}

/// Le bilan à enregistrer (« Bilan CET 2025-2026 - Académie de Lille.pdf »).
pub fn document_bilan(
    conn: &Connection,
    annee_scolaire: &str,
    academie_id: Option<i64>,
) -> Resultat<Document> {
    let annee = dates::lire_annee_scolaire(annee_scolaire)
        .map_err(|m| Erreur::validation("annee_scolaire", m))?;
    let modele = modele_bilan(conn, annee, academie_id, rapport::aujourdhui())?;
    Document::pdf(
        &format!("Bilan CET {} - {}", modele.annee_scolaire, modele.perimetre),
        &rendre_bilan(&modele),
    )
}
