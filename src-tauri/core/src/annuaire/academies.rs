//! Académies : liste nationale de référence, posée par la première migration, en lecture seule.

use crate::base::Ligne;
use crate::{Erreur, Resultat};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Ligne)]
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
    crate::base::toutes(
        conn,
        "SELECT id, code, nom FROM academie ORDER BY normaliser(nom)",
        [],
    )
}

/// L'académie n° `id` (une saisie, un filtre, une base écrite ailleurs : elle peut manquer).
pub fn lire(conn: &Connection, id: i64) -> Resultat<Academie> {
    crate::base::une(
        conn,
        "SELECT id, code, nom FROM academie WHERE id = ?1",
        [id],
    )?
    .ok_or_else(|| Erreur::Introuvable(format!("L'académie n° {id} n'existe pas.")))
}

/// Une académie par son code officiel (« 09 ») ou son nom (« Lille ») ; `None` si aucune.
pub fn chercher(conn: &Connection, code_ou_nom: &str) -> Resultat<Option<Academie>> {
    crate::base::une(
        conn,
        "SELECT id, code, nom FROM academie WHERE code = ?1 OR normaliser(nom) = normaliser(?1)",
        [code_ou_nom.trim()],
    )
}

/// Comme `chercher`, mais l'académie doit exister.
pub fn trouver(conn: &Connection, code_ou_nom: &str) -> Resultat<Academie> {
    chercher(conn, code_ou_nom)?.ok_or_else(|| {
        Erreur::Introuvable(format!(
            "Aucune académie ne porte le code ou le nom «\u{a0}{}\u{a0}».",
            code_ou_nom.trim()
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
    let id = chercher(conn, saisie)?.map(|a| a.id);
    cache.insert(cle, id);
    Ok(id)
}

#[cfg(test)]
mod tests {
    use crate::base;

    #[test]
    fn par_id_par_code_ou_par_nom() {
        let c = base::en_memoire().unwrap();
        let lille = super::trouver(&c, "09").unwrap();
        assert_eq!(super::lire(&c, lille.id).unwrap(), lille);
        assert_eq!(super::chercher(&c, " lille ").unwrap(), Some(lille));
        assert_eq!(super::chercher(&c, "Atlantide").unwrap(), None);
        assert_eq!(
            super::lire(&c, 9999).unwrap_err().to_string(),
            "L'académie n° 9999 n'existe pas."
        );
        assert!(super::trouver(&c, "Atlantide")
            .unwrap_err()
            .to_string()
            .contains("Atlantide"));
        // Un bilan IPE d'une académie disparue : message français, pas une erreur de la base.
        let e = crate::ipe::bilan::calculer(&c, crate::dates::Periode::Civile(2007), Some(9999));
        assert_eq!(
            e.unwrap_err().to_string(),
            "L'académie n° 9999 n'existe pas."
        );
    }

    #[test]
    fn de_s_elide_devant_une_voyelle() {
        assert_eq!(super::de("Lille"), "de Lille");
        assert_eq!(super::de("Aix-Marseille"), "d'Aix-Marseille");
        assert_eq!(super::de("Orléans-Tours"), "d'Orléans-Tours");
        assert_eq!(super::de("Île-de-France"), "d'Île-de-France");
        assert_eq!(super::de("Nancy-Metz"), "de Nancy-Metz");
    }
}
