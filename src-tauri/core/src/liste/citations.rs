//! Les fiches citées par une autre : lecture des identifiants, contrôle de leur existence
//! (une fois par import avec `Existants`) et écriture des liens.

use crate::Resultat;
use rusqlite::Connection;

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
    verifier_ids_connus(conn, c, citations, &mut Existants::default())
}

/// Comme `verifier_ids`, sans redemander les lignes déjà trouvées (`connus`).
pub fn verifier_ids_connus(
    conn: &Connection,
    c: &mut crate::Controle,
    citations: &[(&str, &[i64], &'static str, &str)],
    connus: &mut Existants,
) -> Resultat<()> {
    for &(table, ids, champ, quoi) in citations {
        for id in ids {
            if !connus.existe(conn, table, *id)? {
                c.ajouter(
                    champ,
                    format!("La liste cite {quoi} qui n'existe plus (n° {id})."),
                );
            }
        }
    }
    Ok(())
}

/// Une table de liens entre une fiche (`parent`) et les fiches qu'elle cite (`autre`), par
/// exemple les établissements d'un CET. Noms écrits par le module, jamais saisis.
pub struct Liaison {
    pub table: &'static str,
    pub parent: &'static str,
    pub autre: &'static str,
}

impl Liaison {
    /// Remplace les liens de la fiche `id` par `autres`.
    pub fn remplacer(&self, conn: &Connection, id: i64, autres: &[i64]) -> Resultat<()> {
        let Liaison { table, parent, .. } = self;
        conn.prepare_cached(&format!("DELETE FROM {table} WHERE {parent} = ?1"))?
            .execute([id])?;
        self.ajouter(conn, id, autres)
    }

    /// Les liens d'une fiche qui vient d'être créée (rien à retirer avant) : un import de
    /// 100 000 actions s'épargne 300 000 suppressions sans effet.
    pub fn ajouter(&self, conn: &Connection, id: i64, autres: &[i64]) -> Resultat<()> {
        // Sans lien, rien à préparer : la plupart des actions importées n'en ont qu'un sur trois.
        if autres.is_empty() {
            return Ok(());
        }
        let Liaison {
            table,
            parent,
            autre,
        } = self;
        let mut st = conn.prepare_cached(&format!(
            "INSERT INTO {table} ({parent}, {autre}) VALUES (?1, ?2)"
        ))?;
        for a in sans_doublon(autres) {
            st.execute([id, a])?;
        }
        Ok(())
    }
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

/// Les lignes déjà trouvées pendant une suite de contrôles (un import de 100 000 actions) :
/// chaque académie, thème ou IPE cité n'est cherché qu'une fois. Rien ne se supprime pendant
/// un import : une ligne trouvée le reste.
#[derive(Default)]
pub struct Existants(std::collections::HashMap<String, std::collections::HashSet<i64>>);

impl Existants {
    /// Comme `existe`, sans redemander une ligne déjà trouvée.
    pub fn existe(&mut self, conn: &Connection, table: &str, id: i64) -> Resultat<bool> {
        if self.0.get(table).is_some_and(|ids| ids.contains(&id)) {
            return Ok(true);
        }
        let trouvee = existe(conn, table, id)?;
        if trouvee {
            self.0.entry(table.to_string()).or_default().insert(id);
        }
        Ok(trouvee)
    }
}
