//! Les créations en masse notées d'une seule entrée (migration 16) : « Action IPE : 100 000
//! fiches créées d'un bloc (n° 1 à 100 000) ». Pour l'historique d'une de ces fiches, l'entrée
//! redevient sa création, avec les valeurs qu'elle avait alors : l'« avant » du premier
//! changement noté ensuite sur cette ligne, sinon la ligne telle qu'elle est.

use super::affichage::Brute;
use crate::base::ident;
use crate::Resultat;
use rusqlite::Connection;

/// Le libellé d'une entrée en masse : « 100 000 fiches créées d'un bloc ».
pub(super) fn libelle(n: i64) -> String {
    format!("{} fiches créées d'un bloc", crate::texte::nombre(n))
}

/// La condition SQL (sur la table `journal`) des entrées en masse de la table liée `?{table}`
/// qui couvrent la ligne liée `?{ligne}`.
pub(crate) fn couvrant(table: usize, ligne: usize) -> String {
    format!(
        "(table_nom = ?{table} AND derniere_ligne IS NOT NULL AND ?{ligne} BETWEEN ligne AND derniere_ligne)"
    )
}

/// L'entrée en masse `b` vue depuis sa fiche `ligne` : la création de cette seule fiche.
pub(super) fn pour_la_fiche(conn: &Connection, b: Brute, ligne: i64) -> Resultat<Brute> {
    let suivante: Option<String> = crate::base::une(
        conn,
        "SELECT avant FROM journal
             WHERE table_nom = ?1 AND ligne = ?2 AND id > ?3 AND avant IS NOT NULL
             ORDER BY id LIMIT 1",
        rusqlite::params![b.table, ligne, b.id],
    )?;
    let apres = match suivante {
        Some(avant) => Some(avant),
        None => crate::base::une(
            conn,
            &format!(
                "SELECT {} FROM {} AS x WHERE x.rowid = ?1",
                super::json_de_la_ligne(conn, &b.table, "x")?,
                ident(&b.table)
            ),
            [ligne],
        )?,
    };
    Ok(Brute {
        ligne,
        libelle: super::affichage::libelle_actuel(conn, &b.table, ligne)?,
        apres,
        derniere_ligne: None,
        ..b
    })
}
