//! Ce que toutes les listes partagent : recherche pendant la frappe, filtres, tri sur liste
//! blanche, limite, total. Les modules à venir s'en servent aussi.

use crate::{texte, Erreur, Resultat};
use rusqlite::types::Value;
use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};

/// Paramètres communs envoyés par l'écran de liste.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ParametresListe {
    pub recherche: String,
    pub tri: Option<String>,
    pub descendant: bool,
    pub limite: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct Liste<T> {
    pub lignes: Vec<T>,
    /// Nombre total de lignes qui répondent, au-delà de la limite affichée.
    pub total: i64,
}

/// Limite par défaut d'une liste affichée : au-delà, l'utilisateur affine sa recherche.
pub const LIMITE_DEFAUT: i64 = 200;

/// La requête de base d'une liste : ses colonnes et ses tables (FROM … JOIN …), écrites par le module.
pub struct Requete {
    pub colonnes: &'static str,
    pub tables: &'static str,
}

/// Conditions et paramètres liés d'une requête de liste.
#[derive(Default)]
pub struct Filtre {
    conditions: Vec<String>,
    parametres: Vec<Value>,
}

impl Filtre {
    fn lier(&mut self, v: Value) -> String {
        self.parametres.push(v);
        format!("?{}", self.parametres.len())
    }

    /// Chaque mot tapé doit figurer dans l'une des clés de recherche `cles` (colonnes `recherche`
    /// déjà normalisées : celle de la fiche et celles des fiches jointes), accents et casse ignorés.
    pub fn recherche(&mut self, cles: &[&str], saisie: &str) -> &mut Self {
        for mot in texte::normaliser(saisie)
            .split(' ')
            .filter(|m| !m.is_empty())
        {
            let p = self.lier(Value::Text(mot.to_string()));
            let une_des_cles: Vec<String> = cles
                .iter()
                .map(|c| format!("instr(coalesce({c}, ''), {p}) > 0"))
                .collect();
            self.conditions
                .push(format!("({})", une_des_cles.join(" OR ")));
        }
        self
    }

    /// Recherche par l'index plein texte de l'annuaire : chaque mot tapé doit figurer dans la clé
    /// de la fiche ou dans celle d'une fiche qu'elle cite. `fiche` : (identifiant de la ligne
    /// listée, sa table, sa clé), par exemple `("p.id", "personne", "p.recherche")` ; `liens` :
    /// (colonne de `table` qui cite, table citée, clé de la fiche citée dans la requête).
    ///
    /// Un mot sélectif (moins de `recherche::PEU` fiches dans chaque index) retient les lignes par
    /// leur identifiant : rien ne parcourt la table. Un mot court ou fréquent (« ly », « lycée »)
    /// ne gagnerait rien à l'index (la liste entière est de toute façon triée) : il est cherché
    /// dans les clés, ligne par ligne.
    pub fn recherche_indexee(
        &mut self,
        conn: &Connection,
        (id, table, cle): (&str, &str, &str),
        liens: &[(&str, &str, &str)],
        saisie: &str,
    ) -> &mut Self {
        use crate::annuaire::recherche;
        for mot in recherche::mots(saisie) {
            // Une table citée sans index (les bassins) est petite : la lire ne coûte rien.
            let selectif = recherche::selectif(conn, table, &mot)
                && liens.iter().all(|(_, citee, _)| {
                    !recherche::TABLES_INDEXEES.contains(citee)
                        || recherche::selectif(conn, citee, &mot)
                });
            if !selectif {
                let mut cles = vec![cle];
                cles.extend(liens.iter().map(|(_, _, c)| *c));
                self.recherche(&cles, &mot);
                continue;
            }
            let mut sources = Vec::new();
            let p = format!("?{}", self.parametres.len() + 1);
            let (sql, valeur) = recherche::ids_contenant(table, &mot, &p);
            self.parametres.push(valeur);
            sources.push(sql);
            for (colonne, citee, _) in liens {
                let p = format!("?{}", self.parametres.len() + 1);
                let (sql, valeur) = recherche::ids_contenant(citee, &mot, &p);
                self.parametres.push(valeur);
                sources.push(format!("SELECT id FROM {table} WHERE {colonne} IN ({sql})"));
            }
            self.conditions
                .push(format!("{id} IN ({})", sources.join(" UNION ")));
        }
        self
    }

    /// `colonne = valeur`, si une valeur est choisie.
    pub fn egal<V: Into<Value>>(&mut self, colonne: &str, valeur: Option<V>) -> &mut Self {
        if let Some(v) = valeur {
            let p = self.lier(v.into());
            self.conditions.push(format!("{colonne} = {p}"));
        }
        self
    }

    /// Condition écrite par le module, où chaque `{}` reçoit, lié, la valeur suivante.
    pub fn condition_liee<V: Into<Value>>(
        &mut self,
        sql: &str,
        valeurs: impl IntoIterator<Item = V>,
    ) -> &mut Self {
        let mut morceaux = sql.split("{}");
        let mut texte = morceaux.next().unwrap_or_default().to_string();
        for (morceau, v) in morceaux.zip(valeurs) {
            texte += &self.lier(v.into());
            texte += morceau;
        }
        self.conditions.push(texte);
        self
    }

    /// Condition libre écrite par le module (jamais par l'utilisateur).
    pub fn condition(&mut self, sql: &str) -> &mut Self {
        self.conditions.push(sql.to_string());
        self
    }

