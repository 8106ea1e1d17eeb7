//! Bilan annuel, année scolaire, migration et réunions liées à une convention.

use super::outils::*;

#[test]
fn bilan_annuel_assiduite_par_college_actions_et_suivi() {
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    let (cadre, r1) = reunion_tenue(&c, &m);
    reunions_et_actions_de_l_annee(&c, &m, cadre);
    let aujourdhui = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let b = bilan::modele_bilan(&c, 2025, Perimetre::Comite(cadre.id()), aujourdhui).unwrap();
    assert_eq!(b.annee_scolaire, "2025-2026");
    assert_eq!(b.reunions.len(), 2);
    assert_eq!(
        b.reunions[0].date,
        NaiveDate::from_ymd_opt(2026, 1, 12).unwrap()
    );
    assiduite_par_college(&b);
    actions_partenaires_et_suivi(&b);
    clore_l_action_la_retire(&c, cadre, r1, aujourdhui);
    comites_du_perimetre(&c, &m, aujourdhui);
    bilan_pdf_de_l_academie(&c, &m, aujourdhui);
}

/// Une seconde réunion de l'année, une hors année, quatre actions (dont une de l'année suivante).
fn reunions_et_actions_de_l_annee(c: &Connection, m: &Monde, cadre: Cadre) {
    // Seconde réunion de l'année : la conseillère excusée, les autres présents.
    let r2 = reunions::creer(
        c,
        cadre,
        &SaisieReunion {
            type_: "comite_pilotage".into(),
            date: "05/05/2026".into(),
            ..Default::default()
        },
    )
    .unwrap();
    reunions::marquer_presence(c, r2.id, m.p[3], "excuse").unwrap();
    reunions::marquer_non_pointes_presents(c, r2.id).unwrap();
    // Hors année scolaire (2024-2025) : ne compte pas.
    let r0 = reunions::creer(
        c,
        cadre,
        &SaisieReunion {
            type_: "pleniere".into(),
            date: "15/06/2025".into(),
            ..Default::default()
        },
    )
    .unwrap();
    reunions::marquer_presence(c, r0.id, m.p[4], "absent").unwrap();
    for (date, type_, f, g, e) in [
        ("20/11/2025", "forum", "212", "236", "31"),
        ("03/02/2026", "visite_entreprise", "21", "27", "4"),
        ("10/03/2026", "forum", "10", "12", "1"),
        ("01/09/2026", "forum", "99", "99", "9"),
    ] {
        let s = SaisieActionClee {
            comite_id: cadre_id(cadre),
            date: date.into(),
            type_: type_.into(),
            intitule: format!("Action du {date}"),
            filles: f.into(),
            garcons: g.into(),
            enseignants: e.into(),
            organisation_ids: vec![m.entreprise],
            ..Default::default()
        };
        actions::creer(c, &s).unwrap();
    }
}

fn assiduite_par_college(b: &bilan::BilanClee) {
    let taux = |college: &str| {
        b.assiduite
            .iter()
            .find(|a| a.college == college)
            .map(|a| (a.presents, a.excuses, a.absents, a.taux()))
    };
    // Éducation : Durand présente ×2, Morel excusé puis présent → 3 présents sur 4 = 75 %.
    assert_eq!(taux("Éducation"), Some((3, 1, 0, Some(75))));
    assert_eq!(taux("Monde économique"), Some((2, 0, 0, Some(100))));
    assert_eq!(taux("Emploi et insertion"), Some((1, 1, 0, Some(50))));
    assert_eq!(taux("Collectivités"), Some((1, 0, 1, Some(50))));
    assert_eq!(taux("Invités"), Some((1, 0, 0, Some(100))));
    // Ensemble : 8 présents, 2 excusés, 1 absent → 73 %.
    assert_eq!(taux("Ensemble"), Some((8, 2, 1, Some(73))));
    assert_eq!(b.assiduite.last().unwrap().college, "Ensemble");
    // L'écran reçoit le taux tout calculé.
    assert_eq!(
        serde_json::to_value(b.assiduite.last().unwrap()).unwrap()["taux"],
        73
    );
}

