//! Les clés reçues traduites en identifiants locaux : référentiels retrouvés par leur clé
//! naturelle (créés s'ils manquent), fiches par leur identifiant global, fiches de l'annuaire
//! par le rapprochement retenu.

use super::fiches::{id_par_uid, ident};
use super::fusion::Fusion;
use super::import::refus;
use super::paquet::Contenu;
use super::schema::{Schema, ANNUAIRE, REFERENTIELS};
use crate::annuaire::bassins;
use crate::cet::cpc;
use crate::ipe::themes;
use crate::Resultat;
use rusqlite::OptionalExtension;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;

impl Fusion<'_, '_> {
    /// Les référentiels cités : retrouvés par leur clé naturelle, créés s'ils manquent.
    pub(super) fn referentiels(&mut self, c: &Contenu) -> Resultat<()> {
        for (table, cle, donnees) in &c.referentiels {
            if let Some(id) = self.referentiel_local(table, cle)? {
                self.retenir(table, cle, id);
                continue;
            }
            let d: Map<String, Value> = serde_json::from_str(donnees)
                .map_err(|_| refus("Un référentiel du paquet est illisible."))?;
            let id = self.creer_referentiel(table, cle, &d)?;
            self.retenir(table, cle, id);
        }
        Ok(())
    }

    /// Un référentiel absent d'ici, créé par la fonction de son module (même contrôle qu'une
    /// saisie) ; une académie, liste fixe, ne se crée pas.
    fn creer_referentiel(&self, table: &str, cle: &str, d: &Map<String, Value>) -> Resultat<i64> {
        let texte = |k: &str| {
            d.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let refuse = |e: crate::Erreur| {
            refus(&format!(
                "Le paquet cite un référentiel refusé ici (« {cle} ») : {e}"
            ))
        };
        match table {
            "bassin" => {
                let academie = self
                    .referentiel_local("academie", &texte("academie"))?
                    .ok_or_else(|| {
                        refus(&format!(
                            "Le paquet cite une académie inconnue (« {} »).",
                            texte("academie")
                        ))
                    })?;
                let saisie = bassins::SaisieBassin {
                    nom: texte("nom"),
                    academie_id: Some(academie),
                };
                Ok(bassins::creer(self.conn, &saisie).map_err(refuse)?.id)
            }
            "cpc" => Ok(cpc::creer(self.conn, &cpc::SaisieCpc { nom: texte("nom") })
                .map_err(refuse)?
                .id),
            "theme_ipe" => {
                let saisie = themes::SaisieTheme {
                    libelle: texte("libelle"),
                };
                Ok(themes::creer(self.conn, &saisie).map_err(refuse)?.id)
            }
            "academie" => Err(refus(&format!(
                "Le paquet cite une académie inconnue (« {cle} »)."
            ))),
            _ => Err(refus(&format!(
                "Le paquet cite un référentiel inconnu (« {table} »)."
            ))),
        }
    }

    pub(super) fn referentiel_local(&self, table: &str, cle: &str) -> Resultat<Option<i64>> {
        let Some((_, expression)) = REFERENTIELS.iter().find(|(t, _)| *t == table) else {
            return Ok(None);
        };
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT r.id FROM {} r WHERE {expression} = ?1",
                ident(table)
            ))?
            .query_row([cle], |r| r.get(0))
            .optional()?)
    }

    /// Retient l'id local d'une clé reçue.
    pub(super) fn retenir(&mut self, table: &str, cle: &str, id: i64) {
        // `entry` demanderait une copie du nom de table à chaque fiche.
        match self.ids.get_mut(table) {
            Some(ids) => {
                ids.insert(cle.to_string(), id);
            }
            None => {
                self.ids
                    .insert(table.to_string(), HashMap::from([(cle.to_string(), id)]));
            }
        }
    }

    /// L'id local de la fiche désignée par une clé reçue (uid, ou clé naturelle d'un référentiel).
    pub(super) fn resoudre(&mut self, table: &str, cle: &str) -> Resultat<Option<i64>> {
        if let Some(id) = self.ids.get(table).and_then(|t| t.get(cle)) {
            return Ok(Some(*id));
        }
        let id = if Schema::est_referentiel(table) {
            self.referentiel_local(table, cle)?
        } else {
            id_par_uid(self.conn, table, &self.uid_local(table, cle))?
        };
        if let Some(id) = id {
            self.retenir(table, cle, id);
        }
        Ok(id)
    }

    /// Une fiche de l'annuaire reçue peut avoir été rapprochée d'une fiche d'ici.
    pub(super) fn uid_local(&self, table: &str, uid: &str) -> String {
        match self.alias.get(uid) {
            Some(ici) if ANNUAIRE.contains(&table) => ici.clone(),
            _ => uid.to_string(),
        }
    }
}

/// Le JSON d'une fiche reçue où chaque uid rapproché (`"…"` de 36 caractères) devient l'uid
/// d'ici. Sans rapprochement, le texte reçu tel quel.
pub(super) fn traduire<'a>(alias: &HashMap<String, String>, donnees: &'a str) -> Cow<'a, str> {
    if alias.is_empty() {
        return Cow::Borrowed(donnees);
    }
    let mut sortie = String::new();
    let mut copie = 0;
    let octets = donnees.as_bytes();
    let mut i = 0;
    while i + 38 <= octets.len() {
        if octets[i] == b'"'
            && octets[i + 37] == b'"'
            && octets[i + 9] == b'-'
            && octets[i + 14] == b'-'
        {
            if let Some(ici) = donnees.get(i + 1..i + 37).and_then(|u| alias.get(u)) {
                sortie.push_str(&donnees[copie..i + 1]);
                sortie.push_str(ici);
                copie = i + 37;
                i += 38;
                continue;
            }
        }
        i += 1;
    }
    if copie == 0 {
        return Cow::Borrowed(donnees);
    }
    sortie.push_str(&donnees[copie..]);
    Cow::Owned(sortie)
}