    /// Exécute la requête filtrée, triée selon `tris` (clé → expression), `tris[0]` étant
    /// l'ordre par défaut.
    pub fn lister<T>(
        &self,
        conn: &Connection,
        requete: &Requete,
        tris: &[(&str, &str)],
        p: &ParametresListe,
        ligne: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Resultat<Liste<T>> {
        let clause = if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        };
        let ordre = match &p.tri {
            None => tris[0].1,
            Some(cle) => tris
                .iter()
                .find(|(c, _)| c == cle)
                .map(|(_, e)| *e)
                .ok_or_else(|| Erreur::validation("tri", format!("Tri inconnu : « {cle} ».")))?,
        };
        let sens = if p.descendant { "DESC" } else { "ASC" };
        let limite = p.limite.unwrap_or(LIMITE_DEFAUT).clamp(1, 100_000);
        // Le total se compte sans les colonnes (ni leurs sous-requêtes) : c'est ce qui le rend
        // rapide même sur des centaines de milliers de lignes.
        let Requete { colonnes, tables } = requete;
        let total: i64 = conn
            .prepare_cached(&format!("SELECT count(*) FROM {tables}{clause}"))?
            .query_row(rusqlite::params_from_iter(self.parametres.iter()), |r| {
                r.get(0)
            })?;
        let sql = format!(
            "SELECT {colonnes} FROM {tables}{clause} ORDER BY {ordre} {sens}, 1 LIMIT {limite}"
        );
        let mut st = conn.prepare_cached(&sql)?;
        let lignes = st
            .query_map(rusqlite::params_from_iter(self.parametres.iter()), ligne)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Liste { lignes, total })
    }
}

/// Lit une ligne par son identifiant avec la même requête que la liste.
pub fn lire_un<T>(
    conn: &Connection,
    requete: &Requete,
    colonne_id: &str,
    id: i64,
    quoi: &str,
    ligne: impl FnOnce(&Row) -> rusqlite::Result<T>,
) -> Resultat<T> {
    use rusqlite::OptionalExtension;
    let Requete { colonnes, tables } = requete;
    conn.query_row(
        &format!("SELECT {colonnes} FROM {tables} WHERE {colonne_id} = ?1"),
        [id],
        ligne,
    )
    .optional()?
    .ok_or_else(|| Erreur::Introuvable(format!("{quoi} n° {id} n'existe pas (ou plus).")))
}

/// Supprime une ligne après avoir vérifié que rien ne la cite.
pub fn supprimer(conn: &Connection, table: &str, id: i64, nom: &str) -> Resultat<()> {
    crate::base::verifier_non_utilise(conn, table, id, nom)?;
    conn.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
    Ok(())
}

/// L'enregistrement `table`/`id` doit exister ; sinon « {quoi} n° {id} n'existe pas (ou plus). »
pub fn exiger(conn: &Connection, table: &str, id: i64, quoi: &str) -> Resultat<()> {
    if existe(conn, table, id)? {
        Ok(())
    } else {
        Err(Erreur::Introuvable(format!(
            "{quoi} n° {id} n'existe pas (ou plus)."
        )))
    }
}

/// Identifiants lus d'un `group_concat(id)`.
pub fn ids(v: Option<String>) -> Vec<i64> {
    v.map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_default()
}

/// Identifiants triés, sans doublon.
pub fn sans_doublon(v: &[i64]) -> Vec<i64> {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// Chaque identifiant cité doit exister dans `table` ; sinon un message sur `champ`.
pub fn verifier_ids(
    conn: &Connection,
    c: &mut crate::Controle,
    citations: &[(&str, &[i64], &'static str, &str)],
) -> Resultat<()> {
    for &(table, ids, champ, quoi) in citations {
        for id in ids {
            if !existe(conn, table, *id)? {
                c.ajouter(
                    champ,
                    format!("La liste cite {quoi} qui n'existe plus (n° {id})."),
                );
            }
        }
    }
    Ok(())
}

/// Remplace les liens `table(colonne_parent = id, colonne = autre)` par `autres`. Tables et
/// colonnes écrites par le module, jamais saisies.
pub fn ecrire_liens(
    conn: &Connection,
    table: &str,
    colonne_parent: &str,
    id: i64,
    colonne: &str,
    autres: &[i64],
) -> Resultat<()> {
    conn.prepare_cached(&format!("DELETE FROM {table} WHERE {colonne_parent} = ?1"))?
        .execute([id])?;
    ajouter_liens(conn, table, colonne_parent, id, colonne, autres)
}

/// Les liens d'une fiche qui vient d'être créée (rien à retirer avant) : un import de
/// 100 000 actions s'épargne 300 000 suppressions sans effet.
pub fn ajouter_liens(
    conn: &Connection,
    table: &str,
    colonne_parent: &str,
    id: i64,
    colonne: &str,
    autres: &[i64],
) -> Resultat<()> {
    let mut st = conn.prepare_cached(&format!(
        "INSERT INTO {table} ({colonne_parent}, {colonne}) VALUES (?1, ?2)"
    ))?;
    for autre in sans_doublon(autres) {
        st.execute([id, autre])?;
    }
    Ok(())
}

/// `id` s'il désigne une ligne de `table`, sinon `None` (choix vide ou ligne disparue).
pub fn existant(conn: &Connection, table: &str, id: Option<i64>) -> Resultat<Option<i64>> {
    match id {
        Some(i) if existe(conn, table, i)? => Ok(Some(i)),
        _ => Ok(None),
    }
}

/// La ligne `id` existe-t-elle dans `table` (nom écrit par le module) ?
pub fn existe(conn: &Connection, table: &str, id: i64) -> Resultat<bool> {
    let mut st = conn.prepare_cached(&format!("SELECT count(*) FROM {table} WHERE id = ?1"))?;
    Ok(st.query_row([id], |r| r.get::<_, i64>(0))? > 0)
}
