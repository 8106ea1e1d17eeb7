//! Ce qui voyage dans un paquet, lu dans le schéma de la base (comme le journal) : une table
//! ajoutée par une migration voyage sans rien écrire de plus.
//! - une **fiche** a un identifiant global (`uid`) ;
//! - une **liaison** n'a pas d'`id` et appartient à une fiche (première clé étrangère
//!   `ON DELETE CASCADE` vers une fiche qui n'est pas de l'annuaire) : elle voyage dans sa fiche ;
//! - un **référentiel** (académie, bassin, CPC, thème) se désigne par sa clé naturelle ;
//! - le reste (paramètres, journal, pièces jointes, commentaires des bilans) reste sur le poste.

use crate::Resultat;
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};

/// Les fiches de l'annuaire : citées par les autres, jamais apportées en propre ; rapprochées
/// d'une fiche locale par leur clé naturelle.
pub const ANNUAIRE: &[&str] = &["etablissement", "organisation", "personne"];

/// Les référentiels et l'expression SQL de leur clé naturelle (table aliasée `r`).
pub const REFERENTIELS: &[(&str, &str)] = &[
    ("academie", "r.code"),
    (
        "bassin",
        "(SELECT a.code FROM academie a WHERE a.id = r.academie_id) || '/' || r.nom",
    ),
    ("cpc", "r.nom"),
    ("theme_ipe", "r.code"),
];

/// Une clé étrangère : la colonne et la table qu'elle désigne.
#[derive(Debug, Clone)]
pub struct Cle {
    pub colonne: String,
    pub cible: String,
    pub nulle: bool,
}

#[derive(Debug)]
pub struct Table {
    pub nom: String,
    /// Colonnes qui voyagent (sans `id` ni `uid`).
    pub colonnes: Vec<String>,
    pub cles: Vec<Cle>,
    /// Pour une liaison : la colonne qui désigne la fiche à laquelle elle appartient.
    pub parent: Option<Cle>,
}

impl Table {
    pub fn cle(&self, colonne: &str) -> Option<&Cle> {
        self.cles.iter().find(|c| c.colonne == colonne)
    }
}

#[derive(Debug)]
pub struct Schema {
    /// Fiches, chaque table après celles qu'elle désigne.
    pub fiches: Vec<Table>,
    pub liaisons: Vec<Table>,
}

impl Schema {
    pub fn fiche(&self, nom: &str) -> Option<&Table> {
        self.fiches.iter().find(|t| t.nom == nom)
    }

    /// Les liaisons qui appartiennent aux fiches de `table`.
    pub fn liaisons_de<'s>(&'s self, table: &'s str) -> impl Iterator<Item = &'s Table> + 's {
        self.liaisons
            .iter()
            .filter(move |l| l.parent.as_ref().is_some_and(|p| p.cible == table))
    }

    pub fn est_referentiel(nom: &str) -> bool {
        REFERENTIELS.iter().any(|(t, _)| *t == nom)
    }
}

struct Brute {
    nom: String,
    colonnes: Vec<(String, bool)>,
    /// (colonne, cible, cascade), dans l'ordre de déclaration.
    cles: Vec<(String, String, bool)>,
}

fn brutes(conn: &Connection) -> Resultat<Vec<Brute>> {
    let noms: Vec<String> = crate::base::toutes(
        conn,
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
               AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE 'consolidation\\_%' ESCAPE '\\'
             ORDER BY name",
        [],
    )?;
    let mut tables = Vec::new();
    for nom in noms {
        let colonnes = crate::base::toutes(
            conn,
            "SELECT name, \"notnull\" = 0 AND pk = 0 FROM pragma_table_info(?1) ORDER BY cid",
            [&nom],
        )?;
        let cles = crate::base::toutes(
            conn,
            "SELECT \"from\", \"table\", on_delete = 'CASCADE' FROM pragma_foreign_key_list(?1)
                 ORDER BY id DESC",
            [&nom],
        )?;
        tables.push(Brute {
            nom,
            colonnes,
            cles,
        });
    }
    Ok(tables)
}

