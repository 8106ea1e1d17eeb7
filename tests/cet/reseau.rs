//! Animations, retours, bilan, classeur .ods et suppressions.

use super::outils::*;

#[test]
fn animations_invitations_par_secteur_presences_et_cet_inactifs() {
    let c = base::en_memoire().unwrap();
    let (lille, ids) = registre_manuel(&c);
    let nouvelle = |date: &str, secteurs: &[&str]| {
        let s = animations::SaisieAnimation {
            academie_id: Some(lille),
            reunion: SaisieReunion {
                type_: "animation_thematique".into(),
                date: date.into(),
                heure: "14h".into(),
                lieu: "Rectorat".into(),
                ..Default::default()
            },
            theme: "Accueillir des stagiaires de seconde".into(),
            secteurs: secteurs.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        animations::creer(&c, &s).unwrap()
    };
    animations_refusees(&c, lille);
    let a = nouvelle("12/03/2025", &["métallurgie"]);
    // Anne et Paul (Métallurgie, mandats en cours en mars 2025) ; pas Lina (Bâtiment).
    assert_eq!(
        animations::inviter_par_secteurs(&c, a.reunion.id).unwrap(),
        2
    );
    assert_eq!(
        animations::inviter_par_secteurs(&c, a.reunion.id).unwrap(),
        0,
        "pas d'invitation en double"
    );
    // Paul n'a de mandat qu'à partir de 2023 : en 2022 seule Anne est invitée.
    let ancienne = nouvelle("15/06/2022", &["Métallurgie", "Bâtiment"]);
    assert_eq!(
        animations::inviter_par_secteurs(&c, ancienne.reunion.id).unwrap(),
        2
    );
    let personne = |i: usize| registre::lire(&c, ids[i]).unwrap().personne_id;
    reunions::marquer_presence(&c, a.reunion.id, personne(0), "present").unwrap();
    reunions::marquer_presence(&c, a.reunion.id, personne(1), "excuse").unwrap();
    reunions::marquer_presence(&c, ancienne.reunion.id, personne(2), "present").unwrap();
    let a = animations::lire(&c, a.reunion.id).unwrap();
    assert_eq!((a.invites, a.presents), (2, 1));

    historique_et_cet_inactifs(&c, ids);
    publipostage_et_documents(&c, a.reunion.id);
}

fn historique_et_cet_inactifs(c: &Connection, ids: [i64; 3]) {
    // Historique d'Anne, la plus récente d'abord ; Lina n'a que l'animation de 2022.
    let h = registre::participations(c, ids[0]).unwrap();
    assert_eq!(
        h.iter()
            .map(|p| (p.date, p.etat.clone()))
            .collect::<Vec<_>>(),
        [
            (d("12/03/2025"), Some("present".into())),
            (d("15/06/2022"), None)
        ]
    );
    // Sans participation depuis deux ans (au 27/11/2026) : Paul (excusé) et Lina (2022).
    let inactifs = registre::lister_au(
        c,
        &FiltreCet {
            inactif_depuis_ans: Some(2),
            ..Default::default()
        },
        d("27/11/2026"),
    )
    .unwrap();
    let mut noms: Vec<String> = inactifs.lignes.iter().map(|x| x.prenom.clone()).collect();
    noms.sort();
    assert_eq!(noms, ["Lina", "Paul"]);
    assert_eq!(
        registre::lire(c, ids[0]).unwrap().derniere_participation,
        Some(d("12/03/2025"))
    );
}

/// Publipostage : les invités avec leur courriel ; invitation .ics relue ; documents.
fn publipostage_et_documents(c: &Connection, reunion: i64) {
    let csv = documents::csv_publipostage(c, reunion).unwrap();
    assert!(
        csv.starts_with('\u{feff}')
            && csv.contains("anne@exemple.fr")
            && csv.contains("paul@exemple.fr")
            && !csv.contains("lina@"),
        "{csv}"
    );
    let ics = evenements_ics(&reunions::documents::ics_invitation(c, reunion).unwrap());
    assert_eq!(participants_ics(&ics[0]).len(), 2);
    let t = octets_pdf_en_ligne(
        &documents::fichier_document(c, reunion, "invitation-pdf")
            .unwrap()
            .octets,
    );
    for attendu in [
        "Convocation – Animation thématique – Réseau des CET – académie de Lille",
        "Thème : Accueillir des stagiaires de seconde",
        "Secteurs concernés : métallurgie.",
        "DURAND Anne",
    ] {
        assert!(
            t.contains(attendu),
            "« {attendu} » absent de l'invitation :\n{t}"
        );
    }
    let t = octets_pdf_en_ligne(
        &documents::fichier_document(c, reunion, "emargement")
            .unwrap()
            .octets,
    );
    assert!(
        t.contains("Feuille d'émargement") && t.contains("MOREL Paul"),
        "{t}"
    );
}

/// Type de réunion de comité refusé pour une animation ; académie obligatoire.
fn animations_refusees(c: &Connection, lille: i64) {
    let mauvaise = animations::SaisieAnimation {
        academie_id: Some(lille),
        reunion: SaisieReunion {
            type_: "pleniere".into(),
            date: "01/02/2025".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(animations::creer(c, &mauvaise)
        .unwrap_err()
        .to_string()
        .contains("type de réunion"));
    assert!(
        animations::creer(c, &animations::SaisieAnimation::default())
            .unwrap_err()
            .to_string()
            .contains("académie")
    );
}

#[test]
fn retours_aux_organisations_et_avis_a_l_employeur() {
    let c = base::en_memoire().unwrap();
    let (_, ids) = registre_manuel(&c);
    // Paul : proposé, l'arrêté n'est pas encore pris (mandat sans date d'arrêté).
    c.execute(
        "UPDATE mandat_cet SET date_arrete = NULL WHERE cet_id = ?1",
        [ids[1]],
    )
    .unwrap();
    let jour = d("27/11/2026");
    let t = octets_pdf_en_ligne(
        &rapport::rendre_pdf(&documents::rendre_retour(
            &documents::modele_retour(&c, None, jour).unwrap(),
        ))
        .unwrap(),
    );
    for attendu in [
        "Le 27/11/2026",
        "À l'attention de : Union des métiers du métal",
        "Objet : conseillers entreprise pour l'École proposés par votre organisation",
        "Votre organisation a proposé 3 professionnel(s)",
        "2 ont été nommé(s)",
        "Mme DURAND Anne",
        "01/01/2022 – 31/12/2026",
        "nommé(e) par arrêté du 15/12/2021",
        "proposé(e), arrêté non encore pris",
        "Secteurs représentés : Bâtiment, Métallurgie.",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du retour :\n{t}");
    }
    let csv = documents::rendre_retour_csv(&documents::modele_retour(&c, None, jour).unwrap());
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(csv.contains("Union des métiers du métal;Mme;MOREL;Paul;Métallurgie;;01/01/2023;31/12/2027;;proposé(e), arrêté non encore pris"), "{csv}");
    let id_org: i64 = c
        .query_row(
            "SELECT id FROM organisation WHERE nom = 'Forges de l''Escaut'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(documents::modele_retour(&c, Some(id_org), jour)
        .unwrap_err()
        .to_string()
        .contains("n'a proposé aucun CET"));

    let t = octets_pdf_en_ligne(
        &rapport::rendre_pdf(&documents::rendre_avis_employeur(
            &documents::modele_avis_employeur(&c, ids[0], jour).unwrap(),
        ))
        .unwrap(),
    );
    for attendu in [
        "À l'attention de la direction de : Forges de l'Escaut",
        "Objet : nomination de Mme Anne DURAND en qualité de conseiller entreprise pour l'École",
        "pour le secteur « Métallurgie »",
        "du 01/01/2022 au 31/12/2026",
        "par arrêté du recteur du 15/12/2021",
        "Ses missions : Expertise et conseil, Jurys d'examens.",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent de l'avis :\n{t}");
    }
}

#[test]
fn bilan_annuel_des_cet() {
    let c = base::en_memoire().unwrap();
    let (lille, ids) = registre_manuel(&c);
    renouvellement_jurys_et_animation(&c, lille, ids);

    // 2026-2027 : les trois en fonction ; le mandat de Lina (2027) est un renouvellement ; celui
    // d'Anne finit le 31/12/2026 sans suite (celui de Lina aussi, mais il est renouvelé).
    let b = bilan::modele_bilan(&c, 2026, Some(lille), d("27/11/2026")).unwrap();
    assert_eq!(
        (
            b.en_fonction,
            b.nominations,
            b.renouvellements,
            b.fins_de_mandat
        ),
        (3, 1, 1, 1)
    );
    // 2025-2026 : deux jurys de juin 2026, une animation, les deux mandats 2022-2026 ne finissent qu'en décembre.
    let b = bilan::modele_bilan(&c, 2025, Some(lille), d("27/11/2026")).unwrap();
    assert_eq!(
        b.par_secteur,
        [
            ("CPC non renseignée".to_string(), "Bâtiment".to_string(), 1),
            (
                "CPC non renseignée".to_string(),
                "Métallurgie".to_string(),
                2
            )
        ]
    );
    assert_eq!(
        b.jurys,
        [("Bac pro Technicien en chaudronnerie".to_string(), 2)]
    );
    assert_eq!(b.animations.len(), 1);
    assert_eq!((b.animations[0].invites, b.animations[0].presents), (2, 2));
    let t = octets_pdf_en_ligne(&rapport::rendre_pdf(&bilan::rendre_bilan(&b)).unwrap());
    for attendu in [
        "Bilan des conseillers entreprise pour l'École",
        "Académie de Lille",
        "Année scolaire 2025-2026",
        "3 conseiller(s) entreprise pour l'École en fonction",
        "Total 3",
        "1 animation(s) tenue(s), 2 invitation(s), 2 présence(s) (100 % des invités)",
        "14/01/2026",
        "Séminaire académique",
        "Jurys et certification",
        "Bac pro Technicien en chaudronnerie 2",
    ] {
        assert!(t.contains(attendu), "« {attendu} » absent du bilan :\n{t}");
    }
}

/// Le mandat de Lina renouvelé en 2027, trois jurys (une saisie fautive refusée), un séminaire
/// de la métallurgie où tous les invités sont venus.
fn renouvellement_jurys_et_animation(c: &Connection, lille: i64, ids: [i64; 3]) {
    mandats::ajouter(
        c,
        ids[2],
        &SaisieMandat {
            debut: "01/01/2027".into(),
            fin: "31/12/2031".into(),
            date_arrete: String::new(),
        },
    )
    .unwrap();
    for (cet, session, diplome, date) in [
        (
            ids[0],
            "Session 2026",
            "Bac pro Technicien en chaudronnerie",
            "12/06/2026",
        ),
        (
            ids[1],
            "Session 2026",
            "Bac pro Technicien en chaudronnerie",
            "13/06/2026",
        ),
        (ids[1], "Session 2025", "CAP", "13/06/2025"),
    ] {
        let s = SaisieJury {
            session: session.into(),
            diplome: diplome.into(),
            date: date.into(),
        };
        registre::ajouter_jury(c, cet, &s).unwrap();
    }
    assert!(registre::ajouter_jury(
        c,
        ids[1],
        &SaisieJury {
            session: "".into(),
            diplome: "CAP".into(),
            date: "hier".into()
        }
    )
    .is_err());
    let s = animations::SaisieAnimation {
        academie_id: Some(lille),
        reunion: SaisieReunion {
            type_: "seminaire_academique".into(),
            date: "14/01/2026".into(),
            ..Default::default()
        },
        theme: "Jurys et certification".into(),
        secteurs: vec!["Métallurgie".into()],
        ..Default::default()
    };
    let a = animations::creer(c, &s).unwrap();
    animations::inviter_par_secteurs(c, a.reunion.id).unwrap();
    reunions::marquer_non_pointes_presents(c, a.reunion.id).unwrap();
}

#[test]
fn classeur_ods_tenu_sous_libreoffice() {
    let c = base_lille();
    let ods = include_bytes!("../fixtures/cet.ods");
    let apercu = import::apercu(ods).unwrap();
    assert!(apercu.format.contains(".ods"), "{}", apercu.format);
    assert_eq!(apercu.lignes, 2);
    let r = import::importer(&c, ods, None, false, &Suivi::default()).unwrap();
    assert_eq!(r.importees, 2);
    let x = registre::lister(
        &c,
        &FiltreCet {
            liste: passerelle_core::liste::ParametresListe {
                recherche: "lefevre".into(),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (x.total, x.lignes[0].employeur.as_deref()),
        (1, Some("Forges de l'Escaut"))
    );
}

#[test]
fn suppressions_refusees_tant_que_le_registre_cite() {
    let c = base::en_memoire().unwrap();
    let (_, ids) = registre_manuel(&c);
    let x = registre::lire(&c, ids[0]).unwrap();
    // La personne et son employeur sont cités par le registre : le message le dit, avec le nom.
    let e = sans_nbsp(
        &personnes::supprimer(&c, x.personne_id)
            .unwrap_err()
            .to_string(),
    );
    assert!(
        e.contains("registre des CET") && e.contains("Anne DURAND"),
        "{e}"
    );
    let e = sans_nbsp(
        &organisations::supprimer(&c, x.employeur_id.unwrap())
            .unwrap_err()
            .to_string(),
    );
    assert!(e.contains("registre des CET"), "{e}");
    // Retirer le CET du registre emporte ses mandats ; la personne reste dans l'annuaire.
    registre::supprimer(&c, ids[0]).unwrap();
    assert_eq!(compter(&c, "mandat_cet"), 2);
    assert!(personnes::supprimer(&c, x.personne_id).is_ok());
}

/// Le registre se cherche par la personne (index plein texte des personnes) comme par la fiche
/// du CET (secteur, employeur) ; trié par nom, dans les deux sens, nom et prénom compris.
#[test]
fn registre_cherche_et_trie_par_nom() {
    let c = base::en_memoire().unwrap();
    registre_manuel(&c);
    let noms = |recherche: &str, descendant: bool| -> Vec<String> {
        let f = FiltreCet {
            liste: passerelle_core::liste::ParametresListe {
                recherche: recherche.into(),
                descendant,
                ..Default::default()
            },
            ..Default::default()
        };
        let l = registre::lister(&c, &f).unwrap();
        assert_eq!(l.total as usize, l.lignes.len());
        l.lignes.into_iter().map(|x| x.nom).collect()
    };
    assert_eq!(noms("", false), ["DURAND", "MOREL", "ROY"]);
    assert_eq!(noms("", true), ["ROY", "MOREL", "DURAND"]);
    assert_eq!(noms("morel", false), ["MOREL"]);
    assert_eq!(noms("metallurgie", false), ["DURAND", "MOREL"]);
    assert_eq!(noms("metallurgie anne", false), ["DURAND"]);
    assert_eq!(noms("escaut lina", false), ["ROY"]);
    assert!(noms("durand batiment", false).is_empty());
}
