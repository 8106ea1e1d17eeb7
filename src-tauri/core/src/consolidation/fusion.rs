//! La fusion d'un paquet dans la base : chaque fiche reçue est nouvelle, inchangée, remplacée
//! ou en conflit ; les clés reçues sont traduites en identifiants locaux par `cles.rs`.

use super::fiches::{empreinte, id_par_uid, ident, sql, Lecteur};
use super::import::{refus, CompteRendu};
use super::schema::{Schema, Table, ANNUAIRE};
use super::NatureConflit;
use crate::Resultat;
use rusqlite::types::Value as Sql;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Les fiches candidates d'un rapprochement par clé naturelle.
pub(super) enum Rapprochement {
    Aucun,
    Un(i64, String),
    Plusieurs(Vec<i64>),
}

pub(super) struct Fusion<'c, 's> {
    pub(super) conn: &'c Connection,
    pub(super) schema: &'s Schema,
    pub(super) source_id: i64,
    pub(super) source_uid: String,
    /// (table, clé reçue) → id local.
    pub(super) ids: HashMap<String, HashMap<String, i64>>,
    /// Fiches de l'annuaire reçues et rapprochées d'une fiche d'ici : uid reçu → uid d'ici.
    pub(super) alias: HashMap<String, String>,
    /// Requêtes d'écriture déjà formées, par (table, mise à jour ?) : colonnes reçues et SQL.
    requetes: HashMap<(String, bool), (Vec<String>, String)>,
    /// (table, uid local) → (propre, empreinte) de la contribution précédente.
    pub(super) avant: HashMap<(String, String), (bool, String)>,
    /// (table, uid local) → (propre, empreinte) de cette contribution.
    pub(super) apres: HashMap<(String, String), (bool, String)>,
    /// Clés étrangères reliées après coup : (table, id, colonne, table cible, clé reçue).
    pub(super) a_relier: Vec<(String, i64, String, String, String)>,
    pub(super) cr: CompteRendu,
}

