//! Le périmètre « tout » de la démonstration (conventions et groupes de suivi, CLEE, CET et leurs
//! animations, IPE), exporté année par année et fusionné dans une base vide : chaque table qui
//! voyage arrive entière, liaisons comprises, et les bilans CLEE et CET sont ceux de la source.

use super::common::base_demo_en_memoire;
use super::outils::{base_de_consolidation, contenu, exporter, importer};
use passerelle_core::consolidation::{schema, Perimetre};
use passerelle_core::dates::Periode;
use passerelle_core::{cet, clee, Connection};
use serde_json::Value;

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

#[test]
fn tout_le_contenu_de_la_demonstration_voyage() {
    let source = base_demo_en_memoire();
    let dossier = tempfile::tempdir().unwrap();
    let (premiere, derniere): (i32, i32) = source
        .query_row(
            "SELECT min(a), max(a) FROM (SELECT CAST(substr(date, 1, 4) AS INTEGER) a FROM reunion
             UNION ALL SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM action_clee
             UNION ALL SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM action_ipe)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let tout = |periode| exporter(&source, dossier.path(), Perimetre::Tout, periode, "");
    let mut paquets: Vec<_> = (premiere..=derniere)
        .map(|a| tout(Periode::Civile(a)))
        .collect();
    // Et l'année scolaire 2025-2026 des CLEE et des CET : leurs bilans diront leurs sources.
    for p in [Perimetre::Clee, Perimetre::Cet] {
        paquets.push(exporter(
            &source,
            dossier.path(),
            p,
            Periode::Scolaire(2025),
            "",
        ));
    }
    let cible = base_de_consolidation("National");
    let comptes = importer(&cible, &paquets);
    assert!(
        comptes.iter().all(|cr| cr.conflits.is_empty()),
        "{comptes:?}"
    );
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
            super::common::compter(&cible, table) > 0,
            "{table} vide : le test ne prouverait rien"
        );
    }
    let s = schema::lire(&source).unwrap();
    let annuaire = ["etablissement", "organisation", "personne"];
    for t in s
        .fiches
        .iter()
        .chain(&s.liaisons)
        .filter(|t| !annuaire.contains(&t.nom.as_str()))
    {
        assert_eq!(lignes(&cible, t), lignes(&source, t), "table {}", t.nom);
    }
    // Les bilans des réseaux, calculés dans la base consolidée, sont ceux de la source (aux
    // identifiants locaux près).
    let jour = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
    for annee in [2025, 2026] {
        let clee = |c: &Connection| {
            let b =
                clee::bilan::modele_bilan(c, annee, clee::bilan::Perimetre::Tous, jour).unwrap();
            sans_ids(serde_json::to_value(b).unwrap())
        };
        assert_eq!(clee(&cible), clee(&source), "CLEE {annee}");
        let cet = |c: &Connection| {
            sans_ids(
                serde_json::to_value(cet::bilan::modele_bilan(c, annee, None, jour).unwrap())
                    .unwrap(),
            )
        };
        assert_eq!(cet(&cible), cet(&source), "CET {annee}");
    }
    let b = clee::bilan::modele_bilan(&cible, 2025, clee::bilan::Perimetre::Tous, jour).unwrap();
    // Sur la couverture du PDF aussi.
    let pdf = passerelle_core::rapport::rendre_pdf(&clee::bilan::rendre_bilan(&b)).unwrap();
    let texte = super::common::octets_pdf_en_ligne(&pdf);
    assert!(
        texte.contains("Consolidation : 1 source, reçue le "),
        "{texte}"
    );
    let sources = b.sources;
    assert!(
        sources
            .as_deref()
            .is_some_and(|s| s.starts_with("1 source, reçue le ")),
        "{sources:?}"
    );
    let sources = cet::bilan::modele_bilan(&cible, 2025, None, jour)
        .unwrap()
        .sources;
    assert!(
        sources
            .as_deref()
            .is_some_and(|s| s.starts_with("1 source, reçue le ")),
        "{sources:?}"
    );
    assert!(cet::bilan::modele_bilan(&source, 2025, None, jour)
        .unwrap()
        .sources
        .is_none());
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
