//! Lire le journal : la liste filtrée (écran Journal, `passerelle historique`), l'historique
//! d'une fiche (ses lignes et celles de ses parties), et l'export en CSV ou en texte.

use super::affichage::{entree, Brute, Caches, Entree, COLONNES};
use super::{Chemin, Module, Operation};
use crate::liste::{Liste, LIMITE_DEFAUT};
use crate::rapport::{Document, Genre};
use crate::{dates, Erreur, Resultat};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Deserialize;

/// Les filtres du journal ; les dates sont saisies en JJ/MM/AAAA (ou AAAA-MM-JJ).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct FiltreJournal {
    pub depuis: String,
    pub jusqua: String,
    pub module: Option<Module>,
    pub operation: Option<Operation>,
    pub chemin: Option<Chemin>,
    /// Mots cherchés dans le nom de la fiche.
    pub recherche: String,
    pub limite: Option<i64>,
}

fn date(saisie: &str, champ: &'static str) -> Resultat<Option<String>> {
    let saisie = saisie.trim();
    if saisie.is_empty() {
        return Ok(None);
    }
    let jour = chrono::NaiveDate::parse_from_str(saisie, "%Y-%m-%d")
        .or_else(|_| dates::lire(saisie))
        .map_err(|_| {
            Erreur::validation(
                champ,
                format!("Date invalide : «\u{a0}{saisie}\u{a0}» (attendu JJ/MM/AAAA)."),
            )
        })?;
    Ok(Some(dates::iso(jour)))
}

/// Les entrées du journal, les plus récentes d'abord.
pub fn lister(conn: &Connection, f: &FiltreJournal) -> Resultat<Liste<Entree>> {
    let mut conditions = Vec::new();
    let mut parametres: Vec<Value> = Vec::new();
    let mut lier = |condition: &str, v: Value| {
        parametres.push(v);
        conditions.push(condition.replace('?', &format!("?{}", parametres.len())));
    };
    if let Some(d) = date(&f.depuis, "depuis")? {
        lier("quand >= ?", Value::Text(d));
    }
    if let Some(d) = date(&f.jusqua, "jusqua")? {
        lier("quand < date(?, '+1 day')", Value::Text(d));
    }
    if let Some(m) = f.module {
        lier("module = ?", Value::Text(m.as_str().into()));
    }
    if let Some(o) = f.operation {
        lier("operation = ?", Value::Text(o.as_str().into()));
    }
    if let Some(c) = f.chemin {
        lier("chemin = ?", Value::Text(c.as_str().into()));
    }
    for mot in crate::texte::normaliser(&f.recherche)
        .split(' ')
        .filter(|m| !m.is_empty())
    {
        lier(
            "instr(normaliser(coalesce(libelle, '')), ?) > 0",
            Value::Text(mot.into()),
        );
    }
    let ou = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM journal {ou}"),
        rusqlite::params_from_iter(&parametres),
        |r| r.get(0),
    )?;
    let limite = f.limite.unwrap_or(LIMITE_DEFAUT).clamp(1, 100_000);
    let lignes = entrees(
        conn,
        &format!("SELECT {COLONNES} FROM journal {ou} ORDER BY id DESC LIMIT {limite}"),
        rusqlite::params_from_iter(&parametres),
        None,
    )?;
    Ok(Liste {
        lignes,
        total,
        total_a_venir: false,
        total_plafonne: false,
    })
}

/// L'historique d'une fiche : ses changements et ceux de ses parties (présences d'une réunion,
/// articles d'une convention…), les plus récents d'abord.
pub fn historique_fiche(conn: &Connection, table: &str, id: i64) -> Resultat<Vec<Entree>> {
    entrees(
        conn,
        &format!(
            "SELECT {COLONNES} FROM journal WHERE table_nom = ?1 AND ligne = ?2 AND derniere_ligne IS NULL
             UNION ALL
             SELECT {COLONNES} FROM journal WHERE parent_table = ?1 AND parent_ligne = ?2
             UNION ALL
             SELECT {COLONNES} FROM journal WHERE {}
             ORDER BY id DESC LIMIT 1000",
            super::plages::couvrant(1, 2)
        ),
        rusqlite::params![table, id],
        Some((table, id)),
    )
}