/// Lit le schéma de la base ouverte.
pub fn lire(conn: &Connection) -> Resultat<Schema> {
    let brutes = brutes(conn)?;
    let a = |b: &Brute, c: &str| b.colonnes.iter().any(|(n, _)| n == c);
    let fiches: BTreeSet<String> = brutes
        .iter()
        .filter(|b| a(b, "uid") && b.nom != "base_identite")
        .map(|b| b.nom.clone())
        .collect();
    let voyage = |cible: &str| fiches.contains(cible) || Schema::est_referentiel(cible);
    let mut tables = BTreeMap::new();
    let mut liaisons = Vec::new();
    for b in &brutes {
        let nulle = |c: &str| b.colonnes.iter().any(|(n, nul)| n == c && *nul);
        let cles: Vec<Cle> = b
            .cles
            .iter()
            .filter(|(_, cible, _)| voyage(cible))
            .map(|(colonne, cible, _)| Cle {
                colonne: colonne.clone(),
                cible: cible.clone(),
                nulle: nulle(colonne),
            })
            .collect();
        let colonnes = b
            .colonnes
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| n != "id" && n != "uid")
            .collect();
        if fiches.contains(&b.nom) {
            tables.insert(b.nom.clone(), (colonnes, cles));
        } else if !a(b, "id") {
            // Une liaison appartient à sa fiche plutôt qu'à la personne ou l'établissement cité.
            let mut meres: Vec<&(String, String, bool)> = b
                .cles
                .iter()
                .filter(|(_, cible, cascade)| *cascade && fiches.contains(cible))
                .collect();
            meres.sort_by_key(|(_, cible, _)| ANNUAIRE.contains(&cible.as_str()));
            if let Some((colonne, cible, _)) = meres.first() {
                let parent = Cle {
                    colonne: colonne.clone(),
                    cible: cible.clone(),
                    nulle: false,
                };
                liaisons.push(Table {
                    nom: b.nom.clone(),
                    colonnes: colonnes_sans(&b.colonnes, colonne),
                    cles: cles.into_iter().filter(|c| c.colonne != *colonne).collect(),
                    parent: Some(parent),
                });
            }
        }
    }
    // Une fiche vient aussi après ce que ses liaisons désignent (une action après ses IPE).
    let mut dependances: BTreeMap<String, BTreeSet<String>> = tables
        .iter()
        .map(|(nom, (_, cles))| (nom.clone(), cles.iter().map(|c| c.cible.clone()).collect()))
        .collect();
    for l in &liaisons {
        if let Some(p) = &l.parent {
            dependances
                .entry(p.cible.clone())
                .or_default()
                .extend(l.cles.iter().map(|c| c.cible.clone()));
        }
    }
    Ok(Schema {
        fiches: ordonner(tables, &dependances),
        liaisons,
    })
}

fn colonnes_sans(colonnes: &[(String, bool)], sauf: &str) -> Vec<String> {
    colonnes
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n != sauf)
        .collect()
}

/// Chaque table après celles qu'elle désigne (hors elle-même : une convention qui en remplace
/// une autre est reliée après coup).
fn ordonner(
    mut restantes: BTreeMap<String, (Vec<String>, Vec<Cle>)>,
    dependances: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<Table> {
    let mut ordre = Vec::new();
    while !restantes.is_empty() {
        let pretes: Vec<String> = restantes
            .keys()
            .filter(|nom| {
                dependances
                    .get(*nom)
                    .into_iter()
                    .flatten()
                    .all(|cible| cible == *nom || !restantes.contains_key(cible))
            })
            .cloned()
            .collect();
        // Un cycle entre tables : on le rompt (ses liens seront repris après coup).
        let pretes = if pretes.is_empty() {
            restantes.keys().take(1).cloned().collect()
        } else {
            pretes
        };
        for nom in pretes {
            if let Some((colonnes, cles)) = restantes.remove(&nom) {
                ordre.push(Table {
                    nom,
                    colonnes,
                    cles,
                    parent: None,
                });
            }
        }
    }
    ordre
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiches_liaisons_et_ordre() {
        let conn = crate::base::en_memoire().unwrap();
        let s = lire(&conn).unwrap();
        assert_eq!(s.fiches.len(), 23);
        let rang = |n: &str| s.fiches.iter().position(|t| t.nom == n).unwrap();
        assert!(rang("organisation") < rang("personne"));
        assert!(rang("personne") < rang("ipe"));
        assert!(rang("ipe") < rang("mission_ipe"));
        assert!(rang("convention") < rang("reunion"));
        assert!(rang("reunion") < rang("suivi_action"));
        assert!(
            rang("ipe") < rang("action_ipe"),
            "une action après les IPE de ses liaisons"
        );
        let parent = |n: &str| {
            let l = s.liaisons.iter().find(|l| l.nom == n).unwrap();
            let p = l.parent.as_ref().unwrap();
            (p.colonne.clone(), p.cible.clone())
        };
        assert_eq!(
            parent("action_ipe_intervenant"),
            ("action_id".into(), "action_ipe".into())
        );
        assert_eq!(
            parent("reunion_presence"),
            ("reunion_id".into(), "reunion".into())
        );
        assert_eq!(
            parent("animation_cet"),
            ("reunion_id".into(), "reunion".into())
        );
        assert_eq!(
            parent("comite_bassin"),
            ("comite_id".into(), "comite_clee".into())
        );
        // Ni le journal, ni les pièces jointes, ni les paramètres ne voyagent.
        for n in [
            "journal",
            "piece_jointe",
            "parametre",
            "commentaire_bilan",
            "base_identite",
        ] {
            assert!(
                s.fiche(n).is_none() && s.liaisons.iter().all(|l| l.nom != n),
                "{n}"
            );
        }
        let bassin = s.fiche("etablissement").unwrap().cle("bassin_id").unwrap();
        assert!(bassin.nulle && bassin.cible == "bassin");
    }
}