impl<'c, 's> Fusion<'c, 's> {
    /// Une fusion pour la contribution `source_id` : ce qu'elle apportait est lu puis oublié
    /// (il sera réécrit à la fin).
    pub(super) fn nouvelle(
        conn: &'c Connection,
        schema: &'s Schema,
        source_id: i64,
        source_uid: &str,
        cr: CompteRendu,
    ) -> Resultat<Self> {
        let avant = conn
            .prepare("SELECT table_nom, uid, propre, empreinte FROM consolidation_fiche WHERE source_id = ?1")?
            .query_map([source_id], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?
            .collect::<Result<_, _>>()?;
        conn.execute(
            "DELETE FROM consolidation_fiche WHERE source_id = ?1",
            [source_id],
        )?;
        let mut f = Self::sans_contribution(conn, schema)?;
        f.source_id = source_id;
        f.source_uid = source_uid.to_string();
        f.avant = avant;
        f.cr = cr;
        Ok(f)
    }

    /// Une fusion hors de toute contribution, pour écrire ici une version reçue sur décision de
    /// l'utilisateur (`appliquer`) : rien n'est lu ni retenu des contributions.
    pub(super) fn sans_contribution(conn: &'c Connection, schema: &'s Schema) -> Resultat<Self> {
        Ok(Fusion {
            conn,
            schema,
            source_id: 0,
            source_uid: String::new(),
            ids: HashMap::new(),
            alias: crate::base::toutes(
                conn,
                "SELECT uid_recu, uid_local FROM consolidation_alias",
                [],
            )?,
            requetes: HashMap::new(),
            avant: HashMap::new(),
            apres: HashMap::new(),
            a_relier: Vec::new(),
            cr: CompteRendu::default(),
        })
    }

    /// Remplace le contenu de la fiche `id` par une version reçue (décision d'un conflit).
    pub(super) fn appliquer(&mut self, table: &str, id: i64, donnees: &str) -> Resultat<()> {
        let schema = self.schema;
        let t = schema
            .fiche(table)
            .ok_or_else(|| refus("Fiche inconnue."))?;
        let recue = lire_recue(table, donnees)?;
        self.ecrire(t, Some(id), None, &recue)?;
        self.relier()
    }
}

/// La clé de recherche d'un établissement est recalculée ici plutôt que reprise du paquet : sa
/// forme a changé (migration 14) et un paquet plus ancien porte l'ancienne.
fn cle_recalculee(t: &Table, champs: &Map<String, Value>) -> Option<String> {
    if t.nom != "etablissement" || !champs.contains_key("recherche") {
        return None;
    }
    let texte = |k: &str| champs.get(k).and_then(Value::as_str).unwrap_or_default();
    Some(crate::annuaire::etablissements::cle_recherche(
        texte("uai"),
        texte("nom"),
        texte("commune"),
    ))
}

/// Une fiche reçue : ses colonnes et ses liaisons.
pub(super) struct Recue {
    pub(super) champs: Map<String, Value>,
    liens: Map<String, Value>,
}

fn lire_recue(table: &str, donnees: &str) -> Resultat<Recue> {
    let abime = || refus(&format!("Une fiche « {table} » du paquet est illisible."));
    let Value::Object(mut d) = serde_json::from_str(donnees).map_err(|_| abime())? else {
        return Err(abime());
    };
    let objet = |v: Option<Value>| match v {
        Some(Value::Object(o)) => Ok(o),
        None => Ok(Map::new()),
        Some(_) => Err(abime()),
    };
    Ok(Recue {
        champs: objet(d.remove("champs"))?,
        liens: objet(d.remove("liens"))?,
    })
}

impl<'c, 's> Fusion<'c, 's> {
    pub(super) fn traiter(
        &mut self,
        table: &str,
        uid_recu: &str,
        propre: bool,
        donnees: &str,
    ) -> Resultat<()> {
        let schema = self.schema;
        let t = schema.fiche(table).ok_or_else(|| {
            refus(&format!(
                "Le paquet contient des fiches « {table} » que cette version ne connaît pas."
            ))
        })?;
        // Les fiches de l'annuaire rapprochées sont désignées par leur uid d'ici : la fiche reçue
        // se compare alors telle qu'elle s'écrirait ici.
        let donnees = &*super::cles::traduire(&self.alias, donnees);
        let e = empreinte(donnees);
        let uid = self.uid_local(table, uid_recu);
        let local = id_par_uid(self.conn, table, &uid)?;
        let uid = match local {
            Some(id) => {
                self.retenir(table, uid_recu, id);
                if propre {
                    self.comparer(t, id, &uid, donnees, &e)?;
                }
                uid
            }
            None => self.creer(t, uid_recu, donnees)?,
        };
        let cle = (table.to_string(), uid);
        let propre = propre || self.apres.get(&cle).is_some_and(|(p, _)| *p);
        self.apres.insert(cle, (propre, e));
        Ok(())
    }

    /// Une fiche reçue qui existe ici : inchangée, remplacée, ou en conflit.
    fn comparer(&mut self, t: &Table, id: i64, uid: &str, donnees: &str, e: &str) -> Resultat<()> {
        let actuelle = Lecteur::nouveau(self.conn, self.schema)
            .donnees(&t.nom, id)?
            .unwrap_or_default();
        let e_actuelle = empreinte(&actuelle);
        if e_actuelle == e {
            self.cr.inchangees += 1;
            return Ok(());
        }
        let cle = (t.nom.clone(), uid.to_string());
        let derniere = match self.avant.get(&cle) {
            Some((_, e)) => Some((e.clone(), true)),
            None => self.derniere_ailleurs(&t.nom, uid)?,
        };
        match derniere {
            Some((der, _)) if der != e_actuelle => self.conflit(
                NatureConflit::ModifieeIci,
                t,
                id,
                uid,
                Some(&actuelle),
                Some(donnees),
            ),
            None => self.conflit(
                NatureConflit::ModifieeIci,
                t,
                id,
                uid,
                Some(&actuelle),
                Some(donnees),
            ),
            Some((_, false)) => self.conflit(
                NatureConflit::DeuxSources,
                t,
                id,
                uid,
                Some(&actuelle),
                Some(donnees),
            ),
            Some((_, true)) => {
                let recue = lire_recue(&t.nom, donnees)?;
                self.ecrire(t, Some(id), None, &recue)?;
                self.cr.remplacees += 1;
                Ok(())
            }
        }
    }

