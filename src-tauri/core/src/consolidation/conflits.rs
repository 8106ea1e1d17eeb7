//! Les conflits d'une consolidation : les deux versions montrées champ par champ, et la
//! décision de l'utilisateur (garder, prendre la version reçue, garder deux fiches séparées).

use super::fiches::id_par_uid;
use super::fusion::Fusion;
use super::import::refus;
use super::schema::{self, Schema};
use super::{Decision, NatureConflit};
use crate::vocabulaire::Code;
use crate::{base, dates, journal, Erreur, Resultat};
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::{Map, Value};

/// Un champ qui diffère entre la version d'ici et la version reçue, en clair.
#[derive(Debug, Clone, Serialize)]
pub struct Difference {
    pub champ: String,
    pub locale: String,
    pub recue: String,
}

/// Une fiche d'ici qui pourrait être la fiche reçue (rapprochement douteux).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Candidate {
    pub uid: String,
    pub libelle: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Conflit {
    pub id: i64,
    pub source: String,
    pub nature: NatureConflit,
    pub nature_libelle: String,
    pub fiche: String,
    pub libelle: String,
    /// Les deux versions (JSON canonique), et ce qui les distingue, en clair.
    pub locale: Option<String>,
    pub recue: Option<String>,
    pub differences: Vec<Difference>,
    pub note_le: String,
    pub decision: Option<Decision>,
    /// Les décisions possibles pour cette nature de conflit.
    pub choix: Vec<crate::vocabulaire::Choix>,
    /// Rapprochement douteux : les fiches d'ici avec lesquelles fusionner la fiche reçue.
    pub candidates: Vec<Candidate>,
}

fn candidates(locale: Option<&str>) -> Vec<Candidate> {
    locale
        .and_then(|l| serde_json::from_str::<Value>(l).ok())
        .and_then(|v| v.get("candidates").cloned())
        .and_then(|c| serde_json::from_value(c).ok())
        .unwrap_or_default()
}

fn choix(nature: NatureConflit) -> Vec<Decision> {
    match nature {
        NatureConflit::RapprochementAmbigu => vec![Decision::Separees, Decision::Fusionnee],
        _ => vec![Decision::Locale, Decision::Recue],
    }
}

pub fn conflits(conn: &Connection, ouverts: bool) -> Resultat<Vec<Conflit>> {
    let mut lignes: Vec<(Conflit, String)> = conn
        .prepare(
            "SELECT id, source_nom, nature, table_nom, libelle, locale, recue, note_le, decision
             FROM consolidation_conflit WHERE (?1 = 0 OR decision IS NULL) ORDER BY id",
        )?
        .query_map([ouverts], |r| {
            let nature: NatureConflit = r.get(2)?;
            let table: String = r.get(3)?;
            let conflit = Conflit {
                id: r.get(0)?,
                source: r.get(1)?,
                nature,
                nature_libelle: nature.libelle().to_string(),
                fiche: journal::nom_de_table(&table),
                libelle: r.get(4)?,
                candidates: if nature == NatureConflit::RapprochementAmbigu {
                    candidates(r.get::<_, Option<String>>(5)?.as_deref())
                } else {
                    Vec::new()
                },
                locale: r.get(5)?,
                recue: r.get(6)?,
                differences: Vec::new(),
                note_le: dates::horodatage_fr(&r.get::<_, String>(7)?, " à "),
                decision: r.get(8)?,
                choix: crate::vocabulaire::choix_de(&choix(nature)),
            };
            Ok((conflit, table))
        })?
        .collect::<Result<_, _>>()?;
    let schema = schema::lire(conn)?;
    for (k, table) in &mut lignes {
        k.differences = differences(conn, &schema, table, k)?;
    }
    Ok(lignes.into_iter().map(|(k, _)| k).collect())
}

fn champs(json: Option<&str>) -> (Map<String, Value>, Value) {
    let mut v: Map<String, Value> = json
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    let champs = match v.remove("champs") {
        Some(Value::Object(o)) => o,
        _ => Map::new(),
    };
    (champs, v.remove("liens").unwrap_or(Value::Null))
}

/// Ce qui distingue les deux versions : chaque champ en clair (une fiche désignée par son nom).
fn differences(
    conn: &Connection,
    schema: &Schema,
    table: &str,
    k: &Conflit,
) -> Resultat<Vec<Difference>> {
    if k.nature == NatureConflit::RapprochementAmbigu {
        let noms: Vec<&str> = k.candidates.iter().map(|c| c.libelle.as_str()).collect();
        return Ok(vec![Difference {
            champ: "fiches d'ici au même nom".into(),
            locale: noms.join(", "),
            recue: k.libelle.clone(),
        }]);
    }
    let (locale, liens_locaux) = champs(k.locale.as_deref());
    let (recue, liens_recus) = champs(k.recue.as_deref());
    let mut cles: Vec<&String> = locale.keys().chain(recue.keys()).collect();
    cles.sort();
    cles.dedup();
    let mut d = Vec::new();
    for cle in cles {
        let (a, b) = (locale.get(cle), recue.get(cle));
        if a == b || (k.recue.is_none() && b.is_none()) {
            continue;
        }
        d.push(Difference {
            champ: journal::nom_de_champ(cle),
            locale: en_clair(conn, schema, table, cle, a)?,
            recue: en_clair(conn, schema, table, cle, b)?,
        });
    }
    if k.recue.is_some() && liens_locaux != liens_recus {
        d.push(Difference {
            champ: "fiches liées".into(),
            locale: "liens de cette base".into(),
            recue: "liens reçus, différents".into(),
        });
    }
    if k.recue.is_none() {
        d.push(Difference {
            champ: "fiche".into(),
            locale: "gardée ici".into(),
            recue: "supprimée à la source".into(),
        });
    }
    Ok(d)
}

