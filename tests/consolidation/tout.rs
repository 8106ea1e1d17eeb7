//! Le périmètre « tout » de la démonstration (conventions et groupes de suivi, CLEE, CET et leurs
//! animations, IPE), exporté année par année et fusionné dans une base vide : chaque table qui
//! voyage arrive entière, liaisons comprises, et les bilans CLEE et CET sont ceux de la source.

use super::common::base_demo_en_memoire;
use super::outils::{base_de_consolidation, contenu, exporter, importer};
use passerelle_core::consolidation::{schema, Perimetre};
use passerelle_core::dates::Periode;
use passerelle_core::{cet, clee, Connection};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Le contenu d'une table sans les identifiants locaux : chaque clé étrangère remplacée par
/// l'identifiant global (ou la clé naturelle) de la fiche désignée.
fn lignes(c: &Connection, t: &schema::Table) -> Vec<String> {
    let colonnes: Vec<String> = t
        .colonnes
        .iter()
        .filter(|col| *col != "recherche")
        .map(|col| match t.cle(col) {
            Some(k) if schema::Schema::est_referentiel(&k.cible) => format!(
                "(SELECT r.{} FROM \"{}\" r WHERE r.id = x.\"{col}\")",
                if k.cible == "bassin" || k.cible == "cpc" {
                    "nom"
                } else {
                    "code"
                },
                k.cible
            ),
            Some(k) => format!(
                "(SELECT r.uid FROM \"{}\" r WHERE r.id = x.\"{col}\")",
                k.cible
            ),
            None => format!("x.\"{col}\""),
        })
        .chain(t.parent.iter().map(|p| {
            format!(
                "(SELECT r.uid FROM \"{}\" r WHERE r.id = x.\"{}\")",
                p.cible, p.colonne
            )
        }))
        .collect();
    contenu(
        c,
        &format!("SELECT {} FROM \"{}\" x", colonnes.join(", "), t.nom),
    )
}

/// « tout », année civile par année civile sur toutes les dates de la démonstration, plus
/// l'année scolaire 2025-2026 des CLEE et des CET (leurs bilans diront leurs sources).
fn paquets_de_tout(source: &Connection, dossier: &Path) -> Vec<PathBuf> {
    let (premiere, derniere): (i32, i32) = source
        .query_row(
            "SELECT min(a), max(a) FROM (SELECT CAST(substr(date, 1, 4) AS INTEGER) a FROM reunion
             UNION ALL SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM action_clee
             UNION ALL SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM action_ipe)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut paquets: Vec<_> = (premiere..=derniere)
        .map(|a| exporter(source, dossier, Perimetre::Tout, Periode::Civile(a), ""))
        .collect();
    for p in [Perimetre::Clee, Perimetre::Cet] {
        paquets.push(exporter(source, dossier, p, Periode::Scolaire(2025), ""));
    }
    paquets
}

/// Chaque table qui voyage (hors annuaire, dont seules les fiches citées voyagent) est la même.
fn memes_tables(source: &Connection, cible: &Connection) {
    for table in [
        "convention",
        "avenant",
        "reunion",
        "reunion_presence",
        "animation_cet",
        "comite_bassin",
        "cet",
        "mandat_cet",
        "suivi_action",
        "action_ipe",
    ] {
        assert!(
            super::common::compter(cible, table) > 0,
            "{table} vide : le test ne prouverait rien"
        );
    }
    let s = schema::lire(source).unwrap();
    let annuaire = ["etablissement", "organisation", "personne"];
    for t in s
        .fiches
        .iter()
        .chain(&s.liaisons)
        .filter(|t| !annuaire.contains(&t.nom.as_str()))
    {
        assert_eq!(lignes(cible, t), lignes(source, t), "table {}", t.nom);
    }
}

/// Les bilans des réseaux de la base consolidée sont ceux de la source (aux identifiants locaux
/// près), et disent leurs sources, sur la couverture du PDF aussi.
fn memes_bilans_des_reseaux(source: &Connection, cible: &Connection) {
    let jour = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    let clee = |c: &Connection, annee| {
        clee::bilan::modele_bilan(c, annee, clee::bilan::Perimetre::Tous, jour).unwrap()
    };
    let cet = |c: &Connection, annee| cet::bilan::modele_bilan(c, annee, None, jour).unwrap();
    for annee in [2025, 2026] {
        assert_eq!(
            json(clee(cible, annee)),
            json(clee(source, annee)),
            "CLEE {annee}"
        );
        assert_eq!(
            json(cet(cible, annee)),
            json(cet(source, annee)),
            "CET {annee}"
        );
    }
    let b = clee(cible, 2025);
    let pdf = passerelle_core::rapport::rendre_pdf(&clee::bilan::rendre_bilan(&b)).unwrap();
    let texte = super::common::octets_pdf_en_ligne(&pdf);
    assert!(
        texte.contains("Consolidation : 1 source, reçue le "),
        "{texte}"
    );
    for sources in [b.sources, cet(cible, 2025).sources] {
        assert!(
            sources
                .as_deref()
                .is_some_and(|s| s.starts_with("1 source, reçue le ")),
            "{sources:?}"
        );
    }
    assert!(cet(source, 2025).sources.is_none());
}

#[test]
fn tout_le_contenu_de_la_demonstration_voyage() {
    let source = base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let paquets = paquets_de_tout(&source, dossier.path());
    let cible = base_de_consolidation("National");
    let comptes = importer(&cible, &paquets);
    assert!(
        comptes.iter().all(|cr| cr.conflits.is_empty()),
        "{comptes:?}"
    );
    memes_tables(&source, &cible);
    memes_bilans_des_reseaux(&source, &cible);
}

fn json(v: impl serde::Serialize) -> Value {
    sans_ids(serde_json::to_value(v).unwrap())
}

/// Une valeur JSON sans ses champs d'identifiant local (`id`, `…_id`) ni ses sources (la base
/// consolidée les dit, la source non).
fn sans_ids(v: Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .filter(|(k, _)| k != "id" && k != "sources" && !k.ends_with("_id"))
                .map(|(k, v)| (k, sans_ids(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(sans_ids).collect()),
        autre => autre,
    }
}
