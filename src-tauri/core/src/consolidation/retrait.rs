//! Ce que la fusion ne tranche pas seule : rapprochements de l'annuaire, conflits notés, fiches
//! disparues à la source, et la contribution enregistrée pour la prochaine fois.

use super::fiches::{empreinte, id_par_uid, ident, Lecteur};
use super::fusion::{Fusion, Rapprochement};
use super::schema::Table;
use super::NatureConflit;
use crate::Resultat;
use rusqlite::params;
use serde_json::{Map, Value};

impl Fusion<'_, '_> {
    /// Les fiches locales qui pourraient être la fiche reçue : UAI, SIRET ou courriel la
    /// désignent sans doute possible ; un nom seul ne suffit jamais à fusionner.
    pub(super) fn rapprocher(
        &mut self,
        t: &Table,
        champs: &Map<String, Value>,
    ) -> Resultat<Rapprochement> {
        let texte = |k: &str| {
            champs
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
                .to_string()
        };
        // (requête, valeur cherchée, la clé désigne-t-elle la fiche à coup sûr ?)
        let (sql, cle, sure) = match t.nom.as_str() {
            "etablissement" if !texte("uai").is_empty() => {
                ("SELECT id, uid FROM etablissement WHERE upper(uai) = upper(?1)", texte("uai"), true)
            }
            "etablissement" => {
                ("SELECT id, uid FROM etablissement WHERE normaliser(nom) = normaliser(?1)", texte("nom"), false)
            }
            "organisation" if !texte("siret").is_empty() => (
                "SELECT id, uid FROM organisation WHERE replace(siret, ' ', '') = replace(?1, ' ', '')",
                texte("siret"),
                true,
            ),
            "organisation" => {
                ("SELECT id, uid FROM organisation WHERE normaliser(nom) = normaliser(?1)", texte("nom"), false)
            }
            "personne" if !texte("email").is_empty() => {
                ("SELECT id, uid FROM personne WHERE lower(email) = lower(?1)", texte("email"), true)
            }
            "personne" => return self.rapprocher_par_nom(champs),
            _ => return Ok(Rapprochement::Aucun),
        };
        let trouvees: Vec<(i64, String)> = crate::base::toutes(self.conn, sql, [cle])?;
        // Sans clé qui désigne à coup sûr (UAI, SIRET, courriel), un même nom est signalé.
        Ok(match trouvees.as_slice() {
            [] => Rapprochement::Aucun,
            [(id, uid)] if sure => Rapprochement::Un(*id, uid.clone()),
            _ => Rapprochement::Plusieurs(trouvees.iter().map(|(id, _)| *id).collect()),
        })
    }