    /// L'empreinte reçue en dernier par une autre contribution, et si elle vient de la même source.
    fn derniere_ailleurs(&self, table: &str, uid: &str) -> Resultat<Option<(String, bool)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT f.empreinte, s.source_uid = ?3 FROM consolidation_fiche f
                 JOIN consolidation_source s ON s.id = f.source_id
                 WHERE f.table_nom = ?1 AND f.uid = ?2 AND f.source_id <> ?4
                 ORDER BY f.propre DESC, s.recu_le DESC LIMIT 1",
            )?
            .query_row(params![table, uid, self.source_uid, self.source_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?)
    }

    /// Une fiche reçue absente d'ici : créée, ou rapprochée d'une fiche de l'annuaire. Rend son
    /// uid local.
    fn creer(&mut self, t: &Table, uid_recu: &str, donnees: &str) -> Resultat<String> {
        let recue = lire_recue(&t.nom, donnees)?;
        if ANNUAIRE.contains(&t.nom.as_str()) {
            match self.rapprocher(t, &recue.champs)? {
                Rapprochement::Un(id, uid_local) => {
                    self.conn.execute(
                        "INSERT OR REPLACE INTO consolidation_alias (table_nom, uid_recu, uid_local) VALUES (?1, ?2, ?3)",
                        [&t.nom, uid_recu, &uid_local],
                    )?;
                    self.alias.insert(uid_recu.to_string(), uid_local.clone());
                    self.retenir(&t.nom, uid_recu, id);
                    self.cr.rapprochees += 1;
                    return Ok(uid_local);
                }
                Rapprochement::Plusieurs(candidats) => {
                    let id = self.ecrire(t, None, Some(uid_recu), &recue)?;
                    let locale = self.libelles(&t.nom, &candidats)?;
                    self.conflit(
                        NatureConflit::RapprochementAmbigu,
                        t,
                        id,
                        uid_recu,
                        Some(&locale),
                        Some(donnees),
                    )?;
                }
                Rapprochement::Aucun => {
                    self.ecrire(t, None, Some(uid_recu), &recue)?;
                }
            }
        } else {
            self.ecrire(t, None, Some(uid_recu), &recue)?;
        }
        self.cr.nouvelles += 1;
        Ok(uid_recu.to_string())
    }

