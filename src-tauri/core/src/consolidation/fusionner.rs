//! Fusionner une fiche reçue de l'annuaire avec une fiche d'ici, sur décision de l'utilisateur :
//! tout ce qui désignait la fiche reçue désigne la fiche d'ici, la fiche reçue disparaît, et la
//! prochaine arrivée de la même fiche est rapprochée d'office.

use super::fiches::{empreinte, ident, Lecteur};
use super::schema::Schema;
use crate::{Erreur, Resultat};
use rusqlite::Connection;

fn id_par_uid(conn: &Connection, table: &str, uid: &str) -> Resultat<i64> {
    super::fiches::id_par_uid(conn, table, uid)?
        .ok_or_else(|| Erreur::Introuvable("L'une des deux fiches n'existe plus.".into()))
}

/// Toutes les colonnes qui désignent `table` (clé étrangère), dans toutes les tables.
fn references(conn: &Connection, table: &str) -> Resultat<Vec<(String, String, bool)>> {
    crate::base::toutes(
        conn,
        "SELECT m.name, f.\"from\", EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'id')
             FROM sqlite_master m, pragma_foreign_key_list(m.name) f
             WHERE m.type = 'table' AND f.\"table\" = ?1",
        [table],
    )
}

/// Les fiches dont le contenu canonique cite la fiche `id` de `table` (directement, ou par une de
/// leurs liaisons), avec l'empreinte de ce contenu.
fn citantes(
    conn: &Connection,
    s: &Schema,
    table: &str,
    id: i64,
) -> Resultat<Vec<(String, i64, String)>> {
    let mut fiches = Vec::new();
    for t in s.fiches.iter().chain(&s.liaisons) {
        for c in t.cles.iter().filter(|c| c.cible == table) {
            let (cible, colonne) = match &t.parent {
                Some(p) => (p.cible.clone(), p.colonne.clone()),
                None => (t.nom.clone(), "id".to_string()),
            };
            let sql = format!(
                "SELECT {} FROM {} WHERE {} = ?1",
                ident(&colonne),
                ident(&t.nom),
                ident(&c.colonne)
            );
            let ids: Vec<i64> = crate::base::toutes(conn, &sql, [id])?;
            fiches.extend(ids.into_iter().map(|i| (cible.clone(), i)));
        }
    }
    let mut lecteur = Lecteur::nouveau(conn, s);
    let mut avec_empreinte = Vec::new();
    for (t, i) in fiches {
        let e = empreinte(&lecteur.donnees(&t, i)?.unwrap_or_default());
        avec_empreinte.push((t, i, e));
    }
    Ok(avec_empreinte)
}

pub(super) fn fusionner(
    conn: &Connection,
    s: &Schema,
    table: &str,
    uid_recu: &str,
    uid_ici: &str,
) -> Resultat<()> {
    let (recue, ici) = (
        id_par_uid(conn, table, uid_recu)?,
        id_par_uid(conn, table, uid_ici)?,
    );
    if recue == ici {
        return Err(Erreur::validation(
            "avec",
            "Ces deux fiches n'en font déjà qu'une.",
        ));
    }
    let avant = citantes(conn, s, table, recue)?;
    for (t, colonne, fiche) in references(conn, table)? {
        let (t, colonne) = (ident(&t), ident(&colonne));
        conn.execute(
            &format!("UPDATE OR IGNORE {t} SET {colonne} = ?1 WHERE {colonne} = ?2"),
            [ici, recue],
        )?;
        // Ce qui reste désignait déjà la fiche d'ici par une clé unique : une liaison en double
        // s'efface ; une fiche (l'IPE de chacune des deux personnes, par exemple) empêche la fusion.
        let reste: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {t} WHERE {colonne} = ?1"),
            [recue],
            |r| r.get(0),
        )?;
        if reste > 0 && fiche {
            return Err(Erreur::EnUsage(
                "Les deux fiches sont chacune citées par une fiche qui n'admet qu'une seule d'entre elles : fusionnez-les à la main, ou gardez-les séparées.".into(),
            ));
        }
        conn.execute(&format!("DELETE FROM {t} WHERE {colonne} = ?1"), [recue])?;
    }
    conn.execute(
        &format!("DELETE FROM {} WHERE id = ?1", ident(table)),
        [recue],
    )?;
    conn.execute(
        "INSERT OR REPLACE INTO consolidation_alias (table_nom, uid_recu, uid_local) VALUES (?1, ?2, ?3)",
        [table, uid_recu, uid_ici],
    )?;
    conn.execute(
        "UPDATE OR REPLACE consolidation_fiche SET uid = ?3 WHERE table_nom = ?1 AND uid = ?2",
        [table, uid_recu, uid_ici],
    )?;
    // Une fiche reçue qui citait la fiche fusionnée la cite désormais sous son uid d'ici : son
    // empreinte reçue suit, si elle n'avait pas été modifiée ici (sinon elle le reste).
    let mut lecteur = Lecteur::nouveau(conn, s);
    for (t, id, ancienne) in avant {
        let nouvelle = empreinte(&lecteur.donnees(&t, id)?.unwrap_or_default());
        let uid = lecteur.cle(&t, id)?.unwrap_or_default();
        conn.execute(
            "UPDATE consolidation_fiche SET empreinte = ?4 WHERE table_nom = ?1 AND uid = ?2 AND empreinte = ?3",
            [&t, &uid, &ancienne, &nouvelle],
        )?;
    }
    Ok(())
}
