//! Les calendriers .ics relus par un lecteur indépendant (crate `icalendar`) : identifiants
//! uniques et stables, SEQUENCE et DTSTAMP partout, fins de ligne échappées.

use super::outils::*;
use crate::common::base_demo_en_memoire;
use chrono::NaiveDateTime;
use icalendar::EventLike;
use passerelle_core::reunions::documents;
use std::collections::BTreeSet;

fn horodatage(s: &str) -> NaiveDateTime {
    d(s).and_hms_opt(9, 0, 0).unwrap()
}

/// L'échéancier de la démonstration, sur une très large période.
fn echeances_demo(c: &Connection) -> Vec<echeancier::Echeance> {
    echeancier::echeances(c, d("01/01/1990"), d("31/12/2199")).unwrap()
}

/// Chaque événement a son UID (tous distincts), une SEQUENCE et un DTSTAMP ; rend les UID.
fn uids_verifies(texte: &str) -> Vec<String> {
    let evenements = evenements_ics(texte);
    let uids: Vec<String> = evenements
        .iter()
        .map(|e| e.get_uid().expect("UID").to_string())
        .collect();
    let distincts: BTreeSet<&String> = uids.iter().collect();
    assert_eq!(distincts.len(), uids.len(), "UID répétés : {uids:?}");
    for e in &evenements {
        assert!(
            e.property_value("SEQUENCE").is_some(),
            "sans SEQUENCE : {e:?}"
        );
        assert!(
            e.property_value("DTSTAMP").is_some(),
            "sans DTSTAMP : {e:?}"
        );
    }
    uids
}

#[test]
fn echeancier_de_la_demo_uid_uniques_et_stables() {
    let c = base_demo_en_memoire();
    let v = echeances_demo(&c);
    assert!(v.len() >= 5, "{} échéances", v.len());
    let premier = uids_verifies(&echeancier::en_ics(&v, horodatage("24/11/2026")));
    assert_eq!(premier.len(), v.len());
    // Le même export, refait plus tard : les mêmes identifiants (mise à jour, pas de doublon).
    let second = uids_verifies(&echeancier::en_ics(
        &echeances_demo(&c),
        horodatage("25/11/2026"),
    ));
    assert_eq!(premier, second);
}

#[test]
fn retour_chariot_seul_garde_comme_saut_de_ligne() {
    let c = base_demo_en_memoire();
    let mut e = echeances_demo(&c).remove(0);
    e.libelle = "Première ligne\rdeuxième ligne".into();
    e.objet = "Objet\r\ncomplet\navec « accents » et 🙂, ".repeat(4);
    let texte = echeancier::en_ics(&[e.clone()], horodatage("24/11/2026"));
    for l in texte.split("\r\n") {
        assert!(l.len() <= 75, "ligne de {} octets : {l}", l.len());
        assert!(
            !l.contains('\r') && !l.contains('\n'),
            "fin de ligne nue : {l:?}"
        );
    }
    let relu = evenements_ics(&texte);
    let attendu = format!(
        "Première ligne\ndeuxième ligne : {}",
        e.objet.replace("\r\n", "\n")
    );
    assert_eq!(relu[0].get_summary(), Some(attendu.as_str()));
}

#[test]
fn invitation_a_une_reunion_sequence_dtstamp_et_texte_echappe() {
    let c = base_demo_en_memoire();
    let id: i64 = c
        .query_row("SELECT min(id) FROM reunion", [], |r| r.get(0))
        .unwrap();
    let uids = uids_verifies(&documents::ics_invitation(&c, id).unwrap());
    assert_eq!(uids, [format!("reunion-{id}@passerelle")]);
    let mut m = documents::modele_reunion(&c, id).unwrap();
    m.reunion.lieu = "Salle B12\rBâtiment administratif".into();
    m.ordre_du_jour = vec!["Accueil\rbilan".into(), "Questions".into()];
    let texte = documents::rendre_invitation_ics(&m, horodatage("24/11/2026"));
    uids_verifies(&texte);
    let relu = evenements_ics(&texte);
    assert_eq!(
        relu[0].get_location(),
        Some("Salle B12\nBâtiment administratif")
    );
    assert_eq!(relu[0].get_description(), Some("Accueil\nbilan\nQuestions"));
}
