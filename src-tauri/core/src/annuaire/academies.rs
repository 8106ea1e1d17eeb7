//! Académies : liste nationale de référence, posée par la première migration, en lecture seule.

use crate::{Erreur, Resultat};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Academie {
    pub id: i64,
    pub code: String,
    pub nom: String,
}

/// « de Lille », « d'Aix-Marseille » : le nom d'une académie après le mot « académie », élidé
/// devant une voyelle.
pub fn de(nom: &str) -> String {
    if nom.starts_with(['A', 'E', 'I', 'O', 'U', 'É', 'Î']) {
        format!("d'{nom}")
    } else {
        format!("de {nom}")
    }
}

pub fn lister(conn: &Connection) -> Resultat<Vec<Academie>> {
    let mut st = conn.prepare("SELECT id, code, nom FROM academie ORDER BY normaliser(nom)")?;
    let v = st
        .query_map([], |r| {
            Ok(Academie {
                id: r.get("id")?,
                code: r.get("code")?,
                nom: r.get("nom")?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// Retrouve une académie par son code officiel (« 09 ») ou son nom (« Lille »).
pub fn trouver(conn: &Connection, code_ou_nom: &str) -> Resultat<Academie> {
    let cle = code_ou_nom.trim();
    conn.query_row(
        "SELECT id, code, nom FROM academie WHERE code = ?1 OR normaliser(nom) = normaliser(?1)",
        [cle],
        |r| {
            Ok(Academie {
                id: r.get("id")?,
                code: r.get("code")?,
                nom: r.get("nom")?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| {
        Erreur::Introuvable(format!(
            "Aucune académie ne porte le code ou le nom « {cle} »."
        ))
    })
}

/// Académie par code ou nom, mémorisée pour ne pas la chercher à chaque ligne d'un import ;
/// `None` si elle n'existe pas.
pub fn trouver_en_cache(
    conn: &Connection,
    cache: &mut std::collections::HashMap<String, Option<i64>>,
    saisie: &str,
) -> Resultat<Option<i64>> {
    let cle = crate::texte::normaliser(saisie);
    if let Some(v) = cache.get(&cle) {
        return Ok(*v);
    }
    let id = match trouver(conn, saisie) {
        Ok(a) => Some(a.id),
        Err(Erreur::Introuvable(_)) => None,
        Err(e) => return Err(e),
    };
    cache.insert(cle, id);
    Ok(id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn de_s_elide_devant_une_voyelle() {
        assert_eq!(super::de("Lille"), "de Lille");
        assert_eq!(super::de("Aix-Marseille"), "d'Aix-Marseille");
        assert_eq!(super::de("Orléans-Tours"), "d'Orléans-Tours");
        assert_eq!(super::de("Île-de-France"), "d'Île-de-France");
        assert_eq!(super::de("Nancy-Metz"), "de Nancy-Metz");
    }
}
