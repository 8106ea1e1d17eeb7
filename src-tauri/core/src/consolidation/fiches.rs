//! Une fiche en JSON canonique, sans identifiant local : les colonnes dans l'ordre alphabétique,
//! chaque clé étrangère remplacée par l'identifiant global de la fiche désignée (ou la clé
//! naturelle d'un référentiel), ses liaisons triées. L'export l'écrit ; l'import la compare au
//! contenu local pour savoir si une fiche a changé ici ou là-bas. Même contenu, même texte.

use super::schema::{Schema, Table, REFERENTIELS};
use crate::{Erreur, Resultat};
use rusqlite::types::{Value as Sql, ValueRef};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};

/// L'empreinte d'un texte : SHA-256 en hexadécimal.
pub fn empreinte(texte: &str) -> String {
    hex(&Sha256::digest(texte.as_bytes()))
}

pub fn hex(octets: &[u8]) -> String {
    const CHIFFRES: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(octets.len() * 2);
    for o in octets {
        s.push(CHIFFRES[(o >> 4) as usize] as char);
        s.push(CHIFFRES[(o & 15) as usize] as char);
    }
    s
}

pub use crate::base::ident;

/// L'id local de la fiche `uid` de `table` (nom lu dans le schéma).
pub fn id_par_uid(conn: &Connection, table: &str, uid: &str) -> Resultat<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT id FROM {} WHERE uid = ?1", ident(table)))?
        .query_row([uid], |r| r.get(0))
        .optional()?)
}

/// Lit les fiches de la base en JSON canonique et retient ce qu'elles citent.
pub struct Lecteur<'c, 's> {
    conn: &'c Connection,
    schema: &'s Schema,
    cles: HashMap<(String, i64), Option<String>>,
    /// Fiches désignées par celles qu'on a lues : (table, id).
    pub citees: BTreeSet<(String, i64)>,
    /// Référentiels désignés : (table, id).
    pub referentiels: BTreeSet<(String, i64)>,
}

impl<'c, 's> Lecteur<'c, 's> {
    pub fn nouveau(conn: &'c Connection, schema: &'s Schema) -> Self {
        Lecteur {
            conn,
            schema,
            cles: HashMap::new(),
            citees: BTreeSet::new(),
            referentiels: BTreeSet::new(),
        }
    }

    /// L'identifiant global d'une fiche, ou la clé naturelle d'un référentiel.
    pub fn cle(&mut self, table: &str, id: i64) -> Resultat<Option<String>> {
        if let Some(c) = self.cles.get(&(table.to_string(), id)) {
            return Ok(c.clone());
        }
        let expression = REFERENTIELS
            .iter()
            .find(|(t, _)| *t == table)
            .map(|(_, e)| e.to_string())
            .unwrap_or_else(|| "r.uid".into());
        let cle: Option<String> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {expression} FROM {} r WHERE r.id = ?1",
                ident(table)
            ))?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        self.cles.insert((table.to_string(), id), cle.clone());
        Ok(cle)
    }

    /// Les colonnes d'une ligne qui voyagent, clés étrangères traduites.
    fn objet(
        &mut self,
        t: &Table,
        ligne: &rusqlite::Row,
        noms: &[String],
    ) -> Resultat<Map<String, Value>> {
        let mut champs: Vec<(String, Value)> = Vec::new();
        for (i, nom) in noms.iter().enumerate() {
            if !t.colonnes.contains(nom) {
                continue;
            }
            let brute = json(ligne.get_ref(i)?)?;
            let valeur = match (t.cle(nom), brute.as_i64()) {
                (Some(c), Some(id)) => {
                    let cible = c.cible.clone();
                    if super::schema::Schema::est_referentiel(&cible) {
                        self.referentiels.insert((cible.clone(), id));
                    } else {
                        self.citees.insert((cible.clone(), id));
                    }
                    self.cle(&cible, id)?
                        .map(Value::String)
                        .unwrap_or(Value::Null)
                }
                _ => brute,
            };
            champs.push((nom.clone(), valeur));
        }
        champs.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(champs.into_iter().collect())
    }

    /// `{"champs": {…}, "liens": {"table": [{…}, …]}}` pour la fiche `id` de `table`.
    pub fn donnees(&mut self, table: &str, id: i64) -> Resultat<Option<String>> {
        let schema = self.schema;
        let Some(t) = schema.fiche(table) else {
            return Ok(None);
        };
        let mut st = self
            .conn
            .prepare_cached(&format!("SELECT * FROM {} WHERE id = ?1", ident(table)))?;
        let noms: Vec<String> = st.column_names().map(|s| s.to_string()).collect();
        let mut lignes = st.query([id])?;
        let Some(ligne) = lignes.next()? else {
            return Ok(None);
        };
        let champs = self.objet(t, ligne, &noms)?;
        drop(lignes);
        drop(st);
        let mut liens = Map::new();
        for l in schema.liaisons_de(table) {
            let Some(parent) = &l.parent else { continue };
            let mut st = self.conn.prepare_cached(&format!(
                "SELECT * FROM {} WHERE {} = ?1",
                ident(&l.nom),
                ident(&parent.colonne)
            ))?;
            let noms: Vec<String> = st.column_names().map(|s| s.to_string()).collect();
            let mut lignes = st.query([id])?;
            let mut objets = Vec::new();
            while let Some(ligne) = lignes.next()? {
                let objet = Value::Object(self.objet(l, ligne, &noms)?);
                objets.push((objet.to_string(), objet));
            }
            if !objets.is_empty() {
                objets.sort_by(|a, b| a.0.cmp(&b.0));
                let valeurs = objets.into_iter().map(|(_, o)| o).collect();
                liens.insert(l.nom.clone(), Value::Array(valeurs));
            }
        }
        let mut fiche = Map::new();
        fiche.insert("champs".into(), Value::Object(champs));
        fiche.insert("liens".into(), Value::Object(liens));
        Ok(Some(Value::Object(fiche).to_string()))
    }
}

fn json(v: ValueRef) -> Resultat<Value> {
    Ok(match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => {
            return Err(Erreur::Import(vec![
                "Une donnée binaire ne peut pas voyager dans un paquet.".into(),
            ]))
        }
    })
}

/// Une valeur JSON reçue, en valeur SQL ; un tableau ou un objet est refusé.
pub fn sql(v: &Value) -> Option<Sql> {
    Some(match v {
        Value::Null => Sql::Null,
        Value::Bool(b) => Sql::Integer(*b as i64),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64()?),
        },
        Value::String(s) => Sql::Text(s.clone()),
        Value::Array(_) | Value::Object(_) => return None,
    })
}
