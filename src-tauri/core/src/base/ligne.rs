//! Une fiche lue d'une ligne de résultat : `#[derive(Ligne)]` lit chaque champ dans la colonne
//! de même nom, depuis la déclaration de la structure. Les requêtes donnent donc à leurs
//! colonnes le nom du champ (`a.nom AS academie`).

use crate::Resultat;
use rusqlite::{Connection, OptionalExtension, Params, Row};

pub use passerelle_derive::Ligne;

/// Ce que `#[derive(Ligne)]` écrit.
pub trait Ligne: Sized {
    fn depuis_ligne(r: &Row<'_>) -> rusqlite::Result<Self>;
}

/// Toutes les lignes d'une requête, lues comme des `T` et rangées dans `C` (un `Vec`, une
/// table de correspondance…).
pub fn toutes<T: Ligne, C: FromIterator<T>>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
) -> Resultat<C> {
    let mut st = conn.prepare_cached(sql)?;
    let v = st
        .query_map(params, T::depuis_ligne)?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// La première ligne d'une requête, s'il y en a une.
pub fn une<T: Ligne>(conn: &Connection, sql: &str, params: impl Params) -> Resultat<Option<T>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params, T::depuis_ligne)
        .optional()?)
}

/// Les colonnes de `table`, dans l'ordre du schéma.
pub fn colonnes_de(conn: &Connection, table: &str) -> Resultat<Vec<String>> {
    toutes(
        conn,
        "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
        [table],
    )
}

/// Lire une valeur simple (identifiant, nom) comme une ligne à une colonne.
macro_rules! ligne_simple {
    ($($t:ty),*) => {$(
        impl Ligne for $t {
            fn depuis_ligne(r: &Row<'_>) -> rusqlite::Result<Self> {
                r.get(0)
            }
        }
    )*};
}
ligne_simple!(i64, String);

/// Lire un n-uplet de valeurs simples, colonne après colonne.
macro_rules! ligne_n_uplet {
    ($(($($t:ident $i:tt),+)),*) => {$(
        impl<$($t: rusqlite::types::FromSql),+> Ligne for ($($t,)+) {
            fn depuis_ligne(r: &Row<'_>) -> rusqlite::Result<Self> {
                Ok(($(r.get::<_, $t>($i)?,)+))
            }
        }
    )*};
}
ligne_n_uplet!((A 0, B 1), (A 0, B 1, C 2), (A 0, B 1, C 2, D 3), (A 0, B 1, C 2, D 3, E 4));

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn double(n: i64) -> i64 {
        n * 2
    }

    fn somme(r: &Row<'_>) -> rusqlite::Result<i64> {
        Ok(r.get::<_, i64>("a")? + r.get::<_, i64>("b")?)
    }

    #[derive(Debug, PartialEq, Ligne)]
    struct Essai {
        id: i64,
        date: Option<NaiveDate>,
        #[ligne(colonne = "autre_nom")]
        nom: String,
        #[ligne(avec = double)]
        a: i64,
        #[ligne(par = somme)]
        total: i64,
        #[ligne(defaut)]
        calcule: Vec<String>,
    }

    const SQL: &str = "SELECT 7 AS id, '2026-12-06' AS date, 'x' AS autre_nom, 3 AS a, 4 AS b
                       UNION ALL SELECT 8, NULL, 'y', 1, 1 ORDER BY id";

    #[test]
    fn chaque_champ_lu_par_son_nom_ou_son_attribut() {
        let conn = Connection::open_in_memory().unwrap();
        let v: Vec<Essai> = toutes(&conn, SQL, []).unwrap();
        assert_eq!(
            v[0],
            Essai {
                id: 7,
                date: NaiveDate::from_ymd_opt(2026, 12, 6),
                nom: "x".into(),
                a: 6,
                total: 7,
                calcule: Vec::new(),
            }
        );
        assert_eq!((v[1].date, v[1].total), (None, 2));
        let premiere: Option<Essai> = une(&conn, SQL, []).unwrap();
        assert_eq!(premiere.map(|e| e.id), Some(7));
        let aucune: Option<Essai> =
            une(&conn, "SELECT * FROM (SELECT 1 AS id) WHERE id = 2", []).unwrap();
        assert!(aucune.is_none());
    }

    #[test]
    fn une_colonne_absente_ou_mal_typee_est_une_erreur_pas_une_panique() {
        let conn = Connection::open_in_memory().unwrap();
        let sans_date = "SELECT 7 AS id, 'x' AS autre_nom, 3 AS a, 4 AS b";
        assert!(toutes::<Essai, Vec<_>>(&conn, sans_date, []).is_err());
        let date_fausse = "SELECT 7 AS id, '31/02/2026' AS date, 'x' AS autre_nom, 3 AS a, 4 AS b";
        assert!(toutes::<Essai, Vec<_>>(&conn, date_fausse, []).is_err());
    }
}
