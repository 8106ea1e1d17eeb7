//! Recherche instantanée des sélecteurs : quelques lettres du nom, de l'UAI, du SIRET, de la
//! commune ou de l'e-mail, accents et casse ignorés, et au plus N fiches `{id, libelle, contexte}`.
//!
//! Établissements, organisations et personnes (des dizaines de milliers de fiches) sont cherchés
//! dans un index FTS5 à trigrammes (`<table>_fts`, migration 12) tenu par des déclencheurs sur la
//! clé `recherche` de chaque fiche ; conventions et comités, quelques centaines au plus, sont lus
//! directement. Un mot de moins de trois lettres ne fait pas de trigramme : il est cherché dans la
//! clé elle-même, parmi les fiches que les autres mots ont déjà retenues.

use crate::{texte, Erreur, Resultat};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

/// Tables dotées d'un index plein texte `<table>_fts` sur leur colonne `recherche`.
pub const TABLES_INDEXEES: &[&str] = &["etablissement", "organisation", "personne", "action_ipe"];

/// Nombre de fiches rendues par défaut, et au plus.
pub const LIMITE_DEFAUT: usize = 20;
const LIMITE_MAX: usize = 100;
/// Fiches candidates lues avant le classement (les plus pertinentes d'abord, puis par libellé).
const CANDIDATS: usize = 1000;

/// Ce que l'on peut chercher dans un sélecteur.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Genre {
    Etablissement,
    Organisation,
    Personne,
    Convention,
    Comite,
    /// Un intervenant (IPE) : la personne de l'annuaire, son entreprise d'origine, son académie.
    Ipe,
}

impl Genre {
    pub fn depuis_code(code: &str) -> Resultat<Genre> {
        Ok(match code {
            "etablissement" => Genre::Etablissement,
            "organisation" => Genre::Organisation,
            "personne" => Genre::Personne,
            "convention" => Genre::Convention,
            "comite" => Genre::Comite,
            "ipe" => Genre::Ipe,
            autre => {
                return Err(Erreur::validation(
                    "genre",
                    format!("On ne cherche pas de « {autre} » dans Passerelle."),
                ))
            }
        })
    }

    /// Table, jointures et colonnes lues : `id`, `libelle`, puis les morceaux du contexte.
    fn requete(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Genre::Etablissement => ("etablissement", "", "t.id, t.nom, t.commune, t.uai"),
            Genre::Organisation => (
                "organisation",
                "",
                "t.id, t.nom, t.commune, coalesce(t.siret, '')",
            ),
            Genre::Ipe => (
                "ipe",
                "JOIN personne p ON p.id = t.personne_id
                 LEFT JOIN organisation o ON o.id = t.entreprise_id
                 LEFT JOIN academie a ON a.id = t.academie_id",
                "t.id, p.nom || ' ' || p.prenom, coalesce(o.nom, ''), coalesce(a.nom, '')",
            ),
            Genre::Personne => (
                "personne",
                "LEFT JOIN organisation o ON o.id = t.organisation_id
                 LEFT JOIN etablissement e ON e.id = t.etablissement_id",
                "t.id, t.nom || ' ' || t.prenom, coalesce(o.nom, e.nom, ''), t.email",
            ),
            Genre::Convention => (
                "convention",
                "LEFT JOIN academie a ON a.id = t.academie_id",
                "t.id, t.titre, coalesce(a.nom, ''), t.date_effet",
            ),
            Genre::Comite => (
                "comite_clee",
                "JOIN academie a ON a.id = t.academie_id
                 LEFT JOIN etablissement e ON e.id = t.etablissement_support_id",
                "t.id, t.nom, a.nom, coalesce(e.nom, '')",
            ),
        }
    }

    /// La clé où chercher les mots qui ne passent pas par l'index : celle de la fiche, ou, pour
    /// un IPE (quelques centaines), celles de sa personne et de son entreprise, et son académie.
    fn cle(self) -> &'static str {
        match self {
            Genre::Ipe => {
                "p.recherche || ' ' || coalesce(o.recherche, '') || ' ' || normaliser(coalesce(a.nom, ''))"
            }
            _ => "t.recherche",
        }
    }
}