/// Les entrées qui répondent à `condition` (SQL écrit par le programme, valeurs liées), les plus
/// récentes d'abord ; une création en masse qui couvre `fiche` y est sa seule création.
pub(crate) fn entrees_ou(
    conn: &Connection,
    condition: &str,
    parametres: &[Value],
    fiche: Option<(&str, i64)>,
) -> Resultat<Vec<Entree>> {
    entrees(
        conn,
        &format!("SELECT {COLONNES} FROM journal WHERE {condition} ORDER BY id DESC"),
        rusqlite::params_from_iter(parametres),
        fiche,
    )
}

/// Les entrées que rend `sql` (une requête sur `COLONNES` du journal), dans son ordre, avec
/// leurs libellés. Lues pour une `fiche`, ses créations en masse deviennent la sienne.
fn entrees(
    conn: &Connection,
    sql: &str,
    parametres: impl rusqlite::Params,
    fiche: Option<(&str, i64)>,
) -> Resultat<Vec<Entree>> {
    let brutes: Vec<Brute> = crate::base::toutes(conn, sql, parametres)?;
    let mut cache = Caches::default();
    brutes
        .into_iter()
        .map(|b| {
            let b = match fiche {
                Some((table, id)) if b.derniere_ligne.is_some() && b.table == table => {
                    super::plages::pour_la_fiche(conn, b, id)?
                }
                _ => b,
            };
            entree(conn, &mut cache, b)
        })
        .collect()
}

/// Le journal filtré, sans limite d'affichage (export, ligne de commande).
pub fn modele_journal(conn: &Connection, f: &FiltreJournal) -> Resultat<Vec<Entree>> {
    let tout = FiltreJournal {
        limite: Some(f.limite.unwrap_or(100_000)),
        ..f.clone()
    };
    Ok(lister(conn, &tout)?.lignes)
}

/// Les champs changés d'une entrée sur une ligne : « statut : en vigueur → dénoncée ; … ».
pub fn changements_en_texte(e: &Entree) -> String {
    e.changements
        .iter()
        .map(|c| {
            if c.avant.is_empty() {
                format!("{} : {}", c.champ, c.apres)
            } else if c.apres.is_empty() {
                // Champ d'une fiche supprimée.
                format!("{} : {}", c.champ, c.avant)
            } else {
                format!("{} : {} → {}", c.champ, c.avant, c.apres)
            }
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// Une ligne par changement : « 12/03/2026 14:05 · Conventions · Convention « X » · Modification
/// (fenêtre) – statut : en vigueur → dénoncée ».
pub fn rendre_journal_texte(entrees: &[Entree]) -> String {
    let mut texte = String::new();
    for e in entrees {
        texte.push_str(&format!(
            "{} · {} · {} · {} ({})",
            e.quand_fr, e.module_libelle, e.fiche, e.operation_libelle, e.chemin_libelle
        ));
        let changements = changements_en_texte(e);
        if !changements.is_empty() {
            texte.push_str(&format!(" – {changements}"));
        }
        texte.push('\n');
    }
    if entrees.is_empty() {
        texte.push_str("Aucun changement enregistré pour ces critères.\n");
    }
    texte
}

/// Le journal en CSV pour les tableurs : une ligne par champ changé.
pub fn rendre_journal_csv(entrees: &[Entree]) -> String {
    let mut lignes = vec![[
        "Date",
        "Module",
        "Fiche",
        "Opération",
        "Chemin",
        "Champ",
        "Avant",
        "Après",
    ]
    .map(String::from)
    .to_vec()];
    for e in entrees {
        let tete = [
            e.quand_fr.clone(),
            e.module_libelle.to_string(),
            e.fiche.clone(),
            e.operation_libelle.to_string(),
            e.chemin_libelle.to_string(),
        ];
        if e.changements.is_empty() {
            lignes.push([&tete[..], &[String::new(), String::new(), String::new()]].concat());
        }
        for c in &e.changements {
            lignes.push(
                [
                    &tete[..],
                    &[c.champ.clone(), c.avant.clone(), c.apres.clone()],
                ]
                .concat(),
            );
        }
    }
    crate::csv::ecrire(&lignes)
}

/// Le journal filtré en CSV, prêt à enregistrer.
pub fn document_journal(conn: &Connection, f: &FiltreJournal) -> Resultat<Document> {
    let entrees = modele_journal(conn, f)?;
    let titre = match date(&f.depuis, "depuis")? {
        Some(d) => format!(
            "Journal des changements depuis le {}",
            dates::francaise(dates::depuis_iso(&d)?)
        ),
        None => "Journal des changements".to_string(),
    };
    Ok(Document::nouveau(
        &titre.replace('/', "-"),
        Genre::Csv,
        rendre_journal_csv(&entrees).into_bytes(),
    ))
}