/// Une valeur lisible : une fiche désignée par son libellé plutôt que par son identifiant global.
fn en_clair(
    conn: &Connection,
    schema: &Schema,
    table: &str,
    colonne: &str,
    v: Option<&Value>,
) -> Resultat<String> {
    let Some(v) = v else { return Ok(String::new()) };
    let cible = schema
        .fiche(table)
        .and_then(|t| t.cle(colonne))
        .map(|c| c.cible.clone());
    Ok(match (v, cible) {
        (Value::Null, _) => String::new(),
        (Value::String(uid), Some(cible)) if !Schema::est_referentiel(&cible) => {
            match id_par_uid(conn, &cible, uid)? {
                Some(id) => journal::libelle_actuel(conn, &cible, id)?.unwrap_or_default(),
                None => "fiche absente d'ici".into(),
            }
        }
        (Value::String(s), _) => s.clone(),
        (autre, _) => autre.to_string(),
    })
}

/// Un conflit encore à trancher, tel que `decider` le relit.
#[derive(base::Ligne)]
struct Ouvert {
    nature: NatureConflit,
    table_nom: String,
    uid: String,
    recue: Option<String>,
    locale: Option<String>,
}

/// Tranche un conflit : garder la version d'ici, prendre la version reçue (ou la suppression
/// venue de la source), garder deux fiches séparées, ou fusionner la fiche reçue avec la fiche
/// d'ici `avec` (identifiant global de l'une des candidates).
pub fn decider(conn: &Connection, id: i64, decision: Decision, avec: Option<&str>) -> Resultat<()> {
    base::atomique(conn, |conn| {
        let ouvert: Option<Ouvert> = base::une(
            conn,
            "SELECT nature, table_nom, uid, recue, locale FROM consolidation_conflit
             WHERE id = ?1 AND decision IS NULL",
            [id],
        )?;
        let Ouvert {
            nature,
            table_nom: table,
            uid,
            recue,
            locale,
        } = ouvert.ok_or_else(|| {
            Erreur::Introuvable("Ce conflit est déjà tranché ou n'existe plus.".into())
        })?;
        if !choix(nature).contains(&decision) {
            return Err(Erreur::validation(
                "decision",
                "Cette décision ne s'applique pas à ce conflit.",
            ));
        }
        // Le schéma, lu une fois pour la version reçue comme pour la fusion.
        let schema = schema::lire(conn)?;
        match decision {
            Decision::Recue => {
                prendre_la_version_recue(conn, &schema, &table, &uid, recue.as_deref())?
            }
            Decision::Fusionnee => {
                let cible = avec
                    .filter(|a| candidates(locale.as_deref()).iter().any(|c| c.uid == *a))
                    .ok_or_else(|| {
                        Erreur::validation(
                            "avec",
                            "Choisissez la fiche d'ici avec laquelle fusionner.",
                        )
                    })?;
                super::fusionner::fusionner(conn, &schema, &table, &uid, cible)?;
            }
            _ => {}
        }
        conn.execute(
            "UPDATE consolidation_conflit SET decision = ?1,
               decide_le = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime') WHERE id = ?2",
            params![decision, id],
        )?;
        Ok(())
    })
}

fn prendre_la_version_recue(
    conn: &Connection,
    schema: &Schema,
    table: &str,
    uid: &str,
    recue: Option<&str>,
) -> Resultat<()> {
    if schema.fiche(table).is_none() {
        return Err(refus("Fiche inconnue."));
    }
    let Some(id) = id_par_uid(conn, table, uid)? else {
        return Ok(());
    };
    match recue {
        Some(donnees) => Fusion::sans_contribution(conn, schema)?.appliquer(table, id, donnees),
        None => {
            // Seul le refus d'une clé étrangère veut dire « encore citée » ; une autre erreur de
            // la base reste ce qu'elle est.
            let sql = format!("DELETE FROM {} WHERE id = ?1", base::ident(table));
            match conn.execute(&sql, [id]) {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::ConstraintViolation =>
                {
                    Err(Erreur::EnUsage("Cette fiche est encore citée dans cette base : elle ne peut pas être supprimée.".into()))
                }
                r => r.map(|_| ()).map_err(Erreur::from),
            }
        }
    }
}