fn actions_partenaires_et_suivi(b: &bilan::BilanClee) {
    let forum = b
        .actions
        .iter()
        .find(|l| l.type_ == "Forum des métiers")
        .unwrap();
    assert_eq!(
        (
            forum.actions,
            forum.filles,
            forum.garcons,
            forum.enseignants
        ),
        (2, 222, 248, 32)
    );
    let total = b.actions.last().unwrap();
    assert_eq!(
        (
            total.type_.as_str(),
            total.actions,
            total.filles + total.garcons
        ),
        ("Total", 3, 518)
    );
    assert_eq!(b.partenaires, [("Artois Emballages".to_string(), 3)]);
    assert_eq!(b.ouvertes.len(), 1);
    assert_eq!(
        b.ouvertes[0].1.intitule,
        "Écrire aux entreprises de logistique"
    );
}

fn clore_l_action_la_retire(c: &Connection, cadre: Cadre, r1: i64, aujourdhui: NaiveDate) {
    // Clore l'action avant la fin d'août la retire des actions ouvertes.
    let id = reunions::actions_decidees(c, r1).unwrap()[0].id;
    reunions::clore_action(c, id, dates::lire("30/06/2026").unwrap()).unwrap();
    assert!(
        bilan::modele_bilan(c, 2025, Perimetre::Comite(cadre.id()), aujourdhui)
            .unwrap()
            .ouvertes
            .is_empty()
    );
}

fn comites_du_perimetre(c: &Connection, m: &Monde, aujourdhui: NaiveDate) {
    // Périmètre académie : le comité de Lyon n'y est pas.
    comites::creer(
        c,
        &SaisieComite {
            nom: "CLEE lyonnais".into(),
            academie_id: Some(m.lyon),
            bassin_ids: vec![m.bassin_lyon],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        bilan::modele_bilan(c, 2025, Perimetre::Academie(m.lille), aujourdhui)
            .unwrap()
            .comites
            .len(),
        1
    );
    assert_eq!(
        bilan::modele_bilan(c, 2025, Perimetre::Tous, aujourdhui)
            .unwrap()
            .comites
            .len(),
        2
    );
}

fn bilan_pdf_de_l_academie(c: &Connection, m: &Monde, aujourdhui: NaiveDate) {
    let t = octets_pdf_en_ligne(
        &rapport::rendre_pdf(&bilan::rendre_bilan(
            &bilan::modele_bilan(c, 2025, Perimetre::Academie(m.lille), aujourdhui).unwrap(),
        ))
        .unwrap(),
    );
    for attendu in [
        "Bilan des comités locaux École-entreprise",
        "Académie de Lille",
        "Année scolaire 2025-2026",
        "1 – Les comités",
        "CLEE de Lens-Liévin",
        "Lens-Liévin",
        "Claire Durand et Claire Arnaud",
        "2 – Réunions tenues",
        "2 réunion(s) tenue(s) en 2025-2026.",
        "12/01/2026",
        "Réunion plénière",
        "05/05/2026",
        "Comité de pilotage",
        "3 – Assiduité par collège",
        "Éducation 3 1 0 75 %",
        "Ensemble 8 2 1 73 %",
        "4 – Actions vers les élèves et les équipes",
        "Forum des métiers 2 222 248 470 32",
        "Total 3 243 275 518 36",
        "5 – Partenaires associés",
        "Artois Emballages",
        "6 – Actions de suivi ouvertes",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du bilan :\n{t}");
    }
}

#[test]
fn annee_scolaire_lue_et_refusee() {
    assert_eq!(dates::lire_annee_scolaire("2025-2026"), Ok(2025));
    assert_eq!(dates::lire_annee_scolaire(" 2025/2026 "), Ok(2025));
    for faux in ["2025", "2025-2027", "vingt-vingt", ""] {
        assert!(
            dates::lire_annee_scolaire(faux)
                .unwrap_err()
                .contains("2025-2026"),
            "{faux}"
        );
    }
    assert_eq!(
        dates::annee_scolaire(NaiveDate::from_ymd_opt(2026, 8, 31).unwrap()),
        "2025-2026"
    );
    assert_eq!(
        dates::annee_scolaire(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()),
        "2026-2027"
    );
}

#[test]
fn la_migration_8_garde_les_reunions_des_groupes_de_suivi() {
    let c = Connection::open_in_memory().unwrap();
    base::configurer(&c).unwrap();
    base::migrer_jusqua(&c, 7).unwrap();
    c.execute_batch(
        "INSERT INTO personne (id, civilite, nom, prenom) VALUES (1, 'Mme', 'Durand', 'Claire');
         INSERT INTO convention (id, type, titre, date_effet, duree_mois) VALUES (4, 'autre', 'Convention ancienne', '2025-01-01', 36);
         INSERT INTO suivi_membre (convention_id, personne_id) VALUES (4, 1);
         INSERT INTO reunion_suivi (id, convention_id, date, heure, lieu) VALUES (9, 4, '2025-03-10', '14h00', 'Lens');
         INSERT INTO reunion_point (reunion_id, ordre, intitule, compte_rendu) VALUES (9, 1, 'Ouverture', 'Fait.');
         INSERT INTO reunion_presence (reunion_id, personne_id, etat) VALUES (9, 1, 'present');
         INSERT INTO reunion_decision (reunion_id, texte) VALUES (9, 'Décidé.');
         INSERT INTO suivi_action (id, convention_id, reunion_id, intitule, responsable_id) VALUES (3, 4, 9, 'Action ancienne', 1);",
    )
    .unwrap();
    base::migrer_jusqua(&c, base::VERSION_SCHEMA).unwrap();
    let fk: bool = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk, "les clés étrangères sont rétablies après la migration");
    let d = reunions::detail(&c, 9).unwrap();
    assert_eq!(
        (
            d.reunion.cadre,
            d.reunion.type_.as_str(),
            d.reunion.lieu.as_str()
        ),
        (Cadre::Convention(4), "groupe_suivi", "Lens")
    );
    assert_eq!(
        (d.points.len(), d.decisions.len(), d.actions.len()),
        (1, 1, 1)
    );
    assert_eq!(d.presences[0].etat.map(|e| e.as_str()), Some("present"));
    // Les tables liées citent la nouvelle table : supprimer la convention emporte tout.
    c.execute("DELETE FROM convention WHERE id = 4", [])
        .unwrap();
    for table in [
        "reunion",
        "reunion_point",
        "reunion_presence",
        "reunion_decision",
        "suivi_action",
    ] {
        assert_eq!(compter(&c, table), 0, "{table}");
    }
}