    /// Écrit une fiche reçue : `INSERT` (avec son uid) ou `UPDATE` de `id`, puis ses liaisons.
    fn ecrire(
        &mut self,
        t: &Table,
        id: Option<i64>,
        uid: Option<&str>,
        recue: &Recue,
    ) -> Resultat<i64> {
        let mut valeurs: Vec<Sql> = Vec::with_capacity(recue.champs.len() + 1);
        let mut differees = Vec::new();
        let cle = cle_recalculee(t, &recue.champs);
        for (colonne, v) in &recue.champs {
            if let (Some(cle), "recherche") = (&cle, colonne.as_str()) {
                valeurs.push(Sql::Text(cle.clone()));
                continue;
            }
            if !t.colonnes.contains(colonne) {
                return Err(refus(&format!(
                    "Le paquet donne aux fiches « {} » une colonne inconnue (« {colonne} »).",
                    t.nom
                )));
            }
            valeurs.push(self.valeur(t, colonne, v, &mut differees)?);
        }
        let sql = self.requete(&t.nom, id.is_some(), "uid", &recue.champs);
        let id = match id {
            Some(id) => {
                if !recue.champs.is_empty() {
                    valeurs.push(Sql::Integer(id));
                    self.conn
                        .prepare_cached(&sql)?
                        .execute(rusqlite::params_from_iter(&valeurs))?;
                }
                id
            }
            None => {
                valeurs.push(Sql::Text(uid.unwrap_or_default().to_string()));
                self.conn
                    .prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(&valeurs))?;
                let id = self.conn.last_insert_rowid();
                if let Some(uid) = uid {
                    self.retenir(&t.nom, uid, id);
                }
                id
            }
        };
        for (colonne, cible, cle) in differees {
            self.a_relier.push((t.nom.clone(), id, colonne, cible, cle));
        }
        self.ecrire_liens(t, id, uid.is_some(), &recue.liens)?;
        Ok(id)
    }

    /// `INSERT INTO t (c1, …, derniere) VALUES (?1, …)` (derniere : l'uid d'une fiche, la fiche
    /// mère d'une liaison) ou `UPDATE t SET c1 = ?1, … WHERE id = ?n` pour ces colonnes : formée
    /// une fois par table tant que les colonnes reçues sont les mêmes.
    fn requete(
        &mut self,
        table: &str,
        mise_a_jour: bool,
        derniere: &str,
        champs: &Map<String, Value>,
    ) -> String {
        let cle = (table.to_string(), mise_a_jour);
        if let Some((colonnes, sql)) = self.requetes.get(&cle) {
            if colonnes.iter().eq(champs.keys()) {
                return sql.clone();
            }
        }
        let colonnes: Vec<String> = champs.keys().cloned().collect();
        let noms: Vec<String> = colonnes.iter().map(|c| ident(c)).collect();
        let sql = if mise_a_jour {
            let sets: Vec<String> = noms
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 1))
                .collect();
            format!(
                "UPDATE {} SET {} WHERE id = ?{}",
                ident(table),
                sets.join(", "),
                sets.len() + 1
            )
        } else {
            let marques: Vec<String> = (1..=noms.len() + 1).map(|i| format!("?{i}")).collect();
            format!(
                "INSERT INTO {} ({}, {}) VALUES ({})",
                ident(table),
                noms.join(", "),
                ident(derniere),
                marques.join(", ")
            )
        };
        self.requetes.insert(cle, (colonnes, sql.clone()));
        sql
    }

    /// La valeur SQL d'une colonne reçue ; une clé étrangère est traduite, ou reliée après coup
    /// si la fiche désignée n'est pas encore arrivée.
    fn valeur(
        &mut self,
        t: &Table,
        colonne: &str,
        v: &Value,
        differees: &mut Vec<(String, String, String)>,
    ) -> Resultat<Sql> {
        let incoherent = || {
            refus(&format!("Le paquet est incohérent : une fiche « {} » désigne une fiche absente ({colonne}).", t.nom))
        };
        match (t.cle(colonne), v) {
            (Some(c), Value::String(cle)) => match self.resoudre(&c.cible, cle)? {
                Some(id) => Ok(Sql::Integer(id)),
                None if c.nulle => {
                    differees.push((colonne.to_string(), c.cible.clone(), cle.clone()));
                    Ok(Sql::Null)
                }
                None => Err(incoherent()),
            },
            (Some(_), Value::Null) => Ok(Sql::Null),
            (Some(_), _) => Err(incoherent()),
            (None, v) => {
                sql(v).ok_or_else(|| refus(&format!("Une valeur de « {} » est illisible.", t.nom)))
            }
        }
    }

    /// Remplace les liaisons de la fiche `id` par celles reçues (une fiche neuve n'en a pas).
    fn ecrire_liens(
        &mut self,
        t: &Table,
        id: i64,
        neuve: bool,
        liens: &Map<String, Value>,
    ) -> Resultat<()> {
        let schema = self.schema;
        for l in schema.liaisons_de(&t.nom) {
            let Some(parent) = &l.parent else { continue };
            if !neuve {
                let sql = format!(
                    "DELETE FROM {} WHERE {} = ?1",
                    ident(&l.nom),
                    ident(&parent.colonne)
                );
                self.conn.prepare_cached(&sql)?.execute([id])?;
            }
            let Some(Value::Array(lignes)) = liens.get(&l.nom) else {
                continue;
            };
            for ligne in lignes {
                let Value::Object(champs) = ligne else {
                    return Err(refus(&format!(
                        "Une liaison « {} » du paquet est illisible.",
                        l.nom
                    )));
                };
                let mut valeurs = Vec::with_capacity(champs.len() + 1);
                let mut differees = Vec::new();
                for (colonne, v) in champs {
                    if !l.colonnes.contains(colonne) {
                        return Err(refus(&format!("Le paquet donne aux liaisons « {} » une colonne inconnue (« {colonne} »).", l.nom)));
                    }
                    valeurs.push(self.valeur(l, colonne, v, &mut differees)?);
                }
                if !differees.is_empty() {
                    return Err(refus(&format!(
                        "Le paquet est incohérent : une liaison « {} » désigne une fiche absente.",
                        l.nom
                    )));
                }
                // La colonne de la fiche mère vient en dernier, comme l'uid d'une fiche.
                valeurs.push(Sql::Integer(id));
                let sql = self.requete(&l.nom, false, &parent.colonne, champs);
                self.conn
                    .prepare_cached(&sql)?
                    .execute(rusqlite::params_from_iter(&valeurs))?;
            }
        }
        Ok(())
    }
}
