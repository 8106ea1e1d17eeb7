//! Remettre une fiche supprimée depuis le journal : la fiche et les parties supprimées avec
//! elle (en cascade), telles qu'elles étaient, sous leur numéro d'origine. Refusé si elle
//! citait une fiche qui n'existe plus : rien n'est écrit.

use super::affichage::{existe_encore, Brute, COLONNES};
use super::noms::nom_de_table;
use super::{par, Chemin, Operation};
use crate::{Erreur, Resultat};
use rusqlite::types::Value;
use rusqlite::Connection;

fn refus(message: String) -> Erreur {
    Erreur::validation("journal", message)
}

fn lire(conn: &Connection, id: i64) -> Resultat<Brute> {
    crate::base::une(
        conn,
        &format!("SELECT {COLONNES} FROM journal WHERE id = ?1"),
        [id],
    )?
    .ok_or_else(|| Erreur::Introuvable(format!("Entrée du journal n° {id} introuvable.")))
}

/// Les suppressions faites en même temps que `e` sur ses parties, et ainsi de suite.
fn parties(conn: &Connection, e: &Brute) -> Resultat<Vec<Brute>> {
    let mut trouvees = Vec::new();
    let mut a_voir = vec![(e.table.clone(), e.ligne, e.quand.clone())];
    while let Some((table, ligne, quand)) = a_voir.pop() {
        let enfants: Vec<Brute> = crate::base::toutes(
            conn,
            &format!(
                "SELECT {COLONNES} FROM journal WHERE parent_table = ?1 AND parent_ligne = ?2
                   AND operation = 'suppression' AND quand = ?3 ORDER BY id"
            ),
            rusqlite::params![table, ligne, quand],
        )?;
        for b in enfants {
            a_voir.push((b.table.clone(), b.ligne, b.quand.clone()));
            trouvees.push(b);
        }
        if trouvees.len() > 100_000 {
            return Err(refus("Trop de parties à remettre en une fois.".into()));
        }
    }
    Ok(trouvees)
}

fn inserer(conn: &Connection, b: &Brute) -> Resultat<()> {
    let colonnes: Vec<String> = crate::base::colonnes_de(conn, &b.table)?;
    let valeurs: serde_json::Map<String, serde_json::Value> = b
        .avant
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .ok_or_else(|| {
            refus("Cette suppression n'a pas gardé la fiche : elle ne peut pas être remise.".into())
        })?;
    let mut noms = vec!["rowid".to_string()];
    let mut parametres = vec![Value::Integer(b.ligne)];
    for (c, v) in &valeurs {
        // Seules les colonnes que la table a encore ; le nom vient du schéma, jamais du JSON.
        let Some(c) = colonnes.iter().find(|x| *x == c) else {
            continue;
        };
        noms.push(format!("\"{}\"", c.replace('"', "\"\"")));
        parametres.push(match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(x) => Value::Integer(i64::from(*x)),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Real(n.as_f64().unwrap_or_default()),
            },
            serde_json::Value::String(s) => Value::Text(s.clone()),
            autre => Value::Text(autre.to_string()),
        });
    }
    let marques: Vec<String> = (1..=noms.len()).map(|i| format!("?{i}")).collect();
    conn.execute(
        &format!(
            "INSERT INTO \"{}\" ({}) VALUES ({})",
            b.table.replace('"', "\"\""),
            noms.join(", "),
            marques.join(", ")
        ),
        rusqlite::params_from_iter(parametres),
    )?;
    Ok(())
}

/// Remet la fiche supprimée notée par l'entrée `id` du journal, avec ses parties ; rend son nom.
pub fn remettre(conn: &Connection, id: i64) -> Resultat<String> {
    let e = lire(conn, id)?;
    if e.operation != Operation::Suppression || e.avant.is_none() {
        return Err(refus("Seule une fiche supprimée peut être remise.".into()));
    }
    let nom = match &e.libelle {
        Some(l) if !l.trim().is_empty() => format!("{} «\u{a0}{l}\u{a0}»", nom_de_table(&e.table)),
        _ => format!("{} n° {}", nom_de_table(&e.table), e.ligne),
    };
    match existe_encore(conn, &e.table, e.ligne)? {
        None => {
            return Err(refus(format!(
                "Impossible de remettre {nom} : sa table n'existe plus."
            )))
        }
        Some(true) => return Err(refus(format!("{nom} existe déjà : rien à remettre."))),
        Some(false) => {}
    }
    let parties = parties(conn, &e)?;
    // Immédiate : attend qu'une autre connexion ait fini d'écrire (voir `base::Point`).
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    par(&tx, Chemin::Journal, || {
        inserer(&tx, &e)?;
        for p in &parties {
            if existe_encore(&tx, &p.table, p.ligne)? == Some(false) {
                inserer(&tx, p)?;
            }
        }
        Ok(())
    })?;
    let rompus: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if rompus > 0 {
        // La transaction est abandonnée en sortant : rien n'est écrit.
        return Err(refus(format!(
            "Impossible de remettre {nom} : la fiche cite une fiche supprimée depuis ; remettez d'abord celle-ci."
        )));
    }
    tx.commit()?;
    Ok(nom)
}