/// Une fiche trouvée : ce que le sélecteur affiche, et l'identifiant qu'il enregistre.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Trouve {
    pub id: i64,
    pub libelle: String,
    /// « Lens · 0620057A », « Entreprise Dupont · contact@dupont.fr »…
    pub contexte: String,
}

#[derive(Debug, Serialize)]
pub struct Trouves {
    pub resultats: Vec<Trouve>,
    /// D'autres fiches répondent : taper quelques lettres de plus pour affiner.
    pub plus: bool,
}

/// La fiche `id` telle qu'un sélecteur l'affiche (valeur déjà choisie d'un formulaire).
pub fn decrire(conn: &Connection, genre: Genre, id: i64) -> Resultat<Trouves> {
    let (table, jointures, colonnes) = genre.requete();
    let sql = format!("SELECT {colonnes} FROM {table} t {jointures} WHERE t.id = ?1");
    let mut st = conn.prepare_cached(&sql)?;
    let resultats = st
        .query_map([id], |r| lire(genre, r))?
        .collect::<Result<_, _>>()?;
    Ok(Trouves {
        resultats,
        plus: false,
    })
}

fn lire(genre: Genre, r: &rusqlite::Row) -> rusqlite::Result<Trouve> {
    let a: String = r.get(2)?;
    let b: String = r.get(3)?;
    Ok(Trouve {
        id: r.get(0)?,
        libelle: r.get(1)?,
        contexte: contexte(genre, &a, &b),
    })
}

/// En deçà de ce nombre de lignes, un import tient toujours l'index ligne à ligne.
pub const SEUIL_EN_MASSE: usize = 5_000;

/// `en_masse` pour un import de `lignes` lignes qui écrit dans `tables`, quand cela paie : la
/// reconstruction relit toute la table (environ 14 µs par fiche), le déclencheur coûte environ
/// 50 µs par fiche écrite (bench-annuaire, bench-reseaux) ; elle gagne donc quand l'import
/// écrit plus du tiers des fiches déjà là, et au-delà du seuil.
pub fn pour_un_import<T>(
    conn: &Connection,
    lignes: usize,
    tables: &[&str],
    ecrire: impl FnOnce() -> Resultat<T>,
) -> Resultat<T> {
    let mut deja = 0usize;
    for t in tables.iter().filter(|t| TABLES_INDEXEES.contains(t)) {
        deja += lignes_de(conn, t)?;
    }
    let paie = lignes > SEUIL_EN_MASSE && lignes.saturating_mul(3) > deja;
    en_masse(conn, if paie { tables } else { &[] }, ecrire)
}

/// Comme `pour_un_import`, table par table : `arrivees` donne pour chaque table le nombre de
/// fiches qui vont y entrer (paquets de consolidation) ; seules celles où cela paie sont
/// reconstruites.
pub fn pour_des_arrivees<T>(
    conn: &Connection,
    arrivees: &[(&str, usize)],
    ecrire: impl FnOnce() -> Resultat<T>,
) -> Resultat<T> {
    let mut tables = Vec::new();
    for (t, lignes) in arrivees {
        if TABLES_INDEXEES.contains(t)
            && *lignes > SEUIL_EN_MASSE
            && lignes.saturating_mul(3) > lignes_de(conn, t)?
        {
            tables.push(*t);
        }
    }
    en_masse(conn, &tables, ecrire)
}

