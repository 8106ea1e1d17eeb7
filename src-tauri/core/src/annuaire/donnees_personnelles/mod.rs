//! Données personnelles (RGPD) : tout ce qui nomme une personne (sa fiche, les fiches qui la
//! citent, l'historique), exporté en JSON et en PDF ; l'anonymisation, qui garde les
//! statistiques ; la liste des personnes sans activité depuis N années, à revoir.

mod rendu;

pub use rendu::rendre_donnees_personne;

use crate::journal::{self, Changement, Entree};
use crate::rapport::{Document, Genre};
use crate::{Erreur, Resultat};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

/// Une fiche qui cite la personne (présence, mandat, membre d'un comité…).
#[derive(Debug, Serialize)]
pub struct Mention {
    /// « Présence », « Conseiller entreprise pour l'École »
    pub quoi: String,
    pub table: String,
    pub id: i64,
    pub champs: Vec<Changement>,
}

/// Tout ce que la base garde d'une personne.
#[derive(Debug, Serialize)]
pub struct DonneesPersonne {
    pub id: i64,
    pub nom: String,
    pub edite_le: String,
    pub fiche: Vec<Changement>,
    pub mentions: Vec<Mention>,
    pub historique: Vec<Entree>,
}

/// Les colonnes du schéma qui citent une personne : (table, colonne).
fn citations(conn: &Connection) -> Resultat<Vec<(String, String)>> {
    crate::base::toutes(
        conn,
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = 'personne' ORDER BY m.name, f.\"from\"",
        [],
    )
}

fn nom_de(conn: &Connection, id: i64) -> Resultat<String> {
    crate::base::une(
        conn,
        "SELECT trim(prenom || ' ' || nom) FROM personne WHERE id = ?1",
        [id],
    )?
    .ok_or_else(|| Erreur::Introuvable(format!("Personne n° {id} introuvable.")))
}

use crate::base::ident;

/// Le modèle de l'export : la fiche, les mentions et l'historique de la personne `id`.
pub fn modele_donnees_personne(conn: &Connection, id: i64) -> Resultat<DonneesPersonne> {
    let nom = nom_de(conn, id)?;
    let json_personne: String = conn.query_row(
        &format!(
            "SELECT {} FROM personne p WHERE id = ?1",
            journal::json_de_la_ligne(conn, "personne", "p")?
        ),
        [id],
        |r| r.get(0),
    )?;
    let fiche = journal::champs_lisibles(conn, "personne", &json_personne)?;
    let mut mentions = Vec::new();
    let mut conditions = vec![
        // ?1 : la personne ; ?2 : « personne ».
        "(table_nom = ?2 AND ligne = ?1 AND derniere_ligne IS NULL)".to_string(),
        journal::couvrant(2, 1),
    ];
    for (table, colonne) in citations(conn)? {
        let json = journal::json_de_la_ligne(conn, &table, "x")?;
        let lignes: Vec<(i64, String)> = crate::base::toutes(
            conn,
            &format!(
                "SELECT x.rowid, {json} FROM {} x WHERE x.{} = ?1 ORDER BY x.rowid",
                ident(&table),
                ident(&colonne)
            ),
            [id],
        )?;
        for (ligne, json) in lignes {
            mentions.push(Mention {
                quoi: journal::nom_de_table(&table),
                table: table.clone(),
                id: ligne,
                champs: journal::champs_lisibles(conn, &table, &json)?,
            });
        }
        // Les noms viennent du schéma ; la personne est liée (?1).
        conditions.push(format!(
            "(table_nom = '{}' AND json_extract(coalesce(apres, avant), '$.{}') = ?1)",
            table.replace('\'', "''"),
            colonne.replace(['\'', '"'], "")
        ));
    }
    let historique = journal::entrees_ou(
        conn,
        &conditions.join(" OR "),
        &[Value::Integer(id), Value::Text("personne".into())],
        Some(("personne", id)),
    )?;
    Ok(DonneesPersonne {
        id,
        nom,
        edite_le: crate::dates::francaise(crate::rapport::aujourdhui()),
        fiche,
        mentions,
        historique,
    })
}

/// Les données de la personne, en JSON (`json`) ou en PDF, prêtes à remettre à la personne.
pub fn document_donnees_personne(conn: &Connection, id: i64, json: bool) -> Resultat<Document> {
    let m = modele_donnees_personne(conn, id)?;
    let titre = format!("Données personnelles - {}", m.nom);
    if json {
        let octets = serde_json::to_vec_pretty(&m).map_err(|e| Erreur::Demo(e.to_string()))?;
        return Ok(Document::nouveau(&titre, Genre::Json, octets));
    }
    Document::pdf(&titre, &rendre_donnees_personne(&m))
}