    /// Une personne sans courriel : même nom, prénom et organisation ; un homonyme ailleurs
    /// est signalé.
    fn rapprocher_par_nom(&mut self, champs: &Map<String, Value>) -> Resultat<Rapprochement> {
        let texte = |k: &str| {
            champs
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let mut organisation = None;
        if let Some(Value::String(cle)) = champs.get("organisation_id") {
            organisation = self.resoudre("organisation", cle)?;
        }
        let homonymes: Vec<(i64, String, Option<i64>)> = crate::base::toutes(
            self.conn,
            "SELECT id, uid, organisation_id FROM personne
             WHERE normaliser(nom) = normaliser(?1) AND normaliser(coalesce(prenom, '')) = normaliser(?2)",
            [texte("nom"), texte("prenom")],
        )?;
        let memes: Vec<&(i64, String, Option<i64>)> = homonymes
            .iter()
            .filter(|(_, _, o)| *o == organisation)
            .collect();
        Ok(match (memes.as_slice(), homonymes.len()) {
            (_, 0) => Rapprochement::Aucun,
            ([(id, uid, _)], _) => Rapprochement::Un(*id, uid.clone()),
            _ => Rapprochement::Plusieurs(homonymes.iter().map(|h| h.0).collect()),
        })
    }

    /// Les fiches candidates (identifiant global et libellé), pour le choix de l'utilisateur.
    pub(super) fn libelles(&self, table: &str, ids: &[i64]) -> Resultat<String> {
        let mut l = Vec::new();
        for id in ids {
            let uid: String = self.conn.query_row(
                &format!("SELECT uid FROM {} WHERE id = ?1", ident(table)),
                [id],
                |r| r.get(0),
            )?;
            let libelle =
                crate::journal::libelle_actuel(self.conn, table, *id)?.unwrap_or_default();
            l.push(serde_json::json!({ "uid": uid, "libelle": libelle }));
        }
        Ok(serde_json::json!({ "candidates": l }).to_string())
    }

    /// Note un conflit (une seule fois tant qu'il n'est pas tranché) ; la fiche locale reste.
    pub(super) fn conflit(
        &mut self,
        nature: NatureConflit,
        t: &Table,
        id: i64,
        uid: &str,
        locale: Option<&str>,
        recue: Option<&str>,
    ) -> Resultat<()> {
        let libelle = crate::journal::libelle_actuel(self.conn, &t.nom, id)?.unwrap_or_default();
        let deja: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM consolidation_conflit WHERE table_nom = ?1 AND uid = ?2
               AND nature = ?3 AND recue IS ?4 AND decision IS NULL)",
            params![t.nom, uid, nature, recue],
            |r| r.get(0),
        )?;
        if !deja {
            let source: String = self.conn.query_row(
                "SELECT source_nom FROM consolidation_source WHERE id = ?1",
                [self.source_id],
                |r| r.get(0),
            )?;
            self.conn.execute(
                "INSERT INTO consolidation_conflit (source_id, source_nom, nature, table_nom, uid, libelle,
                   locale, recue, note_le)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))",
                params![self.source_id, source, nature, t.nom, uid, libelle, locale, recue],
            )?;
        }
        self.cr.conflits.push(format!(
            "{} « {libelle} » : {}",
            crate::journal::nom_de_table(&t.nom),
            crate::vocabulaire::Code::libelle(nature).to_lowercase()
        ));
        Ok(())
    }

    /// Les clés étrangères qui désignaient une fiche arrivée plus loin dans le paquet.
    pub(super) fn relier(&mut self) -> Resultat<()> {
        for (table, id, colonne, cible, cle) in std::mem::take(&mut self.a_relier) {
            let valeur = self.resoudre(&cible, &cle)?.ok_or_else(|| {
                super::import::refus(&format!("Le paquet est incohérent : une fiche « {table} » désigne une fiche absente ({colonne})."))
            })?;
            self.conn.execute(
                &format!(
                    "UPDATE {} SET {} = ?1 WHERE id = ?2",
                    ident(&table),
                    ident(&colonne)
                ),
                [valeur, id],
            )?;
        }
        Ok(())
    }

    /// Les fiches que la contribution précédente apportait et que celle-ci n'apporte plus :
    /// supprimées, sauf si une autre contribution les apporte, si elles ont été modifiées ici,
    /// ou si une fiche d'ici les cite encore (conflit noté).
    pub(super) fn retirer_disparues(&mut self) -> Resultat<()> {
        let schema = self.schema;
        for t in schema.fiches.iter().rev() {
            let disparues: Vec<(String, String)> = self
                .avant
                .iter()
                .filter(|((table, uid), (propre, _))| {
                    *propre
                        && *table == t.nom
                        && !self.apres.contains_key(&(table.clone(), uid.clone()))
                })
                .map(|((_, uid), (_, e))| (uid.clone(), e.clone()))
                .collect();
            for (uid, e) in disparues {
                self.retirer(t, &uid, &e)?;
            }
        }
        Ok(())
    }

    fn retirer(&mut self, t: &Table, uid: &str, e: &str) -> Resultat<()> {
        let apportee_ailleurs: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM consolidation_fiche WHERE table_nom = ?1 AND uid = ?2 AND propre = 1)",
            [&t.nom, uid],
            |r| r.get(0),
        )?;
        let id = id_par_uid(self.conn, &t.nom, uid)?;
        let Some(id) = id.filter(|_| !apportee_ailleurs) else {
            return Ok(());
        };
        let actuelle = Lecteur::nouveau(self.conn, self.schema)
            .donnees(&t.nom, id)?
            .unwrap_or_default();
        if empreinte(&actuelle) != e {
            return self.conflit(
                NatureConflit::SupprimeeALaSource,
                t,
                id,
                uid,
                Some(&actuelle),
                None,
            );
        }
        let point = crate::base::Point::ouvrir(self.conn, "retrait")?;
        match self.conn.execute(
            &format!("DELETE FROM {} WHERE id = ?1", ident(&t.nom)),
            [id],
        ) {
            Ok(_) => {
                point.valider()?;
                self.cr.supprimees += 1;
                Ok(())
            }
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                point.annuler()?;
                self.conflit(
                    NatureConflit::SupprimeeALaSource,
                    t,
                    id,
                    uid,
                    Some(&actuelle),
                    None,
                )
            }
            Err(e) => {
                point.annuler()?;
                Err(e.into())
            }
        }
    }

    /// Retient ce que cette contribution a apporté ou cité, avec l'empreinte reçue.
    pub(super) fn noter_contribution(&mut self) -> Resultat<()> {
        let mut st = self.conn.prepare(
            "INSERT INTO consolidation_fiche (source_id, table_nom, uid, propre, empreinte)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        // Dans l'ordre de la clé primaire : l'arbre s'écrit à la suite plutôt qu'au hasard.
        let mut fiches: Vec<_> = self.apres.iter().collect();
        fiches.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for ((table, uid), (propre, e)) in fiches {
            st.execute(params![self.source_id, table, uid, propre, e])?;
        }
        Ok(())
    }
}