/// Le plus grand identifiant de `table` (nom écrit par le code) : sa taille, sans la compter.
fn lignes_de(conn: &Connection, table: &str) -> Resultat<usize> {
    let n: i64 = conn.query_row(
        &format!("SELECT coalesce(max(rowid), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Écritures en masse (imports) dans `tables` (parmi `TABLES_INDEXEES`) : les déclencheurs de
/// leur index sont suspendus pendant `ecrire`, puis ces index sont reconstruits d'un seul coup.
/// Quand cela paie : voir `pour_un_import`. Le tout-ou-rien de `base::atomique` : en cas
/// d'erreur, rien n'est écrit et les déclencheurs restent.
pub fn en_masse<T>(
    conn: &Connection,
    tables: &[&str],
    ecrire: impl FnOnce() -> Resultat<T>,
) -> Resultat<T> {
    if let Some(t) = tables.iter().find(|t| !TABLES_INDEXEES.contains(t)) {
        return Err(Erreur::Introuvable(format!(
            "La table « {t} » n'a pas d'index de recherche."
        )));
    }
    let mut declencheurs: Vec<(String, String)> = Vec::new();
    for table in tables {
        declencheurs.extend(crate::base::toutes::<(String, String), Vec<_>>(
            conn,
            "SELECT name, sql FROM main.sqlite_master
             WHERE type = 'trigger' AND tbl_name = ?1 AND name GLOB ?1 || '_fts_*'",
            [table],
        )?);
    }
    crate::base::atomique(conn, |conn| {
        for (nom, _) in &declencheurs {
            conn.execute_batch(&format!("DROP TRIGGER main.\"{nom}\""))?;
        }
        let valeur = ecrire()?;
        for (_, sql) in &declencheurs {
            conn.execute_batch(sql)?;
        }
        for table in tables {
            // Termes gardés en mémoire jusqu'à 16 Mo (1 Mo par défaut) avant d'écrire un
            // segment : moins de segments à fusionner, reconstruction 40 % plus courte
            // (bench-ipe). Le réglage reste inscrit dans l'index.
            conn.execute(
                &format!("INSERT INTO {table}_fts ({table}_fts, rank) VALUES ('hashsize', ?1)"),
                [TERMES_EN_MEMOIRE],
            )?;
            conn.execute(
                &format!("INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')"),
                [],
            )?;
        }
        Ok(valeur)
    })
}

/// Octets de termes qu'un index plein texte garde en mémoire avant d'écrire un segment.
const TERMES_EN_MEMOIRE: i64 = 16 << 20;

/// Les mots d'une saisie, normalisés (sans accents ni majuscules).
pub fn mots(saisie: &str) -> Vec<String> {
    texte::normaliser(saisie)
        .split(' ')
        .filter(|m| !m.is_empty())
        .map(str::to_string)
        .collect()
}

/// Un mot assez long pour l'index à trigrammes.
pub fn indexable(mot: &str) -> bool {
    mot.chars().count() >= 3
}

/// Expression FTS5 qui cherche `mot` tel quel (chaîne entre guillemets, guillemets doublés).
pub fn expression_fts(mot: &str) -> String {
    format!("\"{}\"", mot.replace('"', "\"\""))
}

/// Au-delà de ce nombre de fiches, un mot n'est plus sélectif (voir `selectif`).
pub const PEU: i64 = 2000;

/// `mot` est-il assez long pour l'index de `table` et présent dans moins de `PEU` fiches ?
pub fn selectif(conn: &Connection, table: &str, mot: &str) -> bool {
    fiches_contenant(conn, table, mot).is_some_and(|n| n < PEU)
}

/// Le nombre de fiches de `table` dont la clé contient `mot`, compté par l'index en lisant au
/// plus `PEU` identifiants (`PEU` : autant ou plus). Table sans index, mot trop court ou
/// lecture impossible : `None`.
pub fn fiches_contenant(conn: &Connection, table: &str, mot: &str) -> Option<i64> {
    if !TABLES_INDEXEES.contains(&table) || !indexable(mot) {
        return None;
    }
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH ?1 LIMIT {PEU})"
    );
    conn.prepare_cached(&sql)
        .and_then(|mut st| st.query_row([expression_fts(mot)], |r| r.get::<_, i64>(0)))
        .ok()
}

/// Sous-requête des identifiants de `table` dont la clé `recherche` contient `mot`, et la valeur
/// à lier à sa place `?N` : par l'index plein texte s'il existe et que le mot est assez long.
pub fn ids_contenant(table: &str, mot: &str, parametre: &str) -> (String, Value) {
    if TABLES_INDEXEES.contains(&table) && indexable(mot) {
        (
            format!("SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH {parametre}"),
            Value::Text(expression_fts(mot)),
        )
    } else {
        (
            format!("SELECT id FROM {table} WHERE instr(recherche, {parametre}) > 0"),
            Value::Text(mot.to_string()),
        )
    }
}

/// Cherche au plus `limite` fiches du genre voulu dont la clé contient chaque mot de `saisie`.
/// Saisie vide : les dernières fiches créées.
pub fn chercher(
    conn: &Connection,
    genre: Genre,
    saisie: &str,
    limite: Option<usize>,
) -> Resultat<Trouves> {
    let limite = limite.unwrap_or(LIMITE_DEFAUT).clamp(1, LIMITE_MAX);
    let (table, jointures, colonnes) = genre.requete();
    let cle = genre.cle();
    let mots = mots(saisie);
    let mut conditions = Vec::new();
    let mut parametres: Vec<Value> = Vec::new();
    let indexee = TABLES_INDEXEES.contains(&table);
    // Les mots longs d'abord, tous dans une seule expression FTS5 (ET implicite).
    // L'index mène la lecture (CROSS JOIN : il vient en premier) et s'arrête aux premières
    // candidates, sans lire toutes les fiches qui répondent.
    let longs: Vec<&String> = mots.iter().filter(|m| indexee && indexable(m)).collect();
    let source = if longs.is_empty() {
        format!("{table} t")
    } else {
        let expression: Vec<String> = longs.iter().map(|m| expression_fts(m)).collect();
        parametres.push(Value::Text(expression.join(" ")));
        conditions.push(format!("{table}_fts MATCH ?{}", parametres.len()));
        format!("{table}_fts CROSS JOIN {table} t ON t.id = {table}_fts.rowid")
    };
    for mot in mots.iter().filter(|m| !(indexee && indexable(m))) {
        parametres.push(Value::Text(mot.clone()));
        conditions.push(format!("instr({cle}, ?{}) > 0", parametres.len()));
    }
    let clause = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    // Sans saisie, les fiches les plus récentes ; sinon des candidates classées ensuite ici.
    let (ordre, lues) = if mots.is_empty() {
        ("ORDER BY t.id DESC", limite + 1)
    } else {
        ("", CANDIDATS + 1)
    };
    let sql = format!("SELECT {colonnes} FROM {source} {jointures} {clause} {ordre} LIMIT {lues}");
    let mut st = conn.prepare_cached(&sql)?;
    let mut candidats: Vec<Trouve> = st
        .query_map(rusqlite::params_from_iter(parametres.iter()), |r| {
            lire(genre, r)
        })?
        .collect::<Result<_, _>>()?;
    if !mots.is_empty() {
        classer(&mut candidats, &mots.join(" "));
    }
    let plus = candidats.len() > limite;
    candidats.truncate(limite);
    Ok(Trouves {
        resultats: candidats,
        plus,
    })
}

/// « Lens · 0620057A » : les morceaux non vides du contexte.
fn contexte(genre: Genre, a: &str, b: &str) -> String {
    let b = match genre {
        Genre::Convention if !b.is_empty() => format!(
            "effet le {}",
            crate::dates::depuis_iso(b).map_or_else(|_| b.to_string(), crate::dates::francaise)
        ),
        _ => b.to_string(),
    };
    [a, b.as_str()]
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Libellés qui commencent par la saisie d'abord, puis ceux dont un mot commence par elle,
/// puis les autres ; à rang égal, par ordre alphabétique (accents ignorés).
fn classer(candidats: &mut [Trouve], saisie: &str) {
    let rang = |libelle: &str| -> u8 {
        if libelle.starts_with(saisie) {
            0
        } else if libelle
            .match_indices(saisie)
            .any(|(i, _)| i > 0 && !libelle.as_bytes()[i - 1].is_ascii_alphanumeric())
        {
            1
        } else {
            2
        }
    };
    candidats.sort_by_cached_key(|t| {
        let cle = texte::normaliser(&t.libelle);
        (rang(&cle), cle, t.id)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expression_entre_guillemets() {
        assert_eq!(expression_fts("jean-moulin"), "\"jean-moulin\"");
        assert_eq!(expression_fts("a\"b"), "\"a\"\"b\"");
        assert!(indexable("éco"));
        assert!(!indexable("ly"));
    }
}