/// Remplace l'identité de la personne (nom, prénom, civilité, fonction, coordonnées) par
/// « Anonyme » et l'efface de l'historique ; ses liens (organisation, présences, mandats) restent,
/// si bien que les bilans et les statistiques ne changent pas. Rend l'ancien nom.
pub fn anonymiser(conn: &Connection, id: i64) -> Resultat<String> {
    let nom = nom_de(conn, id)?;
    // Immédiate : attend qu'une autre connexion ait fini d'écrire (voir `base::Point`).
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    tx.execute(
        "UPDATE personne SET civilite = '', nom = 'Anonyme', prenom = '', fonction = '',
                email = '', telephone = '', recherche = 'anonyme' WHERE id = ?1",
        [id],
    )?;
    // L'historique de la fiche (y compris cette modification) perd l'identité elle aussi.
    tx.execute(
        "UPDATE journal SET libelle = 'Anonyme',
            avant = CASE WHEN avant IS NULL THEN NULL ELSE json_set(avant, '$.civilite', '',
                '$.nom', 'Anonyme', '$.prenom', '', '$.fonction', '', '$.email', '',
                '$.telephone', '', '$.recherche', 'anonyme') END,
            apres = CASE WHEN apres IS NULL THEN NULL ELSE json_set(apres, '$.civilite', '',
                '$.nom', 'Anonyme', '$.prenom', '', '$.fonction', '', '$.email', '',
                '$.telephone', '', '$.recherche', 'anonyme') END
         WHERE table_nom = 'personne' AND ligne = ?1",
        [id],
    )?;
    // L'index de recherche (migration 12) garde les trigrammes d'une clé remplacée jusqu'à la
    // fusion de ses segments : on la fait tout de suite, pour que l'ancienne identité n'y
    // survive pas.
    tx.execute(
        "INSERT INTO personne_fts (personne_fts) VALUES ('optimize')",
        [],
    )?;
    tx.commit()?;
    Ok(nom)
}

/// Une personne sans activité enregistrée depuis longtemps.
#[derive(Debug, Serialize)]
pub struct PersonneInactive {
    pub id: i64,
    pub nom: String,
    pub rattachement: String,
    /// AAAA-MM-JJ de la dernière activité connue ; `None` : aucune.
    pub derniere_activite: Option<String>,
}

/// Les personnes dont la dernière activité (réunion, mission IPE, action, mandat de CET,
/// changement de leur fiche) est plus ancienne que `annees` années, ou inexistante ; les
/// anonymisées n'y sont plus.
pub fn personnes_inactives(conn: &Connection, annees: u32) -> Resultat<Vec<PersonneInactive>> {
    let annees = annees.clamp(1, 50);
    let mut st = conn.prepare(
        "WITH activite (personne_id, jour) AS (
            SELECT pr.personne_id, r.date FROM reunion_presence pr JOIN reunion r ON r.id = pr.reunion_id
            UNION ALL SELECT i.personne_id, r.date FROM reunion_invite i JOIN reunion r ON r.id = i.reunion_id
            UNION ALL SELECT ipe.personne_id, coalesce(m.fin, date('now')) FROM mission_ipe m JOIN ipe ON ipe.id = m.ipe_id
            UNION ALL SELECT ipe.personne_id, a.date FROM action_ipe_intervenant ai
                JOIN ipe ON ipe.id = ai.ipe_id JOIN action_ipe a ON a.id = ai.action_id
            UNION ALL SELECT c.personne_id, m.fin FROM mandat_cet m JOIN cet c ON c.id = m.cet_id
            UNION ALL SELECT ligne, substr(quand, 1, 10) FROM journal
                WHERE table_nom = 'personne' AND derniere_ligne IS NULL
            UNION ALL SELECT p.id, substr(j.quand, 1, 10) FROM journal j
                JOIN personne p ON p.id BETWEEN j.ligne AND j.derniere_ligne
                WHERE j.table_nom = 'personne' AND j.derniere_ligne IS NOT NULL
         )
         SELECT p.id, trim(p.prenom || ' ' || p.nom),
                coalesce(o.nom, e.nom, ''), max(a.jour) AS derniere
         FROM personne p
         LEFT JOIN activite a ON a.personne_id = p.id
         LEFT JOIN organisation o ON o.id = p.organisation_id
         LEFT JOIN etablissement e ON e.id = p.etablissement_id
         WHERE p.recherche <> 'anonyme'
         GROUP BY p.id
         HAVING derniere IS NULL OR derniere < date('now', '-' || ?1 || ' years')
         ORDER BY derniere IS NOT NULL, derniere, p.nom",
    )?;
    let v = st
        .query_map([annees], |r| {
            Ok(PersonneInactive {
                id: r.get(0)?,
                nom: r.get(1)?,
                rattachement: r.get(2)?,
                derniere_activite: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

#[cfg(test)]
mod tests;
