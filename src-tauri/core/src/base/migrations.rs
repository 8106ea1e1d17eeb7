//! Migrations numérotées : `migrations/NNNN_nom.sql`, appliquées dans l'ordre, chacune dans
//! sa transaction, la version atteinte inscrite dans `PRAGMA user_version`. Les clés étrangères
//! sont suspendues pendant une migration (une table reconstruite ne doit pas emporter ses lignes
//! liées en cascade) et vérifiées avant chaque validation, comme le recommande SQLite.

use crate::Resultat;
use rusqlite::Connection;

const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_annuaire.sql")),
    (2, include_str!("migrations/0002_parametres.sql")),
    (3, include_str!("migrations/0003_ipe.sql")),
    (4, include_str!("migrations/0004_conventions.sql")),
    (5, include_str!("migrations/0005_groupe_de_suivi.sql")),
    (6, include_str!("migrations/0006_contrat_de_progres.sql")),
    (7, include_str!("migrations/0007_pieces_jointes.sql")),
    (8, include_str!("migrations/0008_clee.sql")),
    (9, include_str!("migrations/0009_cet.sql")),
    (10, include_str!("migrations/0010_journal.sql")),
    (11, include_str!("migrations/0011_annuaire_education.sql")),
    (12, include_str!("migrations/0012_recherche.sql")),
    (13, include_str!("migrations/0013_consolidation.sql")),
    (14, include_str!("migrations/0014_listes.sql")),
    (15, include_str!("migrations/0015_recherche_actions.sql")),
    (16, include_str!("migrations/0016_journal_plages.sql")),
];

/// Version du schéma que ce programme écrit.
pub const VERSION_SCHEMA: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Amène la base à `cible` (les tests s'en servent pour fabriquer une base ancienne).
pub fn migrer_jusqua(conn: &Connection, cible: i64) -> Resultat<()> {
    let actuelle: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    // La migration 13 donne un identifiant global à chaque fiche existante.
    super::declarer_uid(conn)?;
    let cles: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let resultat = (|| {
        for (numero, sql) in MIGRATIONS
            .iter()
            .filter(|(n, _)| *n > actuelle && *n <= cible)
        {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(sql)?;
            let rompues: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if rompues > 0 {
                let code = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY);
                let message = format!("la migration {numero} laisse {rompues} lien(s) rompu(s) ; rien n'a été modifié");
                return Err(rusqlite::Error::SqliteFailure(code, Some(message)).into());
            }
            tx.pragma_update(None, "user_version", numero)?;
            tx.commit()?;
        }
        Ok(())
    })();
    conn.pragma_update(None, "foreign_keys", if cles { "ON" } else { "OFF" })?;
    resultat
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeros_croissants() {
        assert_eq!(MIGRATIONS[0].0, 1);
        for paire in MIGRATIONS.windows(2) {
            assert!(
                paire[0].0 < paire[1].0,
                "migration {} hors d'ordre",
                paire[1].0
            );
        }
    }
}