#[test]
fn reunion_et_action_rattachees_a_une_convention() {
    use passerelle_core::conventions::fiches::{self, SaisieConvention};
    let c = base::en_memoire().unwrap();
    let m = monde(&c);
    let comite = comite_lens(&c, &m);
    let conv = fiches::creer(
        &c,
        &SaisieConvention {
            type_: "academie_organisation".into(),
            titre: "Convention académie – Artois Emballages".into(),
            date_effet: "01/09/2025".into(),
            duree: "3 ans".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let r = groupe_de_travail(&c, comite, conv).unwrap();
    assert_eq!(
        r.convention_liee.as_deref(),
        Some("Convention académie – Artois Emballages")
    );
    assert!(groupe_de_travail(&c, comite, 999).is_err());
    let s = SaisieActionClee {
        comite_id: Some(comite),
        date: "12/02/2026".into(),
        type_: "visite_entreprise".into(),
        intitule: "Visite de l'usine".into(),
        filles: "10".into(),
        garcons: "12".into(),
        convention_id: Some(conv),
        ..Default::default()
    };
    actions::creer(&c, &s).unwrap();
    assert_eq!(
        reunions::liees_a_convention(&c, conv)
            .unwrap()
            .iter()
            .map(|x| x.id)
            .collect::<Vec<_>>(),
        [r.id]
    );
    assert_eq!(
        actions::lister(
            &c,
            &actions::FiltreActionsClee {
                convention_id: Some(conv),
                ..Default::default()
            }
        )
        .unwrap()
        .total,
        1
    );
    // La convention citée ne se supprime pas : le message dit où elle sert.
    let e = fiches::supprimer(&c, conv).unwrap_err().to_string();
    assert!(e.contains("réunion") && e.contains("action de CLEE"), "{e}");
    // Le compte rendu la mentionne.
    let t = octets_pdf_en_ligne(
        &documents::fichier_document(&c, r.id, "compte-rendu")
            .unwrap()
            .octets,
    );
    assert!(t.contains("Réunion rattachée à la convention"), "{t}");
}

/// Un groupe de travail du comité, le 10/02/2026, rattaché à la convention `convention`.
fn groupe_de_travail(
    c: &Connection,
    comite: i64,
    convention: i64,
) -> passerelle_core::Resultat<reunions::Reunion> {
    reunions::creer(
        c,
        Cadre::Comite(comite),
        &SaisieReunion {
            type_: "groupe_travail".into(),
            date: "10/02/2026".into(),
            convention_liee_id: Some(convention),
            ..Default::default()
        },
    )
}
